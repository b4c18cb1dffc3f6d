// Reference: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., algorithms 2 (KepEqtnE),
// 4 (KepEqtnH), 5 (nu2anomaly), 6 (anomaly2nu), 9 (RV2COE) and 10 (COE2RV).
#include "deorbit/orbit/keplerian.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

constexpr double kSmall = 1e-11;  // below this, e or sin(i) counts as zero for choosing conventions

double wrap_two_pi(double a) {
  a = std::fmod(a, constants::two_pi);
  return a < 0 ? a + constants::two_pi : a;
}

// Angle between two vectors, signed into [0, 2pi) by the sign of `sign_test`.
double angle_with_sign(const Vec3& a, const Vec3& b, double sign_test) {
  double c = a.dot(b) / (a.norm() * b.norm());
  double angle = std::acos(std::clamp(c, -1.0, 1.0));
  return sign_test < 0 ? constants::two_pi - angle : angle;
}

}  // namespace

KeplerianElements to_keplerian(const Vec3& r, const Vec3& v, double mu) {
  double rn = r.norm(), vn = v.norm();
  if (!(rn > 0) || !std::isfinite(rn) || !std::isfinite(vn)) throw InputError("to_keplerian: position must be non-zero and finite");
  Vec3 h = r.cross(v);
  double hn = h.norm();
  if (hn < 1e-12 * rn * std::max(vn, 1e-30)) throw InputError("to_keplerian: rectilinear orbit (r parallel to v)");
  Vec3 n(-h.y(), h.x(), 0.0);  // node vector k x h
  Vec3 e_vec = ((vn * vn - mu / rn) * r - r.dot(v) * v) / mu;
  double e = e_vec.norm();
  double energy = vn * vn / 2 - mu / rn;
  if (std::abs(e - 1.0) < 1e-12) throw InputError("to_keplerian: parabolic orbit (e = 1) has no semi-major axis");

  KeplerianElements k;
  k.eccentricity = e;
  k.semi_major_axis = -mu / (2 * energy);
  k.inclination = std::acos(std::clamp(h.z() / hn, -1.0, 1.0));
  bool circular = e < kSmall;
  bool equatorial = n.norm() < kSmall * hn;
  if (!equatorial) k.raan = angle_with_sign(Vec3::UnitX(), n, n.y());
  if (!circular && !equatorial) {
    k.arg_of_perigee = angle_with_sign(n, e_vec, e_vec.z());
  } else if (!circular && equatorial) {  // longitude of perigee, measured in the direction of motion
    double lp = std::atan2(e_vec.y(), e_vec.x());
    k.arg_of_perigee = wrap_two_pi(h.z() >= 0 ? lp : -lp);
  }
  if (!circular) {
    k.true_anomaly = angle_with_sign(e_vec, r, r.dot(v));
  } else if (!equatorial) {  // argument of latitude
    k.true_anomaly = angle_with_sign(n, r, r.z());
  } else {  // true longitude
    double l = std::atan2(r.y(), r.x());
    k.true_anomaly = wrap_two_pi(h.z() >= 0 ? l : -l);
  }
  if (e > 1 && k.true_anomaly > constants::pi) k.true_anomaly -= constants::two_pi;
  return k;
}

std::pair<Vec3, Vec3> to_cartesian(const KeplerianElements& k, double mu) {
  double e = k.eccentricity, a = k.semi_major_axis;
  if (!(e >= 0) || std::abs(e - 1.0) < 1e-12) throw InputError(fmt::format("to_cartesian: eccentricity {} not allowed", e));
  if ((e < 1 && !(a > 0)) || (e > 1 && !(a < 0)))
    throw InputError(fmt::format("to_cartesian: semi-major axis {} m has the wrong sign for e = {}", a, e));
  double nu = k.true_anomaly;
  if (e > 1 && std::abs(nu) >= std::acos(-1.0 / e))
    throw InputError(fmt::format("to_cartesian: true anomaly {} rad is beyond the hyperbola's asymptotes", nu));
  double p = a * (1 - e * e);
  double cn = std::cos(nu), sn = std::sin(nu);
  double rn = p / (1 + e * cn);
  Vec3 r_pqw(rn * cn, rn * sn, 0);
  Vec3 v_pqw(-std::sqrt(mu / p) * sn, std::sqrt(mu / p) * (e + cn), 0);
  Mat3 rot = (Eigen::AngleAxisd(k.raan, Vec3::UnitZ()) * Eigen::AngleAxisd(k.inclination, Vec3::UnitX()) *
              Eigen::AngleAxisd(k.arg_of_perigee, Vec3::UnitZ()))
                 .toRotationMatrix();
  return {rot * r_pqw, rot * v_pqw};
}

double mean_to_eccentric_anomaly(double m, double e) {
  if (!(e >= 0) || e == 1.0 || !std::isfinite(m)) throw InputError(fmt::format("Kepler's equation: e = {} not allowed", e));
  if (e < 1) {
    double mm = std::remainder(m, constants::two_pi);
    double E = e < 0.8 ? mm : (mm < 0 ? -constants::pi : constants::pi);
    for (int i = 0; i < 50; ++i) {
      double d = (E - e * std::sin(E) - mm) / (1 - e * std::cos(E));
      E -= d;
      if (std::abs(d) < 1e-15) break;
    }
    return E + (m - mm);
  }
  double H = std::asinh(m / e);
  for (int i = 0; i < 100; ++i) {
    double d = (e * std::sinh(H) - H - m) / (e * std::cosh(H) - 1);
    H -= d;
    if (std::abs(d) < 1e-15 * std::max(1.0, std::abs(H))) break;
  }
  return H;
}

double eccentric_to_true_anomaly(double E, double e) {
  if (e < 1) return 2 * std::atan2(std::sqrt(1 + e) * std::sin(E / 2), std::sqrt(1 - e) * std::cos(E / 2));
  return 2 * std::atan(std::sqrt((e + 1) / (e - 1)) * std::tanh(E / 2));
}

double true_to_eccentric_anomaly(double nu, double e) {
  if (e < 1) return 2 * std::atan2(std::sqrt(1 - e) * std::sin(nu / 2), std::sqrt(1 + e) * std::cos(nu / 2));
  return 2 * std::atanh(std::sqrt((e - 1) / (e + 1)) * std::tan(nu / 2));
}

double eccentric_to_mean_anomaly(double E, double e) {
  return e < 1 ? E - e * std::sin(E) : e * std::sinh(E) - E;
}

double osculating_period(const Vec3& r, const Vec3& v, double mu) {
  const double a = std::abs(to_keplerian(r, v, mu).semi_major_axis);
  return constants::two_pi * std::sqrt(a * a * a / mu);
}

}  // namespace deorbit

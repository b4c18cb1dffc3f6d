// Earth shadow (Montenbruck & Gill 2000, sec. 3.4.2; ellipsoid limb as in Orekit's OccultationEngine).
#include "deorbit/forces/shadow.h"

#include <algorithm>
#include <cmath>

namespace deorbit {
namespace {

double angle_between(const Vec3& a, const Vec3& b) { return std::atan2(a.cross(b).norm(), a.dot(b)); }

}  // namespace

double disc_visible_fraction(double a, double b, double c) {
  if (c >= a + b) return 1.0;  // discs apart
  if (c <= b - a) return 0.0;  // Sun entirely behind the Earth: umbra
  if (c <= a - b) return 1.0 - (b * b) / (a * a);  // Earth entirely inside the Sun's disc (annular; far from Earth)
  // Partial overlap (M&G eq. 3.85-3.87): x is the distance from the Sun's centre to the chord through the two
  // intersection points, y half the chord.
  const double x = (c * c + a * a - b * b) / (2.0 * c);
  const double y = std::sqrt(std::max(0.0, a * a - x * x));
  const double area = a * a * std::acos(std::clamp(x / a, -1.0, 1.0)) +
                      b * b * std::acos(std::clamp((c - x) / b, -1.0, 1.0)) - c * y;
  return std::clamp(1.0 - area / (constants::pi * a * a), 0.0, 1.0);
}

std::optional<double> sun_visible_fraction_bounds(const Vec3& r, const Vec3& sun, double inner_radius,
                                                  double outer_radius, double solar_radius) {
  const Vec3 to_sun = sun - r;
  const double d = r.norm(), s = to_sun.norm();
  if (!(d > outer_radius) || !(s > solar_radius)) return std::nullopt;
  // Angles compared through their cosines: c (Sun centre to Earth centre as seen from r) against the sums and
  // differences of the apparent radii. The margin keeps the answer clear of the full models' round-off.
  constexpr double margin = 1e-12;
  const double cos_c = -to_sun.dot(r) / (s * d);
  const double sin_a = solar_radius / s, cos_a = std::sqrt(1.0 - sin_a * sin_a);
  const double sin_out = outer_radius / d, cos_out = std::sqrt(1.0 - sin_out * sin_out);
  if (cos_c <= cos_a * cos_out - sin_a * sin_out - margin) return 1.0;  // c >= a + outer: discs apart
  const double sin_in = inner_radius / d, cos_in = std::sqrt(1.0 - sin_in * sin_in);
  if (sin_in > sin_a && cos_c >= cos_in * cos_a + sin_in * sin_a + margin) return 0.0;  // c <= inner - a: umbra
  return std::nullopt;
}

double sun_visible_fraction_conical(const Vec3& r, const Vec3& sun, double earth_radius, double solar_radius) {
  if (auto decided = sun_visible_fraction_bounds(r, sun, earth_radius, earth_radius, solar_radius)) return *decided;
  const Vec3 to_sun = sun - r;
  const double r_norm = r.norm();
  if (r_norm <= earth_radius) return 0.0;  // inside the sphere: no light (keeps the function defined for events)
  const double a = std::asin(solar_radius / to_sun.norm());
  const double b = std::asin(earth_radius / r_norm);
  const double c = angle_between(to_sun, -r);
  return disc_visible_fraction(a, b, c);
}

double sun_visible_fraction_cylindrical(const Vec3& r, const Vec3& sun, double earth_radius) {
  const Vec3 s = sun.normalized();
  const double along = r.dot(s);
  if (along >= 0.0) return 1.0;  // on the Sun's side of the terminator plane
  return (r - along * s).squaredNorm() < earth_radius * earth_radius ? 0.0 : 1.0;
}

double sun_visible_fraction_ellipsoid(const Vec3& r_body, const Vec3& sun_body, double a, double f,
                                      double solar_radius) {
  // Limb point P of the ellipsoid x'Qx = 1, Q = diag(1/a^2, 1/a^2, 1/b^2), seen from O = r_body, in the plane
  // spanned by O and the Sun: P lies on the polar plane of O (P'QO = 1, the tangency condition) and on the ellipsoid.
  const double b = a * (1.0 - f);
  if (auto decided = sun_visible_fraction_bounds(r_body, sun_body, b, a, solar_radius)) return *decided;
  const Vec3 q_diag(1.0 / (a * a), 1.0 / (a * a), 1.0 / (b * b));
  const Vec3& o = r_body;
  if (o.cwiseProduct(q_diag).dot(o) <= 1.0) return 0.0;  // inside the ellipsoid
  const Vec3 e1 = o.normalized();
  Vec3 w = sun_body - sun_body.dot(e1) * e1;
  if (w.squaredNorm() < 1e-30 * sun_body.squaredNorm()) {
    // Sun exactly behind or in front of the Earth: any plane through O does; pick one.
    w = e1.cross(std::abs(e1.x()) < 0.9 ? Vec3::UnitX() : Vec3::UnitY());
  }
  const Vec3 e2 = w.normalized();
  const Vec3 qo = o.cwiseProduct(q_diag);
  const double k1 = e1.dot(qo), k2 = e2.dot(qo);
  const double q11 = e1.cwiseProduct(q_diag).dot(e1), q12 = e1.cwiseProduct(q_diag).dot(e2),
               q22 = e2.cwiseProduct(q_diag).dot(e2);
  // P = alpha e1 + beta e2 with alpha = (1 - beta k2)/k1 = a0 + a1 beta; then a quadratic in beta.
  const double a0 = 1.0 / k1, a1 = -k2 / k1;
  const double qa = q11 * a1 * a1 + 2.0 * q12 * a1 + q22;
  const double qb = 2.0 * (q11 * a0 * a1 + q12 * a0);
  const double qc = q11 * a0 * a0 - 1.0;  // < 0: the point a0 e1 is inside the ellipsoid
  const double disc = std::sqrt(std::max(0.0, qb * qb - 4.0 * qa * qc));
  // The root on the Sun's side of the plane (larger beta), in the cancellation-free form.
  const double beta = qb >= 0.0 ? (2.0 * qc) / (-qb - disc) : (-qb + disc) / (2.0 * qa);
  const Vec3 limb = (a0 + a1 * beta) * e1 + beta * e2;

  const Vec3 to_sun = sun_body - o;
  const double sun_apparent = std::asin(solar_radius / to_sun.norm());
  const double earth_apparent = angle_between(limb - o, -o);
  const double separation = angle_between(to_sun, -o);
  return disc_visible_fraction(sun_apparent, earth_apparent, separation);
}

double sun_visible_fraction(const ForceContext& ctx, ShadowModel model) {
  switch (model) {
    case ShadowModel::none: return 1.0;
    case ShadowModel::cylindrical: return sun_visible_fraction_cylindrical(ctx.r, ctx.sun);
    case ShadowModel::conical_sphere: return sun_visible_fraction_conical(ctx.r, ctx.sun);
    case ShadowModel::conical_ellipsoid:
      return sun_visible_fraction_ellipsoid(ctx.r_itrf, ctx.gcrf_to_itrf * ctx.sun);
  }
  return 1.0;
}

}  // namespace deorbit

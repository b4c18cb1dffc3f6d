// Reference: IERS Conventions (2010) eqs. 5.1, 5.10 (CIO-based chain), through ERFA.
#include "deorbit/frames/earth_rotation.h"

#include <cmath>

#include <erfa.h>

#include "deorbit/frames/transforms.h"

namespace deorbit {
namespace {

Mat3 to_eigen(const double m[3][3]) {
  Mat3 out;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) out(i, j) = m[i][j];
  return out;
}

}  // namespace

const EarthRotationCache::Node& EarthRotationCache::node(std::int64_t hour) {
  if (auto it = nodes_.find(hour); it != nodes_.end()) return it->second;
  Epoch t = Epoch::from_mjd(TimeScale::UTC, 51544.0, static_cast<double>(hour) / 24.0);
  JulianDate tt = t.jd(TimeScale::TT);
  EopValues v = eop_->at(t);
  Node n{};
  eraXys06a(tt.whole, tt.fraction, &n.x, &n.y, &n.s);
  n.x += v.dx;
  n.y += v.dy;
  JulianDate ut1 = t.jd(TimeScale::UT1, *eop_), tai = t.jd(TimeScale::TAI);
  n.ut1_minus_tai = ((ut1.whole - tai.whole) + (ut1.fraction - tai.fraction)) * 86400.0;
  n.xp = v.xp;
  n.yp = v.yp;
  n.sp = eraSp00(tt.whole, tt.fraction);
  n.lod = v.lod;
  return nodes_.emplace(hour, n).first->second;
}

EarthAttitude EarthRotationCache::at(const Epoch& t) {
  // Nodes sit on whole UTC hours, so that the EOP table's daily rows (0h UTC), between which it interpolates
  // linearly, fall on nodes and the linear parts here reproduce it exactly.
  double hours = (t.mjd(TimeScale::UTC) - 51544.0) * 24.0;
  auto h0 = static_cast<std::int64_t>(std::floor(hours));
  double u = hours - static_cast<double>(h0);
  const Node& a = node(h0 - 1);
  const Node& b = node(h0);
  const Node& c = node(h0 + 1);
  const Node& d = node(h0 + 2);
  // 4-point Lagrange weights at nodes -1, 0, 1, 2.
  double wa = -u * (u - 1) * (u - 2) / 6, wb = (u + 1) * (u - 1) * (u - 2) / 2;
  double wc = -(u + 1) * u * (u - 2) / 2, wd = (u + 1) * u * (u - 1) / 6;
  auto lagrange = [&](double Node::*f) { return wa * a.*f + wb * b.*f + wc * c.*f + wd * d.*f; };
  auto linear = [&](double Node::*f) { return b.*f + u * (c.*f - b.*f); };

  double rc2i[3][3], rpom[3][3];
  eraC2ixys(lagrange(&Node::x), lagrange(&Node::y), lagrange(&Node::s), rc2i);
  eraPom00(linear(&Node::xp), linear(&Node::yp), linear(&Node::sp), rpom);
  // ERA from UT1 as a two-part date: TAI date plus the interpolated UT1-TAI.
  JulianDate tai = t.jd(TimeScale::TAI);
  double era = eraEra00(tai.whole, tai.fraction + linear(&Node::ut1_minus_tai) / 86400.0);
  double r[3][3];
  eraIr(r);
  eraRz(era, r);
  EarthAttitude out;
  out.gcrf_to_itrf = to_eigen(rpom) * to_eigen(r) * to_eigen(rc2i);
  out.rotation_rate = earth_rotation_rate(linear(&Node::lod));
  return out;
}

}  // namespace deorbit

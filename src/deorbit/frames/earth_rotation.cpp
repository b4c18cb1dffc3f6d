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

const EarthRotationNodes::Node& EarthRotationNodes::node(std::int64_t hour) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = nodes_.find(hour); it != nodes_.end()) return it->second;
  }
  // Computed outside the lock; two threads may compute the same node, and the first one stored wins.
  Epoch t = Epoch::from_mjd(TimeScale::UTC, 51544.0, static_cast<double>(hour) / 24.0);
  JulianDate tt = t.jd(TimeScale::TT);
  EopValues v = eop_->at(t);
  Node n{};
  n.epoch = t;
  double x = 0, y = 0, s = 0, rc2i[3][3], rpom[3][3];
  eraXys06a(tt.whole, tt.fraction, &x, &y, &s);
  eraC2ixys(x + v.dx, y + v.dy, s, rc2i);
  n.c2i = to_eigen(rc2i);
  eraPom00(v.xp, v.yp, eraSp00(tt.whole, tt.fraction), rpom);
  n.polar = to_eigen(rpom);
  JulianDate ut1 = t.jd(TimeScale::UT1, *eop_), tai = t.jd(TimeScale::TAI);
  n.ut1_minus_tai = ((ut1.whole - tai.whole) + (ut1.fraction - tai.fraction)) * 86400.0;
  n.lod = v.lod;
  std::lock_guard lock(mutex_);
  return nodes_.emplace(hour, n).first->second;
}

void EarthRotationCache::move_window(std::int64_t h0) {
  if (window_valid_ && h0 == window_h0_ + 1) {  // the common case going forward: one new node
    window_ = {window_[1], window_[2], window_[3], &nodes_->node(h0 + 2)};
  } else if (!window_valid_ || h0 != window_h0_) {
    window_ = {&nodes_->node(h0 - 1), &nodes_->node(h0), &nodes_->node(h0 + 1), &nodes_->node(h0 + 2)};
  }
  window_h0_ = h0;
  window_valid_ = true;
}

EarthAttitude EarthRotationCache::at(const Epoch& t) {
  // Nodes sit on whole UTC hours, so that the EOP table's daily rows (0h UTC), between which it interpolates
  // linearly, fall on nodes and the linear parts here reproduce it exactly. Inside the current hour the fraction
  // is taken from TAI (an hour holding a leap second simply has 3601 s).
  double u = 0;
  if (window_valid_ && t >= window_[1]->epoch && t < window_[2]->epoch) {
    u = (t - window_[1]->epoch) / (window_[2]->epoch - window_[1]->epoch);
  } else {
    double hours = (t.mjd(TimeScale::UTC) - 51544.0) * 24.0;
    auto h0 = static_cast<std::int64_t>(std::floor(hours));
    move_window(h0);
    u = (t - window_[1]->epoch) / (window_[2]->epoch - window_[1]->epoch);
  }
  const Node& a = *window_[0];
  const Node& b = *window_[1];
  const Node& c = *window_[2];
  const Node& d = *window_[3];
  // 4-point Lagrange weights at nodes -1, 0, 1, 2.
  double wa = -u * (u - 1) * (u - 2) / 6, wb = (u + 1) * (u - 1) * (u - 2) / 2;
  double wc = -(u + 1) * u * (u - 2) / 2, wd = (u + 1) * u * (u - 1) / 6;
  Mat3 c2i = wa * a.c2i + wb * b.c2i + wc * c.c2i + wd * d.c2i;
  Mat3 polar = b.polar + u * (c.polar - b.polar);
  double ut1_minus_tai = b.ut1_minus_tai + u * (c.ut1_minus_tai - b.ut1_minus_tai);
  // ERA from UT1 as a two-part date: TAI date plus the interpolated UT1-TAI.
  JulianDate tai = t.jd(TimeScale::TAI);
  double era = eraEra00(tai.whole, tai.fraction + ut1_minus_tai / 86400.0);
  double ce = std::cos(era), se = std::sin(era);
  Mat3 rz;
  rz << ce, se, 0, -se, ce, 0, 0, 0, 1;
  EarthAttitude out;
  out.gcrf_to_itrf = polar * (rz * c2i);
  out.rotation_rate = earth_rotation_rate(b.lod + u * (c.lod - b.lod));
  return out;
}

}  // namespace deorbit

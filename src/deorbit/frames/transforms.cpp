// References: IERS Conventions (2010) ch. 5 via ERFA (eraXys06a, eraC2ixys, eraEra00, eraSp00, eraPom00, eraBp06);
// Vallado et al., AIAA 2006-6753, sec. "TEME" (r_PEF = R3(GMST82) r_TEME) and eraGmst82.
#include "deorbit/frames/transforms.h"

#include <erfa.h>

namespace deorbit {
namespace {

Mat3 to_eigen(const double m[3][3]) {
  Mat3 out;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) out(i, j) = m[i][j];
  return out;
}

Mat3 rot_z(double angle) {  // frame rotation, as ERFA's eraRz applied to the identity
  double r[3][3];
  eraIr(r);
  eraRz(angle, r);
  return to_eigen(r);
}

// The pieces of the chain from an inertial frame to ITRF at one epoch.
struct EarthChain {
  Mat3 polar;          // TIRS/PEF -> ITRF
  double omega = 0;    // [rad/s] rotation rate of the Earth-fixed frames
};

EarthChain earth_chain(const Epoch& t, const EopValues& eop) {
  JulianDate tt = t.jd(TimeScale::TT);
  double rpom[3][3];
  eraPom00(eop.xp, eop.yp, eraSp00(tt.whole, tt.fraction), rpom);
  return {to_eigen(rpom), earth_rotation_rate(eop.lod)};
}

// Rotation from an inertial frame to the rotating intermediate frame (TIRS for GCRF, PEF for TEME).
Mat3 inertial_to_rotating(Frame frame, const Epoch& t, const EarthOrientation& table, const EopValues& eop) {
  JulianDate ut1 = t.jd(TimeScale::UT1, table);
  if (frame == Frame::TEME) return rot_z(eraGmst82(ut1.whole, ut1.fraction));
  JulianDate tt = t.jd(TimeScale::TT);
  double x = 0, y = 0, s = 0, rc2i[3][3];
  eraXys06a(tt.whole, tt.fraction, &x, &y, &s);
  eraC2ixys(x + eop.dx, y + eop.dy, s, rc2i);
  Mat3 gcrf_to_tirs = rot_z(eraEra00(ut1.whole, ut1.fraction)) * to_eigen(rc2i);
  if (frame == Frame::EME2000) {
    double rb[3][3], rp[3][3], rbp[3][3];
    eraBp06(tt.whole, tt.fraction, rb, rp, rbp);
    return gcrf_to_tirs * to_eigen(rb).transpose();  // EME2000 -> GCRF -> TIRS
  }
  return gcrf_to_tirs;
}

// State into ITRF from any frame.
void to_itrf(Frame from, const Epoch& t, const EarthOrientation& table, Vec3& r, Vec3& v) {
  if (from == Frame::ITRF) return;
  EopValues eop = table.at(t);
  EarthChain chain = earth_chain(t, eop);
  Mat3 m = inertial_to_rotating(from, t, table, eop);
  Vec3 r_rot = m * r;
  Vec3 v_rot = m * v - Vec3(0, 0, chain.omega).cross(r_rot);
  r = chain.polar * r_rot;
  v = chain.polar * v_rot;
}

void from_itrf(Frame to, const Epoch& t, const EarthOrientation& table, Vec3& r, Vec3& v) {
  if (to == Frame::ITRF) return;
  EopValues eop = table.at(t);
  EarthChain chain = earth_chain(t, eop);
  Mat3 m = inertial_to_rotating(to, t, table, eop);
  Vec3 r_rot = chain.polar.transpose() * r;
  Vec3 v_rot = chain.polar.transpose() * v + Vec3(0, 0, chain.omega).cross(r_rot);
  r = m.transpose() * r_rot;
  v = m.transpose() * v_rot;
}

Mat3 frame_bias(const Epoch& t) {  // GCRF -> EME2000
  JulianDate tt = t.jd(TimeScale::TT);
  double rb[3][3], rp[3][3], rbp[3][3];
  eraBp06(tt.whole, tt.fraction, rb, rp, rbp);
  return to_eigen(rb);
}

bool celestial_pair(Frame a, Frame b) {
  return (a == Frame::GCRF || a == Frame::EME2000) && (b == Frame::GCRF || b == Frame::EME2000);
}

}  // namespace

Mat3 rtn_axes(const Vec3& r, const Vec3& v) {
  const Vec3 R = r.normalized(), N = r.cross(v).normalized();
  Mat3 axes;
  axes.row(0) = R.transpose();
  axes.row(1) = N.cross(R).transpose();
  axes.row(2) = N.transpose();
  return axes;
}

double earth_rotation_rate(double lod) {
  // 2 pi * 1.00273781191135448 / 86400 rad/s: the rate of the Earth rotation angle (IERS 2010 eq. 5.15).
  constexpr double nominal = 7.292115146706979e-5;
  return nominal * (1.0 - lod / 86400.0);
}

StateVector FrameTransformer::transform(const StateVector& state, Frame to) const {
  StateVector out = state;
  out.frame = to;
  if (state.frame == to) return out;
  if (celestial_pair(state.frame, to)) {  // a constant rotation: no Earth orientation needed
    Mat3 m = rotation(state.frame, to, state.epoch);
    out.r = m * state.r;
    out.v = m * state.v;
    return out;
  }
  to_itrf(state.frame, state.epoch, *eop_, out.r, out.v);
  from_itrf(to, state.epoch, *eop_, out.r, out.v);
  return out;
}

Mat3 FrameTransformer::rotation(Frame from, Frame to, const Epoch& epoch) const {
  if (from == to) return Mat3::Identity();
  if (celestial_pair(from, to)) {
    Mat3 b = frame_bias(epoch);
    return from == Frame::GCRF ? b : Mat3(b.transpose());
  }
  auto to_itrf_matrix = [&](Frame f) -> Mat3 {
    if (f == Frame::ITRF) return Mat3::Identity();
    EopValues eop = eop_->at(epoch);
    return earth_chain(epoch, eop).polar * inertial_to_rotating(f, epoch, *eop_, eop);
  };
  return to_itrf_matrix(to).transpose() * to_itrf_matrix(from);
}

}  // namespace deorbit

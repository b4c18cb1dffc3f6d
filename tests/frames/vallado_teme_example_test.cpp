// Validation: the worked TEME example of Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3",
// AIAA 2006-6753 (also Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., Example 3-15).
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/frames/transforms.h"

namespace deorbit {
namespace {

using constants::arcsec;

// Published values (km, km/s) at 2004-04-06 07:51:28.386009 UTC.
const Vec3 kTemeR(5094.18016210, 6127.64465950, 6380.34453270);
const Vec3 kTemeV(-4.746131487, 0.785818041, 5.531931288);
const Vec3 kItrfR(-1033.4793830, 7901.2952754, 6380.3565958);
const Vec3 kItrfV(-3.225636520, -2.872451450, 5.531924446);
// IAU-76/FK5 reduction with the dPsi, dEps corrections: GCRF (Vallado, Fundamentals, 4th ed., Table 3-6).
const Vec3 kGcrfR(5102.50895790, 6123.01140070, 6378.13692820);
const Vec3 kGcrfV(-4.7432201570, 0.7905364970, 5.5337557270);
// J2000 as printed in AIAA 2006-6753 (FK5 reduction without the corrections), 0.1 m resolution.
const Vec3 kPaperJ2000R(5102.5096, 6123.01152, 6378.1363);

// The EOP values the example gives, held constant over the two days around the epoch.
EarthOrientation example_eop() {
  EopValues v;
  v.ut1_minus_utc = -0.4399619;
  v.lod = 0.0015563;
  v.xp = -0.140682 * arcsec;
  v.yp = 0.333309 * arcsec;
  v.dpsi = -0.052195 * arcsec;
  v.deps = -0.003875 * arcsec;
  return EarthOrientation({{53101, v, false}, {53102, v, false}}, "Vallado AIAA 2006-6753 example");
}

StateVector teme_state() {
  return {Epoch::from_iso("2004-04-06T07:51:28.386009Z"), Frame::TEME, kTemeR * 1e3, kTemeV * 1e3};
}

TEST(ValladoTemeExample, TemeToItrfWithinACentimetre) {
  EarthOrientation eop = example_eop();
  FrameTransformer frames(eop);
  StateVector itrf = frames.transform(teme_state(), Frame::ITRF);
  double dr = (itrf.r - kItrfR * 1e3).norm(), dv = (itrf.v - kItrfV * 1e3).norm();
  std::printf("TEME->ITRF: |dr| = %.3e m, |dv| = %.3e m/s\n", dr, dv);
  RecordProperty("teme_itrf_dr_m", std::to_string(dr));
  EXPECT_LT(dr, 0.01);
  EXPECT_LT(dv, 1e-5);
  // The 8.7 mm are a turn about the z axis: radial and z parts below the reference's 0.1 mm, and the turn is
  // 1.5e-5 s of Earth rotation, less than half the 4.0e-5 s resolution of the Julian date of UT1 in one double
  // (near JD 2453101) in which the reference carries it.
  const Vec3 d = itrf.r - kItrfR * 1e3;
  const double radial = d.dot(itrf.r.normalized());
  const double turn = dr / (earth_rotation_rate(0.0015563) * std::hypot(itrf.r.x(), itrf.r.y()));
  std::printf("TEME->ITRF: radial %.2e m, z %.2e m; as Earth rotation %.2e s\n", radial, d.z(), turn);
  EXPECT_LT(std::abs(radial), 1e-4);
  EXPECT_LT(std::abs(d.z()), 1e-4);
  EXPECT_LT(turn, 2.0e-5);
  // And back.
  StateVector teme = frames.transform(itrf, Frame::TEME);
  EXPECT_LT((teme.r - kTemeR * 1e3).norm(), 1e-6);
  EXPECT_LT((teme.v - kTemeV * 1e3).norm(), 1e-9);
}

TEST(ValladoTemeExample, TemeToGcrfAgreesWithTheCorrectedFk5ReductionAndExplainsJ2000) {
  EarthOrientation eop = example_eop();
  FrameTransformer frames(eop);
  StateVector gcrf = frames.transform(teme_state(), Frame::GCRF);
  // (1) The book's FK5 reduction with the IERS dPsi/dEps corrections lands in GCRF: the corrections absorb the
  //     frame bias and the IAU 1980 nutation errors. IAU 2006/2000A must agree to millimetres.
  double dr = (gcrf.r - kGcrfR * 1e3).norm(), dv = (gcrf.v - kGcrfV * 1e3).norm();
  // (2) The paper prints J2000 from the FK5 reduction without those corrections (0.1 m resolution). It differs
  //     from GCRF by about a metre; the frame bias (GCRF -> EME2000) takes up most of it.
  double dj = (gcrf.r - kPaperJ2000R * 1e3).norm();
  StateVector eme = frames.transform(gcrf, Frame::EME2000);
  double dj_eme = (eme.r - kPaperJ2000R * 1e3).norm();
  std::printf("TEME->GCRF vs corrected FK5 (GCRF): |dr| = %.4f m, |dv| = %.3e m/s\n", dr, dv);
  std::printf("TEME->GCRF vs paper J2000: |dr| = %.3f m; TEME->EME2000 vs paper J2000: |dr| = %.3f m\n", dj, dj_eme);
  EXPECT_LT(dr, 0.01);  // measured 3.8 mm
  EXPECT_LT(dv, 6e-6);  // measured 2.6 um/s
  // Measured 0.90 m and 0.72 m; the paper's vector is printed to 0.1 m.
  EXPECT_NEAR(dj, 0.90, 0.1);  // GCRF is not the uncorrected J2000
  EXPECT_NEAR(dj_eme, 0.72, 0.1);
  EXPECT_LT(dj_eme, dj);
}

TEST(Frames, RoundTripsBetweenEveryPair) {
  EarthOrientation eop = example_eop();
  FrameTransformer frames(eop);
  StateVector s = teme_state();
  for (Frame a : {Frame::GCRF, Frame::EME2000, Frame::TEME, Frame::ITRF}) {
    for (Frame b : {Frame::GCRF, Frame::EME2000, Frame::TEME, Frame::ITRF}) {
      StateVector sa = frames.transform(s, a);
      StateVector back = frames.transform(frames.transform(sa, b), a);
      EXPECT_LT((back.r - sa.r).norm(), 1e-6) << to_string(a) << "->" << to_string(b);
      EXPECT_LT((back.v - sa.v).norm(), 1e-9) << to_string(a) << "->" << to_string(b);
      Mat3 m = frames.rotation(a, b, s.epoch);
      EXPECT_LT((m * sa.r - frames.transform(sa, b).r).norm(), 1e-6);
    }
  }
}

TEST(Frames, ItrfVelocityIsRelativeToTheRotatingEarth) {
  // A point fixed on the ground has zero ITRF velocity and moves at omega x r in GCRF.
  FrameTransformer frames;
  StateVector ground{Epoch::from_iso("2025-01-01T00:00:00Z"), Frame::ITRF, Vec3(6378137.0, 0, 0), Vec3::Zero()};
  StateVector gcrf = frames.transform(ground, Frame::GCRF);
  EXPECT_NEAR(gcrf.v.norm(), 6378137.0 * earth_rotation_rate(0.0), 1e-3);
}

}  // namespace
}  // namespace deorbit

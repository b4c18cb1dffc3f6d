#include <cmath>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/frames/frame.h"
#include "deorbit/frames/geodetic.h"

namespace deorbit {
namespace {

using constants::deg;

TEST(Geodetic, EquatorPoleAndRoundTrip) {
  Geodetic eq = to_geodetic(Vec3(constants::wgs84_a + 400e3, 0, 0));
  EXPECT_NEAR(eq.latitude, 0.0, 1e-15);
  EXPECT_NEAR(eq.height, 400e3, 1e-6);
  double b = constants::wgs84_a * (1 - constants::wgs84_f);
  Geodetic pole = to_geodetic(Vec3(0, 0, b + 100.0));
  EXPECT_NEAR(pole.latitude, 90 * deg, 1e-12);
  EXPECT_NEAR(pole.height, 100.0, 1e-6);
  // Point Nemo at 420 km: geodetic -> ITRF -> geodetic to 1e-9 m.
  Geodetic nemo{-48.877 * deg, -123.393 * deg, 420e3};
  Geodetic back = to_geodetic(to_itrf(nemo));
  EXPECT_NEAR(back.latitude, nemo.latitude, 1e-14);
  EXPECT_NEAR(back.longitude, nemo.longitude, 1e-14);
  EXPECT_NEAR(back.height, nemo.height, 1e-8);
  // Geodetic latitude exceeds geocentric latitude in the southern hemisphere's magnitude.
  Vec3 r = to_itrf({-45 * deg, 0, 0});
  EXPECT_GT(std::abs(-45 * deg), std::abs(std::atan2(r.z(), r.x())));
}

TEST(FrameNames, ParseCcsdsAndCommandLineNames) {
  EXPECT_EQ(parse_frame("gcrf"), Frame::GCRF);
  EXPECT_EQ(parse_frame("ICRF"), Frame::GCRF);
  EXPECT_EQ(parse_frame("J2000"), Frame::EME2000);
  EXPECT_EQ(parse_frame("ITRF2014"), Frame::ITRF);
  EXPECT_EQ(parse_frame("TEME"), Frame::TEME);
  EXPECT_FALSE(parse_frame("TOD"));
}

}  // namespace
}  // namespace deorbit

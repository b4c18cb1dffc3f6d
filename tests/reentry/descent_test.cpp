#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/reentry/descent.h"
#include "reentry/reentry_support.h"

namespace deorbit {
namespace {

using constants::deg;

const Epoch kBreakupEpoch = Epoch::from_iso("2031-01-15T10:00:00Z");

// A breakup at 78 km over the South Pacific heading east-south-east, 7.3 km/s relative to the ground, 1.5 deg down.
StateVector breakup() {
  return testing::gcrf_state(kBreakupEpoch, -38 * deg, -150 * deg, 78e3, 7300.0, 1.5 * deg, 110 * deg);
}

std::vector<Fragment> mixed_fragments() {
  return {{"light panel", 50.0, 4.0, 1.2, 20},
          {"truss segment", 800.0, 3.0, 1.0, 6},
          {"dense tank", 2000.0, 1.5, 0.9, 2}};
}

double ground_range(const Impact& a, double lat0, double lon0) {
  // Central angle on the sphere, enough to order the impacts.
  double c = std::sin(a.latitude) * std::sin(lat0) +
             std::cos(a.latitude) * std::cos(lat0) * std::cos(a.longitude - lon0);
  return std::acos(std::clamp(c, -1.0, 1.0)) * 6371008.8;
}

TEST(Descent, EveryFragmentReachesTheGroundWithItsProperties) {
  auto frags = mixed_fragments();
  DescentSettings s;
  auto out = descend(breakup(), frags, s);
  ASSERT_EQ(out.size(), frags.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const FragmentDescent& d = out[i];
    EXPECT_EQ(d.impact.fragment, frags[i].name);
    EXPECT_EQ(d.impact.index, static_cast<int>(i));
    EXPECT_EQ(d.impact.mass, frags[i].mass);
    EXPECT_EQ(d.impact.count, frags[i].count);
    double dt = d.impact.epoch - kBreakupEpoch;
    EXPECT_GT(dt, 120.0) << frags[i].name;
    EXPECT_LT(dt, 3600.0) << frags[i].name;
    ASSERT_GE(d.path.size(), 3u);
    EXPECT_EQ(d.path.front().frame, Frame::ITRF);
    EXPECT_NEAR(to_geodetic(d.path.front().r).height, 78e3, 1.0);
    EXPECT_NEAR(to_geodetic(d.path.back().r).height, 0.0, 1.0);
    EXPECT_EQ(d.path.back().epoch, d.impact.epoch);
    EXPECT_NEAR(d.path[1].epoch - d.path[0].epoch, s.sample_step, 1e-9);
    Geodetic g = to_geodetic(d.path.back().r);
    EXPECT_NEAR(g.latitude, d.impact.latitude, 1e-12);
    EXPECT_NEAR(g.longitude, d.impact.longitude, 1e-12);
    // Subsonic, steep at the end (all fragments here have low ballistic coefficients compared with their weight).
    EXPECT_GT(d.impact.speed, 5.0);
    EXPECT_LT(d.impact.speed, 340.0);
    EXPECT_GT(d.impact.flight_path_angle, 60 * deg) << frags[i].name;
    RecordProperty(frags[i].name + "_s", std::to_string(dt));
  }
}

TEST(Descent, HeavierFragmentsGoFartherDownrange) {
  const double lat0 = -38 * deg, lon0 = -150 * deg;
  auto frags = mixed_fragments();
  auto out = descend(breakup(), frags, {});
  std::vector<double> range;
  for (const auto& d : out) range.push_back(ground_range(d.impact, lat0, lon0));
  // Ballistic coefficients 10.4, 267, 1481 kg/m^2: ranges in the same order, and farther falls take less time.
  EXPECT_LT(range[0], range[1]);
  EXPECT_LT(range[1], range[2]);
  EXPECT_GT(out[0].impact.epoch - out[1].impact.epoch, 0.0);
  EXPECT_GT(out[1].impact.epoch - out[2].impact.epoch, 0.0);
  // Same ballistic coefficient, different size: same impact (a point mass sees only m / (Cd A)).
  std::vector<Fragment> twins{{"small", 100.0, 1.0, 1.0, 1}, {"large", 400.0, 4.0, 1.0, 1}};
  auto t = descend(breakup(), twins, {});
  EXPECT_NEAR(t[0].impact.epoch - t[1].impact.epoch, 0.0, 1e-3);
  EXPECT_NEAR(ground_range(t[0].impact, t[1].impact.latitude, t[1].impact.longitude), 0.0, 1.0);
}

TEST(Descent, BadInputIsRefusedWithItsName) {
  DescentSettings s;
  std::vector<Fragment> bad{{"bolt", -1.0, 0.01, 1.0, 1}};
  EXPECT_THROW((void)descend(breakup(), bad, s), InputError);
  s.sample_step = 0;
  std::vector<Fragment> ok{{"bolt", 1.0, 0.01, 1.0, 1}};
  EXPECT_THROW((void)descend(breakup(), ok, s), InputError);
  s = {};
  s.gravity_degree = 1;
  EXPECT_THROW((void)descend(breakup(), ok, s), InputError);
  s = {};
  // Not a re-entry: a circular orbit at 400 km does not come down within an hour.
  s.max_duration = 3600;
  StateVector orbit = testing::gcrf_state(kBreakupEpoch, 0, 0, 400e3, 7670.0 - 465.0, 0.0, 90 * deg);
  try {
    (void)descend(orbit, ok, s);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'bolt'"), std::string::npos) << e.what();
  }
  // Ground above the breakup.
  s = {};
  StateVector low = testing::gcrf_state(kBreakupEpoch, 0, 0, 5e3, 100.0, 10 * deg, 0.0);
  s.ground_altitude = 8e3;
  EXPECT_THROW((void)descend(low, ok, s), InputError);
}

// From above 86 km the descent crosses the switch between NRLMSISE-00 and US76 (where it restarts the integrator)
// and still lands.
TEST(Descent, BreakupAbove86KmCrossesTheAtmosphereSwitch) {
  StateVector high = testing::gcrf_state(kBreakupEpoch, -38 * deg, -150 * deg, 100e3, 7400.0, 1.5 * deg, 110 * deg);
  std::vector<Fragment> f{{"box", 500.0, 2.0, 1.0, 1}};
  DescentSettings s;
  s.space_weather = std::make_shared<const SpaceWeather>(SpaceWeather::constant(SpaceWeatherValues{}));
  auto out = descend(high, f, s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NEAR(to_geodetic(out[0].path.back().r).height, 0.0, 1.0);
  bool above = false, below = false;
  for (const auto& p : out[0].path) {
    double h = to_geodetic(p.r).height;
    above = above || h > 86e3;
    below = below || h < 86e3;
  }
  EXPECT_TRUE(above && below);
  // Breaking up higher, the same fragment comes down later and farther along the track than from 78 km.
  auto low = descend(breakup(), f, s);
  EXPECT_GT(out[0].impact.epoch - low[0].impact.epoch, 0.0);
}

TEST(Descent, GroundAltitudeIsTheImpactHeight) {
  DescentSettings s;
  s.ground_altitude = 2000.0;
  std::vector<Fragment> f{{"box", 100.0, 1.0, 1.0, 1}};
  auto out = descend(breakup(), f, s);
  EXPECT_NEAR(to_geodetic(out[0].path.back().r).height, 2000.0, 1.0);
}

}  // namespace
}  // namespace deorbit

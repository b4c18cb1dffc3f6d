#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/exponential.h"
#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/log.h"
#include "deorbit/forces/drag.h"

namespace deorbit {
namespace {

// A test atmosphere: constant density, records what it was asked.
class ConstantAtmosphere final : public Atmosphere {
 public:
  explicit ConstantAtmosphere(double rho) : rho_(rho) {}
  AtmosphereState evaluate(const AtmosphereInput& in) const override {
    last = in;
    return {rho_, 1000.0};
  }
  std::string_view name() const override { return "constant"; }
  bool uses_space_weather() const override { return false; }
  mutable AtmosphereInput last;

 private:
  double rho_;
};

ForceContext equatorial_context(const Spacecraft& sc) {
  ForceContext ctx;
  ctx.epoch = Epoch::from_iso("2025-03-20T12:00:00Z");
  ctx.r = Vec3(6778137.0, 0, 0);
  ctx.v = Vec3(0, 7668.56, 0);
  ctx.r_itrf = ctx.r;  // identity rotation in this test
  ctx.mass = sc.mass;
  ctx.spacecraft = &sc;
  ctx.sun = Vec3(1.496e11, 0, 0);  // Sun overhead at longitude 0
  return ctx;
}

TEST(Drag, MagnitudeDirectionAndCoRotation) {
  Spacecraft sc{450000.0, 1500.0, 2.2, 1500.0, 1.3};
  auto atm = std::make_shared<ConstantAtmosphere>(3e-12);
  Drag drag(atm, nullptr);
  ForceContext ctx = equatorial_context(sc);
  Vec3 a = drag.acceleration(ctx);
  // Prograde equatorial: the air moves with the Earth at omega * r, so v_rel = v - omega r along +y.
  double v_rel = 7668.56 - ctx.earth_rotation_rate * 6778137.0;
  double expected = 0.5 * 3e-12 * 2.2 * 1500.0 / 450000.0 * v_rel * v_rel;
  EXPECT_NEAR(a.y(), -expected, 1e-12 * expected);
  EXPECT_NEAR(a.x(), 0.0, 1e-20);
  EXPECT_NEAR(a.z(), 0.0, 1e-20);
  // The atmosphere was asked at the right place and local time: height 400 km, noon under the Sun.
  EXPECT_NEAR(atm->last.place.height, 6778137.0 - constants::wgs84_a, 1e-6);
  EXPECT_NEAR(atm->last.local_solar_time, 12.0, 1e-9);
  // Density scale factor and mass enter linearly.
  Drag scaled(atm, nullptr, 2.0);
  EXPECT_NEAR(scaled.acceleration(ctx).y(), 2 * a.y(), 1e-15);
  ctx.mass *= 2;
  EXPECT_NEAR(drag.acceleration(ctx).y(), a.y() / 2, 1e-15);
}

TEST(Drag, LocalSolarTimeFollowsTheSun) {
  Spacecraft sc;
  auto atm = std::make_shared<ConstantAtmosphere>(1e-12);
  Drag drag(atm, nullptr);
  ForceContext ctx = equatorial_context(sc);
  ctx.sun = Vec3(0, 1.496e11, 0);  // Sun over longitude +90 deg: longitude 0 is at 06 h
  (void)drag.acceleration(ctx);
  EXPECT_NEAR(atm->last.local_solar_time, 6.0, 1e-9);
}

struct CaptureWarnings {
  std::vector<std::string> seen;
  WarningSink old;
  CaptureWarnings() { old = set_warning_sink([this](const std::string& m) { seen.push_back(m); }); }
  ~CaptureWarnings() { set_warning_sink(old); }
};

// Builds two NRLMSISE-00 drag forces without space weather, uses them, reports on stderr and exits: run in a child
// process by the death test below.
[[noreturn]] void two_drag_forces_without_weather() {
  std::vector<std::string> seen;
  (void)set_warning_sink([&seen](const std::string& m) { seen.push_back(m); });
  Spacecraft sc{450000.0, 1500.0, 2.2, 1500.0, 1.3};
  const ForceContext ctx = equatorial_context(sc);
  Drag first(std::make_shared<Nrlmsise00>(), nullptr);
  Drag second(std::make_shared<Nrlmsise00>(true), nullptr, 2.0);
  const double a1 = first.acceleration(ctx).norm(), a2 = second.acceleration(ctx).norm();
  const std::vector<std::string> from_drag = seen;  // before this test reads the embedded table itself
  // Both took the embedded table, not a constant activity: their inputs carry its values for the epoch.
  const SpaceWeatherValues expected = SpaceWeather::embedded().at(ctx.epoch);
  const bool same_table = first.atmosphere_input(ctx).weather.f107_previous_day == expected.f107_previous_day &&
                          second.atmosphere_input(ctx).weather.ap_daily == expected.ap_daily;
  const bool finite = std::isfinite(a1) && std::isfinite(a2) && a1 > 0;
  std::fprintf(stderr, "warnings=%zu same_table=%d finite=%d\n", from_drag.size(), same_table, finite);
  for (const auto& m : from_drag) std::fprintf(stderr, "warning: %s\n", m.c_str());
  std::exit(0);
}

// "Once" is per process, as on the command line (SpaceWeather::embedded() keeps the flag): a library that builds
// a drag force per run, per fragment or per ensemble member warns once, not thousands of times. The threadsafe
// death-test style re-runs this test alone in a fresh process, so no earlier test can have used up the warning.
TEST(DragDeathTest, WithoutSpaceWeatherWarnsOncePerProcessAndUsesTheEmbeddedTable) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(two_drag_forces_without_weather(), ::testing::ExitedWithCode(0),
              "warnings=1 same_table=1 finite=1\nwarning: no space-weather table given: using the embedded table");
}

TEST(Drag, StaticModelWithoutSpaceWeatherNeedsNoTableAndDoesNotWarn) {
  CaptureWarnings w;
  Spacecraft sc{450000.0, 1500.0, 2.2, 1500.0, 1.3};
  Drag exponential(std::make_shared<ExponentialAtmosphere>(), nullptr);
  Drag us76(std::make_shared<UsStandardAtmosphere1976>(), nullptr);
  EXPECT_GT(exponential.acceleration(equatorial_context(sc)).norm(), 0.0);
  EXPECT_GT(us76.acceleration(equatorial_context(sc)).norm(), 0.0);
  EXPECT_TRUE(w.seen.empty()) << w.seen.front();
}

}  // namespace
}  // namespace deorbit

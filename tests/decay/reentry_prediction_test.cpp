// Quick checks of the decay stage on a synthetic object (constant space weather): the re-entry run, the ensemble's
// determinism across threads, the B* prior.
#include <cmath>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/decay/reentry_prediction.h"

namespace deorbit {
namespace {

// A circular orbit 180 km up, inclined 51.6 deg: with Cd A/m = 0.02 m^2/kg it comes down within about a day.
StateVector low_orbit() {
  const double r = constants::wgs84_a + 180e3;
  const double v = std::sqrt(constants::mu_earth / r);
  const double i = 51.6 * constants::deg;
  return {Epoch::from_iso("2020-05-10T00:00:00"), Frame::GCRF, Vec3(r, 0, 0), Vec3(0, v * std::cos(i), v * std::sin(i))};
}

Spacecraft craft() {
  Spacecraft c;
  c.mass = 1;
  c.drag_area = 0.02;
  c.drag_coefficient = 1;
  return c;
}

std::shared_ptr<const SpaceWeather> quiet() {
  SpaceWeatherValues v;
  v.f107_previous_day = v.f107_81day_centred = 70;
  v.ap_daily = 5;
  v.ap_history.fill(5);
  return std::make_shared<const SpaceWeather>(SpaceWeather::constant(v));
}

TEST(ReentryRun, ReachesTheReentryAltitudeAndReportsThePoint) {
  const StateVector s = low_orbit();
  ReentryRun run = run_to_reentry(s, DecayModel{}, craft(), quiet(), 1.0, s.epoch + 5 * 86400.0, EarthOrientation::none());
  ASSERT_TRUE(run.reentered);
  EXPECT_GT(run.epoch - s.epoch, 3600.0);
  EXPECT_LT(run.epoch - s.epoch, 3 * 86400.0);
  EXPECT_NEAR(run.point.height, 80e3, 50.0);
  EXPECT_LE(std::abs(run.point.latitude), 51.7 * constants::deg);
  // Twice the density: sooner.
  ReentryRun faster = run_to_reentry(s, DecayModel{}, craft(), quiet(), 2.0, s.epoch + 5 * 86400.0, EarthOrientation::none());
  EXPECT_LT(faster.epoch, run.epoch);
  // A horizon before the re-entry: no re-entry, the run ends at the horizon.
  ReentryRun short_run = run_to_reentry(s, DecayModel{}, craft(), quiet(), 1.0, s.epoch + 600.0, EarthOrientation::none());
  EXPECT_FALSE(short_run.reentered);
  EXPECT_EQ(short_run.epoch, s.epoch + 600.0);
}

TEST(ReentryPrediction, EnsembleIsTheSameOnOneAndTwoThreadsAndBracketsTheNominal) {
  const StateVector s = low_orbit();
  EnsembleSettings e;
  e.members = 6;
  e.threads = 1;
  ReentryPrediction one = predict_reentry(s, DecayModel{}, craft(), quiet(), 1.0, 0.1, s.epoch + 5 * 86400.0,
                                          EarthOrientation::none(), e);
  e.threads = 2;
  ReentryPrediction two = predict_reentry(s, DecayModel{}, craft(), quiet(), 1.0, 0.1, s.epoch + 5 * 86400.0,
                                          EarthOrientation::none(), e);
  ASSERT_TRUE(one.window_start && two.window_start);
  EXPECT_EQ(*one.window_start, *two.window_start);
  EXPECT_EQ(*one.window_end, *two.window_end);
  EXPECT_EQ(one.nominal.epoch, two.nominal.epoch);
  EXPECT_LT(*one.window_start, *one.window_end);
  EXPECT_LE(*one.window_start, one.nominal.epoch);
  EXPECT_GE(*one.window_end, one.nominal.epoch);
  EXPECT_NEAR(one.log_scale_sigma, std::hypot(0.1, e.model_log_sigma), 1e-12);
  EXPECT_EQ(one.members.size(), 5u);
  EXPECT_EQ(one.not_reentered, 0);
}

TEST(ReentryPrediction, NoSpaceWeatherIsAnError) {
  const StateVector s = low_orbit();
  EXPECT_THROW((void)predict_reentry(s, DecayModel{}, craft(), nullptr, 1.0, 0.1, s.epoch + 86400.0,
                                     EarthOrientation::none(), EnsembleSettings{}),
               InputError);
}

TEST(DecayModel, BallisticCoefficientFromBstar) {
  // B* = rho0 B / 2 with rho0 = 0.15696615 kg/m^2/ER: B* = 1e-4 /ER is B = 1.2742e-3 m^2/kg.
  EXPECT_NEAR(ballistic_coefficient_from_bstar(1e-4), 1.27416e-3, 1e-8);
  EXPECT_NEAR(ballistic_coefficient_from_bstar(-1e-4), 1.27416e-3, 1e-8);
  EXPECT_DOUBLE_EQ(ballistic_coefficient_from_bstar(0.0), 0.01);
}

}  // namespace
}  // namespace deorbit

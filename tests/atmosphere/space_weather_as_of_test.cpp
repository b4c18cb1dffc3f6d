// SpaceWeather::known_at (the table as known at an instant, then persistence) and with_scaled_predictions.
#include <algorithm>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/base/error.h"
#include "support/test_data.h"

namespace {

using deorbit::Epoch;
using deorbit::SpaceWeather;
using deorbit::SpaceWeatherDay;

const SpaceWeather& table() {
  static const SpaceWeather t = SpaceWeather::read(deorbit::testing::test_data("spaceweather/SW-All_2025-03-23.csv"));
  return t;
}

TEST(SpaceWeatherAsOf, KeepsObservationsBeforeTheDayThenPersistsThe81DayMeans) {
  const Epoch as_of = Epoch::from_iso("2020-05-08T15:33:00");
  SpaceWeather known = table().known_at(as_of, 30);
  const int day = static_cast<int>(std::floor(as_of.mjd(deorbit::TimeScale::UTC)));
  EXPECT_EQ(known.last_observed_mjd(), day - 1);
  // Persistence: the means of the 81 observed days before as_of's day.
  double f = 0, ap = 0;
  int n = 0;
  for (const auto& d : table().days())
    if (d.kind == SpaceWeatherDay::Kind::Observed && d.mjd < day && d.mjd >= day - 81) {
      f += d.f107_observed;
      ap += d.ap_daily;
      ++n;
    }
  ASSERT_EQ(n, 81);
  const SpaceWeatherDay& ahead = known.days().back();
  EXPECT_EQ(ahead.kind, SpaceWeatherDay::Kind::DailyPredicted);
  EXPECT_EQ(ahead.mjd, day + 29);
  EXPECT_NEAR(ahead.f107_observed, f / n, 1e-9);
  EXPECT_NEAR(ahead.ap_daily, ap / n, 1e-9);
  EXPECT_NEAR(ahead.ap3h[5], ap / n, 1e-9);
  // Observed days before as_of are unchanged, but their centred means no longer see the future.
  const SpaceWeatherDay& old_day = known.days()[known.days().size() - 30 - 60];
  auto original = std::find_if(table().days().begin(), table().days().end(),
                               [&](const auto& d) { return d.mjd == old_day.mjd; });
  EXPECT_EQ(old_day.f107_observed, original->f107_observed);
  EXPECT_EQ(old_day.f107_observed_ctr81, original->f107_observed_ctr81);  // its window ends before as_of
  const SpaceWeatherDay& recent = known.days()[known.days().size() - 30 - 1];
  auto recent_original = std::find_if(table().days().begin(), table().days().end(),
                                      [&](const auto& d) { return d.mjd == recent.mjd; });
  EXPECT_NE(recent.f107_observed_ctr81, recent_original->f107_observed_ctr81);
  // At an instant after as_of the model sees the persisted values.
  auto v = known.at(as_of + 10 * 86400.0);
  EXPECT_NEAR(v.f107_previous_day, f / n, 1e-9);
  EXPECT_NEAR(v.ap_daily, ap / n, 1e-9);
}

TEST(SpaceWeatherAsOf, RefusesAnInstantBeforeEveryObservationAndConstantTables) {
  EXPECT_THROW((void)table().known_at(Epoch::from_iso("1940-01-01T00:00:00")), deorbit::InputError);
  EXPECT_THROW((void)SpaceWeather::constant({}).known_at(Epoch::from_iso("2020-01-01T00:00:00")), deorbit::InputError);
}

TEST(SpaceWeatherAsOf, ScaledPredictionsLeaveObservationsAlone) {
  const Epoch as_of = Epoch::from_iso("2020-05-08T15:33:00");
  SpaceWeather known = table().known_at(as_of, 30);
  auto scaled = known.with_scaled_predictions(1.2, 2.0);
  ASSERT_EQ(scaled->days().size(), known.days().size());
  for (std::size_t i = 0; i < known.days().size(); ++i) {
    const auto& a = known.days()[i];
    const auto& b = scaled->days()[i];
    double f = a.kind == SpaceWeatherDay::Kind::Observed ? 1.0 : 1.2;
    double g = a.kind == SpaceWeatherDay::Kind::Observed ? 1.0 : 2.0;
    EXPECT_DOUBLE_EQ(b.f107_observed, a.f107_observed * f);
    EXPECT_DOUBLE_EQ(b.ap_daily, a.ap_daily * g);
    EXPECT_DOUBLE_EQ(b.ap3h[0], a.ap3h[0] * g);
  }
}

}  // namespace

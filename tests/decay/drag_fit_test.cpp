// The drag fit's honest ends: a trial run that fails is an error with its reason (never taken for a decay), and
// a fit with fewer than two element sets in its spread says that the window rests on the model's spreads alone.
// Data: CZ-5B Y1 (45601), whose element sets are 2 to 8 hours apart in its last days.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/decay/decay_analysis.h"
#include "deorbit/orbit/tle.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

std::vector<MeanElements> y1_sets() {
  return read_tle_file(testing::test_data("reentries/45601_cz-5b-y1_rb.tle")).records;
}

std::shared_ptr<const SpaceWeather> y1_weather() {
  static const auto table = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(testing::test_data("spaceweather/SW-All_2025-03-23.csv"))
          .known_at(Epoch::from_iso("2020-05-10T15:33:00")));
  return table;
}

// The element sets of the day before 2020-05-10T15:33 (the CLI test's as-of instant): 2020-05-09T15:33 onwards.
std::vector<MeanElements> last_day(const std::vector<MeanElements>& all) {
  std::vector<MeanElements> out;
  for (const auto& e : all)
    if (e.epoch > Epoch::from_iso("2020-05-09T15:33:00") && e.epoch <= Epoch::from_iso("2020-05-10T15:33:00"))
      out.push_back(e);
  return out;
}

std::string fit_error(const std::vector<MeanElements>& sets, const DecayModel& model, const Spacecraft& craft) {
  try {
    (void)fit_drag(sets, model, craft, y1_weather(), EarthOrientation::none());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DragFit, FailedTrialRunIsAnErrorWithItsReasonNotADecay) {
  const auto sets = last_day(y1_sets());
  ASSERT_GE(sets.size(), 3u);
  // An unreachable tolerance (1e-9 m at 6,500 km is below the double's resolution): the integrator gives up.
  DecayModel impossible;
  impossible.position_tolerance = 1e-9;
  std::string m = fit_error(sets, impossible, spacecraft_from_bstar(sets.back().bstar));
  ASSERT_FALSE(m.empty()) << "the fit did not fail";
  EXPECT_NE(m.find("drag fit: the numerical run with density scale factor 1 from"), std::string::npos) << m;
  EXPECT_NE(m.find("failed"), std::string::npos) << m;
  EXPECT_NE(m.find("the tolerance needs a step"), std::string::npos) << m;  // the integrator's own reason
  // Before the fix the failed run read as "decayed" and the bracket walked down to a misleading verdict.
  EXPECT_EQ(m.find("no density scale factor"), std::string::npos) << m;
  EXPECT_EQ(m.find("decays"), std::string::npos) << m;

  // A corrupt spacecraft (area NaN): the derivative is not finite at the start.
  Spacecraft corrupt = spacecraft_from_bstar(sets.back().bstar);
  corrupt.drag_area = std::numeric_limits<double>::quiet_NaN();
  m = fit_error(sets, DecayModel{}, corrupt);
  ASSERT_FALSE(m.empty()) << "the fit did not fail";
  EXPECT_NE(m.find("drag fit: the numerical run"), std::string::npos) << m;
  EXPECT_NE(m.find("the derivative is not finite"), std::string::npos) << m;
  EXPECT_EQ(m.find("no density scale factor"), std::string::npos) << m;
}

TEST(DragFit, SpreadBasisSaysWhatTheWindowRestsOn) {
  const auto sets = last_day(y1_sets());
  const Spacecraft craft = spacecraft_from_bstar(sets.back().bstar);

  // A day of element sets: the spread is measured on several of them.
  DragFit full = fit_drag(sets, DecayModel{}, craft, y1_weather(), EarthOrientation::none());
  EXPECT_FALSE(full.weak);
  EXPECT_GE(full.spread_points, 2);
  EXPECT_EQ(full.window_basis, WindowBasis::FitSpread);
  EXPECT_EQ(to_string(full.window_basis), "fit-spread");
  EXPECT_GT(full.log_scale_sigma, 0.0);
  int flagged = 0;
  for (const auto& p : full.points) flagged += p.in_spread;
  EXPECT_EQ(flagged, full.spread_points);

  // Two element sets: one point, no scatter to measure; the fit says so instead of reporting a spread of zero as
  // measured.
  const std::vector<MeanElements> two{sets.front(), sets.back()};
  DragFit pair = fit_drag(two, DecayModel{}, craft, y1_weather(), EarthOrientation::none());
  EXPECT_FALSE(pair.weak);
  EXPECT_EQ(pair.element_sets, 2);
  EXPECT_LE(pair.spread_points, 1);
  EXPECT_EQ(pair.window_basis, WindowBasis::ModelOnly);
  EXPECT_EQ(to_string(pair.window_basis), "model-only");
  EXPECT_EQ(pair.log_scale_sigma, 0.0);
  EXPECT_GT(pair.density_scale, 0.0);

  // One element set: fitted to its own SGP4 decay; the scatter of those points is SGP4's self-consistency, not a
  // measured spread, so the window rests on the spread measured on the validation set.
  const std::vector<MeanElements> single{sets.front()};
  DragFit self = fit_drag(single, DecayModel{}, craft, y1_weather(), EarthOrientation::none());
  EXPECT_FALSE(self.weak);
  EXPECT_TRUE(self.self_fit);
  EXPECT_EQ(self.element_sets, 1);
  EXPECT_EQ(self.spread_points, 0);
  EXPECT_EQ(self.window_basis, WindowBasis::SelfFit);
  EXPECT_EQ(to_string(self.window_basis), "self-fit");
  EXPECT_EQ(self.log_scale_sigma, DragFitSettings{}.self_fit_log_sigma);
  EXPECT_EQ(self.points.size(), 1u + static_cast<std::size_t>(DragFitSettings{}.self_fit_points));

  // One element set and no self-fit: the B* prior and its spread.
  DragFitSettings no_self;
  no_self.self_fit_span = 0;
  DragFit one = fit_drag(single, DecayModel{}, craft, y1_weather(), EarthOrientation::none(), no_self);
  EXPECT_TRUE(one.weak);
  EXPECT_EQ(one.spread_points, 0);
  EXPECT_EQ(one.window_basis, WindowBasis::Prior);
  EXPECT_EQ(to_string(one.window_basis), "prior");
  EXPECT_EQ(one.log_scale_sigma, DragFitSettings{}.prior_log_sigma);
}

TEST(DragFit, ModelOnlyWindowCarriesOnlyTheModelSpread) {
  const auto sets = last_day(y1_sets());
  DecayRequest request;
  request.element_sets = {sets.front(), sets.back()};
  request.weather = y1_weather();
  request.ensemble.members = 4;
  DecayAnalysis a = analyse_decay(request, EarthOrientation::none());
  EXPECT_EQ(a.fit.window_basis, WindowBasis::ModelOnly);
  ASSERT_TRUE(a.prediction.window_start && a.prediction.window_end);
  EXPECT_DOUBLE_EQ(a.prediction.log_scale_sigma, request.ensemble.model_log_sigma);
}

}  // namespace
}  // namespace deorbit

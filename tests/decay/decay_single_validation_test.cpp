// Validation of the prediction from one element set (issue 14) on decay-single: 31 objects, each with the one
// element set a catalogue held (2013-10 and 2025-10) and its SATCAT decay day. Defaults as `deorbit decay` uses
// them (self-fit, Sun and Moon by the orbit, horizon extended), space weather as known at the element set's epoch.
// The table is in docs/validation-decay.md; this test holds its figures.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/decay/decay_analysis.h"
#include "deorbit/orbit/tle.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

struct Case {
  unsigned long norad = 0;
  std::string name;
  double eccentricity = 0;
  Epoch decay_day;        // 00:00 UTC of the SATCAT decay day
  double true_days = 0;   // [d] from the element set's epoch to noon of that day (cases.csv days_to_decay)
};

std::vector<Case> read_cases() {
  std::ifstream in(testing::test_data("decay-single/cases.csv"));
  std::string line;
  std::getline(in, line);  // header
  std::vector<Case> out;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f.size() < 9) continue;
    Case c;
    c.norad = std::stoul(f[0]);
    c.name = f[1];
    c.eccentricity = std::stod(f[6]);
    c.decay_day = Epoch::from_iso(f[7] + "T00:00:00");
    c.true_days = std::stod(f[8]);
    out.push_back(c);
  }
  return out;
}

struct Row {
  Case c;
  bool reentered = false, extended = false, sun_and_moon = false, holds = false;
  double predicted_days = 0, error = 0, window_from = 0, window_to = 0, k = 0;
};

TEST(DecaySingleValidationSlow, OneElementSetPerObject) {
  const auto cases = read_cases();
  ASSERT_EQ(cases.size(), 31u);
  std::vector<MeanElements> sets = read_tle_file(testing::test_data("decay-single/tles.tle")).records;
  // The test data's space-weather table is observed to 2025-03-22: the 2013 epochs. The 2025 epochs take the
  // embedded table, observed to 2026-01-14. Both are cut at the epoch (persistence after it).
  const SpaceWeather table_2025 = SpaceWeather::read(testing::test_data("spaceweather/SW-All_2025-03-23.csv"));
  const SpaceWeather embedded = SpaceWeather::embedded();
  const Epoch table_end = Epoch::from_iso("2025-03-22T00:00:00");

  std::vector<Row> rows;
  for (const Case& c : cases) {
    auto e = std::find_if(sets.begin(), sets.end(), [&](const auto& s) { return s.object.catalogue_number == c.norad; });
    ASSERT_NE(e, sets.end()) << c.norad;
    DecayRequest request;
    request.element_sets = {*e};
    request.as_of = e->epoch + 60.0;
    request.weather = std::make_shared<const SpaceWeather>(e->epoch < table_end ? table_2025 : embedded);
    request.ensemble.members = 20;
    request.ensemble.threads = 2;
    const DecayAnalysis a = analyse_decay(request, EarthOrientation::none());
    Row r{c};
    const auto& p = a.prediction;
    r.reentered = p.nominal.reentered;
    r.extended = a.horizon_extended;
    r.sun_and_moon = a.model.sun_and_moon;
    r.k = a.fit.density_scale;
    r.predicted_days = (p.nominal.epoch - e->epoch) / 86400.0;
    r.error = (r.predicted_days - c.true_days) / c.true_days;
    if (p.window_start && p.window_end) {
      r.window_from = (*p.window_start - e->epoch) / 86400.0;
      r.window_to = (*p.window_end - e->epoch) / 86400.0;
      // The truth is a UTC day: the window holds it if they overlap.
      r.holds = *p.window_start < c.decay_day + 86400.0 && *p.window_end > c.decay_day;
    }
    rows.push_back(r);
  }

  std::printf("| object | NORAD | e | remaining [d] | predicted [d] | error | 90 %% window [d] | width / remaining | "
              "holds the day | k | Sun, Moon | extended |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const Row& r : rows)
    std::printf("| %s | %lu | %.4f | %.2f | %.2f | %+.1f %% | %.1f .. %.1f | %.0f %% | %s | %.3f | %s | %s |\n",
                r.c.name.c_str(), r.c.norad, r.c.eccentricity, r.c.true_days, r.predicted_days, 100 * r.error,
                r.window_from, r.window_to, 100 * (r.window_to - r.window_from) / r.c.true_days,
                r.holds ? "yes" : "no", r.k, r.sun_and_moon ? "yes" : "no", r.extended ? "yes" : "no");

  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  };
  std::vector<double> all, circular, eccentric, widths;
  int holds = 0;
  for (const Row& r : rows) {
    EXPECT_TRUE(r.reentered) << r.c.name << " (" << r.c.norad << ") does not re-enter";
    all.push_back(std::abs(r.error));
    (r.c.eccentricity > 0.02 ? eccentric : circular).push_back(std::abs(r.error));
    widths.push_back((r.window_to - r.window_from) / r.c.true_days);
    holds += r.holds;
  }
  const double worst = *std::max_element(all.begin(), all.end());
  std::printf("median |error| %.2f %% (circular %zu: %.2f %%, eccentric %zu: %.2f %%), worst %.1f %%; windows hold "
              "the day %d of %zu; median width %.0f %% of the remaining time\n",
              100 * median(all), circular.size(), 100 * median(circular), eccentric.size(), 100 * median(eccentric),
              100 * worst, holds, rows.size(), 100 * median(widths));
  EXPECT_EQ(circular.size(), 19u);
  EXPECT_EQ(eccentric.size(), 12u);
  // Bounds half a percentage point above the figures of docs/validation-decay.md (7.08, 7.65, 6.67 and 74.8 %;
  // deterministic runs, fixed seed); the windows held the day 28 times of 31 (90 %), and the goal is 80 to 95 %.
  EXPECT_LE(median(all), 0.0758);
  EXPECT_LE(median(circular), 0.0815);
  EXPECT_LE(median(eccentric), 0.0717);
  EXPECT_LE(worst, 0.753);
  EXPECT_GE(holds, 28);
  EXPECT_LE(holds, 29);
}

}  // namespace
}  // namespace deorbit

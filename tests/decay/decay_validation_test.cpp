// Validation of `deorbit decay` on real re-entries (../shared/data/reentries): predictions made with only what was
// known 10, 5, 3, 2 and 1 day(s) before the observed re-entry, one configuration for all objects (the defaults).
// The table is in docs/validation-decay.md; this test holds its figures.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/decay/decay_analysis.h"
#include "deorbit/orbit/tle.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

struct Case {
  const char* file;
  const char* name;
  const char* reentry;  // ISO 8601 UTC, from reentries_index.csv
  double truth_uncertainty;  // [s] of the observed epoch
};

// Usable objects of reentries_index.csv: uncontrolled, with element sets in the last days before re-entry.
// Left out: Tiangong-2 (controlled: its last element sets show the de-orbit burns), Tiangong-1 (its two element
// sets are 45 days before re-entry), the rows without element sets.
const Case kCases[] = {
    {"reentries/45601_cz-5b-y1_rb.tle", "CZ-5B R/B (Y1)", "2020-05-11T15:33:00", 60},
    {"reentries/48275_cz-5b-y2_rb.tle", "CZ-5B R/B (Y2)", "2021-05-09T02:14:00", 60},
    {"reentries/34602_goce.tle", "GOCE", "2013-11-11T00:16:00", 60},
    // Date only (not verified against a stored source): noon, +-12 h.
    {"reentries/33506_omid.tle", "OMID", "2009-04-25T12:00:00", 43200},
};

struct Row {
  std::string object;
  double days_before = 0;
  double remaining = 0;      // [s] from the prediction epoch (last element set known) to the observed re-entry
  double error = 0;          // [s] nominal - observed
  double fraction = 0;       // |error| / remaining
  bool inside = false;       // observed epoch inside the window (widened by the observed epoch's uncertainty)
  double scale = 0, sigma = 0;
  int sets = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // CPU (one thread)
};

std::vector<Row> run_table(const EnsembleSettings& ensemble) {
  auto weather = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(testing::shared_data("spaceweather/SW-All_2025-03-23.csv")));
  std::vector<Row> rows;
  for (const Case& c : kCases) {
    auto sets = read_tle_file(testing::shared_data(c.file)).records;
    const Epoch truth = Epoch::from_iso(c.reentry);
    for (double days : {10.0, 5.0, 3.0, 2.0, 1.0}) {
      DecayRequest request;
      request.element_sets = sets;
      request.as_of = truth - days * 86400.0;
      if (std::none_of(sets.begin(), sets.end(), [&](const auto& e) { return e.epoch <= *request.as_of; })) continue;
      request.weather = weather;
      request.ensemble = ensemble;
      auto start = std::chrono::steady_clock::now();
      const std::clock_t cpu_start = std::clock();
      DecayAnalysis a = analyse_decay(request, EarthOrientation::none());
      Row r;
      r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      r.cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
      r.object = c.name;
      r.days_before = days;
      r.remaining = truth - a.elements.epoch;
      r.error = a.prediction.nominal.epoch - truth;
      r.fraction = std::abs(r.error) / r.remaining;
      r.inside = *a.prediction.window_start - c.truth_uncertainty <= truth &&
                 truth <= *a.prediction.window_end + c.truth_uncertainty;
      r.scale = a.fit.density_scale;
      r.sigma = a.prediction.log_scale_sigma;
      r.sets = a.fit.element_sets;
      std::printf("| %s | %.0f | %.2f | %+.2f | %.1f %% | %s | %s .. %s | %.3f | %.3f | %d | %.1f s (CPU %.1f s) |\n", r.object.c_str(),
                  days, r.remaining / 3600, r.error / 3600, 100 * r.fraction, r.inside ? "yes" : "NO",
                  a.prediction.window_start->iso(TimeScale::UTC, 0).c_str(),
                  a.prediction.window_end->iso(TimeScale::UTC, 0).c_str(), r.scale, r.sigma, r.sets, r.seconds, r.cpu_seconds);
      std::fflush(stdout);
      rows.push_back(r);
    }
  }
  return rows;
}

TEST(DecayValidationSlow, RealReentries) {
  std::vector<Row> rows = run_table(EnsembleSettings{});
  ASSERT_FALSE(rows.empty());
  std::vector<double> f;
  int inside = 0;
  for (const auto& r : rows) {
    f.push_back(r.fraction);
    inside += r.inside;
  }
  std::sort(f.begin(), f.end());
  double median = f.size() % 2 ? f[f.size() / 2] : 0.5 * (f[f.size() / 2 - 1] + f[f.size() / 2]);
  std::printf("cases %zu, median %.1f %%, worst %.1f %%, inside the 90 %% window %d\n", rows.size(), 100 * median,
              100 * f.back(), inside);
}

}  // namespace
}  // namespace deorbit

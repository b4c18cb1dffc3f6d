// Validation of `deorbit decay` on real re-entries (reentries/ of the test data): predictions made with only what
// was known 10, 5, 3, 2 and 1 day(s) before the observed re-entry, one configuration for all objects (the
// defaults). The table is in docs/validation-decay.md; this test holds its figures.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iterator>
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
  // The truth: the re-entry lies in [earliest, latest] (ISO 8601 UTC). Published times are given to the minute and
  // count as +-1 min; where sources disagree the interval spans them (docs/validation-decay.md names them).
  const char* earliest;
  const char* latest;
  // The instant the as-of days count back from, and the remaining time runs to: the published time (the first
  // one for CZ-5B Y2, 18 SPCS's), noon for a date.
  const char* reference;
  bool verified;  // the times were read in stored public statements, to the minute (reentries_index.csv)
};

// Usable objects of reentries_index.csv: uncontrolled, with element sets in the last days before re-entry.
// Left out: Tiangong-2 (controlled: its last element sets show the de-orbit burns), Tiangong-1 (its two element
// sets are 45 days before re-entry: a test of its own below), the rows without element sets.
const Case kCases[] = {
    // 18 SPCS: 08:33 PDT.
    {"reentries/45601_cz-5b-y1_rb.tle", "CZ-5B R/B (Y1)", "2020-05-11T15:32:00", "2020-05-11T15:34:00",
     "2020-05-11T15:33:00", true},
    // 18 SPCS (Space-Track's last TIP) 02:14, CMSA 02:24 (10:24 BJT), EU SST 02:32 (+-25 min).
    {"reentries/48275_cz-5b-y2_rb.tle", "CZ-5B R/B (Y2)", "2021-05-09T02:13:00", "2021-05-09T02:33:00",
     "2021-05-09T02:14:00", true},
    // ESA "about 01:16 CET"; USSTRATCOM 00:16 GMT.
    {"reentries/34602_goce_2013-10.tle", "GOCE", "2013-11-11T00:15:00", "2013-11-11T00:17:00", "2013-11-11T00:16:00", true},
    // A date only (recalled, not verified against a stored source): the whole UTC day.
    {"reentries/33506_omid.tle", "OMID", "2009-04-25T00:00:00", "2009-04-26T00:00:00", "2009-04-25T12:00:00", false},
};

struct Row {
  std::string object;
  double days_before = 0;
  double remaining = 0;  // [s] from the prediction epoch (last element set known) to the reference time
  double error = 0;      // [s] nominal - reference time
  double beyond = 0;     // [s] nominal - the nearest end of the truth interval; 0 inside it
  double fraction = 0;   // |beyond| / remaining
  bool contains = false;  // the window contains the whole truth interval
  bool overlaps = false;  // the window and the truth interval overlap
  bool verified = false;
  double scale = 0, sigma = 0;
  int sets = 0, spread_points = 0;
  std::string basis;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // CPU (one thread)
};

std::vector<Row> run_table(const EnsembleSettings& ensemble) {
  auto weather = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(testing::test_data("spaceweather/SW-All_2025-03-23.csv")));
  std::vector<Row> rows;
  for (const Case& c : kCases) {
    auto sets = read_tle_file(testing::test_data(c.file)).records;
    const Epoch earliest = Epoch::from_iso(c.earliest), latest = Epoch::from_iso(c.latest);
    const Epoch reference = Epoch::from_iso(c.reference);
    for (double days : {10.0, 5.0, 3.0, 2.0, 1.0}) {
      DecayRequest request;
      request.element_sets = sets;
      request.as_of = reference - days * 86400.0;
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
      r.verified = c.verified;
      const Epoch nominal = a.prediction.nominal.epoch;
      r.remaining = reference - a.elements.epoch;
      r.error = nominal - reference;
      r.beyond = nominal < earliest ? nominal - earliest : nominal > latest ? nominal - latest : 0.0;
      r.fraction = std::abs(r.beyond) / r.remaining;
      const Epoch from = *a.prediction.window_start, to = *a.prediction.window_end;
      r.contains = from <= earliest && latest <= to;
      r.overlaps = from <= latest && earliest <= to;
      r.scale = a.fit.density_scale;
      r.sigma = a.prediction.log_scale_sigma;
      r.sets = a.fit.element_sets;
      r.spread_points = a.fit.spread_points;
      r.basis = to_string(a.fit.window_basis);
      std::printf("| %s | %.0f | %.2f | %+.2f | %+.2f | %.1f %% | %s | %s .. %s | %.3f | %.3f | %d | %d %s | %.1f s |\n",
                  r.object.c_str(), days, r.remaining / 3600, r.error / 3600, r.beyond / 3600, 100 * r.fraction,
                  c.verified ? (r.contains ? "yes" : "NO") : (r.overlaps ? "overlaps" : "NO"),
                  from.iso(TimeScale::UTC, 0).substr(0, 16).c_str(), to.iso(TimeScale::UTC, 0).substr(0, 16).c_str(),
                  r.scale, r.sigma, r.sets, r.spread_points, r.basis.c_str(), r.cpu_seconds);
      std::fflush(stdout);
      rows.push_back(r);
    }
  }
  return rows;
}

// docs/validation-decay.md, column "nominal - reference [h]", in the order of the table.
const double kTableErrorHours[] = {
    -16.61, +1.16,  +0.15,  +0.11,           // CZ-5B Y1, 5 3 2 1 d
    +16.27, -3.49,  -7.14,  -1.53,           // CZ-5B Y2, 5 3 2 1 d
    +18.26, +3.75,  +3.76,  +5.07,  +0.47,   // GOCE, 10 5 3 2 1 d
    -12.61, -17.67, -14.61, -12.49, -11.52,  // Omid, 10 5 3 2 1 d
};

struct Summary {
  int cases = 0, contains = 0, overlaps = 0;
  double median = 0, worst = 0;
};

Summary summarise(const std::vector<Row>& rows, bool verified) {
  Summary s;
  std::vector<double> f;
  for (const auto& r : rows) {
    if (r.verified != verified) continue;
    f.push_back(r.fraction);
    s.contains += r.contains;
    s.overlaps += r.overlaps;
  }
  s.cases = static_cast<int>(f.size());
  if (f.empty()) return s;
  std::sort(f.begin(), f.end());
  s.median = f.size() % 2 ? f[f.size() / 2] : 0.5 * (f[f.size() / 2 - 1] + f[f.size() / 2]);
  s.worst = f.back();
  return s;
}

// The figures of docs/validation-decay.md. Errors count beyond the truth interval, as a fraction of the remaining
// time. The verified cases (times to the minute) and Omid's day-only truth are separate statistics: only the
// verified ones make the headline. The bounds are the measured values plus the margin stated there.
TEST(DecayValidationSlow, RealReentries) {
  const std::vector<Row> rows = run_table(EnsembleSettings{});
  const Summary verified = summarise(rows, true);
  const Summary day_only = summarise(rows, false);
  std::printf("verified: %d cases, median %.2f %%, worst %.2f %%, window contains the truth interval %d times\n",
              verified.cases, 100 * verified.median, 100 * verified.worst, verified.contains);
  std::printf("day-only: %d cases, median %.2f %%, worst %.2f %%, window overlaps the day %d times\n", day_only.cases,
              100 * day_only.median, 100 * day_only.worst, day_only.overlaps);
  // Measured 5.14 % and 12.84 %; bounds: plus half a percentage point.
  EXPECT_EQ(verified.cases, 13);
  EXPECT_LE(verified.median, 0.0564);
  EXPECT_LE(verified.worst, 0.1334);
  // A 90 % window: every verified window contains the whole truth interval.
  EXPECT_EQ(verified.contains, 13);
  // Measured 0.80 % and 4.36 %; the same margin.
  EXPECT_EQ(day_only.cases, 5);
  EXPECT_LE(day_only.median, 0.0130);
  EXPECT_LE(day_only.worst, 0.0486);
  EXPECT_EQ(day_only.overlaps, 5);
  // Every row of the table: nominal minus the reference time, to 0.03 h (three times the table's 0.01 h).
  ASSERT_EQ(rows.size(), std::size(kTableErrorHours));
  for (std::size_t i = 0; i < rows.size(); ++i)
    EXPECT_NEAR(rows[i].error / 3600, kTableErrorHours[i], 0.03)
        << rows[i].object << ", " << rows[i].days_before << " d";
}

// The extra, longer case of docs/validation-decay.md (not in the statistics: no element sets in the last 10 days):
// Tiangong-1 as of 2018-02-16, two element sets 10.5 h apart, 45 days before its re-entry (JSpOC: 2018-04-02T00:16Z
// +-1 min). One fit point: the window rests on the model's spreads alone and says so.
TEST(DecayValidationSlow, Tiangong1FortyFiveDaysOutOnTwoElementSets) {
  DecayRequest request;
  request.element_sets = read_tle_file(testing::test_data("reentries/37820_tiangong-1.tle")).records;
  request.as_of = Epoch::from_iso("2018-02-16T00:00:00");
  request.weather = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(testing::test_data("spaceweather/SW-All_2025-03-23.csv")));
  const std::clock_t cpu_start = std::clock();
  const DecayAnalysis a = analyse_decay(request, EarthOrientation::none());
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const Epoch truth = Epoch::from_iso("2018-04-02T00:16:00");
  const double remaining = truth - a.elements.epoch, error = a.prediction.nominal.epoch - truth;
  const double beyond = std::max(0.0, std::abs(error) - 60.0);
  ASSERT_TRUE(a.prediction.window_start && a.prediction.window_end);
  std::printf("Tiangong-1: prediction epoch %s, remaining %.2f d, nominal %s, error %+.3f d (%.2f %%), window %s .. %s, "
              "k %.3f, basis %s, CPU %.1f s\n",
              a.elements.epoch.iso(TimeScale::UTC, 0).c_str(), remaining / 86400,
              a.prediction.nominal.epoch.iso(TimeScale::UTC, 0).c_str(), error / 86400, 100 * beyond / remaining,
              a.prediction.window_start->iso(TimeScale::UTC, 0).c_str(),
              a.prediction.window_end->iso(TimeScale::UTC, 0).c_str(), a.fit.density_scale,
              std::string(to_string(a.fit.window_basis)).c_str(), cpu);
  EXPECT_EQ(a.fit.element_sets, 2);
  EXPECT_EQ(a.fit.window_basis, WindowBasis::ModelOnly);
  EXPECT_EQ(a.fit.log_scale_sigma, 0.0);
  // docs/validation-decay.md: +8.41 d (18.5 % of 45.43 d), to twice the table's 0.01 d and 0.1 %.
  EXPECT_NEAR(error / 86400, 8.41, 0.02);
  EXPECT_LE(beyond / remaining, 0.187);
  EXPECT_NEAR(a.fit.density_scale, 3.48, 0.005);
  EXPECT_LE(*a.prediction.window_start, truth - 60.0);
  EXPECT_GE(*a.prediction.window_end, truth + 60.0);
}

}  // namespace
}  // namespace deorbit

// Space weather: CelesTrak SW-All.csv and SpaceWeather-All v1.2 readers, the NRLMSISE-00 input conventions,
// predicted and monthly rows, the table's ends, malformed rows, and the embedded default table.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "support/test_data.h"

namespace {

using deorbit::Epoch;
using deorbit::InputError;
using deorbit::SpaceWeather;
using deorbit::SpaceWeatherDay;
using deorbit::SpaceWeatherValues;

Epoch utc(const std::string& iso) { return Epoch::from_iso(iso); }

const SpaceWeather& csv() {
  static const SpaceWeather t = SpaceWeather::read(deorbit::testing::test_data("spaceweather/SW-All_2025-03-23.csv"));
  return t;
}
const SpaceWeather& fixed() {
  static const SpaceWeather t =
      SpaceWeather::read(deorbit::testing::test_data("spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt"));
  return t;
}

// Collects warnings while alive.
struct WarningCapture {
  std::vector<std::string> messages;
  deorbit::WarningSink previous;
  WarningCapture() {
    previous = deorbit::set_warning_sink([this](const std::string& m) { messages.push_back(m); });
  }
  ~WarningCapture() { deorbit::set_warning_sink(previous); }
  int count(const std::string& part) const {
    int n = 0;
    for (const auto& m : messages) n += m.find(part) != std::string::npos;
    return n;
  }
};

void expect_values(const SpaceWeatherValues& v, double f107, double f107a, double ap,
                   const std::array<double, 7>& history, const std::string& where) {
  EXPECT_DOUBLE_EQ(v.f107_previous_day, f107) << where;
  EXPECT_DOUBLE_EQ(v.f107_81day_centred, f107a) << where;
  EXPECT_DOUBLE_EQ(v.ap_daily, ap) << where;
  for (std::size_t i = 0; i < 7; ++i) EXPECT_DOUBLE_EQ(v.ap_history[i], history[i]) << where << " ap[" << i << "]";
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string f; std::getline(ss, f, ',');) out.push_back(f);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// ---- values at specific dates, against the file text ---------------------------------------------------------------

TEST(SpaceWeather, CsvValuesAt2025Jan01Noon) {
  // SW-All_2025-03-23.csv:
  // 2024-12-30,...,AP1..AP8 = 2,6,9,5,6,5,7,7,...
  // 2024-12-31,...,2,3,6,5,5,27,27,27,13,...,F10.7_OBS 217.6,...
  // 2025-01-01,...,27,56,48,80,111,207,94,27,AP_AVG 81,...,F10.7_OBS 219.2,F10.7_ADJ 211.9,OBS,CENTER81 194.9,...
  SpaceWeatherValues v = csv().at(utc("2025-01-01T12:00:00Z"));
  // 12:00 is the fifth 3-hour interval (index 4): ap 111; 3, 6, 9 h before: 80, 48, 56.
  // 12..33 h before: Jan 1 00-03 h (27) and Dec 31 21-24 h back to 03-06 h (27,27,27,5,5,6,3): 127/8.
  // 36..57 h before: Dec 31 00-03 h (2) and Dec 30 21-24 h back to 03-06 h (7,7,5,6,5,9,6): 47/8.
  expect_values(v, 217.6, 194.9, 81, {81, 111, 80, 48, 56, 127.0 / 8, 47.0 / 8}, "csv 2025-01-01T12");
}

TEST(SpaceWeather, FixedWidthMatchesOrekitsInputsAtTheReferenceSamples) {
  // tests/data/orekit-reference/iss_caseC_nrlmsise00_density_samples.csv: the inputs Orekit 13.1 built from
  // the same SpaceWeather-All-v1.2 file (previous-day observed F10.7, observed centred 81-day mean, daily Ap, ap
  // history), at ten instants across the 2025-01-02 midnight.
  std::ifstream in(deorbit::testing::test_data("orekit-reference/iss_caseC_nrlmsise00_density_samples.csv"));
  std::string line;
  std::getline(in, line);
  int rows = 0;
  while (std::getline(in, line)) {
    auto f = split(line);
    ASSERT_EQ(f.size(), 15u) << line;
    SpaceWeatherValues v = fixed().at(utc(f[0] + "Z"));
    expect_values(v, std::stod(f[5]), std::stod(f[6]), std::stod(f[7]),
                  {std::stod(f[7]), std::stod(f[8]), std::stod(f[9]), std::stod(f[10]), std::stod(f[11]),
                   std::stod(f[12]), std::stod(f[13])},
                  f[0]);
    ++rows;
  }
  EXPECT_EQ(rows, 10);
}

// ---- conventions ----------------------------------------------------------------------------------------------

TEST(SpaceWeather, F107IsTheObservedFluxOfThePreviousUtcDay) {
  // SpaceWeather-All-v1.2: 2024 12 31 ... adj 218.0 ... obs 225.4; 2025 01 01 ... adj 219.0 ... obs 226.5,
  // obs Ctr81 200.3; 2025 01 02 ... obs Ctr81 200.2.
  SpaceWeatherValues before = fixed().at(utc("2025-01-01T23:59:59.999Z"));
  SpaceWeatherValues after = fixed().at(utc("2025-01-02T00:00:00Z"));
  EXPECT_DOUBLE_EQ(before.f107_previous_day, 225.4);  // observed of Dec 31, not its adjusted 218.0
  EXPECT_DOUBLE_EQ(after.f107_previous_day, 226.5);   // the day changes at 0 h UTC
  EXPECT_DOUBLE_EQ(before.f107_81day_centred, 200.3);  // the current day's centred mean
  EXPECT_DOUBLE_EQ(after.f107_81day_centred, 200.2);
  EXPECT_DOUBLE_EQ(before.ap_daily, 86);
  EXPECT_DOUBLE_EQ(after.ap_daily, 22);
}

TEST(SpaceWeather, CentredMeanIsThe81DayMeanOfObservedFluxAroundTheCurrentDay) {
  // Independent of the CENTER81 column: the mean of F10.7_OBS over the 40 days before, the day, and 40 after.
  const auto& days = csv().days();
  for (const char* date : {"2000-07-14", "2003-10-29", "2015-06-15", "2024-05-10"}) {
    Epoch t = utc(std::string(date) + "T06:00:00Z");
    int mjd = static_cast<int>(std::lround(t.jd(deorbit::TimeScale::UTC).whole - 2400000.5));
    auto it = std::find_if(days.begin(), days.end(), [&](const SpaceWeatherDay& d) { return d.mjd == mjd; });
    ASSERT_NE(it, days.end());
    double sum = 0;
    for (auto j = it - 40; j <= it + 40; ++j) sum += j->f107_observed;
    EXPECT_NEAR(csv().at(t).f107_81day_centred, sum / 81, 0.051) << date;  // the column is rounded to 0.1
  }
}

TEST(SpaceWeather, ApHistoryReachesThreeDaysBackAtTheStartOfADay) {
  // At 01:00 the current interval is 00-03 h: 3, 6, 9 h before are the previous day's last three intervals;
  // 12..33 h before ends in the day before that. CSV 2025-01-01 00-03 h: 27; 2024-12-31: 2,3,6,5,5,27,27,27;
  // 2024-12-30: 2,6,9,5,6,5,7,7; 2024-12-29: 5,2,4,6,5,5,3,3.
  SpaceWeatherValues v = csv().at(utc("2025-01-01T01:00:00Z"));
  double m12_33 = (5 + 5 + 6 + 3 + 2 + 7 + 7 + 5) / 8.0;   // Dec 31 12-15 h back to Dec 30 15-18 h
  double m36_57 = (6 + 5 + 9 + 6 + 2 + 3 + 3 + 5) / 8.0;   // Dec 30 12-15 h back to Dec 29 15-18 h
  expect_values(v, 217.6, 194.9, 81, {81, 27, 27, 27, 27, m12_33, m36_57}, "csv 2025-01-01T01");
}

// ---- predicted and monthly rows, ends of the table -------------------------------------------------------------

TEST(SpaceWeather, DaysPastTheObservedRowsUseDailyPredictionsWithOneWarning) {
  WarningCapture w;
  SpaceWeather table = csv();  // a copy has its own warn-once flags
  // 2025-03-23 is the last OBS row (F10.7_OBS 168.1); 2025-03-24 is PRD: AP 12,6,18,32,39,27,18,12, AP_AVG 20,
  // CENTER81 170.1; 2025-03-25 PRD: F10.7_OBS 171.0, AP_AVG 29, CENTER81 170.1.
  SpaceWeatherValues v = table.at(utc("2025-03-24T10:00:00Z"));
  EXPECT_DOUBLE_EQ(v.f107_previous_day, 168.1);
  EXPECT_DOUBLE_EQ(v.f107_81day_centred, 170.1);
  EXPECT_DOUBLE_EQ(v.ap_daily, 20);
  EXPECT_DOUBLE_EQ(v.ap_history[1], 32);  // 09-12 h
  SpaceWeatherValues v2 = table.at(utc("2025-03-26T10:00:00Z"));
  EXPECT_DOUBLE_EQ(v2.f107_previous_day, 171.0);
  EXPECT_EQ(w.count("past the last observed day (2025-03-23)"), 1);
  EXPECT_EQ(table.last_observed_mjd(), 60757);  // 2025-03-23
}

TEST(SpaceWeather, MonthlyPredictionsHoldForTheirMonthWithTheRecentMeanAp) {
  // PRM rows: 2025-06-01 F10.7_OBS 171.8 CENTER81 169.2; 2025-07-01 F10.7_OBS 168.1 CENTER81 169.7; no Ap.
  // Rule: Ap = mean AP_AVG of the last 81 observed rows (2025-01-02 .. 2025-03-23 in this file) = 1087/81.
  SpaceWeather table = csv();
  WarningCapture w;
  EXPECT_NEAR(table.monthly_ap(), 1087.0 / 81.0, 1e-12);
  SpaceWeatherValues mid = table.at(utc("2025-07-15T12:00:00Z"));
  expect_values(mid, 168.1, 169.7, 1087.0 / 81.0, {1087.0 / 81.0, 1087.0 / 81.0, 1087.0 / 81.0, 1087.0 / 81.0,
                                                    1087.0 / 81.0, 1087.0 / 81.0, 1087.0 / 81.0},
                "2025-07-15");
  SpaceWeatherValues first = table.at(utc("2025-07-01T00:30:00Z"));
  EXPECT_DOUBLE_EQ(first.f107_previous_day, 171.8);  // June 30 belongs to the June row
  EXPECT_DOUBLE_EQ(first.f107_81day_centred, 169.7);
  // Between the last daily prediction (2025-05-07: F10.7_OBS 176.8, AP_AVG 25) and the first monthly row,
  // the last daily prediction holds.
  SpaceWeatherValues gap = table.at(utc("2025-05-20T12:00:00Z"));
  EXPECT_DOUBLE_EQ(gap.f107_previous_day, 176.8);
  EXPECT_DOUBLE_EQ(gap.ap_daily, 25);
  EXPECT_EQ(w.count("outside"), 0);
}

TEST(SpaceWeather, BeyondTheTableTheLastRowPersistsWithOneWarning) {
  SpaceWeather table = csv();
  WarningCapture w;
  // The last row: 2041-10-01 PRM, F10.7_OBS 69.8, CENTER81 68.8; the table ends 2041-10-31.
  EXPECT_DOUBLE_EQ(table.at(utc("2041-10-31T23:00:00Z")).f107_81day_centred, 68.8);
  EXPECT_EQ(w.count("outside"), 0);
  for (const char* t : {"2041-11-01T00:00:00Z", "2050-06-01T00:00:00Z", "2099-12-31T12:00:00Z"}) {
    SpaceWeatherValues v = table.at(utc(t));
    EXPECT_DOUBLE_EQ(v.f107_previous_day, 69.8) << t;
    EXPECT_DOUBLE_EQ(v.f107_81day_centred, 68.8) << t;
    EXPECT_DOUBLE_EQ(v.ap_daily, table.monthly_ap()) << t;
  }
  EXPECT_EQ(w.count("is outside the space-weather table"), 1);
  EXPECT_EQ(w.count("holding its last row"), 1);
}

TEST(SpaceWeather, BeforeTheTableTheFirstRowHolds) {
  SpaceWeather table = SpaceWeather::parse(*deorbit::embedded_data("space_weather_default.csv"), "embedded");
  WarningCapture w;
  SpaceWeatherValues v = table.at(utc("2020-01-01T00:00:00Z"));
  // First row: 2024-12-01, AP_AVG 6, F10.7_OBS 186.3, CENTER81 201.3.
  EXPECT_DOUBLE_EQ(v.f107_previous_day, 186.3);
  EXPECT_DOUBLE_EQ(v.f107_81day_centred, 201.3);
  EXPECT_DOUBLE_EQ(v.ap_daily, 6);
  EXPECT_EQ(w.count("holding its first row"), 1);
}

TEST(SpaceWeather, ConstantActivityIgnoresTheDate) {
  SpaceWeatherValues c{120, 130, 15, {15, 15, 15, 15, 15, 15, 15}};
  SpaceWeather table = SpaceWeather::constant(c);
  WarningCapture w;
  for (const char* t : {"1990-01-01T00:00:00Z", "2030-06-01T12:00:00Z"})
    expect_values(table.at(utc(t)), 120, 130, 15, c.ap_history, t);
  EXPECT_TRUE(table.is_constant());
  EXPECT_TRUE(w.messages.empty());
}

TEST(SpaceWeather, RepeatedCallsAndSeveralTablesGiveTheRightValues) {
  // at() keeps the last values per thread and table; alternating tables and 3-hour intervals must not mix them.
  // 2025-01-01T12 in the CSV (revised): F10.7 of Dec 31 217.6, Ap 81; in the v1.2 file: 225.4, Ap 86.
  for (int i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(csv().at(utc("2025-01-01T12:00:00Z")).f107_previous_day, 217.6);
    EXPECT_DOUBLE_EQ(fixed().at(utc("2025-01-01T12:00:01Z")).f107_previous_day, 225.4);
    SpaceWeather copy = fixed();
    EXPECT_DOUBLE_EQ(copy.at(utc("2025-01-01T12:00:02Z")).ap_daily, 86);
    EXPECT_DOUBLE_EQ(csv().at(utc("2025-01-01T14:59:59.999Z")).ap_history[1], 111);  // 12-15 h
    EXPECT_DOUBLE_EQ(csv().at(utc("2025-01-01T15:00:00Z")).ap_history[1], 207);       // 15-18 h
    EXPECT_DOUBLE_EQ(csv().at(utc("2025-01-02T00:00:00Z")).f107_previous_day, 219.2);  // the next day
  }
}

// ---- the two formats -------------------------------------------------------------------------------------------

TEST(SpaceWeather, TheTwoFormatsGiveTheSameValuesOnOverlappingDays) {
  // Both files were published at different dates; CelesTrak revised some values in between (Kp/ap of 2006 and
  // 2016, several F10.7 of 1995-2007 and 2024, the centred means of recent days). 2008-2015 has no revision, so
  // the readers must agree there exactly, at every 3-hour interval.
  int compared = 0;
  for (Epoch t = utc("2008-01-01T01:30:00Z"); t < utc("2016-01-01T00:00:00Z"); t = t + 3 * 3600.0 * 5) {
    SpaceWeatherValues a = csv().at(t), b = fixed().at(t);
    ASSERT_DOUBLE_EQ(a.f107_previous_day, b.f107_previous_day) << t.iso();
    ASSERT_DOUBLE_EQ(a.f107_81day_centred, b.f107_81day_centred) << t.iso();
    ASSERT_DOUBLE_EQ(a.ap_daily, b.ap_daily) << t.iso();
    for (std::size_t i = 0; i < 7; ++i) ASSERT_DOUBLE_EQ(a.ap_history[i], b.ap_history[i]) << t.iso() << " " << i;
    ++compared;
  }
  EXPECT_EQ(compared, 4676);
  // The whole overlap of observed days in the two files (the fixed-width extract starts on 2000-01-01, the CSV on
  // 1957-10-01; both end 2025-01-10 or later): ap and F10.7 agree on all but the revised days.
  std::map<int, const SpaceWeatherDay*> by_mjd;
  for (const auto& d : csv().days()) by_mjd[d.mjd] = &d;
  int same = 0, differ = 0;
  for (const auto& d : fixed().days()) {
    if (d.kind != SpaceWeatherDay::Kind::Observed) continue;
    const SpaceWeatherDay* c = by_mjd.at(d.mjd);
    (c->ap3h == d.ap3h && c->ap_daily == d.ap_daily && c->f107_observed == d.f107_observed ? same : differ)++;
  }
  EXPECT_EQ(same + differ, 9142);  // the observed days of the extract: 2000-01-01 .. 2025-01-10
  EXPECT_EQ(differ, 311);  // days revised (ap or F10.7) between the two publications, counted independently
}

// The figures behind the rule for monthly predictions (docs/validation-atmosphere.md): annual means of the daily
// Ap in SW-All.csv, printed there to one decimal.
TEST(SpaceWeather, AnnualMeanApOfTheObservedDays) {
  std::map<int, std::pair<double, int>> by_year;
  double sum = 0;
  int count = 0;
  for (const auto& d : csv().days()) {
    if (d.kind != SpaceWeatherDay::Kind::Observed) continue;
    // The year of the day's noon, by the TT calendar (UTC is not defined before 1960; a minute does not matter).
    const int year =
        Epoch::from_jd(deorbit::TimeScale::TT, 2400000.5, d.mjd + 0.5).calendar(deorbit::TimeScale::TT).year;
    by_year[year].first += d.ap_daily;
    ++by_year[year].second;
    sum += d.ap_daily;
    ++count;
  }
  auto mean = [&](int year) { return by_year.at(year).first / by_year.at(year).second; };
  std::printf("annual mean Ap: 2009 %.2f, 2003 %.2f, 1960 %.2f; all %d observed days %.2f\n", mean(2009), mean(2003),
              mean(1960), count, sum / count);
  // To half a unit of the printed decimal (2003 and 1960 sit on it: 21.75 and 23.65).
  EXPECT_NEAR(mean(2009), 3.9, 0.051);
  EXPECT_NEAR(mean(2003), 21.8, 0.051);
  EXPECT_NEAR(mean(1960), 23.7, 0.051);
  EXPECT_NEAR(sum / count, 12.8, 0.051);
  for (const auto& [year, v] : by_year) {
    if (year == 1957 || year == 2025) continue;  // partial years
    EXPECT_GE(v.first / v.second, mean(2009) - 1e-12) << year;  // 2009 is the quietest year
    EXPECT_LE(v.first / v.second, mean(1960) + 1e-12) << year;  // 1960 the most active
  }
}

TEST(SpaceWeather, FixedWidthReadsBoth130And131ColumnLines) {
  // The published FORMAT gives 130 columns; the v1.2 files have one more blank after the flux qualifier (column
  // 101). Removing that blank from a v1.2 extract must not change a value.
  std::ifstream in(deorbit::testing::test_data("spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt"));
  std::string line, v131, v130;
  int n = 0;
  bool in_obs = false;
  while (std::getline(in, line)) {
    if (line.starts_with("BEGIN OBSERVED")) in_obs = true;
    else if (line.starts_with("END OBSERVED")) break;
    else if (in_obs && line.starts_with("2024 12")) {
      v131 += line + "\n";
      v130 += line.substr(0, 100) + line.substr(101) + "\n";
      ++n;
    }
  }
  ASSERT_EQ(n, 31);
  auto a = SpaceWeather::parse("BEGIN OBSERVED\n" + v131 + "END OBSERVED\n", "v131");
  auto b = SpaceWeather::parse("BEGIN OBSERVED\n" + v130 + "END OBSERVED\n", "v130");
  ASSERT_EQ(a.days().size(), 31u);
  ASSERT_EQ(b.days().size(), 31u);
  for (std::size_t i = 0; i < 31; ++i) {
    EXPECT_EQ(a.days()[i].ap3h, b.days()[i].ap3h);
    EXPECT_EQ(a.days()[i].f107_observed, b.days()[i].f107_observed);
    EXPECT_EQ(a.days()[i].f107_observed_ctr81, b.days()[i].f107_observed_ctr81);
  }
  EXPECT_DOUBLE_EQ(a.days().back().f107_observed, 225.4);  // 2024 12 31 ... obs 225.4
}

TEST(SpaceWeather, FixedWidthMonthlyPlaceholderApIsReplacedByTheRule) {
  // v1.2 MONTHLY_PREDICTED rows carry Ap 11 or 12 (0 in the last row, 2033 01 01): placeholders, not predictions.
  const auto& days = fixed().days();
  auto it = std::find_if(days.begin(), days.end(),
                         [](const auto& d) { return d.kind == SpaceWeatherDay::Kind::MonthlyPredicted; });
  ASSERT_NE(it, days.end());
  EXPECT_EQ(it->mjd, 60735);  // 2025-03-01
  EXPECT_DOUBLE_EQ(it->f107_observed, 178.5);
  EXPECT_DOUBLE_EQ(it->ap_daily, fixed().monthly_ap());
  EXPECT_EQ(days.back().mjd, 63598);  // 2033-01-01: MONTHLY_FIT rows (2033-02 .. 2076-12) are not read
}

// ---- malformed input -------------------------------------------------------------------------------------------

const char* kHeader =
    "DATE,BSRN,ND,KP1,KP2,KP3,KP4,KP5,KP6,KP7,KP8,KP_SUM,AP1,AP2,AP3,AP4,AP5,AP6,AP7,AP8,AP_AVG,CP,C9,ISN,"
    "F10.7_OBS,F10.7_ADJ,F10.7_DATA_TYPE,F10.7_OBS_CENTER81,F10.7_OBS_LAST81,F10.7_ADJ_CENTER81,F10.7_ADJ_LAST81\n";
const char* kRow1 =
    "2025-01-01,2610,13,40,53,50,60,67,80,63,40,453,27,56,48,80,111,207,94,27,81,1.8,7,201,219.2,211.9,OBS,194.9,"
    "200.4,189.0,195.9\n";

deorbit::ParseIssue issue_of(const std::string& text) {
  try {
    (void)SpaceWeather::parse(text, "sw.csv");
  } catch (const InputError& e) {
    return e.issue();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

TEST(SpaceWeather, MalformedCsvRowsNameFileLineAndColumn) {
  std::string good = std::string(kHeader) + kRow1;
  (void)SpaceWeather::parse(good, "sw.csv");

  std::string bad_ap = good + "2025-01-02,2610,14,33,20,33,47,43,37,33,30,277,18,7,x8,39,32,22,18,15,21,1.1,5,184,"
                              "212.4,205.4,OBS,194.6,200.7,188.6,196.0\n";
  auto i = issue_of(bad_ap);
  EXPECT_EQ(i.file, "sw.csv");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "AP3");
  EXPECT_EQ(i.column, 53);  // the first character of the AP3 field
  EXPECT_EQ(i.found, "x8");

  i = issue_of(good + "2025-01-02,2610,14,33,20\n");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "row");

  i = issue_of(std::string(kHeader) + "2025-02-30" + std::string(kRow1).substr(10));
  EXPECT_EQ(i.line, 2);
  EXPECT_EQ(i.column, 1);
  EXPECT_EQ(i.field, "date");

  i = issue_of(good + kRow1);  // the same day twice
  EXPECT_EQ(i.line, 3);
  EXPECT_NE(i.expected.find("after the previous row's 2025-01-01"), std::string::npos);

  std::string bad_type = kRow1;
  bad_type.replace(bad_type.find(",OBS,"), 5, ",XYZ,");
  i = issue_of(std::string(kHeader) + bad_type);
  EXPECT_EQ(i.field, "F10.7_DATA_TYPE");
  EXPECT_EQ(i.found, "XYZ");

  // A daily row must carry Ap; only PRM rows may leave it empty.
  i = issue_of(std::string(kHeader) + "2025-01-02,2610,14,,,,,,,,,,,,,,,,,,,,,184,212.4,205.4,PRD,194.6,200.7,188.6,196.0\n");
  EXPECT_EQ(i.field, "AP1");
  EXPECT_EQ(i.found, "");
  // A monthly row must be dated on the 1st.
  i = issue_of(good + "2025-06-02,2616,2,,,,,,,,,,,,,,,,,,,,,139,171.8,176.6,PRM,169.2,170.8,173.6,172.4\n");
  EXPECT_EQ(i.field, "DATE");

  i = issue_of("DATE,AP1\n2025-01-01,3\n");
  EXPECT_EQ(i.line, 1);
  EXPECT_EQ(i.field, "AP2");
  EXPECT_NE(deorbit::InputError(i).what(), std::string());
}

TEST(SpaceWeather, MalformedFixedWidthRowsNameFileLineAndColumn) {
  // SpaceWeather-All-v1.2_2025-01-10.txt, the 2025 01 01 line (131 columns and a trailing blank).
  const std::string row =
      "2025 01 01 2610 13 40 53 50 63 67 80 67 43 463  27  55  48  92 113 207 113  31  86 1.8 7 163 219.0 0  194.2 "
      "200.6 226.5 200.3 205.2 ";
  auto file = [](const std::string& section, const std::string& line) {
    return "DATATYPE CSSISpaceWeather\nBEGIN " + section + "\n" + line + "\nEND " + section + "\n";
  };
  auto issue = [](const std::string& text) -> deorbit::ParseIssue {
    try {
      (void)SpaceWeather::parse(text, "sw.txt");
    } catch (const InputError& e) {
      return e.issue();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return {};
  };
  auto good = SpaceWeather::parse(file("OBSERVED", row), "sw.txt");
  ASSERT_EQ(good.days().size(), 1u);
  EXPECT_DOUBLE_EQ(good.days()[0].ap_daily, 86);
  EXPECT_DOUBLE_EQ(good.days()[0].f107_observed, 226.5);
  EXPECT_DOUBLE_EQ(good.days()[0].f107_observed_ctr81, 200.3);

  std::string bad = row;
  bad[80] = 'x';  // Ap avg, columns 79-82
  auto i = issue(file("OBSERVED", bad));
  EXPECT_EQ(i.file, "sw.txt");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.column, 79);
  EXPECT_EQ(i.field, "Ap avg");
  EXPECT_EQ(i.found, "  x6");

  bad = row;
  bad[115] = '?';  // observed F10.7, columns 114-119 in a 131-column line
  i = issue(file("OBSERVED", bad));
  EXPECT_EQ(i.column, 114);
  EXPECT_EQ(i.field, "F10.7 obs");

  i = issue(file("OBSERVED", row.substr(0, 129)));
  EXPECT_EQ(i.field, "data line");
  EXPECT_EQ(i.column, 130);
  EXPECT_EQ(i.found, "129 columns");

  bad = row;
  bad[100] = '5';  // a 131-column line must have its extra blank in column 101
  i = issue(file("OBSERVED", bad));
  EXPECT_EQ(i.column, 101);

  bad = row;
  bad.replace(5, 2, "13");
  i = issue(file("OBSERVED", bad));
  EXPECT_EQ(i.field, "date");

  i = issue(file("MONTHLY_PREDICTED", row));  // a monthly row dated the 1st is fine...
  EXPECT_EQ(i.field, "");
  bad = row;
  bad.replace(8, 2, "02");  // ...any other day is not
  i = issue(file("MONTHLY_PREDICTED", bad));
  EXPECT_EQ(i.field, "day");

  i = issue("just some text\n");
  EXPECT_NE(i.expected.find("SW-All.csv"), std::string::npos);
  EXPECT_THROW((void)SpaceWeather::read("/nonexistent/SW-All.csv"), InputError);
}

// ---- the embedded default table --------------------------------------------------------------------------------

std::vector<std::vector<std::string>> embedded_rows() {
  std::istringstream in{std::string(*deorbit::embedded_data("space_weather_default.csv"))};
  std::vector<std::vector<std::string>> rows;
  bool header = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("#")) continue;
    if (!header) {
      header = true;
      continue;
    }
    rows.push_back(split(line));
  }
  return rows;
}

TEST(SpaceWeather, EmbeddedTableNamesItsSourceAndParses) {
  std::string text(*deorbit::embedded_data("space_weather_default.csv"));
  EXPECT_TRUE(text.starts_with("# deorbit embedded space-weather table"));
  EXPECT_NE(text.find("CelesTrak"), std::string::npos);
  EXPECT_NE(text.find("ASSISTLabOrg/TIEGCM_ROPE"), std::string::npos);
  EXPECT_NE(text.find("8d215dd1884799c0c5861e0c3cc59fbedb6eab94"), std::string::npos);
  WarningCapture w;
  SpaceWeather table = SpaceWeather::embedded();
  (void)SpaceWeather::embedded();
  EXPECT_LE(w.count("embedded table"), 1);  // once per process (another test may have been first)
  EXPECT_EQ(table.days().size(), 642u);
  EXPECT_EQ(table.days().front().mjd, 60645);        // 2024-12-01
  EXPECT_EQ(table.last_observed_mjd(), 61054);       // 2026-01-14
  EXPECT_EQ(table.end_mjd(), 66823);                 // 2041-10-31
  EXPECT_NEAR(table.monthly_ap(), 1342.0 / 81, 1e-12);  // mean Ap 2025-10-26 .. 2026-01-14
}

TEST(SpaceWeather, EmbeddedTableIsInternallyConsistent) {
  // The rows were copied by hand from the published file: these identities of CelesTrak's data catch a mistyped
  // digit in any column the model uses (and most others).
  const std::map<int, int> kp_to_ap = {{0, 0},    {3, 2},    {7, 3},    {10, 4},   {13, 5},   {17, 6},  {20, 7},
                                       {23, 9},   {27, 12},  {30, 15},  {33, 18},  {37, 22},  {40, 27}, {43, 32},
                                       {47, 39},  {50, 48},  {53, 56},  {57, 67},  {60, 80},  {63, 94}, {67, 111},
                                       {70, 132}, {73, 154}, {77, 179}, {80, 207}, {83, 236}, {87, 300}, {90, 400}};
  auto rows = embedded_rows();
  ASSERT_EQ(rows.size(), 642u);
  std::vector<std::vector<std::string>> daily;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 31u) << r[0];
    if (r[26] != "PRM") daily.push_back(r);
  }
  ASSERT_EQ(daily.size(), 455u);
  std::vector<double> obs;
  for (const auto& r : daily) obs.push_back(std::stod(r[24]));
  for (std::size_t i = 0; i < daily.size(); ++i) {
    const auto& r = daily[i];
    double sum = 0;
    for (int k = 0; k < 8; ++k) {
      int kp = std::stoi(r[3 + static_cast<std::size_t>(k)]), ap = std::stoi(r[12 + static_cast<std::size_t>(k)]);
      sum += ap;
      if (r[26] != "PRD") {
        EXPECT_EQ(kp_to_ap.at(kp), ap) << r[0] << " Kp/ap " << k + 1;
      }
    }
    EXPECT_LE(std::abs(sum / 8 - std::stod(r[20])), 0.5) << r[0] << " AP_AVG";
    if (i >= 40 && i + 40 < daily.size()) {
      double c = 0;
      for (std::size_t j = i - 40; j <= i + 40; ++j) c += obs[j];
      EXPECT_NEAR(c / 81, std::stod(r[27]), 0.051) << r[0] << " F10.7_OBS_CENTER81";
    }
    if (i >= 80) {
      double l = 0;
      for (std::size_t j = i - 80; j <= i; ++j) l += obs[j];
      EXPECT_NEAR(l / 81, std::stod(r[28]), 0.051) << r[0] << " F10.7_OBS_LAST81";
    }
  }
  // Dates: consecutive days, then consecutive months; Bartels rotation and day advance with them.
  SpaceWeather table = SpaceWeather::parse(*deorbit::embedded_data("space_weather_default.csv"), "embedded");
  const auto& days = table.days();
  int first_total = (2609 - 1) * 27 + (9 - 1);  // 2024-12-01: BSRN 2609, ND 9
  for (std::size_t i = 0; i < days.size(); ++i) {
    int total = first_total + (days[i].mjd - days[0].mjd);
    EXPECT_EQ(std::stoi(rows[i][1]), total / 27 + 1) << rows[i][0];
    EXPECT_EQ(std::stoi(rows[i][2]), total % 27 + 1) << rows[i][0];
    if (i > 0 && i < 455) {
      EXPECT_EQ(days[i].mjd, days[i - 1].mjd + 1) << rows[i][0];
    }
  }
}

TEST(SpaceWeather, EmbeddedTableAgreesWithTheSharedCopyOnOverlappingDays) {
  // tests/data's SW-All.csv was published 2025-03-23, the embedded extract's source later (observed to
  // 2026-01-14). Observed ap and F10.7 of days already final in March 2025 must agree; centred means only where
  // the 81-day window lay inside the older file's observations; the last weeks' Kp were still being revised.
  SpaceWeather table = SpaceWeather::parse(*deorbit::embedded_data("space_weather_default.csv"), "embedded");
  std::map<int, const SpaceWeatherDay*> shared;
  for (const auto& d : csv().days()) shared[d.mjd] = &d;
  int compared = 0;
  for (const auto& d : table.days()) {
    if (d.mjd > 60757) break;  // 2025-03-23, the shared copy's last observed day
    const SpaceWeatherDay& s = *shared.at(d.mjd);
    EXPECT_DOUBLE_EQ(d.f107_observed, s.f107_observed) << d.mjd;
    if (d.mjd <= 60734) {  // to 2025-02-28
      EXPECT_EQ(d.ap3h, s.ap3h) << d.mjd;
      EXPECT_DOUBLE_EQ(d.ap_daily, s.ap_daily) << d.mjd;
    }
    if (d.mjd <= 60717) {  // to 2025-02-11
      EXPECT_DOUBLE_EQ(d.f107_observed_ctr81, s.f107_observed_ctr81) << d.mjd;
    }
    ++compared;
  }
  EXPECT_EQ(compared, 113);
  // And so the inputs at the Orekit reference epoch agree: CSV 2025-01-01 as in CsvValuesAt2025Jan01Noon.
  expect_values(table.at(utc("2025-01-01T12:00:00Z")), 217.6, 194.9, 81, {81, 111, 80, 48, 56, 127.0 / 8, 47.0 / 8},
                "embedded 2025-01-01T12");
}

}  // namespace

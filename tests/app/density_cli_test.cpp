// End-to-end tests of `deorbit density`: the built command, fixed inputs, JSON checked against references.
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <erfa.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::CommandResult;

nlohmann::json json_of(const CommandResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

std::string shared(const std::string& relative) { return deorbit::testing::test_data(relative).string(); }

// The first sample of tests/data/orekit-reference/iss_caseC_nrlmsise00_density_samples.csv: Orekit 13.1's
// NRLMSISE00 density there, with inputs from SpaceWeather-All-v1.2 (F10.7 225.4, F10.7A 200.3, daily Ap 86).
const std::string kIssPoint = "--epoch 2025-01-01T12:00:00Z --lat -41.345572 --lon -4.760129 --alt-km 432.274186";
constexpr double kOrekitDensity = 9.093848e-12;

// Local apparent solar time at that point from ERFA alone: the true Sun's right ascension of date (eraEpv00,
// eraPnm06a) against Greenwich apparent sidereal time (eraGst06a) with UT1-UTC = 0.0463 s (EOP-All, 2025-01-01).
double erfa_solar_time(double lon_deg) {
  double tai1 = 0, tai2 = 0, tt1 = 0, tt2 = 0, ut1 = 0, ut2 = 0;
  eraUtctai(2460676.5, 0.5, &tai1, &tai2);
  eraTaitt(tai1, tai2, &tt1, &tt2);
  eraUtcut1(2460676.5, 0.5, 0.0463, &ut1, &ut2);
  double pvh[2][3], pvb[2][3], rnpb[3][3], sun[3], sun_date[3];
  eraEpv00(tt1, tt2, pvh, pvb);
  for (int i = 0; i < 3; ++i) sun[i] = -pvh[0][i];
  eraPnm06a(tt1, tt2, rnpb);
  eraRxp(rnpb, sun, sun_date);
  double hour_angle = eraAnp(eraGst06a(ut1, ut2, tt1, tt2) + lon_deg * (M_PI / 180.0) - std::atan2(sun_date[1], sun_date[0]));
  return std::fmod(12.0 + hour_angle * 12.0 / M_PI, 24.0);
}

TEST(DensityCli, Nrlmsise00WithConstantActivityMatchesOrekit) {
  auto j = json_of(deorbit::testing::run_deorbit("density --model nrlmsise00 " + kIssPoint + " --f107 225.4 --f107a 200.3 --ap 86 --eop " +
                       shared("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt")));
  EXPECT_EQ(j["model"], "nrlmsise00");
  EXPECT_EQ(j["epoch_utc"], "2025-01-01T12:00:00.000Z");
  EXPECT_DOUBLE_EQ(j["latitude_deg"].get<double>(), -41.345572);
  EXPECT_DOUBLE_EQ(j["altitude_km"].get<double>(), 432.274186);
  // Agrees to 0.1 s (the Sun's series, light time); NRLMSISE-00's diurnal terms vary over hours.
  const double lst_error_s = 3600 * (j["local_solar_time_h"].get<double>() - erfa_solar_time(-4.760129));
  EXPECT_NEAR(lst_error_s, 0.0, 0.25);  // measured +0.11 s
  EXPECT_DOUBLE_EQ(j["f107"].get<double>(), 225.4);
  EXPECT_DOUBLE_EQ(j["f107a"].get<double>(), 200.3);
  EXPECT_DOUBLE_EQ(j["ap"].get<double>(), 86);
  EXPECT_EQ(j["ap_history"].size(), 7u);
  // Measured +1.8e-4: Orekit measures the solar time between the satellite and the Sun on GCRF's equator, the
  // command gives the apparent solar time at the place (Earth-fixed): 11.61673 h against 11.62098 h, 15 s apart.
  const double vs_orekit = j["density_kg_m3"].get<double>() / kOrekitDensity - 1;
  std::printf("density command vs Orekit: %+.2e; local solar time vs ERFA %+.3f s\n", vs_orekit, lst_error_s);
  EXPECT_NEAR(vs_orekit, 0.0, 4e-4);
  EXPECT_GT(j["temperature_k"].get<double>(), 1000.0);
  EXPECT_TRUE(j["pressure_pa"].is_null());
}

TEST(DensityCli, Nrlmsise00WithASpaceWeatherFileTakesItsConventions) {
  auto r = deorbit::testing::run_deorbit("density " + kIssPoint + " --space-weather " + shared("spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt"));
  auto j = json_of(r);
  // Orekit's inputs at this instant (the reference samples file): previous-day observed F10.7, centred mean,
  // daily Ap and the ap history.
  EXPECT_DOUBLE_EQ(j["f107"].get<double>(), 225.4);
  EXPECT_DOUBLE_EQ(j["f107a"].get<double>(), 200.3);
  EXPECT_DOUBLE_EQ(j["ap"].get<double>(), 86);
  EXPECT_EQ(j["ap_history"], nlohmann::json::parse("[86, 113, 92, 48, 55, 15.875, 5.875]"));
  EXPECT_NE(j["space_weather"].get<std::string>().find("SpaceWeather-All-v1.2"), std::string::npos);
  std::printf("density command with the space-weather file vs Orekit: %+.2e\n",
              j["density_kg_m3"].get<double>() / kOrekitDensity - 1);
  EXPECT_NEAR(j["density_kg_m3"].get<double>() / kOrekitDensity, 1.0, 4e-4);  // measured +1.8e-4
  EXPECT_EQ(r.err.find("embedded"), std::string::npos);
}

TEST(DensityCli, WithoutActivityTheEmbeddedTableIsUsedWithAWarning) {
  auto r = deorbit::testing::run_deorbit("density " + kIssPoint);
  auto j = json_of(r);
  // The embedded extract's 2025-01-01 rows (definitive values, as in SW-All.csv of 2025-03-23).
  EXPECT_DOUBLE_EQ(j["f107"].get<double>(), 217.6);
  EXPECT_DOUBLE_EQ(j["f107a"].get<double>(), 194.9);
  EXPECT_DOUBLE_EQ(j["ap"].get<double>(), 81);
  EXPECT_NE(j["space_weather"].get<std::string>().find("embedded"), std::string::npos);
  EXPECT_NE(r.err.find("using the embedded table"), std::string::npos) << r.err;
  EXPECT_GT(j["density_kg_m3"].get<double>(), 1e-12);
}

TEST(DensityCli, Us76GivesTableValuesAndNoActivity) {
  auto r = deorbit::testing::run_deorbit("density --model us76 --epoch 2025-01-01T12:00:00Z --lat 45 --lon 7 --alt-km 86");
  auto j = json_of(r);
  EXPECT_EQ(j["model"], "us76");
  // NOAA-S/T 76-1562 Table I at 86 km: 186.87 K, 0.37338 Pa, 6.958e-6 kg/m^3.
  // Measured -2e-5 and +1e-5 (docs/validation-atmosphere.md, the table's digits); T is 186.8673 K.
  EXPECT_NEAR(j["density_kg_m3"].get<double>() / 6.958e-6, 1.0, 1e-4);
  EXPECT_NEAR(j["temperature_k"].get<double>(), 186.87, 0.005);
  EXPECT_NEAR(j["pressure_pa"].get<double>() / 0.37338, 1.0, 5e-5);
  EXPECT_GT(j["speed_of_sound_mps"].get<double>(), 270.0);
  EXPECT_TRUE(j["f107"].is_null());
  EXPECT_TRUE(j["ap_history"].is_null());
  EXPECT_TRUE(j["space_weather"].is_null());
  EXPECT_EQ(r.err.find("space-weather"), std::string::npos);  // a static model loads no table
}

TEST(DensityCli, ExponentialHasNoTemperature) {
  auto r = deorbit::testing::run_deorbit("density --model exponential --epoch 2030-06-01T00:00:00Z --lat 10 --lon 370 --alt-km 400 "
               "--f107 150 --f107a 150 --ap 4");
  auto j = json_of(r);
  EXPECT_DOUBLE_EQ(j["density_kg_m3"].get<double>(), 3.725e-12);  // Vallado Table 8-4, 400 km
  EXPECT_TRUE(j["temperature_k"].is_null());
  EXPECT_DOUBLE_EQ(j["longitude_deg"].get<double>(), 10.0);  // 370 deg east, normalised
  EXPECT_NE(r.err.find("does not use solar or geomagnetic activity"), std::string::npos) << r.err;
}

TEST(DensityCli, BadInputGivesAClearErrorAndNonZeroExit) {
  CommandResult r = deorbit::testing::run_deorbit("density --model us76 --epoch 2025-01-01T12:00:00Z --lat 95 --lon 0 --alt-km 100");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--lat"), std::string::npos) << r.err;

  r = deorbit::testing::run_deorbit("density --model msis90 --epoch 2025-01-01T12:00:00Z --lat 0 --lon 0 --alt-km 100");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("expected nrlmsise00, us76 or exponential"), std::string::npos) << r.err;

  r = deorbit::testing::run_deorbit("density --epoch 2025-13-01T00:00:00Z --lat 0 --lon 0 --alt-km 100");
  EXPECT_EQ(r.exit_code, 1);

  // A malformed command line exits with code 2, before anything runs.
  r = deorbit::testing::run_deorbit("density --lat 0 --lon 0 --alt-km 100");  // --epoch is required
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--epoch"), std::string::npos) << r.err;

  r = deorbit::testing::run_deorbit("density --epoch 2025-01-01T00:00:00Z --lat 0 --lon 0 --alt-km 100 --f107 150");  // needs all three
  EXPECT_EQ(r.exit_code, 2);

  std::string bad = ::testing::TempDir() + "/bad_sw.csv";
  std::ofstream(bad) << "DATE,AP1\n2025-01-01,3\n";
  r = deorbit::testing::run_deorbit("density --epoch 2025-01-01T00:00:00Z --lat 0 --lon 0 --alt-km 100 --space-weather " + bad);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(bad + ":1:"), std::string::npos) << r.err;  // file:line:column
}

TEST(DensityCli, HelpReadsLikeAManual) {
  CommandResult r = deorbit::testing::run_deorbit("density --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"nrlmsise00", "us76", "exponential", "[kg/m^3]", "--space-weather", "Example", "Exit codes"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

}  // namespace

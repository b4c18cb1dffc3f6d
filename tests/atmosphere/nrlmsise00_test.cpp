// NRLMSISE-00 against published reference outputs: the 17 standard test cases of the C port (to their printed 7
// digits), the three CCMC altitude profiles (4 digits), and Orekit 13.1's densities at 10 ISS points.
// Oracles: tests/data/nrlmsise00 and tests/data/orekit-reference (read their PROVENANCE.md / README.md).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/base/constants.h"
#include "atmosphere/nrlmsise00_test_support.h"

namespace deorbit {
namespace {

using testing::day_of_year;
using testing::half_printed_ulp;
using testing::half_ulp;
using testing::num;
using testing::read_csv;
using testing::Row;

TEST(Nrlmsise00, SeventeenStandardTestCasesToTheirPrintedDigits) {
  const auto rows = read_csv("nrlmsise00/nrlmsise00_c_test_cases.csv");
  ASSERT_EQ(rows.size(), 17u);
  const char* names[11] = {"he_cm3", "o_cm3", "n2_cm3", "o2_cm3", "ar_cm3", "rho_total_g_cm3",
                           "h_cm3",  "n_cm3", "anom_o_cm3", "t_exo_K", "t_alt_K"};
  double worst = 0;
  std::string worst_where;
  for (const Row& r : rows) {
    nrlmsise00::Input in;
    in.doy = static_cast<int>(num(r, "doy"));
    in.sec = num(r, "sec_ut");
    in.alt = num(r, "alt_km");
    in.g_lat = num(r, "g_lat_deg");
    in.g_long = num(r, "g_long_deg");
    in.lst = num(r, "lst_h");
    in.f107A = num(r, "f107a");
    in.f107 = num(r, "f107");
    in.ap = num(r, "ap_daily");
    nrlmsise00::Switches sw;  // [0] = 0: cm^-3 and g/cm^3, as the reference run
    sw.sw[9] = static_cast<int>(num(r, "switch9"));
    if (r.at("ap_array_used") == "1") {
      std::string a = r.at("ap_array");
      for (std::size_t i = 0; i < 7; ++i) {
        const auto cut = a.find(';');
        in.ap_array[i] = std::stod(a.substr(0, cut));
        a = cut == std::string::npos ? "" : a.substr(cut + 1);
      }
    }
    const nrlmsise00::Output out = nrlmsise00::gtd7(in, sw);
    const double got[11] = {out.d[0], out.d[1], out.d[2], out.d[3], out.d[4], out.d[5],
                            out.d[6], out.d[7], out.d[8], out.t[0], out.t[1]};
    for (int k = 0; k < 11; ++k) {
      const double want = num(r, names[k]);
      const std::string where = "case " + r.at("case") + " " + names[k];
      if (std::string(names[k]) == "anom_o_cm3" && std::fabs(want) < 1e-30) {
        // 2.8e-42 in the C port, 0 in the Fortran (PROVENANCE.md): an underflow artefact, both mean zero.
        EXPECT_LT(std::fabs(got[k]), 1e-30) << where;
        continue;
      }
      EXPECT_LE(std::fabs(got[k] - want), half_ulp(want, 7) * (1 + 1e-9)) << where << ": got " << got[k];
      if (want != 0) {
        const double rel = std::fabs(got[k] / want - 1);
        if (rel > worst) {
          worst = rel;
          worst_where = where;
        }
      }
    }
  }
  std::printf("17 standard cases: largest relative difference %.2e (%s); printed to 7 digits\n", worst,
              worst_where.c_str());
}

// CCMC (ModelWeb, NRL Fortran) profiles: inputs as given, local solar time = UT + longitude / 15 as the Fortran
// documentation recommends, mass density without anomalous oxygen (gtd7), switch 9 = 1 (daily Ap). Printed to 4
// significant digits (t_exo to the kelvin). The Fortran runs in single precision, so its fourth digit is not
// always right: scenario 1 (user-given indices) agrees within 7e-4. Scenarios 2 and 3 (indices from CCMC's
// database) agree within 7e-4 in mass density and temperature with the daily Ap, but only within 1.2e-2 with the
// ap history listed beside them (switch 9 = -1): CCMC evidently ran them with the daily Ap; their minor species
// (O2, Ar and anomalous O above 800 km) differ up to 3.5e-3, consistent with indices printed to one decimal.
TEST(Nrlmsise00, CcmcProfiles) {
  const auto rows = read_csv("nrlmsise00/nrlmsise00_ccmc_profiles.csv");
  ASSERT_EQ(rows.size(), 43u);
  const std::vector<std::pair<std::string, int>> outputs = {
      {"he_cm3", 0}, {"o_cm3", 1},  {"n2_cm3", 2}, {"o2_cm3", 3},     {"ar_cm3", 4},  {"rho_g_cm3", 5},
      {"h_cm3", 6},  {"n_cm3", 7},  {"anom_o_cm3", 8}, {"t_exo_K", 9}, {"t_alt_K", 10}};
  double worst_bulk = 0, worst_species = 0;
  std::string worst_bulk_where, worst_species_where;
  std::map<std::string, double> bulk_by_scenario, rho_by_scenario, species_by_scenario, history_bulk_by_scenario;
  std::map<std::string, std::string> bulk_where;
  int compared = 0, within_printed = 0;
  for (const Row& r : rows) {
    const std::string& utc = r.at("utc");  // YYYY-MM-DDThh:mm:ssZ
    const int y = std::stoi(utc.substr(0, 4)), mo = std::stoi(utc.substr(5, 2)), d = std::stoi(utc.substr(8, 2));
    nrlmsise00::Input in;
    in.doy = day_of_year(y, mo, d);
    in.sec = std::stoi(utc.substr(11, 2)) * 3600.0 + std::stoi(utc.substr(14, 2)) * 60.0 + std::stoi(utc.substr(17, 2));
    in.alt = num(r, "alt_km");
    in.g_lat = num(r, "g_lat_deg");
    in.g_long = num(r, "g_lon_deg");
    in.lst = std::fmod(in.sec / 3600.0 + in.g_long / 15.0, 24.0);
    in.f107 = num(r, "f107_daily");
    in.f107A = num(r, "f107_81day_avg");
    in.ap = num(r, "ap_daily");
    const auto out = nrlmsise00::gtd7(in);
    // The same point with the 3-hourly ap history listed beside it (switch 9 = -1; scenarios 2 and 3 list one).
    const bool has_history = !r.at("ap_00_03h_prior").empty();
    nrlmsise00::Output with_history = out;
    if (has_history) {
      in.ap_array = {num(r, "ap_daily"),        num(r, "ap_00_03h_prior"), num(r, "ap_03_06h_prior"),
                     num(r, "ap_06_09h_prior"), num(r, "ap_09_12h_prior"), num(r, "ap_12_33h_prior_avg"),
                     num(r, "ap_33_59h_prior_avg")};
      nrlmsise00::Switches history;
      history.sw[9] = -1;
      with_history = nrlmsise00::gtd7(in, history);
    }
    const double got[11] = {out.d[0], out.d[1], out.d[2], out.d[3], out.d[4], out.d[5],
                            out.d[6], out.d[7], out.d[8], out.t[0], out.t[1]};
    const double got_history[11] = {0, 0, 0, 0, 0, with_history.d[5], 0, 0, 0, with_history.t[0], with_history.t[1]};
    const std::string& scenario = r.at("scenario");
    for (const auto& [name, k] : outputs) {
      const std::string& text = r.at(name);
      const double want = std::stod(text);
      const std::string where = "scenario " + scenario + " " + r.at("alt_km") + " km " + name;
      const double half = half_printed_ulp(text);
      if (want == 0) {
        EXPECT_LT(std::fabs(got[k]), half) << where << ": got " << got[k];
        continue;
      }
      ++compared;
      if (std::fabs(got[k] - want) <= half * (1 + 1e-9)) ++within_printed;
      const double rel = std::fabs(got[k] / want - 1);
      const bool bulk = k == 5 || k >= 9;  // mass density and temperatures
      // About 2x the measured (docs/validation-nrlmsise00.md): mass density and temperatures 4.6e-4, 6.6e-4, 6.3e-4
      // (scenarios 1, 2, 3), species 6.0e-4, 3.45e-3 (Ar above 800 km), 2.6e-3.
      const double bound = bulk ? 1.2e-3 : scenario == "1" ? 1.2e-3 : 7e-3;
      EXPECT_LE(rel, bound) << where << ": got " << got[k] << ", CCMC " << text;
      double& worst = bulk ? worst_bulk : worst_species;
      if (rel > worst) {
        worst = rel;
        (bulk ? worst_bulk_where : worst_species_where) = where;
      }
      if (bulk && rel > bulk_by_scenario[scenario]) {
        bulk_by_scenario[scenario] = rel;
        bulk_where[scenario] = where;
      }
      if (!bulk) species_by_scenario[scenario] = std::max(species_by_scenario[scenario], rel);
      if (k == 5) rho_by_scenario[scenario] = std::max(rho_by_scenario[scenario], rel);
      if (bulk && has_history) {
        history_bulk_by_scenario[scenario] =
            std::max(history_bulk_by_scenario[scenario], std::fabs(got_history[k] / want - 1));
      }
    }
  }
  std::printf("CCMC profiles: %d of %d non-zero values within half a printed unit; largest relative difference "
              "%.2e in mass density and temperature (%s), %.2e in species (%s)\n",
              within_printed, compared, worst_bulk, worst_bulk_where.c_str(), worst_species,
              worst_species_where.c_str());
  for (const auto& [scenario, worst] : bulk_by_scenario)
    std::printf("  scenario %s: mass density within %.2e, with the temperatures %.2e (%s) with the daily Ap, %.2e "
                "with the ap history (switch 9 = -1); species within %.2e\n",
                scenario.c_str(), rho_by_scenario[scenario], worst, bulk_where[scenario].c_str(),
                history_bulk_by_scenario[scenario], species_by_scenario[scenario]);
  EXPECT_LT(rho_by_scenario["1"], 5e-4);  // measured 2.3e-4 (user-given integer indices)
  EXPECT_EQ(compared, 454);
  EXPECT_GE(within_printed, 229);
  // CCMC ran scenarios 2 and 3 with the daily Ap: the ap history they list does 15x worse (measured 1.05e-2 and
  // 1.16e-2).
  EXPECT_NEAR(history_bulk_by_scenario["2"], 1.05e-2, 0.05e-2);
  EXPECT_NEAR(history_bulk_by_scenario["3"], 1.16e-2, 0.05e-2);
}

// Orekit 13.1 NRLMSISE00 (getDensity, gtd7d) at 10 points of its ISS case C: see nrlmsise00_test_support.h for
// Orekit's conventions and how its local solar time is rebuilt.
TEST(Nrlmsise00, OrekitDensitiesAlongTheIssOrbit) {
  const auto samples = testing::orekit_samples();
  ASSERT_EQ(samples.size(), 10u);
  constexpr double ut1_minus_utc = 0.0463894;  // [s] at t0 (README); drifts by < 1 ms over the day
  nrlmsise00::Switches sw;
  sw.sw[0] = 1;  // kg/m^3, as Orekit
  double worst_ut1 = 0, worst_utc = 0;
  const Nrlmsise00 model;
  for (const auto& s : samples) {
    const Row& r = s.row;
    const CalendarTime cal = s.epoch.calendar(TimeScale::UTC);
    nrlmsise00::Input in;
    in.doy = day_of_year(cal.year, cal.month, cal.day);
    in.sec = cal.hour * 3600.0 + cal.minute * 60.0 + cal.second + ut1_minus_utc;
    in.alt = num(r, "alt_m") / 1000.0;
    in.g_lat = num(r, "geodetic_lat_deg");
    in.g_long = num(r, "geodetic_lon_deg");
    in.lst = s.lst;
    in.f107 = num(r, "f107_daily_prev_day_obs");
    in.f107A = num(r, "f107_81day_ctr_obs");
    in.ap = num(r, "ap_daily");
    const double want = num(r, "density_kg_m3");
    const double half = half_printed_ulp(r.at("density_kg_m3"));
    const double rho_ut1 = nrlmsise00::gtd7d(in, sw).d[5];
    EXPECT_LE(std::fabs(rho_ut1 - want), half * (1 + 1e-9)) << r.at("epoch_utc") << ": got " << rho_ut1;
    worst_ut1 = std::max(worst_ut1, std::fabs(rho_ut1 / want - 1));

    // The same point through the Atmosphere interface (seconds of the UTC day, SI and radians).
    AtmosphereInput ai;
    ai.epoch = s.epoch;
    ai.place = {in.g_lat * constants::deg, in.g_long * constants::deg, num(r, "alt_m")};
    ai.local_solar_time = s.lst;
    ai.weather.f107_previous_day = in.f107;
    ai.weather.f107_81day_centred = in.f107A;
    ai.weather.ap_daily = in.ap;
    const double rho_utc = model.evaluate(ai).density;
    EXPECT_NEAR(rho_utc / want, 1.0, 3e-7) << r.at("epoch_utc");  // measured 1.1e-7 at worst
    worst_utc = std::max(worst_utc, std::fabs(rho_utc / want - 1));
  }
  std::printf("Orekit densities: largest relative difference %.2e (UT1 seconds, as Orekit), %.2e (Nrlmsise00 with "
              "UTC seconds); Orekit prints 7 digits\n",
              worst_ut1, worst_utc);
}

// A propagation must reach its altitude event: no throw, finite positive density at every height, heights below
// 0 km evaluated at 0 km, and no jump where the model changes branch (72.5 km, za = 123.435 km).
TEST(Nrlmsise00, EvaluatesAtEveryHeightWithoutThrowing) {
  const Nrlmsise00 model;
  AtmosphereInput in;
  in.epoch = Epoch::from_iso("2025-01-01T12:00:00Z");
  in.place = {0.3, -1.2, 0.0};
  in.local_solar_time = 9.5;
  const double at0 = model.evaluate(in).density;
  for (double h_km : {-6000.0, -100.0, -1.0, -1e-9, 0.0, 0.5, 32.5, 62.5, 72.4999, 72.5, 72.5001, 100.0, 123.4349,
                      123.435, 123.4351, 300.0, 1000.0, 2500.0, 40000.0}) {
    in.place.height = h_km * 1000.0;
    AtmosphereState st;
    EXPECT_NO_THROW(st = model.evaluate(in)) << h_km;
    EXPECT_TRUE(std::isfinite(st.density) && st.density > 0) << h_km << " km: " << st.density;
    EXPECT_TRUE(std::isfinite(st.temperature) && st.temperature > 0) << h_km << " km: " << st.temperature;
    if (h_km <= 0) {
      EXPECT_EQ(st.density, at0) << h_km;
    }
  }
  for (double edge : {72.5, 123.435}) {
    in.place.height = (edge - 1e-6) * 1000.0;
    const double below = model.evaluate(in).density;
    in.place.height = (edge + 1e-6) * 1000.0;
    const double above = model.evaluate(in).density;
    EXPECT_NEAR(below / above, 1.0, 1e-3) << edge;
  }
}

// Day of year and seconds of the UTC day, across day ends, a leap year and a leap second (the evaluation keeps the
// current day per thread, so the order of the calls below also exercises that cache).
TEST(Nrlmsise00, DayOfYearAndSecondsOfTheUtcDay) {
  const Nrlmsise00 model;
  struct Case {
    const char* utc;
    int doy;
    double sec;
  };
  const Case cases[] = {{"2025-01-01T12:00:00", 1, 43200.0},        {"2025-01-01T23:59:59.25", 1, 86399.25},
                        {"2025-01-02T00:00:00", 2, 0.0},            {"2024-12-31T06:00:00", 366, 21600.0},
                        {"2016-12-31T23:59:60.5", 366, 86400.5},    {"2017-01-01T00:00:00.5", 1, 0.5},
                        {"2016-12-31T23:59:59", 366, 86399.0},      {"2025-03-01T00:00:01", 60, 1.0},
                        {"2024-03-01T00:00:01", 61, 1.0},           {"2025-01-01T12:00:00", 1, 43200.0}};
  for (const Case& c : cases) {
    AtmosphereInput in;
    in.epoch = Epoch::from_iso(c.utc);
    const nrlmsise00::Input m = model.model_input(in);
    EXPECT_EQ(m.doy, c.doy) << c.utc;
    EXPECT_NEAR(m.sec, c.sec, 1e-9) << c.utc;
  }
}

TEST(Nrlmsise00, Gtd7dAddsAnomalousOxygenToTheMassDensity) {
  nrlmsise00::Input in;
  in.doy = 172;
  in.sec = 29000;
  in.alt = 400;
  in.g_lat = 60;
  in.g_long = -70;
  in.lst = 16;
  const auto a = nrlmsise00::gtd7(in);
  const auto b = nrlmsise00::gtd7d(in);
  EXPECT_NEAR(b.d[5] - a.d[5], 1.66e-24 * 16.0 * a.d[8], 1e-12 * a.d[5]);
  for (int i : {0, 1, 2, 3, 4, 6, 7, 8}) EXPECT_EQ(a.d[i], b.d[i]);
}

TEST(Nrlmsise00, MetricSwitchGivesSiUnits) {
  nrlmsise00::Input in;
  in.doy = 172;
  in.sec = 29000;
  in.alt = 400;
  in.g_lat = 60;
  in.g_long = -70;
  in.lst = 16;
  nrlmsise00::Switches si;
  si.sw[0] = 1;
  for (double alt : {400.0, 50.0}) {
    in.alt = alt;
    const auto cgs = nrlmsise00::gtd7d(in);
    const auto m = nrlmsise00::gtd7d(in, si);
    EXPECT_NEAR(m.d[2], cgs.d[2] * 1e6, 1e-13 * m.d[2]);
    EXPECT_NEAR(m.d[5], cgs.d[5] * 1e3, 1e-13 * m.d[5]);
    EXPECT_EQ(m.t[1], cgs.t[1]);
  }
}

}  // namespace
}  // namespace deorbit

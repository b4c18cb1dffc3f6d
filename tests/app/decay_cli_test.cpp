// End-to-end: `deorbit decay` outputs (JSON fields, an RDM that parses back) and its bad-input errors.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "deorbit/io/rdm.h"
#include "deorbit/time/epoch.h"
#include "support/run_command.h"
#include "support/test_data.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace {

using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;

std::string y1() { return deorbit::testing::test_data("reentries/45601_cz-5b-y1_rb.tle").string(); }
std::string sw() { return deorbit::testing::test_data("spaceweather/SW-All_2025-03-23.csv").string(); }

// CZ-5B Y1 one day before its observed re-entry (2020-05-11T15:33Z), a small ensemble to stay quick.
const std::string kQuick = " --as-of 2020-05-10T15:33:00Z --ensemble 4 --no-progress";

TEST(DecayCli, JsonHasTheEpochsTheWindowAndThePoint) {
  std::string track = deorbit::testing::write_temp_file("decay_window_track.geojson", "");
  CommandResult r = run_deorbit("decay --tle " + y1() + " --space-weather " + sw() + kQuick + " --format json" +
                                " --geojson " + track);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"nominal_reentry_epoch", "window_start", "window_end"}) {
    ASSERT_TRUE(j[key].is_string()) << key;
    EXPECT_EQ(j[key].get<std::string>().back(), 'Z');
  }
  EXPECT_LE(j["window_start"].get<std::string>(), j["nominal_reentry_epoch"].get<std::string>());
  EXPECT_GE(j["window_end"].get<std::string>(), j["nominal_reentry_epoch"].get<std::string>());
  double lat = j["reentry_lat_deg"], lon = j["reentry_lon_deg"];
  EXPECT_LE(std::abs(lat), 41.2);  // inclination 41.1 deg
  EXPECT_LE(std::abs(lon), 180.0);
  EXPECT_GT(j["fit"]["element_sets"].get<int>(), 5);
  EXPECT_FALSE(j["fit"]["weak"].get<bool>());
  EXPECT_GE(j["fit"]["spread_points"].get<int>(), 2);
  EXPECT_EQ(j["window_basis"], "fit-spread");
  EXPECT_EQ(j["fit"]["spread_basis"], "fit-spread");
  EXPECT_GT(j["fit"]["density_scale"].get<double>(), 0.0);
  // The prediction epoch is the last element set before --as-of, and the observed re-entry is 1.0 to 1.1 days on.
  EXPECT_LT(j["prediction_epoch"].get<std::string>(), "2020-05-10T15:33:00Z");
  EXPECT_EQ(j["nominal_reentry_epoch"].get<std::string>().substr(0, 10), "2020-05-11");
  // The ground track: before the window, the window up to the nominal re-entry, the rest of the window; the point.
  std::ifstream g(track);
  auto geo = nlohmann::json::parse(g);
  ASSERT_EQ(geo["features"].size(), 4u);
  const auto& f = geo["features"];
  auto seconds = [](const nlohmann::json& a, const nlohmann::json& b) {
    return deorbit::Epoch::from_iso(a.get<std::string>()) - deorbit::Epoch::from_iso(b.get<std::string>());
  };
  // Track samples are 30 s apart: each part ends within a sample of its boundary.
  EXPECT_NEAR(seconds(f[0]["properties"]["end"], j["window_start"]), 0.0, 30.0);
  EXPECT_NEAR(seconds(f[1]["properties"]["start"], j["window_start"]), 0.0, 30.0);
  EXPECT_NEAR(seconds(f[1]["properties"]["end"], j["nominal_reentry_epoch"]), 0.0, 1.0);
  EXPECT_NEAR(seconds(f[2]["properties"]["start"], j["nominal_reentry_epoch"]), 0.0, 30.0);
  EXPECT_NEAR(seconds(f[2]["properties"]["end"], j["window_end"]), 0.0, 30.0);
  EXPECT_GT(seconds(j["window_end"], j["nominal_reentry_epoch"]), 600.0);  // the third part is not empty
  EXPECT_EQ(f[3]["geometry"]["type"], "Point");
}

TEST(DecayCli, RdmParsesBackWithItsMandatoryKeywords) {
  std::string out = deorbit::testing::write_temp_file("decay.rdm", "");
  CommandResult r = run_deorbit("decay --tle " + y1() + " --space-weather " + sw() + kQuick + " --format rdm -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(out);
  deorbit::Rdm rdm = deorbit::read_rdm_kvn(in, out);  // throws on a missing mandatory keyword
  EXPECT_EQ(rdm.international_designator, "2020-027C");
  EXPECT_EQ(rdm.catalog_number, 45601u);
  EXPECT_FALSE(rdm.controlled_reentry);
  EXPECT_DOUBLE_EQ(rdm.reentry_altitude, 80e3);
  ASSERT_TRUE(rdm.nominal_reentry_epoch && rdm.reentry_window_start && rdm.reentry_window_end);
  // The same prediction as the JSON test (deterministic ensemble): re-entry on 2020-05-11.
  EXPECT_EQ(rdm.nominal_reentry_epoch->iso(deorbit::TimeScale::UTC, 0).substr(0, 10), "2020-05-11");
  EXPECT_NEAR(*rdm.nominal_reentry_epoch - rdm.epoch_tzero, rdm.orbit_lifetime, 1e-3);
  EXPECT_NEAR(*rdm.reentry_window_start - rdm.epoch_tzero, *rdm.orbit_lifetime_window_start, 1e-3);
  EXPECT_NEAR(*rdm.reentry_window_end - rdm.epoch_tzero, *rdm.orbit_lifetime_window_end, 1e-3);
  EXPECT_LE(*rdm.reentry_window_start, *rdm.nominal_reentry_epoch);
  EXPECT_GE(*rdm.reentry_window_end, *rdm.nominal_reentry_epoch);
  ASSERT_TRUE(rdm.state_epoch.has_value());
  EXPECT_EQ(*rdm.state_epoch, rdm.epoch_tzero);
  EXPECT_NEAR(rdm.r.norm(), 6.55e6, 0.1e6);  // about 170 km up, a day before re-entry
  EXPECT_DOUBLE_EQ(*rdm.confidence_level, 90.0);
}

// Two element sets of CZ-5B Y1 (2020-05-09T21:55Z and 2020-05-10T12:38Z): the fit has one point, no scatter to
// measure, and every output says that the window rests on the model's spreads alone.
TEST(DecayCli, FewerThanTwoSpreadPointsGiveAModelOnlyWindowInEveryFormat) {
  std::ifstream in(y1());
  std::string line1, line2, two;
  while (std::getline(in, line1) && std::getline(in, line2)) {
    const std::string epoch = line1.substr(18, 14);
    if (epoch == "20130.91358174" || epoch == "20131.52678949") two += line1 + "\n" + line2 + "\n";
  }
  ASSERT_EQ(std::count(two.begin(), two.end(), '\n'), 4) << two;
  const std::string tle = deorbit::testing::write_temp_file("decay_two_sets.tle", two);
  const std::string args = "decay --tle " + tle + " --space-weather " + sw() + " --ensemble 4 --no-progress";

  CommandResult r = run_deorbit(args + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["fit"]["element_sets"].get<int>(), 2);
  EXPECT_LE(j["fit"]["spread_points"].get<int>(), 1);
  EXPECT_EQ(j["fit"]["log_scale_sigma"].get<double>(), 0.0);
  EXPECT_EQ(j["fit"]["spread_basis"], "model-only");
  EXPECT_EQ(j["window_basis"], "model-only");
  EXPECT_DOUBLE_EQ(j["ensemble"]["log_scale_sigma"].get<double>(), 0.15);  // the model spread alone
  ASSERT_TRUE(j["window_start"].is_string());

  r = run_deorbit(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ln spread NOT MEASURED: 1 usable element set, at least two needed"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Window basis      model-only: fewer than two element sets usable for the spread"),
            std::string::npos)
      << r.out;

  const std::string out = deorbit::testing::write_temp_file("decay_two_sets.rdm", "");
  r = run_deorbit(args + " --format rdm -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream rdm_in(out);
  const deorbit::Rdm rdm = deorbit::read_rdm_kvn(rdm_in, out);
  EXPECT_EQ(std::count_if(rdm.comments.begin(), rdm.comments.end(),
                          [](const std::string& c) { return c.rfind("window basis: model-only", 0) == 0; }),
            1)
      << ::testing::PrintToString(rdm.comments);
}

TEST(DecayCli, LifetimeModeWritesHistoryPlotAndGroundTrack) {
  std::string history = deorbit::testing::write_temp_file("decay_history.csv", "");
  std::string plot = deorbit::testing::write_temp_file("decay_plot.svg", "");
  std::string track = deorbit::testing::write_temp_file("decay_track.geojson", "");
  CommandResult r = run_deorbit("decay --tle " + y1() + " --space-weather " + sw() +
                                " --as-of 2020-05-10T15:33:00Z --lifetime --no-progress --history " + history +
                                " --plot " + plot + " --geojson " + track + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["model"]["gravity"], "EGM96 4x4");
  EXPECT_TRUE(j["window_start"].is_null());  // one run: no window
  std::ifstream h(history);
  std::string line;
  std::getline(h, line);
  EXPECT_EQ(line, "epoch_utc,mean_alt_km,min_alt_km");
  int rows = 0;
  double first = 0, last = 0;
  while (std::getline(h, line)) {
    double mean = std::stod(line.substr(line.find(',') + 1));
    if (rows++ == 0) first = mean;
    last = mean;
  }
  EXPECT_GE(rows, 4);           // 6-hour samples (lifetime mode) over about a day
  EXPECT_GT(first, last + 50);  // it comes down
  std::ifstream p(plot);
  std::stringstream svg;
  svg << p.rdbuf();
  EXPECT_NE(svg.str().find("<svg"), std::string::npos);
  std::ifstream g(track);
  auto geo = nlohmann::json::parse(g);
  ASSERT_EQ(geo["type"], "FeatureCollection");
  ASSERT_EQ(geo["features"].size(), 2u);
  EXPECT_NE(geo["features"][0]["geometry"]["type"].get<std::string>().find("LineString"), std::string::npos);
  EXPECT_EQ(geo["features"][1]["geometry"]["type"], "Point");
  EXPECT_NEAR(geo["features"][1]["geometry"]["coordinates"][1].get<double>(), j["reentry_lat_deg"].get<double>(), 1e-6);
}

// One element set of a GTO stage (Ariane 42P of decay-single, 143 x 15,096 km, 139 days left), flown only 10 days
// with a 20-day limit: fitted to its own SGP4 decay, flown with the Sun and Moon (3.4 km over 10 days), and "no
// re-entry before" the limit is a result (exit 0) in every format. OE (2.4 days left) gives a window.
TEST(DecayCli, OneElementSetSaysItsFitItsForcesItsHorizonAndItsWindowWidth) {
  const std::string tles = deorbit::testing::test_data("decay-single/tles.tle").string();
  const std::string args = "decay --tle " + tles + " --norad 25881 --space-weather " + sw() +
                           " --as-of 2013-10-23T00:00:00Z --no-progress --horizon-days 10 --horizon-limit-days 20";
  CommandResult r = run_deorbit(args + " --ensemble 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["fit"]["self_fit"].get<bool>());
  EXPECT_EQ(j["fit"]["spread_basis"], "self-fit");
  EXPECT_TRUE(j["model"]["sun_and_moon"].get<bool>());
  EXPECT_GT(j["model"]["lunisolar_perigee_drift_km"].get<double>(), 1.0);
  EXPECT_FALSE(j["reentered"].get<bool>());
  EXPECT_TRUE(j["horizon_extended"].get<bool>());
  EXPECT_EQ(j["no_reentry_before"].get<std::string>().substr(0, 10), "2013-11-11");
  EXPECT_TRUE(j["window_start"].is_null());
  EXPECT_TRUE(j["window_width_of_remaining"].is_null());

  const std::string out = deorbit::testing::write_temp_file("decay_gto_short.rdm", "");
  r = run_deorbit(args + " --ensemble 1 --format rdm -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream rdm_in(out);
  const deorbit::Rdm rdm = deorbit::read_rdm_kvn(rdm_in, out);
  EXPECT_EQ(rdm.n_body_perturbations, "SUN, MOON");
  EXPECT_FALSE(rdm.nominal_reentry_epoch.has_value());
  EXPECT_NEAR(rdm.orbit_lifetime / 86400.0, 20.0, 0.01);
  EXPECT_EQ(std::count_if(rdm.comments.begin(), rdm.comments.end(),
                          [](const std::string& c) { return c.rfind("no re-entry before 2013-11-11", 0) == 0; }),
            1)
      << ::testing::PrintToString(rdm.comments);

  r = run_deorbit(args + " --ensemble 1 --sun-moon off");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Re-entry          none before 2013-11-11"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(the limit of the extended run)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NRLMSISE-00 drag (lunisolar perigee drift up to"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": as asked"), std::string::npos) << r.out;

  r = run_deorbit("decay --tle " + tles + " --norad 30772 --space-weather " + sw() +
                  " --as-of 2013-10-23T03:00:00Z --no-progress --ensemble 3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j["window_start"].is_string());
  EXPECT_EQ(j["window_basis"], "self-fit");
  EXPECT_FALSE(j["model"]["sun_and_moon"].get<bool>());
  const double width = (deorbit::Epoch::from_iso(j["window_end"].get<std::string>()) -
                        deorbit::Epoch::from_iso(j["window_start"].get<std::string>())) /
                       86400.0;
  // The epochs in the JSON are rounded to the second.
  EXPECT_NEAR(j["window_width_of_remaining"].get<double>(), width / j["remaining_days"].get<double>(), 1e-4);
}

TEST(DecayCli, BadInputGivesExitCode1WithAMessage) {
  std::string empty = deorbit::testing::write_temp_file("empty.tle", "");
  CommandResult r = run_deorbit("decay --tle " + empty + " --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no element set"), std::string::npos) << r.err;

  r = run_deorbit("decay --tle " + y1() + " --space-weather " + sw() + " --as-of 2020-01-01T00:00:00Z --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("before every element set"), std::string::npos) << r.err;

  r = run_deorbit("decay --tle " + y1() + " --norad 25544 --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("catalogue number 25544"), std::string::npos) << r.err;

  r = run_deorbit("decay --tle " + y1() + " --format xml --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--format"), std::string::npos) << r.err;

  r = run_deorbit("decay --tle " + y1() + " --sun-moon maybe --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--sun-moon: expected auto, on or off, got 'maybe'"), std::string::npos) << r.err;

  r = run_deorbit("decay --tle " + y1() + " --mass 1000 --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--area"), std::string::npos) << r.err;

  r = run_deorbit("decay --tle /no/such/file.tle");
  EXPECT_EQ(r.exit_code, 2);
  r = run_deorbit("decay --ensemble many");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(DecayCli, ObjectAlreadyBelowTheReentryAltitudeIsRefused) {
  // A circular orbit about 70 km up (mean motion 16.77 rev/d: a ~ 6448 km): impossible to predict, refused.
  std::string low = deorbit::testing::write_temp_file(
      "low.tle",
      "1 99999U 20999A   20132.00000000  .00000000  00000-0  00000-0 0  9992\n"
      "2 99999  51.6000   0.0000 0001000   0.0000   0.0000 16.77000000    01\n");
  CommandResult r = run_deorbit("decay --tle " + low + " --space-weather " + sw() + " --no-progress");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("below the re-entry altitude"), std::string::npos) << r.err;
}

}  // namespace

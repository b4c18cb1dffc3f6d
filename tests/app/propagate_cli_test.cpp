// End-to-end tests of `deorbit propagate`: the built command, fixed inputs, checked outputs and exit codes.
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::CommandResult;

TEST(PropagateCli, DefaultRunsTheEmbeddedIssForOneRevolution) {
  CommandResult r = deorbit::testing::run_deorbit("propagate");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto l = deorbit::testing::lines_of(r.out);
  ASSERT_GT(l.size(), 90u);
  EXPECT_EQ(l[0], "epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps");
  EXPECT_EQ(l[1].substr(0, 26), "2026-08-25T15:51:11.984832");  // the element epoch (26237.66055538)
  double x, y, z;
  ASSERT_EQ(std::sscanf(l[1].c_str() + 27, "%lf,%lf,%lf", &x, &y, &z), 3);
  double radius = std::sqrt(x * x + y * y + z * z);
  EXPECT_GT(radius, 6371e3 + 380e3);
  EXPECT_LT(radius, 6378e3 + 440e3);
  EXPECT_NE(r.err.find("UT1 = UTC"), std::string::npos);  // one warning: no EOP file given
}

TEST(PropagateCli, GeodeticFromACatalogueWithEop) {
  std::string tle = deorbit::testing::test_data("tle/active_2025-10-03_sample.tle").string();
  std::string eop = deorbit::testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt").string();
  CommandResult r = deorbit::testing::run_deorbit("propagate --tle " + tle + " --norad 25544 --from 2025-10-03T12:00:00Z --to 2025-10-03T13:30:00Z"
              " --step 300 --frame geodetic --eop " + eop);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto l = deorbit::testing::lines_of(r.out);
  ASSERT_EQ(l.size(), 1u + 19u);
  EXPECT_EQ(l[0], "epoch_utc,lat_deg,lon_deg,alt_m");
  EXPECT_EQ(l.back().substr(0, 19), "2025-10-03T13:30:00");
  for (std::size_t i = 1; i < l.size(); ++i) {
    double lat, lon, alt;
    ASSERT_EQ(std::sscanf(l[i].c_str() + 27, "%lf,%lf,%lf", &lat, &lon, &alt), 3) << l[i];
    EXPECT_LE(std::abs(lat), 51.7);
    EXPECT_LE(std::abs(lon), 180.0);
    EXPECT_GT(alt, 400e3);
    EXPECT_LT(alt, 440e3);
  }
  // Dates past the EOP table's end are held at the last row, with a warning.
  EXPECT_NE(r.err.find("outside the Earth orientation table"), std::string::npos);
}

TEST(PropagateCli, OemToAFileIsCompleteAndWellFormed) {
  std::string out = ::testing::TempDir() + "/iss.oem";
  std::filesystem::remove(out);
  CommandResult r = deorbit::testing::run_deorbit("propagate --frame itrf --format oem --step 600 -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream f(out);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  for (const char* key : {"CCSDS_OEM_VERS = 3.0", "OBJECT_NAME = ISS (ZARYA)", "OBJECT_ID = 1998-067A",
                          "CENTER_NAME = EARTH", "REF_FRAME = ITRF2020", "TIME_SYSTEM = UTC", "META_STOP"})
    EXPECT_NE(text.find(key), std::string::npos) << key;
  auto l = deorbit::testing::lines_of(text);
  double x, y, z, vx, vy, vz;
  char epoch[64];
  ASSERT_EQ(std::sscanf(l.back().c_str(), "%63s %lf %lf %lf %lf %lf %lf", epoch, &x, &y, &z, &vx, &vy, &vz), 7);
  EXPECT_NEAR(std::sqrt(x * x + y * y + z * z), 6790.0, 40.0);  // km
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
}

TEST(PropagateCli, BadInputGivesAClearErrorAndNonZeroExit) {
  CommandResult r = deorbit::testing::run_deorbit("propagate --frame tod");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--frame: expected teme, gcrf, itrf or geodetic, got 'tod'"), std::string::npos) << r.err;

  r = deorbit::testing::run_deorbit("propagate --frame geodetic --format oem");
  EXPECT_EQ(r.exit_code, 1);

  r = deorbit::testing::run_deorbit("propagate --from 2026-02-30T00:00:00Z");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("2026-02-30"), std::string::npos);

  r = deorbit::testing::run_deorbit("propagate --step -5");
  EXPECT_EQ(r.exit_code, 1);

  r = deorbit::testing::run_deorbit("propagate --tle /no/such/file.tle");
  EXPECT_EQ(r.exit_code, 2);  // a command-line error: the file check fails before the command runs
  EXPECT_NE(r.err.find("/no/such/file.tle"), std::string::npos);

  std::string broken = deorbit::testing::write_temp_file("broken.tle",
      "ISS (ZARYA)\n"
      "1 25544U 98067A   26237.66055538  .00007716  00000+0  14485-3 0  9993\n"
      "2 25544  51.6329 316.2335 0007673  83.1052 277.0809 15.49625410582520\n");
  r = deorbit::testing::run_deorbit("propagate --strict --tle " + broken);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(broken + ":3:69: checksum: expected checksum 5, found '0'"), std::string::npos) << r.err;
  r = deorbit::testing::run_deorbit("propagate --tle " + broken);  // lenient: the bad record is skipped, leaving nothing
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("skipped a record"), std::string::npos) << r.err;

  std::string tle = deorbit::testing::test_data("tle/active_2025-10-03_sample.tle").string();
  r = deorbit::testing::run_deorbit("propagate --tle " + tle);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("choose one with --norad or --name"), std::string::npos) << r.err;
  r = deorbit::testing::run_deorbit("propagate --tle " + tle + " --norad 99999999");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no catalogue number 99999999 found"), std::string::npos) << r.err;
}

TEST(PropagateCli, SelectsByNameAndReadsOmm) {
  std::string omm = deorbit::testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json").string();
  CommandResult r = deorbit::testing::run_deorbit("propagate --omm " + omm + " --from 2025-01-01T00:00:00Z --to 2025-01-01T00:10:00Z --step 60 --frame teme");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(deorbit::testing::lines_of(r.out).size(), 12u);
  std::string tle = deorbit::testing::test_data("tle/active_2025-10-03_sample.tle").string();
  r = deorbit::testing::run_deorbit("propagate --tle " + tle + " --name 'iss (zarya)' --step 600");
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST(PropagateCli, DecayEndsTheEphemerisWithExitCode3) {
  // Vallado's verification case 29141 (SGP4-VER.TLE) decays a few hours after its epoch.
  std::string decaying = deorbit::testing::write_temp_file("decaying.tle",
      "1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718\n"
      "2 29141  82.4288 273.4882 0015848 277.2124  83.9133 15.93343074  6828\n");
  CommandResult r = deorbit::testing::run_deorbit("propagate --tle " + decaying + " --to 2006-06-21T06:00:00Z --step 600 --frame teme");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("decayed"), std::string::npos) << r.err;
  auto l = deorbit::testing::lines_of(r.out);
  EXPECT_GT(l.size(), 2u);
  EXPECT_LT(l.size(), 145u);
}

TEST(PropagateCli, OpmStatePropagatesAsTwoBodyMotion) {
  std::string opm = deorbit::testing::write_temp_file("state.opm",
      "CCSDS_OPM_VERS = 2.0\nCREATION_DATE = 2026-08-25T00:00:00\nORIGINATOR = TEST\n"
      "OBJECT_NAME = TESTSAT\nOBJECT_ID = 2026-001A\nCENTER_NAME = EARTH\nREF_FRAME = GCRF\nTIME_SYSTEM = UTC\n"
      "EPOCH = 2026-08-25T00:00:00\nX = 6778.137 [km]\nY = 0 [km]\nZ = 0 [km]\n"
      "X_DOT = 0 [km/s]\nY_DOT = 7.668558 [km/s]\nZ_DOT = 0 [km/s]\n");
  CommandResult r = deorbit::testing::run_deorbit("propagate --opm " + opm + " --to 2026-08-25T01:00:00Z --step 3600");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto l = deorbit::testing::lines_of(r.out);
  ASSERT_EQ(l.size(), 3u);
  double x, y, z;
  ASSERT_EQ(std::sscanf(l[2].c_str() + 27, "%lf,%lf,%lf", &x, &y, &z), 3);
  EXPECT_NEAR(std::sqrt(x * x + y * y + z * z), 6778137.0, 1.0);  // circular orbit keeps its radius
}

TEST(PropagateCli, HelpReadsLikeAManual) {
  CommandResult r = deorbit::testing::run_deorbit("propagate --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"--tle", "--omm", "--opm", "--norad", "--name", "--from", "--to", "--step", "[s]", "--frame",
                        "--format", "Example:", "Exit codes"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  r = deorbit::testing::run_deorbit("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("propagate"), std::string::npos);
}

}  // namespace

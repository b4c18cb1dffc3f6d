// End-to-end: `deorbit propagate --numerical` reproduces Orekit reference case C from the example files, and the
// numerical path's errors and defaults.
#include <array>
#include <cmath>
#include <cstdio>
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

std::vector<std::array<double, 3>> positions(const std::string& csv) {
  std::vector<std::array<double, 3>> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::array<double, 3> p{};
    if (std::sscanf(line.c_str() + line.find(',') + 1, "%lf,%lf,%lf", &p[0], &p[1], &p[2]) == 3) out.push_back(p);
  }
  return out;
}

TEST(NumericalCli, ReproducesOrekitCaseCFromTheExampleFiles) {
  std::string examples = deorbit::testing::source_path("examples/orekit").string();
  std::string sw = deorbit::testing::test_data("spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt").string();
  std::string eop = deorbit::testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt").string();
  CommandResult r = deorbit::testing::run_deorbit("propagate --numerical --forces " + examples + "/case-c.yaml --opm " + examples +
                        "/iss-2025-01-01.opm --space-weather " + sw + " --eop " + eop +
                        " --from 2025-01-01T12:00:00Z --to 2025-01-02T12:00:00Z --step 600 --frame gcrf --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto ours = positions(r.out);
  ASSERT_EQ(ours.size(), 145u);
  // The last row of Orekit's 1 micrometre file for case C.
  std::ifstream oracle(deorbit::testing::test_data("orekit-reference/iss_caseC_dP1e-6.csv"));
  std::string line, last;
  while (std::getline(oracle, line))
    if (!line.empty()) last = line;
  auto ref = positions("header\n" + last + "\n");
  ASSERT_EQ(ref.size(), 1u);
  double d = std::hypot(ours.back()[0] - ref[0][0], ours.back()[1] - ref[0][1], ours.back()[2] - ref[0][2]);
  std::printf("deorbit propagate --numerical, case C after one day: %.3f m from Orekit\n", d);
  EXPECT_LT(d, 1.0);
}

TEST(NumericalCli, DefaultsRunOnTheEmbeddedIssWithNoDataFiles) {
  CommandResult r = deorbit::testing::run_deorbit("propagate --numerical --step 600");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto p = positions(r.out);
  ASSERT_GT(p.size(), 9u);
  for (const auto& x : p) EXPECT_NEAR(std::hypot(x[0], x[1], x[2]), 6.79e6, 3e4);
}

// One warning about the embedded space weather, from the same place as for a library user (Drag without a table),
// not one from the force file's reader and another from the table.
TEST(NumericalCli, DragWithoutSpaceWeatherWarnsOnce) {
  std::string examples = deorbit::testing::source_path("examples/orekit").string();
  CommandResult r = deorbit::testing::run_deorbit("propagate --numerical --forces " + examples + "/case-c.yaml --opm " +
                                                  examples + "/iss-2025-01-01.opm --from 2025-01-01T12:00:00Z "
                                                  "--to 2025-01-01T13:00:00Z --step 600 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t count = 0;
  const std::string what = "embedded table";
  for (std::size_t at = r.err.find(what); at != std::string::npos; at = r.err.find(what, at + 1))
    ++count;
  EXPECT_EQ(count, 1u) << r.err;
  EXPECT_NE(r.err.find("no space-weather table given: using the embedded table"), std::string::npos) << r.err;
}

TEST(NumericalCli, BadForceFileNamesFileLineAndKey) {
  std::string path = ::testing::TempDir() + "/bad_forces.yaml";
  std::ofstream(path) << "gravity:\n  field: egm96\n  degree: 20\ndrag:\n  atmosphere: msis90\n";
  CommandResult r = deorbit::testing::run_deorbit("propagate --numerical --forces " + path + " --step 600");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path + ":5:15: drag.atmosphere: expected one of nrlmsise00, us76, exponential, found 'msis90'"),
            std::string::npos)
      << r.err;
  std::ofstream(path) << "gravity:\n  degre: 20\n";
  r = deorbit::testing::run_deorbit("propagate --numerical --forces " + path + " --step 600");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path + ":2:3: gravity.degre"), std::string::npos) << r.err;
  r = deorbit::testing::run_deorbit("propagate --forces " + path);  // --forces needs --numerical
  EXPECT_EQ(r.exit_code, 2);
}

TEST(NumericalCli, AFallToTheFloorEndsTheRunWithExitCode3) {
  // A 150 km circular orbit with strong drag and a 120 km floor: it comes down within a few hours.
  std::string opm = ::testing::TempDir() + "/low.opm";
  std::ofstream(opm) << "CCSDS_OPM_VERS = 3.0\nCREATION_DATE = 2026-01-01T00:00:00\nORIGINATOR = TEST\n"
                        "OBJECT_NAME = LOW\nOBJECT_ID = 2026-001A\nCENTER_NAME = EARTH\nREF_FRAME = GCRF\n"
                        "TIME_SYSTEM = UTC\nEPOCH = 2026-01-01T00:00:00\nX = 6528.137 [km]\nY = 0 [km]\nZ = 0 [km]\n"
                        "X_DOT = 0 [km/s]\nY_DOT = 7.8142 [km/s]\nZ_DOT = 0 [km/s]\n";
  std::string forces = ::testing::TempDir() + "/low.yaml";
  std::ofstream(forces) << "gravity: {field: egm96, degree: 4}\ndrag: {atmosphere: us76}\n"
                           "spacecraft: {mass_kg: 100, drag_area_m2: 10, drag_coefficient: 2.2}\n"
                           "integrator: {floor_altitude_m: 120000}\n";
  CommandResult r = deorbit::testing::run_deorbit("propagate --numerical --forces " + forces + " --opm " + opm +
                        " --to 2026-01-02T00:00:00Z --step 60 --frame geodetic");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("floor altitude"), std::string::npos) << r.err;
}

}  // namespace

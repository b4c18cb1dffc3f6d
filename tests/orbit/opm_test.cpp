// Tests of the CCSDS OPM KVN reader and writer (CCSDS 502.0-B-3 ODM Blue Book, section 3).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>

#include "deorbit/base/error.h"
#include "deorbit/orbit/opm.h"

namespace deorbit {
namespace {

// An ISS-like state (values made up for the tests) with every optional block of table 3-3 present.
const std::string kIssOpm = R"(CCSDS_OPM_VERS = 3.0
COMMENT ISS-like state written for the deorbit tests (values made up)
CREATION_DATE = 2025-03-01T00:00:00
ORIGINATOR = DEORBIT-TEST
MESSAGE_ID = OPM-0001

COMMENT metadata
OBJECT_NAME = ISS (ZARYA)
OBJECT_ID = 1998-067A
CENTER_NAME = EARTH
REF_FRAME = EME2000
TIME_SYSTEM = UTC

COMMENT state vector
EPOCH = 2025-03-01T12:00:00.125
X = -4400.594 [km]
Y = 1932.870 [km]
Z = 4760.712 [km]
X_DOT = -5.367 [km/s]
Y_DOT = -5.041 [km/s]
Z_DOT = -2.921 [km/s]

COMMENT osculating Keplerian elements: skipped by deorbit
SEMI_MAJOR_AXIS = 6796.5 [km]
ECCENTRICITY = 0.0006
INCLINATION = 51.64 [deg]
RA_OF_ASC_NODE = 120.0 [deg]
ARG_OF_PERICENTER = 80.0 [deg]
TRUE_ANOMALY = 10.0 [deg]
GM = 398600.4415 [km**3/s**2]

MASS = 450000 [kg]
SOLAR_RAD_AREA = 2500 [m**2]
SOLAR_RAD_COEFF = 1.3
DRAG_AREA = 1640.5 [m**2]
DRAG_COEFF = 2.2

COV_REF_FRAME = RTN
CX_X = 1.0e-3 [km**2]
CY_X = 1.0e-5 [km**2]
CY_Y = 1.0e-3 [km**2]
CZ_X = 1.0e-5 [km**2]
CZ_Y = 1.0e-5 [km**2]
CZ_Z = 1.0e-3 [km**2]
CX_DOT_X = 1.0e-7 [km**2/s]
CX_DOT_Y = 1.0e-7 [km**2/s]
CX_DOT_Z = 1.0e-7 [km**2/s]
CX_DOT_X_DOT = 1.0e-8 [km**2/s**2]
CY_DOT_X = 1.0e-7 [km**2/s]
CY_DOT_Y = 1.0e-7 [km**2/s]
CY_DOT_Z = 1.0e-7 [km**2/s]
CY_DOT_X_DOT = 1.0e-9 [km**2/s**2]
CY_DOT_Y_DOT = 1.0e-8 [km**2/s**2]
CZ_DOT_X = 1.0e-7 [km**2/s]
CZ_DOT_Y = 1.0e-7 [km**2/s]
CZ_DOT_Z = 1.0e-7 [km**2/s]
CZ_DOT_X_DOT = 1.0e-9 [km**2/s**2]
CZ_DOT_Y_DOT = 1.0e-9 [km**2/s**2]
CZ_DOT_Z_DOT = 1.0e-8 [km**2/s**2]

COMMENT two maneuvers: their keywords repeat
MAN_EPOCH_IGNITION = 2025-03-02T00:00:00
MAN_DURATION = 0 [s]
MAN_DELTA_MASS = -10 [kg]
MAN_REF_FRAME = RTN
MAN_DV_1 = 0 [km/s]
MAN_DV_2 = -0.001 [km/s]
MAN_DV_3 = 0 [km/s]
MAN_EPOCH_IGNITION = 2025-03-03T00:00:00
MAN_DURATION = 600 [s]
MAN_DELTA_MASS = -50 [kg]
MAN_REF_FRAME = TNW
MAN_DV_1 = -0.002 [km/s]
MAN_DV_2 = 0 [km/s]
MAN_DV_3 = 0 [km/s]
USER_DEFINED_EARTH_MODEL = WGS-84
)";

// The example OPM of CCSDS 502.0-B-2 (figure 3-1 style): version 2.0, ITRF-97, no units.
const std::string kGodzillaOpm = R"(CCSDS_OPM_VERS = 2.0
CREATION_DATE = 1998-11-06T09:23:57
ORIGINATOR = JAXA
COMMENT GEOCENTRIC, CARTESIAN, EARTH FIXED
OBJECT_NAME = GODZILLA 5
OBJECT_ID = 1998-999A
CENTER_NAME = EARTH
REF_FRAME = ITRF-97
TIME_SYSTEM = UTC
EPOCH = 1998-12-18T14:28:15.1172
X = 6503.514000
Y = 1239.647000
Z = -717.490000
X_DOT = -0.873160
Y_DOT = 8.740420
Z_DOT = -4.191076
MASS = 3000.000000
SOLAR_RAD_AREA = 18.770000
SOLAR_RAD_COEFF = 1.000000
DRAG_AREA = 18.770000
DRAG_COEFF = 2.500000
)";

Opm read_text(const std::string& text) {
  std::istringstream in(text);
  return read_opm(in, "test.opm");
}

ParseIssue issue_of(const std::string& text) {
  try {
    (void)read_text(text);
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("test.opm:"), std::string::npos) << e.what();
    return e.issue();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

// kIssOpm with the first line that starts with "<prefix> " replaced (removed if replacement is empty).
std::string iss_with(const std::string& prefix, const std::string& replacement) {
  std::istringstream in(kIssOpm);
  std::string out, line;
  bool done = false;
  while (std::getline(in, line)) {
    if (!done && line.starts_with(prefix + " ")) {
      done = true;
      if (!replacement.empty()) out += replacement + "\n";
    } else {
      out += line + "\n";
    }
  }
  EXPECT_TRUE(done) << prefix;
  return out;
}

int line_of(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.starts_with(prefix)) return n;
  ADD_FAILURE() << prefix;
  return 0;
}

void expect_close(double a, double b, double rel = 1e-12) {
  EXPECT_LE(std::abs(a - b), rel * std::max(std::abs(a), std::abs(b))) << a << " vs " << b;
}

void expect_same(const Opm& a, const Opm& b) {
  EXPECT_EQ(a.originator, b.originator);
  EXPECT_EQ(a.object_name, b.object_name);
  EXPECT_EQ(a.object_id, b.object_id);
  EXPECT_EQ(a.state.frame, b.state.frame);
  EXPECT_EQ(a.time_system, b.time_system);
  EXPECT_EQ(a.state.epoch, b.state.epoch) << a.state.epoch.iso(TimeScale::TAI, 12) << " vs "
                                          << b.state.epoch.iso(TimeScale::TAI, 12);
  for (int i = 0; i < 3; ++i) {
    expect_close(a.state.r[i], b.state.r[i]);
    expect_close(a.state.v[i], b.state.v[i]);
  }
  auto same = [](const std::optional<double>& x, const std::optional<double>& y) {
    EXPECT_EQ(x.has_value(), y.has_value());
    if (x && y) expect_close(*x, *y);
  };
  same(a.mass_kg, b.mass_kg);
  same(a.drag_area_m2, b.drag_area_m2);
  same(a.drag_coeff, b.drag_coeff);
  same(a.srp_area_m2, b.srp_area_m2);
  same(a.srp_coeff, b.srp_coeff);
}

Opm round_trip(const Opm& opm) {
  std::ostringstream out;
  write_opm_kvn(out, opm);
  try {
    return read_text(out.str());
  } catch (const InputError& e) {
    ADD_FAILURE() << e.what() << "\n" << out.str();
    return {};
  }
}

TEST(Opm, ReadsStateAndSpacecraftInSiUnits) {
  Opm opm = read_text(kIssOpm);
  EXPECT_EQ(opm.originator, "DEORBIT-TEST");
  EXPECT_EQ(opm.object_name, "ISS (ZARYA)");
  EXPECT_EQ(opm.object_id, "1998-067A");
  EXPECT_EQ(opm.state.frame, Frame::EME2000);
  EXPECT_EQ(opm.time_system, TimeScale::UTC);
  EXPECT_EQ(opm.state.epoch.iso(TimeScale::UTC, 3), "2025-03-01T12:00:00.125");
  EXPECT_DOUBLE_EQ(opm.state.r.x(), -4400594.0);  // km in the file, m inside
  EXPECT_DOUBLE_EQ(opm.state.r.y(), 1932870.0);
  EXPECT_DOUBLE_EQ(opm.state.r.z(), 4760712.0);
  EXPECT_DOUBLE_EQ(opm.state.v.x(), -5367.0);
  EXPECT_DOUBLE_EQ(opm.state.v.y(), -5041.0);
  EXPECT_DOUBLE_EQ(opm.state.v.z(), -2921.0);
  EXPECT_NEAR(opm.state.r.norm(), 6765027.18, 0.01);  // sqrt of the sum of squares of the file's km values
  EXPECT_EQ(opm.mass_kg, 450000.0);
  EXPECT_EQ(opm.srp_area_m2, 2500.0);
  EXPECT_EQ(opm.srp_coeff, 1.3);
  EXPECT_EQ(opm.drag_area_m2, 1640.5);
  EXPECT_EQ(opm.drag_coeff, 2.2);
}

TEST(Opm, ReadsTheCovarianceInSiUnits) {
  Opm opm = read_text(kIssOpm);
  ASSERT_TRUE(opm.covariance.has_value());
  EXPECT_EQ(opm.covariance_frame, "RTN");
  const auto& c = *opm.covariance;  // lower triangle by rows: km^2 -> m^2 (x 1e6)
  EXPECT_DOUBLE_EQ(c[0], 1000.0);   // CX_X 1e-3 km^2
  EXPECT_DOUBLE_EQ(c[1], 10.0);     // CY_X 1e-5 km^2
  EXPECT_DOUBLE_EQ(c[6], 0.1);      // CX_DOT_X 1e-7 km^2/s
  EXPECT_DOUBLE_EQ(c[9], 0.01);     // CX_DOT_X_DOT 1e-8 km^2/s^2
  EXPECT_DOUBLE_EQ(c[13], 1e-3);    // CY_DOT_X_DOT 1e-9 km^2/s^2
  EXPECT_DOUBLE_EQ(c[20], 0.01);    // CZ_DOT_Z_DOT
  // Without COV_REF_FRAME the covariance is in the state's frame.
  std::string text = kIssOpm;
  text.erase(text.find("COV_REF_FRAME = RTN\n"), 20);
  EXPECT_EQ(read_text(text).covariance_frame, "EME2000");
  // A partial block is refused, naming the first missing element.
  text = kIssOpm;
  text.erase(text.find("CZ_DOT_Z_DOT"), text.find("\n", text.find("CZ_DOT_Z_DOT")) - text.find("CZ_DOT_Z_DOT") + 1);
  try {
    (void)read_text(text);
    ADD_FAILURE() << "a partial covariance was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("CZ_DOT_Z_DOT"), std::string::npos) << e.what();
  }
}

TEST(Opm, ReadsTheVersion2ExampleInAnEarthFixedFrame) {
  Opm opm = read_text(kGodzillaOpm);
  EXPECT_EQ(opm.originator, "JAXA");
  EXPECT_EQ(opm.object_name, "GODZILLA 5");
  EXPECT_EQ(opm.state.frame, Frame::ITRF);
  EXPECT_EQ(opm.state.epoch.iso(TimeScale::UTC, 4), "1998-12-18T14:28:15.1172");
  EXPECT_DOUBLE_EQ(opm.state.r.x(), 6503514.0);
  EXPECT_DOUBLE_EQ(opm.state.r.z(), -717490.0);
  EXPECT_DOUBLE_EQ(opm.state.v.y(), 8740.42);
  EXPECT_EQ(opm.mass_kg, 3000.0);
  EXPECT_EQ(opm.drag_coeff, 2.5);
}

TEST(Opm, TimeSystemSetsTheScaleOfTheEpoch) {
  Opm tt = read_text(iss_with("TIME_SYSTEM", "TIME_SYSTEM = TT"));
  EXPECT_EQ(tt.time_system, TimeScale::TT);
  EXPECT_EQ(tt.state.epoch, Epoch::from_iso("2025-03-01T12:00:00.125", TimeScale::TT));
  // TT - UTC = 32.184 s + 37 leap seconds in 2025.
  EXPECT_NEAR(read_text(kIssOpm).state.epoch - tt.state.epoch, 69.184, 1e-9);
  EXPECT_EQ(read_text(iss_with("TIME_SYSTEM", "TIME_SYSTEM = GPS")).time_system, TimeScale::GPS);
  EXPECT_EQ(read_text(iss_with("REF_FRAME", "REF_FRAME = TEME")).state.frame, Frame::TEME);
  EXPECT_EQ(read_text(iss_with("REF_FRAME", "REF_FRAME = ICRF")).state.frame, Frame::GCRF);
}

TEST(Opm, SpacecraftParametersAreOptional) {
  std::string text = kIssOpm;
  for (const char* key : {"MASS", "SOLAR_RAD_AREA", "SOLAR_RAD_COEFF", "DRAG_AREA", "DRAG_COEFF"}) {
    std::istringstream in(text);
    std::string out, line;
    while (std::getline(in, line))
      if (!line.starts_with(std::string(key) + " ")) out += line + "\n";
    text = out;
  }
  Opm opm = read_text(text);
  EXPECT_FALSE(opm.mass_kg);
  EXPECT_FALSE(opm.srp_area_m2);
  EXPECT_FALSE(opm.srp_coeff);
  EXPECT_FALSE(opm.drag_area_m2);
  EXPECT_FALSE(opm.drag_coeff);
  EXPECT_DOUBLE_EQ(opm.state.r.x(), -4400594.0);
}

struct OpmErrorCase {
  const char* name;
  const char* prefix;
  const char* replacement;
  const char* field;
  const char* found;
  const char* expected_part;
};

class OpmError : public ::testing::TestWithParam<OpmErrorCase> {};

TEST_P(OpmError, NamesLineColumnKeywordAndExpectation) {
  const OpmErrorCase& c = GetParam();
  std::string text = iss_with(c.prefix, c.replacement);
  ParseIssue issue = issue_of(text);
  EXPECT_EQ(issue.file, "test.opm");
  EXPECT_EQ(issue.field, c.field);
  EXPECT_EQ(issue.found, c.found);
  EXPECT_NE(issue.expected.find(c.expected_part), std::string::npos) << issue.expected;
  if (std::string(c.replacement).empty()) {
    EXPECT_EQ(issue.line, 1);
    EXPECT_EQ(issue.column, 0);
  } else {
    const int line = line_of(text, c.replacement);
    EXPECT_EQ(issue.line, line);
    std::string line_text = std::string(c.replacement);
    EXPECT_EQ(issue.column, static_cast<int>(line_text.find(c.found)) + 1);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OpmError,
    ::testing::Values(
        OpmErrorCase{"BadNumber", "X", "X = -44OO.594 [km]", "X", "-44OO.594", "a number in km"},
        OpmErrorCase{"MissingVelocity", "Z_DOT", "", "Z_DOT", "", "mandatory keyword Z_DOT"},
        OpmErrorCase{"MissingEpoch", "EPOCH", "", "EPOCH", "", "mandatory keyword EPOCH"},
        OpmErrorCase{"MissingOriginator", "ORIGINATOR", "", "ORIGINATOR", "", "mandatory keyword ORIGINATOR"},
        OpmErrorCase{"WrongUnit", "Y", "Y = 1932870 [m]", "Y", "[m]", "unit [km]"},
        OpmErrorCase{"WrongVelocityUnit", "X_DOT", "X_DOT = -5.367 [km]", "X_DOT", "[km]", "unit [km/s]"},
        OpmErrorCase{"UnitInSkippedBlock", "SEMI_MAJOR_AXIS", "SEMI_MAJOR_AXIS = 6796500 [m]", "SEMI_MAJOR_AXIS",
                     "[m]", "unit [km]"},
        OpmErrorCase{"CovarianceUnit", "CX_DOT_X", "CX_DOT_X = 1.0e-7 [km**2]", "CX_DOT_X", "[km**2]",
                     "unit [km**2/s]"},
        OpmErrorCase{"UnknownFrame", "REF_FRAME", "REF_FRAME = MCI", "REF_FRAME", "MCI", "GCRF"},
        OpmErrorCase{"UnknownTimeSystem", "TIME_SYSTEM", "TIME_SYSTEM = TDB", "TIME_SYSTEM", "TDB", "UTC, TAI"},
        OpmErrorCase{"Center", "CENTER_NAME", "CENTER_NAME = MARS", "CENTER_NAME", "MARS", "EARTH"},
        OpmErrorCase{"Epoch", "EPOCH", "EPOCH = 2025-03-01T25:00:00", "EPOCH", "2025-03-01T25:00:00", "ISO 8601"},
        OpmErrorCase{"CreationDate", "CREATION_DATE", "CREATION_DATE = yesterday", "CREATION_DATE", "yesterday",
                     "ISO 8601"},
        OpmErrorCase{"NegativeMass", "MASS", "MASS = -5 [kg]", "MASS", "-5", "> 0"},
        OpmErrorCase{"NegativeDragArea", "DRAG_AREA", "DRAG_AREA = -1 [m**2]", "DRAG_AREA", "-1", ">= 0"},
        OpmErrorCase{"UnknownKeyword", "X_DOT", "VELOCITY_X = -5.367 [km/s]", "VELOCITY_X", "VELOCITY_X",
                     "OPM keyword"},
        OpmErrorCase{"NoEqualsSign", "Y_DOT", "Y_DOT -5.041", "Y_DOT", "Y_DOT -5.041", "KEYWORD = value"},
        OpmErrorCase{"Version", "CCSDS_OPM_VERS", "CCSDS_OPM_VERS = 4.0", "CCSDS_OPM_VERS", "4.0", "3.0"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Opm, StructuralErrors) {
  // Version line missing: the first keyword is named.
  ParseIssue issue = issue_of(iss_with("CCSDS_OPM_VERS", ""));
  EXPECT_EQ(issue.field, "CREATION_DATE");
  EXPECT_EQ(issue.line, 2);
  EXPECT_NE(issue.expected.find("CCSDS_OPM_VERS"), std::string::npos);

  // Two messages in one file.
  issue = issue_of(kIssOpm + kGodzillaOpm);
  EXPECT_EQ(issue.field, "CCSDS_OPM_VERS");
  EXPECT_EQ(issue.line, line_of(kIssOpm + kGodzillaOpm, "USER_DEFINED") + 1);

  // A keyword given twice.
  issue = issue_of(iss_with("Z", "Z = 4760.712 [km]\nZ = 4760.713 [km]"));
  EXPECT_EQ(issue.field, "Z");
  EXPECT_EQ(issue.line, line_of(kIssOpm, "Z ") + 1);

  // Nothing at all.
  issue = issue_of("\nCOMMENT only a comment\n");
  EXPECT_EQ(issue.field, "CCSDS_OPM_VERS");
}

TEST(Opm, RoundTrip) {
  Opm iss = read_text(kIssOpm);
  expect_same(round_trip(iss), iss);
  Opm godzilla = read_text(kGodzillaOpm);
  expect_same(round_trip(godzilla), godzilla);
  Opm tt = read_text(iss_with("TIME_SYSTEM", "TIME_SYSTEM = TT"));
  expect_same(round_trip(tt), tt);

  Opm precise;
  precise.originator = "X";
  precise.object_name = "PRECISE";
  precise.object_id = "2025-001A";
  precise.state.frame = Frame::GCRF;
  precise.state.epoch = Epoch::from_iso("2025-06-30T23:59:59.987654321");
  precise.state.r = Vec3(6778137.123456789, -1234.5678901234, 1.0 / 3.0);
  precise.state.v = Vec3(-0.000123456789, 7668.5581234567891, -1.0e-9);
  precise.mass_kg = 1.0 / 7.0;
  Opm back = round_trip(precise);
  expect_same(back, precise);
  EXPECT_EQ(back.state.epoch.iso(TimeScale::UTC, 9), "2025-06-30T23:59:59.987654321");

  std::ostringstream out;
  write_opm_kvn(out, iss);
  for (const char* expected : {"CCSDS_OPM_VERS  = 3.0\n", "REF_FRAME       = EME2000\n", "TIME_SYSTEM     = UTC\n",
                               "EPOCH           = 2025-03-01T12:00:00.125000\n", "X               = -4400.594 [km]\n",
                               "Z_DOT           = -2.921 [km/s]\n", "MASS            = 450000 [kg]\n",
                               "DRAG_AREA       = 1640.5 [m**2]\n", "DRAG_COEFF      = 2.2\n"})
    EXPECT_NE(out.str().find(expected), std::string::npos) << expected << "\n" << out.str();
}

TEST(Opm, Files) {
  try {
    (void)read_opm_file("/nonexistent/state.opm");
    ADD_FAILURE() << "no throw";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/state.opm"), std::string::npos) << e.what();
  }
  auto path = std::filesystem::temp_directory_path() / ("deorbit_opm_test_" + std::to_string(::getpid()) + ".opm");
  Opm iss = read_text(kIssOpm);
  {
    std::ofstream out(path);
    write_opm_kvn(out, iss);
  }
  Opm back = read_opm_file(path);
  std::filesystem::remove(path);
  expect_same(back, iss);
}

}  // namespace
}  // namespace deorbit

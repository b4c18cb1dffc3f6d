// Tests of the CCSDS OMM readers and writer (CCSDS 502.0-B-3 ODM Blue Book, section 4; CelesTrak JSON and CSV).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/orbit/omm.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

constexpr double kRevPerDay = constants::two_pi / 86400.0;  // [rad/s]
constexpr double kDeg = constants::deg;

ReadResult<MeanElements> read_text(const std::string& text, ReadOptions options = {},
                                   std::optional<OmmEncoding> encoding = std::nullopt) {
  std::istringstream in(text);
  return read_omm(in, "test.omm", options, encoding);
}

// The one issue of an input whose every record is bad.
ParseIssue only_issue(const std::string& text, std::optional<OmmEncoding> encoding = std::nullopt) {
  auto result = read_text(text, {}, encoding);
  EXPECT_TRUE(result.records.empty());
  EXPECT_EQ(result.issues.size(), 1u);
  return result.issues.empty() ? ParseIssue{} : result.issues.front();
}

// 1-based line of the first line that starts with `prefix`, and 1-based column of `needle` on it.
std::pair<int, int> where(const std::string& text, const std::string& prefix, const std::string& needle = "") {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.starts_with(prefix)) return {n, needle.empty() ? 0 : static_cast<int>(line.find(needle)) + 1};
  ADD_FAILURE() << "no line starts with " << prefix;
  return {0, 0};
}

void expect_close(double a, double b, double rel = 1e-12) {
  EXPECT_LE(std::abs(a - b), rel * std::max(std::abs(a), std::abs(b))) << a << " vs " << b;
}

void expect_same(const MeanElements& a, const MeanElements& b) {
  EXPECT_EQ(a.object.name, b.object.name);
  EXPECT_EQ(a.object.international_designator, b.object.international_designator);
  EXPECT_EQ(a.object.catalogue_number, b.object.catalogue_number);
  EXPECT_EQ(a.object.classification, b.object.classification);
  EXPECT_EQ(a.epoch, b.epoch) << a.epoch.iso(TimeScale::UTC, 9) << " vs " << b.epoch.iso(TimeScale::UTC, 9);
  expect_close(a.mean_motion, b.mean_motion);
  expect_close(a.eccentricity, b.eccentricity);
  expect_close(a.inclination, b.inclination);
  expect_close(a.raan, b.raan);
  expect_close(a.arg_of_perigee, b.arg_of_perigee);
  expect_close(a.mean_anomaly, b.mean_anomaly);
  expect_close(a.bstar, b.bstar);
  expect_close(a.mean_motion_dot, b.mean_motion_dot);
  expect_close(a.mean_motion_ddot, b.mean_motion_ddot);
  EXPECT_EQ(a.ephemeris_type, b.ephemeris_type);
  EXPECT_EQ(a.element_set_number, b.element_set_number);
  EXPECT_EQ(a.rev_at_epoch, b.rev_at_epoch);
}

MeanElements round_trip(const MeanElements& e) {
  std::ostringstream out;
  write_omm_kvn(out, e);
  auto back = read_text(out.str());
  EXPECT_TRUE(back.issues.empty()) << (back.issues.empty() ? "" : back.issues[0].message()) << "\n" << out.str();
  EXPECT_EQ(back.records.size(), 1u);
  return back.records.empty() ? MeanElements{} : back.records.front();
}

// --- KVN -----------------------------------------------------------------------------------------------------------

// The last element set of tests/data/tle/iss/iss_omm_2024-09_to_2025-03.json, written as KVN by hand.
const std::string kIssKvn = R"(CCSDS_OMM_VERS = 3.0
CREATION_DATE = 2025-03-09T13:18:45
ORIGINATOR = DEORBIT-TEST
OBJECT_NAME = ISS (ZARYA)
OBJECT_ID = 1998-067A
CENTER_NAME = EARTH
REF_FRAME = TEME
TIME_SYSTEM = UTC
MEAN_ELEMENT_THEORY = SGP4
EPOCH = 2025-03-09T09:21:09.148608
MEAN_MOTION = 15.49832014 [rev/day]
ECCENTRICITY = 0.0006344
INCLINATION = 51.6366 [deg]
RA_OF_ASC_NODE = 81.3254 [deg]
ARG_OF_PERICENTER = 1.9459 [deg]
MEAN_ANOMALY = 74.7103 [deg]
EPHEMERIS_TYPE = 0
CLASSIFICATION_TYPE = U
NORAD_CAT_ID = 25544
ELEMENT_SET_NO = 999
REV_AT_EPOCH = 49968
BSTAR = 0.00019558 [1/ER]
MEAN_MOTION_DOT = 0.0001066 [rev/day**2]
MEAN_MOTION_DDOT = 0 [rev/day**3]
)";

// The example OMM of CCSDS 502.0-B-2 (GOES 9): version 2.0, day-of-year epoch, "SGP/SGP4", GM, comments.
const std::string kGoesKvn = R"(CCSDS_OMM_VERS = 2.0
CREATION_DATE = 2007-065T16:00:00
ORIGINATOR = NOAA/USA

COMMENT metadata block
OBJECT_NAME = GOES 9
OBJECT_ID = 1995-025A
CENTER_NAME = EARTH
REF_FRAME = TEME
TIME_SYSTEM = UTC
MEAN_ELEMENT_THEORY = SGP/SGP4

EPOCH = 2007-064T10:34:41.4264
MEAN_MOTION = 1.00273272 [rev/day]
ECCENTRICITY = 0.0005013
INCLINATION = 3.0539 [deg]
RA_OF_ASC_NODE = 81.7939 [deg]
ARG_OF_PERICENTER = 249.2363 [deg]
MEAN_ANOMALY = 150.1602 [deg]
GM = 398600.8 [km**3/s**2]

EPHEMERIS_TYPE = 0
CLASSIFICATION_TYPE = U
NORAD_CAT_ID = 23581
ELEMENT_SET_NO = 0925
REV_AT_EPOCH = 4316
BSTAR = 0.0001 [1/ER]
MEAN_MOTION_DOT = -0.00000113 [rev/day**2]
MEAN_MOTION_DDOT = 0.0 [rev/day**3]
)";

// kIssKvn with the line that starts with `prefix` replaced (or removed, if replacement is empty).
std::string iss_with(const std::string& prefix, const std::string& replacement) {
  std::istringstream in(kIssKvn);
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

TEST(OmmKvn, ReadsEveryFieldInSiUnits) {
  auto r = read_text(kIssKvn);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  const MeanElements& e = r.records[0];
  EXPECT_EQ(e.object.name, "ISS (ZARYA)");
  EXPECT_EQ(e.object.international_designator, "1998-067A");
  EXPECT_EQ(e.object.catalogue_number, 25544u);
  EXPECT_EQ(e.object.classification, 'U');
  EXPECT_EQ(e.epoch.iso(TimeScale::UTC, 6), "2025-03-09T09:21:09.148608");
  EXPECT_DOUBLE_EQ(e.mean_motion, 15.49832014 * kRevPerDay);
  EXPECT_NEAR(e.mean_motion, 1.1271e-3, 1e-6);  // [rad/s] about 92.9 min per revolution
  EXPECT_DOUBLE_EQ(e.eccentricity, 0.0006344);
  EXPECT_DOUBLE_EQ(e.inclination, 51.6366 * kDeg);
  EXPECT_DOUBLE_EQ(e.raan, 81.3254 * kDeg);
  EXPECT_DOUBLE_EQ(e.arg_of_perigee, 1.9459 * kDeg);
  EXPECT_DOUBLE_EQ(e.mean_anomaly, 74.7103 * kDeg);
  EXPECT_DOUBLE_EQ(e.bstar, 0.00019558);
  EXPECT_DOUBLE_EQ(e.mean_motion_dot, 0.0001066 * constants::two_pi / (86400.0 * 86400.0));
  EXPECT_EQ(e.mean_motion_ddot, 0.0);
  EXPECT_EQ(e.ephemeris_type, 0);
  EXPECT_EQ(e.element_set_number, 999);
  EXPECT_EQ(e.rev_at_epoch, 49968);
}

TEST(OmmKvn, ReadsTheBlueBookExampleWithDayOfYearEpoch) {
  auto r = read_text(kGoesKvn);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  const MeanElements& e = r.records[0];
  EXPECT_EQ(e.object.name, "GOES 9");
  EXPECT_EQ(e.epoch.iso(TimeScale::UTC, 4), "2007-03-05T10:34:41.4264");  // day 64 of 2007
  EXPECT_DOUBLE_EQ(e.mean_motion, 1.00273272 * kRevPerDay);
  EXPECT_DOUBLE_EQ(e.inclination, 3.0539 * kDeg);
  EXPECT_DOUBLE_EQ(e.mean_motion_dot, -0.00000113 * constants::two_pi / (86400.0 * 86400.0));
  EXPECT_EQ(e.element_set_number, 925);
  EXPECT_EQ(e.object.catalogue_number, 23581u);
}

TEST(OmmKvn, SeveralMessagesInOneFile) {
  auto r = read_text(kGoesKvn + "\nCOMMENT next message\n" + kIssKvn + kGoesKvn);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].object.name, "GOES 9");
  EXPECT_EQ(r.records[1].object.name, "ISS (ZARYA)");
  EXPECT_EQ(r.records[2].object.name, "GOES 9");
}

TEST(OmmKvn, UnitsCompareWithoutCaseAndBlanksAndMayBeOmitted) {
  std::string text = iss_with("MEAN_MOTION", "MEAN_MOTION = 15.49832014 [ REV/DAY ]");
  text = std::string(text).replace(text.find("0.0006344"), 9, "0.0006344 [n/a]");
  text = std::string(text).replace(text.find(" [rev/day**2]"), 13, "");
  auto r = read_text(text);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_DOUBLE_EQ(r.records[0].mean_motion, 15.49832014 * kRevPerDay);
  EXPECT_DOUBLE_EQ(r.records[0].mean_motion_dot, 0.0001066 * constants::two_pi / (86400.0 * 86400.0));
}

TEST(OmmKvn, CrlfLineEndingsAndLeadingBlankLines) {
  std::string text = "\n\n" + kIssKvn;
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto r = read_text(crlf);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].rev_at_epoch, 49968);
  // Line numbers count the blank lines read while detecting the encoding.
  ParseIssue issue = only_issue("\n\n" + iss_with("ECCENTRICITY", "ECCENTRICITY = 1.5"));
  EXPECT_EQ(issue.line, where(kIssKvn, "ECCENTRICITY").first + 2);
}

struct KvnErrorCase {
  const char* name;
  const char* prefix;       // line of kIssKvn to replace
  const char* replacement;  // "" removes it
  const char* field;
  const char* found;
  const char* expected_part;
};

class OmmKvnError : public ::testing::TestWithParam<KvnErrorCase> {};

TEST_P(OmmKvnError, NamesLineColumnFieldAndExpectation) {
  const KvnErrorCase& c = GetParam();
  std::string text = iss_with(c.prefix, c.replacement);
  ParseIssue issue = only_issue(text);
  EXPECT_EQ(issue.file, "test.omm");
  EXPECT_EQ(issue.field, c.field);
  EXPECT_EQ(issue.found, c.found);
  EXPECT_NE(issue.expected.find(c.expected_part), std::string::npos) << issue.expected;
  if (std::string(c.replacement).empty()) {
    EXPECT_EQ(issue.line, 1);  // a missing keyword is reported at the message's CCSDS_OMM_VERS
    EXPECT_EQ(issue.column, 0);
  } else {
    auto [line, column] = where(text, c.replacement, c.found);
    EXPECT_EQ(issue.line, line);
    EXPECT_EQ(issue.column, column);
  }
  // Strict mode throws the same issue.
  std::istringstream in(text);
  try {
    (void)read_omm(in, "test.omm", ReadOptions{.strict = true});
    ADD_FAILURE() << "strict read did not throw";
  } catch (const InputError& e) {
    EXPECT_EQ(e.issue().line, issue.line);
    EXPECT_EQ(e.issue().field, issue.field);
    EXPECT_NE(std::string(e.what()).find("test.omm:"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OmmKvnError,
    ::testing::Values(
        KvnErrorCase{"BadNumber", "MEAN_MOTION", "MEAN_MOTION = 15.4x98 [rev/day]", "MEAN_MOTION", "15.4x98",
                     "rev/day"},
        KvnErrorCase{"MissingKeyword", "ECCENTRICITY", "", "ECCENTRICITY", "", "mandatory keyword ECCENTRICITY"},
        KvnErrorCase{"MissingMetadata", "REF_FRAME", "", "REF_FRAME", "", "mandatory keyword REF_FRAME"},
        KvnErrorCase{"EccentricityOne", "ECCENTRICITY", "ECCENTRICITY = 1.0", "ECCENTRICITY", "1.0", "0 <= e < 1"},
        KvnErrorCase{"NegativeEccentricity", "ECCENTRICITY", "ECCENTRICITY = -0.01", "ECCENTRICITY", "-0.01",
                     "0 <= e < 1"},
        KvnErrorCase{"Inclination", "INCLINATION", "INCLINATION = 180.5 [deg]", "INCLINATION", "180.5",
                     "0 <= i <= 180"},
        KvnErrorCase{"MeanMotionZero", "MEAN_MOTION", "MEAN_MOTION = 0 [rev/day]", "MEAN_MOTION", "0", "> 0"},
        KvnErrorCase{"WrongUnit", "INCLINATION", "INCLINATION = 51.6366 [rad]", "INCLINATION", "[rad]",
                     "unit [deg]"},
        KvnErrorCase{"UnitOnDimensionless", "ECCENTRICITY", "ECCENTRICITY = 0.0006344 [deg]", "ECCENTRICITY",
                     "[deg]", "no unit"},
        KvnErrorCase{"WrongDotUnit", "MEAN_MOTION_DOT", "MEAN_MOTION_DOT = 0.0001066 [rev/day]", "MEAN_MOTION_DOT",
                     "[rev/day]", "[rev/day**2]"},
        KvnErrorCase{"Frame", "REF_FRAME", "REF_FRAME = GCRF", "REF_FRAME", "GCRF", "TEME"},
        KvnErrorCase{"Center", "CENTER_NAME", "CENTER_NAME = MOON", "CENTER_NAME", "MOON", "EARTH"},
        KvnErrorCase{"TimeSystem", "TIME_SYSTEM", "TIME_SYSTEM = TAI", "TIME_SYSTEM", "TAI", "UTC"},
        KvnErrorCase{"Theory", "MEAN_ELEMENT_THEORY", "MEAN_ELEMENT_THEORY = DSST", "MEAN_ELEMENT_THEORY", "DSST",
                     "SGP4"},
        KvnErrorCase{"Epoch", "EPOCH", "EPOCH = 2025-02-30T09:21:09", "EPOCH", "2025-02-30T09:21:09", "ISO 8601"},
        KvnErrorCase{"UnknownKeyword", "MEAN_MOTION", "MEAN_MOTON = 15.49832014 [rev/day]", "MEAN_MOTON",
                     "MEAN_MOTON", "OMM keyword"},
        KvnErrorCase{"NoEqualsSign", "MEAN_MOTION", "MEAN_MOTION 15.49832014", "MEAN_MOTION",
                     "MEAN_MOTION 15.49832014", "KEYWORD = value"},
        KvnErrorCase{"CatalogueNumberTenDigits", "NORAD_CAT_ID", "NORAD_CAT_ID = 1000000000", "NORAD_CAT_ID",
                     "1000000000", "9 digits"},
        KvnErrorCase{"Classification", "CLASSIFICATION_TYPE", "CLASSIFICATION_TYPE = X", "CLASSIFICATION_TYPE", "X",
                     "U, C or S"},
        KvnErrorCase{"Version", "CCSDS_OMM_VERS", "CCSDS_OMM_VERS = 9.0", "CCSDS_OMM_VERS", "9.0", "3.0"},
        KvnErrorCase{"BtermInsteadOfBstar", "BSTAR", "BTERM = 0.02 [m**2/kg]", "BTERM", "0.02", "not supported"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(OmmKvn, DuplicateKeywordIsReportedAtItsSecondLine) {
  std::string text = iss_with("INCLINATION", "INCLINATION = 51.6366 [deg]\nINCLINATION = 51.7 [deg]");
  ParseIssue issue = only_issue(text);
  EXPECT_EQ(issue.field, "INCLINATION");
  EXPECT_EQ(issue.line, where(kIssKvn, "INCLINATION").first + 1);
  EXPECT_NE(issue.expected.find("once"), std::string::npos);
}

TEST(OmmKvn, LenientSkipsTheBadMessageAndKeepsTheOthers) {
  std::string bad = iss_with("OBJECT_NAME", "OBJECT_NAME = BAD ONE");
  bad = bad.replace(bad.find("51.6366"), 7, "51.6.66");
  std::string text = kGoesKvn + bad + kIssKvn;
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].object.name, "GOES 9");
  EXPECT_EQ(r.records[1].object.name, "ISS (ZARYA)");
  ASSERT_EQ(r.issues.size(), 1u);
  const int goes_lines = static_cast<int>(std::count(kGoesKvn.begin(), kGoesKvn.end(), '\n'));
  EXPECT_EQ(r.issues[0].line, goes_lines + where(kIssKvn, "INCLINATION").first);
  EXPECT_EQ(r.issues[0].field, "INCLINATION");
  EXPECT_EQ(r.issues[0].found, "51.6.66");

  std::istringstream in(text);
  EXPECT_THROW((void)read_omm(in, "test.omm", ReadOptions{.strict = true}), InputError);
}

TEST(OmmKvn, LinesBeforeTheFirstMessageAreOneIssue) {
  auto r = read_text("OBJECT_NAME = STRAY\nEPOCH = 2025-01-01T00:00:00\n" + kIssKvn);
  ASSERT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].line, 1);
  EXPECT_EQ(r.issues[0].field, "OBJECT_NAME");
}

TEST(OmmKvn, CatalogueNumbersPastAlpha5Load) {
  auto r = read_text(iss_with("NORAD_CAT_ID", "NORAD_CAT_ID = 500000"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].object.catalogue_number, 500000u);
  r = read_text(iss_with("NORAD_CAT_ID", "NORAD_CAT_ID = 999999999"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].object.catalogue_number, 999999999u);
  r = read_text(iss_with("NORAD_CAT_ID", ""));  // optional
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_FALSE(r.records[0].object.catalogue_number);
}

TEST(OmmKvn, Sgp4XpIsEphemerisType4) {
  std::string text = iss_with("MEAN_ELEMENT_THEORY", "MEAN_ELEMENT_THEORY = SGP4-XP");
  text = text.replace(text.find("EPHEMERIS_TYPE = 0\n"), 19, "");
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 1u) << (r.issues.empty() ? "" : r.issues[0].message());
  EXPECT_EQ(r.records[0].ephemeris_type, 4);
  MeanElements back = round_trip(r.records[0]);
  EXPECT_EQ(back.ephemeris_type, 4);
}

TEST(OmmKvn, SkipsCovarianceSpacecraftAndUserDefinedBlocks) {
  std::string extra =
      "MASS = 420000 [kg]\nDRAG_AREA = 1600 [m**2]\nDRAG_COEFF = 2.2\nCOV_REF_FRAME = TEME\nCX_X = 1e-3 [km**2]\n"
      "CX_DOT_X = 1e-6 [km**2/s]\nCZ_DOT_Z_DOT = 1e-9 [km**2/s**2]\nUSER_DEFINED_EARTH_MODEL = WGS-72\n";
  auto r = read_text(kIssKvn + std::string(extra));
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  // Their units are still checked.
  ParseIssue issue = only_issue(kIssKvn + "CX_DOT_X = 1e-6 [km**2]\n");
  EXPECT_EQ(issue.field, "CX_DOT_X");
  EXPECT_EQ(issue.expected, "unit [km**2/s]");
}

// --- CelesTrak samples (the same element set in three encodings) ---------------------------------------------------

void expect_vanguard_2020(const MeanElements& e) {
  EXPECT_EQ(e.object.name, "VANGUARD 1");
  EXPECT_EQ(e.object.international_designator, "1958-002B");
  EXPECT_EQ(e.object.catalogue_number, 5u);
  EXPECT_EQ(e.object.classification, 'U');
  EXPECT_EQ(e.epoch.iso(TimeScale::UTC, 6), "2020-10-13T04:52:48.472320");
  EXPECT_DOUBLE_EQ(e.mean_motion, 10.84869164 * kRevPerDay);
  EXPECT_DOUBLE_EQ(e.eccentricity, 0.1845686);
  EXPECT_DOUBLE_EQ(e.inclination, 34.2443 * kDeg);
  EXPECT_DOUBLE_EQ(e.raan, 225.5254 * kDeg);
  EXPECT_DOUBLE_EQ(e.arg_of_perigee, 162.2516 * kDeg);
  EXPECT_DOUBLE_EQ(e.mean_anomaly, 205.2356 * kDeg);
  EXPECT_DOUBLE_EQ(e.bstar, -0.22483e-4);
  EXPECT_DOUBLE_EQ(e.mean_motion_dot, -1.6e-7 * constants::two_pi / (86400.0 * 86400.0));
  EXPECT_EQ(e.mean_motion_ddot, 0.0);
  EXPECT_EQ(e.ephemeris_type, 0);
  EXPECT_EQ(e.element_set_number, 999);
  EXPECT_EQ(e.rev_at_epoch, 21814);
}

TEST(OmmCelestrakSamples, Csv) {
  auto r = read_omm_file(testing::test_data("sgp4/sample_omm.csv"));
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  expect_vanguard_2020(r.records[0]);
}

TEST(OmmCelestrakSamples, Xml) {
  auto r = read_omm_file(testing::test_data("sgp4/sample_omm.xml"));
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  expect_vanguard_2020(r.records[0]);
}

TEST(OmmCelestrakSamples, Json) {
  // The JSON sample is a later element set of the same satellite.
  auto r = read_omm_file(testing::test_data("sgp4/sample_omm.json"));
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  const MeanElements& e = r.records[0];
  EXPECT_EQ(e.object.name, "VANGUARD 1");
  EXPECT_EQ(e.object.catalogue_number, 5u);
  EXPECT_EQ(e.epoch.iso(TimeScale::UTC, 6), "2025-02-14T14:36:48.662784");
  EXPECT_DOUBLE_EQ(e.mean_motion, 10.85873516 * kRevPerDay);
  EXPECT_DOUBLE_EQ(e.eccentricity, 0.1841322);
  EXPECT_DOUBLE_EQ(e.inclination, 34.2493 * kDeg);
  EXPECT_DOUBLE_EQ(e.raan, 19.2327 * kDeg);
  EXPECT_DOUBLE_EQ(e.arg_of_perigee, 100.1057 * kDeg);
  EXPECT_DOUBLE_EQ(e.mean_anomaly, 281.1229 * kDeg);
  EXPECT_DOUBLE_EQ(e.bstar, 0.00035436);
  EXPECT_DOUBLE_EQ(e.mean_motion_dot, 2.64e-6 * constants::two_pi / (86400.0 * 86400.0));
  EXPECT_EQ(e.rev_at_epoch, 39027);
}

TEST(OmmCelestrakSamples, CsvAndXmlGiveTheSameElements) {
  auto csv = read_omm_file(testing::test_data("sgp4/sample_omm.csv"));
  auto xml = read_omm_file(testing::test_data("sgp4/sample_omm.xml"));
  ASSERT_EQ(csv.records.size(), 1u);
  ASSERT_EQ(xml.records.size(), 1u);
  expect_same(csv.records[0], xml.records[0]);
  EXPECT_EQ(csv.records[0].mean_motion, xml.records[0].mean_motion);  // same text, same double
}

// --- ISS history (499 records of CelesTrak JSON) -------------------------------------------------------------------

TEST(OmmIssHistory, AllRecordsLoadWithTheFileValues) {
  auto path = testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json");
  auto r = read_omm_file(path);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 499u);

  const MeanElements& first = r.records.front();
  EXPECT_EQ(first.object.name, "ISS (ZARYA)");
  EXPECT_EQ(first.object.international_designator, "1998-067A");
  EXPECT_EQ(first.object.catalogue_number, 25544u);
  EXPECT_EQ(first.epoch.iso(TimeScale::UTC, 6), "2024-09-15T00:58:12.885024");
  EXPECT_DOUBLE_EQ(first.mean_motion, 15.49088255 * kRevPerDay);
  EXPECT_DOUBLE_EQ(first.eccentricity, 0.0007613);
  EXPECT_DOUBLE_EQ(first.inclination, 51.6359 * kDeg);
  EXPECT_DOUBLE_EQ(first.raan, 230.2949 * kDeg);
  EXPECT_DOUBLE_EQ(first.arg_of_perigee, 354.9391 * kDeg);
  EXPECT_DOUBLE_EQ(first.mean_anomaly, 85.5828 * kDeg);
  EXPECT_DOUBLE_EQ(first.bstar, -0.00036841);
  EXPECT_DOUBLE_EQ(first.mean_motion_dot, -0.00020782 * constants::two_pi / (86400.0 * 86400.0));
  EXPECT_EQ(first.rev_at_epoch, 47248);
  EXPECT_EQ(first.element_set_number, 999);

  const MeanElements& last = r.records.back();
  EXPECT_EQ(last.epoch.iso(TimeScale::UTC, 6), "2025-03-09T09:21:09.148608");
  EXPECT_DOUBLE_EQ(last.mean_motion, 15.49832014 * kRevPerDay);
  EXPECT_DOUBLE_EQ(last.eccentricity, 0.0006344);
  EXPECT_DOUBLE_EQ(last.inclination, 51.6366 * kDeg);
  EXPECT_DOUBLE_EQ(last.raan, 81.3254 * kDeg);
  EXPECT_DOUBLE_EQ(last.arg_of_perigee, 1.9459 * kDeg);
  EXPECT_DOUBLE_EQ(last.mean_anomaly, 74.7103 * kDeg);
  EXPECT_DOUBLE_EQ(last.bstar, 0.00019558);
  EXPECT_DOUBLE_EQ(last.mean_motion_dot, 0.0001066 * constants::two_pi / (86400.0 * 86400.0));
  EXPECT_EQ(last.rev_at_epoch, 49968);

  // Every record against an independent parse of the whole file.
  std::ifstream in(path);
  nlohmann::json all = nlohmann::json::parse(in);
  ASSERT_EQ(all.size(), r.records.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& j = all[i];
    const MeanElements& e = r.records[i];
    EXPECT_EQ(e.epoch, Epoch::from_iso(j["EPOCH"].get<std::string>())) << i;
    EXPECT_DOUBLE_EQ(e.mean_motion, j["MEAN_MOTION"].get<double>() * kRevPerDay) << i;
    EXPECT_DOUBLE_EQ(e.eccentricity, j["ECCENTRICITY"].get<double>()) << i;
    EXPECT_DOUBLE_EQ(e.raan, j["RA_OF_ASC_NODE"].get<double>() * kDeg) << i;
    EXPECT_DOUBLE_EQ(e.bstar, j["BSTAR"].get<double>()) << i;
    EXPECT_EQ(e.rev_at_epoch, j["REV_AT_EPOCH"].get<int>()) << i;
  }
}

TEST(OmmIssHistory, KvnRoundTripOfEveryRecord) {
  auto r = read_omm_file(testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json"));
  ASSERT_EQ(r.records.size(), 499u);
  std::ostringstream all;
  for (const MeanElements& e : r.records) {
    expect_same(round_trip(e), e);
    write_omm_kvn(all, e);
  }
  // All messages in one KVN file read back in order.
  auto back = read_text(all.str());
  ASSERT_TRUE(back.issues.empty()) << back.issues[0].message();
  ASSERT_EQ(back.records.size(), 499u);
  for (std::size_t i = 0; i < back.records.size(); ++i) expect_same(back.records[i], r.records[i]);
}

// --- JSON ----------------------------------------------------------------------------------------------------------

std::string json_record(const std::string& name, const std::string& ecc = "0.0006344",
                        const std::string& norad = "25544") {
  return fmt::format(
      R"({{"OBJECT_NAME": "{}", "OBJECT_ID": "1998-067A", "EPOCH": "2025-03-09T09:21:09.148608", )"
      R"("MEAN_MOTION": 15.49832014, "ECCENTRICITY": {}, "INCLINATION": 51.6366, "RA_OF_ASC_NODE": 81.3254, )"
      R"("ARG_OF_PERICENTER": 1.9459, "MEAN_ANOMALY": 74.7103, "EPHEMERIS_TYPE": 0, "CLASSIFICATION_TYPE": "U", )"
      R"("NORAD_CAT_ID": {}, "ELEMENT_SET_NO": 999, "REV_AT_EPOCH": 49968, "BSTAR": 0.00019558, )"
      R"("MEAN_MOTION_DOT": 0.0001066, "MEAN_MOTION_DDOT": 0}})",
      name, ecc, norad);
}

TEST(OmmJson, BadRecordIsSkippedWithItsLineAndColumn) {
  std::string text = "[\n" + json_record("A") + ",\n" + json_record("B", "1.5") + ",\n" + json_record("C") + "\n]\n";
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].object.name, "A");
  EXPECT_EQ(r.records[1].object.name, "C");
  ASSERT_EQ(r.issues.size(), 1u);
  const ParseIssue& issue = r.issues[0];
  EXPECT_EQ(issue.line, 3);
  EXPECT_EQ(issue.column, where(text, "{\"OBJECT_NAME\": \"B\"", "1.5").second);
  EXPECT_EQ(issue.field, "ECCENTRICITY");
  EXPECT_EQ(issue.found, "1.5");
  EXPECT_EQ(issue.expected, "a number with 0 <= e < 1");

  std::istringstream in(text);
  try {
    (void)read_omm(in, "test.json", ReadOptions{.strict = true});
    ADD_FAILURE() << "no throw";
  } catch (const InputError& e) {
    EXPECT_EQ(e.issue().line, 3);
    EXPECT_EQ(e.issue().field, "ECCENTRICITY");
  }
}

TEST(OmmJson, SyntaxErrorInOneRecordKeepsTheOthers) {
  std::string broken = json_record("B");
  broken.replace(broken.find("\"MEAN_MOTION\":"), 14, "\"MEAN_MOTION\"");
  std::string text = "[\n" + json_record("A") + ",\n" + broken + ",\n" + json_record("C") + "\n]";
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].line, 3);
  EXPECT_GT(r.issues[0].column, static_cast<int>(broken.find("\"MEAN_MOTION\"")));
  EXPECT_EQ(r.issues[0].expected, "a well-formed JSON object");
}

TEST(OmmJson, PrettyPrintedRecordsReportTheLineOfTheKey) {
  nlohmann::json records = nlohmann::json::array(
      {nlohmann::json::parse(json_record("A")), nlohmann::json::parse(json_record("B", "\"0.5x\""))});
  std::string text = records.dump(4);
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.issues.size(), 1u);
  // Key order is alphabetical in nlohmann's dump: find the second ECCENTRICITY line.
  std::istringstream in(text);
  std::string line;
  int line_no = 0, seen = 0, expected_line = 0;
  while (std::getline(in, line) && expected_line == 0) {
    ++line_no;
    if (line.find("\"ECCENTRICITY\"") != std::string::npos && ++seen == 2) expected_line = line_no;
  }
  EXPECT_EQ(r.issues[0].line, expected_line);
  EXPECT_EQ(r.issues[0].found, "0.5x");
}

TEST(OmmJson, NumbersGivenAsStrings) {
  std::string record = json_record("A");
  record.replace(record.find("0.00019558"), 10, "\"-.22483E-4\"");
  record.replace(record.find("15.49832014"), 11, "\" 15.49832014\"");
  auto r = read_text("[" + record + "]");
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_DOUBLE_EQ(r.records[0].bstar, -0.22483e-4);
  EXPECT_DOUBLE_EQ(r.records[0].mean_motion, 15.49832014 * kRevPerDay);
}

TEST(OmmJson, SingleObjectAndCatalogueNumberPastAlpha5) {
  auto r = read_text(json_record("BIG", "0.001", "500000"));
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].object.catalogue_number, 500000u);
  EXPECT_EQ(round_trip(r.records[0]).object.catalogue_number, 500000u);
}

TEST(OmmJson, MissingKeyIsReportedAtTheRecord) {
  std::string record = json_record("A");
  record.replace(record.find("\"MEAN_ANOMALY\": 74.7103, "), 24, "");
  std::string text = "[\n" + json_record("OK") + ",\n  " + record + "\n]";
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].field, "MEAN_ANOMALY");
  EXPECT_EQ(r.issues[0].line, 3);
  EXPECT_EQ(r.issues[0].expected, "mandatory keyword MEAN_ANOMALY");
}

TEST(OmmJson, NullStructuresAndEscapes) {
  // null is "absent"; an optional absent key is fine, a mandatory one is not.
  std::string record = json_record("A");
  record.replace(record.find("\"1998-067A\""), 11, "null");
  auto r = read_text("[" + record + "]");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].object.international_designator, "");

  record = json_record("A");
  record.replace(record.find("\"2025-03-09T09:21:09.148608\""), 28, "null");
  EXPECT_EQ(only_issue("[" + record + "]").field, "EPOCH");

  record = json_record("A");
  record.replace(record.find("15.49832014"), 11, "[15.49832014]");
  ParseIssue issue = only_issue("[" + record + "]");
  EXPECT_EQ(issue.field, "MEAN_MOTION");
  EXPECT_EQ(issue.expected, "a number or a string");

  // Brackets, braces and escaped quotes inside strings do not end the record.
  r = read_text("[" + json_record(R"(X \"Q\" [1], {2})") + "," + json_record("Y") + "]");
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].object.name, "X \"Q\" [1], {2}");
}

TEST(OmmJson, StructuralProblems) {
  auto r = read_text("[" + json_record("A") + ",\n]");  // trailing comma
  EXPECT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].line, 2);

  r = read_text("[" + json_record("A") + ",\n" + json_record("B"));  // unterminated array
  EXPECT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].expected, "']' closing the array");

  EXPECT_EQ(only_issue("\"just a string\"", OmmEncoding::JSON).line, 1);
  EXPECT_TRUE(read_text("[]").records.empty());
  EXPECT_TRUE(read_text("[]").issues.empty());
  EXPECT_EQ(read_text("[1, " + json_record("A") + "]").issues.size(), 1u);
  r = read_text("[\n" + json_record("A") + ",\n{\"NORAD_CAT_ID\": 1e400}]");  // nlohmann: out_of_range
  EXPECT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].line, 3);
}

TEST(OmmJson, SpaceTrackMetadataIsCheckedWhenPresent) {
  std::string record = json_record("A");
  record.insert(1, R"("CCSDS_OMM_VERS": "2.0", "CENTER_NAME": "EARTH", "REF_FRAME": "TEME", "TIME_SYSTEM": "UTC", )"
                   R"("MEAN_ELEMENT_THEORY": "SGP4", "TLE_LINE1": "ignored", )");
  auto r = read_text("[" + record + "]");
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 1u);
  record.replace(record.find("\"TEME\""), 6, "\"GCRF\"");
  ParseIssue issue = only_issue("[" + record + "]");
  EXPECT_EQ(issue.field, "REF_FRAME");
  EXPECT_EQ(issue.found, "GCRF");
}

// --- CSV -----------------------------------------------------------------------------------------------------------

const std::string kCsvHeader =
    "OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,"
    "EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,"
    "MEAN_MOTION_DDOT\n";

std::string csv_row(const std::string& name, const std::string& inclination = "51.6366",
                    const std::string& norad = "25544") {
  return fmt::format("{},1998-067A,2025-03-09T09:21:09.148608,15.49832014,.0006344,{},81.3254,1.9459,74.7103,0,U,{},"
                     "999,49968,.19558E-3,.1066E-3,0\n",
                     name, inclination, norad);
}

TEST(OmmCsv, RowsWithQuotesCatalogueNumbersAndCrlf) {
  std::string text = kCsvHeader + csv_row("\"STARLINK-1, \"\"TEST\"\"\"") + csv_row("BIG", "51.6366", "500000");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto r = read_text(crlf);
  ASSERT_TRUE(r.issues.empty()) << r.issues[0].message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].object.name, "STARLINK-1, \"TEST\"");
  EXPECT_EQ(r.records[1].object.catalogue_number, 500000u);
  EXPECT_DOUBLE_EQ(r.records[1].bstar, 0.19558e-3);
  EXPECT_DOUBLE_EQ(r.records[1].inclination, 51.6366 * kDeg);
}

TEST(OmmCsv, BadFieldIsReportedWithRowAndColumn) {
  std::string bad = csv_row("\"B, b\"", "5l.6366");
  std::string text = kCsvHeader + csv_row("A") + "\n" + bad + csv_row("C");
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].line, 4);
  EXPECT_EQ(r.issues[0].column, static_cast<int>(bad.find("5l.6366")) + 1);
  EXPECT_EQ(r.issues[0].field, "INCLINATION");
  EXPECT_EQ(r.issues[0].found, "5l.6366");
}

TEST(OmmCsv, WrongFieldCountEmptyMandatoryFieldAndMissingColumn) {
  auto r = read_text(kCsvHeader + "A,1998-067A,2025-03-09T09:21:09\n" + csv_row("B"));
  ASSERT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].line, 2);
  EXPECT_EQ(r.issues[0].found, "3 fields");

  ParseIssue issue = only_issue(kCsvHeader + csv_row("A", ""));
  EXPECT_EQ(issue.field, "INCLINATION");
  EXPECT_EQ(issue.found, "");

  std::string header = kCsvHeader;
  header.replace(header.find("MEAN_ANOMALY,"), 13, "");
  std::string row = csv_row("A");
  row.replace(row.find("74.7103,"), 8, "");
  issue = only_issue(header + row);
  EXPECT_EQ(issue.line, 1);
  EXPECT_EQ(issue.field, "MEAN_ANOMALY");
}

// --- XML -----------------------------------------------------------------------------------------------------------

std::string xml_omm(const std::string& name, const std::string& inclination_units = "deg") {
  return fmt::format(R"(<omm id="CCSDS_OMM_VERS" version="3.0">
  <header><CREATION_DATE>2025-03-09T13:18:45</CREATION_DATE><ORIGINATOR>TEST</ORIGINATOR></header>
  <body><segment>
    <metadata><OBJECT_NAME>{}</OBJECT_NAME><OBJECT_ID>1998-067A</OBJECT_ID><CENTER_NAME>EARTH</CENTER_NAME>
      <REF_FRAME>TEME</REF_FRAME><TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY></metadata>
    <data>
      <COMMENT>mean elements</COMMENT>
      <meanElements>
        <EPOCH>2025-03-09T09:21:09.148608</EPOCH>
        <MEAN_MOTION units="rev/day">15.49832014</MEAN_MOTION>
        <ECCENTRICITY>0.0006344</ECCENTRICITY>
        <INCLINATION units="{}">51.6366</INCLINATION>
        <RA_OF_ASC_NODE units="deg">81.3254</RA_OF_ASC_NODE>
        <ARG_OF_PERICENTER units="deg">1.9459</ARG_OF_PERICENTER>
        <MEAN_ANOMALY units="deg">74.7103</MEAN_ANOMALY>
      </meanElements>
      <tleParameters><NORAD_CAT_ID>500000</NORAD_CAT_ID><ELEMENT_SET_NO>999</ELEMENT_SET_NO>
        <REV_AT_EPOCH>49968</REV_AT_EPOCH><BSTAR units="1/ER">0.00019558</BSTAR>
        <MEAN_MOTION_DOT units="rev/day**2">0.0001066</MEAN_MOTION_DOT><MEAN_MOTION_DDOT>0</MEAN_MOTION_DDOT>
      </tleParameters>
    </data>
  </segment></body>
</omm>
)",
                     name, inclination_units);
}

TEST(OmmXml, SeveralMessagesInAnNdmWithOneBad) {
  std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ndm>\n" + xml_omm("A") + xml_omm("B", "rad") +
                     xml_omm("C") + "</ndm>\n";
  auto r = read_text(text);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].object.name, "A");
  EXPECT_EQ(r.records[1].object.name, "C");
  EXPECT_EQ(r.records[1].object.catalogue_number, 500000u);
  EXPECT_DOUBLE_EQ(r.records[1].inclination, 51.6366 * kDeg);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].field, "INCLINATION");
  EXPECT_EQ(r.issues[0].found, "[rad]");
  // The bad <INCLINATION> is in the second <omm>: 2 lines of prolog, then one message's lines, then its own.
  const std::string one = xml_omm("A");
  const int per_message = static_cast<int>(std::count(one.begin(), one.end(), '\n'));
  EXPECT_EQ(r.issues[0].line, 2 + per_message + where(xml_omm("B"), "        <INCLINATION").first);
  EXPECT_EQ(r.issues[0].column, 9);
}

TEST(OmmXml, LoneOmmAndValuePositions) {
  std::string text = xml_omm("A");
  text.replace(text.find(">0.0006344<"), 11, ">0.0006.44<");
  ParseIssue issue = only_issue(text);
  EXPECT_EQ(issue.field, "ECCENTRICITY");
  auto [line, column] = where(text, "        <ECCENTRICITY>", "0.0006.44");
  EXPECT_EQ(issue.line, line);
  EXPECT_EQ(issue.column, column);
  auto r = read_text(xml_omm("A"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].object.name, "A");
}

TEST(OmmXml, MalformedUnknownAndMissing) {
  std::string text = xml_omm("A");
  text.replace(text.find("</ECCENTRICITY>"), 15, "");
  ParseIssue issue = only_issue(text);
  EXPECT_EQ(issue.expected, "well-formed XML");
  EXPECT_GT(issue.line, 1);

  text = xml_omm("A");
  text.replace(text.find("<ECCENTRICITY>"), 14, "<ECCENTRICTY>").replace(text.find("</ECCENTRICITY>"), 15,
                                                                          "</ECCENTRICTY>");
  issue = only_issue(text);
  EXPECT_EQ(issue.field, "ECCENTRICTY");
  EXPECT_EQ(issue.line, where(text, "        <ECCENTRICTY>").first);

  text = xml_omm("A");
  text.replace(text.find("<MEAN_ANOMALY"), text.find("</MEAN_ANOMALY>") + 15 - text.find("<MEAN_ANOMALY"), "");
  issue = only_issue(text);
  EXPECT_EQ(issue.field, "MEAN_ANOMALY");
  EXPECT_EQ(issue.line, 1);

  EXPECT_EQ(only_issue("<opm/>").field, "opm");
}

// --- Files, detection, writer --------------------------------------------------------------------------------------

TEST(Omm, DetectsTheEncoding) {
  EXPECT_EQ(detect_omm_encoding("  \n<?xml"), OmmEncoding::XML);
  EXPECT_EQ(detect_omm_encoding("[{"), OmmEncoding::JSON);
  EXPECT_EQ(detect_omm_encoding("\xEF\xBB\xBF{\"A\""), OmmEncoding::JSON);
  EXPECT_EQ(detect_omm_encoding("\nCCSDS_OMM_VERS = 3.0"), OmmEncoding::KVN);
  EXPECT_EQ(detect_omm_encoding("COMMENT hello"), OmmEncoding::KVN);
  EXPECT_EQ(detect_omm_encoding("OBJECT_NAME = X"), OmmEncoding::KVN);  // KVN, if not a well-formed one
  EXPECT_EQ(detect_omm_encoding("OBJECT_NAME,OBJECT_ID"), OmmEncoding::CSV);
  EXPECT_EQ(detect_omm_encoding("OBJECT_NAME,OBJECT_ID,X=1"), OmmEncoding::CSV);
}

TEST(Omm, ExplicitEncodingAndEmptyInput) {
  auto r = read_text("[" + json_record("A") + "]", {}, OmmEncoding::JSON);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_TRUE(read_text("").records.empty());
  EXPECT_TRUE(read_text("").issues.empty());
  EXPECT_TRUE(read_text("\n \n").issues.empty());
}

TEST(Omm, MissingFileNamesThePath) {
  try {
    (void)read_omm_file("/nonexistent/dir/elements.omm");
    ADD_FAILURE() << "no throw";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/elements.omm"), std::string::npos) << e.what();
  }
}

TEST(Omm, WriterProducesVersion3KvnWithUnits) {
  auto r = read_text(kGoesKvn);
  ASSERT_EQ(r.records.size(), 1u);
  std::ostringstream out;
  write_omm_kvn(out, r.records[0], "TESTER");
  const std::string text = out.str();
  EXPECT_TRUE(text.starts_with("CCSDS_OMM_VERS      = 3.0\n")) << text;
  for (const char* expected :
       {"ORIGINATOR          = TESTER\n", "OBJECT_NAME         = GOES 9\n", "REF_FRAME           = TEME\n",
        "TIME_SYSTEM         = UTC\n", "MEAN_ELEMENT_THEORY = SGP4\n", "EPOCH               = 2007-03-05T10:34:41.426400\n",
        "[rev/day]\n", "[rev/day**2]\n", "[rev/day**3]\n", "[1/ER]\n", "NORAD_CAT_ID        = 23581\n"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  expect_same(round_trip(r.records[0]), r.records[0]);

  MeanElements anonymous = r.records[0];
  anonymous.object = {};
  out.str("");
  write_omm_kvn(out, anonymous);
  EXPECT_EQ(out.str().find("NORAD_CAT_ID"), std::string::npos);
  EXPECT_NE(out.str().find("OBJECT_NAME         = UNKNOWN\n"), std::string::npos);
  EXPECT_FALSE(round_trip(anonymous).object.catalogue_number);
}

TEST(Omm, RoundTripKeepsFullPrecision) {
  MeanElements e;
  e.object.name = "PRECISE";
  e.object.international_designator = "2024-999ZZZ";
  e.object.catalogue_number = 123456789;
  e.object.classification = 'S';
  e.epoch = Epoch::from_iso("2024-02-29T23:59:59.123456789");
  e.mean_motion = 1.0 / 887.123456789;
  e.eccentricity = 0.123456789012345;
  e.inclination = 1.2345678901234567;
  e.raan = 6.2831853;
  e.arg_of_perigee = 1e-9;
  e.mean_anomaly = 3.14159265358979;
  e.bstar = -1.234567890123e-5;
  e.mean_motion_dot = 3.3e-15;
  e.mean_motion_ddot = -7.7e-22;
  e.ephemeris_type = 0;
  e.element_set_number = 4321;
  e.rev_at_epoch = 98765;
  MeanElements back = round_trip(e);
  expect_same(back, e);
  EXPECT_EQ(back.epoch.iso(TimeScale::UTC, 9), "2024-02-29T23:59:59.123456789");
}

}  // namespace
}  // namespace deorbit

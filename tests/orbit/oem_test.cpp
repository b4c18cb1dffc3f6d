// CCSDS OEM reader: deorbit's own OEMs read back exactly (to the 1 mm / 1 nm/s of the written digits), a
// hand-written multi-segment message with covariance and accelerations, and every class of bad input.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/io/ephemeris_writer.h"
#include "deorbit/orbit/oem.h"
#include "support/expect_error.h"

namespace deorbit {
namespace {

using testing::expect_error;

Oem parse(const std::string& text) {
  std::istringstream in(text);
  return read_oem(in, "test.oem");
}

TEST(Oem, ReadsBackWhatTheWriterWrites) {
  std::vector<StateVector> states;
  const Epoch t0 = Epoch::from_iso("2031-01-17T19:46:03.434Z");
  for (int i = 0; i < 5; ++i)
    states.push_back({t0 + 60.0 * i, Frame::GCRF, Vec3(6.7e6 + 123.4567 * i, -1.2e6, 2.5e5 * i),
                      Vec3(1200.5, 7500.25 - i, -30.125)});
  ObjectIdentity id;
  id.name = "ISS (ZARYA)";
  id.international_designator = "1998-067A";
  std::ostringstream out;
  write_oem_kvn(out, states, id, "deorbit", "a test");
  const Oem oem = parse(out.str());
  EXPECT_EQ(oem.originator, "deorbit");
  ASSERT_EQ(oem.segments.size(), 1u);
  const OemSegment& s = oem.segments[0];
  EXPECT_EQ(s.object_name, "ISS (ZARYA)");
  EXPECT_EQ(s.frame, Frame::GCRF);
  EXPECT_EQ(s.time_system, TimeScale::UTC);
  ASSERT_EQ(s.states.size(), states.size());
  for (std::size_t i = 0; i < states.size(); ++i) {
    EXPECT_NEAR(s.states[i].epoch - states[i].epoch, 0.0, 1e-6);
    EXPECT_LT((s.states[i].r - states[i].r).norm(), 1e-3);
    EXPECT_LT((s.states[i].v - states[i].v).norm(), 1e-6);
  }
  EXPECT_NEAR(s.start - states.front().epoch, 0.0, 1e-6);
  EXPECT_NEAR(s.stop - states.back().epoch, 0.0, 1e-6);
}

const std::string two_segments = R"(CCSDS_OEM_VERS = 2.0
COMMENT hand-written after the examples of CCSDS 502.0-B-3, section 5
CREATION_DATE = 2025-01-01T00:00:00
ORIGINATOR = TEST

META_START
OBJECT_NAME = SAT
OBJECT_ID = 2025-001A
CENTER_NAME = EARTH
REF_FRAME = EME2000
TIME_SYSTEM = TAI
START_TIME = 2025-01-01T00:00:00
USEABLE_START_TIME = 2025-01-01T00:00:00
USEABLE_STOP_TIME = 2025-01-01T00:02:00
STOP_TIME = 2025-01-01T00:02:00
INTERPOLATION = HERMITE
INTERPOLATION_DEGREE = 7
META_STOP
2025-01-01T00:00:00 7000.0 0.0 0.0 0.0 7.5 0.0
2025-01-01T00:01:00 6990.0 450.0 0.0 -0.5 7.49 0.0 0.001 0.002 0.003
2025-01-01T00:02:00 6960.0 900.0 0.0 -1.0 7.45 0.0
COVARIANCE_START
EPOCH = 2025-01-01T00:00:00
CX_X = 1.0
COVARIANCE_STOP

META_START
OBJECT_NAME = SAT
OBJECT_ID = 2025-001A
CENTER_NAME = earth
REF_FRAME = ITRF2014
TIME_SYSTEM = UTC
START_TIME = 2025-01-01T01:00:00
STOP_TIME = 2025-01-01T01:00:00
META_STOP
2025-01-01T01:00:00 0.0 7000.0 0.0 -7.5 0.0 0.0
)";

TEST(Oem, ReadsSegmentsCovarianceAndAccelerations) {
  const Oem oem = parse(two_segments);
  ASSERT_EQ(oem.segments.size(), 2u);
  const OemSegment& a = oem.segments[0];
  EXPECT_EQ(a.frame, Frame::EME2000);
  EXPECT_EQ(a.time_system, TimeScale::TAI);
  EXPECT_EQ(a.interpolation, "HERMITE");
  EXPECT_EQ(a.interpolation_degree, 7);
  ASSERT_TRUE(a.useable_stop.has_value());
  ASSERT_EQ(a.states.size(), 3u);
  EXPECT_DOUBLE_EQ(a.states[1].r.y(), 450e3);
  EXPECT_DOUBLE_EQ(a.states[2].v.y(), 7450.0);
  EXPECT_EQ(a.states[0].epoch, Epoch::from_iso("2025-01-01T00:00:00", TimeScale::TAI));
  const OemSegment& b = oem.segments[1];
  EXPECT_EQ(b.frame, Frame::ITRF);
  ASSERT_EQ(b.states.size(), 1u);
  EXPECT_DOUBLE_EQ(b.states[0].v.x(), -7500.0);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(Oem, BadInputNamesLineAndField) {
  auto bad = [](const std::string& text, const std::string& words) {
    expect_error([&] { (void)parse(text); }, words);
  };
  bad("", "CCSDS_OEM_VERS");
  bad(replace(two_segments, "CCSDS_OEM_VERS = 2.0", "CCSDS_OEM_VERS = 4.0"), "test.oem:1:");
  bad(replace(two_segments, "ORIGINATOR = TEST\n", ""), "ORIGINATOR");
  bad(replace(two_segments, "REF_FRAME = EME2000", "REF_FRAME = MARSFIXED"), "test.oem:10:");
  bad(replace(two_segments, "CENTER_NAME = EARTH", "CENTER_NAME = MOON"), "EARTH");
  bad(replace(two_segments, "OBJECT_ID = 2025-001A\n", ""), "OBJECT_ID");
  bad(replace(two_segments, "TIME_SYSTEM = TAI", "TIME_SYSTEM = MET"), "TIME_SYSTEM");
  bad(replace(two_segments, "INTERPOLATION_DEGREE = 7", "INTERPOLATION_DEGREE = 2.5"), "INTERPOLATION_DEGREE");
  bad(replace(two_segments, "OBJECT_NAME = SAT", "OBJECT_COLOUR = RED"), "table 5-3");
  bad(replace(two_segments, "6990.0 450.0", "6990.0 four"), "test.oem:20:");
  bad(replace(two_segments, " 0.0 -1.0 7.45 0.0\n", " 0.0 -1.0 7.45\n"), "5 numbers");
  bad(replace(two_segments, "2025-01-01T00:01:00 6990.0", "2025-01-01T00:03:00 6990.0"), "START_TIME .. STOP_TIME");
  bad(replace(two_segments, "2025-01-01T00:02:00 6960.0", "2025-01-01T00:00:30 6960.0"), "increasing");
  bad(replace(two_segments, "2025-01-01T00:02:00 6960.0", "2025-13-01T00:02:00 6960.0"), "ISO 8601");
  bad(replace(two_segments, "COVARIANCE_STOP\n", ""), "COVARIANCE_STOP");
  bad(replace(two_segments, "META_STOP\n2025-01-01T01", "2025-01-01T01"), "META_STOP");
  bad(replace(two_segments, "2025-01-01T01:00:00 0.0 7000.0 0.0 -7.5 0.0 0.0\n", ""), "ephemeris lines");
  bad(replace(two_segments, "ORIGINATOR = TEST", "ORIGINATOR = TEST\nORIGINATOR = AGAIN"), "once");
  expect_error([] { (void)read_oem_file("/nonexistent/x.oem"); }, "/nonexistent/x.oem");
}

}  // namespace
}  // namespace deorbit

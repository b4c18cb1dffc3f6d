#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/time/epoch.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

struct CaptureWarnings {
  std::vector<std::string> seen;
  WarningSink old;
  CaptureWarnings() { old = set_warning_sink([this](const std::string& m) { seen.push_back(m); }); }
  ~CaptureWarnings() { set_warning_sink(old); }
};

TEST(EarthOrientation, ReadsCelesTrakEopAllAndInterpolates) {
  auto eop = EarthOrientation::read(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"));
  ASSERT_EQ(eop.records().size(), 9323u);  // the extract: 9,142 observed days from 2000-01-01 and 181 predicted
  // Row "2004 04 06 53101 -0.140857  0.333539 -0.4399552 ..." of the file (IERS 20 C04).
  auto v = eop.at(Epoch::from_iso("2004-04-06T00:00:00Z"));
  EXPECT_NEAR(v.xp / constants::arcsec, -0.140857, 1e-9);
  EXPECT_NEAR(v.yp / constants::arcsec, 0.333539, 1e-9);
  EXPECT_NEAR(v.ut1_minus_utc, -0.4399552, 1e-9);
  // Halfway between two rows: the mean.
  auto a = eop.at_utc_mjd(53101.0), b = eop.at_utc_mjd(53102.0), mid = eop.at_utc_mjd(53101.5);
  EXPECT_NEAR(mid.ut1_minus_utc, 0.5 * (a.ut1_minus_utc + b.ut1_minus_utc), 1e-12);
  EXPECT_NEAR(mid.xp, 0.5 * (a.xp + b.xp), 1e-15);
}

TEST(EarthOrientation, LeapSecondDoesNotSmearUt1) {
  auto eop = EarthOrientation::read(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"));
  // Across 2016-12-31/2017-01-01, UT1-UTC jumps by +1 s (rows "2016 12 31 57753 ... -0.4077697" and
  // "2017 01 01 57754 ... 0.5912870"). Halfway through 2016-12-31 it is the mean of the two rows once the leap second
  // is taken out (-0.40824 s), not half a second off.
  double before = eop.at_utc_mjd(57753.0).ut1_minus_utc;
  double mid = eop.at_utc_mjd(57753.5).ut1_minus_utc;
  double after = eop.at_utc_mjd(57754.0).ut1_minus_utc;
  EXPECT_NEAR(before, -0.4077697, 1e-9);
  EXPECT_NEAR(after, 0.5912870, 1e-9);
  EXPECT_NEAR(mid, 0.5 * (before + after - 1.0), 1e-12);
}

TEST(EarthOrientation, Ut1ScaleUsesTheTable) {
  auto eop = EarthOrientation::read(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"));
  Epoch t = Epoch::from_iso("2004-04-06T07:51:28.386009Z");
  double dut1 = eop.at(t).ut1_minus_utc;
  Epoch ut1_view = Epoch::from_calendar(TimeScale::UT1, t.calendar(TimeScale::UT1, eop), eop);
  EXPECT_NEAR(ut1_view - t, 0.0, 1e-9);
  EXPECT_NEAR(t.calendar(TimeScale::UT1, eop).second - 28.386009, dut1, 1e-9);
}

TEST(EarthOrientation, EmptyTableWarnsOnceAndGivesUt1EqualsUtc) {
  CaptureWarnings w;
  EarthOrientation none;
  Epoch t = Epoch::from_iso("2020-01-01T00:00:00Z");
  EXPECT_EQ(t.iso(TimeScale::UT1, 6, none), "2020-01-01T00:00:00.000000");
  EXPECT_EQ(t.iso(TimeScale::UT1, 6, none), "2020-01-01T00:00:00.000000");
  EXPECT_EQ(none.at(t).xp, 0.0);
  ASSERT_EQ(w.seen.size(), 1u);
  EXPECT_NE(w.seen[0].find("UT1 = UTC"), std::string::npos);
}

TEST(EarthOrientation, MissingOrBrokenFileNamesTheFile) {
  try {
    (void)EarthOrientation::read("/nonexistent/EOP-All.txt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/EOP-All.txt"), std::string::npos);
  }
  std::string path = ::testing::TempDir() + "/bad_eop.txt";
  {
    std::ofstream out(path);
    out << "BEGIN OBSERVED\n1962 01 01 37665 -0.012700  0.213000  0.0326338  0.0017230  0.064261  0.006067  0.000000  0.000000   2\n"
           "1962 01 02 37666 -0.0159x0  0.214100  0.0320547  0.0016690  0.063979  0.006290  0.000000  0.000000   2\n";
  }
  try {
    (void)EarthOrientation::read(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.issue().line, 3);
    EXPECT_EQ(e.issue().field, "x");
  }
}

TEST(EarthOrientation, ReadsCsvForm) {
  std::string path = ::testing::TempDir() + "/eop.csv";
  {
    std::ofstream out(path);
    out << "DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE\n"
           "2004-04-06,53101,-0.140682,0.333309,-0.4399525,0.0015563,-0.052195,-0.003875,0.000000,0.000000,32,O\n"
           "2004-04-07,53102,-0.143000,0.334000,-0.4415000,0.0015000,-0.052000,-0.003800,0.000000,0.000000,32,O\n";
  }
  auto eop = EarthOrientation::read(path);
  ASSERT_EQ(eop.records().size(), 2u);
  EXPECT_NEAR(eop.at_utc_mjd(53101.0).dpsi / constants::arcsec, -0.052195, 1e-12);
}

}  // namespace
}  // namespace deorbit

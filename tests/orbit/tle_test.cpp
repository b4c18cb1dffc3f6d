#include <cmath>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/orbit/tle.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

// ISS element set from the 2025-10-03 CelesTrak active catalogue (tests/data/tle).
const char* kIss1 = "1 25544U 98067A   25276.49892031  .00013095  00000+0  23997-3 0  9998";
const char* kIss2 = "2 25544  51.6325 130.2428 0001007 193.4972 166.5990 15.49648180531963";

TEST(Tle, ChecksumOfPublishedLines) {
  EXPECT_EQ(tle_checksum(kIss1), 8);
  EXPECT_EQ(tle_checksum(kIss2), 3);
}

TEST(Tle, ParsesEveryFieldInSiUnits) {
  MeanElements e = parse_tle(kIss1, kIss2, "ISS (ZARYA)");
  EXPECT_EQ(e.object.name, "ISS (ZARYA)");
  EXPECT_EQ(e.object.catalogue_number, 25544u);
  EXPECT_EQ(e.object.international_designator, "1998-067A");
  EXPECT_EQ(e.object.classification, 'U');
  EXPECT_EQ(e.epoch.iso(TimeScale::UTC, 6), "2025-10-03T11:58:26.714784");
  EXPECT_NEAR(e.inclination, 51.6325 * constants::deg, 1e-15);
  EXPECT_NEAR(e.raan, 130.2428 * constants::deg, 1e-15);
  EXPECT_DOUBLE_EQ(e.eccentricity, 0.0001007);
  EXPECT_NEAR(e.arg_of_perigee, 193.4972 * constants::deg, 1e-15);
  EXPECT_NEAR(e.mean_anomaly, 166.5990 * constants::deg, 1e-15);
  EXPECT_NEAR(e.mean_motion, 15.49648180 * constants::two_pi / 86400.0, 1e-18);
  EXPECT_NEAR(e.bstar, 0.23997e-3, 1e-18);
  EXPECT_NEAR(e.mean_motion_dot, 0.00013095 * constants::two_pi / 86400.0 / 86400.0, 1e-24);
  EXPECT_EQ(e.mean_motion_ddot, 0.0);
  EXPECT_EQ(e.element_set_number, 999);
  EXPECT_EQ(e.rev_at_epoch, 53196);
}

TEST(Tle, Alpha5CatalogueNumbers) {
  EXPECT_EQ(decode_alpha5("A0000"), 100000u);
  EXPECT_EQ(decode_alpha5("H9999"), 179999u);
  EXPECT_EQ(decode_alpha5("J0000"), 180000u);  // I is skipped
  EXPECT_EQ(decode_alpha5("P0000"), 230000u);  // O is skipped
  EXPECT_EQ(decode_alpha5("Z9999"), 339999u);
  EXPECT_EQ(decode_alpha5(" 5544"), 5544u);
  EXPECT_FALSE(decode_alpha5("I0000"));
  EXPECT_FALSE(decode_alpha5("O1234"));
  EXPECT_FALSE(decode_alpha5("A12B4"));
  for (std::uint32_t n : {0u, 5u, 99999u, 100000u, 179999u, 180000u, 229999u, 230000u, 339999u})
    EXPECT_EQ(decode_alpha5(*encode_alpha5(n)), n);
  EXPECT_FALSE(encode_alpha5(340000));
  // A full element set with an Alpha-5 number.
  std::string l1 = "1 A0001U 23001A   25276.49892031  .00013095  00000+0  23997-3 0  999";
  std::string l2 = "2 A0001  51.6325 130.2428 0001007 193.4972 166.5990 15.4964818053196";
  l1 += static_cast<char>('0' + tle_checksum(l1));
  l2 += static_cast<char>('0' + tle_checksum(l2));
  EXPECT_EQ(parse_tle(l1, l2).object.catalogue_number, 100001u);
}

ParseIssue issue_of(std::string l1, std::string l2, bool fix_checksums = true) {
  if (fix_checksums) {
    l1[68] = static_cast<char>('0' + tle_checksum(l1));
    l2[68] = static_cast<char>('0' + tle_checksum(l2));
  }
  try {
    (void)parse_tle(l1, l2, "", "sats.tle", 10);
  } catch (const InputError& e) {
    return e.issue();
  }
  ADD_FAILURE() << "no error for\n" << l1 << '\n' << l2;
  return {};
}

TEST(Tle, ErrorsNameLineColumnFieldAndExpectation) {
  std::string l1 = kIss1, l2 = kIss2;
  ParseIssue i = issue_of(l1, l2.substr(0, 68) + "0", false);
  EXPECT_EQ(i.file, "sats.tle");
  EXPECT_EQ(i.line, 11);
  EXPECT_EQ(i.column, 69);
  EXPECT_EQ(i.field, "checksum");
  EXPECT_EQ(i.expected, "checksum 3");

  std::string bad = l2;
  bad.replace(26, 7, "00x1007");
  i = issue_of(l1, bad);
  EXPECT_EQ(i.line, 11);
  EXPECT_EQ(i.column, 27);
  EXPECT_EQ(i.field, "eccentricity");
  EXPECT_EQ(i.found, "00x1007");

  bad = l1;
  bad.replace(20, 12, "400.49892031");
  i = issue_of(bad, l2);
  EXPECT_EQ(i.line, 10);
  EXPECT_EQ(i.field, "epoch day");

  bad = l2;
  bad.replace(2, 5, "25545");
  i = issue_of(l1, bad);
  EXPECT_EQ(i.field, "satellite number");

  bad = l2;
  bad.replace(8, 8, "191.0000");
  i = issue_of(l1, bad);
  EXPECT_EQ(i.field, "inclination");
  EXPECT_EQ(i.column, 9);

  i = issue_of(l1.substr(0, 40), l2, false);
  EXPECT_EQ(i.field, "line length");
  EXPECT_NE(i.message().find("sats.tle:10:"), std::string::npos);
}

TEST(Tle, WriterRoundTripsWithCorrectChecksums) {
  MeanElements e = parse_tle(kIss1, kIss2, "ISS (ZARYA)");
  auto [l1, l2] = format_tle(e);
  EXPECT_EQ(l1, kIss1);
  EXPECT_EQ(l2, kIss2);
  // Negative derivatives and B*, and a very small B*.
  const char* v1 = "1 00005U 58002B   00179.78495062 -.00000023  12345-5 -28098-4 0  4753";
  const char* v2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";
  MeanElements v = parse_tle(v1, v2, "", "", 1, false);
  EXPECT_NEAR(v.bstar, -0.28098e-4, 1e-20);
  auto [w1, w2] = format_tle(v);
  EXPECT_EQ(w1.substr(0, 68), std::string(v1).substr(0, 68));
  EXPECT_EQ(w2.substr(0, 68), std::string(v2).substr(0, 68));
  EXPECT_EQ(w1[68] - '0', tle_checksum(w1));
  EXPECT_EQ(w2[68] - '0', tle_checksum(w2));
  MeanElements big = e;
  big.object.catalogue_number = 500000;
  EXPECT_THROW((void)format_tle(big), InputError);
}

TEST(Tle, StreamsThreeLineAndTwoLineSetsAndSkipsBadOnes) {
  std::string bad2 = std::string(kIss2).substr(0, 68) + "0";  // wrong checksum
  std::stringstream in;
  in << "ISS (ZARYA)\n" << kIss1 << "\n" << kIss2 << "\n\n# a comment\n"
     << "0 SECOND COPY\n" << kIss1 << "\r\n" << bad2 << "\n"
     << kIss1 << "\n" << kIss2 << "\n"
     << "ORPHAN NAME\n";
  TleReader reader(in, "mixed.tle");
  auto a = reader.next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->object.name, "ISS (ZARYA)");
  auto b = reader.next();  // the bad second copy is skipped
  ASSERT_TRUE(b);
  EXPECT_EQ(b->object.name, "");
  EXPECT_FALSE(reader.next());
  ASSERT_EQ(reader.issues().size(), 2u);
  EXPECT_EQ(reader.issues()[0].line, 8);
  EXPECT_EQ(reader.issues()[0].field, "checksum");
  EXPECT_EQ(reader.issues()[1].line, 11);

  std::stringstream again(in.str());
  TleReader strict(again, "mixed.tle", {.strict = true});
  (void)strict.next();
  EXPECT_THROW((void)strict.next(), InputError);
}

TEST(Tle, ReadsCatalogueSamples) {
  // Samples of real catalogues (tests/data/tle/PROVENANCE.md): 3-line CelesTrak 2025, 2-line Space-Track 2013 with
  // leading zeros in the angles, and ISS sets of 1998-2004.
  auto active = read_tle_file(testing::test_data("tle/active_2025-10-03_sample.tle"), {.strict = true});
  EXPECT_EQ(active.records.size(), 804u);
  EXPECT_TRUE(active.issues.empty());
  auto old = read_tle_file(testing::test_data("tle/catalog_2013-10-23_sample.tle"), {.strict = true});
  EXPECT_EQ(old.records.size(), 467u);
  auto iss = read_tle_file(testing::test_data("tle/iss/iss_1998-11_to_2004-12_sample.tle"), {.strict = true});
  EXPECT_EQ(iss.records.size(), 320u);
  // Every record writes back to the same text.
  std::ifstream file(testing::test_data("tle/active_2025-10-03_sample.tle"));
  std::string name, l1, l2;
  std::size_t i = 0, same = 0;
  while (std::getline(file, name) && std::getline(file, l1) && std::getline(file, l2)) {
    auto [w1, w2] = format_tle(active.records[i++]);
    same += (w1 == l1 && w2 == l2);
  }
  EXPECT_EQ(same, active.records.size());
}

TEST(Tle, TruncatedInputEndsWithAnIssueNotAHang) {
  // Found by the fuzzer: a name line or a line 1 at the very end of the input made the reader loop forever.
  for (const std::string& tail : {std::string("ORPHAN NAME"), std::string(kIss1), "ISS\n" + std::string(kIss1)}) {
    std::stringstream in(std::string(kIss1) + "\n" + kIss2 + "\n" + tail + "\n");
    TleReader reader(in, "truncated.tle");
    EXPECT_TRUE(reader.next());
    EXPECT_FALSE(reader.next());
    ASSERT_EQ(reader.issues().size(), 1u) << tail;
    EXPECT_EQ(reader.issues()[0].found, "end of input");
  }
}

TEST(Tle, MissingFileNamesThePath) {
  EXPECT_THROW((void)read_tle_file("/no/such/file.tle"), InputError);
}

}  // namespace
}  // namespace deorbit

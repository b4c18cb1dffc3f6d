// End-to-end tests of `deorbit propagate --catalogue`: the built command on fixed inputs, CSV and binary outputs
// checked against the one-object command and against the format of docs/catalogue-format.md.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::CommandResult;

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string f;
  std::istringstream in(line);
  while (std::getline(in, f, ',')) out.push_back(f);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// Three-line element sets of the given catalogue numbers, from the 2025-10-03 active catalogue.
std::string pick(const std::vector<std::string>& numbers) {
  std::ifstream in(deorbit::testing::test_data("tle/active_2025-10-03_sample.tle"));
  std::vector<std::string> l;
  for (std::string s; std::getline(in, s);) l.push_back(s);
  std::string out;
  for (const auto& n : numbers) {
    for (std::size_t i = 1; i + 1 < l.size(); ++i) {
      if (l[i].rfind("1 ", 0) == 0 && std::stoul(l[i].substr(2, 5)) == std::stoul(n)) {
        out += l[i - 1] + "\n" + l[i] + "\n" + l[i + 1] + "\n";
        break;
      }
    }
  }
  return out;
}

// The ISS, a GPS satellite (deep space, half-day resonance) and a geostationary one (deep space, one-day
// resonance).
const std::vector<std::string> kObjects = {"25544", "24876", "41866"};

TEST(CatalogueCli, CsvMatchesTheOneObjectCommand) {
  const std::string tle = deorbit::testing::write_temp_file("catalogue3.tle", pick(kObjects));
  CommandResult r = deorbit::testing::run_deorbit("propagate --catalogue " + tle +
                        " --from 2025-10-03T12:00:00Z --to 2025-10-03T13:00:00Z --step 300 --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto l = deorbit::testing::lines_of(r.out);
  ASSERT_EQ(l.size(), 1u + 3u * 13u);
  EXPECT_EQ(l[0], "norad,epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps,status");
  EXPECT_NE(r.err.find("3 TLE objects (2 deep space, 0 left out) x 13 instants"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("39 ok"), std::string::npos) << r.err;

  for (std::size_t k = 0; k < kObjects.size(); ++k) {
    CommandResult one = deorbit::testing::run_deorbit("propagate --tle " + tle + " --norad " + kObjects[k] +
                            " --from 2025-10-03T12:00:00Z --to 2025-10-03T13:00:00Z --step 300 --frame teme");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    auto ol = deorbit::testing::lines_of(one.out);
    ASSERT_EQ(ol.size(), 14u);
    for (std::size_t j = 0; j < 13; ++j) {
      auto a = fields(l[1 + k * 13 + j]);
      auto b = fields(ol[1 + j]);
      ASSERT_EQ(a.size(), 9u) << l[1 + k * 13 + j];
      EXPECT_EQ(a[0], kObjects[k]);
      EXPECT_EQ(a[1], b[0]);
      EXPECT_EQ(a[8], "0");
      for (int c = 0; c < 6; ++c) {
        // Printed to the millimetre and micrometre per second; the batch path agrees to 1e-7 m.
        EXPECT_NEAR(std::stod(a[2 + c]), std::stod(b[1 + c]), c < 3 ? 1.01e-3 : 1.01e-6) << a[1] << " column " << c;
      }
    }
  }
}

TEST(CatalogueCli, DefaultsStartAtTheLatestEpochForOneDayEveryMinute) {
  const std::string tle = deorbit::testing::write_temp_file("catalogue2.tle", pick({"25544", "41866"}));
  const std::string out = ::testing::TempDir() + "/catalogue_default.csv";
  CommandResult r = deorbit::testing::run_deorbit("propagate --catalogue " + tle + " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  auto l = deorbit::testing::lines_of(ss.str());
  ASSERT_EQ(l.size(), 1u + 2u * 1441u);
  // The ISS element epoch is the later one: 25276.55563440 = 2025-10-03T13:20:06.812160 UTC.
  const std::string iss_epoch = fields(l[1])[1];
  EXPECT_EQ(fields(l[1442])[1], iss_epoch);
  EXPECT_EQ(fields(l[1441])[1].substr(0, 10), "2025-10-04");
}

// Replaces column 63 (ephemeris type) of a TLE line 1 and recomputes its checksum.
std::string with_ephemeris_type(std::string line1, char type) {
  line1[62] = type;
  int sum = 0;
  for (std::size_t i = 0; i < 68; ++i) {
    if (line1[i] >= '0' && line1[i] <= '9') sum += line1[i] - '0';
    if (line1[i] == '-') sum += 1;
  }
  line1[68] = static_cast<char>('0' + sum % 10);
  return line1;
}

TEST(CatalogueCli, DecayEndsTheObjectAndRefusedSetsAreLeftOut) {
  // Verification case 28872 decays 55 minutes after its epoch (SGP4 would compute states again from 75 min: the
  // command keeps it decayed). An SGP4-XP copy of the ISS is left out with a warning.
  std::ifstream in(deorbit::testing::test_data("sgp4/SGP4-VER.TLE"));
  std::vector<std::string> l;
  for (std::string s; std::getline(in, s);) l.push_back(s);
  std::string text;
  for (std::size_t i = 0; i + 1 < l.size(); ++i) {
    if (l[i].rfind("1 28872", 0) == 0) text += l[i].substr(0, 69) + "\n" + l[i + 1].substr(0, 69) + "\n";
  }
  auto iss = deorbit::testing::lines_of(pick({"25544"}));
  text += "XP COPY\n" + with_ephemeris_type(iss[1], '4') + "\n" + iss[2] + "\n";
  const std::string tle = deorbit::testing::write_temp_file("decay.tle", text);
  CommandResult r = deorbit::testing::run_deorbit("propagate --catalogue " + tle +
                        " --from 2005-11-29T00:28:58.939Z --to 2005-11-29T02:28:58.939Z --step 300");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("left out"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("SGP4-XP"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 TLE objects"), std::string::npos) << r.err;
  auto rows = deorbit::testing::lines_of(r.out);
  ASSERT_EQ(rows.size(), 1u + 25u);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto f = fields(rows[i]);
    ASSERT_EQ(f.size(), 9u) << rows[i];
    EXPECT_EQ(f[0], "28872");
    if (i <= 11) {
      EXPECT_EQ(f[8], "0") << rows[i];
    } else {
      EXPECT_EQ(f[8], "6") << rows[i];  // 55 min and after
      EXPECT_TRUE(f[2].empty() && f[7].empty()) << "no state is written for a decayed object: " << rows[i];
    }
  }
  EXPECT_NE(r.err.find("25 states, 11 ok, 14 decayed"), std::string::npos) << r.err;
}

template <class T>
T get(const std::string& b, std::size_t& at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof v);
  at += sizeof v;
  return v;
}

TEST(CatalogueCli, BinaryFormatAsDocumented) {
  const std::string tle = deorbit::testing::write_temp_file("catalogue3b.tle", pick(kObjects));
  for (const std::string precision : {"double", "float"}) {
    const std::string out = ::testing::TempDir() + "/catalogue_" + precision + ".bin";
    CommandResult r = deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --from 2025-10-03T12:00:00Z --to 2025-10-03T13:00:00Z" +
                          " --step 300 --format binary --precision " + precision + " -o " + out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string b = ss.str();
    std::size_t at = 0;
    ASSERT_EQ(b.substr(0, 8), "DEORBCAT");
    at = 8;
    EXPECT_EQ(get<std::uint32_t>(b, at), 1u);
    const auto value_bytes = get<std::uint32_t>(b, at);
    EXPECT_EQ(value_bytes, precision == "double" ? 8u : 4u);
    const auto objects = get<std::uint64_t>(b, at);
    const auto times = get<std::uint64_t>(b, at);
    ASSERT_EQ(objects, 3u);
    ASSERT_EQ(times, 13u);
    EXPECT_STREQ(b.c_str() + at, "2025-10-03T12:00:00.000000Z");
    at = 64;
    for (std::uint64_t j = 0; j < times; ++j) EXPECT_EQ(get<double>(b, at), 300.0 * static_cast<double>(j));
    std::vector<std::uint32_t> norad;
    for (std::uint64_t o = 0; o < objects; ++o) {
      norad.push_back(get<std::uint32_t>(b, at));
      const auto flags = get<std::uint32_t>(b, at);
      EXPECT_EQ(flags, o == 0 ? 0u : 1u);  // ISS near Earth; GPS and GEO deep space
      const double epoch_offset = get<double>(b, at);
      EXPECT_LT(std::fabs(epoch_offset), 3 * 86400.0);
    }
    EXPECT_EQ(norad, (std::vector<std::uint32_t>{25544, 24876, 41866}));
    const std::size_t record = 6 * times * value_bytes + times;
    ASSERT_EQ(b.size(), at + objects * record);
    for (std::uint64_t o = 0; o < objects; ++o) {
      const std::size_t base = at + o * record;
      for (std::uint64_t j = 0; j < times; ++j) {
        double r2 = 0;
        for (int c = 0; c < 3; ++c) {
          std::size_t p = base + (c * times + j) * value_bytes;
          const double v = value_bytes == 8 ? get<double>(b, p) : get<float>(b, p);
          r2 += v * v;
        }
        EXPECT_GT(std::sqrt(r2), 6.6e6);
        EXPECT_EQ(static_cast<unsigned char>(b[base + 6 * times * value_bytes + j]), 0u);
      }
    }
  }
}

TEST(CatalogueCli, OmmIsToldApartByContent) {
  const std::string omm = deorbit::testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json").string();
  CommandResult r = deorbit::testing::run_deorbit("propagate --catalogue " + omm + " --from 2025-03-09T00:00:00Z --to 2025-03-09T00:10:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("OMM objects"), std::string::npos) << r.err;
  auto l = deorbit::testing::lines_of(r.out);
  EXPECT_GT(l.size(), 499u * 11u);
}

TEST(CatalogueCli, BadCombinationsAreRefused) {
  const std::string tle = deorbit::testing::write_temp_file("catalogue1.tle", pick({"25544"}));
  EXPECT_EQ(deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --format binary").exit_code, 1);  // needs -o
  EXPECT_EQ(deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --frame gcrf").exit_code, 1);
  EXPECT_EQ(deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --format oem").exit_code, 1);
  EXPECT_EQ(deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --precision half --format binary -o x.bin").exit_code, 1);
  EXPECT_EQ(deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --norad 25544").exit_code, 1);
  EXPECT_EQ(deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --tle " + tle).exit_code, 2);
  CommandResult r = deorbit::testing::run_deorbit("propagate --catalogue " + tle + " --frame teme --step 3600");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(deorbit::testing::lines_of(r.out).size(), 1u + 25u);
}

}  // namespace

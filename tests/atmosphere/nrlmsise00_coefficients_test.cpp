// The embedded NRLMSISE-00 tables (data/nrlmsise00_coefficients.txt) against an independent transcription of the
// same public block data (tests/data/nrlmsise00/nrlmsise00_coefficients.csv, see its PROVENANCE.md).
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/nrlmsise00_coefficients.h"
#include "deorbit/base/text.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

using nrlmsise00::Coefficients;

// Value of array `name` at (row, index), or NaN when our layout has no such element (ptm has 10 in the source;
// the CSV pads it to 50 with zeros).
double lookup(const Coefficients& c, const std::string& name, std::size_t row, std::size_t index, bool& exists) {
  exists = true;
  auto one = [&](const auto& a) {
    if (row != 0 || index >= a.size()) {
      exists = false;
      return 0.0;
    }
    return a[index];
  };
  auto two = [&](const auto& a) {
    if (row >= a.size() || index >= a[0].size()) {
      exists = false;
      return 0.0;
    }
    return a[row][index];
  };
  if (name == "pt") return one(c.pt);
  if (name == "pd") return two(c.pd);
  if (name == "ps") return one(c.ps);
  if (name == "pdl") return two(c.pdl);
  if (name == "ptl") return two(c.ptl);
  if (name == "pma") return two(c.pma);
  if (name == "sam") return one(c.sam);
  if (name == "ptm") return one(c.ptm);
  if (name == "pdm") return two(c.pdm);
  if (name == "pavgm") return one(c.pavgm);
  exists = false;
  return 0.0;
}

TEST(Nrlmsise00Coefficients, EveryValueEqualsTheIndependentCopy) {
  const Coefficients& c = nrlmsise00::coefficients();
  std::ifstream in(testing::test_data("nrlmsise00/nrlmsise00_coefficients.csv"));
  std::string line;
  std::getline(in, line);
  ASSERT_EQ(line, "array,row,index,value");
  int compared = 0, padding = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto f = text::split_csv(line);
    ASSERT_EQ(f.size(), 4u) << line;
    bool exists = false;
    const double ours = lookup(c, f[0], static_cast<std::size_t>(std::stoul(f[1])),
                               static_cast<std::size_t>(std::stoul(f[2])), exists);
    const double theirs = std::stod(f[3]);
    if (!exists) {
      // Only the zero padding of ptm (PROVENANCE.md: the source gives 10 values) may be absent here.
      EXPECT_EQ(f[0], "ptm") << line;
      EXPECT_EQ(theirs, 0.0) << line;
      ++padding;
      continue;
    }
    EXPECT_EQ(ours, theirs) << line;  // both parsed from the same decimal text: exact
    ++compared;
  }
  EXPECT_EQ(compared, 3300);
  EXPECT_EQ(padding, 40);
}

TEST(Nrlmsise00Coefficients, ParserRefusesMalformedTables) {
  EXPECT_THROW((void)nrlmsise00::parse_coefficients("array pt 1 150\n1 2 3\n"), std::logic_error);
  EXPECT_THROW((void)nrlmsise00::parse_coefficients("array pt 1 149\n"), std::logic_error);
  EXPECT_THROW((void)nrlmsise00::parse_coefficients("1.0\n"), std::logic_error);
  EXPECT_THROW((void)nrlmsise00::parse_coefficients("array nope 1 1\n1\n"), std::logic_error);
}

}  // namespace
}  // namespace deorbit

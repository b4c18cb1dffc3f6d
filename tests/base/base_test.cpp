#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

TEST(Text, StrictNumberParsing) {
  EXPECT_EQ(text::parse_double(" -.5 "), -0.5);
  EXPECT_EQ(text::parse_double("+1.2E-4"), 1.2e-4);
  EXPECT_EQ(text::parse_double(".1845686"), 0.1845686);
  for (const char* bad : {"", " ", "nan", "inf", "1.0x", "0x10", "1e999", "--1"})
    EXPECT_FALSE(text::parse_double(bad)) << bad;
  EXPECT_EQ(text::parse_int(" 42 "), 42);
  EXPECT_FALSE(text::parse_int("4.2"));
}

TEST(Text, CsvQuoting) {
  auto f = text::split_csv(R"(a,"b, with comma","c ""quoted""",)");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[1], "b, with comma");
  EXPECT_EQ(f[2], "c \"quoted\"");
  EXPECT_EQ(f[3], "");
}

TEST(ParseIssue, MessageNamesEverything) {
  ParseIssue i{"sats.tle", 12, 27, "eccentricity", "7 digits", "00x1007"};
  EXPECT_EQ(i.message(), "sats.tle:12:27: eccentricity: expected 7 digits, found '00x1007'");
}

TEST(AtomicFile, WritesWholeOrNothing) {
  auto path = std::filesystem::path(::testing::TempDir()) / "atomic.txt";
  write_file_atomically(path, [](std::ostream& o) { o << "first"; });
  EXPECT_THROW(write_file_atomically(path, [](std::ostream& o) {
                 o << "half";
                 throw InputError("failed in the middle");
               }),
               InputError);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "first");  // the old content survives a failed write
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path()))
    EXPECT_EQ(e.path().filename().string().find("atomic.txt.tmp"), std::string::npos);
  EXPECT_THROW(write_file_atomically("/no/such/dir/x.txt", [](std::ostream& o) { o << "x"; }), InputError);
}

TEST(EmbeddedData, EveryFileNamesItsSource) {
  ASSERT_FALSE(embedded_data_names().empty());
  for (auto name : embedded_data_names()) {
    auto content = embedded_data(name);
    ASSERT_TRUE(content);
    EXPECT_NE(content->substr(0, 600).find("Source"), std::string_view::npos) << name;
  }
  EXPECT_FALSE(embedded_data("no-such-file"));
}

}  // namespace
}  // namespace deorbit

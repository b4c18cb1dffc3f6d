#include <functional>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/io/yaml_map.h"
#include "support/expect_error.h"

namespace deorbit {
namespace {

using testing::issue_of;

TEST(YamlMap, ReadsTypedValuesWithDefaults) {
  auto y = YamlMap::load_text("a: 1.5\nb: 3\nflag: true\nname: egm96\nlist: [sun, moon]\nsub:\n  x: 2\n", "t.yaml");
  EXPECT_EQ(y.number("a", "m", 0, 10), 1.5);
  EXPECT_EQ(y.integer_or("b", 0, 0, 10), 3);
  EXPECT_TRUE(y.flag_or("flag", false));
  EXPECT_EQ(y.text_or("name", "", {"egm96", "egm2008"}), "egm96");
  EXPECT_EQ(y.text_list("list", {"sun", "moon"}).size(), 2u);
  auto sub = y.map("sub");
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->number("x", "", 0, 5), 2.0);
  EXPECT_EQ(y.number_or("missing", 7.0, "s", 0, 10), 7.0);
  EXPECT_FALSE(y.map("absent"));
  y.refuse_unknown_keys();
  sub->refuse_unknown_keys();
}

TEST(YamlMap, ErrorsNameFileLineColumnAndKey) {
  auto y = YamlMap::load_text("mass_kg: -5\ndrag:\n  cd: abc\n  extra: 1\n", "case.yaml");
  ParseIssue i = issue_of([&] { (void)y.number("mass_kg", "kg", 0, 1e7); });
  EXPECT_EQ(i.file, "case.yaml");
  EXPECT_EQ(i.line, 1);
  EXPECT_EQ(i.column, 10);
  EXPECT_EQ(i.field, "mass_kg");
  EXPECT_EQ(i.found, "-5");
  EXPECT_NE(i.expected.find("kg"), std::string::npos);
  auto drag = y.map("drag");
  i = issue_of([&] { (void)drag->number("cd", "", 0, 10); });
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "drag.cd");
  i = issue_of([&] { drag->refuse_unknown_keys(); });
  EXPECT_EQ(i.line, 4);
  EXPECT_EQ(i.field, "drag.extra");
  EXPECT_EQ(i.found, "extra");
  i = issue_of([&] { (void)YamlMap::load_text("a: [1, 2\n", "bad.yaml"); });
  EXPECT_EQ(i.file, "bad.yaml");
  EXPECT_GT(i.line, 0);
  EXPECT_THROW((void)YamlMap::load_file("/no/such.yaml"), InputError);
  EXPECT_THROW((void)y.text_or("mass_kg", "", {"a", "b"}), InputError);
}

TEST(YamlMap, ListsOfNumbersRowsAndMappings) {
  auto y = YamlMap::load_text(
      "heights_km: [190, 160.5]\n"
      "polygon_deg: [[-30, -160], [-45, -90]]\n"
      "engines:\n  - {name: a, thrust_n: 400}\n  - {name: b, thrust_n: -1}\n"
      "bad_list: [1, x]\n"
      "bad_rows: [[1, 2, 3]]\n",
      "lists.yaml");
  EXPECT_EQ(y.number_list("heights_km", "km", 0, 1000), (std::vector<double>{190, 160.5}));
  auto rows = y.number_rows("polygon_deg", {"lat_deg", "lon_deg"}, {-90, -180}, {90, 360});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<double>{-45, -90}));
  auto engines = y.map_list("engines");
  ASSERT_EQ(engines.size(), 2u);
  EXPECT_EQ(engines[0].number("thrust_n", "N", 0, 1e6), 400);
  ParseIssue i = issue_of([&] { (void)engines[1].number("thrust_n", "N", 0, 1e6); });
  EXPECT_EQ(i.field, "engines[1].thrust_n");
  EXPECT_EQ(i.line, 5);
  i = issue_of([&] { (void)y.number_list("bad_list", "km", 0, 10); });
  EXPECT_EQ(i.field, "bad_list");
  EXPECT_EQ(i.found, "x");
  i = issue_of([&] { (void)y.number_rows("bad_rows", {"lat_deg", "lon_deg"}, {-90, -180}, {90, 360}); });
  EXPECT_EQ(i.field, "bad_rows");
  i = issue_of([&] { y.error("heights_km", "heights that decrease"); });
  EXPECT_EQ(i.line, 1);
  EXPECT_EQ(i.expected, "heights that decrease");
  EXPECT_TRUE(y.number_list("absent", "km", 0, 1).empty());
  EXPECT_NE(engines[0].dump().find("thrust_n: 400"), std::string::npos);
  i = issue_of([&] { (void)y.map_list("heights_km"); });
  EXPECT_EQ(i.field, "heights_km");
}

}  // namespace
}  // namespace deorbit

// examples/objects/iss.yaml: the ISS object tree that docs/iss-object-tree.md documents (masses, counts, release of
// the arrays and radiators). The figures below are that document's table.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/io/object_tree.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

const SpacecraftObject& iss() {
  static const std::vector<SpacecraftObject> roots =
      load_objects_file(testing::source_path("examples/objects/iss.yaml").string());
  return roots.at(0);
}

const SpacecraftObject* child(const SpacecraftObject& parent, const std::string& name) {
  for (const auto& c : parent.children)
    if (c.name == name) return &c;
  return nullptr;
}

int distinct_objects(const SpacecraftObject& o) {
  int n = 1;
  for (const auto& c : o.children) n += distinct_objects(c);
  return n;
}

int depth(const SpacecraftObject& o) {
  int d = 0;
  for (const auto& c : o.children) d = std::max(d, 1 + depth(c));
  return d;
}

TEST(IssObjectTree, ParsesAsOneStationThatBreaksUpAt78Km) {
  auto roots = load_objects_file(testing::source_path("examples/objects/iss.yaml").string());
  ASSERT_EQ(roots.size(), 1u);
  const SpacecraftObject& s = roots[0];
  EXPECT_EQ(s.name, "ISS");
  EXPECT_EQ(s.shape, Shape::box);
  EXPECT_DOUBLE_EQ(s.length, 109);
  EXPECT_DOUBLE_EQ(s.width, 73);
  EXPECT_TRUE(s.mass_as_given);
  EXPECT_DOUBLE_EQ(s.breakup_altitude, 78e3);
  // The envelope's own mass is negligible (iss.yaml); the external MLI and cabling are the 1,000 pieces of its
  // first child.
  EXPECT_DOUBLE_EQ(s.mass, 1);
  const SpacecraftObject* mli = child(s, "external MLI, cabling and handrails");
  ASSERT_NE(mli, nullptr);
  EXPECT_EQ(mli->count, 1000);
  EXPECT_NEAR(s.mass + total_mass(*mli), 5000.0, 1e-6);
}

// The total is NASA's published station mass. A consistency check, not a validation: the unitemised remainder
// (4,043 items of 11 kg) was computed from that figure. The itemised part is the sum of the file's figures.
TEST(IssObjectTree, TotalIsThePublishedStationMass) {
  EXPECT_NEAR(total_mass(iss()), 419725.0, 0.01);
  const SpacecraftObject* rest = child(iss(), "unitemised stowage and equipment");
  ASSERT_NE(rest, nullptr);
  EXPECT_NEAR(total_mass(iss()) - total_mass(*rest), 375252.0, 0.01);
}

// Each module's subtree is its published mass, plus what was added after launch, less what the file moves to the
// root (arrays and radiators, so that they leave while the station is whole).
TEST(IssObjectTree, EveryListedModuleHasItsDocumentedMass) {
  struct Documented {
    const char* name;
    double published, added_after_launch, moved_to_root;
  };
  const double wings_and_pv_radiator = 2 * 1089 + 700, three_radiators = 3 * 1120;
  const Documented table[] = {
      {"Zarya", 19323, 3000, 0},        {"Zvezda", 19051, 2000, 0},        {"Unity", 11612, 2000, 0},
      {"Destiny", 14515, 18 * 550, 0},  {"Quest", 6064, 4 * 200, 0},       {"Harmony", 15300, 0, 0},
      {"Columbus", 12800, 5 * 500, 0},  {"Kibo JPM", 15900, 12 * 550, 0},  {"Tranquility", 19000, 0, 0},
      {"Cupola", 1880, 0, 0},           {"Nauka", 20300, 0, 0},            {"Rassvet", 5075, 0, 0},
      {"Poisk", 3670, 0, 0},            {"BEAM", 1413, 0, 0},              {"Z1", 8755, 0, 0},
      {"S0", 12247, 0, 0},              {"S1", 12572, 0, three_radiators}, {"P1", 12477, 0, three_radiators},
      {"P3/P4", 15900, 0, wings_and_pv_radiator},                          {"S3/S4", 16183, 0, wings_and_pv_radiator},
      {"P6", 15873, 0, wings_and_pv_radiator},                             {"S6", 15824, 0, wings_and_pv_radiator},
  };
  for (const auto& d : table) {
    const SpacecraftObject* m = child(iss(), d.name);
    ASSERT_NE(m, nullptr) << d.name;
    EXPECT_EQ(m->count, 1) << d.name;
    EXPECT_NEAR(total_mass(*m), d.published + d.added_after_launch - d.moved_to_root, 0.01) << d.name;
  }
  // What the root holds for the truss: 8 wings, 6 HRS and 4 PV radiators.
  EXPECT_EQ(child(iss(), "solar array wing")->count, 8);
  EXPECT_EQ(child(iss(), "HRS radiator")->count, 6);
  EXPECT_EQ(child(iss(), "PV radiator")->count, 4);
}

// Fast enough to fly 10^4 times: few distinct objects (identical ones are flown once), at most three levels below
// the station.
TEST(IssObjectTree, FewDistinctObjectsAndShallow) {
  EXPECT_EQ(distinct_objects(iss()), 106);  // about 100 at most (docs/iss-object-tree.md, "Speed")
  EXPECT_EQ(total_count(iss()), 9423);      // counts multiplied down the tree
  EXPECT_EQ(depth(iss()), 3);               // ISS / Z1 / CMG housing / CMG flywheel, ISS / Destiny / rack / box
  long long batteries = 0;
  for (const char* truss : {"P3/P4", "S3/S4", "P6", "S6"})
    for (const auto& c : child(iss(), truss)->children)
      if (c.name.find("battery ORU") != std::string::npos) batteries += c.count;
  EXPECT_EQ(batteries, 24);
  EXPECT_EQ(child(*child(iss(), "Z1"), "CMG housing")->count, 4);  // the four CMGs
  // Each truss segment is an open framework: a parent of about 1 kg whose mass is its struts, fittings and ORUs.
  for (const char* truss : {"Z1", "S0", "S1", "P1", "P3/P4", "S3/S4", "P6", "S6", "P5 and S5 spacer"}) {
    const SpacecraftObject* s = child(iss(), truss);
    EXPECT_LT(s->mass, 1.5) << truss;
    EXPECT_GE(s->children.size(), 3u) << truss;
  }
}

// The arrays and radiators, and nothing else, are shed by altitude, at 90-95 km, from the whole station.
TEST(IssObjectTree, ArraysAndRadiatorsAreShedAt90To95Km) {
  int shed = 0;
  for (const auto& c : iss().children) {
    const bool array_or_radiator = c.name == "solar array wing" || c.name.find("radiator") != std::string::npos;
    EXPECT_EQ(c.release == Release::altitude, array_or_radiator) << c.name;
    if (c.release != Release::altitude) continue;
    ++shed;
    EXPECT_GE(c.release_altitude, 90e3) << c.name;
    EXPECT_LE(c.release_altitude, 95e3) << c.name;
  }
  EXPECT_EQ(shed, 3);
  // Below the root nothing is shed by altitude: a module's children leave at its breakup or demise.
  for (const auto& m : iss().children)
    for (const auto& c : m.children) EXPECT_NE(c.release, Release::altitude) << m.name << " / " << c.name;
}

}  // namespace
}  // namespace deorbit

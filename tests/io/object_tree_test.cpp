#include <string>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/io/object_tree.h"
#include "support/expect_error.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

using testing::expect_error;
using testing::issue_of;

TEST(ObjectTree, ReadsTheSimpleObjectsExample) {
  auto objects = load_objects_file(testing::source_path("examples/objects/simple-spheres.yaml").string());
  ASSERT_EQ(objects.size(), 6u);
  EXPECT_EQ(objects[0].name, "aluminium sphere");
  EXPECT_EQ(objects[0].shape, Shape::sphere);
  EXPECT_DOUBLE_EQ(objects[0].diameter, 1.0);
  EXPECT_DOUBLE_EQ(objects[0].wall_thickness, 0.005);
  EXPECT_DOUBLE_EQ(objects[0].mass, 43.2);
  EXPECT_EQ(objects[0].material, "Al-2024-T3");
  EXPECT_EQ(objects[0].count, 1);
  EXPECT_EQ(objects[5].shape, Shape::cylinder);
  EXPECT_DOUBLE_EQ(objects[5].length, 1.5);
  EXPECT_EQ(objects[5].material, "Stainless-316");
  // Each mass is its shell's density x volume to the 0.1 kg the file prints.
  for (const auto& o : objects) {
    const Material& m = MaterialDatabase::embedded().material(o.material);
    EXPECT_NEAR(o.mass, m.density * material_volume(o), 0.05) << o.name;
    EXPECT_TRUE(o.children.empty());
  }
}

TEST(ObjectTree, ReadsATreeWithEachReleaseMode) {
  auto objects = load_objects_file(testing::source_path("examples/objects/small-satellite.yaml").string());
  ASSERT_EQ(objects.size(), 1u);
  const SpacecraftObject& bus = objects[0];
  EXPECT_EQ(bus.shape, Shape::box);
  EXPECT_DOUBLE_EQ(bus.breakup_altitude, 78e3);
  ASSERT_EQ(bus.children.size(), 4u);
  const SpacecraftObject& array = bus.children[0];
  EXPECT_EQ(array.shape, Shape::flat_plate);
  EXPECT_EQ(array.count, 2);
  EXPECT_EQ(array.release, Release::altitude);
  EXPECT_DOUBLE_EQ(array.release_altitude, 95e3);
  EXPECT_EQ(bus.children[1].release, Release::parent_breakup);
  const SpacecraftObject& battery = bus.children[3];
  EXPECT_TRUE(battery.mass_as_given);
  EXPECT_DOUBLE_EQ(battery.breakup_altitude, 70e3);
  ASSERT_EQ(battery.children.size(), 1u);
  EXPECT_EQ(battery.children[0].release, Release::parent_demise);
  EXPECT_EQ(battery.children[0].count, 48);
  // 57 + 2 x 11.1 + 10 + 3 x 45.2 + (18 + 48 x 0.12) kg; 1 + 2 + 1 + 3 + (1 + 48) objects.
  EXPECT_DOUBLE_EQ(total_mass(bus), 57 + 2 * 11.1 + 10 + 3 * 45.2 + (18 + 48 * 0.12));
  EXPECT_EQ(total_count(bus), 56);
}

// One valid sphere; each case below replaces or adds lines.
std::string sphere(const std::string& extra = "", const std::string& mass = "1.4556") {
  return "objects:\n"
         "  - name: ball\n"
         "    shape: sphere\n"
         "    diameter_m: 0.1\n"
         "    mass_kg: " +
         mass + "\n    material: Al-2024-T3\n" + extra;
}

ParseIssue issue(const std::string& yaml) {
  return issue_of([&] { (void)load_objects_text(yaml, "tree.yaml"); });
}

TEST(ObjectTree, ErrorsNameFileLineAndKey) {
  EXPECT_NO_THROW((void)load_objects_text(sphere(), "tree.yaml"));

  ParseIssue i = issue(sphere("    colour: red\n"));
  EXPECT_EQ(i.file, "tree.yaml");
  EXPECT_EQ(i.line, 7);
  EXPECT_EQ(i.field, "objects[0].colour");

  i = issue(sphere("    length_m: 2\n"));
  EXPECT_EQ(i.line, 7);
  EXPECT_EQ(i.field, "objects[0].length_m");
  EXPECT_NE(i.expected.find("its dimensions are diameter_m"), std::string::npos) << i.expected;

  i = issue("objects:\n  - name: ball\n    shape: sphere\n    diameter_m: 0.1\n    material: Al-2024-T3\n");
  EXPECT_EQ(i.field, "objects[0].mass_kg");
  EXPECT_EQ(i.found.rfind("nothing", 0), 0u) << i.found;

  i = issue("objects:\n  - name: ball\n    shape: cube\n");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "objects[0].shape");
  EXPECT_EQ(i.found, "cube");

  i = issue(sphere("", "-1"));
  EXPECT_EQ(i.line, 5);
  EXPECT_EQ(i.field, "objects[0].mass_kg");

  i = issue("objects:\n  - name: ball\n    shape: sphere\n    diameter_m: 0.1\n    mass_kg: 1\n"
            "    material: Adamantium\n");
  EXPECT_EQ(i.line, 6);
  EXPECT_EQ(i.field, "objects[0].material");
  EXPECT_NE(i.expected.find("Ti-6Al-4V"), std::string::npos);

  i = issue(sphere("", "1.7"));  // 17 % above density x volume
  EXPECT_EQ(i.line, 5);
  EXPECT_EQ(i.field, "objects[0].mass_kg");
  EXPECT_NE(i.expected.find("density x volume = 1.4556 kg within 10 %"), std::string::npos) << i.expected;
  // The message docs/demise.md shows.
  EXPECT_EQ(i.message(),
            "tree.yaml:5:14: objects[0].mass_kg: expected a mass in [1.31004, 1.60117] kg (solid sphere of Al-2024-T3: "
            "density x volume = 1.4556 kg within 10 % (give wall_thickness_m for a hollow object, or mass_as_given: "
            "true for a lumped one)), found '1.7'");
  EXPECT_NO_THROW((void)load_objects_text(sphere("    mass_as_given: true\n", "1.7"), "tree.yaml"));

  i = issue(sphere("    wall_thickness_m: 0.05\n"));
  EXPECT_EQ(i.line, 7);
  EXPECT_EQ(i.field, "objects[0].wall_thickness_m");

  i = issue(sphere("    release: parent_demise\n"));
  EXPECT_EQ(i.field, "objects[0].release");

  i = issue("objects: []\n");
  EXPECT_EQ(i.field, "objects");
  i = issue(sphere() + "start: {}\n");
  EXPECT_EQ(i.field, "start");
  EXPECT_THROW((void)load_objects_file("/no/such/objects.yaml"), InputError);
}

TEST(ObjectTree, ReadsTheEntryMapping) {
  ObjectsFile none = load_objects_document_text(sphere(), "tree.yaml");
  EXPECT_FALSE(none.entry.altitude || none.entry.speed || none.entry.flight_path_angle || none.entry.latitude ||
               none.entry.longitude || none.entry.azimuth);
  EXPECT_FALSE(load_objects_document_text(sphere() + "entry: {}\n", "tree.yaml").entry.altitude);

  ObjectsFile f = load_objects_document_text(sphere() +
                                                 "entry:\n  altitude_km: 120\n  speed_mps: 7400\n"
                                                 "  flight_path_angle_deg: -0.5\n  latitude_deg: 30\n"
                                                 "  longitude_deg: -45\n  azimuth_deg: 135\n",
                                             "tree.yaml");
  EXPECT_EQ(f.objects.size(), 1u);
  EXPECT_DOUBLE_EQ(*f.entry.altitude, 120e3);
  EXPECT_DOUBLE_EQ(*f.entry.speed, 7400.0);
  EXPECT_DOUBLE_EQ(*f.entry.flight_path_angle, -0.5 * constants::deg);
  EXPECT_DOUBLE_EQ(*f.entry.latitude, 30 * constants::deg);
  EXPECT_DOUBLE_EQ(*f.entry.longitude, -45 * constants::deg);
  EXPECT_DOUBLE_EQ(*f.entry.azimuth, 135 * constants::deg);
  // Partial: the rest stays for the command's defaults.
  f = load_objects_document_text(sphere() + "entry: {altitude_km: 100}\n", "tree.yaml");
  EXPECT_DOUBLE_EQ(*f.entry.altitude, 100e3);
  EXPECT_FALSE(f.entry.speed);

  ParseIssue i = issue(sphere() + "entry:\n  altitude_km: 122\n  speed_kmps: 7.8\n");
  EXPECT_EQ(i.file, "tree.yaml");
  EXPECT_EQ(i.line, 9);
  EXPECT_EQ(i.field, "entry.speed_kmps");
  EXPECT_NE(i.expected.find("speed_mps"), std::string::npos) << i.expected;  // the known keys are listed
  i = issue(sphere() + "entry:\n  latitude_deg: 95\n");
  EXPECT_EQ(i.line, 8);
  EXPECT_EQ(i.field, "entry.latitude_deg");
  EXPECT_EQ(i.found, "95");
  i = issue(sphere() + "entry: 122\n");
  EXPECT_EQ(i.field, "entry");
}

TEST(ObjectTree, ChildReleaseErrors) {
  const std::string child = "    children:\n"
                            "      - name: panel\n"
                            "        shape: flat_plate\n"
                            "        length_m: 1\n"
                            "        width_m: 1\n"
                            "        thickness_m: 0.001\n"
                            "        mass_kg: 2.78\n"
                            "        material: Al-2024-T3\n";
  auto tree = load_objects_text(sphere(child), "tree.yaml");
  EXPECT_EQ(tree[0].children[0].release, Release::parent_breakup);

  ParseIssue i = issue(sphere(child + "        release: altitude\n"));
  EXPECT_EQ(i.field, "objects[0].children[0].release_altitude_km");
  i = issue(sphere(child + "        release: parent_demise\n        release_altitude_km: 90\n"));
  EXPECT_EQ(i.line, 16);
  EXPECT_EQ(i.field, "objects[0].children[0].release_altitude_km");
  i = issue(sphere(child + "        release: later\n"));
  EXPECT_EQ(i.field, "objects[0].children[0].release");
  i = issue(sphere(child + "        wall_thickness_m: 0.0001\n"));
  EXPECT_EQ(i.field, "objects[0].children[0].wall_thickness_m");
  tree = load_objects_text(sphere(child + "        release_altitude_km: 92.5\n"), "tree.yaml");
  EXPECT_EQ(tree[0].children[0].release, Release::altitude);
  EXPECT_DOUBLE_EQ(tree[0].children[0].release_altitude, 92.5e3);
}

}  // namespace
}  // namespace deorbit

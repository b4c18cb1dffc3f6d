// End-to-end: `deorbit demise` writes demise.json (keys, totals consistent with the objects and with the risk
// functions), the plots and the summary; takes the entry from options, the objects file and defaults, and the
// inclination from an option or an orbit file; refuses bad input with the file, line and key.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "deorbit/base/constants.h"
#include "deorbit/risk/casualty_area.h"
#include "deorbit/risk/expected_casualties.h"
#include "deorbit/risk/population_grid.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;
using nlohmann::json;
namespace constants = deorbit::constants;

std::string out_dir(const std::string& name) { return deorbit::testing::fresh_output_dir(name); }
json read_json(const std::string& path) { return deorbit::testing::read_json_file(path); }

std::string example(const std::string& name) {
  return deorbit::testing::source_path("examples/objects/" + name).string();
}

// The survivors of a report as the risk functions take them.
std::vector<deorbit::SurvivingObject> survivors_of(const json& j) {
  std::vector<deorbit::SurvivingObject> out;
  for (const auto& o : j["objects"])
    if (!o["demised"].get<bool>())
      out.push_back({o["path"], o["surviving_mass_kg"], o["cross_section_m2"], o["impact_speed_mps"], o["count"]});
  return out;
}

// Every object's keys, and the totals against the objects: the surviving mass is the sum over them of count x the
// mass of one copy, each casualty area (of one copy) is casualty_area() of its mass, cross-section and impact speed.
void expect_consistent(const json& j) {
  double mass = 0, area = 0;
  for (const auto& o : j["objects"]) {
    SCOPED_TRACE(o["path"].get<std::string>());
    for (const char* key : {"name", "path", "count", "material", "demised", "demise_altitude_km", "surviving_mass_kg",
                            "impact_speed_mps", "kinetic_energy_j", "casualty_area_m2", "cross_section_m2",
                            "max_temperature_k"})
      EXPECT_TRUE(o.contains(key)) << key;
    const double count = o["count"].get<double>();
    if (o["demised"].get<bool>()) {
      EXPECT_TRUE(o["demise_altitude_km"].is_number());
      EXPECT_TRUE(o["surviving_mass_kg"].is_null());
      EXPECT_TRUE(o["impact_speed_mps"].is_null());
      EXPECT_TRUE(o["kinetic_energy_j"].is_null());
      EXPECT_EQ(o["casualty_area_m2"].get<double>(), 0.0);
      continue;
    }
    EXPECT_TRUE(o["demise_altitude_km"].is_null());
    const deorbit::SurvivingObject s{o["path"], o["surviving_mass_kg"], o["cross_section_m2"], o["impact_speed_mps"],
                                     o["count"]};
    EXPECT_DOUBLE_EQ(o["kinetic_energy_j"].get<double>(), deorbit::impact_kinetic_energy(s));
    EXPECT_EQ(o["casualty_area_m2"].get<double>(), deorbit::casualty_area(s));
    mass += count * o["surviving_mass_kg"].get<double>();
    area += count * o["casualty_area_m2"].get<double>();
  }
  EXPECT_NEAR(j["surviving_mass_kg"].get<double>(), mass, 1e-12 * j["initial_mass_kg"].get<double>());
  EXPECT_NEAR(j["surviving_fraction"].get<double>(), mass / j["initial_mass_kg"].get<double>(), 1e-12);
  EXPECT_NEAR(j["total_casualty_area_m2"].get<double>(), area, 1e-12 * area);
  const auto survivors = survivors_of(j);
  EXPECT_NEAR(j["total_casualty_area_m2"].get<double>(), deorbit::total_casualty_area(survivors), 1e-12 * area);
  EXPECT_NEAR(j["surviving_mass_kg"].get<double>(), deorbit::surviving_mass(survivors), 1e-12 * mass);
}

TEST(DemiseCli, SmallSatelliteReportIsConsistent) {
  const std::string dir = out_dir("demise-small");
  CommandResult r = run_deorbit("demise " + example("small-satellite.yaml") + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json j = read_json(dir + "/demise.json");
  // bus, solar array, propellant tank, reaction wheel, battery; 57 + 2 x 11.1 + 10 + 3 x 45.2 + 18 + 48 x 0.12 kg.
  // At this entry the battery lands whole, its 48 cells (released only when it demises) inside it: they are its
  // carried mass, not objects of their own.
  ASSERT_EQ(j["objects"].size(), 5u);
  EXPECT_NEAR(j["initial_mass_kg"].get<double>(), 248.56, 1e-9);
  EXPECT_EQ(j["objects"][1]["path"], "bus / solar array");
  EXPECT_EQ(j["objects"][1]["count"], 2);
  EXPECT_EQ(j["objects"][4]["path"], "bus / battery");
  EXPECT_NEAR(j["objects"][4]["carried_mass_kg"].get<double>(), 48 * 0.12, 1e-9);
  EXPECT_EQ(j["objects"][3]["material"], "Stainless-304");
  expect_consistent(j);
  // No inclination: no expected casualties, and the report says why.
  EXPECT_TRUE(j["expected_casualties"].is_null());
  EXPECT_TRUE(j["probability_of_casualty"].is_null());
  EXPECT_TRUE(j["inclination_deg"].is_null());
  EXPECT_NE(j["risk_note"].get<std::string>().find("--inclination-deg"), std::string::npos);
  // The defaults: 122 km, -0.1 deg, equator heading east at the circular speed less the Earth's rotation there.
  const json& e = j["entry"];
  EXPECT_EQ(e["altitude_km"].get<double>(), 122.0);
  EXPECT_NEAR(e["flight_path_angle_deg"].get<double>(), -0.1, 1e-12);
  EXPECT_NEAR(e["azimuth_deg"].get<double>(), 90.0, 1e-12);
  const double r_entry = constants::wgs84_a + 122e3;
  const double v_circular = std::sqrt(constants::mu_earth / r_entry);
  const double w = constants::earth_rotation_rate * r_entry;
  EXPECT_NEAR(e["inertial_speed_mps"].get<double>(), v_circular, 1e-6);
  // Eastwards the rotation subtracts whole; the -0.1 deg slope changes the speed by v (1 - cos) ~ 1e-5 m/s.
  EXPECT_NEAR(e["speed_mps"].get<double>(), v_circular - w, 1e-3);
  for (const char* plot : {"altitude.svg", "temperature.svg"})
    EXPECT_GT(std::filesystem::file_size(dir + "/" + plot), 1000u) << plot;
  // The summary: the survivors' table and the totals.
  EXPECT_NE(r.out.find("bus / reaction wheel"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("surviving mass"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected casualties: not computed"), std::string::npos) << r.out;
}

TEST(DemiseCli, SimpleSpheresExpectedCasualtiesFromTheInclination) {
  const std::string dir = out_dir("demise-spheres");
  CommandResult r = run_deorbit("demise " + example("simple-spheres.yaml") +
                                " --inclination-deg 51.6 --year 2030 --plot-format png -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json j = read_json(dir + "/demise.json");
  ASSERT_EQ(j["objects"].size(), 6u);
  expect_consistent(j);
  EXPECT_EQ(j["inclination_deg"].get<double>(), 51.6);
  EXPECT_EQ(j["population_year"].get<double>(), 2030.0);
  const double growth = deorbit::world_population_growth(2030);
  EXPECT_EQ(j["population_growth_factor"].get<double>(), growth);
  EXPECT_NE(j["population"].get<std::string>().find("GPWv4"), std::string::npos);
  // E_c of the report's survivors over the embedded grid, recomputed here.
  const auto risk = deorbit::uncontrolled_casualty_risk(survivors_of(j), deorbit::PopulationGrid::embedded(),
                                                        51.6 * constants::deg, growth);
  ASSERT_GT(risk.expected_casualties, 0.0);
  EXPECT_NEAR(j["expected_casualties"].get<double>(), risk.expected_casualties, 1e-12 * risk.expected_casualties);
  EXPECT_NEAR(j["probability_of_casualty"].get<double>(), 1 - std::exp(-risk.expected_casualties),
              1e-12 * risk.expected_casualties);
  EXPECT_NEAR(j["population_density_per_km2"].get<double>(), risk.density * 1e6, 1e-12 * risk.density * 1e6);
  // The heading of the orbit's northbound equator crossing, 90 - i inertial, and the circular inertial speed; the
  // relative speed by the law of cosines, sqrt(v^2 + w^2 - 2 v w sin(90 - i)) (the -0.1 deg slope is below 0.01 m/s).
  const json& e = j["entry"];
  EXPECT_NEAR(e["inertial_azimuth_deg"].get<double>(), 90.0 - 51.6, 1e-9);
  const double r_entry = constants::wgs84_a + 122e3;
  const double v = std::sqrt(constants::mu_earth / r_entry);
  const double w = constants::earth_rotation_rate * r_entry;
  EXPECT_NEAR(e["inertial_speed_mps"].get<double>(), v, 1e-6);
  EXPECT_NEAR(e["speed_mps"].get<double>(), std::sqrt(v * v + w * w - 2 * v * w * std::sin((90 - 51.6) * constants::deg)),
              0.01);
  for (const char* plot : {"altitude.png", "temperature.png"})
    EXPECT_TRUE(std::filesystem::exists(dir + "/" + plot)) << plot;
  EXPECT_NE(r.out.find("expected casualties"), std::string::npos) << r.out;
}

TEST(DemiseCli, EntryFromTheObjectsFileWithOptionsOnTop) {
  std::ifstream in(example("simple-spheres.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string file = deorbit::testing::write_temp_file(
      "demise_entry.yaml", text + "entry: {altitude_km: 110, speed_mps: 7400, latitude_deg: 20, azimuth_deg: 45}\n");
  const std::string dir = out_dir("demise-entry");
  CommandResult r = run_deorbit("demise " + file + " --azimuth-deg 60 --flight-path-angle-deg -1 -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json e = read_json(dir + "/demise.json")["entry"];
  EXPECT_EQ(e["altitude_km"].get<double>(), 110.0);
  EXPECT_EQ(e["speed_mps"].get<double>(), 7400.0);
  EXPECT_NEAR(e["latitude_deg"].get<double>(), 20.0, 1e-12);
  EXPECT_NEAR(e["azimuth_deg"].get<double>(), 60.0, 1e-12);  // the option wins over the file
  EXPECT_NEAR(e["flight_path_angle_deg"].get<double>(), -1.0, 1e-12);
  EXPECT_NEAR(e["longitude_deg"].get<double>(), 0.0, 1e-12);  // neither: the default
  EXPECT_EQ(e["speed_rule"], "the objects file's entry");
  EXPECT_EQ(e["azimuth_rule"], "--azimuth-deg");
}

TEST(DemiseCli, InclinationAndYearFromAnOrbitFile) {
  const std::string spheres = example("simple-spheres.yaml");
  // OPM: the ISS state of 2025-01-01T12:00Z.
  std::string dir = out_dir("demise-opm");
  CommandResult r = run_deorbit("demise " + spheres + " --opm " +
                                deorbit::testing::source_path("examples/orekit/iss-2025-01-01.opm").string() + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  json j = read_json(dir + "/demise.json");
  EXPECT_NEAR(j["inclination_deg"].get<double>(), 51.6, 0.1);
  EXPECT_NEAR(j["population_year"].get<double>(), 2025.0 + 0.5 / 365, 1e-6);
  EXPECT_TRUE(j["expected_casualties"].is_number());
  // OMM (CelesTrak JSON): the latest of 499 element sets, 2025-03-09, inclination 51.6366 deg.
  dir = out_dir("demise-omm");
  r = run_deorbit("demise " + spheres + " --omm " +
                  deorbit::testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json").string() + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  j = read_json(dir + "/demise.json");
  EXPECT_NEAR(j["inclination_deg"].get<double>(), 51.6366, 1e-9);
  EXPECT_NEAR(j["population_year"].get<double>(), 2025.0 + (31 + 28 + 8.39) / 365, 1e-3);
  // TLE: element sets of 1998 to 2004 (the last, 2004-12-31, inclination 51.6399 deg), before the population rule's
  // 2020: the grid's year stands, with a warning; --year chooses another.
  const std::string tle = deorbit::testing::test_data("tle/iss/iss_1998-11_to_2004-12_sample.tle").string();
  dir = out_dir("demise-tle");
  r = run_deorbit("demise " + spheres + " --tle " + tle + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.err.find("give --year"), std::string::npos) << r.err;
  j = read_json(dir + "/demise.json");
  EXPECT_NEAR(j["inclination_deg"].get<double>(), 51.6399, 1e-9);
  EXPECT_EQ(j["population_year"].get<double>(), 2020.0);
  EXPECT_EQ(j["population_growth_factor"].get<double>(), 1.0);
  r = run_deorbit("demise " + spheres + " --tle " + tle + " --year 2030 -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(read_json(dir + "/demise.json")["population_year"].get<double>(), 2030.0);
}

// The example of docs/demise.md, to the precision it prints: the small satellite on the ISS's northbound equator
// crossing (population of 2030), and the battery's fate at the two default entries.
TEST(DemiseCli, DocumentedExample) {
  const std::string dir = out_dir("demise-doc");
  CommandResult r = run_deorbit("demise " + example("small-satellite.yaml") + " --inclination-deg 51.6 --year 2030 -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  json j = read_json(dir + "/demise.json");
  EXPECT_NEAR(j["surviving_mass_kg"].get<double>(), 158.74, 0.02);
  EXPECT_NEAR(j["total_casualty_area_m2"].get<double>(), 26.926, 0.002);
  EXPECT_NEAR(j["expected_casualties"].get<double>(), 0.000522, 0.000001);
  EXPECT_NEAR(j["entry"]["speed_mps"].get<double>(), 7545.6, 0.1);
  const json& battery = j["objects"][4];
  ASSERT_EQ(battery["path"], "bus / battery");
  ASSERT_TRUE(battery["demised"].get<bool>());
  EXPECT_NEAR(battery["demise_altitude_km"].get<double>(), 31.7, 0.1);
  // Heading east over the equator (7356.8 m/s relative) the battery survives.
  r = run_deorbit("demise " + example("small-satellite.yaml") + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  j = read_json(dir + "/demise.json");
  EXPECT_NEAR(j["entry"]["speed_mps"].get<double>(), 7356.8, 0.1);
  ASSERT_FALSE(j["objects"][4]["demised"].get<bool>());
  // 3.378 kg of the box and its 48 cells of 0.12 kg inside it.
  EXPECT_NEAR(j["objects"][4]["surviving_mass_kg"].get<double>(), 3.378 + 5.76, 0.002);
  EXPECT_NEAR(j["objects"][4]["carried_mass_kg"].get<double>(), 5.76, 1e-9);
  EXPECT_EQ(j["objects"].size(), 5u);
}

// --population replaces the grid: over a uniform population density rho, E_c = A_c rho whatever the inclination
// (the whole globe in two cells of 4e9 people; 2020: no growth).
TEST(DemiseCli, PopulationFileReplacesTheGrid) {
  const std::string grid = deorbit::testing::write_temp_file(
      "demise_uniform.asc", "ncols 2\nnrows 1\nxllcorner -180\nyllcorner -90\ncellsize 180\n4e9 4e9\n");
  const std::string dir = out_dir("demise-population");
  CommandResult r = run_deorbit("demise " + example("simple-spheres.yaml") + " --inclination-deg 97.4 --year 2020" +
                                " --population " + grid + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json j = read_json(dir + "/demise.json");
  EXPECT_NE(j["population"].get<std::string>().find(grid), std::string::npos);
  EXPECT_EQ(j["population_growth_factor"].get<double>(), 1.0);
  const double rho = 8e9 / deorbit::ellipsoid_band_area(-constants::pi / 2, constants::pi / 2, 2 * constants::pi);
  const double area = j["total_casualty_area_m2"].get<double>();
  ASSERT_GT(area, 0.0);
  EXPECT_NEAR(j["expected_casualties"].get<double>(), area * rho, 1e-12 * area * rho);
}

std::string objects_with(const std::string& line) {
  return "objects:\n  - name: ball\n    shape: sphere\n    diameter_m: 0.1\n    mass_kg: 1.4556\n" + line;
}

TEST(DemiseCli, BadInputNamesFileLineAndKey) {
  const std::string dir = out_dir("demise-bad");
  std::string file = deorbit::testing::write_temp_file("demise_bad_material.yaml", objects_with("    material: Unobtainium\n"));
  CommandResult r = run_deorbit("demise " + file + " -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(file + ":6:15: objects[0].material"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/demise.json"));

  file = deorbit::testing::write_temp_file("demise_bad_key.yaml",
                                           objects_with("    material: Al-2024-T3\n    colour: red\n"));
  r = run_deorbit("demise " + file + " -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(file + ":7:5: objects[0].colour"), std::string::npos) << r.err;

  file = deorbit::testing::write_temp_file("demise_bad_entry.yaml",
                                           objects_with("    material: Al-2024-T3\nentry:\n  speed_kmps: 7.8\n"));
  r = run_deorbit("demise " + file + " -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(file + ":8:3: entry.speed_kmps"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("speed_mps"), std::string::npos) << r.err;  // the known keys are listed

  // A missing file is named (a command-line error, as for the other commands' files).
  r = run_deorbit("demise /no/such/objects.yaml -o " + dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such/objects.yaml"), std::string::npos) << r.err;

  const std::string spheres = example("simple-spheres.yaml");
  r = run_deorbit("demise " + spheres + " --inclination-deg 30 --latitude-deg 40 -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("beyond the reach of an orbit of inclination 30"), std::string::npos) << r.err;
  r = run_deorbit("demise " + spheres + " --inclination-deg 51.6 --year 2019 -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--year"), std::string::npos) << r.err;
  r = run_deorbit("demise " + spheres + " --entry-altitude-km 0 -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--entry-altitude-km"), std::string::npos) << r.err;
  r = run_deorbit("demise " + spheres + " --inclination-deg 51.6 --opm " +
                  deorbit::testing::source_path("examples/orekit/iss-2025-01-01.opm").string() + " -o " + dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("excludes"), std::string::npos) << r.err;
}

}  // namespace

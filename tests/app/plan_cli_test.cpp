// End-to-end: `deorbit plan` runs a scenario to report.json and the other outputs, explains a scenario, refuses bad
// input with the file and line, and says when a plan is infeasible.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/times.h>
#include <unistd.h>

#include "deorbit/orbit/oem.h"
#include "app/quick_scenario.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::kQuick;

using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;
using nlohmann::json;

std::string out_dir(const std::string& name) { return deorbit::testing::fresh_output_dir(name); }
json read_json(const std::string& path) { return deorbit::testing::read_json_file(path); }


// The whole chain (burns, scan of the final ignition, descents): 0.4 s optimised, about 20 s under the sanitizers.
// The contingencies (1.4 s more here: the missed burn decays for 10.6 days; contingency_cli_test.cpp) are skipped.
TEST(PlanCli, WritesTheReportAndOutputs) {
  std::string scenario = deorbit::testing::write_temp_file("quick.yaml", kQuick);
  std::string dir = out_dir("plan-quick");
  CommandResult r = run_deorbit("plan " + scenario + " --no-contingencies -o " + dir);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 4) << r.err << r.out;
  EXPECT_NE(r.out.find("verdict: "), std::string::npos) << r.out;
  json j = read_json(dir + "/report.json");
  ASSERT_TRUE(j["feasible"].get<bool>()) << j["verdict"];
  for (const char* key : {"inside_target_zone", "min_margin_km", "footprint", "burns", "breakup", "impacts"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_TRUE(j["inside_target_zone"].is_boolean());
  EXPECT_TRUE(j["min_margin_km"].is_number());
  EXPECT_TRUE(j["footprint"]["length_km"].is_number());
  EXPECT_TRUE(j["footprint"]["width_km"].is_number());
  ASSERT_EQ(j["burns"].size(), 2u);
  for (const auto& b : j["burns"])
    for (const char* key : {"start_utc", "duration_s", "delta_v_mps", "propellant_kg"}) EXPECT_TRUE(b.contains(key)) << key;
  EXPECT_NEAR(j["burns"][0]["perigee_after_km"].get<double>(), 200.0, 0.1);
  for (const char* key : {"epoch_utc", "lat_deg", "lon_deg"}) EXPECT_TRUE(j["breakup"].contains(key)) << key;
  EXPECT_NEAR(j["breakup"]["altitude_km"].get<double>(), 78.0, 0.01);
  ASSERT_EQ(j["impacts"].size(), 2u);
  for (const auto& i : j["impacts"])
    for (const char* key : {"lat_deg", "lon_deg", "epoch_utc", "speed_mps", "mass_kg"}) EXPECT_TRUE(i.contains(key)) << key;
  // Propellant bookkeeping in the report.
  double used = 0;
  for (const auto& b : j["burns"]) used += b["propellant_kg"].get<double>();
  EXPECT_NEAR(j["propellant_used_kg"].get<double>(), used, 1e-6);
  EXPECT_NEAR(j["propellant_left_kg"].get<double>(), 2000.0 - used, 1e-6);
  for (const char* f : {"footprint.geojson", "trajectory.czml", "trajectory.oem", "altitude.svg"})
    EXPECT_TRUE(std::filesystem::exists(dir + "/" + f)) << f;
  json geo = read_json(dir + "/footprint.geojson");
  EXPECT_EQ(geo["type"], "FeatureCollection");
  json czml = read_json(dir + "/trajectory.czml");
  EXPECT_EQ(czml[0]["id"], "document");
  // The OEM parses back (CCSDS reader) and runs from the start to the breakup.
  const deorbit::Oem oem = deorbit::read_oem_file(dir + "/trajectory.oem");
  ASSERT_EQ(oem.segments.size(), 1u);
  ASSERT_GT(oem.segments[0].states.size(), 10u);
  EXPECT_EQ(oem.segments[0].frame, deorbit::Frame::GCRF);
  EXPECT_NEAR(oem.segments[0].states.back().epoch - deorbit::Epoch::from_iso(j["breakup"]["epoch_utc"].get<std::string>()),
              0.0, 1e-3);
}

// The quick scenario with an object tree instead of fragments: the tree is flown with heating from the breakup
// state (its first release, the arrays' 95 km), only survivors land, and the report carries the demise and the
// casualty risk.
TEST(PlanCli, ObjectTreeIsFlownWithDemiseAndRisk) {
  std::string text = kQuick;
  const std::string tree = deorbit::testing::source_path("examples/objects/small-satellite.yaml");
  text.replace(text.find("fragments:"), text.find("target_zone:") - text.find("fragments:"),
               "objects_file: " + tree + "\n");
  // Lowered to 160 km, so that the contingencies' missed burn decays in days, not weeks (the sanitizer build).
  const std::string lowering = "target_perigees_km: [200]";
  text.replace(text.find(lowering), lowering.size(), "target_perigees_km: [160]");
  std::string scenario = deorbit::testing::write_temp_file("quick-tree.yaml", text);
  std::string dir = out_dir("plan-tree");
  CommandResult r = run_deorbit("plan " + scenario + " -o " + dir);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 4) << r.err << r.out;
  EXPECT_NE(r.out.find("demise: "), std::string::npos) << r.out;
  json j = read_json(dir + "/report.json");
  ASSERT_TRUE(j["feasible"].get<bool>()) << j["verdict"];
  EXPECT_NEAR(j["breakup"]["altitude_km"].get<double>(), 95.0, 0.01);  // the arrays leave first
  const json& d = j["demise"];
  double initial = 0, surviving = 0;
  int survivors = 0;
  for (const auto& o : d["objects"]) {
    initial += o["count"].get<double>() * o["initial_mass_kg"].get<double>();
    if (!o["demised"].get<bool>()) {
      surviving += o["count"].get<double>() * o["surviving_mass_kg"].get<double>();
      ++survivors;
      EXPECT_TRUE(o.contains("casualty_area_m2")) << o;
    } else {
      EXPECT_TRUE(o.contains("demise_altitude_km")) << o;
    }
  }
  EXPECT_NEAR(d["initial_mass_kg"].get<double>(), initial, 1e-6);
  EXPECT_NEAR(d["surviving_mass_kg"].get<double>(), surviving, 1e-6);
  ASSERT_GT(survivors, 0);
  EXPECT_EQ(static_cast<int>(j["impacts"].size()), survivors);  // impacts are the survivors'
  const json& risk = j["casualty_risk"];
  for (const char* key : {"expected_casualties", "probability_of_casualty", "total_casualty_area_m2",
                          "min_distance_to_foreign_land_km", "min_distance_to_antarctica_km", "requirements"})
    EXPECT_TRUE(risk.contains(key)) << key;
  EXPECT_GE(risk["expected_casualties"].get<double>(), 0.0);
  // The contingencies fly the tree too: the missed burn's survivors come from the tree flown from the decay's end
  // (a shallower entry than the plan's, so not the same mass), and every re-entering cut-off lands tree survivors.
  const json& c = j["contingencies"];
  ASSERT_TRUE(c.is_object());
  const double missed_mass = c["missed_burn"]["surviving_mass_kg"].get<double>();
  EXPECT_GT(missed_mass, 0.0);
  EXPECT_LE(missed_mass, d["initial_mass_kg"].get<double>());
  EXPECT_GT(c["missed_burn"]["casualty_area_m2"].get<double>(), 0.0);
  EXPECT_EQ(c["premature_cutoff"].back()["impacts"].get<int>(), survivors);  // all above 15 J here
  // --explain writes the tree back as objects_file with the demise section, and no breakup section.
  CommandResult e = run_deorbit("plan " + scenario + " --explain");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("objects_file:"), std::string::npos) << e.out;
  EXPECT_NE(e.out.find("oxidation_factor: 1"), std::string::npos) << e.out;
  EXPECT_EQ(e.out.find("\nbreakup:"), std::string::npos) << e.out;  // top level (dispersions has its own)
}

TEST(PlanCli, ExplainPrintsEveryDefault) {
  CommandResult r = run_deorbit("plan --explain");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* key : {"target_perigees_km:", "max_burn_duration_s:", "final_window_h:", "objects_file: \"embedded:iss.yaml\"",
                          "perigee_tolerance_m:", "attitude: retrograde", "default: south-pacific", "trajectory_step_s:"})
    EXPECT_NE(r.out.find(key), std::string::npos) << key;
}

// A table given with --space-weather is the only one read: no word of the embedded table (it used to be loaded, and
// warned about, before the override replaced it). Without one, the embedded table says so once.
TEST(PlanCli, SpaceWeatherFromTheCommandLineIsTheOnlyTableRead) {
  const std::string sw = deorbit::testing::test_data("spaceweather/SW-All_2025-03-23.csv").string();
  CommandResult r = run_deorbit("plan --explain --space-weather " + sw);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("space_weather_file: \"" + sw + "\""), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("embedded"), std::string::npos) << r.err;
  r = run_deorbit("plan --explain");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t first = r.err.find("no space-weather table given");
  ASSERT_NE(first, std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("no space-weather table given", first + 1), std::string::npos) << r.err;
}

// examples/iss-progress.yaml: three Progress MS cannot bring the 452 t stack down. Independent check of the burns'
// mass flow: the two lowering burns' delta-v equals the rocket equation for the propellant they used (Isp 302 s),
// and all 2,640 kg would give 17.3 m/s. Measured: 7.639 + 7.491 m/s, 2,304.0 kg used, 336.0 kg left.
TEST(PlanCli, ProgressExampleRunsOutOfPropellantAndSaysWhere) {
  const std::string dir = out_dir("plan-progress");
  CommandResult r = run_deorbit("plan " + deorbit::testing::source_path("examples/iss-progress.yaml").string() +
                                " -o " + dir);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  json j = read_json(dir + "/report.json");
  EXPECT_FALSE(j["feasible"].get<bool>());
  ASSERT_EQ(j["burns"].size(), 2u);
  EXPECT_NEAR(j["burns"][0]["delta_v_mps"].get<double>(), 7.639, 0.002);
  EXPECT_NEAR(j["burns"][1]["delta_v_mps"].get<double>(), 7.491, 0.002);
  const double used = j["propellant_used_kg"].get<double>(), left = j["propellant_left_kg"].get<double>();
  EXPECT_NEAR(used + left, 2640.0, 1e-6);
  EXPECT_NEAR(left, 336.0, 0.5);
  const double m0 = 430000.0 + 3 * (6500.0 + 880.0), ve = 302.0 * 9.80665;
  EXPECT_NEAR(j["total_delta_v_mps"].get<double>(), ve * std::log(m0 / (m0 - used)), 0.01);
  EXPECT_NEAR(ve * std::log(m0 / (m0 - 2640.0)), 17.34, 0.01);
  EXPECT_NE(j["verdict"].get<std::string>().find("not enough propellant for burn 'final': 336 kg left give 112 s"),
            std::string::npos) << j["verdict"];
}

TEST(PlanCli, BadScenarioNamesFileLineAndKey) {
  std::string text = kQuick;
  text.replace(text.find("mass_kg: 20000"), 14, "mass_lb: 20000");
  std::string scenario = deorbit::testing::write_temp_file("bad.yaml", text);
  CommandResult r = run_deorbit("plan " + scenario + " -o " + out_dir("plan-bad"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(scenario + ":5:"), std::string::npos) << r.err;
  // The required mass_kg is missing; the message shows the misspelt key beside it.
  EXPECT_NE(r.err.find("station.mass_kg"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mass_lb"), std::string::npos) << r.err;
}

// A vehicle without enough propellant: the verdict says so (the chain stops at the first burn).
TEST(PlanCli, InfeasiblePlanSaysWhy) {
  std::string text = kQuick;
  text.replace(text.find("propellant_kg: 2000"), 19, "propellant_kg: 20");
  std::string scenario = deorbit::testing::write_temp_file("short.yaml", text);
  std::string dir = out_dir("plan-short");
  CommandResult r = run_deorbit("plan " + scenario + " -o " + dir);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.out.find("NOT FEASIBLE"), std::string::npos) << r.out;
  json j = read_json(dir + "/report.json");
  EXPECT_FALSE(j["feasible"].get<bool>());
  EXPECT_FALSE(j["inside_target_zone"].get<bool>());
  EXPECT_NE(j["verdict"].get<std::string>().find("not enough propellant"), std::string::npos) << j["verdict"];
}

// An entry angle range that no final ignition meets: infeasible, and the verdict names the constraint and the angles
// the candidates had; a feasible plan's report carries the angle the planner located and the goal.
TEST(PlanCli, EntryAngleRangeNoIgnitionMeetsIsInfeasibleAndNamed) {
  std::string text = kQuick;
  text.replace(text.find("  final_perigee_km: 20\n"), 23, "  final_perigee_km: 20\n  entry_flight_path_deg: [5, 10]\n");
  std::string dir = out_dir("plan-angle");
  CommandResult r = run_deorbit("plan " + deorbit::testing::write_temp_file("angle.yaml", text) + " -o " + dir);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  json j = read_json(dir + "/report.json");
  EXPECT_FALSE(j["feasible"].get<bool>());
  const std::string verdict = j["verdict"].get<std::string>();
  EXPECT_NE(verdict.find("the entry flight-path angle constraint"), std::string::npos) << verdict;
  EXPECT_NE(verdict.find("outside [5.00, 10.00] deg (entry_flight_path_deg)"), std::string::npos) << verdict;
  EXPECT_EQ(j["optimise"]["goal"], "margin");
}

// A given burn plan: the quick scenario's strategy replaced by burns, flown as they are; the report says so. Burns
// that overlap are bad input, named with the file and the burns.
TEST(PlanCli, GivenBurnsAreFlownAsTheyAre) {
  std::string text = kQuick;
  const std::size_t from = text.find("strategy:"), to = text.find("fragments:");
  text.replace(from, to - from,
               "burns:\n"
               "  - {name: lower, ignition_utc: 2031-01-15T00:30:00, duration_s: 120}\n"
               "  - {name: down, ignition_utc: 2031-01-15T03:00:00, delta_v_mps: 90}\n");
  std::string scenario = deorbit::testing::write_temp_file("given.yaml", text);
  std::string dir = out_dir("plan-given");
  CommandResult r = run_deorbit("plan " + scenario + " --no-contingencies -o " + dir);  // they have their own tests
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 4) << r.err << r.out;
  EXPECT_NE(r.out.find("burns flown as given"), std::string::npos) << r.out;
  json j = read_json(dir + "/report.json");
  ASSERT_TRUE(j["feasible"].get<bool>()) << j["verdict"];
  EXPECT_EQ(j["burn_plan"], "given");
  ASSERT_EQ(j["burns"].size(), 2u);
  EXPECT_EQ(j["burns"][0]["start_utc"], "2031-01-15T00:30:00.000Z");
  EXPECT_DOUBLE_EQ(j["burns"][0]["duration_s"].get<double>(), 120.0);
  EXPECT_TRUE(j["burns"][0]["target_perigee_km"].is_null());
  EXPECT_NEAR(j["burns"][1]["delta_v_mps"].get<double>(), 90.0, 1e-6);
  EXPECT_TRUE(j["burns"][1]["final"].get<bool>());
  EXPECT_LT(j["burns"][1]["perigee_after_km"].get<double>(), j["burns"][0]["perigee_after_km"].get<double>());
  for (const char* key : {"footprint", "breakup", "impacts", "min_margin_km"}) EXPECT_TRUE(j.contains(key)) << key;

  text.replace(text.find("duration_s: 120"), 15, "duration_s: 9999");
  std::string overlapping = deorbit::testing::write_temp_file("overlap.yaml", text);
  CommandResult bad = run_deorbit("plan " + overlapping + " -o " + out_dir("plan-overlap"));
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_NE(bad.err.find(overlapping), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("before burn 'lower' ends"), std::string::npos) << bad.err;
}

// The default scenario end to end (optimised build only: it is the product's first command). It must put every
// fragment inside the zone: exit 4 (infeasible, or a fragment outside) is a failure. The figures are those of
// docs/plan.md ("The default plan"). Their bounds: a build with FMA contraction (-march=native -ffp-contract=fast,
// every operation rounded differently) gives the same figures to 1e-6 km of margin, 1e-10 m/s and 1e-8 kg; the
// bounds (5 m, 0.01 m/s, 2 kg, the last the propellant of 0.01 m/s on the 460 t stack) leave room for another
// compiler or libm, far below any change of the planner or of the models that moves the plan.
TEST(PlanCliSlow, DefaultScenario) {
  std::string dir = out_dir("plan-default");
  tms before{};
  times(&before);
  CommandResult r = run_deorbit("plan -o " + dir);
  tms after{};
  times(&after);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  json j = read_json(dir + "/report.json");
  ASSERT_TRUE(j["feasible"].get<bool>()) << j["verdict"];
  EXPECT_TRUE(j["inside_target_zone"].get<bool>()) << j["verdict"];
  EXPECT_NEAR(j["min_margin_km"].get<double>(), 414.876, 0.005);
  EXPECT_NEAR(j["total_delta_v_mps"].get<double>(), 62.619, 0.01);
  EXPECT_NEAR(j["propellant_left_kg"].get<double>(), 6312.6, 2.0);
  ASSERT_EQ(j["burns"].size(), 3u);
  // The rest of the page's figures, at the precision it prints them.
  const double durations[] = {292.0, 287.0, 1796.0}, delta_vs[] = {7.63, 7.52, 47.48};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(j["burns"][i]["duration_s"].get<double>(), durations[i], 0.5) << i;
    EXPECT_NEAR(j["burns"][i]["delta_v_mps"].get<double>(), delta_vs[i], 0.005) << i;
  }
  EXPECT_NEAR(j["propellant_used_kg"].get<double>(), 9687.4, 0.05);
  EXPECT_NEAR(deorbit::Epoch::from_iso(j["burns"][2]["start_utc"].get<std::string>()) -
                  deorbit::Epoch::from_iso("2031-01-17T04:00:58Z"), 0.0, 1.0);
  EXPECT_NEAR(deorbit::Epoch::from_iso(j["breakup"]["epoch_utc"].get<std::string>()) -
                  deorbit::Epoch::from_iso("2031-01-17T04:37:48Z"), 0.0, 1.0);
  EXPECT_NEAR(j["breakup"]["lat_deg"].get<double>(), -45.86, 0.005);
  EXPECT_NEAR(j["breakup"]["lon_deg"].get<double>(), -132.39, 0.005);
  EXPECT_NEAR(j["footprint"]["length_km"].get<double>(), 1303.8, 0.5);
  // The ISS object tree: what survives, and its risk (docs/plan.md).
  EXPECT_NEAR(j["breakup"]["altitude_km"].get<double>(), 95.0, 1e-6);  // the arrays leave first
  EXPECT_NEAR(j["demise"]["surviving_fraction"].get<double>(), 0.2593, 0.0005);
  EXPECT_EQ(j["demise"]["objects_flown"].get<int>(), 104);
  EXPECT_NEAR(j["casualty_risk"]["total_casualty_area_m2"].get<double>(), 4866.8, 0.5);
  EXPECT_EQ(j["casualty_risk"]["expected_casualties"].get<double>(), 0.0);  // no people in the cells hit
  EXPECT_TRUE(j["casualty_risk"]["requirements"]["nasa_std_8719_14_4_7_1b_370_km_from_foreign_land"].get<bool>());
  EXPECT_NEAR(j["casualty_risk"]["min_distance_to_foreign_land_km"].get<double>(), 3287.0, 1.0);
  EXPECT_GE(j["impacts"].size(), 20u);
  // The contingencies of the final burn (docs/contingencies.md): the shortest safe burn is a point of the bisection's
  // 1/320 grid (0.759375, bracketed by the unsafe 0.75625), held to one grid step; the rest at about twice the last
  // printed digit of the page.
  const json& c = j["contingencies"];
  ASSERT_TRUE(c.is_object());
  EXPECT_NEAR(c["shortest_safe_fraction"].get<double>(), 0.7594, 0.0035);
  EXPECT_NEAR(c["shortest_safe_resolution"].get<double>(), 0.003125, 1e-9);
  const json& e = c["engine_out"];
  EXPECT_EQ(e["engines"], 29);
  EXPECT_NEAR(e["duration_s"].get<double>(), 1858.0, 0.5);
  EXPECT_NEAR(e["propellant_kg"].get<double>(), j["burns"][2]["propellant_kg"].get<double>(), 1e-6);
  EXPECT_NEAR(e["delta_v_mps"].get<double>(), 47.48, 0.005);
  EXPECT_NEAR(e["min_margin_km"].get<double>(), 297.8, 0.2);
  EXPECT_NEAR(e["along_track_extent_km"].get<double>(), 1308.3, 0.2);
  EXPECT_TRUE(e["safe"].get<bool>());
  EXPECT_FALSE(e["exceeds_max_burn_duration"].get<bool>());
  const json& m = c["missed_burn"];
  EXPECT_NEAR(m["lifetime_days"].get<double>(), 1.134, 0.002);
  EXPECT_NEAR(deorbit::Epoch::from_iso(m["window_start_utc"].get<std::string>()) -
                  deorbit::Epoch::from_iso("2031-01-18T04:01:30Z"), 0.0, 120.0);
  EXPECT_NEAR(deorbit::Epoch::from_iso(m["window_end_utc"].get<std::string>()) -
                  deorbit::Epoch::from_iso("2031-01-18T13:03:43Z"), 0.0, 120.0);
  EXPECT_NEAR(m["expected_casualties"].get<double>(), 0.0974, 0.0002);
  EXPECT_NEAR(m["casualty_area_m2"].get<double>(), 4983.3, 0.5);
  EXPECT_NEAR(m["max_failure_probability"].get<double>(), 1.027e-3, 0.002e-3);
  // Measured 0.33 s of wall clock on an idle core; 1 s is 3x.
  EXPECT_LT(c["run_time_s"].get<double>(), 1.0);
  // Run time as CPU time of the child (user + system), which the load of other processes on a shared machine
  // hardly moves, unlike the wall clock (run_time_s). Measured 3.1 s without the contingencies (docs/performance.md)
  // and 3.4 to 3.8 s with them; the bound, 7 s, is about 2x: room for a slower core and cache contention, while a
  // doubling of the planner's work still shows.
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double cpu_s =
      static_cast<double>((after.tms_cutime + after.tms_cstime) - (before.tms_cutime + before.tms_cstime)) / ticks;
  EXPECT_LT(cpu_s, 7.0) << "CPU time of `deorbit plan` " << cpu_s << " s (wall " << j["run_time_s"] << " s)";
}

}  // namespace

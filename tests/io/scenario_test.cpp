// Scenario files of `deorbit plan`: the embedded default reads, --explain round-trips, and every class of bad input
// is refused with the file, line and key.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/io/scenario.h"
#include "support/expect_error.h"

namespace deorbit {
namespace {

using testing::issue_of;

// A small valid scenario; each bad-input case replaces one line of it.
const std::string kGood =
    "name: test\n"                                             // 1
    "orbit:\n"                                                 // 2
    "  keplerian: {epoch_utc: 2031-01-15T00:00:00, perigee_height_km: 216, apogee_height_km: 224, "
    "inclination_deg: 51.64}\n"                                // 3
    "station: {mass_kg: 430000, drag_area_m2: 1525, drag_coefficient: 2.0}\n"  // 4
    "vehicles:\n"                                              // 5
    "  - name: USDV\n"                                         // 6
    "    dry_mass_kg: 14000\n"                                 // 7
    "    propellant_kg: 16000\n"                               // 8
    "    engines: [{name: Draco, thrust_n: 400, isp_s: 300, count: 30}]\n"  // 9
    "strategy:\n"                                              // 10
    "  target_perigees_km: [190, 160]\n"                       // 11
    "  final_perigee_km: 0\n"                                  // 12
    "breakup: {altitude_km: 78}\n"                             // 13
    "fragments:\n"                                             // 14
    "  - {name: panel, mass_kg: 20, ballistic_coefficient_kg_m2: 10}\n"     // 15
    "  - {name: tank, mass_kg: 50, area_m2: 0.1, drag_coefficient: 1.5, count: 3}\n"  // 16
    "target_zone: {default: south-pacific}\n";                 // 17

std::string with_line(int line, const std::string& text) {
  std::string out;
  int n = 1;
  std::size_t pos = 0;
  while (pos < kGood.size()) {
    std::size_t end = kGood.find('\n', pos);
    std::string l = kGood.substr(pos, end - pos);
    out += (n == line ? text : l) + "\n";
    pos = end + 1;
    ++n;
  }
  return out;
}

Scenario parse(const std::string& text) { return parse_scenario(text, "case.yaml", ""); }

TEST(Scenario, ReadsAValidFile) {
  Scenario s = parse(kGood);
  EXPECT_EQ(s.name, "test");
  EXPECT_EQ(s.orbit.kind, OrbitSource::Kind::Keplerian);
  EXPECT_DOUBLE_EQ(s.orbit.perigee_height, 216e3);
  EXPECT_NEAR(s.orbit.inclination, 51.64 * constants::deg, 1e-15);
  EXPECT_DOUBLE_EQ(s.stack_mass(), 460000.0);
  ASSERT_EQ(s.vehicles.size(), 1u);
  EXPECT_EQ(s.vehicles[0].engines[0].count, 30);
  EXPECT_EQ(s.strategy.target_perigees, (std::vector<double>{190e3, 160e3}));
  EXPECT_DOUBLE_EQ(s.strategy.breakup_altitude, 78e3);
  ASSERT_EQ(s.fragments.size(), 2u);
  // A ballistic coefficient becomes an area for the given (here default, 1.0) drag coefficient.
  EXPECT_NEAR(s.fragments[0].reference_area, 20.0 / 10.0, 1e-12);
  EXPECT_NEAR(s.fragments[0].ballistic_coefficient(), 10.0, 1e-12);
  EXPECT_EQ(s.fragments[1].count, 3);
  EXPECT_EQ(s.target_zone.kind, TargetZoneSpec::Kind::Default);
  EXPECT_DOUBLE_EQ(s.forces.spacecraft.mass, 460000.0);
  EXPECT_DOUBLE_EQ(s.forces.spacecraft.drag_area, 1525.0);
  DeorbitVehicle v = s.deorbit_vehicle();
  EXPECT_DOUBLE_EQ(v.propellant, 16000.0);
  EXPECT_EQ(v.engines.size(), 1u);
}

TEST(Scenario, EmbeddedDefaultAndExamplesRead) {
  Scenario s = default_scenario();
  EXPECT_TRUE(s.fragments.empty());
  ASSERT_EQ(s.objects.size(), 1u);  // the ISS tree, embedded
  EXPECT_EQ(s.objects[0].name, "ISS");
  EXPECT_EQ(s.objects_file, "embedded iss.yaml");
  EXPECT_EQ(s.vehicles.at(0).engines.at(0).count, 30);
  for (const char* f : {"iss-usdv.yaml", "iss-progress.yaml", "validation/progress-ms15.yaml",
                        "validation/atv1-jules-verne.yaml"})
    EXPECT_NO_THROW((void)read_scenario(std::string(DEORBIT_SOURCE_DIR) + "/examples/" + f)) << f;
}

TEST(Scenario, ExplainRoundTrips) {
  Scenario s = default_scenario();
  std::string text = explain_scenario(s);
  Scenario again = parse_scenario(text, "explained.yaml", "");
  std::string text2 = explain_scenario(again);
  EXPECT_EQ(text2.substr(text2.find('\n')), text.substr(text.find('\n')));
  EXPECT_NE(text.find("max_burn_duration_s: 3600"), std::string::npos);
  EXPECT_NE(text.find("perigee_tolerance_m: 100"), std::string::npos);
  EXPECT_NE(text.find("objects_file: \"embedded:iss.yaml\""), std::string::npos) << text;
  EXPECT_EQ(again.objects.size(), 1u);
}

// The planner's goal (strategy.optimise) and its constraints: margin by default, propellant with its floor, the
// final perigee range (by default from final_perigee_km 50 km up) and the entry angle range.
TEST(Scenario, ReadsTheOptimiserKeys) {
  Scenario plain = parse(kGood);
  EXPECT_EQ(plain.strategy.goal, PlanGoal::Margin);
  EXPECT_DOUBLE_EQ(plain.strategy.entry_angle_min, -constants::pi / 2);
  EXPECT_DOUBLE_EQ(plain.strategy.entry_angle_max, constants::pi / 2);
  Scenario s = parse(with_line(12, "  final_perigee_km: 0\n  optimise: propellant\n  min_margin_km: 400\n"
                                   "  entry_flight_path_deg: [0.5, 3]"));
  EXPECT_EQ(s.strategy.goal, PlanGoal::Propellant);
  EXPECT_DOUBLE_EQ(s.strategy.min_objective, 400e3);
  EXPECT_DOUBLE_EQ(s.strategy.final_perigee_low, 0.0);
  EXPECT_DOUBLE_EQ(s.strategy.final_perigee_high, 50e3);
  EXPECT_NEAR(s.strategy.entry_angle_min, 0.5 * constants::deg, 1e-15);
  EXPECT_NEAR(s.strategy.entry_angle_max, 3 * constants::deg, 1e-15);
  Scenario r = parse(with_line(12, "  final_perigee_km: 0\n  optimise: propellant\n  min_margin_km: 300\n"
                                   "  final_perigee_range_km: [-10, 40]"));
  EXPECT_DOUBLE_EQ(r.strategy.final_perigee_low, -10e3);
  EXPECT_DOUBLE_EQ(r.strategy.final_perigee_high, 40e3);
  // --explain writes them back.
  std::string text = explain_scenario(r);
  EXPECT_NE(text.find("optimise: propellant"), std::string::npos) << text;
  EXPECT_NE(text.find("min_margin_km: 300"), std::string::npos) << text;
  EXPECT_NE(text.find("final_perigee_range_km: [-10, 40]"), std::string::npos) << text;
  std::string again = explain_scenario(parse_scenario(text, "explained.yaml", ""));
  EXPECT_EQ(again.substr(again.find('\n')), text.substr(text.find('\n')));
  // With margin, a final perigee range asks for the widest margin the propellant allows over it.
  Scenario m = parse(with_line(12, "  final_perigee_km: 0\n  final_perigee_range_km: [-40, 0]"));
  EXPECT_EQ(m.strategy.goal, PlanGoal::Margin);
  EXPECT_DOUBLE_EQ(m.strategy.final_perigee_low, -40e3);
  EXPECT_DOUBLE_EQ(m.strategy.final_perigee_high, 0.0);
  EXPECT_NE(explain_scenario(m).find("final_perigee_range_km: [-40, 0]"), std::string::npos);
}

// The contingencies section: defaults without it; read with it, and written back by --explain.
TEST(Scenario, ContingenciesSection) {
  Scenario s = parse(kGood);
  EXPECT_FALSE(s.contingencies.failure_probability.has_value());
  EXPECT_DOUBLE_EQ(s.contingencies.cutoff_step, 0.05);
  s = parse(kGood + "contingencies: {failure_probability: 0.01, cutoff_step_percent: 2.5}\n");
  ASSERT_TRUE(s.contingencies.failure_probability.has_value());
  EXPECT_DOUBLE_EQ(*s.contingencies.failure_probability, 0.01);
  EXPECT_DOUBLE_EQ(s.contingencies.cutoff_step, 0.025);
  const Scenario again = parse_scenario(explain_scenario(s), "explained.yaml", "");
  ASSERT_TRUE(again.contingencies.failure_probability.has_value());
  EXPECT_DOUBLE_EQ(*again.contingencies.failure_probability, 0.01);
  EXPECT_DOUBLE_EQ(again.contingencies.cutoff_step, 0.025);
}

struct BadCase {
  int line;             // line of kGood to replace (0: append)
  std::string text;     // its replacement
  int error_line;       // expected line of the error
  std::string field;    // expected key
};

TEST(Scenario, RefusesEveryBadInputClassWithFileLineAndKey) {
  const std::vector<BadCase> cases = {
      // Unknown keys, at the top and nested.
      {1, "nmae: test", 1, "nmae"},
      {9, "    engines: [{name: Draco, thrust_n: 400, isp_s: 300, cuont: 30}]", 9, "vehicles[0].engines[0].cuont"},
      // Wrong units: the unit is part of the key. A required key with another unit is reported missing (at its
      // mapping), an optional one as unknown.
      {7, "    dry_mass_lb: 14000", 6, "vehicles[0].dry_mass_kg"},
      {13, "breakup: {altitude_m: 78000}", 13, "breakup.altitude_m"},
      // Impossible values.
      {4, "station: {mass_kg: -5, drag_area_m2: 1525, drag_coefficient: 2.0}", 4, "station.mass_kg"},
      {9, "    engines: [{name: Draco, thrust_n: 0, isp_s: 300}]", 9, "vehicles[0].engines[0].thrust_n"},
      {9, "    engines: [{name: Draco, thrust_n: 400, isp_s: 300, count: 0}]", 9, "vehicles[0].engines[0].count"},
      {11, "  target_perigees_km: [160, 190]", 11, "strategy.target_perigees_km"},
      {12, "  final_perigee_km: 170", 12, "strategy.final_perigee_km"},
      {13, "breakup: {altitude_km: 300}", 13, "breakup.altitude_km"},
      {15, "  - {name: panel, mass_kg: 20, area_m2: 1, ballistic_coefficient_kg_m2: 10}", 15, "fragments[0].area_m2"},
      {15, "  - {name: panel, mass_kg: 0, area_m2: 1}", 15, "fragments[0].mass_kg"},
      {17, "target_zone: {polygon_deg: [[-100, 0], [0, 10], [10, 0]]}", 17, "target_zone.polygon_deg"},
      {17, "target_zone: {polygon_deg: [[-30, 0], [0, 10]]}", 17, "target_zone.polygon_deg"},
      {17, "target_zone: {default: atlantic}", 17, "target_zone.default"},
      {3, "  keplerian: {epoch_utc: 2031-13-45, perigee_height_km: 216, apogee_height_km: 224, inclination_deg: 51.64}", 3,
       "orbit.keplerian.epoch_utc"},
      {3, "  keplerian: {epoch_utc: 2031-01-15T00:00:00, perigee_height_km: 216, apogee_height_km: 200, "
          "inclination_deg: 51.64}", 3, "orbit.keplerian.apogee_height_km"},
      {3, "  keplerian: {epoch_utc: 2031-01-15T00:00:00, perigee_height_km: 216, apogee_height_km: 224, "
          "inclination_deg: 200}", 3, "orbit.keplerian.inclination_deg"},
      {12, "  final_perigee_km: 0\n  attitude: sideways", 13, "strategy.attitude"},
      // The optimiser's keys: a goal it does not know, a floor without the goal or the goal without a floor, ranges
      // upside down or above the last lowering target.
      {12, "  final_perigee_km: 0\n  optimise: cost", 13, "strategy.optimise"},
      {12, "  final_perigee_km: 0\n  min_margin_km: 300", 13, "strategy.min_margin_km"},
      {12, "  final_perigee_km: 0\n  optimise: propellant", 0, "strategy.min_margin_km"},
      {12, "  final_perigee_km: 0\n  optimise: propellant\n  min_margin_km: 300\n  final_perigee_range_km: [40, 10]",
       15, "strategy.final_perigee_range_km"},
      {12, "  final_perigee_km: 0\n  optimise: propellant\n  min_margin_km: 300\n  final_perigee_range_km: [0, 170]",
       15, "strategy.final_perigee_range_km"},
      {12, "  final_perigee_km: 0\n  entry_flight_path_deg: [3, 1]", 13, "strategy.entry_flight_path_deg"},
      {12, "  final_perigee_km: 0\n  entry_flight_path_deg: [1, 2, 3]", 13, "strategy.entry_flight_path_deg"},
      // Wrong types.
      {11, "  target_perigees_km: 190", 11, "strategy.target_perigees_km"},
      {9, "    engines: Draco", 9, "vehicles[0].engines"},
      // Two orbit sources at once.
      {3, "  tle_file: x.tle\n  keplerian: {epoch_utc: 2031-01-15T00:00:00}", 4, "orbit.keplerian"},
      {17, "target_zone: {default: south-pacific, geojson_file: zone.geojson}", 17, "target_zone.geojson_file"},
      // The contingencies section: an unknown key, a probability above 1, a sweep step of nothing.
      {17, "target_zone: {default: south-pacific}\ncontingencies: {failure_chance: 0.1}", 18,
       "contingencies.failure_chance"},
      {17, "target_zone: {default: south-pacific}\ncontingencies: {failure_probability: 1.5}", 18,
       "contingencies.failure_probability"},
      {17, "target_zone: {default: south-pacific}\ncontingencies: {cutoff_step_percent: 0}", 18,
       "contingencies.cutoff_step_percent"},
      // A force section may not hold the stack's figures.
      {17, "target_zone: {default: south-pacific}\nforces: {spacecraft: {mass_kg: 1}}", 18, "forces.spacecraft"},
  };
  for (const auto& c : cases) {
    std::string text = with_line(c.line, c.text);
    ParseIssue i = issue_of([&] { (void)parse(text); });
    EXPECT_EQ(i.file, "case.yaml") << c.text;
    if (c.error_line > 0) {
      EXPECT_EQ(i.line, c.error_line) << c.text << "\n" << i.message();
    }
    EXPECT_EQ(i.field, c.field) << c.text << "\n" << i.message();
    EXPECT_FALSE(i.expected.empty()) << c.text;
  }
}

TEST(Scenario, RefusesSyntaxErrorsMissingFilesAndMissingSections) {
  std::string no_fragments = kGood.substr(0, kGood.find("fragments:")) + "fragments: []\ntarget_zone: {default: south-pacific}\n";
  ParseIssue f = issue_of([&] { (void)parse(no_fragments); });
  EXPECT_EQ(f.field, "fragments");
  EXPECT_EQ(f.line, 14);
  ParseIssue i = issue_of([] { (void)parse_scenario("name: [unclosed\n", "syntax.yaml", ""); });
  EXPECT_EQ(i.file, "syntax.yaml");
  EXPECT_GT(i.line, 0);
  EXPECT_THROW((void)read_scenario("/no/such/scenario.yaml"), InputError);
  i = issue_of([] { (void)parse_scenario("name: x\n", "empty.yaml", ""); });
  EXPECT_EQ(i.field, "orbit");
  // A TLE file that does not exist is an error when the orbit is loaded (named by its path).
  Scenario s = parse(with_line(3, "  tle_file: missing.tle"));
  EXPECT_THROW((void)initial_state(s, EarthOrientation::none()), InputError);
}

// kGood with its strategy (lines 10 to 12) replaced by a list of burns.
std::string with_burns(const std::string& burns) {
  std::string text = with_line(10, burns);
  for (const char* l : {"  target_perigees_km: [190, 160]\n", "  final_perigee_km: 0\n"})
    text.erase(text.find(l), std::string(l).size());
  return text;
}

TEST(Scenario, ReadsAGivenBurnPlan) {
  Scenario s = parse(with_burns(
      "burns:\n"
      "  - {vehicle: USDV, ignition_utc: 2031-01-15T02:00:00, duration_s: 600}\n"
      "  - {name: final, ignition_utc: 2031-01-16T02:00:00, delta_v_mps: 60, engines_used: 24, thrust_n: 390,"
      " isp_s: 295, attitude: retrograde}\n"
      "max_descent_h: 12"));
  ASSERT_EQ(s.burns.size(), 2u);
  EXPECT_EQ(s.burns[0].burn.name, "burn 1");
  EXPECT_EQ(s.burns[0].vehicle, "USDV");
  EXPECT_DOUBLE_EQ(s.burns[0].burn.duration, 600.0);
  EXPECT_FALSE(s.burns[0].delta_v);
  EXPECT_EQ(s.burns[0].burn.engines.front().count, 30);
  EXPECT_EQ(s.burns[1].burn.name, "final");
  EXPECT_EQ(s.burns[1].vehicle, "USDV");  // the only vehicle
  EXPECT_DOUBLE_EQ(*s.burns[1].delta_v, 60.0);
  EXPECT_EQ(s.burns[1].burn.engines.front().count, 24);
  EXPECT_DOUBLE_EQ(s.burns[1].burn.engines.front().thrust, 390.0);
  EXPECT_DOUBLE_EQ(s.burns[1].burn.engines.front().isp, 295.0);
  EXPECT_NEAR(s.burns[1].burn.start - Epoch::from_iso("2031-01-16T02:00:00", TimeScale::UTC), 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(s.strategy.max_descent, 12 * 3600.0);
  ASSERT_EQ(s.propellant().size(), 1u);
  EXPECT_DOUBLE_EQ(s.propellant()[0].propellant, 16000.0);
  // --explain writes the burns back, and they read the same.
  const std::string text = explain_scenario(s);
  EXPECT_NE(text.find("burns:"), std::string::npos) << text;
  EXPECT_EQ(text.find("strategy:"), std::string::npos) << text;
  Scenario again = parse_scenario(text, "explained.yaml", "");
  const std::string text2 = explain_scenario(again);
  EXPECT_EQ(text2.substr(text2.find('\n')), text.substr(text.find('\n')));
}

TEST(Scenario, RefusesABadBurnPlanWithFileLineAndKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: 600, delta_v_mps: 10}", "burns[0].duration_s"},
      {"burns:\n  - {ignition_utc: 2031-01-15T02:00:00}", "burns[0].duration_s"},
      {"burns:\n  - {vehicle: Progress, ignition_utc: 2031-01-15T02:00:00, duration_s: 60}", "burns[0].vehicle"},
      {"burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: 60, engines_used: 31}", "burns[0].engines_used"},
      {"burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: -1}", "burns[0].duration_s"},
      {"burns:\n  - {ignition_utc: tomorrow, duration_s: 60}", "burns[0].ignition_utc"},
      {"burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: 60, attitude: sideways}", "burns[0].attitude"},
      {"burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: 60, thrust_kn: 1}", "burns[0].thrust_kn"},
      {"burns: []", "burns"},
  };
  for (const auto& [burns, field] : cases) {
    ParseIssue i = issue_of([&] { (void)parse(with_burns(burns)); });
    EXPECT_EQ(i.file, "case.yaml") << burns;
    EXPECT_EQ(i.field, field) << burns << "\n" << i.message();
    EXPECT_GT(i.line, 0) << burns;
  }
  // Both a strategy and burns; max_descent_h at the top without burns.
  ParseIssue both = issue_of([&] {
    (void)parse(kGood + "burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: 60}\n");
  });
  EXPECT_EQ(both.field, "burns") << both.message();
  ParseIssue top = issue_of([&] { (void)parse(kGood + "max_descent_h: 5\n"); });
  EXPECT_EQ(top.field, "max_descent_h") << top.message();
  // Engine overrides on a vehicle with two engine groups.
  std::string two_groups = with_burns("burns:\n  - {ignition_utc: 2031-01-15T02:00:00, duration_s: 60, isp_s: 290}");
  two_groups.replace(two_groups.find("count: 30}]"), 11, "count: 30}, {name: RCS, thrust_n: 20, isp_s: 220}]");
  ParseIssue groups = issue_of([&] { (void)parse(two_groups); });
  EXPECT_EQ(groups.field, "burns[0].isp_s") << groups.message();
}

}  // namespace
}  // namespace deorbit

// End-to-end: the contingencies of the final burn in `deorbit plan` (report.json `contingencies`) and
// `deorbit campaign --contingency`, on a quick three-engine scenario (docs/contingencies.md). The checks are physical
// (a shorter burn lands further downrange, the engine-out burn spends the same propellant, the missed burn stays up
// longer than the nominal descent) and of the bookkeeping (sweep, bisection, the 4.7-1c product).
#include <algorithm>
#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "deorbit/time/epoch.h"
#include "app/quick_scenario.h"
#include "support/run_command.h"

namespace {

using deorbit::Epoch;
using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;
using nlohmann::json;

std::string out_dir(const std::string& name) { return deorbit::testing::fresh_output_dir(name); }
json read_json(const std::string& path) { return deorbit::testing::read_json_file(path); }
Epoch epoch(const json& j) { return Epoch::from_iso(j.get<std::string>()); }

// The CLI tests' quick scenario with the tug's thrust on three engines (so that one can fail), its perigee lowered
// to 160 km instead of 200 km (so that the missed burn's decay, 3.5 days instead of 10.6, costs less) and a given
// probability of a failed final burn.
const std::string kQuick = [] {
  std::string text = deorbit::testing::kQuick;
  const std::string one = "engines: [{name: main, thrust_n: 3000, isp_s: 300}]";
  text.replace(text.find(one), one.size(), "engines: [{name: main, thrust_n: 1000, isp_s: 300, count: 3}]");
  const std::string lowering = "target_perigees_km: [200]";
  text.replace(text.find(lowering), lowering.size(), "target_perigees_km: [160]");
  return text + "contingencies: {failure_probability: 0.5}\n";
}();

// One plan of the quick scenario for every test of the suite (2 to 3 s).
class PlanContingencies : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = deorbit::testing::write_temp_file("contingency-quick.yaml", kQuick);
    const std::string dir = out_dir("plan-contingencies");
    CommandResult r = run_deorbit("plan " + scenario_ + " -o " + dir);
    output_ = r.out + r.err;
    exit_code_ = r.exit_code;
    if (r.exit_code == 0 || r.exit_code == 4) report_ = read_json(dir + "/report.json");
  }
  void SetUp() override {
    ASSERT_TRUE(exit_code_ == 0 || exit_code_ == 4) << output_;
    ASSERT_TRUE(report_["feasible"].get<bool>()) << report_["verdict"];
    ASSERT_TRUE(report_["contingencies"].is_object()) << report_["contingencies"];
  }
  // The checks, each a member so that the fixture's one plan serves them all: the suite's two tests (below) call
  // them, one plan per test process (ctest runs every test in its own process, and a plan with its contingencies
  // takes a minute under the sanitizers).
  void ReportHasEveryKeyAndTheSummaryTheTable();
  void SweepFractionsAndDurations();
  void ShorterBurnsLandFurtherDownrange();
  void ShortestSafeBurnIsBracketedAndBisected();
  void EngineOutBurnSpendsTheSamePropellant();
  void MissedBurnDecaysAndIsCheckedAgainst47_1c();
  void CampaignDispersesTheContingencies();
  void CampaignOfTheMissedBurn();
  static const json& c() { return report_["contingencies"]; }
  static const json& final_burn() { return report_["burns"].back(); }
  static std::string scenario_, output_;
  static int exit_code_;
  static json report_;
};
std::string PlanContingencies::scenario_, PlanContingencies::output_;
int PlanContingencies::exit_code_ = -1;
json PlanContingencies::report_;

void PlanContingencies::ReportHasEveryKeyAndTheSummaryTheTable() {
  for (const char* key : {"cutoff_step_percent", "premature_cutoff", "bisection", "shortest_safe_fraction",
                          "shortest_safe_resolution", "all_cutoffs_safe", "engines_nominal", "engine_out",
                          "missed_burn", "run_time_s"})
    EXPECT_TRUE(c().contains(key)) << key;
  for (const auto& k : c()["premature_cutoff"]) {
    for (const char* key : {"name", "burn_fraction", "duration_s", "delta_v_mps", "propellant_kg", "reentered", "safe"})
      EXPECT_TRUE(k.contains(key)) << key << k;
    if (!k["reentered"].get<bool>()) continue;
    for (const char* key : {"breakup_utc", "first_impact", "last_impact", "first_impact_along_track_km",
                            "last_impact_along_track_km", "impacts", "along_track_extent_km", "inside_target_zone",
                            "min_margin_km", "min_distance_to_land_km", "expected_casualties"})
      EXPECT_TRUE(k.contains(key)) << key << k;
  }
  for (const char* key : {"reentered", "horizon_days", "ignition_utc", "lifetime_days", "reentry_utc",
                          "window_start_utc", "window_end_utc", "window_members", "window_confidence",
                          "inclination_deg", "population_year", "surviving_mass_kg", "casualty_area_m2",
                          "expected_casualties", "failure_probability", "failure_product", "passes",
                          "max_failure_probability", "requirement"})
    EXPECT_TRUE(c()["missed_burn"].contains(key)) << key;
  EXPECT_NE(output_.find("contingencies of the final burn"), std::string::npos) << output_;
  EXPECT_NE(output_.find("shortest safe burn: "), std::string::npos) << output_;
  EXPECT_NE(output_.find("4.7-1c"), std::string::npos) << output_;
}

// The sweep: every 5 % of the final burn, the last the nominal; durations and propellant scale with the fraction.
void PlanContingencies::SweepFractionsAndDurations() {
  const json& cut = c()["premature_cutoff"];
  ASSERT_EQ(cut.size(), 20u);
  const double d = final_burn()["duration_s"].get<double>();
  for (std::size_t i = 0; i < cut.size(); ++i) {
    const double f = 0.05 * static_cast<double>(i + 1);
    EXPECT_NEAR(cut[i]["burn_fraction"].get<double>(), f, 1e-12) << i;
    EXPECT_NEAR(cut[i]["duration_s"].get<double>(), f * d, 1e-9 * d) << i;
  }
  EXPECT_EQ(cut.back()["name"], "nominal");
  EXPECT_NEAR(cut.back()["propellant_kg"].get<double>(), final_burn()["propellant_kg"].get<double>(), 1e-6);
  EXPECT_NEAR(cut.back()["delta_v_mps"].get<double>(), final_burn()["delta_v_mps"].get<double>(), 1e-9);
  // The nominal row is the plan's own footprint (its tree-free impacts are the same descents).
  EXPECT_NEAR(cut.back()["min_margin_km"].get<double>(), report_["min_margin_km"].get<double>(), 0.01);
  // The shortest cut-offs leave the perigee too high to come down within max_descent (2 days): no impacts.
  EXPECT_FALSE(cut[0]["reentered"].get<bool>());
  EXPECT_FALSE(cut[0]["safe"].get<bool>());
  EXPECT_FALSE(cut[0].contains("first_impact"));
}

// A shorter burn leaves a higher perigee: the stack breaks up later, and, on the same pass (breakup within an hour
// of the nominal), its first impact lies further downrange.
void PlanContingencies::ShorterBurnsLandFurtherDownrange() {
  const json& cut = c()["premature_cutoff"];
  const Epoch nominal_breakup = epoch(cut.back()["breakup_utc"]);
  int same_pass = 0;
  for (std::size_t i = cut.size() - 1; i > 0; --i) {
    const json &longer = cut[i], &shorter = cut[i - 1];
    if (!shorter["reentered"].get<bool>()) break;
    EXPECT_GT(epoch(shorter["breakup_utc"]) - epoch(longer["breakup_utc"]), 0.0) << shorter["name"];
    if (epoch(shorter["breakup_utc"]) - nominal_breakup > 3600) continue;
    ++same_pass;
    EXPECT_GT(shorter["first_impact_along_track_km"].get<double>(), longer["first_impact_along_track_km"].get<double>())
        << shorter["name"];
    EXPECT_GT(shorter["last_impact_along_track_km"].get<double>(), longer["last_impact_along_track_km"].get<double>())
        << shorter["name"];
  }
  EXPECT_GE(same_pass, 5);  // measured: 8 (60 % to 95 %)
}

// The shortest safe burn: every sampled cut-off at or above it is safe, the sample below it is not, and the
// bisection between them ends within half a per cent.
void PlanContingencies::ShortestSafeBurnIsBracketedAndBisected() {
  ASSERT_TRUE(c()["shortest_safe_fraction"].is_number()) << c();
  const double f = c()["shortest_safe_fraction"].get<double>();
  const double resolution = c()["shortest_safe_resolution"].get<double>();
  EXPECT_GT(resolution, 0.0);
  EXPECT_LE(resolution, 0.005);
  double last_unsafe = 0;
  for (const auto& k : c()["premature_cutoff"]) {
    const double x = k["burn_fraction"].get<double>();
    if (x >= f) {
      EXPECT_TRUE(k["safe"].get<bool>()) << k["name"];
    }
    if (!k["safe"].get<bool>()) last_unsafe = std::max(last_unsafe, x);
  }
  EXPECT_LT(last_unsafe, f);
  EXPECT_GT(last_unsafe, f - 0.05);
  // The bisection's cases lie between the bracketing samples; the safe one closest above the unsafe ones is f.
  ASSERT_FALSE(c()["bisection"].empty());
  double lowest_safe = 1, highest_unsafe = last_unsafe;
  for (const auto& k : c()["bisection"]) {
    const double x = k["burn_fraction"].get<double>();
    EXPECT_GT(x, last_unsafe);
    EXPECT_LT(x, last_unsafe + 0.05);
    if (k["safe"].get<bool>()) {
      lowest_safe = std::min(lowest_safe, x);
    } else {
      highest_unsafe = std::max(highest_unsafe, x);
    }
    // Safe means inside the zone and off land.
    EXPECT_EQ(k["safe"].get<bool>(), k["inside_target_zone"].get<bool>() && k["min_distance_to_land_km"].get<double>() > 0);
  }
  EXPECT_DOUBLE_EQ(lowest_safe, f);
  EXPECT_NEAR(f - highest_unsafe, resolution, 1e-12);
  EXPECT_FALSE(c()["all_cutoffs_safe"].get<bool>());
}

// One engine of three out: two fire, the burn lasts 3/2 as long for the same propellant and (one Isp) the same
// ideal delta-v; the ignition is kept.
void PlanContingencies::EngineOutBurnSpendsTheSamePropellant() {
  const json& e = c()["engine_out"];
  ASSERT_TRUE(e.is_object()) << c();
  EXPECT_EQ(c()["engines_nominal"], 3);
  EXPECT_EQ(e["engines"], 2);
  const double d = final_burn()["duration_s"].get<double>();
  EXPECT_NEAR(e["duration_s"].get<double>(), 1.5 * d, 1e-9 * d);
  EXPECT_NEAR(e["propellant_kg"].get<double>(), final_burn()["propellant_kg"].get<double>(), 1e-6);
  EXPECT_NEAR(e["delta_v_mps"].get<double>() / final_burn()["delta_v_mps"].get<double>(), 1.0, 0.01);
  EXPECT_FALSE(e["exceeds_max_burn_duration"].get<bool>());  // 736 s of the 3600 s allowed
  EXPECT_EQ(e["max_burn_duration_s"].get<double>(), 3600.0);
  ASSERT_TRUE(e["reentered"].get<bool>());
  // Same ignition, a longer and weaker burn: its centre is later, so the stack comes down later.
  EXPECT_GT(epoch(e["breakup_utc"]) - epoch(report_["breakup"]["epoch_utc"]), 0.0);
}

// Missed final burn: the stack decays from the lowered orbit; it takes longer than the nominal descent, the
// window holds the nominal re-entry, and the 4.7-1c product is the probability times the uncontrolled E_c.
void PlanContingencies::MissedBurnDecaysAndIsCheckedAgainst47_1c() {
  const json& m = c()["missed_burn"];
  ASSERT_TRUE(m["reentered"].get<bool>()) << m;
  const double lifetime = m["lifetime_days"].get<double>() * 86400;
  const Epoch ignition = epoch(final_burn()["start_utc"]);
  EXPECT_GT(lifetime, 0.0);
  EXPECT_GT(lifetime, epoch(report_["breakup"]["epoch_utc"]) - ignition);
  EXPECT_NEAR(epoch(m["reentry_utc"]) - ignition, lifetime, 1e-3);
  EXPECT_LE(epoch(m["window_start_utc"]) - epoch(m["reentry_utc"]), 0.0);
  EXPECT_GE(epoch(m["window_end_utc"]) - epoch(m["reentry_utc"]), 0.0);
  EXPECT_NEAR(m["inclination_deg"].get<double>(), 51.64, 0.05);
  // Both listed fragments survive (they are not heated): 3 x 5 + 50 kg.
  EXPECT_NEAR(m["surviving_mass_kg"].get<double>(), 65.0, 1e-9);
  const double ec = m["expected_casualties"].get<double>();
  EXPECT_GT(ec, 0.0);
  EXPECT_DOUBLE_EQ(m["failure_probability"].get<double>(), 0.5);
  EXPECT_NEAR(m["failure_product"].get<double>(), 0.5 * ec, 1e-15);
  EXPECT_EQ(m["passes"].get<bool>(), 0.5 * ec < 1e-4);
  EXPECT_NEAR(m["max_failure_probability"].get<double>(), std::min(1.0, 1e-4 / ec), 1e-12);
}

TEST(PlanContingencyCli, NoContingenciesFlagSkipsThem) {
  const std::string scenario = deorbit::testing::write_temp_file("contingency-skip.yaml", kQuick);
  const std::string dir = out_dir("plan-no-contingencies");
  CommandResult r = run_deorbit("plan " + scenario + " --no-contingencies -o " + dir);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 4) << r.err << r.out;
  EXPECT_TRUE(read_json(dir + "/report.json")["contingencies"].is_null());
  EXPECT_EQ(r.out.find("contingencies of the final burn"), std::string::npos) << r.out;
}

TEST(PlanContingencyCli, ScenarioSectionIsExplainedAndChecked) {
  const std::string scenario = deorbit::testing::write_temp_file("contingency-explain.yaml", kQuick);
  CommandResult r = run_deorbit("plan " + scenario + " --explain");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("failure_probability: 0.5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cutoff_step_percent: 5"), std::string::npos) << r.out;
  std::string text = kQuick;
  text.replace(text.find("failure_probability"), 19, "failure_chance");
  const std::string bad = deorbit::testing::write_temp_file("contingency-bad.yaml", text);
  r = run_deorbit("plan " + bad + " --explain");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("contingencies.failure_chance"), std::string::npos) << r.err;
  text = kQuick;
  text.replace(text.find("0.5}"), 3, "1.5");
  const std::string big = deorbit::testing::write_temp_file("contingency-big.yaml", text);
  r = run_deorbit("plan " + big + " --explain");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("failure_probability"), std::string::npos) << r.err;
}

// A campaign of the 80 % cut-off: every run flies the shortened burn (its undispersed run lands where the plan's
// 80 % row does), the report names the contingency, and a store of another contingency is not resumed; the same
// for one engine out.
void PlanContingencies::CampaignDispersesTheContingencies() {
  const std::string dir = out_dir("campaign-cutoff");
  const std::string base = "campaign " + scenario_ + " -q --threads 1 -o " + dir;
  CommandResult r = run_deorbit(base + " --runs 20 --contingency cutoff:0.8");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json j = read_json(dir + "/report.json");
  EXPECT_EQ(j["campaign"]["contingency"], "cutoff:0.8");
  EXPECT_EQ(j["campaign"]["runs_stored"], 20);
  const json& row = c()["premature_cutoff"][15];
  ASSERT_NEAR(row["burn_fraction"].get<double>(), 0.8, 1e-12);
  // The campaign replays the plan from its start to 10 min before the ignition; the plan's sweep starts from the
  // plan's own trajectory sample: the two differ by the integrator's restarts, metres on the ground.
  EXPECT_NEAR(j["nominal"]["min_margin_km"].get<double>(), row["min_margin_km"].get<double>(), 1.0);
  CommandResult other = run_deorbit(base + " --runs 20 --resume --contingency cutoff:0.7");
  EXPECT_EQ(other.exit_code, 1) << other.err;
  EXPECT_NE(other.err.find("cutoff:0.7"), std::string::npos) << other.err;
  CommandResult none = run_deorbit(base + " --runs 20 --resume");
  EXPECT_EQ(none.exit_code, 1) << none.err;
  CommandResult same = run_deorbit(base + " --runs 21 --resume --contingency cutoff:0.8");
  EXPECT_EQ(same.exit_code, 0) << same.err;
  // One engine out: the undispersed run lands where the plan's engine-out case does.
  const std::string out = out_dir("campaign-engine-out");
  r = run_deorbit("campaign " + scenario_ + " -q --threads 1 -o " + out + " --runs 5 --contingency engine-out");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json e = read_json(out + "/report.json");
  EXPECT_EQ(e["campaign"]["contingency"], "engine-out");
  EXPECT_NEAR(e["nominal"]["min_margin_km"].get<double>(), c()["engine_out"]["min_margin_km"].get<double>(), 1.0);
}

// A campaign of the missed burn: the runs decay (for days) and come down anywhere along the ground track; the report
// has the breakup-time percentiles (the re-entry window) around the plan's missed-burn re-entry, the casualty
// expectation of where the survivors land, no track percentiles and no level footprints.
void PlanContingencies::CampaignOfTheMissedBurn() {
  const std::string dir = out_dir("campaign-missed");
  CommandResult r = run_deorbit("campaign " + scenario_ + " -q --threads 1 --runs 4 --contingency missed -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("the final burn missed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("breakup time: 5 %"), std::string::npos) << r.out;
  const json j = read_json(dir + "/report.json");
  EXPECT_EQ(j["campaign"]["contingency"], "missed");
  const json& st = j["statistics"];
  EXPECT_FALSE(st["one_pass"].get<bool>());
  EXPECT_TRUE(st["track_percentiles"].empty());
  EXPECT_TRUE(st["level_footprints"].empty());
  EXPECT_FALSE(std::filesystem::exists(dir + "/footprint_levels.geojson"));
  EXPECT_EQ(st["ok_runs"], 4);
  // The undispersed run decays as the plan's missed burn does: both fly the scenario's forces from before the final
  // ignition without the burn, down to the breakup altitude; the plan's decay at the decay module's 10 m tolerance,
  // the campaign's at the scenario's, and from 10 min earlier: 0.23 s apart after 3.5 days (bound 0.5 s).
  const json& m = c()["missed_burn"];
  const double apart = epoch(j["nominal"]["undispersed_breakup_utc"]) - epoch(m["reentry_utc"]);
  std::printf("missed burn: the campaign's undispersed run re-enters %+.3f s from the plan's\n", apart);
  EXPECT_NEAR(apart, 0.0, 0.5);
  // Every run re-enters days, not minutes, after the nominal (controlled) breakup.
  for (const json& p : st["breakup_time_percentiles"]) EXPECT_GT(p["breakup_time_s"].get<double>(), 86400.0) << p;
}

// A single-engine final burn has no engine-out case (one out is the missed burn): the campaign says so.
TEST(PlanContingencyCli, CampaignEngineOutNeedsTwoEngines) {
  std::string text = kQuick;
  const std::string three = "engines: [{name: main, thrust_n: 1000, isp_s: 300, count: 3}]";
  text.replace(text.find(three), three.size(), "engines: [{name: main, thrust_n: 3000, isp_s: 300}]");
  const std::string scenario = deorbit::testing::write_temp_file("contingency-one-engine.yaml", text);
  CommandResult r = run_deorbit("campaign " + scenario + " --runs 2 -q -o " + out_dir("campaign-one-engine") +
                                " --contingency engine-out");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("single engine"), std::string::npos) << r.err;
}

TEST(PlanContingencyCli, CampaignRefusesBadContingencies) {
  const std::string scenario = deorbit::testing::write_temp_file("contingency-campaign.yaml", kQuick);
  for (const char* bad : {"cutoff:1.5", "cutoff:0", "cutoff:x", "engine", "miss"}) {
    CommandResult r = run_deorbit("campaign " + scenario + " --runs 2 -q -o " + out_dir("campaign-bad-contingency") +
                                  " --contingency " + bad);
    EXPECT_EQ(r.exit_code, 1) << bad << r.err;
    EXPECT_NE(r.err.find("--contingency"), std::string::npos) << bad << r.err;
  }
}

// What `deorbit plan` reports of each contingency (one plan for all the checks).
TEST_F(PlanContingencies, PlanReportsEveryContingency) {
  {
    SCOPED_TRACE("ReportHasEveryKeyAndTheSummaryTheTable");
    ReportHasEveryKeyAndTheSummaryTheTable();
  }
  {
    SCOPED_TRACE("SweepFractionsAndDurations");
    SweepFractionsAndDurations();
  }
  {
    SCOPED_TRACE("ShorterBurnsLandFurtherDownrange");
    ShorterBurnsLandFurtherDownrange();
  }
  {
    SCOPED_TRACE("ShortestSafeBurnIsBracketedAndBisected");
    ShortestSafeBurnIsBracketedAndBisected();
  }
  {
    SCOPED_TRACE("EngineOutBurnSpendsTheSamePropellant");
    EngineOutBurnSpendsTheSamePropellant();
  }
  {
    SCOPED_TRACE("MissedBurnDecaysAndIsCheckedAgainst47_1c");
    MissedBurnDecaysAndIsCheckedAgainst47_1c();
  }
}

// Each contingency dispersed by `deorbit campaign --contingency` (five campaign commands after the plan: named Slow,
// so that the sanitizer run, where it takes three minutes, leaves it to the optimised one).
class PlanContingenciesSlow : public PlanContingencies {};

TEST_F(PlanContingenciesSlow, CampaignsDisperseEachContingency) {
  {
    SCOPED_TRACE("CampaignDispersesTheContingencies");
    CampaignDispersesTheContingencies();
  }
  {
    SCOPED_TRACE("CampaignOfTheMissedBurn");
    CampaignOfTheMissedBurn();
  }
}

}  // namespace

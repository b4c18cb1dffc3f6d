// `deorbit plan` with `optimise: propellant` (maneuver/plan_optimiser.h) on the two scenarios of docs/plan.md
// ("Better plans"): the ISS default with a margin floor, and the ATV-1 replay with its final window opened to a day.
// Each is run as a user runs it (the built program); the figures are those of the page, the bounds just above them.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/times.h>
#include <unistd.h>

#include "deorbit/time/epoch.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;
using deorbit::testing::source_path;
using deorbit::testing::test_data;
using nlohmann::json;

using deorbit::testing::edited_source_file;

struct PlanRun {
  json report;
  double cpu_s = 0;  // of the child (user + system)
};

PlanRun plan(const std::string& label, const std::string& text, const std::string& args = "") {
  const std::string scenario = deorbit::testing::write_temp_file(label + ".yaml", text);
  const std::string dir = deorbit::testing::fresh_output_dir(label);
  tms before{};
  times(&before);
  CommandResult r = run_deorbit("plan " + scenario + " -o " + dir + args);
  tms after{};
  times(&after);
  // Exit 0: feasible and inside the zone; anything else fails the figures below.
  EXPECT_EQ(r.exit_code, 0) << label << "\n" << r.err << r.out;
  PlanRun out;
  out.report = deorbit::testing::read_json_file(dir + "/report.json");
  out.cpu_s = static_cast<double>((after.tms_cutime + after.tms_cstime) - (before.tms_cutime + before.tms_cstime)) /
              static_cast<double>(sysconf(_SC_CLK_TCK));
  return out;
}

double final_delta_v(const json& j) { return j["burns"].back()["delta_v_mps"].get<double>(); }

// The ISS default (embedded examples/iss-usdv.yaml: 9,687.4 kg, margin 414.876 km) asked for the least propellant
// with its own margin (to 10 m) as the floor, and with a floor of 380 km (which a 2,000-run campaign of the default
// dispersions contains as well as the default plan: docs/plan.md).
TEST(PlanOptimiseCliSlow, IssDefaultLeastPropellant) {
  auto with_floor = [](const std::string& km) {
    return edited_source_file("examples/iss-usdv.yaml",
                  {{"  optimise: margin ", "  optimise: propellant\n  min_margin_km: " + km + "  # "},
                   {"objects_file: objects/iss.yaml", "objects_file: " + source_path("examples/objects/iss.yaml").string()}});
  };
  const PlanRun kept = plan("iss-floor-today", with_floor("414.87"));
  const json& a = kept.report;
  EXPECT_EQ(a["optimise"]["goal"], "propellant");
  EXPECT_GE(a["min_margin_km"].get<double>(), 414.87);
  // Measured 9,668.3 kg (19.1 kg less than the default plan): the phase of the first lowering burn alone.
  EXPECT_LT(a["propellant_used_kg"].get<double>(), 9675.0);
  EXPECT_NEAR(a["burns"].back()["perigee_after_km"].get<double>(), 0.0, 0.1);
  // CPU time of the child: measured 5.6 s; the bound, 9.5 s, stays below issue 13's 10 s.
  EXPECT_LT(kept.cpu_s, 9.5);

  const PlanRun lower = plan("iss-floor-380", with_floor("380"));
  const json& b = lower.report;
  EXPECT_GE(b["min_margin_km"].get<double>(), 380.0);
  // Measured 8,003.1 kg (1,684 kg less), final perigee 37.5 km, 0.62 deg at 120 km, 5.6 s of CPU.
  EXPECT_LT(b["propellant_used_kg"].get<double>(), 8050.0);
  EXPECT_GT(b["burns"].back()["perigee_after_km"].get<double>(), 30.0);
  EXPECT_LT(b["entry_interface"]["flight_path_angle_deg"].get<double>(),
            a["entry_interface"]["flight_path_angle_deg"].get<double>());
  EXPECT_LT(lower.cpu_s, 9.5);
  // The widest margin for the propellant available over final perigees of -60 to 0 km. Measured: 430.576 km at
  // -37.5 km (below about -40 km the stack reaches 95 km before the final burn ends), 11,489.0 kg, 4.5 s of CPU.
  const PlanRun wide = plan("iss-wide", edited_source_file("examples/iss-usdv.yaml",
                                                {{"  optimise: margin ", "  optimise: margin\n  final_perigee_range_km: "
                                                                         "[-60, 0]  # "},
                                                 {"objects_file: objects/iss.yaml",
                                                  "objects_file: " + source_path("examples/objects/iss.yaml").string()}}));
  const json& w = wide.report;
  EXPECT_GT(w["min_margin_km"].get<double>(), 428.0);
  EXPECT_LT(w["burns"].back()["perigee_after_km"].get<double>(), -30.0);
  EXPECT_LE(w["propellant_used_kg"].get<double>(), 16000.0);
  EXPECT_LT(wide.cpu_s, 9.5);
  for (const PlanRun* r : {&kept, &lower, &wide}) {
    const json& burns = r->report["burns"];
    for (std::size_t i = 1; i < burns.size(); ++i)
      EXPECT_GE(deorbit::Epoch::from_iso(burns[i]["start_utc"].get<std::string>()) -
                    deorbit::Epoch::from_iso(burns[i - 1]["start_utc"].get<std::string>()),
                24 * 3600.0)
          << i;
  }
}

// ATV-1 (examples/validation/atv1-jules-verne.yaml) planned as in its planned replay (first perigee 220 km, the
// burns 2 h 57 min 51 s apart at least, final perigee -11.5 km, chosen for the 70 m/s flown) with the final window
// opened to 24 h so that the final burn can reach the assumed box: the single pass puts the
// final burn where the margin is widest, far from apoapsis (105.6 m/s); the optimiser turns the apsidal line onto
// it (72.2 m/s at the flown perigee) and, with a 300 km floor, raises the perigee (63.1 m/s at 22.3 km).
TEST(PlanOptimiseCliSlow, Atv1LeastPropellant) {
  // The final burn's contingencies (5 s of each run here) are not what this test is about.
  const std::string weather = " --no-contingencies --space-weather " + test_data("spaceweather/SW-All_2025-03-23.csv").string() +
                              " --eop " + test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt").string();
  const std::string example = "examples/validation/atv1-jules-verne.yaml";
  // The planned replay's strategy (tests/app/plan_replay_test.cpp) in place of the given burns, its final window 24 h.
  auto with = [&](const std::string& extra) {
    return edited_source_file(example, {{"burns:\n  - {name: first, ignition_utc: 2008-09-29T10:00:27, duration_s: 360}\n"
                             "  - {name: second, ignition_utc: 2008-09-29T12:58:18, duration_s: 900}\n",
                             "strategy:\n  target_perigees_km: [220]\n  burn_spacing_h: 2.964167\n"
                             "  final_perigee_km: -11.5\n  max_burn_duration_s: 1800\n  final_window_h: 24\n"
                             "  final_scan_step_s: 60\n" +
                                 extra}});
  };
  const json single = plan("atv-margin", with(""), weather).report;
  const json flown = plan("atv-flown-perigee",
                          with("  optimise: propellant\n  min_margin_km: 300\n  final_perigee_range_km: [-11.5, -11]\n"),
                          weather)
                         .report;
  const json free = plan("atv-free-perigee",
                         with("  optimise: propellant\n  min_margin_km: 300\n  final_perigee_range_km: [-11.5, 30]\n"),
                         weather)
                        .report;
  ASSERT_EQ(single["burns"].size(), 2u);
  ASSERT_EQ(free["burns"].size(), 2u);
  // Measured: 105.60, 72.18 and 63.08 m/s; 581.6, 451.5 and 412.6 kg in all; margins 337.6, 308.6 and 300.3 km.
  EXPECT_GT(final_delta_v(single), 100.0);
  EXPECT_LT(final_delta_v(flown), 73.0);
  EXPECT_LT(final_delta_v(free), 64.0);
  EXPECT_LT(free["propellant_used_kg"].get<double>(), 0.75 * single["propellant_used_kg"].get<double>());
  for (const json* j : {&flown, &free}) EXPECT_GE((*j)["min_margin_km"].get<double>(), 300.0);
  EXPECT_GT(free["burns"].back()["perigee_after_km"].get<double>(), 15.0);
  // The first burn moved by 40 min (measured 11:07:48 -> 11:48:00 UTC) to turn the apsidal line.
  EXPECT_GT(deorbit::Epoch::from_iso(free["burns"][0]["start_utc"].get<std::string>()) -
                deorbit::Epoch::from_iso(single["burns"][0]["start_utc"].get<std::string>()),
            1800.0);
}

}  // namespace

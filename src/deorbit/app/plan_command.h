// `deorbit plan`: the whole controlled re-entry of a scenario: burns, breakup, fragments to the ground, footprint
// in the target zone, and the outputs (report.json, footprint.geojson, trajectory.czml, trajectory.oem, plot).
#pragma once

#include <string>

#include "deorbit/io/scenario.h"
#include "deorbit/maneuver/deorbit_planner.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/risk/target_zone.h"

namespace CLI {
class App;
}

namespace deorbit::app {

struct PlanOptions {
  std::string scenario_file;            // empty: the embedded default (examples/iss-usdv.yaml)
  std::string output_dir = "deorbit-out";
  bool explain = false;                 // print the scenario with every default filled in, and stop
  std::string space_weather_file;       // overrides the scenario's (CelesTrak SW-All.csv or SpaceWeather-All.txt)
  std::string eop_file;                 // CelesTrak EOP-All; empty = none (UT1 = UTC, no polar motion)
  std::string population_file;          // ESRI ASCII population-count grid; empty = the embedded GPWv4 1 deg grid
  bool contingencies = true;            // fly the final burn's contingencies (docs/contingencies.md)
};

//! Registers the subcommand and its options on the app; the callback runs it and sets exit_code.
void add_plan_command(CLI::App& app, PlanOptions& options, int& exit_code);

//! Runs the command. Returns 0 when the plan puts every fragment inside the target zone, 4 when it does not or when
//! the vehicle cannot fly it (the verdict says why; the outputs are written as far as they exist). Throws
//! InputError on bad input.
int run_plan(const PlanOptions& options);

//! The decimal year of an epoch for the population growth table, clamped to its range 2020-2100.
[[nodiscard]] double population_year(const Epoch& epoch);
//! The scenario's target zone.
[[nodiscard]] TargetZone make_zone(const TargetZoneSpec& spec);
//! The fragment-descent settings of the scenario (its `descent` section and space weather).
[[nodiscard]] DescentSettings scenario_descent_settings(const Scenario& s);
//! The nominal plan of the scenario from `start` (initial_state(s, eop)): the planner with the footprint-margin
//! objective over the tree's hazardous survivors and the listed fragments. `deorbit campaign` starts from it.
[[nodiscard]] DeorbitPlan plan_scenario(const Scenario& s, const StateVector& start, const EarthOrientation& eop,
                                        const TargetZone& zone);

}  // namespace deorbit::app

// The outputs of `deorbit plan`: report.json, footprint.geojson, trajectory.czml, trajectory.oem, the altitude plot,
// and the summary on the terminal.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "deorbit/app/plan_contingencies.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/io/scenario.h"
#include "deorbit/maneuver/deorbit_planner.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/footprint.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/risk/expected_casualties.h"
#include "deorbit/risk/target_zone.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::app {

struct PlanResult {
  PlanResult(const Scenario& s, const DeorbitPlan& p, const TargetZone& z) : scenario(s), plan(p), zone(z) {}
  const Scenario& scenario;
  const DeorbitPlan& plan;
  const TargetZone& zone;
  std::vector<FragmentDescent> descents;  //!< empty when the plan is infeasible
  //! The object tree's flight from the plan's breakup (first release) state, when the scenario has a tree.
  std::optional<TreeFlight> tree;
  std::vector<Impact> object_impacts;     //!< of the tree's surviving objects, tree.objects order
  std::vector<int> object_impact_index;   //!< tree.objects index of each object impact
  //! Casualty risk of everything that lands (tree survivors and listed fragments): controlled re-entry.
  CasualtyRisk risk;
  std::string population_source;          //!< the population grid used
  double population_growth = 1;           //!< factor applied to the grid for the re-entry year
  double min_distance_to_foreign_land = 0;  //!< [m] over the >15 J impacts, to land outside Antarctica
  double min_distance_to_antarctica = 0;    //!< [m] over the >15 J impacts
  Footprint footprint;
  Containment containment;
  double min_distance_to_land = 0;  //!< [m] over the impacts
  Geodetic breakup_place;
  StateVector breakup_itrf;         //!< the breakup state, Earth-fixed (velocity relative to the Earth)
  std::optional<Epoch> entry_interface;  //!< descent through 120 km geodetic after the final ignition
  double entry_flight_path_angle = 0;    //!< [rad] there, below the local horizontal (inertial velocity)
  std::optional<Contingencies> contingencies;  //!< of the final burn (feasible plans, unless --no-contingencies)
  double run_time = 0;              //!< [s] wall clock of the planning
};

//! report.json as a JSON document (the keys are listed in docs/plan.md).
[[nodiscard]] nlohmann::json plan_report(const PlanResult& result);

//! Writes every output into dir (atomically, file by file); returns the names written.
std::vector<std::string> write_plan_outputs(const PlanResult& result, const std::filesystem::path& dir,
                                            const EarthOrientation& eop);

//! The human summary, ending with a one-line verdict.
void print_plan_summary(std::ostream& out, const PlanResult& result, const std::vector<std::string>& written);

}  // namespace deorbit::app

// The contingencies of a plan's final burn, flown by `deorbit plan` (docs/contingencies.md): the burn cut off early
// (a sweep over its duration and the shortest burn still safe), one engine out (the burn lengthened to the same
// propellant), and the burn missed (the stack's natural decay, its uncontrolled casualty expectation and the
// NASA-STD-8719.14 requirement 4.7-1c check). The changed burns themselves: cut_off_burn and engine_out_burn
// (maneuver/burn.h).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "deorbit/base/constants.h"
#include "deorbit/io/scenario.h"
#include "deorbit/maneuver/deorbit_planner.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/footprint.h"
#include "deorbit/risk/expected_casualties.h"
#include "deorbit/risk/population_grid.h"
#include "deorbit/risk/target_zone.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::app {

//! NASA-STD-8719.14B (2019) requirement 4.7-1c: the probability of a failed controlled re-entry (its burns) times
//! the expected casualties of the uncontrolled re-entry that follows must stay below this.
inline constexpr double kFailedControlledEntryLimit = 1e-4;

//! [s] longest natural decay flown after a missed final burn: the stacks the planner brings down from a lowered
//! perigee decay within days; one still up after 60 days is reported as such.
inline constexpr double kMissedBurnHorizon = 60 * constants::seconds_per_day;

//! One contingency flown to the ground.
struct ContingencyCase {
  std::string name;            //!< e.g. "cut-off at 80 %"
  double fraction = 1;         //!< [-] burn duration over the nominal
  FiniteBurn burn;             //!< as flown
  double delta_v = 0;          //!< [m/s] ideal (rocket equation) delta-v of the burn
  bool reentered = false;      //!< reached the breakup within the planner's max_descent of the ignition
  Epoch breakup;               //!< when reentered
  std::vector<Impact> impacts; //!< above 15 J: the tree's hazardous survivors and the listed fragments
  Footprint footprint;
  Containment containment;
  double min_distance_to_land = 0;  //!< [m] over the impacts (0: one is on land)
  //! [m] along track of the first and last impact (by time) from the nominal footprint's centroid, in its track
  //! frame (positive downrange)
  double first_along = 0, last_along = 0;
  CasualtyRisk risk;           //!< controlled: every survivor at its impact point
  //! Inside the zone with no impact on land (a case that does not re-enter is not safe: it is the missed burn).
  [[nodiscard]] bool safe() const { return reentered && containment.inside && min_distance_to_land > 0; }
};

//! The final burn missed: the stack decays from its final ignition without the burn.
struct MissedBurn {
  bool reentered = false;      //!< came down to the breakup altitude within the horizon
  double horizon = 0;          //!< [s] longest decay flown
  Epoch ignition;              //!< the missed ignition (start of the decay)
  Epoch reentry;               //!< at the breakup altitude (scenario forces), when reentered
  double lifetime = 0;         //!< [s] reentry - ignition
  //! The decay module's ensemble (reentry_prediction.h) window, moved by the difference of its nominal and ours.
  std::optional<Epoch> window_start, window_end;
  int members = 0;             //!< ensemble members
  double confidence = 0;       //!< central fraction of the members inside the window
  double inclination = 0;      //!< [rad] osculating at the missed ignition
  double population_year = 0;  //!< decimal year of the population growth
  double surviving_mass = 0;   //!< [kg] of the tree flown from the decay's breakup state plus listed fragments
  CasualtyRisk risk;           //!< uncontrolled
  std::optional<double> failure_probability;  //!< the scenario's, when given
  double failure_product = 0;  //!< failure_probability * E_c (when given)
  bool passes = false;         //!< failure_product < kFailedControlledEntryLimit (when given)
  double max_failure_probability = 0;  //!< largest probability that passes: limit / E_c (capped at 1)
};

struct Contingencies {
  double cutoff_step = 0.05;               //!< [-] of the sweep
  std::vector<ContingencyCase> cutoffs;    //!< step, 2 step, ..., 1 (the last: the nominal, flown as the others)
  std::vector<ContingencyCase> bisection;  //!< the cut-offs flown to refine the shortest safe burn
  //! [-] shortest burn from which every longer cut-off is safe (none when the nominal is not)
  std::optional<double> shortest_safe_fraction;
  double shortest_safe_resolution = 0;     //!< [-] width of the last bisection interval (0: no bisection)
  bool all_cutoffs_safe = false;           //!< even the shortest sampled cut-off is safe
  std::optional<ContingencyCase> engine_out;  //!< none when the burn had one engine (missed burn instead)
  int engines_nominal = 0, engines_out = 0;   //!< engines firing, nominal and with one out
  double max_burn_duration = 0;            //!< [s] the planner's
  MissedBurn missed;
  double run_time = 0;                     //!< [s] wall clock of the contingencies
};

//! Flies the contingencies of a feasible plan from `start` (the plan's initial state). The sweep flies the tree with
//! the planner's quick steps and the fragments without trajectory samples. Throws InputError when the plan cannot
//! be replayed to its final ignition.
[[nodiscard]] Contingencies fly_contingencies(const Scenario& s, const DeorbitPlan& plan, const StateVector& start,
                                              const EarthOrientation& eop, const TargetZone& zone,
                                              const PopulationGrid& grid);

//! report.json's `contingencies` (keys in docs/plan.md).
[[nodiscard]] nlohmann::json contingencies_json(const Contingencies& c);

//! The summary table on the terminal.
void print_contingencies(std::ostream& out, const Contingencies& c);

}  // namespace deorbit::app

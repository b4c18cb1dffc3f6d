// The object tree in `deorbit plan`: the tree flown from the plan's breakup state, its survivors as impacts, and the
// casualty risk and land distances of a controlled re-entry (NASA-STD-8719.14 sec. 4.7).
#pragma once

#include <span>
#include <vector>

#include "deorbit/app/plan_outputs.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/io/scenario.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/risk/expected_casualties.h"
#include "deorbit/risk/population_grid.h"

namespace deorbit::app {

//! The tree of `s` flown from `breakup_itrf` (Earth-fixed state at the first release altitude). `quick`: with steps
//! four times longer (the planner's scan of candidate ignitions; the chosen plan is flown with the scenario's steps).
[[nodiscard]] TreeFlight fly_scenario_tree(const Scenario& s, const StateVector& breakup_itrf, bool quick = false);

//! The impacts of the tree's surviving objects (object index in `indices`), at `breakup_itrf.epoch` + their fall.
//! `hazardous_only`: those above the 15 J casualty threshold alone (the footprint and the zone margin: the light
//! pieces that drift down, the station's 1 kg envelope for hours, are harmless wherever they land).
[[nodiscard]] std::vector<Impact> tree_impacts(const TreeFlight& tree, const StateVector& breakup_itrf,
                                               std::vector<int>* indices = nullptr, bool hazardous_only = false);

//! What lands: each surviving object of a tree flight (`object_impacts` of tree_impacts, their tree.objects index in
//! `index`) and each listed fragment's descent (fragments of `s`, with their reference area as A_i), and where each
//! lands. Every piece counts (casualty_area gives 0 below 15 J).
struct LandingSet {
  std::vector<SurvivingObject> objects;
  std::vector<ImpactPoint> points;  //!< objects[k] (all its copies) lands at points[k]
};
[[nodiscard]] LandingSet landing_set(const Scenario& s, const TreeFlight* tree, std::span<const Impact> object_impacts,
                                     std::span<const int> index, std::span<const FragmentDescent> descents);

//! [m] the smallest distance of the impacts to land (0 when one is on land; infinite without impacts).
[[nodiscard]] double min_distance_to_land(std::span<const Impact> impacts);

//! Fills result.risk, the land distances, population source and growth from the tree survivors and the listed
//! fragments' descents already in `result` (every landing piece counts; fragments with their reference area as
//! A_i). `year` is the re-entry year (decimal) for the growth of the grid.
void assess_controlled_risk(PlanResult& result, const PopulationGrid& grid, const std::string& grid_source,
                            double year);

}  // namespace deorbit::app

#include "deorbit/app/plan_demise.h"

#include <algorithm>
#include <limits>

#include "deorbit/risk/casualty_area.h"
#include "deorbit/risk/land.h"

namespace deorbit::app {

TreeFlight fly_scenario_tree(const Scenario& s, const StateVector& breakup_itrf, bool quick) {
  ObjectFlightSettings settings = s.demise;
  if (quick) {
    settings.max_step *= 4;
    settings.max_slow_step *= 4;
  }
  return fly_object_tree(s.objects, MaterialDatabase::embedded(), {breakup_itrf.r, breakup_itrf.v}, settings);
}

std::vector<Impact> tree_impacts(const TreeFlight& tree, const StateVector& breakup_itrf, std::vector<int>* indices,
                                 bool hazardous_only) {
  std::vector<Impact> out;
  for (std::size_t k = 0; k < tree.objects.size(); ++k) {
    const ObjectOutcome& o = tree.objects[k];
    if (o.demised || (hazardous_only && !(o.kinetic_energy > casualty_energy_threshold))) continue;
    StateVector at{breakup_itrf.epoch + o.end_time, Frame::ITRF, o.impact_position, o.impact_velocity};
    Fragment piece;
    piece.name = o.path;
    piece.mass = o.landed_mass();
    piece.count = static_cast<int>(std::min<long long>(o.count, std::numeric_limits<int>::max()));
    out.push_back(impact_from_itrf(at, piece, static_cast<int>(k), breakup_itrf.r));
    if (indices) indices->push_back(static_cast<int>(k));
  }
  return out;
}

void assess_controlled_risk(PlanResult& result, const PopulationGrid& grid, const std::string& grid_source,
                            double year) {
  std::vector<SurvivingObject> objects;
  std::vector<ImpactPoint> points;
  if (result.tree) {
    for (std::size_t i = 0; i < result.object_impacts.size(); ++i) {
      const ObjectOutcome& o = result.tree->objects[result.object_impact_index[i]];
      objects.push_back({o.path, o.landed_mass(), o.cross_section, o.impact_speed, result.object_impacts[i].count});
      points.push_back({result.object_impacts[i].latitude, result.object_impacts[i].longitude});
    }
  }
  for (const auto& d : result.descents) {
    const Fragment& f = result.scenario.fragments[d.impact.index];
    objects.push_back({f.name, f.mass, f.reference_area, d.impact.speed, f.count});
    points.push_back({d.impact.latitude, d.impact.longitude});
  }
  result.population_source = grid_source;
  result.population_growth = world_population_growth(year);
  result.risk = controlled_casualty_risk(objects, points, grid, result.population_growth);
  const LandMask& land = LandMask::embedded();
  result.min_distance_to_foreign_land = std::numeric_limits<double>::infinity();
  result.min_distance_to_antarctica = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (casualty_area(objects[i]) <= 0) continue;  // below 15 J: no hazard by the standard
    result.min_distance_to_foreign_land = std::min(
        result.min_distance_to_foreign_land, land.distance_to_land_outside_antarctica(points[i].latitude, points[i].longitude));
    result.min_distance_to_antarctica =
        std::min(result.min_distance_to_antarctica, land.distance_to_antarctica(points[i].latitude, points[i].longitude));
  }
}

}  // namespace deorbit::app

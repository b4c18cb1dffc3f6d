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

LandingSet landing_set(const Scenario& s, const TreeFlight* tree, std::span<const Impact> object_impacts,
                       std::span<const int> index, std::span<const FragmentDescent> descents) {
  LandingSet out;
  if (tree) {
    for (std::size_t i = 0; i < object_impacts.size(); ++i) {
      const ObjectOutcome& o = tree->objects[index[i]];
      out.objects.push_back({o.path, o.landed_mass(), o.cross_section, o.impact_speed, object_impacts[i].count});
      out.points.push_back({object_impacts[i].latitude, object_impacts[i].longitude});
    }
  }
  for (const auto& d : descents) {
    const Fragment& f = s.fragments[d.impact.index];
    out.objects.push_back({f.name, f.mass, f.reference_area, d.impact.speed, f.count});
    out.points.push_back({d.impact.latitude, d.impact.longitude});
  }
  return out;
}

double min_distance_to_land(std::span<const Impact> impacts) {
  const LandMask& land = LandMask::embedded();
  double d = std::numeric_limits<double>::infinity();
  for (const auto& i : impacts)
    d = std::min(d, land.on_land(i.latitude, i.longitude) ? 0.0 : land.distance_to_land(i.latitude, i.longitude));
  return d;
}

void assess_controlled_risk(PlanResult& result, const PopulationGrid& grid, const std::string& grid_source,
                            double year) {
  const LandingSet landing = landing_set(result.scenario, result.tree ? &*result.tree : nullptr, result.object_impacts,
                                         result.object_impact_index, result.descents);
  result.population_source = grid_source;
  result.population_growth = world_population_growth(year);
  result.risk = controlled_casualty_risk(landing.objects, landing.points, grid, result.population_growth);
  const LandMask& land = LandMask::embedded();
  result.min_distance_to_foreign_land = std::numeric_limits<double>::infinity();
  result.min_distance_to_antarctica = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < landing.objects.size(); ++i) {
    if (casualty_area(landing.objects[i]) <= 0) continue;  // below 15 J: no hazard by the standard
    const ImpactPoint& p = landing.points[i];
    result.min_distance_to_foreign_land =
        std::min(result.min_distance_to_foreign_land, land.distance_to_land_outside_antarctica(p.latitude, p.longitude));
    result.min_distance_to_antarctica =
        std::min(result.min_distance_to_antarctica, land.distance_to_antarctica(p.latitude, p.longitude));
  }
}

}  // namespace deorbit::app

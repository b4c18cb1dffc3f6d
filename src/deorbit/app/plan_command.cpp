#include "deorbit/app/plan_command.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/app/plan_contingencies.h"
#include "deorbit/app/plan_demise.h"
#include "deorbit/app/plan_outputs.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/scenario.h"
#include "deorbit/maneuver/deorbit_planner.h"
#include "deorbit/maneuver/fixed_plan.h"
#include "deorbit/maneuver/plan_optimiser.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/footprint.h"
#include "deorbit/risk/casualty_area.h"
#include "deorbit/risk/land.h"
#include "deorbit/risk/target_zone.h"

namespace deorbit::app {

TargetZone make_zone(const TargetZoneSpec& z) {
  switch (z.kind) {
    case TargetZoneSpec::Kind::Default: return TargetZone::south_pacific_default();
    case TargetZoneSpec::Kind::GeoJson: return TargetZone::read_geojson(z.file);
    case TargetZoneSpec::Kind::Polygon: return TargetZone::from_degrees(z.name, z.vertices_deg);
  }
  return TargetZone::south_pacific_default();
}

namespace {

// The quick objective drops only the two extreme fragment classes (lowest and highest ballistic coefficient): they
// land at the two ends of the footprint, so their margins bound the whole footprint's along track.
std::vector<Fragment> extreme_fragments(const std::vector<Fragment>& all) {
  if (all.empty()) return {};
  auto by_beta = [](const Fragment& a, const Fragment& b) { return a.ballistic_coefficient() < b.ballistic_coefficient(); };
  auto [lo, hi] = std::minmax_element(all.begin(), all.end(), by_beta);
  std::vector<Fragment> out{*lo};
  if (hi != lo) out.push_back(*hi);
  for (auto& f : out) f.count = 1;
  return out;
}

}  // namespace

double population_year(const Epoch& epoch) {
  CalendarTime c = epoch.calendar(TimeScale::UTC);
  double year = c.year + (c.month - 1) / 12.0 + (c.day - 1) / 365.25;
  return std::clamp(year, 2020.0, 2100.0);  // the growth table's range; the grid's year stands before 2020
}

DescentSettings scenario_descent_settings(const Scenario& s) {
  DescentSettings descent;
  descent.position_tolerance = s.descent_position_tolerance;
  descent.sample_step = s.descent_sample_step;
  descent.space_weather = s.weather;
  return descent;
}

DeorbitPlan plan_scenario(const Scenario& s, const StateVector& start, const EarthOrientation& eop,
                          const TargetZone& zone) {
  FrameTransformer frames(eop);
  DescentSettings scoring = scenario_descent_settings(s);
  scoring.sample_step = 1e6;  // the objective needs the impacts, not the paths
  const std::vector<Fragment> quick_fragments = extreme_fragments(s.fragments);

  // The planner's objective: the smallest margin [m] of the impacts inside the zone (negative when one is outside).
  // With an object tree, the impacts are those of its surviving objects above 15 J (harmless ones may fall anywhere,
  // NASA-STD-8719.14) (the whole tree is flown every time: it
  // costs milliseconds), plus those of any listed fragments.
  BreakupObjective objective = [&](const StateVector& breakup, double, bool quick) {
    std::vector<Impact> impacts;
    try {
      if (!s.fragments.empty())
        impacts = impacts_of(descend(
            breakup, quick ? std::span<const Fragment>(quick_fragments) : std::span<const Fragment>(s.fragments),
            scoring, eop));
      if (!s.objects.empty()) {
        StateVector itrf = frames.transform(breakup, Frame::ITRF);
        std::vector<Impact> more = tree_impacts(fly_scenario_tree(s, itrf, quick), itrf, nullptr, true);
        impacts.insert(impacts.end(), more.begin(), more.end());
      }
    } catch (const std::exception&) {
      // A candidate whose pieces do not come down (or whose descent fails) is no candidate; the chosen plan's
      // descent below runs again and reports its own error.
      return -std::numeric_limits<double>::infinity();
    }
    double margin = std::numeric_limits<double>::infinity();
    for (const auto& i : impacts) margin = std::min(margin, zone.distance_to_edge(i.latitude, i.longitude));
    return margin;
  };

  DeorbitPlanner planner(s.forces, s.deorbit_vehicle(), s.strategy, eop);
  if (!s.burns.empty()) {
    try {
      return fly_given_burns(planner, start, s.stack_mass(), s.burns, s.propellant(), objective);
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: burns: {}", s.file, e.what()));
    }
  }
  return optimise_plan(planner, start, s.stack_mass(), objective);
}

int run_plan(const PlanOptions& o) {
  const auto t_begin = std::chrono::steady_clock::now();
  const ScenarioOverrides overrides{.space_weather_file = o.space_weather_file, .cached_space_weather = true};
  Scenario s = o.scenario_file.empty() ? default_scenario(overrides) : read_scenario(o.scenario_file, overrides);
  if (o.explain) {
    std::cout << explain_scenario(s);
    return 0;
  }
  EarthOrientation eop = datasets::earth_orientation(o.eop_file);
  const TargetZone zone = make_zone(s.target_zone);
  const StateVector start = initial_state(s, eop);
  FrameTransformer frames(eop);
  const DescentSettings descent = scenario_descent_settings(s);
  std::optional<PopulationGrid> own_grid;
  if (!o.population_file.empty()) own_grid = PopulationGrid::read(o.population_file);
  const PopulationGrid& grid = own_grid ? *own_grid : PopulationGrid::embedded();
  DeorbitPlan plan = plan_scenario(s, start, eop, zone);

  PlanResult result(s, plan, zone);
  if (plan.feasible) {
    if (!s.fragments.empty()) result.descents = descend(plan.breakup, s.fragments, descent, eop);
    std::vector<Impact> impacts = impacts_of(result.descents);
    if (!s.objects.empty()) {
      StateVector itrf = frames.transform(plan.breakup, Frame::ITRF);
      result.tree = fly_scenario_tree(s, itrf);
      result.object_impacts = tree_impacts(*result.tree, itrf, &result.object_impact_index);
      for (std::size_t k = 0; k < result.object_impacts.size(); ++k)
        if (result.tree->objects[result.object_impact_index[k]].kinetic_energy > casualty_energy_threshold)
          impacts.push_back(result.object_impacts[k]);
    }
    assess_controlled_risk(result, grid, o.population_file.empty() ? "embedded GPWv4 2020 1 deg" : o.population_file,
                           population_year(plan.breakup.epoch));
    result.footprint = make_footprint(impacts);
    result.containment = assess(zone, result.footprint);
    result.min_distance_to_land = min_distance_to_land(impacts);
    result.breakup_itrf = frames.transform(plan.breakup, Frame::ITRF);
    result.breakup_place = to_geodetic(result.breakup_itrf.r);
    // Entry interface: the planner located it (an event) on the chosen final burn's descent.
    result.entry_interface = plan.entry_interface;
    result.entry_flight_path_angle = plan.entry_flight_path_angle;
  }
  if (plan.feasible && o.contingencies) result.contingencies = fly_contingencies(s, plan, start, eop, zone, grid);
  result.run_time = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_begin).count();

  std::filesystem::path dir(o.output_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create the output folder: {}", o.output_dir, ec.message()));
  std::vector<std::string> written = write_plan_outputs(result, dir, eop);
  print_plan_summary(std::cout, result, written);
  return plan.feasible && result.containment.inside ? 0 : 4;
}

void add_plan_command(CLI::App& app, PlanOptions& o, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("plan", "Plan a controlled re-entry: burns, breakup, debris footprint");
  cmd->footer(
      "Plan a controlled re-entry from a scenario file (YAML; without one, the embedded ISS scenario\n"
      "examples/iss-usdv.yaml): the perigee-lowering burns and the final burn of the deorbit vehicles (finite\n"
      "burns with mass flow, solved on the numerically propagated orbit; or a given plan, `burns:`, flown as it\n"
      "is), the breakup, and the fall to the ground: of the station's object tree (objects_file) flown with\n"
      "heating and demise, so that only survivors land, and of any listed fragments (not heated); the footprint,\n"
      "its margin inside the target zone, the casualty risk over the population grid and the distances to land\n"
      "(docs/plan.md, docs/demise.md).\n\n"
      "Outputs in the folder of -o: report.json, footprint.geojson (GIS), trajectory.czml (CesiumJS),\n"
      "trajectory.oem (CCSDS OEM, GCRF), altitude.svg or .png (altitude and perigee against time); a summary with a\n"
      "verdict on the terminal. The scenario format: docs/plan.md, or --explain for every key with its value.\n\n"
      "Exit codes: 0 every surviving piece lands inside the target zone, 1 bad input (message on stderr), 2 bad command\n"
      "line, 4 the plan is infeasible or the footprint is not inside the zone (the verdict says which).\n\n"
      "Examples:\n"
      "  deorbit plan\n"
      "  deorbit plan examples/iss-progress.yaml -o progress-out\n"
      "  deorbit plan examples/validation/atv1-jules-verne.yaml -o atv-out   # ATV-1's burns, given\n"
      "  deorbit plan my-scenario.yaml --explain");
  cmd->add_option("scenario", o.scenario_file, "scenario file (YAML) [default: the embedded ISS scenario]")
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", o.output_dir, "output folder (created if needed)")->capture_default_str();
  cmd->add_flag("--explain", o.explain, "print the scenario with every default filled in, and stop");
  cmd->add_flag("!--no-contingencies", o.contingencies,
                "skip the final burn's contingencies (premature cut-off, one engine out, missed burn)");
  cmd->add_option("--space-weather", o.space_weather_file,
                  "space-weather file for drag (CelesTrak SW-All.csv or SpaceWeather-All.txt) [default: the "
                  "scenario's, else the cached one (deorbit data), else the embedded table]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--eop", o.eop_file,
                  "Earth orientation file (CelesTrak EOP-All.txt or .csv) [default: the cached one (deorbit data), "
                  "else none: UT1 = UTC, no polar motion]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--population", o.population_file,
                  "population-count grid (ESRI ASCII, e.g. GPWv4 Population Count) for the casualty risk [default: the "
                  "embedded GPWv4 2020 1 deg grid]")
      ->check(CLI::ExistingFile);
  cmd->callback([&o, &exit_code]() { exit_code = run_plan(o); });
}

}  // namespace deorbit::app

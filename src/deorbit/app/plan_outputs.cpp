#include "deorbit/app/plan_outputs.h"

#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/constants.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/czml.h"
#include "deorbit/io/ephemeris_writer.h"
#include "deorbit/io/geojson.h"
#include "deorbit/io/plot.h"
#include "deorbit/maneuver/engine.h"
#include "deorbit/risk/casualty_area.h"

namespace deorbit::app {
namespace {

using constants::deg;
using nlohmann::json;

std::string utc(const Epoch& t) { return t.iso(TimeScale::UTC, 3) + "Z"; }
double round_to(double v, double unit) { return std::round(v / unit) * unit; }

std::string verdict(const PlanResult& r) {
  const DeorbitPlan& p = r.plan;
  if (!p.feasible) return "NOT FEASIBLE: " + p.verdict;
  double dv = p.delta_v;
  if (r.containment.inside)
    return fmt::format("INSIDE the target zone: every surviving piece lands in \"{}\" with at least {:.0f} km to its edge; "
                       "delta-v {:.1f} m/s, propellant left {:.0f} kg of {:.0f} kg.",
                       r.zone.name(), r.containment.min_margin / 1000.0, dv, p.propellant_left,
                       p.propellant_left + p.propellant_used);
  return fmt::format("NOT INSIDE the target zone \"{}\": the worst fragment lands {:.0f} km outside its edge; "
                     "delta-v {:.1f} m/s, propellant left {:.0f} kg of {:.0f} kg.",
                     r.zone.name(), -r.containment.min_margin / 1000.0, dv, p.propellant_left,
                     p.propellant_left + p.propellant_used);
}

std::vector<Geodetic> ground_track(const std::vector<StateVector>& gcrf, const FrameTransformer& frames) {
  std::vector<Geodetic> out;
  out.reserve(gcrf.size());
  for (const auto& s : gcrf) out.push_back(to_geodetic(frames.transform(s, Frame::ITRF).r));
  return out;
}

}  // namespace

json plan_report(const PlanResult& r) {
  const DeorbitPlan& p = r.plan;
  json j;
  j["scenario"] = r.scenario.file;
  j["name"] = r.scenario.name;
  j["feasible"] = p.feasible;
  j["verdict"] = verdict(r);
  j["inside_target_zone"] = p.feasible && r.containment.inside;
  j["min_margin_km"] = p.feasible ? json(r.containment.min_margin / 1000.0) : json(nullptr);
  j["min_distance_to_land_km"] = p.feasible ? json(r.min_distance_to_land / 1000.0) : json(nullptr);
  j["target_zone"] = {{"name", r.zone.name()}};
  json notes = json::array();
  if (!r.scenario.objects.empty())
    notes.push_back("The object tree is flown with heating and demise (docs/demise.md): impacts are those of the "
                    "surviving objects.");
  if (!r.scenario.fragments.empty())
    notes.push_back("Listed fragments are not heated: each is assumed to reach the ground.");
  notes.push_back("Margins are great-circle distances from each impact to the zone's edge (positive inside).");
  j["notes"] = notes;
  json burns = json::array();
  for (const auto& b : p.burns) {
    burns.push_back({{"name", b.burn.name},
                     {"final", b.final},
                     {"start_utc", utc(b.burn.start)},
                     {"end_utc", utc(b.burn.end())},
                     {"duration_s", b.burn.duration},
                     {"delta_v_mps", b.delta_v},
                     {"impulsive_delta_v_mps", std::isnan(b.impulsive_delta_v) ? json(nullptr) : json(b.impulsive_delta_v)},
                     {"propellant_kg", b.propellant},
                     {"mass_before_kg", b.mass_before},
                     {"target_perigee_km", std::isnan(b.target_perigee) ? json(nullptr) : json(b.target_perigee / 1000.0)},
                     {"perigee_before_km", b.perigee_before / 1000.0},
                     {"perigee_after_km", b.perigee_after / 1000.0},
                     {"apogee_after_km", b.apogee_after / 1000.0},
                     {"attitude", std::string(to_string(b.burn.attitude))},
                     {"burn_model", r.scenario.strategy.impulsive ? "impulsive (at the arc's middle)" : "finite"},
                     {"thrust_n", b.burn.thrust()},
                     {"solver_iterations", b.iterations}});
  }
  j["burns"] = burns;
  j["burn_plan"] = r.scenario.burns.empty() ? "planned" : "given";
  j["total_delta_v_mps"] = p.delta_v;
  j["propellant_used_kg"] = p.propellant_used;
  j["propellant_left_kg"] = p.propellant_left;
  j["final_ignitions_evaluated"] = p.scanned;
  {
    const PlannerSettings& st = r.scenario.strategy;
    json opt = {{"goal", st.goal == PlanGoal::Propellant ? "propellant" : "margin"}, {"planning_passes", p.passes}};
    if (st.goal == PlanGoal::Propellant) opt["min_margin_km"] = st.min_objective / 1000.0;
    j["optimise"] = opt;
  }
  if (p.feasible) {
    j["breakup"] = {{"epoch_utc", utc(p.breakup.epoch)},
                    {"lat_deg", r.breakup_place.latitude / deg},
                    {"lon_deg", r.breakup_place.longitude / deg},
                    {"altitude_km", r.breakup_place.height / 1000.0},
                    {"mass_kg", p.breakup_mass}};
    {
      // Earth-relative speed, flight-path angle and heading there: the entry state of `deorbit demise`.
      const double cl = std::cos(r.breakup_place.latitude), sl = std::sin(r.breakup_place.latitude);
      const double co = std::cos(r.breakup_place.longitude), so = std::sin(r.breakup_place.longitude);
      const Vec3 up(cl * co, cl * so, sl), east(-so, co, 0.0), north(-sl * co, -sl * so, cl);
      const Vec3& v = r.breakup_itrf.v;
      const double speed = v.norm();
      j["breakup"]["speed_mps"] = speed;
      j["breakup"]["flight_path_angle_deg"] = speed > 0 ? std::asin(v.dot(up) / speed) / deg : 0.0;
      double az = std::atan2(v.dot(east), v.dot(north)) / deg;
      j["breakup"]["azimuth_deg"] = az < 0 ? az + 360.0 : az;
    }
    if (r.entry_interface)
      j["entry_interface"] = {{"altitude_km", 120.0},
                              {"epoch_utc", utc(*r.entry_interface)},
                              {"flight_path_angle_deg", r.entry_flight_path_angle / deg}};
    json outline = json::array();
    for (const auto& [lat, lon] : r.footprint.outline) outline.push_back({lat / deg, lon / deg});
    j["footprint"] = {{"length_km", r.footprint.along_track_length / 1000.0},
                      {"width_km", r.footprint.cross_track_width / 1000.0},
                      {"track_azimuth_deg", r.footprint.track_azimuth / deg},
                      {"outline_lat_lon_deg", outline}};
    json impacts = json::array();
    auto impact_json = [&](const Impact& i, const char* kind) {
      return json{{kind, i.fragment},
                  {"lat_deg", i.latitude / deg},
                  {"lon_deg", i.longitude / deg},
                  {"epoch_utc", utc(i.epoch)},
                  {"speed_mps", i.speed},
                  {"flight_path_angle_deg", i.flight_path_angle / deg},
                  {"mass_kg", i.mass},
                  {"count", i.count},
                  {"margin_km", r.zone.distance_to_edge(i.latitude, i.longitude) / 1000.0}};
    };
    for (const auto& d : r.descents) impacts.push_back(impact_json(d.impact, "fragment"));
    for (std::size_t k = 0; k < r.object_impacts.size(); ++k) {
      json e = impact_json(r.object_impacts[k], "object");
      const ObjectOutcome& o = r.tree->objects[r.object_impact_index[k]];
      e["count"] = o.count;  // the Impact's int count may be capped; the outcome's is exact
      e["kinetic_energy_j"] = o.kinetic_energy;
      impacts.push_back(e);
    }
    j["impacts"] = impacts;
    auto km_or_null = [](double m) { return std::isfinite(m) ? json(m / 1000.0) : json(nullptr); };
    j["casualty_risk"] = {
        {"method", "controlled re-entry: sum over landing objects of count x A_c x population density at the impact"},
        {"expected_casualties", r.risk.expected_casualties},
        {"probability_of_casualty", r.risk.probability_of_casualty},
        {"total_casualty_area_m2", r.risk.casualty_area},
        {"population", r.population_source},
        {"population_growth_factor", r.population_growth},
        {"min_distance_to_foreign_land_km", km_or_null(r.min_distance_to_foreign_land)},
        {"min_distance_to_antarctica_km", km_or_null(r.min_distance_to_antarctica)},
        {"requirements",
         {{"nasa_std_8719_14_4_7_1a_risk_below_1e-4", r.risk.expected_casualties < 1e-4},
          {"nasa_std_8719_14_4_7_1b_370_km_from_foreign_land", !(r.min_distance_to_foreign_land < 370e3)}}}};
    if (r.tree) {
      json objects = json::array();
      for (const auto& o : r.tree->objects) {
        json e = {{"name", o.name}, {"path", o.path}, {"count", o.count}, {"material", o.material},
                  {"initial_mass_kg", o.initial_mass}, {"release_altitude_km", o.release_altitude / 1000.0},
                  {"demised", o.demised}};
        if (o.demised) {
          e["demise_altitude_km"] = o.demise_altitude / 1000.0;
        } else {
          SurvivingObject so{o.path, o.landed_mass(), o.cross_section, o.impact_speed, 1};
          e["surviving_mass_kg"] = o.landed_mass();
          if (o.carried_mass > 0) e["carried_mass_kg"] = o.carried_mass;
          e["impact_speed_mps"] = o.impact_speed;
          e["kinetic_energy_j"] = o.kinetic_energy;
          e["casualty_area_m2"] = casualty_area(so);
        }
        objects.push_back(e);
      }
      j["demise"] = {{"objects_file", r.scenario.objects_file},
                     {"initial_mass_kg", r.tree->initial_mass},
                     {"surviving_mass_kg", r.tree->surviving_mass},
                     {"surviving_fraction", r.tree->surviving_mass / r.tree->initial_mass},
                     {"objects_flown", r.tree->flights},
                     {"oxidation_factor", r.scenario.demise.oxidation_factor},
                     {"objects", objects}};
    }
  } else {
    j["breakup"] = nullptr;
    j["footprint"] = nullptr;
    j["impacts"] = json::array();
  }
  j["contingencies"] = r.contingencies ? contingencies_json(*r.contingencies) : json(nullptr);
  j["run_time_s"] = round_to(r.run_time, 0.001);
  return j;
}

std::vector<std::string> write_plan_outputs(const PlanResult& r, const std::filesystem::path& dir,
                                            const EarthOrientation& eop) {
  std::vector<std::string> written;
  const DeorbitPlan& p = r.plan;
  write_file_atomically(dir / "report.json", [&](std::ostream& out) { out << plan_report(r).dump(2) << '\n'; });
  written.push_back("report.json");
  if (!p.feasible || p.trajectory.size() < 2) return written;
  FrameTransformer frames(eop);
  const std::vector<Geodetic> track = ground_track(p.trajectory, frames);

  // footprint.geojson: zone, footprint outline, impacts, breakup point, ground track of the last two hours.
  {
    std::vector<json> features;
    features.push_back(geojson::polygon_feature(geojson::ring_points(r.zone.vertices()),
                                                {{"kind", "target zone"}, {"name", r.zone.name()}}));
    if (r.footprint.outline.size() >= 4)
      features.push_back(geojson::polygon_feature(
          geojson::ring_points(r.footprint.outline),
          {{"kind", "footprint"}, {"length_km", r.footprint.along_track_length / 1000.0},
           {"width_km", r.footprint.cross_track_width / 1000.0}}));
    for (const auto& d : r.descents) {
      const Impact& i = d.impact;
      features.push_back(geojson::point_feature(
          {i.latitude, i.longitude, 0.0},
          {{"kind", "impact"}, {"fragment", i.fragment}, {"epoch_utc", utc(i.epoch)}, {"speed_mps", i.speed},
           {"mass_kg", i.mass}, {"count", i.count}}));
    }
    for (const auto& i : r.object_impacts)
      features.push_back(geojson::point_feature(
          {i.latitude, i.longitude, 0.0},
          {{"kind", "impact"}, {"object", i.fragment}, {"epoch_utc", utc(i.epoch)}, {"speed_mps", i.speed},
           {"mass_kg", i.mass}, {"count", i.count}}));
    features.push_back(geojson::point_feature(r.breakup_place, {{"kind", "breakup"}, {"epoch_utc", utc(p.breakup.epoch)}}));
    std::vector<Geodetic> last;
    for (std::size_t k = 0; k < track.size(); ++k)
      if (p.breakup.epoch - p.trajectory[k].epoch <= 2 * 3600.0) last.push_back(track[k]);
    if (last.size() >= 2) features.push_back(geojson::line_feature(last, {{"kind", "ground track (last 2 h)"}}));
    geojson::write_geojson(geojson::feature_collection(features), dir / "footprint.geojson");
    written.push_back("footprint.geojson");
  }

  // trajectory.czml: the stack (GCRF), burns as markers, breakup, fragment paths (ITRF), footprint and zone.
  {
    Epoch first = p.trajectory.front().epoch, last = p.breakup.epoch;
    for (const auto& d : r.descents)
      if (d.impact.epoch - last > 0) last = d.impact.epoch;
    for (const auto& i : r.object_impacts)
      if (i.epoch - last > 0) last = i.epoch;
    CzmlDocument doc(r.scenario.name, first, last, 60.0);
    std::vector<TrajectorySample> stack;
    for (const auto& s : p.trajectory)
      if (stack.empty() || s.epoch - stack.back().epoch > 1e-3) stack.push_back({s.epoch, s.r});
    if (stack.size() >= 2)
      doc.add_trajectory("stack", r.scenario.station_name + " stack", stack, Frame::GCRF, {{255, 255, 0, 255}, 2.0, true});
    int n = 0;
    for (const auto& b : p.burns) {
      StateVector at{b.burn.start, Frame::GCRF, Vec3::Zero(), Vec3::Zero()};
      // The ignition point on the trajectory sample nearest to it.
      double best = 1e300;
      for (const auto& s : p.trajectory)
        if (std::abs(s.epoch - b.burn.start) < best) best = std::abs(s.epoch - b.burn.start), at = s;
      Geodetic g = to_geodetic(frames.transform(at, Frame::ITRF).r);
      doc.add_marker(fmt::format("burn-{}", n++), b.burn.name + " ignition", g, b.burn.start, {{255, 128, 0, 255}, 2.0, true});
    }
    doc.add_marker("breakup", "breakup", r.breakup_place, p.breakup.epoch, {{255, 0, 0, 255}, 2.0, true});
    int k = 0;
    for (const auto& d : r.descents) {
      std::vector<TrajectorySample> path;
      for (const auto& s : d.path)
        if (path.empty() || s.epoch - path.back().epoch > 1e-3) path.push_back({s.epoch, s.r});
      if (path.size() >= 2)
        doc.add_trajectory(fmt::format("fragment-{}", k), d.impact.fragment, path, Frame::ITRF,
                           {{200, 200, 255, 255}, 1.0, false}, 3);
      ++k;
    }
    if (r.footprint.outline.size() >= 4)
      doc.add_polygon("footprint", "footprint", geojson::ring_points(r.footprint.outline), {{255, 0, 0, 100}, 2.0, true});
    doc.add_polygon("target-zone", r.zone.name(), geojson::ring_points(r.zone.vertices()), {{0, 200, 0, 60}, 2.0, true});
    doc.write(dir / "trajectory.czml");
    written.push_back("trajectory.czml");
  }

  // trajectory.oem: the stack from the start to the breakup, GCRF.
  {
    std::vector<StateVector> states;
    for (const auto& s : p.trajectory)
      if (states.empty() || s.epoch - states.back().epoch > 1e-3) states.push_back(s);
    ObjectIdentity id;
    id.name = r.scenario.station_name;
    write_file_atomically(dir / "trajectory.oem", [&](std::ostream& out) {
      write_oem_kvn(out, states, id, "deorbit", "Planned deorbit trajectory from deorbit plan (" + r.scenario.name + ")");
    });
    written.push_back("trajectory.oem");
  }

  // Altitude and perigee against time. The perigee is osculating, shown while the stack is above 120 km (below,
  // in the dense atmosphere, osculating elements say nothing useful).
  {
    LinePlot plot;
    plot.title = r.scenario.name;
    plot.x_label = "Date (UTC)";
    plot.y_label = "Height [km]";
    Series alt{"altitude (geodetic, WGS84)", {}, {}, {}, {}}, per{"perigee (osculating, above 6378.137 km)", {}, {}, {}, {}};
    per.style.dashed = true;
    for (std::size_t k = 0; k < p.history.size() && k < track.size(); ++k) {
      alt.times.push_back(p.history[k].epoch);
      alt.y.push_back(track[k].height / 1000.0);
      if (track[k].height > 120e3) {
        per.times.push_back(p.history[k].epoch);
        per.y.push_back(p.history[k].perigee / 1000.0);
      }
    }
    plot.series = {alt};
    if (!per.y.empty()) plot.series.push_back(per);
    std::string name = "altitude." + r.scenario.outputs.plot_format;
    write_plot(plot, dir / name);
    written.push_back(name);
  }
  return written;
}

void print_plan_summary(std::ostream& out, const PlanResult& r, const std::vector<std::string>& written) {
  const Scenario& s = r.scenario;
  const DeorbitPlan& p = r.plan;
  DeorbitVehicle v = s.deorbit_vehicle();
  out << fmt::format("deorbit plan: {}\n", s.name);
  out << fmt::format("  stack {:.0f} kg; {}: {:.1f} kN, Isp {:.0f} s, {:.0f} kg of propellant\n", s.stack_mass(),
                     v.name, total_thrust(v.engines) / 1000.0, effective_isp(v.engines), v.propellant);
  if (!p.burns.empty()) {
    if (!s.burns.empty()) out << "  burns flown as given in the scenario\n";
    out << fmt::format("  {:<12} {:<24} {:>9} {:>10} {:>11} {:>14}\n", "burn", "ignition (UTC)", "duration",
                       "delta-v", "propellant", "perigee after");
    for (const auto& b : p.burns)
      out << fmt::format("  {:<12} {:<24} {:>7.0f} s {:>6.2f} m/s {:>8.0f} kg {:>11.1f} km\n", b.burn.name,
                         utc(b.burn.start), b.burn.duration, b.delta_v, b.propellant, b.perigee_after / 1000.0);
  }
  if (p.feasible) {
    if (r.entry_interface)
      out << fmt::format("  120 km at {} (flight-path angle {:.2f} deg, inertial)\n", utc(*r.entry_interface),
                         r.entry_flight_path_angle / deg);
    out << fmt::format("  breakup at {:.0f} km: {}  {:.2f} deg, {:.2f} deg\n", s.strategy.breakup_altitude / 1000.0,
                       utc(p.breakup.epoch), r.breakup_place.latitude / deg, r.breakup_place.longitude / deg);
    Epoch first = p.breakup.epoch, last = p.breakup.epoch;
    bool any = false;
    auto span = [&](const Impact& i) {
      if (!any || i.epoch - first < 0) first = i.epoch;
      if (!any || i.epoch - last > 0) last = i.epoch;
      any = true;
    };
    for (const auto& d : r.descents) span(d.impact);
    std::size_t hazardous = 0;
    for (std::size_t k = 0; k < r.object_impacts.size(); ++k)
      if (r.tree->objects[r.object_impact_index[k]].kinetic_energy > casualty_energy_threshold) {
        span(r.object_impacts[k]);
        ++hazardous;
      }
    if (r.tree)
      out << fmt::format("  demise: {} of {} objects flown survive; {:.0f} of {:.0f} kg reach the ground ({:.1f} %)\n",
                         r.object_impacts.size(), r.tree->objects.size(), r.tree->surviving_mass,
                         r.tree->initial_mass, 100.0 * r.tree->surviving_mass / r.tree->initial_mass);
    out << fmt::format("  footprint of {} impact groups above 15 J: {:.0f} km long, {:.1f} km wide; impacts {} to {}\n",
                       r.descents.size() + hazardous, r.footprint.along_track_length / 1000.0,
                       r.footprint.cross_track_width / 1000.0, utc(first), utc(last));
    out << fmt::format("  target zone \"{}\": smallest margin {:.0f} km; nearest land {:.0f} km\n", r.zone.name(),
                       r.containment.min_margin / 1000.0, r.min_distance_to_land / 1000.0);
    out << fmt::format("  casualty area {:.1f} m^2, expected casualties {:.3g} (population {}), nearest foreign land "
                       "{:.0f} km, Antarctica {:.0f} km\n",
                       r.risk.casualty_area, r.risk.expected_casualties, r.population_source,
                       r.min_distance_to_foreign_land / 1000.0, r.min_distance_to_antarctica / 1000.0);
    if (!r.scenario.fragments.empty())
      out << "  listed fragments are not heated: each is assumed to reach the ground\n";
  }
  if (r.contingencies) print_contingencies(out, *r.contingencies);
  out << fmt::format("  planned in {:.1f} s; outputs:", r.run_time);
  for (const auto& w : written) out << ' ' << w;
  out << '\n';
  out << "verdict: " << verdict(r) << '\n';
}

}  // namespace deorbit::app

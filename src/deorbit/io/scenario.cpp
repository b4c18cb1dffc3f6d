#include "deorbit/io/scenario.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/force_config.h"
#include "deorbit/io/object_tree.h"
#include "deorbit/io/dispersions_config.h"
#include "deorbit/io/yaml_map.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/opm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4.h"

namespace deorbit {
namespace {

using constants::deg;
constexpr double km = 1000.0;
constexpr double hour = 3600.0;

// The forces when a scenario gives none: EGM96 to degree 8 (enough below 300 km for a plan; the 20 x 20 field
// changes the breakup point by far less than the footprint's size) and NRLMSISE-00 drag.
constexpr const char* kDefaultForces = "gravity: {field: egm96, degree: 8}\ndrag: {atmosphere: nrlmsise00}\n";

std::string resolve(const std::string& folder, const std::string& file) {
  std::filesystem::path p(file);
  if (p.is_absolute() || folder.empty()) return p.string();
  return (std::filesystem::path(folder) / p).string();
}

Epoch epoch_value(const YamlMap& y, const std::string& key) {
  std::string text = y.text_or(key, "");
  if (text.empty()) y.error(key, "an ISO 8601 UTC time, e.g. 2031-01-15T00:00:00");
  try {
    return Epoch::from_iso(text, TimeScale::UTC);
  } catch (const InputError&) {
    y.error(key, "an ISO 8601 UTC time, e.g. 2031-01-15T00:00:00");
  }
}

std::string required_text(const YamlMap& y, const std::string& key, const std::string& what) {
  std::string t = y.text_or(key, "");
  if (t.empty()) y.error(key, what);
  return t;
}

OrbitSource read_orbit(const YamlMap& y, const std::string& folder) {
  OrbitSource o;
  std::vector<std::string> given;
  for (const char* k : {"embedded", "tle_file", "omm_file", "opm_file", "keplerian"})
    if (y.has(k)) given.emplace_back(k);
  if (given.size() != 1)
    y.error(given.size() > 1 ? given[1] : "embedded", "exactly one of embedded, tle_file, omm_file, opm_file or keplerian");
  if (y.has("embedded")) {
    (void)y.text_or("embedded", "iss", {"iss"});
    o.kind = OrbitSource::Kind::Embedded;
  } else if (y.has("tle_file") || y.has("omm_file")) {
    bool tle = y.has("tle_file");
    o.kind = tle ? OrbitSource::Kind::Tle : OrbitSource::Kind::Omm;
    o.file = resolve(folder, required_text(y, tle ? "tle_file" : "omm_file", "a file name"));
    if (y.has("norad")) o.norad = static_cast<std::uint32_t>(y.number("norad", "", 1, 999999999));
  } else if (y.has("opm_file")) {
    o.kind = OrbitSource::Kind::Opm;
    o.file = resolve(folder, required_text(y, "opm_file", "a file name"));
  } else {
    auto k = y.map("keplerian");
    o.kind = OrbitSource::Kind::Keplerian;
    o.epoch = epoch_value(*k, "epoch_utc");
    o.perigee_height = k->number("perigee_height_km", "km", 60, 100000) * km;
    o.apogee_height = k->number("apogee_height_km", "km", 60, 400000) * km;
    if (o.apogee_height < o.perigee_height) k->error("apogee_height_km", "a height >= perigee_height_km");
    o.inclination = k->number("inclination_deg", "deg", 0, 180) * deg;
    o.raan = k->number_or("raan_deg", 0, "deg", -360, 360) * deg;
    o.arg_of_perigee = k->number_or("arg_of_perigee_deg", 0, "deg", -360, 360) * deg;
    o.true_anomaly = k->number_or("true_anomaly_deg", 0, "deg", -360, 360) * deg;
    k->refuse_unknown_keys();
  }
  y.refuse_unknown_keys();
  return o;
}

Engine read_engine(const YamlMap& y) {
  Engine e;
  e.name = y.text_or("name", "engine");
  e.thrust = y.number("thrust_n", "N", 1e-6, 1e8);
  e.isp = y.number("isp_s", "s", 1, 10000);
  e.count = y.integer_or("count", 1, 1, 1000);
  y.refuse_unknown_keys();
  return e;
}

VehicleSpec read_vehicle(const YamlMap& y) {
  VehicleSpec v;
  v.name = y.text_or("name", "deorbit vehicle");
  v.dry_mass = y.number("dry_mass_kg", "kg", 0, 1e7);
  v.propellant = y.number("propellant_kg", "kg", 0, 1e7);
  for (const auto& e : y.map_list("engines")) v.engines.push_back(read_engine(e));
  if (v.engines.empty()) y.error("engines", "a list of at least one engine (name, thrust_n, isp_s, count)");
  y.refuse_unknown_keys();
  return v;
}

// One burn of a given plan (`burns:`): which vehicle, when, how long (or how much delta-v), how many of the vehicle's
// engines, with what thrust and Isp, along which attitude.
GivenBurn read_burn(const YamlMap& y, const std::vector<VehicleSpec>& vehicles, std::size_t index) {
  GivenBurn g;
  g.burn.name = y.text_or("name", fmt::format("burn {}", index + 1));
  std::string names;
  for (const auto& v : vehicles) names += (names.empty() ? "" : ", ") + v.name;
  if (y.has("vehicle") || vehicles.size() > 1) {
    g.vehicle = required_text(y, "vehicle", fmt::format("the name of one of the vehicles ({})", names));
  } else {
    g.vehicle = vehicles.front().name;
  }
  auto v = std::find_if(vehicles.begin(), vehicles.end(), [&](const VehicleSpec& s) { return s.name == g.vehicle; });
  if (v == vehicles.end()) y.error("vehicle", fmt::format("the name of one of the vehicles ({})", names));
  g.burn.start = epoch_value(y, "ignition_utc");
  const bool duration = y.has("duration_s"), delta_v = y.has("delta_v_mps");
  if (duration == delta_v) y.error("duration_s", "exactly one of duration_s or delta_v_mps");
  if (duration) g.burn.duration = y.number("duration_s", "s", 0, 1e6);
  if (delta_v) g.delta_v = y.number("delta_v_mps", "m/s", 0, 1e4);
  g.burn.engines = v->engines;
  const bool overrides = y.has("engines_used") || y.has("thrust_n") || y.has("isp_s");
  if (overrides && v->engines.size() > 1)
    y.error(y.has("engines_used") ? "engines_used" : y.has("thrust_n") ? "thrust_n" : "isp_s",
            fmt::format("no engine overrides for vehicle '{}', which has {} engine groups: give the burn's vehicle "
                        "one group",
                        v->name, v->engines.size()));
  Engine& e = g.burn.engines.front();
  e.count = y.integer_or("engines_used", e.count, 1, e.count);
  e.thrust = y.number_or("thrust_n", e.thrust, "N", 1e-6, 1e8);
  e.isp = y.number_or("isp_s", e.isp, "s", 1, 1e5);
  g.burn.attitude = *attitude_law_from_string(y.text_or(
      "attitude", "retrograde", {"retrograde", "prograde", "radial-in", "radial-out", "normal", "anti-normal"}));
  y.refuse_unknown_keys();
  return g;
}

Fragment read_fragment(const YamlMap& y) {
  Fragment f;
  f.name = required_text(y, "name", "a fragment name");
  f.mass = y.number("mass_kg", "kg", 1e-6, 1e7);
  f.count = y.integer_or("count", 1, 1, 1000000);
  bool area = y.has("area_m2"), beta = y.has("ballistic_coefficient_kg_m2");
  if (area == beta) y.error("area_m2", "exactly one of area_m2 or ballistic_coefficient_kg_m2");
  f.drag_coefficient = y.number_or("drag_coefficient", 1.0, "", 0.01, 10);
  if (area) {
    f.reference_area = y.number("area_m2", "m^2", 1e-8, 1e5);
  } else {
    double b = y.number("ballistic_coefficient_kg_m2", "kg/m^2", 0.01, 1e6);
    f.reference_area = f.mass / (f.drag_coefficient * b);
  }
  y.refuse_unknown_keys();
  return f;
}

TargetZoneSpec read_zone(const YamlMap& y, const std::string& folder) {
  TargetZoneSpec z;
  std::vector<std::string> given;
  for (const char* k : {"default", "polygon_deg", "geojson_file"})
    if (y.has(k)) given.emplace_back(k);
  if (given.size() != 1) y.error(given.size() > 1 ? given[1] : "default", "exactly one of default, polygon_deg or geojson_file");
  if (y.has("default")) {
    (void)y.text_or("default", "south-pacific", {"south-pacific"});
    z.kind = TargetZoneSpec::Kind::Default;
  } else if (y.has("geojson_file")) {
    z.kind = TargetZoneSpec::Kind::GeoJson;
    z.file = resolve(folder, required_text(y, "geojson_file", "a file name"));
  } else {
    z.kind = TargetZoneSpec::Kind::Polygon;
    z.name = y.text_or("name", "target zone");
    for (const auto& row : y.number_rows("polygon_deg", {"lat_deg", "lon_deg"}, {-90, -180}, {90, 360}))
      z.vertices_deg.emplace_back(row[0], row[1]);
    if (z.vertices_deg.size() < 3) y.error("polygon_deg", "at least 3 [lat_deg, lon_deg] vertices");
  }
  y.refuse_unknown_keys();
  return z;
}

Scenario build(const YamlMap& y, const std::string& label, const std::string& folder,
               const ScenarioOverrides& overrides) {
  Scenario s;
  s.file = label;
  s.name = y.text_or("name", "deorbit plan");
  if (y.has("start_utc")) s.start = epoch_value(y, "start_utc");

  auto orbit = y.map("orbit");
  if (!orbit) y.error("orbit", "an orbit section (embedded, tle_file, omm_file, opm_file or keplerian)");
  s.orbit = read_orbit(*orbit, folder);

  auto st = y.map("station");
  if (!st) y.error("station", "a station section (mass_kg, drag_area_m2, drag_coefficient)");
  s.station_name = st->text_or("name", "station");
  s.station.mass = st->number("mass_kg", "kg", 1, 1e8);
  s.station.drag_area = st->number("drag_area_m2", "m^2", 0, 1e6);
  s.station.drag_coefficient = st->number("drag_coefficient", "", 0, 10);
  s.station.srp_area = st->number_or("srp_area_m2", s.station.drag_area, "m^2", 0, 1e6);
  s.station.srp_coefficient = st->number_or("srp_coefficient", 1.3, "", 0, 3);
  st->refuse_unknown_keys();

  for (const auto& v : y.map_list("vehicles")) s.vehicles.push_back(read_vehicle(v));
  if (s.vehicles.empty()) y.error("vehicles", "a list of at least one deorbit vehicle");

  PlannerSettings& p = s.strategy;
  if (auto g = y.map("strategy")) {
    p.target_perigees = g->number_list("target_perigees_km", "km", 0, 10000);
    for (double& h : p.target_perigees) h *= km;
    for (std::size_t i = 1; i < p.target_perigees.size(); ++i)
      if (!(p.target_perigees[i] < p.target_perigees[i - 1]))
        g->error("target_perigees_km", "heights that decrease from one burn to the next");
    p.final_perigee = g->number_or("final_perigee_km", 0, "km", -6000, 10000) * km;
    if (!p.target_perigees.empty() && !(p.final_perigee < p.target_perigees.back()))
      g->error("final_perigee_km", "a height below the last of target_perigees_km");
    p.burn_spacing = g->number_or("burn_spacing_h", 24, "h", 0.01, 1000) * hour;
    p.max_burn_duration = g->number_or("max_burn_duration_s", 3600, "s", 1, 1e6);
    p.final_window = g->number_or("final_window_h", 24, "h", 0, 1000) * hour;
    p.final_scan_step = g->number_or("final_scan_step_s", 120, "s", 1, 86400);
    p.perigee_tolerance = g->number_or("perigee_tolerance_m", 100, "m", 0.1, 1e5);
    p.max_descent = g->number_or("max_descent_h", 48, "h", 0.1, 1000) * hour;
    std::string att = g->text_or("attitude", "retrograde",
                                 {"retrograde", "prograde", "radial-in", "radial-out", "normal", "anti-normal"});
    p.attitude = *attitude_law_from_string(att);
    p.impulsive = g->text_or("burn_model", "finite", {"finite", "impulsive"}) == "impulsive";
    p.goal = g->text_or("optimise", "margin", {"margin", "propellant"}) == "propellant" ? PlanGoal::Propellant
                                                                                      : PlanGoal::Margin;
    if (g->has("entry_flight_path_deg")) {
      std::vector<double> range = g->number_list("entry_flight_path_deg", "deg", -90, 90);
      if (range.size() != 2 || !(range[0] < range[1]))
        g->error("entry_flight_path_deg", "[min, max]: two angles below the horizon at 120 km, min < max");
      p.entry_angle_min = range[0] * deg;
      p.entry_angle_max = range[1] * deg;
    }
    if (p.goal == PlanGoal::Propellant) {
      if (!g->has("min_margin_km"))
        g->error("min_margin_km", "the least margin of the footprint inside the target zone (with optimise: propellant)");
      p.min_objective = g->number_or("min_margin_km", 0, "km", -10000, 10000) * km;
    } else if (g->has("min_margin_km")) {
      g->error("min_margin_km", "nothing here: this key goes with optimise: propellant");
    }
    // The final perigees searched: with propellant, by default from the given one (the steepest) up to 50 km higher,
    // below the last target; with margin, only when given (the widest margin the propellant allows over them).
    if (p.goal == PlanGoal::Propellant || g->has("final_perigee_range_km")) {
      double top = p.target_perigees.empty() ? p.final_perigee + 50 * km
                                             : std::min(p.final_perigee + 50 * km, p.target_perigees.back() - 10 * km);
      std::vector<double> range{p.final_perigee / km, top / km};
      if (g->has("final_perigee_range_km")) range = g->number_list("final_perigee_range_km", "km", -6000, 10000);
      if (range.size() != 2 || !(range[0] < range[1]) ||
          (!p.target_perigees.empty() && !(range[1] * km < p.target_perigees.back())))
        g->error("final_perigee_range_km", "[low, high], low < high, both below the last of target_perigees_km");
      p.final_perigee_low = range[0] * km;
      p.final_perigee_high = range[1] * km;
    }
    g->refuse_unknown_keys();
  } else if (!y.has("burns")) {
    y.error("strategy", "a strategy section (target_perigees_km, final_perigee_km, ...) or a list of burns");
  }
  if (y.has("burns")) {
    if (y.has("strategy"))
      y.error("burns", "either strategy (the planner finds the burns) or burns (flown as given), not both");
    const std::vector<YamlMap> list = y.map_list("burns");
    for (std::size_t i = 0; i < list.size(); ++i) s.burns.push_back(read_burn(list[i], s.vehicles, i));
    if (s.burns.empty()) y.error("burns", "a list of at least one burn (vehicle, ignition_utc, duration_s or delta_v_mps)");
    p.max_descent = y.number_or("max_descent_h", 48, "h", 0.1, 1000) * hour;
  } else if (y.has("max_descent_h")) {
    y.error("max_descent_h", "max_descent_h under strategy (at the top level only beside burns)");
  }
  if (auto b = y.map("breakup")) {
    p.breakup_altitude = b->number_or("altitude_km", 78, "km", 1, 200) * km;
    b->refuse_unknown_keys();
  }
  if (y.has("objects_file")) {
    std::string name = y.text_or("objects_file", "");
    if (y.has("breakup"))
      y.error("breakup", "no breakup section beside objects_file: the tree's root gives the breakup altitude "
                         "(breakup_altitude_km), and the plan's propagation ends where the first object leaves it");
    // "embedded:NAME" names a tree embedded in the program (what --explain writes for the default); the embedded
    // scenario names its tree by the file name of the copy in examples/.
    const bool explicit_embedded = name.rfind("embedded:", 0) == 0;
    if (explicit_embedded) name = name.substr(9);
    auto embedded = explicit_embedded || (folder.empty() && label.rfind("embedded", 0) == 0)
                        ? embedded_data(std::filesystem::path(name).filename().string())
                        : std::nullopt;
    if (explicit_embedded && !embedded)
      y.error("objects_file", fmt::format("an embedded tree (none is named {})", name));
    if (embedded) {
      s.objects_file = "embedded " + std::filesystem::path(name).filename().string();
      s.objects = load_objects_text(std::string(*embedded), s.objects_file);
    } else {
      s.objects_file = resolve(folder, name);
      if (!std::filesystem::exists(s.objects_file))
        y.error("objects_file", fmt::format("an existing object-tree file (not found: {})", s.objects_file));
      s.objects = load_objects_file(s.objects_file);
    }
    p.breakup_altitude = 0;
    for (const auto& root : s.objects) p.breakup_altitude = std::max(p.breakup_altitude, first_release_altitude(root));
  }
  if (!p.target_perigees.empty() && !(p.breakup_altitude < p.target_perigees.back()))
    y.error(y.has("objects_file") ? "objects_file" : "breakup",
            "a breakup (or first release) altitude below the perigee targets");
  if (auto d = y.map("demise")) {
    if (!y.has("objects_file")) d->error("oxidation_factor", "a demise section only beside objects_file");
    s.demise.oxidation_factor = d->number_or("oxidation_factor", default_oxidation_factor, "", 1, 10);
    s.demise.accommodation = d->number_or("accommodation", default_accommodation, "", 0.01, 1);
    s.demise.initial_temperature = d->number_or("initial_temperature_k", 300, "K", 1, 3000);
    s.demise.max_step = d->number_or("max_step_s", s.demise.max_step, "s", 1e-3, 10);
    d->refuse_unknown_keys();
  }

  for (const auto& f : y.map_list("fragments")) s.fragments.push_back(read_fragment(f));
  if (s.fragments.empty() && s.objects.empty())
    y.error("fragments", "a list of at least one fragment (name, mass_kg, area_m2 or ballistic_coefficient_kg_m2), "
                         "or an object tree (objects_file)");

  if (auto z = y.map("target_zone")) s.target_zone = read_zone(*z, folder);

  s.space_weather_file = y.text_or("space_weather_file", "");
  if (!s.space_weather_file.empty()) s.space_weather_file = resolve(folder, s.space_weather_file);
  if (!overrides.space_weather_file.empty()) s.space_weather_file = overrides.space_weather_file;
  if (s.space_weather_file.empty() && overrides.cached_space_weather)
    s.space_weather_file = datasets::space_weather_file("");
  std::shared_ptr<const SpaceWeather> weather =
      s.space_weather_file.empty() ? std::make_shared<const SpaceWeather>(SpaceWeather::embedded())
                                   : std::make_shared<const SpaceWeather>(SpaceWeather::read(s.space_weather_file));
  s.weather = weather;
  if (auto f = y.map("forces")) {
    if (f->has("spacecraft")) f->error("spacecraft", "no spacecraft here: the stack's figures go under station");
    if (f->has("integrator") && f->map("integrator")->has("floor_altitude_m"))
      f->error("integrator", "no floor_altitude_m: the runs end at breakup.altitude_km");
    s.forces = force_config_from(*f, weather);
    s.forces_yaml = f->dump();
  } else {
    s.forces = force_config_from(YamlMap::load_text(kDefaultForces, "default forces"), weather);
    s.forces_yaml = kDefaultForces;
  }
  if (auto d = y.map("descent")) {
    s.descent_position_tolerance = d->number_or("position_tolerance_m", 1.0, "m", 1e-6, 1e4);
    s.descent_sample_step = d->number_or("sample_step_s", 10.0, "s", 0.01, 3600);
    d->refuse_unknown_keys();
  }
  if (auto d = y.map("dispersions")) s.dispersions = dispersions_from(*d);
  if (auto c = y.map("contingencies")) {
    if (c->has("failure_probability")) s.contingencies.failure_probability = c->number("failure_probability", "-", 0, 1);
    s.contingencies.cutoff_step = c->number_or("cutoff_step_percent", 5, "%", 0.5, 50) / 100;
    c->refuse_unknown_keys();
  }
  if (auto o = y.map("outputs")) {
    s.outputs.trajectory_step = o->number_or("trajectory_step_s", 60, "s", 1, 86400);
    s.outputs.plot_format = o->text_or("plot_format", "svg", {"svg", "png"});
    o->refuse_unknown_keys();
  }
  p.sample_step = s.outputs.trajectory_step;
  y.refuse_unknown_keys();
  s.forces.spacecraft = s.station;
  s.forces.spacecraft.mass = s.stack_mass();
  return s;
}

}  // namespace

double Scenario::stack_mass() const {
  double m = station.mass;
  for (const auto& v : vehicles) m += v.dry_mass + v.propellant;
  return m;
}

std::vector<VehiclePropellant> Scenario::propellant() const {
  std::vector<VehiclePropellant> out;
  for (const auto& v : vehicles) out.push_back({v.name, v.propellant});
  return out;
}

DeorbitVehicle Scenario::deorbit_vehicle() const {
  DeorbitVehicle d;
  for (const auto& v : vehicles) {
    d.name += (d.name.empty() ? "" : " + ") + v.name;
    d.engines.insert(d.engines.end(), v.engines.begin(), v.engines.end());
    d.propellant += v.propellant;
  }
  return d;
}

Scenario read_scenario(const std::string& path, const ScenarioOverrides& overrides) {
  YamlMap y = YamlMap::load_file(path);
  std::string folder = std::filesystem::path(path).parent_path().string();
  Scenario s = build(y, path, folder, overrides);
  std::ifstream in(path, std::ios::binary);
  s.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return s;
}

Scenario parse_scenario(const std::string& yaml, const std::string& label, const std::string& folder,
                        const ScenarioOverrides& overrides) {
  Scenario s = build(YamlMap::load_text(yaml, label), label, folder, overrides);
  s.text = yaml;
  return s;
}

Scenario default_scenario(const ScenarioOverrides& overrides) {
  auto text = embedded_data("iss-usdv.yaml");
  if (!text) throw InputError("the embedded default scenario iss-usdv.yaml is missing from this build");
  return parse_scenario(std::string(*text), "embedded iss-usdv.yaml", "", overrides);
}

std::string explain_scenario(const Scenario& s) {
  std::string o;
  auto add = [&o](const std::string& line) { o += line + "\n"; };
  auto num = [](double v) { return fmt::format("{}", v); };
  add(fmt::format("# The scenario {} with every default filled in.", s.file));
  add(fmt::format("name: \"{}\"", s.name));
  if (s.start) add(fmt::format("start_utc: {}", s.start->iso(TimeScale::UTC, 3)));
  else add("# start_utc: (none: the plan starts at the orbit's epoch)");
  add("orbit:");
  switch (s.orbit.kind) {
    case OrbitSource::Kind::Embedded: add("  embedded: iss"); break;
    case OrbitSource::Kind::Tle: add(fmt::format("  tle_file: \"{}\"", s.orbit.file)); break;
    case OrbitSource::Kind::Omm: add(fmt::format("  omm_file: \"{}\"", s.orbit.file)); break;
    case OrbitSource::Kind::Opm: add(fmt::format("  opm_file: \"{}\"", s.orbit.file)); break;
    case OrbitSource::Kind::Keplerian:
      add("  keplerian:  # osculating, GCRF");
      add(fmt::format("    epoch_utc: {}", s.orbit.epoch.iso(TimeScale::UTC, 3)));
      add(fmt::format("    perigee_height_km: {}", num(s.orbit.perigee_height / km)));
      add(fmt::format("    apogee_height_km: {}", num(s.orbit.apogee_height / km)));
      add(fmt::format("    inclination_deg: {}", num(s.orbit.inclination / deg)));
      add(fmt::format("    raan_deg: {}", num(s.orbit.raan / deg)));
      add(fmt::format("    arg_of_perigee_deg: {}", num(s.orbit.arg_of_perigee / deg)));
      add(fmt::format("    true_anomaly_deg: {}", num(s.orbit.true_anomaly / deg)));
      break;
  }
  if (s.orbit.norad) add(fmt::format("  norad: {}", *s.orbit.norad));
  add("station:");
  add(fmt::format("  name: \"{}\"", s.station_name));
  add(fmt::format("  mass_kg: {}", num(s.station.mass)));
  add(fmt::format("  drag_area_m2: {}", num(s.station.drag_area)));
  add(fmt::format("  drag_coefficient: {}", num(s.station.drag_coefficient)));
  add(fmt::format("  srp_area_m2: {}", num(s.station.srp_area)));
  add(fmt::format("  srp_coefficient: {}", num(s.station.srp_coefficient)));
  add("vehicles:");
  for (const auto& v : s.vehicles) {
    add(fmt::format("  - name: \"{}\"", v.name));
    add(fmt::format("    dry_mass_kg: {}", num(v.dry_mass)));
    add(fmt::format("    propellant_kg: {}", num(v.propellant)));
    add("    engines:");
    for (const auto& e : v.engines)
      add(fmt::format("      - {{name: \"{}\", thrust_n: {}, isp_s: {}, count: {}}}", e.name, num(e.thrust),
                      num(e.isp), e.count));
  }
  const PlannerSettings& p = s.strategy;
  if (!s.burns.empty()) {
    add("burns:  # flown as given");
    for (const auto& g : s.burns) {
      const Engine& e = g.burn.engines.front();
      std::string how = g.delta_v ? fmt::format("delta_v_mps: {}", num(*g.delta_v))
                                  : fmt::format("duration_s: {}", num(g.burn.duration));
      std::string engines = g.burn.engines.size() == 1
                                ? fmt::format(", engines_used: {}, thrust_n: {}, isp_s: {}", e.count, num(e.thrust),
                                              num(e.isp))
                                : "";
      add(fmt::format("  - {{name: \"{}\", vehicle: \"{}\", ignition_utc: {}, {}{}, attitude: {}}}", g.burn.name,
                      g.vehicle, g.burn.start.iso(TimeScale::UTC, 3), how, engines, to_string(g.burn.attitude)));
    }
    add(fmt::format("max_descent_h: {}", num(p.max_descent / hour)));
  } else {
    add("strategy:");
    std::string targets;
    for (double h : p.target_perigees) targets += (targets.empty() ? "" : ", ") + num(h / km);
    add(fmt::format("  target_perigees_km: [{}]", targets));
    add(fmt::format("  burn_spacing_h: {}", num(p.burn_spacing / hour)));
    add(fmt::format("  final_perigee_km: {}", num(p.final_perigee / km)));
    add(fmt::format("  max_burn_duration_s: {}", num(p.max_burn_duration)));
    add(fmt::format("  final_window_h: {}", num(p.final_window / hour)));
    add(fmt::format("  final_scan_step_s: {}", num(p.final_scan_step)));
    add(fmt::format("  perigee_tolerance_m: {}", num(p.perigee_tolerance)));
    add(fmt::format("  max_descent_h: {}", num(p.max_descent / hour)));
    add(fmt::format("  attitude: {}", to_string(p.attitude)));
    add(fmt::format("  burn_model: {}", p.impulsive ? "impulsive" : "finite"));
    add(fmt::format("  optimise: {}", p.goal == PlanGoal::Propellant ? "propellant" : "margin"));
    if (p.goal == PlanGoal::Propellant) add(fmt::format("  min_margin_km: {}", num(p.min_objective / km)));
    if (p.final_perigee_high > p.final_perigee_low)
      add(fmt::format("  final_perigee_range_km: [{}, {}]", num(p.final_perigee_low / km),
                      num(p.final_perigee_high / km)));
    add(fmt::format("  entry_flight_path_deg: [{}, {}]", num(p.entry_angle_min / deg), num(p.entry_angle_max / deg)));
  }
  if (s.objects.empty()) {
    add("breakup:");
    add(fmt::format("  altitude_km: {}", num(p.breakup_altitude / km)));
  } else {
    bool embedded = s.objects_file.rfind("embedded ", 0) == 0;
    add(fmt::format("objects_file: \"{}{}\"{}", embedded ? "embedded:" : "",
                    embedded ? s.objects_file.substr(9) : s.objects_file,
                    embedded ? "  # the copy of examples/objects/" + s.objects_file.substr(9) + " in the program" : ""));
    add(fmt::format("# the plan's propagation ends at the tree's first release, {} km", num(p.breakup_altitude / km)));
    add("demise:");
    add(fmt::format("  oxidation_factor: {}", num(s.demise.oxidation_factor)));
    add(fmt::format("  accommodation: {}", num(s.demise.accommodation)));
    add(fmt::format("  initial_temperature_k: {}", num(s.demise.initial_temperature)));
    add(fmt::format("  max_step_s: {}", num(s.demise.max_step)));
  }
  if (!s.fragments.empty()) add("fragments:  # area_m2 is derived from a ballistic coefficient when one was given");
  for (const auto& f : s.fragments)
    add(fmt::format("  - {{name: \"{}\", mass_kg: {}, area_m2: {}, drag_coefficient: {}, count: {}}}", f.name,
                    num(f.mass), num(f.reference_area), num(f.drag_coefficient), f.count));
  add("target_zone:");
  switch (s.target_zone.kind) {
    case TargetZoneSpec::Kind::Default: add("  default: south-pacific"); break;
    case TargetZoneSpec::Kind::GeoJson: add(fmt::format("  geojson_file: \"{}\"", s.target_zone.file)); break;
    case TargetZoneSpec::Kind::Polygon: {
      add(fmt::format("  name: \"{}\"", s.target_zone.name));
      std::string v;
      for (const auto& [lat, lon] : s.target_zone.vertices_deg) v += fmt::format("{}[{}, {}]", v.empty() ? "" : ", ", lat, lon);
      add(fmt::format("  polygon_deg: [{}]", v));
      break;
    }
  }
  add("forces:  # as given (keys left out take the defaults listed by `deorbit propagate --help`)");
  std::istringstream forces(s.forces_yaml);
  for (std::string line; std::getline(forces, line);)
    if (!line.empty()) add("  " + line);
  if (s.space_weather_file.empty()) add("# space_weather_file: (none: the embedded CelesTrak table; none cached)");
  else add(fmt::format("space_weather_file: \"{}\"", s.space_weather_file));
  add("descent:");
  add(fmt::format("  position_tolerance_m: {}", num(s.descent_position_tolerance)));
  add(fmt::format("  sample_step_s: {}", num(s.descent_sample_step)));
  add("contingencies:  # of the final burn, flown by `deorbit plan` (docs/contingencies.md)");
  if (s.contingencies.failure_probability)
    add(fmt::format("  failure_probability: {}", num(*s.contingencies.failure_probability)));
  else
    add("  # failure_probability: (none: the report gives the largest that passes NASA-STD-8719.14 4.7-1c)");
  add(fmt::format("  cutoff_step_percent: {}", num(100 * s.contingencies.cutoff_step)));
  add("outputs:");
  add(fmt::format("  trajectory_step_s: {}", num(s.outputs.trajectory_step)));
  add(fmt::format("  plot_format: {}", s.outputs.plot_format));
  add("# dispersions of `deorbit campaign` (docs/campaign.md)");
  o += dispersions_yaml(s.dispersions);
  return o;
}

StateVector initial_state(const Scenario& s, const EarthOrientation& eop) {
  FrameTransformer frames(eop);
  StateVector at_epoch;
  auto from_elements = [&](std::vector<MeanElements> sets, const std::string& what) {
    if (sets.empty()) throw InputError(fmt::format("{}: no element set", what));
    const MeanElements* pick = &sets.front();
    if (s.orbit.norad) {
      pick = nullptr;
      for (const auto& e : sets)
        if (e.object.catalogue_number == s.orbit.norad) pick = &e;
      if (!pick) throw InputError(fmt::format("{}: no element set for NORAD {}", what, *s.orbit.norad));
    }
    Sgp4State st = Sgp4(*pick).at(pick->epoch);
    if (!st.ok()) throw InputError(fmt::format("{}: SGP4 fails at the epoch: {}", what, st.message));
    return frames.transform({pick->epoch, Frame::TEME, st.r, st.v}, Frame::GCRF);
  };
  switch (s.orbit.kind) {
    case OrbitSource::Kind::Embedded: {
      std::istringstream in{std::string(*embedded_data("iss_25544.tle"))};
      TleReader reader(in, "embedded iss_25544.tle", {.strict = true});
      std::vector<MeanElements> sets;
      while (auto e = reader.next()) sets.push_back(*e);
      at_epoch = from_elements(std::move(sets), "embedded ISS element set");
      break;
    }
    case OrbitSource::Kind::Tle:
      at_epoch = from_elements(read_tle_file(s.orbit.file, {.strict = true}).records, s.orbit.file);
      break;
    case OrbitSource::Kind::Omm:
      at_epoch = from_elements(read_omm_file(s.orbit.file, {.strict = true}).records, s.orbit.file);
      break;
    case OrbitSource::Kind::Opm:
      at_epoch = frames.transform(read_opm_file(s.orbit.file).state, Frame::GCRF);
      break;
    case OrbitSource::Kind::Keplerian: {
      KeplerianElements k;
      double rp = constants::wgs84_a + s.orbit.perigee_height, ra = constants::wgs84_a + s.orbit.apogee_height;
      k.semi_major_axis = 0.5 * (rp + ra);
      k.eccentricity = (ra - rp) / (ra + rp);
      k.inclination = s.orbit.inclination;
      k.raan = s.orbit.raan;
      k.arg_of_perigee = s.orbit.arg_of_perigee;
      k.true_anomaly = s.orbit.true_anomaly;
      auto [r, v] = to_cartesian(k);
      at_epoch = {s.orbit.epoch, Frame::GCRF, r, v};
      break;
    }
  }
  if (!s.start || *s.start == at_epoch.epoch) return at_epoch;
  NumericalPropagatorSettings settings = s.forces;
  settings.floor_altitude = s.strategy.breakup_altitude;
  PropagationResult r = NumericalPropagator(settings, eop).propagate(at_epoch, *s.start, s.stack_mass());
  if (r.status != PropagationStatus::ReachedEnd)
    throw InputError(fmt::format("{}: the orbit cannot be propagated to start_utc {}: {}", s.file,
                                 s.start->iso(TimeScale::UTC, 0), r.message));
  return r.state;
}

}  // namespace deorbit

#include "deorbit/app/demise_command.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/object_tree.h"
#include "deorbit/io/plot.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/opm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/risk/casualty_area.h"
#include "deorbit/risk/expected_casualties.h"
#include "deorbit/risk/population_grid.h"

namespace deorbit::app {
namespace {

using constants::deg;
using nlohmann::json;

constexpr double kDefaultEntryAltitude = 122e3;                 // [m] ORSAT's natural-decay entry interface
constexpr double kDefaultFlightPathAngle = -0.1 * constants::deg;  // [rad] ORSAT's natural-decay convention
constexpr double kDefaultAzimuth = 90 * constants::deg;         // [rad] eastwards, without an orbit
// Past this many objects the plots' legends would hide the curves.
constexpr std::size_t kMaxLegendEntries = 15;

// The orbit the spacecraft decays from: only its inclination is used (the uncontrolled E_c and the entry heading).
struct Orbit {
  double inclination = 0;  // [rad] to the equator of date
  std::string source;
  std::optional<Epoch> epoch;
};

double decimal_year(const Epoch& t) {
  const int y = t.calendar(TimeScale::UTC).year;
  const Epoch start = Epoch::from_calendar(TimeScale::UTC, {y, 1, 1, 0, 0, 0});
  const Epoch end = Epoch::from_calendar(TimeScale::UTC, {y + 1, 1, 1, 0, 0, 0});
  return y + (t - start) / (end - start);
}

double decimal_year_now() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const int y = static_cast<int>(year_month_day{floor<days>(now)}.year());
  const sys_days start{year{y} / January / 1}, end{year{y + 1} / January / 1};
  return y + duration<double>(now - start) / duration<double>(end - start);
}

// One object's element sets: the latest is taken (the inclination barely changes over a decay).
Orbit orbit_of_elements(std::vector<MeanElements> sets, const std::string& file) {
  if (sets.empty()) throw InputError(fmt::format("{}: no element set found", file));
  for (const auto& e : sets)
    if (e.object.catalogue_number != sets.front().object.catalogue_number)
      throw InputError(fmt::format("{}: holds several objects ({} and {}, ...): give a file of one object", file,
                                   sets.front().object.catalogue_number.value_or(0),
                                   e.object.catalogue_number.value_or(0)));
  const auto last = std::max_element(sets.begin(), sets.end(),
                                     [](const MeanElements& a, const MeanElements& b) { return a.epoch - b.epoch < 0; });
  std::string name = last->object.name.empty() ? "object" : last->object.name;
  if (last->object.catalogue_number) name += fmt::format(" ({})", *last->object.catalogue_number);
  return {last->inclination,
          fmt::format("{}: {}, element set of {}Z (SGP4 mean inclination, TEME)", file, name,
                      last->epoch.iso(TimeScale::UTC, 0)),
          last->epoch};
}

std::optional<Orbit> load_orbit(const DemiseOptions& o) {
  const int given = o.inclination_deg.has_value() + !o.tle_file.empty() + !o.omm_file.empty() + !o.opm_file.empty();
  if (given > 1) throw InputError("give at most one of --inclination-deg, --tle, --omm and --opm");
  auto report = [](const std::vector<ParseIssue>& issues) {
    for (const auto& i : issues) warn("skipped a record: " + i.message());
  };
  if (o.inclination_deg) {
    if (!(*o.inclination_deg >= 0 && *o.inclination_deg <= 180))
      throw InputError(fmt::format("--inclination-deg: expected a number in [0, 180], got {}", *o.inclination_deg));
    return Orbit{*o.inclination_deg * deg, "--inclination-deg", std::nullopt};
  }
  if (!o.tle_file.empty()) {
    auto result = read_tle_file(o.tle_file);
    report(result.issues);
    return orbit_of_elements(std::move(result.records), o.tle_file);
  }
  if (!o.omm_file.empty()) {
    auto result = read_omm_file(o.omm_file);
    report(result.issues);
    return orbit_of_elements(std::move(result.records), o.omm_file);
  }
  if (!o.opm_file.empty()) {
    const Opm opm = read_opm_file(o.opm_file);
    // The latitude bands an orbit sweeps are the Earth's: the inclination to the equator of date (TEME), not to
    // J2000's (precession moves them apart by about 0.006 deg a year).
    const StateVector teme = FrameTransformer().transform(opm.state, Frame::TEME);
    const KeplerianElements k = to_keplerian(teme.r, teme.v);
    if (!(k.eccentricity < 1))
      throw InputError(fmt::format("{}: the state is not on a closed orbit (eccentricity {:.4f})", o.opm_file,
                                   k.eccentricity));
    std::string name = opm.object_name.empty() ? "object" : opm.object_name;
    return Orbit{k.inclination,
                 fmt::format("{}: {}, state of {}Z (osculating inclination, TEME)", o.opm_file, name,
                             opm.state.epoch.iso(TimeScale::UTC, 0)),
                 opm.state.epoch};
  }
  return std::nullopt;
}

// The entry state and how each of its values was chosen.
struct Entry {
  double altitude = 0, speed = 0, flight_path_angle = 0, latitude = 0, longitude = 0, azimuth = 0;
  std::string speed_rule, azimuth_rule;
  double inertial_speed = 0, inertial_azimuth = 0;  // of the resulting state, for the report
  EntryState state;
};

double option_or(const std::optional<double>& cli, const std::optional<double>& file, double fallback, double scale) {
  if (cli) return *cli * scale;
  if (file) return *file;
  return fallback;
}

void check_range(const char* option, const std::optional<double>& v, double min, double max) {
  if (v && !(*v >= min && *v <= max))
    throw InputError(fmt::format("{}: expected a number in [{}, {}], got {}", option, min, max, *v));
}

// The relative velocity the entry state needs: the speed, when not given, is the circular orbital speed
// sqrt(mu / r) at the entry point (inertial: a natural decay enters from a nearly circular orbit) less the Earth's
// rotation; the heading, when an orbit is known and no azimuth is given, is that of the orbit's northbound pass over
// the entry latitude, sin Az_i = cos i / cos(geocentric latitude), in inertial space, turned into the heading
// relative to the rotating Earth. The Earth's rotation velocity omega x r points exactly east, w = omega r cos(lat).
Entry resolve_entry(const DemiseOptions& o, const EntryInput& file, const std::optional<Orbit>& orbit) {
  check_range("--entry-altitude-km", o.entry_altitude_km, 1, 1000);
  check_range("--entry-speed-mps", o.entry_speed_mps, 1, 20000);
  check_range("--flight-path-angle-deg", o.flight_path_angle_deg, -90, 90);
  check_range("--latitude-deg", o.latitude_deg, -90, 90);
  check_range("--longitude-deg", o.longitude_deg, -180, 360);
  check_range("--azimuth-deg", o.azimuth_deg, 0, 360);
  Entry e;
  e.altitude = option_or(o.entry_altitude_km, file.altitude, kDefaultEntryAltitude, 1e3);
  e.flight_path_angle = option_or(o.flight_path_angle_deg, file.flight_path_angle, kDefaultFlightPathAngle, deg);
  e.latitude = option_or(o.latitude_deg, file.latitude, 0.0, deg);
  e.longitude = option_or(o.longitude_deg, file.longitude, 0.0, deg);
  std::optional<double> speed = o.entry_speed_mps ? o.entry_speed_mps : file.speed;
  std::optional<double> azimuth = o.azimuth_deg ? std::optional(*o.azimuth_deg * deg) : file.azimuth;

  auto direction = [&](double az, double fpa) {
    return entry_state_from(e.altitude, 1.0, fpa, e.latitude, e.longitude, az).velocity;
  };
  const Vec3 r = entry_state_from(e.altitude, 1.0, 0.0, e.latitude, e.longitude, 0.0).position;
  const Vec3 east = direction(90 * deg, 0.0);
  const double w = Vec3(0, 0, constants::earth_rotation_rate).cross(r).dot(east);
  const double v_circular = std::sqrt(constants::mu_earth / r.norm());
  const double cos_fpa = std::cos(e.flight_path_angle);
  // |s d + w east| = v_circular for the relative direction d of azimuth az: s^2 + 2 b s + w^2 - v_c^2 = 0.
  auto circular_relative_speed = [&](double az) {
    const double b = w * cos_fpa * std::sin(az);
    return -b + std::sqrt(b * b + v_circular * v_circular - w * w);
  };

  if (azimuth || !orbit) {
    e.azimuth = azimuth.value_or(kDefaultAzimuth);
    e.azimuth_rule = azimuth ? (o.azimuth_deg ? "--azimuth-deg" : "the objects file's entry") : "default: east";
    e.speed = speed.value_or(circular_relative_speed(e.azimuth));
  } else {
    const double i = orbit->inclination;
    const double lat_c = std::asin(r.z() / r.norm());
    const double reach = std::min(i, constants::pi - i);
    if (std::abs(lat_c) > reach + 1e-12)
      throw InputError(fmt::format("entry latitude {:.4f} deg: beyond the reach of an orbit of inclination {:.4f} deg",
                                   e.latitude / deg, i / deg));
    const double azimuth_inertial = std::asin(std::clamp(std::cos(i) / std::cos(lat_c), -1.0, 1.0));
    // The relative heading A whose horizontal velocity plus w east points along azimuth_inertial:
    // s cos(fpa) sin(azimuth_inertial - A) = w cos(azimuth_inertial). It and the speed depend on each other when
    // the speed is the circular one: a fixed point, converged in a few rounds (w is 6 % of s).
    double s = speed.value_or(v_circular);
    for (int k = 0; k < 100; ++k) {
      e.azimuth = azimuth_inertial - std::asin(std::clamp(w * std::cos(azimuth_inertial) / (s * cos_fpa), -1.0, 1.0));
      const double next = speed.value_or(circular_relative_speed(e.azimuth));
      const bool done = std::abs(next - s) < 1e-9;
      s = next;
      if (done) break;
    }
    e.speed = s;
    e.azimuth_rule = fmt::format("the northbound pass of the orbit over the entry latitude (inertial azimuth {:.4f} deg)",
                                 azimuth_inertial / deg);
  }
  e.speed_rule = o.entry_speed_mps ? "--entry-speed-mps"
                 : file.speed      ? "the objects file's entry"
                                   : fmt::format("default: the circular speed sqrt(mu/r) = {:.1f} m/s at the entry "
                                                 "point, inertial, less the Earth's rotation",
                                                 v_circular);
  e.azimuth = std::fmod(e.azimuth + 4 * constants::pi, 2 * constants::pi);
  e.state = entry_state_from(e.altitude, e.speed, e.flight_path_angle, e.latitude, e.longitude, e.azimuth);
  const Vec3 inertial = e.state.velocity + Vec3(0, 0, constants::earth_rotation_rate).cross(e.state.position);
  const Vec3 north = direction(0.0, 0.0);
  e.inertial_speed = inertial.norm();
  e.inertial_azimuth = std::fmod(std::atan2(inertial.dot(east), inertial.dot(north)) + 2 * constants::pi,
                                 2 * constants::pi);
  return e;
}

struct Population {
  std::string source;
  double year = 0;
  double growth = 1;
  const PopulationGrid* grid = nullptr;
  std::optional<PopulationGrid> file_grid;
};

double km(double m) { return m / 1e3; }
json number_or_null(bool has, double v) { return has ? json(v) : json(nullptr); }

// Per copy, as in deorbit plan's report: the totals multiply by count.
json object_json(const ObjectOutcome& out, double casualty_area) {
  const bool survives = !out.demised;
  return {{"name", out.name},
          {"path", out.path},
          {"parent", out.parent},
          {"count", out.count},
          {"shape", to_string(out.shape)},
          {"material", out.material},
          {"hollow", out.hollow},
          {"initial_mass_kg", out.initial_mass},
          {"release_altitude_km", km(out.release_altitude)},
          {"heating_start_altitude_km", km(out.heating_start_altitude)},
          {"demised", out.demised},
          {"demise_altitude_km", number_or_null(out.demised, km(out.demise_altitude))},
          {"melt_onset_altitude_km", number_or_null(out.melt_onset_altitude >= 0, km(out.melt_onset_altitude))},
          {"max_temperature_k", out.max_temperature},
          {"end_time_s", out.end_time},
          {"surviving_mass_kg", number_or_null(survives, out.landed_mass())},
          {"carried_mass_kg", number_or_null(survives, out.carried_mass)},
          {"cross_section_m2", out.cross_section},
          {"impact_speed_mps", number_or_null(survives, out.impact_speed)},
          {"impact_latitude_deg", number_or_null(survives, out.impact_latitude / deg)},
          {"impact_longitude_deg", number_or_null(survives, out.impact_longitude / deg)},
          {"kinetic_energy_j", number_or_null(survives, out.kinetic_energy)},
          {"casualty_area_m2", casualty_area}};
}

std::string series_name(const ObjectOutcome& out) {
  return out.count > 1 ? fmt::format("{} (x{})", out.path, out.count) : out.path;
}

std::vector<std::string> write_plots(const TreeFlight& flight, const std::filesystem::path& dir,
                                     const std::string& format, const std::string& label) {
  LinePlot altitude, temperature;
  altitude.title = "Altitude of each object: " + label;
  temperature.title = "Temperature of each object: " + label;
  altitude.x_label = temperature.x_label = "Time since entry [s]";
  altitude.y_label = "Altitude [km]";
  temperature.y_label = "Temperature [K]";
  altitude.legend = temperature.legend = flight.objects.size() <= kMaxLegendEntries;
  for (const auto& out : flight.objects) {
    if (out.history.empty()) continue;
    Series a{series_name(out), {}, {}, {}, {}}, t{series_name(out), {}, {}, {}, {}};
    for (const auto& s : out.history) {
      a.x.push_back(s.time);
      a.y.push_back(km(s.altitude));
      t.x.push_back(s.time);
      t.y.push_back(s.temperature);
    }
    altitude.series.push_back(std::move(a));
    temperature.series.push_back(std::move(t));
  }
  std::vector<std::string> written;
  if (altitude.series.empty()) return written;
  for (auto* plot : {&altitude, &temperature}) {
    const std::string name = (plot == &altitude ? "altitude." : "temperature.") + format;
    write_plot(*plot, dir / name);
    written.push_back(name);
  }
  return written;
}

std::string probability_text(double p) {
  return p > 0 ? fmt::format("{:.3g} (1 in {:.0f})", p, 1.0 / p) : "0";
}

void print_summary(std::ostream& os, const std::string& file, const Entry& e, const TreeFlight& flight,
                   const std::vector<double>& casualty_area_each, double total_casualty_area,
                   const std::optional<CasualtyRisk>& risk, const std::string& risk_note,
                   const std::vector<std::string>& written) {
  os << fmt::format("deorbit demise: {}\n", file);
  os << fmt::format("  entry {:.1f} km, {:.1f} m/s relative to the Earth, flight-path angle {:.2f} deg, "
                    "lat {:.2f} deg, lon {:.2f} deg, azimuth {:.2f} deg\n",
                    km(e.altitude), e.speed, e.flight_path_angle / deg, e.latitude / deg, e.longitude / deg,
                    e.azimuth / deg);
  long long objects = 0, survivors = 0;
  std::size_t width = 6;
  for (const auto& out : flight.objects) {
    objects += out.count;
    if (!out.demised) survivors += out.count;
    width = std::max(width, out.path.size());
  }
  os << fmt::format("  {} object{} ({} in the tree, {} flown): {} demised, {} reach the ground\n", objects,
                    objects == 1 ? "" : "s", flight.objects.size(), flight.flights, objects - survivors, survivors);
  if (survivors > 0) {
    os << fmt::format("  {:<{}} {:>6} {:<18} {:>11} {:>10} {:>12} {:>11}\n", "object", width, "count", "material",
                      "mass each", "impact", "energy each", "A_c each");
    for (std::size_t k = 0; k < flight.objects.size(); ++k) {
      const auto& out = flight.objects[k];
      if (out.demised) continue;
      os << fmt::format("  {:<{}} {:>6} {:<18} {:>8.3f} kg {:>6.1f} m/s {:>10.4g} J {:>7.3f} m^2\n", out.path, width,
                        out.count, out.material, out.landed_mass(), out.impact_speed, out.kinetic_energy,
                        casualty_area_each[k]);
    }
  }
  std::string demised;
  for (const auto& out : flight.objects)
    if (out.demised)
      demised += fmt::format("{}{}{} ({:.1f} km)", demised.empty() ? "" : ", ", out.path,
                             out.count > 1 ? fmt::format(" x{}", out.count) : "", km(out.demise_altitude));
  if (!demised.empty()) os << "  demised: " << demised << '\n';
  os << fmt::format("  surviving mass {:.2f} kg of {:.2f} kg ({:.1f} %); total casualty area {:.3f} m^2\n",
                    flight.surviving_mass, flight.initial_mass,
                    flight.initial_mass > 0 ? 100 * flight.surviving_mass / flight.initial_mass : 0.0,
                    total_casualty_area);
  if (risk)
    os << fmt::format("  expected casualties {:.3g}, probability of a casualty {} ({})\n", risk->expected_casualties,
                      probability_text(risk->probability_of_casualty), risk_note);
  else
    os << "  expected casualties: " << risk_note << '\n';
  os << "  outputs:";
  for (const auto& w : written) os << ' ' << w;
  os << '\n';
}

}  // namespace

int run_demise(const DemiseOptions& o) {
  const std::string upper_format = text::upper(o.plot_format);
  const std::string plot_format = upper_format == "SVG" ? "svg" : "png";
  if (upper_format != "SVG" && upper_format != "PNG")
    throw InputError(fmt::format("--plot-format: expected svg or png, got '{}'", o.plot_format));
  if (!(o.oxidation_factor >= 1 && o.oxidation_factor <= 10))
    throw InputError(fmt::format("--oxidation-factor: expected a number in [1, 10], got {}", o.oxidation_factor));
  if (!(o.sample_interval > 0 && o.sample_interval <= 600))
    throw InputError(fmt::format("--sample-interval: expected a number of seconds in (0, 600], got {}",
                                 o.sample_interval));
  if (o.year && !(*o.year >= 2020 && *o.year <= 2100))
    throw InputError(fmt::format("--year: the population growth rule covers 2020 to 2100, got {}", *o.year));

  const MaterialDatabase& materials = MaterialDatabase::embedded();
  const ObjectsFile file = load_objects_document(o.objects_file, materials);
  const std::optional<Orbit> orbit = load_orbit(o);
  const Entry entry = resolve_entry(o, file.entry, orbit);

  // The population (read before the flight: a bad file fails fast).
  std::optional<Population> population;
  if (orbit) {
    population.emplace();
    if (!o.population_file.empty()) {
      population->file_grid = PopulationGrid::read(o.population_file);
      population->grid = &*population->file_grid;
      population->source = o.population_file + " (taken as a count of 2020, the embedded grid's year)";
    } else {
      population->grid = &PopulationGrid::embedded();
      population->source = "embedded GPWv4 rev. 11 population count 2020, 1 deg (CIESIN, CC BY 4.0)";
    }
    population->year = o.year ? *o.year : orbit->epoch ? decimal_year(*orbit->epoch) : decimal_year_now();
    if (!(population->year >= 2020 && population->year <= 2100)) {
      // As deorbit plan does: before 2020 the grid's own year stands; the growth table ends in 2100.
      const double clamped = std::clamp(population->year, 2020.0, 2100.0);
      warn(fmt::format("re-entry year {:.2f} (the orbit's epoch) is outside the population growth rule's 2020 to 2100: "
                       "the population of {:.0f} is used (give --year to choose)",
                       population->year, clamped));
      population->year = clamped;
    }
    population->growth = world_population_growth(population->year);
  } else if (!o.population_file.empty() || o.year) {
    warn("--population and --year are unused without an inclination (--inclination-deg, --tle, --omm or --opm)");
  }

  ObjectFlightSettings settings;
  settings.oxidation_factor = o.oxidation_factor;
  settings.sample_interval = o.sample_interval;
  const TreeFlight flight = fly_object_tree(file.objects, materials, entry.state, settings);

  std::vector<SurvivingObject> survivors;
  std::vector<double> casualty_area_each(flight.objects.size(), 0.0);
  for (std::size_t k = 0; k < flight.objects.size(); ++k) {
    const ObjectOutcome& out = flight.objects[k];
    if (out.demised) continue;
    if (out.count > INT_MAX) throw InputError(fmt::format("object '{}': {} copies, too many to count", out.path, out.count));
    survivors.push_back({out.path, out.landed_mass(), out.cross_section, out.impact_speed, static_cast<int>(out.count)});
    casualty_area_each[k] = casualty_area(survivors.back());
  }
  const double total_area = total_casualty_area(survivors);

  std::optional<CasualtyRisk> risk;
  std::string risk_note;
  if (orbit) {
    risk = uncontrolled_casualty_risk(survivors, *population->grid, orbit->inclination, population->growth);
    risk_note = fmt::format("uncontrolled re-entry, inclination {:.2f} deg, population of {:.1f}", orbit->inclination / deg,
                            population->year);
  } else {
    risk_note = "not computed: an uncontrolled re-entry's expected casualties need the orbit's inclination "
                "(--inclination-deg, --tle, --omm or --opm)";
  }

  json j;
  j["objects_file"] = o.objects_file;
  j["entry"] = {{"altitude_km", km(entry.altitude)},
                {"speed_mps", entry.speed},
                {"flight_path_angle_deg", entry.flight_path_angle / deg},
                {"latitude_deg", entry.latitude / deg},
                {"longitude_deg", entry.longitude / deg},
                {"azimuth_deg", entry.azimuth / deg},
                {"speed_rule", entry.speed_rule},
                {"azimuth_rule", entry.azimuth_rule},
                {"inertial_speed_mps", entry.inertial_speed},
                {"inertial_azimuth_deg", entry.inertial_azimuth / deg}};
  j["inclination_deg"] = orbit ? json(orbit->inclination / deg) : json(nullptr);
  j["inclination_source"] = orbit ? json(orbit->source) : json(nullptr);
  j["population"] = population ? json(population->source) : json(nullptr);
  j["population_year"] = population ? json(population->year) : json(nullptr);
  j["population_growth_factor"] = population ? json(population->growth) : json(nullptr);
  j["oxidation_factor"] = settings.oxidation_factor;
  j["accommodation"] = settings.accommodation;
  j["initial_temperature_k"] = settings.initial_temperature;
  j["demise_mass_fraction"] = settings.demise_mass_fraction;
  json objects = json::array();
  for (std::size_t k = 0; k < flight.objects.size(); ++k) objects.push_back(object_json(flight.objects[k], casualty_area_each[k]));
  j["objects"] = objects;
  j["initial_mass_kg"] = flight.initial_mass;
  j["surviving_mass_kg"] = flight.surviving_mass;
  j["surviving_fraction"] = flight.initial_mass > 0 ? flight.surviving_mass / flight.initial_mass : 0.0;
  j["total_casualty_area_m2"] = total_area;
  j["population_density_per_km2"] = risk ? json(risk->density * 1e6) : json(nullptr);
  j["expected_casualties"] = risk ? json(risk->expected_casualties) : json(nullptr);
  j["probability_of_casualty"] = risk ? json(risk->probability_of_casualty) : json(nullptr);
  j["risk_note"] = risk_note;
  j["objects_flown"] = flight.flights;

  const std::filesystem::path dir(o.output_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create the output folder: {}", o.output_dir, ec.message()));
  std::vector<std::string> written{"demise.json"};
  write_file_atomically(dir / "demise.json", [&](std::ostream& out) { out << j.dump(2) << '\n'; });
  for (const auto& w : write_plots(flight, dir, plot_format, std::filesystem::path(o.objects_file).filename().string()))
    written.push_back(w);
  print_summary(std::cout, o.objects_file, entry, flight, casualty_area_each, total_area, risk, risk_note, written);
  return 0;
}

void add_demise_command(CLI::App& app, DemiseOptions& o, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("demise", "Fly a spacecraft's object tree through re-entry: demise and casualty risk");
  cmd->footer(
      "Fly every object of OBJECTS.yaml (format: docs/demise.md) from the entry state to demise or to the ground:\n"
      "heating, melting, release from its parent (breakup at 78 km by default), identical objects flown once.\n"
      "The surviving objects' impact speed, kinetic energy and casualty area (NASA-STD-8719.14: above 15 J,\n"
      "(0.6 m + sqrt(A_i))^2); with an inclination (--inclination-deg, or the orbit of --tle, --omm or --opm) the\n"
      "expected casualties of an uncontrolled re-entry over the population grid (GPWv4 2020, grown to the re-entry\n"
      "year), and the probability of at least one casualty. Without one, the expected casualties are not computed.\n\n"
      "The entry state: the options below, else the objects file's `entry` mapping, else 122 km and -0.1 deg (ORSAT's\n"
      "natural-decay convention) over lat 0, lon 0, at the circular orbital speed less the Earth's rotation, heading\n"
      "east, or along the orbit's northbound pass when an inclination is known.\n\n"
      "Outputs in the folder of -o: demise.json, altitude.svg and temperature.svg (or .png) of each object against\n"
      "time; a table of the survivors and the totals on the terminal.\n\n"
      "Exit codes: 0 success, 1 bad input (message on stderr, file:line:key for the objects file), 2 bad command line.\n\n"
      "Examples:\n"
      "  deorbit demise examples/objects/small-satellite.yaml\n"
      "  deorbit demise examples/objects/simple-spheres.yaml --inclination-deg 51.6 --year 2030 -o spheres-out\n"
      "  deorbit demise my-sat.yaml --tle my-sat.tle --oxidation-factor 1.5");
  cmd->add_option("objects", o.objects_file, "objects file (YAML, docs/demise.md)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--entry-altitude-km", o.entry_altitude_km, "[km] entry altitude, geodetic [default: 122]");
  cmd->add_option("--entry-speed-mps", o.entry_speed_mps,
                  "[m/s] entry speed relative to the rotating Earth [default: circular speed less the Earth's rotation]");
  cmd->add_option("--flight-path-angle-deg", o.flight_path_angle_deg,
                  "[deg] relative flight-path angle, negative downwards [default: -0.1]");
  cmd->add_option("--latitude-deg", o.latitude_deg, "[deg] geodetic latitude of the entry point [default: 0]");
  cmd->add_option("--longitude-deg", o.longitude_deg, "[deg] longitude of the entry point [default: 0]");
  cmd->add_option("--azimuth-deg", o.azimuth_deg,
                  "[deg] heading relative to the Earth, clockwise from north [default: the orbit's, else 90]");
  auto* inc = cmd->add_option("--inclination-deg", o.inclination_deg, "[deg] orbit inclination, for the expected casualties");
  auto* tle = cmd->add_option("--tle", o.tle_file, "TLE file of the object: its inclination")->check(CLI::ExistingFile);
  auto* omm = cmd->add_option("--omm", o.omm_file, "CCSDS OMM file of the object: its inclination")->check(CLI::ExistingFile);
  auto* opm = cmd->add_option("--opm", o.opm_file, "CCSDS OPM file of the object: its inclination")->check(CLI::ExistingFile);
  inc->excludes(tle)->excludes(omm)->excludes(opm);
  tle->excludes(omm)->excludes(opm);
  omm->excludes(opm);
  cmd->add_option("--population", o.population_file,
                  "population count grid (ESRI ASCII, e.g. GPWv4), taken as of 2020 [default: embedded GPWv4 1 deg]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--year", o.year, "re-entry year for the population growth [default: the orbit's epoch, else now]");
  cmd->add_option("--oxidation-factor", o.oxidation_factor, "[-] multiplies the convective heating (1: off)")
      ->capture_default_str();
  cmd->add_option("--sample-interval", o.sample_interval, "[s] spacing of the plotted histories")->capture_default_str();
  cmd->add_option("--plot-format", o.plot_format, "svg or png")->capture_default_str();
  cmd->add_option("-o,--output", o.output_dir, "output folder (created if needed)")->capture_default_str();
  cmd->callback([&o, &exit_code]() { exit_code = run_demise(o); });
}

}  // namespace deorbit::app

#include "deorbit/app/decay_command.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/decay/decay_analysis.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/geojson.h"
#include "deorbit/io/plot.h"
#include "deorbit/io/rdm.h"
#include "deorbit/orbit/ccsds_kvn.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/propagate/numerical_propagator.h"

namespace deorbit::app {
namespace {

constexpr double kDay = 86400.0;

std::string iso(const Epoch& t) { return t.iso(TimeScale::UTC, 0) + "Z"; }

// All element sets of one object: filtered by --norad; several objects without --norad is an error.
std::vector<MeanElements> load_element_sets(const DecayOptions& o) {
  ReadOptions ro{.strict = o.strict};
  std::vector<MeanElements> sets;
  std::string source;
  if (!o.tle_file.empty() || !o.omm_file.empty()) {
    auto result = o.tle_file.empty() ? read_omm_file(o.omm_file, ro) : read_tle_file(o.tle_file, ro);
    for (const auto& i : result.issues) warn("skipped a record: " + i.message());
    sets = std::move(result.records);
    source = o.tle_file.empty() ? o.omm_file : o.tle_file;
  } else {
    std::istringstream embedded{std::string(*embedded_data("iss_25544.tle"))};
    TleReader reader(embedded, "embedded iss_25544.tle", {.strict = true});
    while (auto e = reader.next()) sets.push_back(*e);
    source = "embedded ISS element set";
  }
  std::vector<MeanElements> match;
  for (auto& e : sets)
    if (!o.norad || e.object.catalogue_number == o.norad) match.push_back(std::move(e));
  if (match.empty())
    throw InputError(o.norad ? fmt::format("{}: no element set of catalogue number {}", source, *o.norad)
                             : fmt::format("{}: no element set found", source));
  for (const auto& e : match)
    if (e.object.catalogue_number != match.front().object.catalogue_number)
      throw InputError(fmt::format("{}: holds several objects ({} and {}, ...): choose one with --norad", source,
                                   match.front().object.catalogue_number.value_or(0),
                                   e.object.catalogue_number.value_or(0)));
  return match;
}

// A one-line progress bar on stderr, only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}
  void operator()(int done, int total) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    constexpr int width = 40;
    int filled = total > 0 ? done * width / total : width;
    std::fprintf(stderr, "\rensemble [%s%s] %d/%d", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), done, total);
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::mutex mutex_;
};

double degrees(double rad) { return rad / constants::deg; }

// What the window's spread rests on, in words (text output and the RDM comment).
std::string window_basis_text(const DecayAnalysis& a, const DecayRequest& r) {
  switch (a.fit.window_basis) {
    case WindowBasis::FitSpread:
      return fmt::format("fit-spread: the scatter of ln k over {} element sets ({:.3f}) and the model spread ({:.2f})",
                         a.fit.spread_points, a.fit.log_scale_sigma, r.ensemble.model_log_sigma);
    case WindowBasis::ModelOnly:
      return fmt::format("model-only: fewer than two element sets usable for the spread of ln k ({}), none measured; "
                         "the window holds the model spread ({:.2f}) and the space-weather dispersion only",
                         a.fit.spread_points, r.ensemble.model_log_sigma);
    case WindowBasis::Prior:
      return fmt::format("prior: one element set, no fit; the B* prior's spread of ln k ({:.2f}) and the model spread "
                         "({:.2f})",
                         a.fit.log_scale_sigma, r.ensemble.model_log_sigma);
    case WindowBasis::SelfFit:
      return fmt::format("self-fit: one element set fitted to its own SGP4 decay; the spread of ln k measured on the "
                         "single-element-set validation ({:.2f}) and the model spread ({:.2f})",
                         a.fit.log_scale_sigma, r.ensemble.model_log_sigma);
  }
  return "";
}

nlohmann::json to_json(const DecayAnalysis& a, const DecayRequest& r) {
  using nlohmann::json;
  const auto& p = a.prediction;
  json j;
  j["object"] = {{"name", a.elements.object.name},
                 {"norad_id", a.elements.object.catalogue_number ? json(*a.elements.object.catalogue_number) : json()},
                 {"international_designator", a.elements.object.international_designator}};
  j["prediction_epoch"] = iso(a.elements.epoch);
  j["as_of"] = r.as_of ? json(iso(*r.as_of)) : json();
  j["element_sets_known"] = a.element_sets_known;
  j["element_sets_ignored"] = a.element_sets_ignored;
  j["reentered"] = p.nominal.reentered;
  j["no_reentry_before"] = p.nominal.reentered ? json() : json(iso(p.nominal.epoch));
  j["horizon"] = iso(a.horizon);
  j["horizon_extended"] = a.horizon_extended;
  j["reentry_altitude_km"] = r.model.reentry_altitude / 1e3;
  j["nominal_reentry_epoch"] = p.nominal.reentered ? json(iso(p.nominal.epoch)) : json();
  j["remaining_days"] = p.nominal.reentered ? json((p.nominal.epoch - a.elements.epoch) / kDay) : json();
  j["window_start"] = p.window_start ? json(iso(*p.window_start)) : json();
  j["window_end"] = p.window_end ? json(iso(*p.window_end)) : json();
  j["window_confidence"] = r.ensemble.confidence;
  // The width that says how sure the prediction is: a third of the remaining time from a history of element sets,
  // two thirds from one (docs/validation-decay.md).
  j["window_width_of_remaining"] = p.window_start && p.nominal.reentered
                                       ? json((*p.window_end - *p.window_start) / (p.nominal.epoch - a.elements.epoch))
                                       : json();
  j["window_basis"] = p.window_start ? json(std::string(to_string(a.fit.window_basis))) : json();
  j["reentry_lat_deg"] = p.nominal.reentered ? json(degrees(p.nominal.point.latitude)) : json();
  j["reentry_lon_deg"] = p.nominal.reentered ? json(degrees(p.nominal.point.longitude)) : json();
  json points = json::array();
  for (const auto& pt : a.fit.points)
    points.push_back({{"epoch", iso(pt.epoch)}, {"sgp4_sma_km", pt.sgp4_sma / 1e3}, {"model_sma_km", pt.model_sma / 1e3},
                      {"residual_m", pt.residual}, {"log_scale", pt.log_scale}, {"in_spread", pt.in_spread}});
  const double cda_m = a.spacecraft.drag_coefficient * a.spacecraft.drag_area / a.spacecraft.mass;
  j["fit"] = {{"density_scale", a.fit.density_scale},
              {"log_scale_sigma", a.fit.log_scale_sigma},
              {"ballistic_coefficient_m2_per_kg", cda_m * a.fit.density_scale},
              {"weak", a.fit.weak},
              {"self_fit", a.fit.self_fit},
              {"self_fit_span_h", a.fit.self_fit_span / 3600.0},
              {"self_fit_note", a.fit.self_fit_note.empty() ? json() : json(a.fit.self_fit_note)},
              {"element_sets", a.fit.element_sets},
              {"spread_points", a.fit.spread_points},
              {"spread_basis", std::string(to_string(a.fit.window_basis))},
              {"rms_residual_m", a.fit.rms_residual},
              {"sma_decay_km", a.fit.sma_decay / 1e3},
              {"runs", a.fit.evaluations},
              {"points", points}};
  j["ensemble"] = {{"members", r.ensemble.members},
                   {"not_reentered", p.not_reentered},
                   {"log_scale_sigma", p.log_scale_sigma},
                   {"f107_log_sigma", r.ensemble.f107_log_sigma},
                   {"ap_log_sigma", r.ensemble.ap_log_sigma},
                   {"member_shift_s", p.member_shift}};
  j["model"] = {{"gravity", fmt::format("EGM96 {}x{}", a.model.gravity_degree, a.model.gravity_degree)},
                {"atmosphere", "NRLMSISE-00"},
                {"sun_and_moon", a.model.sun_and_moon},
                {"lunisolar_perigee_drift_km", a.lunisolar_drift / 1e3},
                {"position_tolerance_m", a.model.position_tolerance},
                {"max_step_s", a.model.max_step}};
  j["space_weather"] = a.weather->source();
  return j;
}

void write_text(std::ostream& out, const DecayAnalysis& a, const DecayRequest& r) {
  const auto& p = a.prediction;
  const auto& e = a.elements;
  out << fmt::format("Object            {} ({}, {})\n", e.object.name.empty() ? "(no name)" : e.object.name,
                     e.object.catalogue_number ? std::to_string(*e.object.catalogue_number) : "no number",
                     e.object.international_designator);
  out << fmt::format("Prediction epoch  {} (last element set{}; {} known, {} ignored after --as-of)\n", iso(e.epoch),
                     r.as_of ? " at --as-of " + iso(*r.as_of) : "", a.element_sets_known, a.element_sets_ignored);
  std::string spread = fmt::format("ln spread {:.3f}", a.fit.log_scale_sigma);
  if (a.fit.window_basis == WindowBasis::FitSpread) spread += fmt::format(" from {} element sets", a.fit.spread_points);
  if (a.fit.window_basis == WindowBasis::ModelOnly)
    spread = fmt::format("ln spread NOT MEASURED: {} usable element set{}, at least two needed", a.fit.spread_points,
                         a.fit.spread_points == 1 ? "" : "s");
  out << fmt::format("Drag fit          density scale {:.4f} ({}), Cd A/m {:.5f} m^2/kg, {} element sets, rms {:.0f} m, "
                     "decay {:.2f} km{}\n",
                     a.fit.density_scale, spread,
                     a.spacecraft.drag_coefficient * a.spacecraft.drag_area / a.spacecraft.mass * a.fit.density_scale,
                     a.fit.element_sets, a.fit.rms_residual, a.fit.sma_decay / 1e3,
                     a.fit.weak ? fmt::format(" (WEAK: one element set, no fit{}: {})",
                                              a.fit.self_fit_note.empty() ? "" : ": " + a.fit.self_fit_note,
                                              r.spacecraft ? "the given mass, area and Cd" : "Cd A/m from B*")
                     : a.fit.self_fit ? fmt::format(" (one element set: fitted to its own SGP4 decay over the {:.1f} h "
                                                    "after it)",
                                                    a.fit.self_fit_span / 3600.0)
                                      : std::string());
  out << fmt::format("Space weather     {}\n", a.weather->source());
  out << fmt::format("Forces            EGM96 {}x{}, NRLMSISE-00 drag{} (lunisolar perigee drift up to {:.1f} km in {:.0f} "
                     "days{})\n",
                     a.model.gravity_degree, a.model.gravity_degree, a.model.sun_and_moon ? ", Sun and Moon" : "",
                     a.lunisolar_drift / 1e3, (a.horizon - e.epoch) / kDay,
                     r.sun_and_moon ? ": as asked"
                                    : fmt::format(": {} {:.0f} km", a.model.sun_and_moon ? "above" : "below",
                                                  kLunisolarDriftThreshold / 1e3));
  if (!p.nominal.reentered) {
    out << fmt::format("Re-entry          none before {} ({})\n", iso(p.nominal.epoch),
                       a.horizon_extended ? "the limit of the extended run" : "the horizon");
  } else {
    out << fmt::format("Re-entry          {} at {:.0f} km, {:.2f} days after the prediction epoch{}\n",
                       iso(p.nominal.epoch), r.model.reentry_altitude / 1e3, (p.nominal.epoch - e.epoch) / kDay,
                       a.horizon_extended ? fmt::format(" (past the {:.0f}-day horizon: runs extended to {})",
                                                        r.horizon / kDay, iso(a.horizon))
                                          : "");
    out << fmt::format("Point             lat {:.2f} deg, lon {:.2f} deg (WGS84)\n", degrees(p.nominal.point.latitude),
                       degrees(p.nominal.point.longitude));
  }
  if (p.window_start) {
    out << fmt::format("Window ({:.0f} %)     {} .. {} ({} members; {} not re-entered by the horizon){}\n",
                       100 * r.ensemble.confidence, iso(*p.window_start), iso(*p.window_end), r.ensemble.members,
                       p.not_reentered,
                       p.nominal.reentered
                           ? fmt::format("; {:.0f} % of the remaining time",
                                         100 * (*p.window_end - *p.window_start) / (p.nominal.epoch - e.epoch))
                           : "");
    out << fmt::format("Window basis      {}\n", window_basis_text(a, r));
  }
}

Rdm to_rdm(const DecayAnalysis& a, const DecayRequest& r, const DecayOptions& o) {
  const auto& p = a.prediction;
  Rdm m;
  const std::string created = ccsds::creation_date_now();
  m.creation_date = created;
  m.message_id = fmt::format("DEORBIT/{}/{}", a.elements.object.catalogue_number.value_or(0), created);
  m.object_name = a.elements.object.name;
  m.international_designator = a.elements.object.international_designator;
  m.catalog_number = a.elements.object.catalogue_number;
  m.epoch_tzero = a.elements.epoch;
  m.ref_frame = "GCRF";
  m.gravity_model = fmt::format("EGM-96: {}D {}O", a.model.gravity_degree, a.model.gravity_degree);
  if (a.model.sun_and_moon) m.n_body_perturbations = "SUN, MOON";
  m.atmospheric_model = "NRLMSISE-00";
  m.solar_flux_prediction = a.weather->source();
  m.comments.push_back(fmt::format("deorbit decay: density scale {:.4f} fitted on {} element sets", a.fit.density_scale,
                                   a.fit.element_sets));
  if (p.window_start) {
    m.comments.push_back(fmt::format("window: {:.0f} % of a {}-member ensemble (density scale, F10.7, Ap dispersed)",
                                     100 * r.ensemble.confidence, r.ensemble.members));
    m.comments.push_back("window basis: " + window_basis_text(a, r));
  }
  if (!p.nominal.reentered)
    m.comments.push_back(fmt::format("no re-entry before {}: ORBIT_LIFETIME is a lower bound", iso(p.nominal.epoch)));
  m.orbit_lifetime = p.nominal.epoch - a.elements.epoch;
  m.reentry_altitude = r.model.reentry_altitude;
  if (p.nominal.reentered) m.nominal_reentry_epoch = p.nominal.epoch;
  if (p.window_start) {
    m.reentry_window_start = *p.window_start;
    m.reentry_window_end = *p.window_end;
    m.orbit_lifetime_window_start = *p.window_start - a.elements.epoch;
    m.orbit_lifetime_window_end = *p.window_end - a.elements.epoch;
    m.confidence_level = 100 * r.ensemble.confidence;
  }
  m.state_epoch = a.initial.epoch;
  m.r = a.initial.r;
  m.v = a.initial.v;
  if (o.mass) m.wet_mass = *o.mass;
  if (o.area) m.drag_area = *o.area;
  if (o.cd) m.drag_coeff = *o.cd;
  return m;
}

void write_history_csv(const std::string& path, const std::vector<AltitudeSample>& history) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "epoch_utc,mean_alt_km,min_alt_km\n";
    for (const auto& h : history)
      out << fmt::format("{},{:.3f},{:.3f}\n", h.epoch.iso(TimeScale::UTC, 0), h.mean_height / 1e3, h.min_height / 1e3);
  });
}

void write_history_plot(const std::string& path, const DecayAnalysis& a) {
  LinePlot plot;
  plot.title = fmt::format("Decay of {} from {}", a.elements.object.name.empty() ? "the object" : a.elements.object.name,
                           a.elements.epoch.iso(TimeScale::UTC, 0).substr(0, 10));
  plot.x_label = "Date (UTC)";
  plot.y_label = "Altitude [km]";
  Series mean{"mean altitude", {}, {}, {}, {}}, low{"lowest altitude", {}, {}, {}, {}};
  low.style.dashed = true;
  for (const auto& h : a.recording.history) {
    mean.times.push_back(h.epoch);
    mean.y.push_back(h.mean_height / 1e3);
    low.times.push_back(h.epoch);
    low.y.push_back(h.min_height / 1e3);
  }
  plot.series = {mean, low};
  write_plot(plot, path);
}

// The ground track around the re-entry: the last orbits before the window, the window up to the nominal re-entry
// (the nominal run), and the rest of the window as the orbit of the last revolution continued without drag (where
// the object would be if it were still up: the places a later re-entry can happen).
void write_track_geojson(const std::string& path, const DecayAnalysis& a, const DecayRequest& r,
                         const EarthOrientation& eop) {
  using nlohmann::json;
  const FrameTransformer frames(eop);
  const auto& p = a.prediction;
  const auto& states = a.recording.track;
  const Epoch nominal = p.nominal.epoch;
  const Epoch window_start = p.window_start ? std::min(*p.window_start, nominal) : nominal;
  const Epoch window_end = p.window_end ? std::max(*p.window_end, nominal) : nominal;
  const json window = {{"window_start", p.window_start ? json(iso(*p.window_start)) : json()},
                       {"window_end", p.window_end ? json(iso(*p.window_end)) : json()},
                       {"window_confidence", r.ensemble.confidence}};
  auto line = [&](const std::vector<StateVector>& part, const std::string& name, std::vector<json>& out) {
    if (part.size() < 2) return;
    std::vector<Geodetic> track;
    for (const auto& s : part) track.push_back(to_geodetic(frames.transform(s, Frame::ITRF).r));
    json props = window;
    props["name"] = name;
    props["start"] = iso(part.front().epoch);
    props["end"] = iso(part.back().epoch);
    out.push_back(geojson::line_feature(track, props));
  };
  std::vector<json> features;
  std::vector<StateVector> before, inside;
  for (const auto& s : states) {
    if (s.epoch >= window_start - 3 * 3600.0 && s.epoch <= window_start) before.push_back(s);
    if (s.epoch >= window_start && s.epoch <= nominal) inside.push_back(s);
  }
  line(before, "final orbits before the re-entry window (nominal run)", features);
  line(inside, "re-entry window up to the nominal re-entry (nominal run)", features);
  if (p.nominal.reentered && window_end > nominal && !states.empty()) {
    // Continue the last revolution (about 90 minutes before the nominal re-entry) without drag.
    const Epoch from = nominal - 5400.0;
    auto it = std::lower_bound(states.begin(), states.end(), from,
                               [](const StateVector& s, const Epoch& t) { return s.epoch < t; });
    const StateVector& start = it == states.end() ? states.front() : *it;
    NumericalPropagatorSettings settings;
    settings.forces.push_back(std::make_shared<SphericalHarmonicGravity>(egm96_embedded(), 8, 8));
    settings.position_tolerance = 10.0;
    std::vector<StateVector> continued, after;
    const PropagationResult run = NumericalPropagator(settings, eop).sample(start, window_end, 30.0, continued);
    for (const auto& s : continued)
      if (s.epoch >= nominal) after.push_back(s);
    if (run.ok()) line(after, "re-entry window after the nominal re-entry (last orbit continued without drag)", features);
  }
  json props = window;
  props["name"] = p.nominal.reentered ? "nominal re-entry" : "end of run (no re-entry before the horizon)";
  props["epoch"] = iso(p.nominal.epoch);
  props["altitude_km"] = r.model.reentry_altitude / 1e3;
  features.push_back(geojson::point_feature(p.nominal.point, props));
  geojson::write_geojson(geojson::feature_collection(features), path);
}

}  // namespace

int run_decay(const DecayOptions& o) {
  if (!o.tle_file.empty() && !o.omm_file.empty()) throw InputError("give at most one of --tle and --omm");
  const std::string format = text::upper(o.format);
  if (format != "TEXT" && format != "JSON" && format != "RDM")
    throw InputError(fmt::format("--format: expected text, json or rdm, got '{}'", o.format));
  if (o.threads < 1) throw InputError(fmt::format("--threads must be at least 1, got {}", o.threads));
  if (o.horizon_days < 0 || !std::isfinite(o.horizon_days))
    throw InputError(fmt::format("--horizon-days must be positive, got {}", o.horizon_days));
  if (o.horizon_limit_days < 0 || !std::isfinite(o.horizon_limit_days))
    throw InputError(fmt::format("--horizon-limit-days must be positive, got {}", o.horizon_limit_days));
  const int members = o.ensemble.value_or(o.lifetime ? 1 : 100);
  if (members < 1 || members > 100000) throw InputError(fmt::format("--ensemble must be 1..100000, got {}", members));
  for (auto [name, value] : {std::pair{"--mass", o.mass}, {"--area", o.area}, {"--cd", o.cd}})
    if (value && !(*value > 0 && std::isfinite(*value))) throw InputError(fmt::format("{} must be positive, got {}", name, *value));
  const int physical = o.mass.has_value() + o.area.has_value() + o.cd.has_value();
  if (physical != 0 && physical != 3)
    throw InputError("give --mass, --area and --cd together (or none: Cd A / m then comes from B*)");

  DecayRequest r;
  r.element_sets = load_element_sets(o);
  if (!o.as_of.empty()) r.as_of = Epoch::from_iso(o.as_of);
  r.weather = std::make_shared<const SpaceWeather>(o.space_weather_file.empty() ? SpaceWeather::embedded()
                                                                                  : SpaceWeather::read(o.space_weather_file));
  if (o.mass) r.spacecraft = Spacecraft{*o.mass, *o.area, *o.cd, *o.area, 1.3};
  if (o.lifetime) r.model = lifetime_decay_model();
  r.ensemble.members = members;
  r.ensemble.threads = o.threads;
  r.horizon = (o.horizon_days > 0 ? o.horizon_days : (o.lifetime ? 3650.0 : 120.0)) * kDay;
  r.horizon_limit = o.lifetime ? r.horizon : std::max(r.horizon, (o.horizon_limit_days > 0 ? o.horizon_limit_days : 3650.0) * kDay);
  const std::string sun_moon = text::upper(o.sun_moon);
  if (sun_moon == "ON" || sun_moon == "OFF") r.sun_and_moon = sun_moon == "ON";
  else if (sun_moon != "AUTO") throw InputError(fmt::format("--sun-moon: expected auto, on or off, got '{}'", o.sun_moon));
  // A day of SGP4 decay says how the density compares with NRLMSISE-00 now; over a lifetime of years the solar
  // cycle and the forecast carry it, so lifetime mode keeps the drag as given or from B* (docs/decay.md).
  if (o.lifetime) r.fit.self_fit_span = 0;
  if (!o.history_file.empty() || !o.plot_file.empty()) r.history_step = o.lifetime ? 6 * 3600.0 : 600.0;
  // The window may span days: keep up to the last 40 days of 30 s states (115,000 states, about 8 MB).
  if (!o.geojson_file.empty()) r.track_span = std::min(r.horizon, 40 * kDay);
  EarthOrientation eop = o.eop_file.empty() ? EarthOrientation() : EarthOrientation::read(o.eop_file);

  ProgressBar bar(!o.no_progress);
  DecayAnalysis a = analyse_decay(r, eop, [&bar](int done, int total) { bar(done, total); });

  if (!o.history_file.empty()) write_history_csv(o.history_file, a.recording.history);
  if (!o.plot_file.empty()) write_history_plot(o.plot_file, a);
  if (!o.geojson_file.empty()) write_track_geojson(o.geojson_file, a, r, eop);
  auto write = [&](std::ostream& out) {
    if (format == "JSON") out << to_json(a, r).dump(2) << '\n';
    else if (format == "RDM") write_rdm_kvn(out, to_rdm(a, r, o));
    else write_text(out, a, r);
  };
  if (o.output.empty()) write(std::cout);
  else write_file_atomically(o.output, write);
  return 0;
}

void add_decay_command(CLI::App& app, DecayOptions& o, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("decay", "Predict the natural decay and re-entry of one object");
  cmd->footer(
      "Predict when and where an object left alone re-enters (80 km, CCSDS RDM's REENTRY_ALTITUDE).\n\n"
      "The element sets of the object (TLE or OMM file, or the embedded ISS) give the history: the last one is the\n"
      "prediction epoch, those of the 5 days before it feed a drag fit (a density scale factor on NRLMSISE-00,\n"
      "fitted to SGP4's orbit-averaged semi-major axes). The nominal run (EGM96 8x8, NRLMSISE-00, DOP853 at 10 m)\n"
      "gives the re-entry epoch and point; an ensemble dispersing the scale factor, F10.7 and Ap gives a 90 %\n"
      "window. --as-of T ignores element sets and space-weather observations after T and forecasts by persistence\n"
      "of the last 81-day means. --lifetime: a faster setup (EGM96 4x4, 100 m) for years-long decays, one run by\n"
      "default, with the space-weather file's predictions. docs/decay.md explains the method and its validation.\n\n"
      "Exit codes: 0 success (also when nothing re-enters before the horizon: the output says so), 1 bad input,\n"
      "2 bad command line.\n\n"
      "Examples:\n"
      "  deorbit decay --tle 45601.tle --space-weather SW-All.csv --as-of 2020-05-08T15:33:00Z --format json\n"
      "  deorbit decay --lifetime --space-weather SW-All.csv --plot iss-decay.png");
  auto* tle = cmd->add_option("--tle", o.tle_file, "TLE file with the element sets (history) of the object")->check(CLI::ExistingFile);
  auto* omm = cmd->add_option("--omm", o.omm_file, "CCSDS OMM file: KVN, XML, or CelesTrak JSON/CSV")->check(CLI::ExistingFile);
  tle->excludes(omm);
  cmd->add_option("--norad", o.norad,
                  "select the object with this catalogue number (NORAD_CAT_ID); without --tle/--omm: its cached "
                  "element sets (deorbit data update --norad N)");
  cmd->add_option("--space-weather", o.space_weather_file,
                  "space-weather file (CelesTrak SW-All.csv or SpaceWeather-All.txt) [default: the cached one "
                  "(deorbit data), else embedded]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--eop", o.eop_file, "Earth orientation file (CelesTrak EOP-All) [default: the cached one, else none]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--ensemble", o.ensemble, "ensemble members including the nominal run [default: 100; 1 with --lifetime]");
  cmd->add_option("--as-of", o.as_of, "predict with what was known at this ISO 8601 UTC time");
  cmd->add_option("--format", o.format, "output: text, json or rdm (CCSDS 508.1-B-1 KVN)")->capture_default_str();
  cmd->add_option("-o,--output", o.output, "output file, written whole or not at all [default: stdout]");
  cmd->add_option("--mass", o.mass, "[kg] mass (with --area and --cd; default: Cd A / m from B*)");
  cmd->add_option("--area", o.area, "[m^2] drag reference area");
  cmd->add_option("--cd", o.cd, "[-] drag coefficient");
  cmd->add_option("--threads", o.threads, "worker threads for the ensemble")->capture_default_str();
  cmd->add_option("--horizon-days", o.horizon_days,
                  "[d] span of the prediction runs [default: 120; 3650 with --lifetime]");
  cmd->add_option("--horizon-limit-days", o.horizon_limit_days,
                  "[d] a nominal still in orbit at the horizon is carried on (lifetime setup) up to this span, then "
                  "the prediction is made to twice its remaining time [default: 3650; none with --lifetime]");
  cmd->add_option("--sun-moon", o.sun_moon,
                  "Sun and Moon in the decay model: auto (when they can move the perigee by more than 1 km over the "
                  "horizon), on, off")
      ->capture_default_str();
  cmd->add_flag("--lifetime", o.lifetime, "lifetime mode for long-lived objects (faster setup, see above)");
  cmd->add_option("--history", o.history_file, "write the altitude history (CSV: epoch_utc,mean_alt_km,min_alt_km)");
  cmd->add_option("--plot", o.plot_file, "plot altitude against time (.png or .svg, PLplot)");
  cmd->add_option("--geojson", o.geojson_file, "write the final ground track and the re-entry point (GeoJSON)");
  cmd->add_flag("--strict", o.strict, "refuse the whole input file at its first bad record (default: skip it, warn)");
  cmd->add_flag("--no-progress", o.no_progress, "no progress bar (it is shown only when stderr is a terminal)");
  cmd->callback([&o, &exit_code]() {
    // Files not given: the cached ones of `deorbit data update` (datasets/resolve.h), else the embedded defaults.
    o.omm_file = datasets::element_sets_file(o.tle_file, o.omm_file, o.norad);
    datasets::take_cached_files(o.space_weather_file, o.eop_file);
    exit_code = run_decay(o);
  });
}

}  // namespace deorbit::app

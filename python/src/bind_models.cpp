// Atmosphere density over arrays of places and times, and the numerical propagator with its force model given as a
// dict or a YAML file, with altitude and eclipse events.
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "bindings.h"
#include "deorbit/atmosphere/exponential.h"
#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/text.h"
#include "deorbit/frames/solar_system.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/force_config.h"
#include "deorbit/orbit/opm.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/propagate/orbit_events.h"
#include "deorbit/sgp4/sgp4.h"

namespace deorbit::python {

namespace {

using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::unique_ptr<Atmosphere> make_model(const std::string& name, bool ap_history) {
  const std::string n = text::upper(text::trim(name));
  if (n == "NRLMSISE00" || n == "NRLMSISE-00") return std::make_unique<Nrlmsise00>(ap_history);
  if (n == "US76") return std::make_unique<UsStandardAtmosphere1976>();
  if (n == "EXPONENTIAL") return std::make_unique<ExponentialAtmosphere>();
  throw InputError(fmt::format("model: expected nrlmsise00, us76 or exponential, found '{}'", name));
}

py::object density(const std::string& model_name, py::handle times, const Doubles& lat_deg, const Doubles& lon_deg,
                  const Doubles& alt_km, std::optional<double> f107, std::optional<double> f107a,
                  std::optional<double> ap, const std::string& space_weather, const EarthOrientation* eop,
                  bool ap_history) {
  const std::unique_ptr<Atmosphere> model = make_model(model_name, ap_history);
  const std::vector<Epoch> epochs = to_epochs(times);
  py::module_ np = py::module_::import("numpy");
  // numpy broadcasting decides the output shape (times count as a 1-d array unless there is one instant).
  py::object probe = epochs.size() == 1 ? py::object(py::float_(0.0)) : np.attr("zeros")(epochs.size());
  py::tuple shape = np.attr("broadcast_shapes")(np.attr("shape")(lat_deg), np.attr("shape")(lon_deg),
                                                np.attr("shape")(alt_km), np.attr("shape")(probe));
  auto spread = [&](py::handle a) { return Doubles(np.attr("ascontiguousarray")(np.attr("broadcast_to")(a, shape))); };
  const Doubles lat = spread(lat_deg), lon = spread(lon_deg), alt = spread(alt_km);
  py::array_t<double> t_index = np.attr("ascontiguousarray")(
      np.attr("broadcast_to")(epochs.size() == 1 ? py::object(py::float_(0.0)) : np.attr("arange")(epochs.size()), shape),
      "float64");
  const int given = f107.has_value() + f107a.has_value() + ap.has_value();
  if (given != 0 && given != 3) throw InputError("give all three of f107, f107a and ap, or none");
  if (given == 3 && !space_weather.empty()) throw InputError("give f107/f107a/ap or space_weather, not both");
  if (given == 3 && !(*f107 > 0 && *f107a > 0 && *ap >= 0))
    throw InputError(fmt::format("f107 and f107a must be > 0 sfu and ap >= 0, got {}, {}, {}", *f107, *f107a, *ap));

  py::array_t<double> out(shape.cast<std::vector<py::ssize_t>>());
  const py::ssize_t n = out.size();
  const double *plat = lat.data(), *plon = lon.data(), *palt = alt.data(), *pt = t_index.data();
  double* o = out.mutable_data();
  {
    py::gil_scoped_release released;
    const bool dynamic = model->uses_space_weather();
    SpaceWeather weather;
    if (dynamic) {
      if (given == 3) weather = SpaceWeather::constant({*f107, *f107a, *ap, {*ap, *ap, *ap, *ap, *ap, *ap, *ap}});
      else if (!space_weather.empty()) weather = SpaceWeather::read(space_weather);
      else weather = SpaceWeather::embedded();
    }
    const FrameTransformer frames(eop_or_none(eop));
    // The Sun's Earth-fixed longitude (for the local solar time) and the space weather change with the instant
    // only: once per instant, and only for a model that uses them (static models take the height alone).
    std::vector<double> sun_longitude(epochs.size(), 0.0);
    std::vector<SpaceWeatherValues> activity(dynamic ? epochs.size() : 0);
    for (std::size_t i = 0; dynamic && i < epochs.size(); ++i) {
      const Vec3 sun = frames.rotation(Frame::GCRF, Frame::ITRF, epochs[i]) * sun_position_gcrf(epochs[i]);
      sun_longitude[i] = std::atan2(sun.y(), sun.x());
      activity[i] = weather.at(epochs[i]);
    }
    for (py::ssize_t i = 0; i < n; ++i) {
      if (!(std::abs(plat[i]) <= 90.0) || !std::isfinite(plon[i]) || !std::isfinite(palt[i]))
        throw InputError(fmt::format("place {}: expected latitude in [-90, 90] deg and finite longitude and height, "
                                     "got {}, {}, {}", i, plat[i], plon[i], palt[i]));
      const auto k = static_cast<std::size_t>(pt[i]);
      AtmosphereInput in;
      in.epoch = epochs[k];
      in.place = {plat[i] * constants::deg, std::remainder(plon[i], 360.0) * constants::deg, palt[i] * 1000.0};
      in.local_solar_time = local_apparent_solar_time(in.place.longitude, sun_longitude[k]);
      if (dynamic) in.weather = activity[k];
      o[i] = model->evaluate(in).density;
    }
  }
  if (out.ndim() == 0) return py::float_(out.at());  // scalar in, scalar out (as numpy ufuncs)
  return out;
}

EventDirection direction_from(const std::string& name) {
  if (name == "decreasing") return EventDirection::Decreasing;
  if (name == "increasing") return EventDirection::Increasing;
  if (name == "both") return EventDirection::Both;
  throw InputError(fmt::format("events: direction: expected decreasing, increasing or both, found '{}'", name));
}

// One event detector from a dict: {"altitude_km": h} or {"eclipse": "umbra"|"penumbra"}, with optional
// "direction" and "stop" (altitude events stop the run by default, eclipses do not).
EventDetector<7> detector_from(py::handle spec, const Epoch& reference, const std::shared_ptr<EarthRotationNodes>& nodes,
                               std::size_t index) {
  if (!py::isinstance<py::dict>(spec)) throw InputError(fmt::format("events[{}]: expected a dict", index));
  py::dict d = py::reinterpret_borrow<py::dict>(spec);
  for (auto item : d) {
    const std::string key = py::str(item.first);
    if (key != "altitude_km" && key != "eclipse" && key != "direction" && key != "stop" && key != "name")
      throw InputError(fmt::format("events[{}]: unknown key '{}' (altitude_km, eclipse, direction, stop, name)", index, key));
  }
  const EventDirection direction = direction_from(d.contains("direction") ? d["direction"].cast<std::string>() : "both");
  const std::string name = d.contains("name") ? d["name"].cast<std::string>() : "";
  if (d.contains("altitude_km") == d.contains("eclipse"))
    throw InputError(fmt::format("events[{}]: give exactly one of altitude_km and eclipse", index));
  if (d.contains("altitude_km")) {
    const bool stop = d.contains("stop") ? d["stop"].cast<bool>() : true;
    return altitude_detector(reference, d["altitude_km"].cast<double>() * 1000.0, direction,
                             stop ? EventAction::Stop : EventAction::Continue, nodes, name.empty() ? "altitude" : name);
  }
  const bool stop = d.contains("stop") ? d["stop"].cast<bool>() : false;
  const std::string boundary = d["eclipse"].cast<std::string>();
  if (boundary != "umbra" && boundary != "penumbra")
    throw InputError(fmt::format("events[{}]: eclipse: expected umbra or penumbra, found '{}'", index, boundary));
  return eclipse_detector(reference, boundary == "umbra" ? EclipseBoundary::umbra : EclipseBoundary::penumbra,
                          ShadowModel::conical_ellipsoid, direction, stop ? EventAction::Stop : EventAction::Continue,
                          nodes, name.empty() ? "eclipse " + boundary : name);
}

py::array state_array(const StateVector& s) {
  py::array_t<double> a(6);
  for (int k = 0; k < 3; ++k) a.mutable_at(k) = s.r[k], a.mutable_at(3 + k) = s.v[k];
  return a;
}

py::dict propagate_numerical(py::handle initial, py::handle epoch, const std::string& frame, py::handle end,
                             double step, py::handle forces, py::handle events, double mass,
                             const std::string& space_weather, const EarthOrientation* eop) {
  const EarthOrientation& table = eop_or_none(eop);
  const FrameTransformer frames(table);
  StateVector start;
  if (py::isinstance<MeanElements>(initial)) {
    const auto e = initial.cast<MeanElements>();
    const Sgp4State s = Sgp4(e).at(e.epoch);
    if (!s.ok()) throw InputError(fmt::format("initial: cannot start from the element set: {}", s.message));
    start = {e.epoch, Frame::TEME, s.r, s.v};
  } else if (py::isinstance<Opm>(initial)) {
    start = initial.cast<Opm>().state;
  } else {
    const Doubles s(py::reinterpret_borrow<py::object>(initial));
    if (s.size() != 6) throw InputError("initial: expected 6 numbers x, y, z [m], vx, vy, vz [m/s], an Opm or MeanElements");
    if (epoch.is_none()) throw InputError("epoch: required with a state array");
    start = {to_epoch(epoch), frame_from(frame), Vec3(s.at(0), s.at(1), s.at(2)), Vec3(s.at(3), s.at(4), s.at(5))};
  }
  const Epoch stop = to_epoch(end);
  if (!(step > 0)) throw InputError(fmt::format("step: expected > 0 s, got {}", step));

  std::string forces_yaml, forces_file;
  if (forces.is_none()) forces_yaml = "gravity: {field: egm96, degree: 20}\n";
  else if (py::isinstance<py::str>(forces)) forces_file = forces.cast<std::string>();
  else forces_yaml = python_to_json(forces);
  py::list specs = events.is_none() ? py::list() : py::list(py::reinterpret_borrow<py::object>(events));

  std::vector<StateVector> samples;
  PropagationResult result;
  {
    py::gil_scoped_release released;
    std::shared_ptr<const SpaceWeather> weather;
    if (!space_weather.empty()) weather = std::make_shared<const SpaceWeather>(SpaceWeather::read(space_weather));
    const NumericalPropagatorSettings settings =
        forces_file.empty() ? parse_force_config(forces_yaml, "<forces dict>", weather) : read_force_config(forces_file, weather);
    const NumericalPropagator propagator(settings, table);
    start = frames.transform(start, Frame::GCRF);
    std::vector<EventDetector<7>> detectors;
    {
      py::gil_scoped_acquire held;
      for (std::size_t i = 0; i < specs.size(); ++i)
        detectors.push_back(detector_from(specs[i], start.epoch, propagator.earth_rotation_nodes(), i));
    }
    // One run: samples from its dense output up to the end or the event that stops it.
    result = propagator.sample(start, stop, step, samples, mass, detectors);
    if (result.status == PropagationStatus::Failed) throw InputError(fmt::format("propagation failed: {}", result.message));
  }
  std::vector<Epoch> times;
  py::array_t<double> states({static_cast<py::ssize_t>(samples.size()), py::ssize_t{6}});
  for (std::size_t i = 0; i < samples.size(); ++i) {
    times.push_back(samples[i].epoch);
    for (int k = 0; k < 3; ++k)
      states.mutable_at(i, k) = samples[i].r[k], states.mutable_at(i, 3 + k) = samples[i].v[k];
  }
  py::list fired;
  for (const EventRecord<7>& e : result.events) {
    py::dict ev;
    ev["name"] = e.name;
    ev["epoch"] = e.epoch;
    ev["increasing"] = e.increasing;
    py::array_t<double> y(7);
    for (int k = 0; k < 7; ++k) y.mutable_at(k) = e.y[k];
    ev["state"] = y;
    fired.append(ev);
  }
  py::dict out;
  out["times"] = epochs_to_datetime64(times);
  out["states"] = states;
  out["status"] = std::string(to_string(result.status));
  out["message"] = result.message;
  out["final_epoch"] = result.state.epoch;
  out["final_state"] = state_array(result.state);
  out["final_mass_kg"] = result.mass;
  out["events"] = fired;
  return out;
}

}  // namespace

void bind_models(py::module_& m) {
  m.def("density", &density, py::arg("model"), py::arg("times"), py::arg("lat_deg"), py::arg("lon_deg"),
        py::arg("alt_km"), py::kw_only(), py::arg("f107") = py::none(), py::arg("f107a") = py::none(),
        py::arg("ap") = py::none(), py::arg("space_weather") = "", py::arg("eop") = py::none(),
        py::arg("ap_history") = false,
        "Total mass density [kg/m^3] of an atmosphere model (nrlmsise00, us76, exponential), vectorised: lat_deg, "
        "lon_deg, alt_km (WGS84 geodetic, km) and times (one instant or one per element of a 1-d broadcast) are "
        "broadcast as numpy does. Activity for nrlmsise00: all three of f107, f107a, ap constant, or a CelesTrak "
        "space_weather file, else the embedded table. The same numbers as `deorbit density`. Releases the GIL.");
  m.def("propagate_numerical", &propagate_numerical, py::arg("initial"), py::arg("epoch") = py::none(),
        py::arg("frame") = "GCRF", py::kw_only(), py::arg("end"), py::arg("step") = 60.0, py::arg("forces") = py::none(),
        py::arg("events") = py::none(), py::arg("mass") = 0.0, py::arg("space_weather") = "",
        py::arg("eop") = py::none(),
        "The numerical propagator (DOP853 with the force model of `deorbit propagate --numerical`). initial: a "
        "state (6,) [m, m/s] at `epoch` in `frame`, an Opm or MeanElements (SGP4 at its epoch). forces: a dict with "
        "the keys of a --forces file, or its path (None: EGM96 20x20 only). events: dicts {'altitude_km': h} "
        "(stops by default) or {'eclipse': 'umbra'|'penumbra'}, each with optional 'direction' "
        "('decreasing'|'increasing'|'both'), 'stop' and 'name'. Returns a dict: times (datetime64[ns] UTC), states "
        "(N, 6) GCRF every `step` s up to the end or the stopping event, status, message, final_epoch, final_state, "
        "final_mass_kg and events (name, epoch, increasing, state (7,) with mass). Releases the GIL.");
}

}  // namespace deorbit::python

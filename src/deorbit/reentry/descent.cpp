// References: Montenbruck & Gill, "Satellite Orbits" (2000), ch. 3 (forces in an inertial frame, drag relative to
// the co-rotating atmosphere); Henderson (1976) for Cd(M); U.S. Standard Atmosphere 1976 below 86 km.
#include "deorbit/reentry/descent.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/frames/earth_rotation.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/propagate/orbit_events.h"
#include "deorbit/reentry/descent_atmosphere.h"
#include "deorbit/reentry/fragment_drag.h"

namespace deorbit {
namespace {

void check(const DescentSettings& s) {
  auto bad = [](const std::string& what) { throw InputError("descent settings: " + what); };
  if (!std::isfinite(s.ground_altitude) || s.ground_altitude < -12e3 || s.ground_altitude > 10e3)
    bad(fmt::format("ground altitude must lie between -12 and 10 km, found {} m", s.ground_altitude));
  if (!(s.position_tolerance > 0) || !std::isfinite(s.position_tolerance))
    bad(fmt::format("position tolerance must be > 0 m, found {}", s.position_tolerance));
  if (!(s.sample_step > 0) || !std::isfinite(s.sample_step))
    bad(fmt::format("sample step must be > 0 s, found {}", s.sample_step));
  if (s.gravity_degree < 2 || s.gravity_degree > 20 || s.gravity_order < 0 || s.gravity_order > s.gravity_degree)
    bad(fmt::format("gravity degree must be 2..20 and order 0..degree, found {} x {}", s.gravity_degree,
                    s.gravity_order));
  if (!(s.max_duration > 0) || !std::isfinite(s.max_duration))
    bad(fmt::format("max duration must be > 0 s, found {}", s.max_duration));
}

}  // namespace

Impact impact_from_itrf(const StateVector& at_ground, const Fragment& fragment, int index, const Vec3& breakup_itrf) {
  Geodetic g = to_geodetic(at_ground.r);
  const double cl = std::cos(g.latitude), sl = std::sin(g.latitude);
  const double co = std::cos(g.longitude), so = std::sin(g.longitude);
  const Vec3 up(cl * co, cl * so, sl), east(-so, co, 0.0), north(-sl * co, -sl * so, cl);
  const Vec3& v = at_ground.v;
  Impact out;
  out.fragment = fragment.name;
  out.index = index;
  out.epoch = at_ground.epoch;
  out.latitude = g.latitude;
  out.longitude = g.longitude;
  out.speed = v.norm();
  out.flight_path_angle = out.speed > 0 ? std::asin(std::clamp(-v.dot(up) / out.speed, -1.0, 1.0)) : 0.0;
  // Direction of travel over the ground: along the great circle from the breakup's ground point, continued through
  // the impact (its tangent at the impact points away from the breakup).
  const Geodetic b = to_geodetic(breakup_itrf);
  const double dlon = b.longitude - g.longitude;
  const double y = std::sin(dlon) * std::cos(b.latitude);
  const double x = cl * std::sin(b.latitude) - sl * std::cos(b.latitude) * std::cos(dlon);
  const double pi = 3.14159265358979323846;
  out.heading = (std::hypot(x, y) > 1e-9) ? std::atan2(y, x) + pi : std::atan2(v.dot(east), v.dot(north));
  out.heading = std::fmod(out.heading + 2.0 * pi, 2.0 * pi);
  out.mass = fragment.mass;
  out.count = fragment.count;
  return out;
}

std::vector<FragmentDescent> descend(const StateVector& breakup_gcrf, std::span<const Fragment> fragments,
                                     const DescentSettings& settings, const EarthOrientation& eop) {
  check(settings);
  for (const Fragment& f : fragments) validate(f);
  const FrameTransformer frames(eop);
  const StateVector start =
      breakup_gcrf.frame == Frame::GCRF ? breakup_gcrf : frames.transform(breakup_gcrf, Frame::GCRF);
  const Vec3 breakup_itrf = frames.transform(start, Frame::ITRF).r;
  const double h0 = to_geodetic(breakup_itrf).height;
  if (!std::isfinite(h0)) throw InputError("descent: the breakup state is not finite");

  // Null weather: FragmentDrag takes the embedded table; below 80 km it would go unused, so a constant one avoids
  // loading it (and its warnings).
  std::shared_ptr<const SpaceWeather> weather = settings.space_weather;
  if (!weather && h0 <= 80e3)
    weather = std::make_shared<const SpaceWeather>(SpaceWeather::constant(SpaceWeatherValues{}));
  auto atmosphere = std::make_shared<const DescentAtmosphere>();
  auto drag = std::make_shared<const FragmentDrag>(atmosphere, weather);
  auto gravity = std::make_shared<const SphericalHarmonicGravity>(egm96_embedded(), settings.gravity_degree,
                                                                  settings.gravity_order, GravityFallback::none());

  // The density jumps where the descent atmosphere switches models: restart the integrator there (either way).
  // One Earth-rotation node store for the detector, the samples and every fragment's propagator.
  const std::shared_ptr<EarthRotationNodes> nodes = make_earth_rotation_nodes(eop);
  std::vector<EventDetector<7>> events;
  if (h0 > DescentAtmosphere::switch_height)
    events.push_back(altitude_detector(start.epoch, DescentAtmosphere::switch_height, EventDirection::Both,
                                       EventAction::ResetState, nodes, "atmosphere switch (86 km)"));

  // Samples go to ITRF through the interpolated hourly Earth-orientation nodes (as the propagator's forces see the
  // Earth), not a full IAU 2006/2000A evaluation per sample.
  EarthRotationCache rotation(nodes);
  auto to_itrf_state = [&rotation](const Epoch& t, const Vec3& r, const Vec3& v) {
    EarthAttitude att = rotation.at(t);
    Vec3 r_itrf = att.gcrf_to_itrf * r;
    Vec3 v_itrf = att.gcrf_to_itrf * v - Vec3(0.0, 0.0, att.rotation_rate).cross(r_itrf);
    return StateVector{t, Frame::ITRF, r_itrf, v_itrf};
  };

  std::vector<FragmentDescent> out;
  out.reserve(fragments.size());
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    const Fragment& f = fragments[i];
    NumericalPropagatorSettings ps;
    ps.forces = {gravity, drag};
    ps.spacecraft.mass = f.mass;
    ps.spacecraft.drag_area = f.reference_area;
    ps.spacecraft.drag_coefficient = f.drag_coefficient;
    ps.position_tolerance = settings.position_tolerance;
    ps.max_step = 60.0;
    ps.floor_altitude = settings.ground_altitude;
    ps.eclipse_events = false;
    NumericalPropagator propagator(ps, eop, nodes);

    FragmentDescent d;
    long next = 0;
    auto sampler = [&](const StepView<7>& s) {
      for (;; ++next) {
        const double t = static_cast<double>(next) * settings.sample_step;
        if (t > s.t_end()) break;
        OrbitState y = s.state(t);
        d.path.push_back(to_itrf_state(start.epoch + t, y.head<3>(), y.segment<3>(3)));
      }
    };
    PropagationResult r = propagator.propagate(start, start.epoch + settings.max_duration, f.mass, events, sampler);
    if (r.status == PropagationStatus::Failed)
      throw std::runtime_error(fmt::format("descent of fragment '{}' failed: {}", f.name, r.message));
    if (r.status != PropagationStatus::ReachedFloor)
      throw InputError(fmt::format("descent: fragment '{}' is not down {:.0f} s after the breakup (is the breakup "
                                   "state on a re-entry trajectory?)",
                                   f.name, settings.max_duration));
    StateVector ground = to_itrf_state(r.state.epoch, r.state.r, r.state.v);
    if (d.path.empty() || d.path.back().epoch != ground.epoch) d.path.push_back(ground);
    d.impact = impact_from_itrf(ground, f, static_cast<int>(i), breakup_itrf);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace deorbit

// Reference: Montenbruck & Gill, "Satellite Orbits" (2000), ch. 3 and 4 (force summation in an inertial frame,
// Earth-fixed evaluation of gravity and drag); tolerance rule after Orekit's ToleranceProvider (Cartesian).
#include "deorbit/propagate/numerical_propagator.h"

#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/frames/earth_rotation.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/propagate/orbit_events.h"
#include "deorbit/frames/solar_system.h"
#include "deorbit/frames/transforms.h"

namespace deorbit {
namespace {

// Builds the shared force context at one instant; owns the Earth-rotation cache of one run. The Sun and the Moon
// are computed only when a force asks for them, from hourly nodes.
class ContextBuilder {
 public:
  ContextBuilder(std::shared_ptr<EarthRotationNodes> nodes, const Spacecraft& sc, ForceNeeds needs)
      : cache_(std::move(nodes)), spacecraft_(&sc), needs_(needs) {}
  ForceContext& at(const Epoch& t, const OrbitState& y) {
    EarthAttitude att = cache_.at(t);
    ctx_.epoch = t;
    ctx_.r = y.head<3>();
    ctx_.v = y.segment<3>(3);
    ctx_.mass = y[6];
    ctx_.gcrf_to_itrf = att.gcrf_to_itrf;
    ctx_.earth_rotation_rate = att.rotation_rate;
    ctx_.r_itrf = att.gcrf_to_itrf * ctx_.r;
    if (needs_.sun) ctx_.sun = bodies_.sun(t);
    if (needs_.moon) ctx_.moon = bodies_.moon(t);
    ctx_.spacecraft = spacecraft_;
    return ctx_;
  }

 private:
  EarthRotationCache cache_;
  SolarSystemCache bodies_;
  const Spacecraft* spacecraft_;
  ForceNeeds needs_;
  ForceContext ctx_;
};

ForceNeeds combined_needs(const std::vector<std::shared_ptr<const ForceModel>>& forces) {
  ForceNeeds all;
  for (const auto& f : forces) {
    ForceNeeds n = f->needs();
    all.sun = all.sun || n.sun;
    all.moon = all.moon || n.moon;
  }
  return all;
}

}  // namespace

std::string_view to_string(PropagationStatus status) {
  switch (status) {
    case PropagationStatus::ReachedEnd: return "reached end";
    case PropagationStatus::StoppedByEvent: return "stopped by event";
    case PropagationStatus::ReachedFloor: return "reached floor altitude";
    case PropagationStatus::Failed: return "failed";
  }
  return "?";
}

NumericalPropagator::NumericalPropagator(NumericalPropagatorSettings settings, const EarthOrientation& eop,
                                         std::shared_ptr<EarthRotationNodes> nodes)
    : settings_(std::move(settings)), eop_(&eop),
      nodes_(nodes ? std::move(nodes) : std::make_shared<EarthRotationNodes>(eop)) {
  if (&nodes_->eop() != eop_)
    throw InputError("numerical propagator: the Earth-rotation nodes were made from another EOP table");
  if (settings_.forces.empty()) throw InputError("numerical propagator: no force model given");
  for (const auto& f : settings_.forces)
    if (!f) throw InputError("numerical propagator: a force model is missing (null)");
  if (!(settings_.position_tolerance > 0)) throw InputError("numerical propagator: position tolerance must be > 0 m");
  if (!(settings_.min_step >= 0) || !(settings_.max_step > settings_.min_step))
    throw InputError("numerical propagator: need 0 <= min_step < max_step");
}

Vec3 NumericalPropagator::acceleration(const Epoch& t, const Vec3& r, const Vec3& v, double mass) const {
  ContextBuilder builder(nodes_, settings_.spacecraft, combined_needs(settings_.forces));
  OrbitState y;
  y << r, v, mass;
  const ForceContext& ctx = builder.at(t, y);
  Vec3 a = Vec3::Zero();
  for (const auto& f : settings_.forces) a += f->acceleration(ctx);
  return a;
}

PropagationResult NumericalPropagator::propagate(const StateVector& initial, const Epoch& end, double mass,
                                                 std::span<const EventDetector<7>> events,
                                                 const StepHandler<7>& on_step) const {
  StateVector s0 = initial.frame == Frame::GCRF ? initial : FrameTransformer(*eop_).transform(initial, Frame::GCRF);
  if (mass <= 0) mass = settings_.spacecraft.mass;
  if (!(mass > 0)) throw InputError("numerical propagator: the mass must be > 0 kg");
  double r = s0.r.norm(), v = s0.v.norm();
  if (!(r > 0) || !(v > 0)) throw InputError("numerical propagator: the initial state has zero position or velocity");
  Geodetic g0 = to_geodetic(FrameTransformer(*eop_).transform(s0, Frame::ITRF).r);
  if (g0.height < settings_.floor_altitude)
    throw InputError(fmt::format("numerical propagator: the initial state is {:.0f} m high, below the floor of {:.0f} m",
                                 g0.height, settings_.floor_altitude));

  OrbitState y0;
  y0 << s0.r, s0.v, mass;
  double dp = settings_.position_tolerance;
  IntegratorSettings<7> is;
  is.tolerances.absolute << dp, dp, dp, Vec3::Constant(dp * settings_.mu / (r * r * v)), 1e-6 * mass;
  is.tolerances.relative = OrbitState::Constant(dp / r);
  is.step.min_step = settings_.min_step;
  is.step.max_step = settings_.max_step;

  // One context builder per run: the ODE and the built-in events share its Earth-rotation cache.
  auto builder = std::make_shared<ContextBuilder>(nodes_, settings_.spacecraft, combined_needs(settings_.forces));
  const Epoch ref = s0.epoch;
  const auto& forces = settings_.forces;
  auto ode = [&](double t, const OrbitState& y, OrbitState& dydt) {
    const ForceContext& ctx = builder->at(ref + t, y);
    Vec3 a = Vec3::Zero();
    double mdot = 0.0;
    for (const auto& f : forces) {
      a += f->acceleration(ctx);
      mdot += f->mass_rate(ctx);
    }
    dydt << y.segment<3>(3), a, mdot;
  };

  std::vector<EventDetector<7>> detectors(events.begin(), events.end());
  const int floor_index = static_cast<int>(detectors.size());
  detectors.push_back(altitude_detector(ref, settings_.floor_altitude, EventDirection::Decreasing, EventAction::Stop,
                                        nodes_, "floor altitude"));
  bool has_srp = false;
  ShadowModel shadow = ShadowModel::conical_ellipsoid;
  for (const auto& f : forces)
    if (auto* srp = dynamic_cast<const SolarRadiationPressure*>(f.get())) {
      has_srp = true;
      shadow = srp->options().shadow;
    }
  if (has_srp && settings_.eclipse_events && shadow != ShadowModel::none) {
    // SRP is not smooth where the penumbra begins and where the umbra begins: restart the integration there.
    for (EclipseBoundary boundary : {EclipseBoundary::penumbra, EclipseBoundary::umbra}) {
      EventDetector<7> d = eclipse_detector(ref, boundary, shadow, EventDirection::Both, EventAction::ResetState, nodes_);
      d.handler = [](const EventOccurrence<7>&, OrbitState&) { return EventAction::ResetState; };
      detectors.push_back(std::move(d));
    }
  }

  IntegrationResult<7> run = integrate<7>(ode, ref, 0.0, y0, end - ref, is, detectors, on_step);
  PropagationResult out;
  out.state = {run.epoch(), Frame::GCRF, run.y.head<3>(), run.y.segment<3>(3)};
  out.mass = run.y[6];
  out.stats = run.stats;
  out.events = run.events;
  out.message = run.message;
  if (!run.ok()) out.status = PropagationStatus::Failed;
  else if (run.status == IntegrationStatus::ReachedEnd) out.status = PropagationStatus::ReachedEnd;
  else if (run.stop_detector == floor_index) {
    out.status = PropagationStatus::ReachedFloor;
    out.message = fmt::format("reached the floor altitude of {:.0f} m at {}", settings_.floor_altitude,
                              out.state.epoch.iso(TimeScale::UTC, 3));
  } else {
    out.status = PropagationStatus::StoppedByEvent;
  }
  return out;
}

PropagationResult NumericalPropagator::sample(const StateVector& initial, const Epoch& end, double step,
                                              std::vector<StateVector>& out, double mass,
                                              std::span<const EventDetector<7>> events) const {
  if (!(step > 0)) throw InputError("numerical propagator: the sampling step must be > 0 s");
  const double span = end - initial.epoch;
  const double dir = span >= 0 ? 1.0 : -1.0;
  const auto n = static_cast<long>(std::floor(std::abs(span) / step + 1e-9));
  long next = 0;
  Epoch ref = initial.epoch;
  auto handler = [&](const StepView<7>& s) {
    while (next <= n) {
      double t = std::min(static_cast<double>(next) * step, std::abs(span)) * dir;
      if (dir * t > dir * s.t_end() + 1e-9) break;
      OrbitState y = s.state(t);
      out.push_back({ref + t, Frame::GCRF, y.head<3>(), y.segment<3>(3)});
      ++next;
    }
  };
  PropagationResult result = propagate(initial, end, mass, events, handler);
  // The first sample needs the state at t = 0 even if the run stops at once.
  if (out.empty() && initial.frame == Frame::GCRF) out.push_back(initial);
  return result;
}

}  // namespace deorbit

#include "deorbit/maneuver/burn.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {

OdeState<7> ImpulsiveBurn::apply(const OdeState<7>& y) const {
  const Vec3 r = y.head<3>(), v = y.segment<3>(3);
  Vec3 dv = delta_v_vector ? *delta_v_vector : Vec3(delta_v * thrust_direction(attitude, r, v));
  OdeState<7> out = y;
  out.segment<3>(3) += dv;
  if (isp > 0) out[6] = y[6] * std::exp(-dv.norm() / (isp * standard_gravity));
  return out;
}

double FiniteBurn::ideal_delta_v(double m0) const {
  double m1 = m0 - propellant();
  if (!(m1 > 0)) return std::numeric_limits<double>::infinity();
  return rocket_delta_v(effective_isp(engines), m0, m1);
}

bool FiniteBurn::active(const Epoch& t) const {
  double since = t - start;
  return since >= 0 && since < duration;
}

ThrustForce::ThrustForce(std::vector<FiniteBurn> burns)
    : burns_(std::move(burns)), firing_(std::make_shared<std::vector<char>>(burns_.size(), 0)) {
  for (const auto& b : burns_) {
    if (!(b.duration >= 0) || !std::isfinite(b.duration))
      throw InputError(fmt::format("burn '{}': the duration must be >= 0 s, not {}", b.name, b.duration));
    if (b.engines.empty()) throw InputError(fmt::format("burn '{}': no engines", b.name));
    for (const auto& e : b.engines)
      if (!(e.thrust > 0) || !(e.isp > 0) || e.count < 1)
        throw InputError(fmt::format("burn '{}': engine '{}' needs thrust > 0 N, Isp > 0 s and count >= 1",
                                     b.name, e.name));
  }
}

const FiniteBurn* ThrustForce::firing() const {
  for (std::size_t i = 0; i < burns_.size(); ++i)
    if ((*firing_)[i]) return &burns_[i];
  return nullptr;
}

Vec3 FiniteBurn::direction(const Vec3& r, const Vec3& v) const {
  const Vec3 d = thrust_direction(attitude, r, v);
  if (pitch == 0 && yaw == 0) return d;
  Vec3 p = r.cross(v).normalized().cross(d);
  // A normal or anti-normal burn has no in-plane rotation axis from n x d: pitch turns it towards the velocity.
  p = p.norm() > 1e-9 ? Vec3(p.normalized()) : Vec3(v.normalized());
  const Vec3 q = d.cross(p);
  return std::cos(yaw) * (std::cos(pitch) * d + std::sin(pitch) * p) + std::sin(yaw) * q;
}

Vec3 ThrustForce::acceleration(const ForceContext& ctx) const {
  const FiniteBurn* b = firing();
  if (!b || !(ctx.mass > 0)) return Vec3::Zero();
  return b->thrust() / ctx.mass * b->direction(ctx.r, ctx.v);
}

double ThrustForce::mass_rate(const ForceContext&) const {
  const FiniteBurn* b = firing();
  return b ? -b->mass_flow() : 0.0;
}

std::vector<EventDetector<7>> ThrustForce::switch_events(const Epoch& start) const {
  std::vector<EventDetector<7>> out;
  auto firing = firing_;
  for (std::size_t i = 0; i < burns_.size(); ++i) {
    const FiniteBurn& b = burns_[i];
    // A switch exactly at the start fires as an event at t = 0 (event_detector.h), so only burns under way are on.
    (*firing)[i] = b.start - start < 0 && b.end() - start > 0;
    for (bool on : {true, false}) {
      EventDetector<7> d = epoch_detector<7>(start, on ? b.start : b.end(), EventAction::ResetState,
                                             b.name + (on ? " ignition" : " cut-off"));
      d.handler = [firing, i, on](const EventOccurrence<7>&, OdeState<7>&) {
        (*firing)[i] = on;
        return EventAction::ResetState;
      };
      out.push_back(std::move(d));
    }
  }
  return out;
}

EventDetector<7> impulsive_burn_event(const Epoch& reference, const ImpulsiveBurn& burn) {
  EventDetector<7> d = epoch_detector<7>(reference, burn.epoch, EventAction::ResetState, burn.name);
  d.handler = [burn](const EventOccurrence<7>&, OdeState<7>& y) {
    y = burn.apply(y);
    return EventAction::ResetState;
  };
  return d;
}

FiniteBurn cut_off_burn(const FiniteBurn& burn, double fraction) {
  if (!(fraction >= 0 && fraction <= 1)) throw InputError(fmt::format("cut-off fraction {} is not in [0, 1]", fraction));
  FiniteBurn b = burn;
  b.duration *= fraction;
  b.name = fmt::format("{} (cut off at {:.1f} %)", burn.name, 100 * fraction);
  return b;
}

std::optional<FiniteBurn> engine_out_burn(const FiniteBurn& burn) {
  FiniteBurn b = burn;
  auto most = std::max_element(b.engines.begin(), b.engines.end(),
                               [](const Engine& x, const Engine& y) { return x.count < y.count; });
  if (most == b.engines.end()) return std::nullopt;
  if (--most->count <= 0) b.engines.erase(most);
  if (b.engines.empty()) return std::nullopt;
  b.duration = burn.duration * burn.mass_flow() / b.mass_flow();
  b.name = burn.name + " (one engine out)";
  return b;
}

}  // namespace deorbit

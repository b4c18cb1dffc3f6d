#include "deorbit/maneuver/deorbit_planner.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/propagate/orbit_events.h"

namespace deorbit {
namespace {

constexpr double kEquatorialRadius = constants::wgs84_a;

double period_of(const StateVector& s) { return osculating_period(s.r, s.v); }

// [m/s] speed at apoapsis radius ra of a Keplerian orbit with periapsis radius rp.
double apoapsis_speed(double ra, double rp) {
  return std::sqrt(2.0 * constants::mu_earth * rp / (ra * (ra + rp)));
}

StateVector to_state(const Epoch& t, const OdeState<7>& y) { return {t, Frame::GCRF, y.head<3>(), y.segment<3>(3)}; }

std::string km(double m) { return fmt::format("{:.1f} km", m / 1000.0); }
std::string margin_km(double m) { return fmt::format("{:.3f} km", m / 1000.0); }  // floors are set to the metre

// [rad] below the local horizontal (positive going down), of the inertial velocity.
double flight_path_angle(const Vec3& r, const Vec3& v) {
  return std::asin(std::clamp(-r.normalized().dot(v.normalized()), -1.0, 1.0));
}

// Lowest and highest geocentric radius [m] over [from, to] (times since the run's reference), from the dense
// output every `every` seconds and at the steps' ends.
struct RadiusRange {
  double from = 0, to = 0, every = 10.0;
  double min = std::numeric_limits<double>::infinity();
  double max = 0;
  void operator()(const StepView<7>& s) {
    double a = std::max(s.t_begin(), from), b = std::min(s.t_end(), to);
    if (a > b) return;
    int n = std::max(1, static_cast<int>(std::ceil((b - a) / every)));
    for (int i = 0; i <= n; ++i) {
      double r = s.state(a + (b - a) * i / n).head<3>().norm();
      min = std::min(min, r);
      max = std::max(max, r);
    }
  }
};

}  // namespace

EventDetector<7> entry_interface_detector(const Epoch& reference, EntryInterface& out,
                                          std::shared_ptr<EarthRotationNodes> nodes) {
  EventDetector<7> d = altitude_detector(reference, entry_interface_height, EventDirection::Decreasing,
                                         EventAction::Continue, std::move(nodes), "entry interface");
  d.handler = [&out, reference](const EventOccurrence<7>& e, OdeState<7>&) {
    if (!out.epoch) {
      out.epoch = reference + e.t;
      out.flight_path_angle = flight_path_angle(e.y.head<3>(), e.y.segment<3>(3));
    }
    return EventAction::Continue;
  };
  return d;
}

DeorbitPlanner::DeorbitPlanner(NumericalPropagatorSettings natural, DeorbitVehicle vehicle, PlannerSettings settings,
                               const EarthOrientation& eop)
    : natural_(std::move(natural)), vehicle_(std::move(vehicle)), settings_(std::move(settings)), eop_(&eop),
      nodes_(std::make_shared<EarthRotationNodes>(eop)) {
  if (vehicle_.engines.empty()) throw InputError("deorbit planner: the deorbit vehicle has no engines");
  for (const auto& e : vehicle_.engines)
    if (!(e.thrust > 0) || !(e.isp > 0) || e.count < 1)
      throw InputError(fmt::format("deorbit planner: engine '{}' needs thrust > 0 N, Isp > 0 s, count >= 1", e.name));
  if (!(vehicle_.propellant >= 0)) throw InputError("deorbit planner: the propellant must be >= 0 kg");
  if (!(settings_.max_burn_duration > 0)) throw InputError("deorbit planner: the longest burn must be > 0 s");
  if (!(settings_.burn_spacing > 0)) throw InputError("deorbit planner: the burn spacing must be > 0 s");
  if (!(settings_.final_window >= 0) || !(settings_.final_scan_step > 0))
    throw InputError("deorbit planner: the final-burn window must be >= 0 s and its scan step > 0 s");
  if (!(settings_.perigee_tolerance > 0)) throw InputError("deorbit planner: the perigee tolerance must be > 0 m");
  for (std::size_t i = 1; i < settings_.target_perigees.size(); ++i)
    if (!(settings_.target_perigees[i] < settings_.target_perigees[i - 1]))
      throw InputError(fmt::format("deorbit planner: target perigee {} ({}) is not below the one before ({})", i + 1,
                                   km(settings_.target_perigees[i]), km(settings_.target_perigees[i - 1])));
  if (!settings_.target_perigees.empty() && !(settings_.final_perigee < settings_.target_perigees.back()))
    throw InputError(fmt::format("deorbit planner: the final perigee ({}) must be below the last target ({})",
                                 km(settings_.final_perigee), km(settings_.target_perigees.back())));
  if (!(settings_.breakup_altitude > 0)) throw InputError("deorbit planner: the breakup altitude must be > 0 m");
}

PropagationResult DeorbitPlanner::fly(const StateVector& start, double mass, const Epoch& end,
                                      const std::vector<FiniteBurn>& burns, const StepHandler<7>& on_step,
                                      std::vector<EventDetector<7>> extra_events) const {
  NumericalPropagatorSettings s = natural_;
  s.floor_altitude = settings_.breakup_altitude;
  std::vector<FiniteBurn> later;  // burns that end before the start play no part
  for (const auto& b : burns)
    if (b.end() - start.epoch > 0) later.push_back(b);
  std::vector<EventDetector<7>> events;
  if (settings_.impulsive) {
    for (const auto& b : later) {
      Epoch at = b.start + 0.5 * b.duration;
      if (at - start.epoch < 0) continue;  // the run starts after this impulse
      const double propellant = b.propellant(), isp = effective_isp(b.engines);
      const AttitudeLaw law = b.attitude;
      EventDetector<7> d = epoch_detector<7>(start.epoch, at, EventAction::ResetState, b.name + " impulse");
      d.handler = [propellant, isp, law](const EventOccurrence<7>&, OdeState<7>& y) {
        ImpulsiveBurn ib;
        ib.delta_v = rocket_delta_v(isp, y[6], y[6] - propellant);
        ib.attitude = law;
        ib.isp = isp;
        y = ib.apply(y);
        return EventAction::ResetState;
      };
      events.push_back(std::move(d));
    }
  } else if (!later.empty()) {
    auto thrust = std::make_shared<ThrustForce>(later);
    events = thrust->switch_events(start.epoch);
    s.forces.push_back(std::move(thrust));
  }
  for (auto& e : extra_events) events.push_back(std::move(e));
  NumericalPropagator propagator(std::move(s), *eop_, nodes_);
  return propagator.propagate(start, end, mass, events, on_step);
}

ApsisHeights osculating_apsis_heights(const Vec3& r, const Vec3& v) {
  const KeplerianElements k = to_keplerian(r, v);
  return {k.semi_major_axis * (1 - k.eccentricity) - kEquatorialRadius,
          k.semi_major_axis * (1 + k.eccentricity) - kEquatorialRadius};
}

std::string DeorbitPlanner::record(const StateVector& start, double mass, const std::vector<FiniteBurn>& burns,
                                  const Epoch& end, const BreakupObjective& objective, DeorbitPlan& plan) const {
  plan.trajectory.clear();
  plan.history.clear();
  const double step = settings_.sample_step;
  long next = 0;
  auto add = [&](const StateVector& sv, double m) {
    plan.trajectory.push_back(sv);
    const ApsisHeights h = osculating_apsis_heights(sv.r, sv.v);
    plan.history.push_back({sv.epoch, sv.r.norm() - kEquatorialRadius, h.perigee, h.apogee, m});
  };
  auto keep = [&](const StepView<7>& s) {
    for (double t = static_cast<double>(next) * step; t <= s.t_end(); t = static_cast<double>(++next) * step) {
      OdeState<7> y = s.state(t);
      add(to_state(start.epoch + t, y), y[6]);
    }
  };
  EntryInterface entry;
  PropagationResult r = fly(start, mass, end, burns, keep, {entry_interface_detector(start.epoch, entry, nodes_)});
  plan.entry_interface = entry.epoch;
  plan.entry_flight_path_angle = entry.flight_path_angle;
  if (r.status != PropagationStatus::ReachedFloor)
    return r.status == PropagationStatus::ReachedEnd
               ? fmt::format("the stack is still above {} at {}", km(settings_.breakup_altitude),
                             end.iso(TimeScale::UTC, 0))
               : r.message;
  add(r.state, r.mass);
  plan.breakup = r.state;
  plan.breakup_mass = r.mass;
  plan.objective = objective ? objective(r.state, r.mass, false) : 0.0;
  return {};
}

DeorbitPlan DeorbitPlanner::plan(const StateVector& start, double mass, const BreakupObjective& objective) const {
  return plan(start, mass, objective, PlanPass{});
}

DeorbitPlan DeorbitPlanner::plan(const StateVector& start_any, double mass0, const BreakupObjective& objective,
                                 const PlanPass& pass) const {
  DeorbitPlan plan;
  const PlanGoal goal = pass.goal.value_or(settings_.goal);
  const StateVector start =
      start_any.frame == Frame::GCRF ? start_any : FrameTransformer(*eop_).transform(start_any, Frame::GCRF);
  const double mdot = total_mass_flow(vehicle_.engines);
  const double isp = effective_isp(vehicle_.engines);
  const double g0isp = isp * standard_gravity;
  double propellant_left = vehicle_.propellant;
  const double breakup = settings_.breakup_altitude;

  if (!(mass0 > vehicle_.propellant)) {
    plan.verdict = fmt::format("the stack mass ({:.0f} kg) must exceed the vehicle's propellant ({:.0f} kg)", mass0,
                               vehicle_.propellant);
    return plan;
  }

  // Propellant and delta-v of the burns in the plan: at the end, and at a failure (the burns flown before it).
  auto close_totals = [&] {
    plan.propellant_left = propellant_left;
    plan.propellant_used = vehicle_.propellant - propellant_left;
    plan.delta_v = 0;
    for (const auto& b : plan.burns) plan.delta_v += b.delta_v;
  };
  auto fail = [&](std::string why) {
    plan.feasible = false;
    plan.verdict = std::move(why);
    close_totals();
    return plan;
  };

  // The coast state from which the next burn is searched (its mass is the stack's at that time).
  StateVector coast = start;
  double coast_mass = mass0;
  std::vector<FiniteBurn> flown;

  // Brings `coast` forward to `when` without thrust.
  auto coast_to = [&](const Epoch& when, const std::string& what) -> std::string {
    if (when - coast.epoch <= 0) return {};
    PropagationResult r = fly(coast, coast_mass, when, {});
    if (r.status == PropagationStatus::ReachedFloor)
      return fmt::format("the stack fell to the breakup altitude ({}) at {} before {}", km(breakup),
                         r.state.epoch.iso(TimeScale::UTC, 0), what);
    if (r.status != PropagationStatus::ReachedEnd) return fmt::format("propagation failed before {}: {}", what, r.message);
    coast = r.state;
    coast_mass = r.mass;
    return {};
  };

  // The first apoapsis after `after` (searched from `coast`, which does not move), within two revolutions.
  auto next_apoapsis = [&](const Epoch& after, Epoch& apo) -> std::string {
    StateVector from = coast;
    double from_mass = coast_mass;
    if (after - coast.epoch > 0) {
      PropagationResult r = fly(coast, coast_mass, after, {});
      if (r.status != PropagationStatus::ReachedEnd)
        return r.status == PropagationStatus::ReachedFloor
                   ? fmt::format("the stack fell to the breakup altitude ({}) at {} while waiting for the next burn",
                                 km(breakup), r.state.epoch.iso(TimeScale::UTC, 0))
                   : r.message;
      from = r.state;
      from_mass = r.mass;
    }
    NumericalPropagatorSettings s = natural_;
    s.floor_altitude = breakup;
    NumericalPropagator p(std::move(s), *eop_, nodes_);
    std::vector<EventDetector<7>> ev{apsis_detector<7>(EventDirection::Decreasing, EventAction::Stop, "apoapsis")};
    PropagationResult r = p.propagate(from, from.epoch + 2.0 * period_of(from), from_mass, ev);
    if (r.status == PropagationStatus::StoppedByEvent) {
      apo = r.state.epoch;
    } else if (r.status == PropagationStatus::ReachedEnd) {
      apo = from.epoch;  // a circular orbit: every point is an apoapsis
    } else {
      return fmt::format("no apoapsis found after {}: {}", after.iso(TimeScale::UTC, 0), r.message);
    }
    return {};
  };

  // Perigee (lowest radius over the revolution after cut-off) and apogee heights after a burn from `coast`.
  struct Outcome {
    bool ok = false;
    std::string why;
    double perigee = 0, apogee = 0, mass = 0;
  };
  auto lowering_outcome = [&](const FiniteBurn& b) {
    Outcome o;
    double t_cut = b.end() - coast.epoch;
    double period = period_of(coast);
    RadiusRange range;
    range.from = t_cut;
    range.to = t_cut + period;
    PropagationResult r = fly(coast, coast_mass, b.end() + period, {b}, std::ref(range));
    if (r.status == PropagationStatus::ReachedFloor) {
      o.why = fmt::format("the stack fell to the breakup altitude within a revolution of burn '{}'", b.name);
      o.ok = true;  // an over-long burn: the perigee is below the breakup, which the solver can use
      o.perigee = std::min(range.min, r.state.r.norm()) - kEquatorialRadius;
      o.apogee = range.max - kEquatorialRadius;
      return o;
    }
    if (r.status != PropagationStatus::ReachedEnd) {
      o.why = r.message;
      return o;
    }
    o.ok = true;
    o.perigee = range.min - kEquatorialRadius;
    o.apogee = range.max - kEquatorialRadius;
    o.mass = r.mass;
    return o;
  };
  auto final_outcome_from = [&](const StateVector& from, const FiniteBurn& b) {
    Outcome o;
    PropagationResult r = fly(from, coast_mass, b.end(), {b});
    if (r.status != PropagationStatus::ReachedEnd) {
      o.why = r.status == PropagationStatus::ReachedFloor ? "the stack reached the breakup altitude during the final burn"
                                                          : r.message;
      return o;
    }
    const ApsisHeights h = osculating_apsis_heights(r.state.r, r.state.v);
    o.ok = true;
    o.perigee = h.perigee;
    o.apogee = h.apogee;
    o.mass = r.mass;
    return o;
  };
  auto final_outcome = [&](const FiniteBurn& b) { return final_outcome_from(coast, b); };

  // Solves the duration of a burn centred on the apoapsis `apo` for a perigee target: secant iterations on the
  // numerically propagated outcome, seeded by the impulsive solution, kept inside [0, longest allowed].
  auto solve = [&](const std::string& name, const Epoch& apo, double target, bool final,
                   PlannedBurn& out) -> std::string {
    // Perigee before: the lowest radius over the coming revolution without a burn.
    FiniteBurn none{name, apo, 0.0, vehicle_.engines, settings_.attitude};
    Outcome now = final ? final_outcome(none) : lowering_outcome(none);
    if (!now.ok) return now.why;
    out.perigee_before = now.perigee;
    if (!(target < now.perigee))
      return fmt::format("burn '{}': the target perigee ({}) is not below the current one ({})", name, km(target),
                         km(now.perigee));
    // Impulsive seed (Hohmann-type lowering of the opposite apsis), then the rocket equation for the duration.
    double ra = now.apogee + kEquatorialRadius;
    double dv_seed = apoapsis_speed(ra, now.perigee + kEquatorialRadius) - apoapsis_speed(ra, target + kEquatorialRadius);
    out.impulsive_delta_v = dv_seed;
    double d_max = std::min(settings_.max_burn_duration, propellant_left / mdot);
    auto burn_of = [&](double d) {
      return FiniteBurn{name, apo - 0.5 * d, d, vehicle_.engines, settings_.attitude};
    };
    auto f = [&](double d, Outcome& o) {
      o = final ? final_outcome(burn_of(d)) : lowering_outcome(burn_of(d));
      return o.ok ? o.perigee - target : std::numeric_limits<double>::quiet_NaN();
    };
    double d0 = coast_mass * (1 - std::exp(-dv_seed / g0isp)) / mdot;
    Outcome o;
    if (d0 > d_max) {
      double fm = f(d_max, o);
      if (!(fm <= 0)) {
        bool by_propellant = propellant_left / mdot < settings_.max_burn_duration;
        return by_propellant
                   ? fmt::format("not enough propellant for burn '{}': {:.0f} kg left give {:.0f} s of burn, which "
                                 "reach a perigee of {}, not {}",
                                 name, propellant_left, d_max, km(o.perigee), km(target))
                   : fmt::format("burn '{}' would have to be longer than the {:.0f} s allowed (the impulsive estimate "
                                 "is {:.0f} s; {:.0f} s reach a perigee of {}, not {})",
                                 name, settings_.max_burn_duration, d0, d_max, km(o.perigee), km(target));
      }
      d0 = d_max;
    }
    // Secant iterations with a bracket [lo, hi] (f(lo) > 0 > f(hi)) kept as a safeguard.
    double lo = 0, f_lo = now.perigee - target, hi = d_max, f_hi = std::numeric_limits<double>::quiet_NaN();
    double da = d0, fa = f(da, o);
    double db = std::min(d_max, std::max(d0 * 1.02, d0 + 1.0)), fb = std::numeric_limits<double>::quiet_NaN();
    int it = 1;
    Outcome best = o;
    double best_d = da;
    auto take = [&](double d, double fd) {
      if (fd > 0 && d >= lo) lo = d, f_lo = fd;
      if (fd <= 0 && d <= hi) hi = d, f_hi = fd;
    };
    if (std::isnan(fa)) return fmt::format("burn '{}': {}", name, o.why);
    take(da, fa);
    while (std::abs(fa) > settings_.perigee_tolerance && it < 30) {
      fb = f(db, o);
      ++it;
      if (std::isnan(fb)) return fmt::format("burn '{}': {}", name, o.why);
      take(db, fb);
      if (std::abs(fb) < std::abs(fa) || std::abs(fb) <= settings_.perigee_tolerance) best = o, best_d = db;
      if (std::abs(fb) <= settings_.perigee_tolerance) {
        fa = fb;
        da = db;
        break;
      }
      double next = fb != fa ? db - fb * (db - da) / (fb - fa) : 0.5 * (lo + hi);
      // Outside the bracket (or a poor step): bisect, or when no point below the target is known, step beyond.
      bool bracketed = !std::isnan(f_hi);
      if (!(next > lo && next < hi)) next = bracketed ? 0.5 * (lo + hi) : std::min(d_max, 2.0 * std::max(db, 1.0));
      da = db, fa = fb, db = next;
      if (!bracketed && db >= d_max && lo >= d_max) break;
    }
    if (std::abs(best.perigee - target) > settings_.perigee_tolerance) {
      if (!(f_hi <= 0))
        return fmt::format("burn '{}': even {:.0f} s (the longest {}) reach a perigee of only {}, not {}", name, d_max,
                           d_max < settings_.max_burn_duration ? "the propellant allows" : "allowed", km(f_lo + target),
                           km(target));
      return fmt::format("burn '{}': the duration solver did not converge in {} iterations (perigee {} for {})", name,
                         it, km(best.perigee), km(target));
    }
    out.burn = burn_of(best_d);
    out.final = final;
    out.target_perigee = target;
    out.perigee_after = best.perigee;
    out.apogee_after = best.apogee;
    out.mass_before = coast_mass;
    out.propellant = out.burn.propellant();
    out.delta_v = rocket_delta_v(isp, coast_mass, coast_mass - out.propellant);
    out.iterations = it;
    return {};
  };

  // --- Perigee-lowering burns ---------------------------------------------------------------------------------------
  Epoch earliest = start.epoch;
  for (std::size_t i = 0; i < settings_.target_perigees.size(); ++i) {
    std::string name = fmt::format("lowering {}", i + 1);
    Epoch apo;
    // The apoapsis must leave room for half of the longest burn after `earliest`.
    double lead = std::min(0.5 * settings_.max_burn_duration, 0.5 * period_of(coast));
    if (auto e = coast_to(earliest, name); !e.empty()) return fail(e);
    if (auto e = next_apoapsis(earliest + lead, apo); !e.empty()) return fail(e);
    PlannedBurn pb;
    const double shift = i == 0 ? pass.first_lowering_shift : 0.0;  // the apsidal line the optimiser asks for
    if (auto e = solve(name, apo + shift, settings_.target_perigees[i], false, pb); !e.empty()) return fail(e);
    propellant_left -= pb.propellant;
    plan.burns.push_back(pb);
    flown.push_back(pb.burn);
    // Move past the burn before searching the next one.
    if (auto e = [&]() -> std::string {
          PropagationResult r = fly(coast, coast_mass, pb.burn.end(), {pb.burn});
          if (r.status != PropagationStatus::ReachedEnd) return fmt::format("after burn '{}': {}", name, r.message);
          coast = r.state;
          coast_mass = r.mass;
          return {};
        }();
        !e.empty())
      return fail(e);
    earliest = pb.burn.start + settings_.burn_spacing;
  }

  // --- Final burn: duration for the final perigee at the first apoapsis, then its ignition time scanned -----------
  const double target = pass.final_perigee.value_or(settings_.final_perigee);
  if (!settings_.target_perigees.empty() && !(target < settings_.target_perigees.back()))
    return fail(fmt::format("the final perigee ({}) must be below the last target ({})", km(target),
                            km(settings_.target_perigees.back())));
  if (pass.final_from && *pass.final_from - earliest > 0) earliest = *pass.final_from;
  const Epoch window_end = pass.final_to ? *pass.final_to : earliest + settings_.final_window;
  PlannedBurn final_burn;
  {
    Epoch apo;
    double lead = std::min(0.5 * settings_.max_burn_duration, 0.5 * period_of(coast));
    if (auto e = coast_to(earliest, "the final burn"); !e.empty()) return fail(e);
    if (auto e = next_apoapsis(earliest + lead, apo); !e.empty()) return fail(e);
    if (auto e = solve("final", apo, target, true, final_burn); !e.empty()) return fail(e);
  }
  const double d_max_final = std::min(settings_.max_burn_duration, propellant_left / mdot);

  // Coast states over the window, one per scan step (the mass does not change while coasting).
  std::vector<StateVector> coast_samples;
  {
    NumericalPropagatorSettings s = natural_;
    s.floor_altitude = breakup;
    NumericalPropagator p(std::move(s), *eop_, nodes_);
    PropagationResult r = p.sample(coast, std::max(window_end, coast.epoch), settings_.final_scan_step,
                                   coast_samples, coast_mass);
    if (r.status != PropagationStatus::ReachedEnd && coast_samples.empty())
      return fail(fmt::format("the stack cannot coast to the final burn: {}", r.message));
  }

  // An ignition candidate: the duration that reaches the final perigee from there (Newton steps on the duration,
  // warm-started from the last candidate's duration and slope, since neighbours differ little), and the breakup.
  struct Candidate {
    bool ok = false;
    Epoch ignition;
    double duration = 0;
    double perigee = 0, apogee = 0;
    StateVector breakup;
    double mass = 0;
    double score = -std::numeric_limits<double>::infinity();
    EntryInterface entry;   // through 120 km (the angle at the breakup when it lies above)
    bool angle_ok = false;  // inside [entry_angle_min, entry_angle_max]
  };
  double d_guess = final_burn.burn.duration;
  double slope = -(final_burn.perigee_before - final_burn.perigee_after) / std::max(final_burn.burn.duration, 1.0);
  auto evaluate = [&](const StateVector& at, bool quick) {
    Candidate c;
    c.ignition = at.epoch;
    auto burn_of = [&](double d) { return FiniteBurn{"final", at.epoch, d, vehicle_.engines, settings_.attitude}; };
    double d = d_guess;
    Outcome o = final_outcome_from(at, burn_of(d));
    for (int it = 0; it < 8 && o.ok && std::abs(o.perigee - target) > settings_.perigee_tolerance; ++it) {
      double next = std::clamp(d - (o.perigee - target) / slope, 0.0, d_max_final);
      if (next == d) break;
      Outcome o2 = final_outcome_from(at, burn_of(next));
      if (!o2.ok) break;
      if (o2.perigee != o.perigee) slope = (o2.perigee - o.perigee) / (next - d);
      if (!(slope < 0)) slope = -1.0;  // keep the step direction sane (longer burn, lower perigee)
      d = next;
      o = o2;
    }
    ++plan.scanned;
    if (!o.ok || std::abs(o.perigee - target) > settings_.perigee_tolerance) return c;
    d_guess = d;
    c.duration = d;
    c.perigee = o.perigee;
    c.apogee = o.apogee;
    PropagationResult r = fly(at, coast_mass, at.epoch + settings_.max_descent, {burn_of(d)}, {},
                              {entry_interface_detector(at.epoch, c.entry, nodes_)});
    if (r.status != PropagationStatus::ReachedFloor) return c;
    c.ok = true;
    c.breakup = r.state;
    c.mass = r.mass;
    // A breakup above 120 km has no entry interface: its angle is taken at the breakup.
    if (!c.entry.epoch) c.entry.flight_path_angle = flight_path_angle(r.state.r, r.state.v);
    const double angle = c.entry.flight_path_angle;
    c.angle_ok = angle >= settings_.entry_angle_min && angle <= settings_.entry_angle_max;
    // The objective is not needed where the angle already rules the candidate out.
    if (c.angle_ok) c.score = objective ? objective(r.state, r.mass, quick) : 0.0;
    return c;
  };
  // What a candidate is worth: the objective (Margin), or the least burn (Propellant) among those whose objective
  // reaches the floor, those below it ranked by their objective so that the search climbs towards the floor.
  auto merit = [&](const Candidate& c) {
    if (!c.ok || !c.angle_ok) return -std::numeric_limits<double>::infinity();
    if (goal == PlanGoal::Margin) return c.score;
    return c.score >= settings_.min_objective ? -c.duration : -1e12 + std::max(c.score, -1e11);
  };
  // Why no candidate met the constraints (the scan's tallies).
  int reached = 0, angle_out = 0;
  double angle_lo = std::numeric_limits<double>::infinity(), angle_hi = -angle_lo, best_score = -angle_lo;
  auto tally = [&](const Candidate& c) {
    if (!c.ok) return;
    ++reached;
    angle_lo = std::min(angle_lo, c.entry.flight_path_angle);
    angle_hi = std::max(angle_hi, c.entry.flight_path_angle);
    if (!c.angle_ok) ++angle_out;
    else best_score = std::max(best_score, c.score);
  };
  auto state_at = [&](const Epoch& t) -> std::optional<StateVector> {
    // From the last coast sample at or before t.
    std::size_t i = 0;
    while (i + 1 < coast_samples.size() && coast_samples[i + 1].epoch - t <= 0) ++i;
    PropagationResult r = fly(coast_samples[i], coast_mass, t, {});
    if (r.status != PropagationStatus::ReachedEnd) return std::nullopt;
    return r.state;
  };

  Candidate best;
  std::size_t best_i = 0;
  for (std::size_t i = 0; i < coast_samples.size(); ++i) {
    Candidate c = evaluate(coast_samples[i], true);
    tally(c);
    if (merit(c) > merit(best)) best = c, best_i = i;
  }
  if (reached > 0 && angle_out == reached)
    return fail(fmt::format("the entry flight-path angle constraint: the {} final ignitions that reach the breakup "
                            "enter at {:.2f} to {:.2f} deg below the horizon at {}, outside [{:.2f}, {:.2f}] deg "
                            "(entry_flight_path_deg)",
                            reached, angle_lo / constants::deg, angle_hi / constants::deg, km(entry_interface_height),
                            settings_.entry_angle_min / constants::deg, settings_.entry_angle_max / constants::deg));
  if (!best.ok)
    return fail(fmt::format("no final burn of at most {:.0f} s in the {:.1f} h window reaches the final perigee ({}) "
                            "and brings the stack down to {} within {:.1f} h",
                            d_max_final, settings_.final_window / 3600.0, km(target), km(breakup),
                            settings_.max_descent / 3600.0));
  // Refine: golden-section search of the full objective around the best scanned ignition.
  {
    double a = (best_i > 0 ? coast_samples[best_i - 1].epoch : coast_samples[best_i].epoch) - coast.epoch;
    double b = (best_i + 1 < coast_samples.size() ? coast_samples[best_i + 1].epoch : coast_samples[best_i].epoch) -
               coast.epoch;
    d_guess = best.duration;
    auto score = [&](double t) -> Candidate {
      auto s = state_at(coast.epoch + t);
      return s ? evaluate(*s, false) : Candidate{};
    };
    best = evaluate(coast_samples[best_i], false);
    const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
    double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
    Candidate c1 = score(x1), c2 = score(x2);
    for (int it = 0; it < 14 && b - a > 1.0; ++it) {
      if (merit(c1) >= merit(c2)) {
        b = x2, x2 = x1, c2 = c1, x1 = b - phi * (b - a), c1 = score(x1);
      } else {
        a = x1, x1 = x2, c1 = c2, x2 = a + phi * (b - a), c2 = score(x2);
      }
    }
    for (const Candidate* c : {&c1, &c2})
      if (merit(*c) > merit(best)) best = *c;
  }
  if (goal == PlanGoal::Propellant && !(best.score >= settings_.min_objective))
    return fail(fmt::format("the margin floor: no final ignition (final perigee {}) keeps the objective (the "
                            "footprint's margin) at {} or more; the best is {} (min_margin_km)",
                            km(target), margin_km(settings_.min_objective),
                            margin_km(std::isfinite(best.score) ? best.score : best_score)));
  final_burn.burn = FiniteBurn{"final", best.ignition, best.duration, vehicle_.engines, settings_.attitude};
  final_burn.perigee_after = best.perigee;
  final_burn.apogee_after = best.apogee;
  final_burn.mass_before = coast_mass;
  final_burn.propellant = final_burn.burn.propellant();
  final_burn.delta_v = rocket_delta_v(isp, coast_mass, coast_mass - final_burn.propellant);
  propellant_left -= final_burn.propellant;
  plan.burns.push_back(final_burn);
  flown.push_back(final_burn.burn);
  if (!pass.replay) {  // the optimiser's trial: the candidate's own descent stands for the replay's
    plan.entry_interface = best.entry.epoch;
    plan.entry_flight_path_angle = best.entry.flight_path_angle;
    plan.breakup = best.breakup;
    plan.breakup_mass = best.mass;
    plan.objective = best.score;
    plan.feasible = true;
    close_totals();
    return plan;
  }

  // --- The whole flight once more, from the start to the breakup, sampled for the outputs -------------------------
  if (auto e = record(start, mass0, flown, best.ignition + settings_.max_descent, objective, plan); !e.empty())
    return fail(fmt::format("the replay of the plan did not reach the breakup altitude: {}", e));
  plan.feasible = true;
  close_totals();
  return plan;
}

}  // namespace deorbit

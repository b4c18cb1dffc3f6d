#include "deorbit/maneuver/plan_optimiser.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/orbit/keplerian.h"

namespace deorbit {
namespace {

std::string km(double m) { return fmt::format("{:.1f} km", m / 1000.0); }
std::string margin_km(double m) { return fmt::format("{:.3f} km", m / 1000.0); }  // floors are set to the metre

// [s] from the highest point of the coast orbit within half a revolution of the final burn's centre to that centre
// (positive: the burn is centred after the apoapsis). The highest radius, not the apsis event, because the
// oblateness's short-period terms give a near-circular orbit extra zeros of the radial velocity.
std::optional<double> apoapsis_lag(const DeorbitPlanner& planner, const StateVector& start, double mass,
                                   const DeorbitPlan& plan, double period) {
  if (plan.burns.empty() || !plan.burns.back().final) return std::nullopt;
  const FiniteBurn& f = plan.burns.back().burn;
  const Epoch centre = f.start + 0.5 * f.duration;
  std::vector<FiniteBurn> lowering;
  for (const auto& b : plan.burns)
    if (!b.final) lowering.push_back(b.burn);
  const double from = centre - start.epoch - 0.5 * period, to = from + period;
  double best_r = 0, best_t = 0;
  auto highest = [&](const StepView<7>& s) {
    double a = std::max(s.t_begin(), from), b = std::min(s.t_end(), to);
    if (a > b) return;
    int n = std::max(1, static_cast<int>(std::ceil((b - a) / 5.0)));
    for (int i = 0; i <= n; ++i) {
      double t = a + (b - a) * i / n;
      double r = s.state(t).head<3>().norm();
      if (r > best_r) best_r = r, best_t = t;
    }
  };
  // The coast only: the final burn is left out, so the orbit it starts from is the one measured.
  PropagationResult r = planner.fly(start, mass, start.epoch + to, lowering, highest);
  if (r.status != PropagationStatus::ReachedEnd || best_r == 0) return std::nullopt;
  return (centre - start.epoch) - best_t;
}

// One trial of the search: a planning pass, counted.
struct Trials {
  const DeorbitPlanner& planner;
  const StateVector& start;
  double mass;
  const BreakupObjective& objective;
  int passes = 0;
  DeorbitPlan run(const PlanPass& p) {
    ++passes;
    return planner.plan(start, mass, objective, p);
  }
};

// The apsidal line onto the final burn of `at` (flown with `pass`): fixed-point iterations on the first lowering
// burn's phase, each feasible trial handed to `keep`. Returns the pass of the last feasible trial.
PlanPass turn_apsidal_line(Trials& trials, PlanPass pass, DeorbitPlan at, double period,
                           const std::function<void(DeorbitPlan, const PlanPass&)>& keep) {
  if (trials.planner.settings().target_perigees.empty()) return pass;
  for (int it = 0; it < 2; ++it) {
    std::optional<double> lag = apoapsis_lag(trials.planner, trials.start, trials.mass, at, period);
    if (!lag || std::abs(*lag) < 30.0) break;
    PlanPass next = pass;
    next.first_lowering_shift = std::fmod(pass.first_lowering_shift + *lag + 2 * period, period);
    DeorbitPlan p = trials.run(next);
    if (!p.feasible) break;
    pass = next;
    at = p;
    keep(std::move(p), next);
  }
  return pass;
}

// The widest margin for the propellant available (PlanGoal::Margin with a final perigee range): the cheapest end of
// the range gives the aim, the apsidal line is turned onto it (which frees propellant), then the final perigee is
// lowered by bisection while the vehicle can still fly the final burn (propellant, longest burn) and the angle holds.
DeorbitPlan widest_margin(Trials& trials, double period) {
  const PlannerSettings& set = trials.planner.settings();
  PlanPass pass;
  pass.final_perigee = set.final_perigee_high;
  pass.replay = false;
  DeorbitPlan first = trials.run(pass);
  if (!first.feasible) {
    first.verdict = fmt::format("at the highest final perigee of the range ({}), the cheapest: {}",
                                km(set.final_perigee_high), first.verdict);
    first.passes = trials.passes;
    return first;
  }
  const Epoch aim = first.burns.back().burn.start;
  pass.final_from = aim - 2 * set.final_scan_step;
  pass.final_to = aim + 2 * set.final_scan_step;
  DeorbitPlan best = first;
  PlanPass best_pass = pass;
  auto keep = [&](DeorbitPlan p, const PlanPass& with) {
    if (p.feasible && p.objective > best.objective) best = std::move(p), best_pass = with;
  };
  pass = turn_apsidal_line(trials, pass, first, period, keep);
  double lo = set.final_perigee_low, hi = set.final_perigee_high;  // infeasible below lo? feasible at hi
  PlanPass trial = pass;
  trial.final_perigee = lo;
  DeorbitPlan low = trials.run(trial);
  const bool low_ok = low.feasible;
  keep(std::move(low), trial);
  for (int it = 0; !low_ok && it < 4 && hi - lo > 2e3; ++it) {
    trial.final_perigee = 0.5 * (lo + hi);
    DeorbitPlan p = trials.run(trial);
    const bool ok = p.feasible;
    keep(std::move(p), trial);
    (ok ? hi : lo) = *trial.final_perigee;
  }
  best_pass.replay = true;
  DeorbitPlan out = trials.run(best_pass);
  out.passes = trials.passes;
  return out;
}

}  // namespace

DeorbitPlan optimise_plan(const DeorbitPlanner& planner, const StateVector& start_any, double mass,
                          const BreakupObjective& objective) {
  const PlannerSettings& set = planner.settings();
  const bool perigee_range = set.final_perigee_high > set.final_perigee_low;
  if (set.goal == PlanGoal::Margin && !perigee_range) return planner.plan(start_any, mass, objective);
  const StateVector start =
      start_any.frame == Frame::GCRF ? start_any : FrameTransformer(planner.eop()).transform(start_any, Frame::GCRF);
  const double period = osculating_period(start.r, start.v);
  Trials trials{planner, start, mass, objective};
  if (set.goal == PlanGoal::Margin) return widest_margin(trials, period);
  const int& passes = trials.passes;
  auto run = [&](const PlanPass& p) { return trials.run(p); };

  // 1. Where the debris lands best: the widest margin over the whole window at the steepest entry.
  PlanPass pass;
  pass.final_perigee = set.final_perigee_low;
  pass.replay = false;
  pass.goal = PlanGoal::Margin;
  DeorbitPlan widest = run(pass);
  if (!widest.feasible) {
    // The steepest entry may be what the angle range refuses: try the shallowest before giving up.
    pass.final_perigee = set.final_perigee_high;
    DeorbitPlan high = run(pass);
    if (!high.feasible) {
      widest.verdict = fmt::format("at the lowest final perigee ({}): {}; at the highest ({}): {}",
                                   km(set.final_perigee_low), widest.verdict, km(set.final_perigee_high), high.verdict);
      widest.passes = passes;
      return widest;
    }
    widest = std::move(high);
  }
  // Which ignitions the angle range left to choose from, for the verdicts.
  const bool angle_set = set.entry_angle_min > -constants::pi / 2 || set.entry_angle_max < constants::pi / 2;
  const std::string among =
      angle_set ? fmt::format(" among the ignitions whose entry angle is within [{:.2f}, {:.2f}] deg",
                              set.entry_angle_min / constants::deg, set.entry_angle_max / constants::deg)
                : std::string();
  if (!(widest.objective >= set.min_objective)) {
    widest.feasible = false;
    widest.verdict = fmt::format("the margin floor: the widest margin over the final window{} is {} (final perigee "
                                 "{}), below the {} asked (min_margin_km)",
                                 among, margin_km(widest.objective), km(*pass.final_perigee), margin_km(set.min_objective));
    widest.passes = passes;
    return widest;
  }
  const Epoch aim = widest.burns.back().burn.start;
  // Two scan steps either side: the ground under the breakup moves some 7 km per second of ignition, so a whole
  // revolution would let the scan's coarse grid jump to another ground track.
  pass.final_from = aim - 2 * set.final_scan_step;
  pass.final_to = aim + 2 * set.final_scan_step;
  pass.goal = PlanGoal::Propellant;

  // The best feasible pass so far (least propellant) and its variables.
  DeorbitPlan best;
  PlanPass best_pass;
  auto consider = [&](DeorbitPlan p, const PlanPass& with) {
    if (p.feasible && (!best.feasible || p.propellant_used < best.propellant_used)) {
      best = std::move(p);
      best_pass = with;
      return true;
    }
    return false;
  };
  consider(run(pass), pass);  // the phase as the planner puts it

  // 2. The apsidal line onto the final burn: fixed-point iterations on the first lowering burn's phase.
  pass = turn_apsidal_line(trials, pass, best.feasible ? best : widest, period,
                           [&](DeorbitPlan p, const PlanPass& with) { consider(std::move(p), with); });
  if (best_pass.final_perigee) pass = best_pass;

  // 3. The final perigee raised while the floor and the angle hold: bisection on [feasible, infeasible].
  if (best.feasible) {
    double lo = *pass.final_perigee, hi = set.final_perigee_high;
    PlanPass trial = pass;
    trial.final_perigee = hi;
    if (!consider(run(trial), trial)) {
      for (int it = 0; it < 4 && hi - lo > 2e3; ++it) {
        trial.final_perigee = 0.5 * (lo + hi);
        DeorbitPlan p = run(trial);
        bool ok = p.feasible;
        consider(std::move(p), trial);
        (ok ? lo : hi) = *trial.final_perigee;
      }
    }
  }
  if (!best.feasible) {
    widest.feasible = false;
    widest.verdict = fmt::format("the margin floor: no final ignition near the widest-margin one{} keeps {} at a "
                                 "final perigee of {} (min_margin_km)",
                                 among, margin_km(set.min_objective), km(*pass.final_perigee));
    widest.passes = passes;
    return widest;
  }

  // 4. The chosen variables flown once more, with the trajectory for the outputs.
  best_pass.replay = true;
  DeorbitPlan out = run(best_pass);
  out.passes = passes;
  return out;
}

}  // namespace deorbit

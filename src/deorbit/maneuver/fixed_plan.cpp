#include "deorbit/maneuver/fixed_plan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/frames/transforms.h"

namespace deorbit {
namespace {

std::string utc(const Epoch& t) { return t.iso(TimeScale::UTC, 1); }

}  // namespace

DeorbitPlan fly_given_burns(const DeorbitPlanner& planner, const StateVector& start_any, double mass0,
                            std::vector<GivenBurn> burns, const std::vector<VehiclePropellant>& tanks,
                            const BreakupObjective& objective) {
  DeorbitPlan plan;
  const PlannerSettings& settings = planner.settings();
  const StateVector start = start_any.frame == Frame::GCRF
                                ? start_any
                                : FrameTransformer(planner.eop()).transform(start_any, Frame::GCRF);
  if (burns.empty()) throw InputError("burn plan: no burns");
  std::stable_sort(burns.begin(), burns.end(),
                   [](const GivenBurn& a, const GivenBurn& b) { return a.burn.start - b.burn.start < 0; });

  std::map<std::string, double> left;
  double propellant0 = 0;
  for (const auto& t : tanks) {
    left[t.vehicle] += t.propellant;
    propellant0 += t.propellant;
  }
  for (const auto& g : burns) {
    if (!left.contains(g.vehicle)) throw InputError(fmt::format("burn '{}': no vehicle named '{}'", g.burn.name, g.vehicle));
    if (g.burn.engines.empty() || !(total_mass_flow(g.burn.engines) > 0))
      throw InputError(fmt::format("burn '{}': no engine fires", g.burn.name));
    if (g.burn.start - start.epoch < 0)
      throw InputError(fmt::format("burn '{}' ignites at {}, before the start of the scenario ({})", g.burn.name,
                                   utc(g.burn.start), utc(start.epoch)));
  }
  if (!(mass0 > propellant0)) throw InputError("burn plan: the stack mass must exceed the vehicles' propellant");
  // Overlaps of burns of given duration are refused before anything is flown (those of a burn given by delta-v show
  // once its duration is known, below).
  for (std::size_t i = 1; i < burns.size(); ++i) {
    const FiniteBurn& a = burns[i - 1].burn;
    if (!burns[i - 1].delta_v && burns[i].burn.start - a.end() < 0)
      throw InputError(fmt::format("burn '{}' ignites at {}, before burn '{}' ends ({})", burns[i].burn.name,
                                   utc(burns[i].burn.start), a.name, utc(a.end())));
  }

  auto close = [&](bool feasible, std::string verdict) {
    plan.feasible = feasible;
    plan.verdict = std::move(verdict);
    plan.propellant_left = 0;
    for (const auto& [name, kg] : left) plan.propellant_left += kg;
    plan.propellant_used = propellant0 - plan.propellant_left;
    plan.delta_v = 0;
    for (const auto& b : plan.burns) plan.delta_v += b.delta_v;
    return plan;
  };

  // Burn by burn: coast to the ignition, resolve the duration from the mass there, check the tank, fly the arc.
  StateVector at = start;
  double mass = mass0;
  std::vector<FiniteBurn> flown;
  for (auto& g : burns) {
    FiniteBurn& b = g.burn;
    if (!flown.empty() && b.start - flown.back().end() < 0)
      throw InputError(fmt::format("burn '{}' ignites at {}, before burn '{}' ends ({})", b.name, utc(b.start),
                                   flown.back().name, utc(flown.back().end())));
    PropagationResult coast = planner.fly(at, mass, b.start, {});
    if (coast.status == PropagationStatus::ReachedFloor)
      return close(false, fmt::format("the stack fell to the breakup altitude ({:.1f} km) at {}, before burn '{}'",
                                      settings.breakup_altitude / 1000.0, utc(coast.state.epoch), b.name));
    if (coast.status != PropagationStatus::ReachedEnd)
      return close(false, fmt::format("propagation failed before burn '{}': {}", b.name, coast.message));
    at = coast.state;
    const double isp = effective_isp(b.engines);
    if (g.delta_v) b.duration = rocket_propellant(isp, mass, *g.delta_v) / b.mass_flow();
    PlannedBurn pb;
    pb.burn = b;
    pb.mass_before = mass;
    pb.propellant = b.propellant();
    pb.delta_v = rocket_delta_v(isp, mass, mass - pb.propellant);
    pb.impulsive_delta_v = std::numeric_limits<double>::quiet_NaN();
    pb.target_perigee = std::numeric_limits<double>::quiet_NaN();
    pb.perigee_before = osculating_apsis_heights(at.r, at.v).perigee;
    double& tank = left[g.vehicle];
    if (pb.propellant > tank + 1e-9) {
      pb.perigee_after = pb.apogee_after = std::numeric_limits<double>::quiet_NaN();
      plan.burns.push_back(pb);
      return close(false, fmt::format("burn '{}' needs {:.1f} kg of propellant ({:.1f} s); '{}' has {:.1f} kg left",
                                      b.name, pb.propellant, b.duration, g.vehicle, tank));
    }
    PropagationResult arc = planner.fly(at, mass, b.end(), {b});
    if (arc.status != PropagationStatus::ReachedEnd) {
      plan.burns.push_back(pb);
      return close(false, arc.status == PropagationStatus::ReachedFloor
                              ? fmt::format("the stack reached the breakup altitude during burn '{}', at {}", b.name,
                                            utc(arc.state.epoch))
                              : fmt::format("propagation failed during burn '{}': {}", b.name, arc.message));
    }
    tank -= pb.propellant;
    const ApsisHeights after = osculating_apsis_heights(arc.state.r, arc.state.v);
    pb.perigee_after = after.perigee;
    pb.apogee_after = after.apogee;
    plan.burns.push_back(pb);
    flown.push_back(b);
    at = arc.state;
    mass = arc.mass;
  }
  plan.burns.back().final = true;

  if (auto e = planner.record(start, mass0, flown, flown.back().end() + settings.max_descent, objective, plan);
      !e.empty())
    return close(false, fmt::format("after the last burn (perigee {:.1f} km) the stack does not come down to the "
                                    "breakup altitude within {:.1f} h: {}",
                                    plan.burns.back().perigee_after / 1000.0, settings.max_descent / 3600.0, e));
  return close(true, {});
}

}  // namespace deorbit

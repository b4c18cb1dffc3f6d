// plan_optimiser: the deorbit plan of least propellant whose objective (the footprint's margin inside the target
// zone) reaches a floor, with the entry flight-path angle in its range (PlanGoal::Propellant); or the widest margin
// for the propellant available (PlanGoal::Margin with a final perigee range); with PlanGoal::Margin alone, the
// planner's own single pass (the final ignition that maximises the margin).
//
// Decision variables: the phase of the first lowering burn (its centre after its apoapsis: it sets the apsidal
// line of every later orbit, since the later lowering burns are centred on the apoapsides it makes), the final
// perigee (lower costs more and shortens the footprint), and the final ignition (the planner's scan, choosing the
// shortest final burn whose margin reaches the floor). The constraints of the planner stay: the longest burn, the
// spacing of the burns, the entry angle at 120 km.
//
// Method: block coordinate search (Nocedal and Wright, "Numerical Optimization", 2nd ed., sec. 9.3), each block
// one-dimensional, every trial a planning pass on the numerically propagated trajectory:
//  1. the widest margin over the whole final window at the lowest final perigee (the planner's Margin pass) gives
//     the ignition where the debris lands best;
//  2. the apsidal line is turned onto that ignition: the first lowering burn is moved by the time from the nearest
//     apoapsis to the final burn's centre (a fixed-point iteration, two passes), since a retrograde burn centred on
//     apoapsis lowers the perigee for the least delta-v (Vallado, 4th ed., sec. 6.3);
//  3. the final perigee is raised by bisection while the shortest burn around that ignition (two scan steps either
//     side) still keeps the margin floor and the entry angle (propellant falls and the footprint lengthens as the
//     perigee rises, so the floor is met on an interval whose top is the answer);
//  4. the chosen variables are flown once more with the full trajectory for the outputs.
// A plan it cannot make feasible is a result whose verdict names the binding constraint at both ends of the
// final perigee range.
// The widest margin for the propellant available runs the same blocks the other way: the aim at the top of the
// perigee range (the cheapest), the apsidal line turned onto it (which frees propellant), then the final perigee
// lowered by bisection while the vehicle can still fly the final burn (propellant, longest burn, the stack above the
// breakup during the burn) and the angle holds; the pass with the widest margin is kept.
#pragma once

#include "deorbit/maneuver/deorbit_planner.h"

namespace deorbit {

//! The plan for planner.settings().goal (see the header comment). Margin: planner.plan(start, mass, objective).
[[nodiscard]] DeorbitPlan optimise_plan(const DeorbitPlanner& planner, const StateVector& start, double mass,
                                        const BreakupObjective& objective);

}  // namespace deorbit

// A given burn plan flown as it is: the burns an operator or an agency brings (ignition, duration or delta-v,
// engines, attitude), finite with mass flow, from the start to the breakup, with each vehicle's propellant checked.
// The result is a DeorbitPlan like the planner's, so that the footprint, risk and outputs follow unchanged.
// Reference: GMAT Mathematical Specification R2020a, ch. 6 (FiniteBurn with mass depletion); Sutton & Biblarz,
// "Rocket Propulsion Elements", 9th ed., eq. 4-7 (the duration of a burn of given delta-v).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deorbit/maneuver/deorbit_planner.h"

namespace deorbit {

//! One burn of a given plan.
struct GivenBurn {
  FiniteBurn burn;                //!< name, ignition, the engines that fire, attitude; its duration unless delta_v
  std::optional<double> delta_v;  //!< [m/s] ideal delta-v: the duration follows from the mass at ignition
  std::string vehicle;            //!< the vehicle whose propellant it draws
};

//! The propellant [kg] each vehicle has for the burns.
struct VehiclePropellant {
  std::string vehicle;
  double propellant = 0;
};

//! Flies `burns` (any order; sorted by ignition) from `start` with the stack's mass [kg], through the breakup (at most
//! the planner's max_descent after the last cut-off), with the planner's forces and settings (breakup altitude,
//! sample step, burn model). Per burn: the osculating perigee and apogee heights at ignition and at cut-off (less the
//! WGS84 equatorial radius); target_perigee is NaN (no target). A burn that needs more propellant than its vehicle
//! has left, a stack that falls before a burn, or one that stays up, make an infeasible plan whose verdict says so.
//! Throws InputError on a plan that cannot be meant: overlapping burns, a burn before the start, an unknown vehicle.
[[nodiscard]] DeorbitPlan fly_given_burns(const DeorbitPlanner& planner, const StateVector& start, double mass,
                                          std::vector<GivenBurn> burns, const std::vector<VehiclePropellant>& tanks,
                                          const BreakupObjective& objective);

}  // namespace deorbit

// DeorbitPlanner: the burns of a controlled re-entry, found by vary/achieve targeting on the numerically
// propagated trajectory (GMAT's Target/Vary/Achieve, seeded by the impulsive solution).
//
// Strategy: a series of perigee-lowering burns, each centred on an apoapsis and retrograde, whose durations are
// solved (secant method, seeded by a Hohmann-type impulsive burn and the rocket equation) so that the perigee of
// the following revolution meets its target; then a final burn of the duration that brings the osculating perigee
// to the final target, whose ignition time is scanned over a window and refined (golden section) to maximise a
// caller's objective of the breakup state (the footprint's margin inside a target zone). Stages above this one
// (reentry, risk) compute that objective; the planner only sees a function.
//
// Perigee heights: for a lowering burn, the lowest geocentric radius over the revolution after cut-off, less the
// WGS84 equatorial radius (so drag and the Earth's oblateness are in it); for the final burn, whose orbit does not
// complete a revolution, the osculating perigee radius at cut-off less the same radius.
// Reference: GMAT Mathematical Specification R2020a, ch. 9 (Target, Vary, Achieve; differential correction);
// Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., sec. 6.3 (Hohmann transfer).
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "deorbit/frames/earth_rotation.h"
#include "deorbit/maneuver/burn.h"
#include "deorbit/propagate/numerical_propagator.h"

namespace deorbit {

//! The deorbit vehicles of a stack; their engines fire together and their propellant is pooled.
struct DeorbitVehicle {
  std::string name;             //!< e.g. "US Deorbit Vehicle"
  std::vector<Engine> engines;  //!< the engines used for the deorbit burns
  double propellant = 0;        //!< [kg] usable propellant
};

struct PlannerSettings {
  std::vector<double> target_perigees;  //!< [m] perigee heights of the lowering burns, each below the one before
  double final_perigee = 0;             //!< [m] osculating perigee height at the final burn's cut-off
  double max_burn_duration = 3600;      //!< [s] longest burn allowed
  double burn_spacing = 86400;          //!< [s] from one ignition to the earliest ignition of the next burn
  double final_window = 86400;          //!< [s] the final ignition is searched in [earliest, earliest + window]
  double final_scan_step = 120;         //!< [s] step of the coarse scan of the final ignition
  double breakup_altitude = 78e3;       //!< [m] geodetic height of the breakup
  double perigee_tolerance = 100;       //!< [m] on each perigee target
  double max_descent = 2 * 86400;       //!< [s] from the final ignition to the breakup, at most
  double sample_step = 60;              //!< [s] of the trajectory kept in the plan
  AttitudeLaw attitude = AttitudeLaw::Retrograde;
  //! Quick studies: each burn is flown as an impulsive burn at the middle of its arc, with the delta-v the rocket
  //! equation gives for the arc's propellant (same propellant, no gravity losses, no thrust arc).
  bool impulsive = false;
};

//! The score of a breakup state (GCRF) and the stack's mass there [kg]: larger is better (e.g. the smallest
//! margin [m] of the debris footprint inside the target zone, negative outside). `quick` asks for a cheaper
//! approximation, used by the coarse scan.
using BreakupObjective = std::function<double(const StateVector& breakup, double mass, bool quick)>;

struct PlannedBurn {
  FiniteBurn burn;                 //!< ignition, duration, engines, attitude
  bool final = false;              //!< the final (re-entry) burn
  double target_perigee = 0;       //!< [m] its target perigee height
  double perigee_before = 0;       //!< [m] perigee height before the burn
  double perigee_after = 0;        //!< [m] perigee height reached (see the header comment for the definitions)
  double apogee_after = 0;         //!< [m] apogee height after the burn (highest radius less the equatorial one)
  double mass_before = 0;          //!< [kg]
  double propellant = 0;           //!< [kg]
  double delta_v = 0;              //!< [m/s] ideal (rocket equation) delta-v of the burn
  double impulsive_delta_v = 0;    //!< [m/s] the impulsive seed's delta-v, for comparison (gravity losses)
  int iterations = 0;              //!< of the duration solver
};

//! One sample of the planned trajectory, for tables and plots.
struct PlanSample {
  Epoch epoch;
  double radius_height = 0;   //!< [m] |r| less the equatorial radius
  double perigee = 0;         //!< [m] osculating perigee height (|r_p| less the equatorial radius)
  double apogee = 0;          //!< [m] osculating apogee height
  double mass = 0;            //!< [kg]
};

struct DeorbitPlan {
  bool feasible = false;           //!< the vehicle can fly every burn and the stack reaches the breakup
  std::string verdict;             //!< why not (empty when feasible)
  std::vector<PlannedBurn> burns;  //!< in time order, the final one last (when it was reached)
  StateVector breakup;             //!< GCRF state at the breakup altitude
  double breakup_mass = 0;         //!< [kg]
  double objective = -std::numeric_limits<double>::infinity();  //!< the objective at the breakup
  double propellant_used = 0;      //!< [kg]
  double propellant_left = 0;      //!< [kg]
  double delta_v = 0;              //!< [m/s] total ideal delta-v
  std::vector<StateVector> trajectory;  //!< GCRF samples from the start to the breakup (every sample_step)
  std::vector<PlanSample> history;      //!< the same samples as heights and mass
  int scanned = 0;                 //!< final ignitions evaluated (scan and refinement)
};

class DeorbitPlanner {
 public:
  //! `natural`: the forces without thrust (gravity, drag...) and the stack's areas and coefficients. The EOP table
  //! must outlive the planner. Throws InputError on impossible settings.
  DeorbitPlanner(NumericalPropagatorSettings natural, DeorbitVehicle vehicle, PlannerSettings settings,
                 const EarthOrientation& eop = EarthOrientation::none());

  //! Plans from `start` (any frame) with the stack's mass [kg] (vehicle propellant included). An infeasible plan
  //! is a result (feasible = false, verdict says why, burns up to the failing one), not an exception.
  [[nodiscard]] DeorbitPlan plan(const StateVector& start, double mass, const BreakupObjective& objective) const;

  //! The numerically propagated run with the given burns from `start` (mass [kg]) to `end`, stopping at the
  //! breakup altitude: the burns' switch events are passed, so the run restarts at each ignition and cut-off
  //! (with settings.impulsive, each burn is an impulse at its middle instead).
  [[nodiscard]] PropagationResult fly(const StateVector& start, double mass, const Epoch& end,
                                      const std::vector<FiniteBurn>& burns,
                                      const StepHandler<7>& on_step = {}) const;

  //! Flies `burns` from `start` (GCRF; mass [kg]) to the breakup altitude, at most until `end`, and fills the plan's
  //! trajectory and history (every sample_step), breakup, breakup_mass and objective. Returns why the breakup was
  //! not reached, or an empty string.
  std::string record(const StateVector& start, double mass, const std::vector<FiniteBurn>& burns, const Epoch& end,
                     const BreakupObjective& objective, DeorbitPlan& plan) const;

  [[nodiscard]] const PlannerSettings& settings() const { return settings_; }
  [[nodiscard]] const EarthOrientation& eop() const { return *eop_; }

 private:
  NumericalPropagatorSettings natural_;
  DeorbitVehicle vehicle_;
  PlannerSettings settings_;
  const EarthOrientation* eop_;
  std::shared_ptr<EarthRotationNodes> nodes_;  // shared by every trial run of the planner (thread-safe)
};

}  // namespace deorbit

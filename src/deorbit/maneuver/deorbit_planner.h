// DeorbitPlanner: the burns of a controlled re-entry, found by vary/achieve targeting on the numerically
// propagated trajectory (GMAT's Target/Vary/Achieve, seeded by the impulsive solution).
//
// Strategy: a series of perigee-lowering burns, each centred on an apoapsis and retrograde, whose durations are
// solved (secant method, seeded by a Hohmann-type impulsive burn and the rocket equation) so that the perigee of
// the following revolution meets its target; then a final burn of the duration that brings the osculating perigee
// to the final target, whose ignition time is scanned over a window and refined (golden section) to maximise a
// caller's objective of the breakup state (the footprint's margin inside a target zone). Stages above this one
// (reentry, risk) compute that objective; the planner only sees a function. With PlanGoal::Propellant the scan
// chooses instead the shortest final burn whose objective reaches a floor. Every candidate's descent locates the
// entry interface (120 km geodetic, an event) and its flight-path angle, which must lie in the settings' range.
// One pass takes the decision variables of PlanPass as given; maneuver/plan_optimiser.h varies them.
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
#include <optional>
#include <string>
#include <vector>

#include "deorbit/base/constants.h"
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

//! What the planner optimises. Margin: the final ignition that maximises the objective (everything else as set).
//! Propellant: the least propellant whose objective reaches PlannerSettings::min_objective, over the final
//! ignition, the final perigee and the phase of the first lowering burn (maneuver/plan_optimiser.h).
enum class PlanGoal { Margin, Propellant };

//! The geodetic height of the entry interface [m], where the entry flight-path angle is taken.
inline constexpr double entry_interface_height = 120e3;

//! The entry interface of a descent: its first crossing of entry_interface_height going down.
struct EntryInterface {
  std::optional<Epoch> epoch;     //!< empty until the crossing
  double flight_path_angle = 0;   //!< [rad] there, below the local horizontal (inertial velocity)
};

//! A detector for a run from `reference` (e.g. DeorbitPlanner::fly's extra events) that records the run's entry
//! interface into `out`, which must outlive the run; the run goes on. `nodes`: a shared Earth-rotation store.
[[nodiscard]] EventDetector<7> entry_interface_detector(const Epoch& reference, EntryInterface& out,
                                                        std::shared_ptr<EarthRotationNodes> nodes = nullptr);

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
  //! What the final ignition (and, with Propellant, the plan_optimiser's outer variables) is chosen for.
  PlanGoal goal = PlanGoal::Margin;
  //! With Propellant: the least objective accepted (the footprint's margin [m] inside the target zone).
  double min_objective = 0;
  //! With Propellant: the final perigee heights [m] searched, lowest first (final_perigee is not used then).
  double final_perigee_low = 0, final_perigee_high = 0;
  //! [rad] the inertial flight-path angle below the local horizontal at 120 km (geodetic) on the descent after the
  //! final burn must lie in [min, max]; steeper entries shorten the footprint.
  double entry_angle_min = -constants::pi / 2, entry_angle_max = constants::pi / 2;
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

//! Osculating perigee and apogee heights [m] of a state (GCRF): the apsis radii less the WGS84 equatorial radius, the
//! heights the planner's final target and the plan's history use.
struct ApsisHeights {
  double perigee = 0;
  double apogee = 0;
};
[[nodiscard]] ApsisHeights osculating_apsis_heights(const Vec3& r, const Vec3& v);

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
  std::optional<Epoch> entry_interface;  //!< descent through 120 km geodetic after the final ignition
  double entry_flight_path_angle = 0;    //!< [rad] there, below the local horizontal (inertial velocity)
  int passes = 1;                  //!< planning passes (more than one when plan_optimiser searched)
};

//! The decision variables one planning pass takes as given (plan_optimiser varies them).
struct PlanPass {
  double first_lowering_shift = 0;      //!< [s] the first lowering burn's centre after its apoapsis, >= 0
  std::optional<double> final_perigee;  //!< [m] instead of PlannerSettings::final_perigee
  //! Restricts the final ignition search to [from, to] (clipped to the spacing after the last lowering burn).
  std::optional<Epoch> final_from, final_to;
  std::optional<PlanGoal> goal;         //!< instead of PlannerSettings::goal
  bool replay = true;                   //!< fly the whole plan once more for the trajectory (outputs)
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
  //! One pass with some decision variables given (see PlanPass); without replay the plan has no trajectory.
  [[nodiscard]] DeorbitPlan plan(const StateVector& start, double mass, const BreakupObjective& objective,
                                 const PlanPass& pass) const;

  //! The numerically propagated run with the given burns from `start` (mass [kg]) to `end`, stopping at the
  //! breakup altitude: the burns' switch events are passed, so the run restarts at each ignition and cut-off
  //! (with settings.impulsive, each burn is an impulse at its middle instead).
  [[nodiscard]] PropagationResult fly(const StateVector& start, double mass, const Epoch& end,
                                      const std::vector<FiniteBurn>& burns,
                                      const StepHandler<7>& on_step = {},
                                      std::vector<EventDetector<7>> extra_events = {}) const;

  //! Flies `burns` from `start` (GCRF; mass [kg]) to the breakup altitude, at most until `end`, and fills the plan's
  //! trajectory and history (every sample_step), entry interface (the first descent through 120 km), breakup,
  //! breakup_mass and objective. Returns why the breakup was not reached, or an empty string.
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

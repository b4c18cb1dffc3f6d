// Burns: impulsive (an instant change of velocity, applied as a reset-state event) and finite (a thrust force with
// mass flow, switched on and off by epoch events so that the integrator restarts at the discontinuities).
// Reference: Montenbruck & Gill, "Satellite Orbits" (2000), sec. 3.8 (thrust accelerations) and 7.1 (state
// equations with mass); GMAT Mathematical Specification R2020a, ch. 6 (ImpulsiveBurn, FiniteBurn).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "deorbit/forces/force_model.h"
#include "deorbit/maneuver/attitude.h"
#include "deorbit/maneuver/engine.h"
#include "deorbit/propagate/event_detector.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! An instant change of velocity at `epoch`, either a fixed vector (GCRF) or a magnitude along an attitude law.
//! The mass drops by the rocket equation when isp > 0.
struct ImpulsiveBurn {
  std::string name = "impulsive burn";
  Epoch epoch;                              //!< instant of the burn
  std::optional<Vec3> delta_v_vector;       //!< [m/s] GCRF; when set, `delta_v` and `attitude` are ignored
  double delta_v = 0;                       //!< [m/s] magnitude along `attitude`, >= 0
  AttitudeLaw attitude = AttitudeLaw::Retrograde;
  double isp = 0;                           //!< [s] for the mass drop; 0 = the mass does not change

  //! The state (x, y, z, vx, vy, vz [GCRF], m) just after the burn, from the state `y` just before.
  [[nodiscard]] OdeState<7> apply(const OdeState<7>& y) const;
};

//! A thrust arc: engines firing along an attitude law from `start` for `duration` seconds.
struct FiniteBurn {
  std::string name = "finite burn";
  Epoch start;                                    //!< ignition
  double duration = 0;                            //!< [s] >= 0
  std::vector<Engine> engines;                    //!< all fire together for the whole arc
  AttitudeLaw attitude = AttitudeLaw::Retrograde;
  //! [rad] pointing error: the thrust is turned from the attitude law's direction d by `pitch` towards n x d (n
  //! the orbit normal r x v; for a retrograde burn: towards radial-out), then by `yaw` out of that plane (for a
  //! retrograde burn: along n). 0 and 0: the law's own direction.
  double pitch = 0;
  double yaw = 0;

  [[nodiscard]] Epoch end() const { return start + duration; }                      //!< cut-off
  [[nodiscard]] double thrust() const { return total_thrust(engines); }             //!< [N]
  [[nodiscard]] double mass_flow() const { return total_mass_flow(engines); }       //!< [kg/s]
  [[nodiscard]] double propellant() const { return mass_flow() * duration; }        //!< [kg] used by the arc
  //! [m/s] ideal delta-v of the arc for a vehicle of initial mass m0 [kg].
  [[nodiscard]] double ideal_delta_v(double m0) const;
  //! True while the engines fire: start <= t < end.
  [[nodiscard]] bool active(const Epoch& t) const;
  //! Unit thrust direction at the state r, v (GCRF): the attitude law turned by the pointing error.
  [[nodiscard]] Vec3 direction(const Vec3& r, const Vec3& v) const;
};

//! The burn cut off at `fraction` (0 to 1) of its duration: same ignition, engines and attitude (a premature
//! cut-off). Throws InputError for a fraction outside [0, 1].
[[nodiscard]] FiniteBurn cut_off_burn(const FiniteBurn& burn, double fraction);

//! The burn with one engine out: the group with the most engines (the first such) loses one, and the burn is
//! lengthened by the ratio of the flows, so that it spends the same propellant (and, with one Isp, gives the same
//! ideal delta-v); ignition unchanged. None when no engine is left (a single engine: the burn is missed).
[[nodiscard]] std::optional<FiniteBurn> engine_out_burn(const FiniteBurn& burn);

//! The thrust of a list of finite burns: a = F / m along the attitude law while a burn fires, with the mass
//! falling at the engines' flow. The engines are switched by the events of switch_events() (ignition and cut-off,
//! reset-state), not by the clock: an integrator step that straddles a switch sees no jump, the event is located
//! on the dense output, and the run restarts there with the thrust switched (Orekit's maneuver triggers do the
//! same). Pass the events of one run to that run; a ThrustForce serves one forward run at a time.
class ThrustForce final : public ForceModel {
 public:
  explicit ThrustForce(std::vector<FiniteBurn> burns);
  [[nodiscard]] ForceNeeds needs() const override { return {false, false}; }
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] double mass_rate(const ForceContext& ctx) const override;
  [[nodiscard]] std::string_view name() const override { return "thrust"; }
  [[nodiscard]] const std::vector<FiniteBurn>& burns() const { return burns_; }

  //! Reset-state events at every ignition and cut-off for a forward run starting at `start` (its times count
  //! from there). Sets the engines as they are at `start` (firing if a burn is under way then).
  [[nodiscard]] std::vector<EventDetector<7>> switch_events(const Epoch& start) const;

 private:
  [[nodiscard]] const FiniteBurn* firing() const;
  std::vector<FiniteBurn> burns_;
  std::shared_ptr<std::vector<char>> firing_;  // per burn: engines on (switched by the events of the current run)
};

//! A reset-state event that applies an impulsive burn, for a run whose times count from `reference`.
[[nodiscard]] EventDetector<7> impulsive_burn_event(const Epoch& reference, const ImpulsiveBurn& burn);

}  // namespace deorbit

// NumericalPropagator: the high-fidelity orbit propagator. Integrates position, velocity (GCRF) and mass with
// DOP853 under a list of ForceModels, with geodetic-altitude and eclipse events (orbit_events.h), and ends with a
// typed outcome.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "deorbit/forces/force_model.h"
#include "deorbit/forces/spacecraft.h"
#include "deorbit/frames/earth_rotation.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/propagate/integrate.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit {

//! The propagated state: x, y, z [m], vx, vy, vz [m/s] in GCRF, mass [kg].
using OrbitState = OdeState<7>;

struct NumericalPropagatorSettings {
  std::vector<std::shared_ptr<const ForceModel>> forces;  //!< summed; one of them must be the central gravity
  Spacecraft spacecraft;                                   //!< areas and coefficients (mass: see propagate())
  //! [m] position tolerance dP. The integrator's tolerances follow Orekit's default rule for Cartesian states:
  //! absolute dP for position, dP * mu / (r^2 v) for velocity, relative dP / r, with r, v of the initial state.
  double position_tolerance = 1e-3;
  double min_step = 1e-3;   //!< [s]
  double max_step = 300.0;  //!< [s]
  //! [m] geodetic height (WGS84) at which the run ends with PropagationStatus::ReachedFloor (a descent event).
  double floor_altitude = 0.0;
  //! Restart the integration at penumbra and umbra boundaries (where SRP switches): needed for accuracy when a
  //! SolarRadiationPressure force is present.
  bool eclipse_events = true;
  //! [m^3/s^2] for the tolerance rule only.
  double mu = 3.986004415e14;
};

enum class PropagationStatus {
  ReachedEnd,      //!< the end epoch was reached
  StoppedByEvent,  //!< a caller's event with action Stop ended the run
  ReachedFloor,    //!< the geodetic height fell to settings.floor_altitude: the object met the ground (or floor)
  Failed,          //!< the integration failed (message says why and when); state is the last good one
};

[[nodiscard]] std::string_view to_string(PropagationStatus status);

struct PropagationResult {
  PropagationStatus status = PropagationStatus::Failed;
  std::string message;                     //!< empty for ReachedEnd
  StateVector state;                       //!< final state, GCRF
  double mass = 0;                         //!< [kg] final mass
  std::vector<EventRecord<7>> events;      //!< every event that fired (including eclipse boundaries)
  IntegrationStats stats;
  [[nodiscard]] bool ok() const { return status != PropagationStatus::Failed; }
};

class NumericalPropagator {
 public:
  //! The EOP table is kept by reference and must outlive the propagator. `nodes`: an Earth-rotation node store to
  //! share with other propagators and detectors (made from the same table; checked), so that short-lived
  //! propagators (one per fragment, per planner trial, per ensemble member) do not each recompute the nutation
  //! series; without one the propagator makes its own.
  explicit NumericalPropagator(NumericalPropagatorSettings settings,
                               const EarthOrientation& eop = EarthOrientation::none(),
                               std::shared_ptr<EarthRotationNodes> nodes = nullptr);

  //! Propagates `initial` (any frame; converted to GCRF) with mass `mass` [kg] (<= 0: the spacecraft's) to `end`
  //! (before the start: backward). Extra event detectors see times [s] since initial.epoch and the OrbitState.
  //! on_step sees every step (times since initial.epoch). const and re-entrant: each call has its own caches.
  [[nodiscard]] PropagationResult propagate(const StateVector& initial, const Epoch& end, double mass = 0,
                                            std::span<const EventDetector<7>> events = {},
                                            const StepHandler<7>& on_step = {}) const;

  //! Samples a run: states at start, start + step, ..., end (GCRF), from the dense output. Returns the result of
  //! the run; samples stop at the run's end if it ended early (at the floor, or at one of `events` that stops it).
  [[nodiscard]] PropagationResult sample(const StateVector& initial, const Epoch& end, double step,
                                         std::vector<StateVector>& out, double mass = 0,
                                         std::span<const EventDetector<7>> events = {}) const;

  //! [m/s^2] total acceleration (GCRF) at one state, for tests and benchmarks.
  [[nodiscard]] Vec3 acceleration(const Epoch& t, const Vec3& r, const Vec3& v, double mass) const;

  [[nodiscard]] const NumericalPropagatorSettings& settings() const { return settings_; }

  //! The Earth-rotation nodes all runs of this propagator share (thread-safe): pass them to altitude_detector and
  //! eclipse_detector (orbit_events.h) so that user detectors reuse them too.
  [[nodiscard]] const std::shared_ptr<EarthRotationNodes>& earth_rotation_nodes() const { return nodes_; }

 private:
  NumericalPropagatorSettings settings_;
  const EarthOrientation* eop_;
  std::shared_ptr<EarthRotationNodes> nodes_;
};

}  // namespace deorbit

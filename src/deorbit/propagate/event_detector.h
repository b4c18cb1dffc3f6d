// EventDetector: the one event mechanism of DESIGN.md. A continuous switching function g(t, y) whose sign change
// is an event, located by root finding on the dense output, and an action when it fires: stop the run, continue,
// or reset the state (an impulsive burn changes the velocity; a finite burn's start or end switches a force).
//
// How the driver (integrate.h) treats events:
// - After every step g is evaluated at the step's end and, when the step is longer than `max_check`, at evenly
//   spaced points no more than `max_check` apart, so that two sign changes inside one long step are not both
//   missed (two roots closer than max_check can still hide each other).
// - A sign change is located on the step's dense output with the Illinois method to a bracket no wider than
//   `threshold` [s]. The event time is the end of that bracket on the side after the crossing, so the state at
//   the event already has g of the new sign (or exactly zero).
// - Events in one step are handled in time order. After a ResetState the integration restarts at the event time
//   from the new state; other detectors whose events fall within `threshold` of it fire at the same time, with the
//   state as changed by the handlers before them (detector order), so that no event is lost to the restart.
// - Runs cover [t0, t_end): an event whose g is exactly zero at t0 fires at t0 (once; its direction is the sign g
//   takes just after t0), one whose g is exactly zero at t_end does not fire (the next run from t_end fires it).
//   Chaining runs therefore never doubles nor drops an event. A root within `threshold` of the same detector's
//   previous event is the same event and does not fire again (so a restart at an event does not repeat it).
// - "Increasing" always refers to physical time, also in backward runs.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "deorbit/propagate/ode.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! Which sign changes of g fire the event. Increasing: g goes from negative to positive as time increases.
enum class EventDirection { Increasing, Decreasing, Both };

//! What the run does after an event.
enum class EventAction {
  Continue,    //!< go on; the state is unchanged
  Stop,        //!< end the run at the event (IntegrationStatus::StoppedByEvent)
  ResetState,  //!< restart the integration at the event from the state the handler wrote (which may equal the
               //!< state at the event: return ResetState unchanged to restart after switching a force on or off)
};

//! One event as its handler sees it.
template <int N>
struct EventOccurrence {
  int detector = -1;        //!< index of the detector in the list given to the driver
  double t = 0;             //!< [s] time of the event since the run's reference epoch
  OdeState<N> y;            //!< state at the event (from the dense output), before any reset
  bool increasing = false;  //!< true when g increases through zero (in physical time)
};

//! A switching function with its direction filter and action. A plain value: the driver keeps the run-time state
//! (last values, last event) itself, so one detector can serve many runs, also concurrently if g and the handler
//! allow it.
template <int N>
struct EventDetector {
  std::string name;  //!< for messages and the event log
  //! The switching function: continuous in t and y; its sign change is the event. Units are the caller's.
  std::function<double(double t, const OdeState<N>& y)> g;
  EventDirection direction = EventDirection::Both;
  //! The action when no handler is given.
  EventAction action = EventAction::Stop;
  //! Optional: called when the event fires; returns the action. With ResetState, `y` (on entry the state at the
  //! event) is the state the run restarts from; with Continue or Stop changes to y are discarded.
  std::function<EventAction(const EventOccurrence<N>& event, OdeState<N>& y)> handler;
  double max_check = 60.0;  //!< [s] largest interval between two evaluations of g inside a step, > 0
  double threshold = 1e-7;  //!< [s] convergence of the event time, > 0
  int max_iterations = 100;  //!< of the root finder (a bracket that does not converge in time still gives an
                             //!< event within the last bracket)
};

//! An event at a fixed time t_event [s] since the run's reference epoch: g = t - t_event (increasing).
template <int N>
[[nodiscard]] EventDetector<N> epoch_detector(double t_event, EventAction action = EventAction::Stop,
                                              std::string name = "epoch") {
  EventDetector<N> d;
  d.name = std::move(name);
  d.g = [t_event](double t, const OdeState<N>&) { return t - t_event; };
  d.action = action;
  return d;
}

//! An event at the epoch `when`, for runs whose times count from `reference` (g = t - (when - reference) [s]).
template <int N>
[[nodiscard]] EventDetector<N> epoch_detector(const Epoch& reference, const Epoch& when,
                                              EventAction action = EventAction::Stop, std::string name = "epoch") {
  return epoch_detector<N>(when - reference, action, std::move(name));
}

//! An event on any user function g(t, y) (same as filling an EventDetector; here for symmetry).
template <int N>
[[nodiscard]] EventDetector<N> function_detector(std::function<double(double, const OdeState<N>&)> g,
                                                 EventDirection direction = EventDirection::Both,
                                                 EventAction action = EventAction::Stop,
                                                 std::string name = "function") {
  EventDetector<N> d;
  d.name = std::move(name);
  d.g = std::move(g);
  d.direction = direction;
  d.action = action;
  return d;
}

// Detectors on an orbit state: components 0..2 position [m] and 3..5 velocity [m/s] in an inertial frame (GCRF
// for the propagator), so N >= 6. The mass, if any, is ignored.

//! Geocentric distance crossing `radius` [m]: g = |r| - radius [m]. Decreasing = going down through it. (The
//! geodetic altitude over the ellipsoid needs the Earth's orientation; that detector belongs to the propagator.)
template <int N>
[[nodiscard]] EventDetector<N> radius_detector(double radius, EventDirection direction = EventDirection::Both,
                                               EventAction action = EventAction::Stop, std::string name = "radius") {
  static_assert(N >= 6, "an orbit state has position and velocity first");
  return function_detector<N>(
      [radius](double, const OdeState<N>& y) { return y.template head<3>().norm() - radius; }, direction, action,
      std::move(name));
}

//! Apsides: g = r . v / |r| [m/s], the radial velocity. Increasing = periapsis, decreasing = apoapsis.
template <int N>
[[nodiscard]] EventDetector<N> apsis_detector(EventDirection direction = EventDirection::Both,
                                              EventAction action = EventAction::Continue,
                                              std::string name = "apsis") {
  static_assert(N >= 6, "an orbit state has position and velocity first");
  return function_detector<N>(
      [](double, const OdeState<N>& y) {
        return y.template head<3>().dot(y.template segment<3>(3)) / y.template head<3>().norm();
      },
      direction, action, std::move(name));
}

//! Nodes on the frame's equator (x-y plane): g = z [m]. Increasing = ascending node.
template <int N>
[[nodiscard]] EventDetector<N> node_detector(EventDirection direction = EventDirection::Both,
                                             EventAction action = EventAction::Continue, std::string name = "node") {
  static_assert(N >= 6, "an orbit state has position and velocity first");
  return function_detector<N>([](double, const OdeState<N>& y) { return y[2]; }, direction, action,
                              std::move(name));
}

}  // namespace deorbit

// Event detectors on an orbit that need the Earth's orientation or the Sun: crossings of a geodetic altitude over
// the WGS84 ellipsoid, and eclipse entry and exit. They plug into NumericalPropagator::propagate like any other
// EventDetector<7> (the mechanism and its guarantees: event_detector.h); the propagator's own floor-altitude stop
// and its restarts at shadow boundaries are made by these same functions.
#pragma once

#include <memory>
#include <string>

#include "deorbit/forces/shadow.h"
#include "deorbit/frames/earth_rotation.h"
#include "deorbit/propagate/event_detector.h"
#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

// Both kinds see times [s] since `reference`, which must be the epoch of the run's initial state (the times that
// NumericalPropagator::propagate hands to detectors), and a GCRF state (position, velocity, mass).
//
// Each detector keeps a cache (Earth rotation; Sun position) inside its g: a detector, and its copies, serve one run
// at a time. Make one per thread for concurrent runs; pass a shared EarthRotationNodes store to share the costly
// part. The EOP table must outlive the detector.

//! Geodetic height (WGS84) crossing `height` [m]. Decreasing = going down through it (a descent to breakup or to
//! the ground), Increasing = going up. g [m] is the height above `height`; while the orbit is more than 20 km above
//! it, g is the cheaper lower bound |r| - a_WGS84 - height (same sign; exact heights are computed near a crossing).
[[nodiscard]] EventDetector<7> altitude_detector(const Epoch& reference, double height,
                                                 EventDirection direction = EventDirection::Both,
                                                 EventAction action = EventAction::Stop,
                                                 std::shared_ptr<EarthRotationNodes> nodes = nullptr,
                                                 std::string name = "altitude");

//! Which edge of the Earth's shadow an eclipse detector watches.
enum class EclipseBoundary {
  penumbra,  //!< the first loss of sunlight on entry (last on exit): the visible fraction of the Sun leaves 1
  umbra,     //!< the Sun hidden entirely: the visible fraction reaches 0
};

//! Eclipse entry and exit at `boundary` with the shadow model `model` (as SolarRadiationPressure uses it). g is the
//! visible fraction of the solar disc minus a level just inside the boundary (1 - 1e-9 for the penumbra, 1e-9 for
//! the umbra), so Decreasing = entry, Increasing = exit (EventOccurrence::increasing tells which fired).
//! The cylindrical model has no penumbra: both boundaries are its shadow edge there.
[[nodiscard]] EventDetector<7> eclipse_detector(const Epoch& reference, EclipseBoundary boundary,
                                                ShadowModel model = ShadowModel::conical_ellipsoid,
                                                EventDirection direction = EventDirection::Both,
                                                EventAction action = EventAction::Continue,
                                                std::shared_ptr<EarthRotationNodes> nodes = nullptr,
                                                std::string name = "");

//! A node store for the detectors above when the caller has none to share (no EOP: UT1 = UTC).
[[nodiscard]] std::shared_ptr<EarthRotationNodes> make_earth_rotation_nodes(
    const EarthOrientation& eop = EarthOrientation::none());

}  // namespace deorbit

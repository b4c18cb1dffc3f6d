// Two-body (Keplerian) propagation of a state in an inertial frame: the reference motion for tests and quick looks.
#pragma once

#include "deorbit/base/constants.h"
#include "deorbit/frames/state_vector.h"

namespace deorbit {

//! The state moved to epoch `to` along its osculating conic about a point mass mu [m^3/s^2]. The frame must be
//! inertial (GCRF, EME2000 or TEME); throws InputError for ITRF or for a state the conic cannot represent
//! (rectilinear or parabolic).
[[nodiscard]] StateVector propagate_kepler(const StateVector& state, const Epoch& to, double mu = constants::mu_earth);

}  // namespace deorbit

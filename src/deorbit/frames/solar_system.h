// Positions of the Sun and the Moon in GCRF from analytic series (no ephemeris file needed).
// Reference: Montenbruck & Gill, "Satellite Orbits" (2000), sec. 3.3.2 (low-precision Sun and Moon series);
// see the accuracy stated on each function and docs/validation.md.
#pragma once

#include "deorbit/base/vector.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! [m] geocentric position of the Sun in GCRF at the epoch (TT used internally).
[[nodiscard]] Vec3 sun_position_gcrf(const Epoch& t);
//! [m] geocentric position of the Moon in GCRF at the epoch.
[[nodiscard]] Vec3 moon_position_gcrf(const Epoch& t);

//! [m^3/s^2] gravitational parameters (DE405 values, as Orekit uses them).
inline constexpr double mu_sun = 1.32712440018e20;
inline constexpr double mu_moon = 4.9028005821e12;

}  // namespace deorbit

// The drag coefficient of a sphere against Mach number in continuum flow: the large-Reynolds-number limit of
// C. B. Henderson, "Drag Coefficients of Spheres in Continuum and Rarefied Flows", AIAA Journal 14(6), 707-708
// (1976). Below Mach 1: Cd = 0.38 + 0.1 M^2 + 0.2 M^8; from Mach 1.75: Cd = 0.9 + 0.34 / M^2; in between, linear
// in M (as Henderson joins his two branches). The hypersonic limit is 0.9.
//
// A fragment's drag coefficient is given as its hypersonic value and scaled by this law's shape,
// Cd(M) = Cd_hypersonic * henderson(M) / 0.9: a blunt body follows a sphere's transonic rise and subsonic drop.
// Limits: no Reynolds-number or rarefaction effects (above about 90 km, in free-molecular flow, the hypersonic value
// is used as given); at low Mach the limit gives 0.38, below the classic Newton-regime sphere value of 0.44.
#pragma once

namespace deorbit {

//! [-] sphere drag coefficient at Mach number `mach` (>= 0) in continuum flow, Henderson (1976) Re -> infinity.
[[nodiscard]] double sphere_drag_coefficient(double mach);

//! [-] sphere_drag_coefficient(mach) / its hypersonic limit 0.9: the factor that scales a hypersonic Cd.
[[nodiscard]] double mach_drag_factor(double mach);

inline constexpr double sphere_hypersonic_drag_coefficient = 0.9;  //!< [-] Henderson (1976), M -> infinity

}  // namespace deorbit

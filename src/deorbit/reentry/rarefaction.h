// Rarefaction: mean free path, Knudsen number and the bridge between free-molecular and continuum flow.
//
// Mean free path: lambda = 1 / (sqrt(2) pi sigma^2 n), sigma = 3.65e-10 m, the effective collision diameter of
// the U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562, eq. 21 and its Table of constants), n the number density.
//
// Bridge: the fraction f of free-molecular behaviour, f = 0 for Kn <= 0.01 (continuum), 1 for Kn >= 10
// (free-molecular), and in between f = sin^2(pi/2 * (log10 Kn + 2) / 3), smooth in log Kn with zero slope at
// both ends. A quantity is bridged as X = X_cont + (X_fm - X_cont) f. The regime limits 0.01 and 10 are the usual
// ones (e.g. Bird 1994, ch. 1); the sine-squared shape in log Kn is the form of the bridging functions of
// Blanchard/Wilmoth for drag (NASA transition-regime aerodynamics); ORSAT's own heating bridge was not retrievable
// (docs/validation-demise.md). A continuum correlation is only trusted below Kn 0.01 and free-molecular theory above
// Kn 10; the bridge's shape in between is an engineering choice, not physics.
#pragma once

namespace deorbit {

inline constexpr double us76_collision_diameter = 3.65e-10;  //!< [m] sigma, US76
inline constexpr double continuum_knudsen = 0.01;             //!< [-] below: continuum
inline constexpr double free_molecular_knudsen = 10.0;        //!< [-] above: free-molecular

//! [m] mean free path at total number density `number_density` [1/m^3] (> 0).
[[nodiscard]] double mean_free_path(double number_density);

//! [-] Knudsen number lambda / L for characteristic length `length` [m] (> 0).
[[nodiscard]] double knudsen_number(double number_density, double length);

//! [-] free-molecular fraction f(Kn) in [0, 1] (see above).
[[nodiscard]] double free_molecular_fraction(double knudsen);

//! continuum + (free_molecular - continuum) * f(Kn)
[[nodiscard]] double bridge(double continuum, double free_molecular, double knudsen);

}  // namespace deorbit

// U.S. Standard Atmosphere, 1976 (NOAA-S/T 76-1562, NASA-TM-X-74335; COESA), 0 to 1000 km, from its equations.
//
// Below 86 km: the seven layers of linear molecular-scale temperature in geopotential height (the standard's
// Part 1, sec. 1.2: hydrostatic pressure, rho = P M0 / (R* T_M), the 80-86 km M/M0 ratio of its Table 8 for the
// kinetic temperature, speed of sound sqrt(gamma R* T_M / M0)). Above 86 km (sec. 1.3): the kinetic temperature in
// geometric height (isothermal, elliptical, linear, exponential segments) and the number densities of N2, O, O2,
// Ar, He (diffusion with eddy mixing below 115 km and the vertical-transport terms, eqs. 36-37) and H (flux
// equation from 150 km, eqs. 38-40), integrated once per process with RK4 (10 m steps to 150 km, 100 m above) onto
// a 100 m grid, then interpolated linearly in log; P = n k T, rho = sum n_i m_i / N_A. The integration is ours,
// from the published equations and constants, not an interpolation of the published tables.
//
// Accuracy (tests/atmosphere/us_standard_1976_test.cpp, docs/validation-atmosphere.md): reproduces the standard's
// Table I below 86 km to 6e-5 in pressure and density (the table's five digits; T_M exactly), from 86 to 500 km
// to 0.02 %, and up to 1000 km to 0.08 % (largest at 1000 km, where helium dominates: our helium number density
// is 0.08 % below the standard's Table VIII); its Table III speed of sound to 1.3e-5; the Table VIII number
// densities of N2, O, O2 and H to 0.04 %, He to 0.11 %, Ar to 0.37 %.
//
// Heights: the input is the geodetic height above the WGS84 ellipsoid, used as the standard's geometric altitude
// above mean sea level; the standard is a latitude-independent (45 deg N, annual mean, moderate solar activity)
// profile, so only the height matters. The geoid (-106 to +85 m from the ellipsoid) is neglected: near sea level
// that is up to 1.3 % in density, above 100 km well below the model's own departure from any real day. Geometric
// height Z becomes geopotential height H = r0 Z / (r0 + Z), r0 = 6356.766 km, as the standard defines it.
//
// Outside 0..1000 km evaluation never throws: from 0 down to -5 km the troposphere's equations continue (the
// standard's tables start at -5 km); below -5 km the -5 km values hold; above 1000 km temperature follows the
// exospheric formula (1000 K) and density, pressure and number density decay with their scale heights at 1000 km.
#pragma once

#include <string_view>

#include "deorbit/atmosphere/atmosphere.h"

namespace deorbit {

//! The standard atmosphere at one height.
struct Us76Properties {
  double temperature = 0;            //!< [K] kinetic temperature
  double molecular_temperature = 0;  //!< [K] molecular-scale temperature T_M = T M0 / M (equals T below 80 km)
  double pressure = 0;               //!< [Pa]
  double density = 0;                //!< [kg/m^3]
  double number_density = 0;        //!< [m^-3] total number density of the gas
  double mean_molecular_weight = 0;  //!< [kg/mol] M
  //! [m/s] sqrt(gamma R* T / M), gamma = 1.40. Below 86 km this is the standard's definition; above, where the
  //! standard defines none (continuum acoustics fails as the mean free path grows), the same formula continues
  //! it with the model's T and M, continuously at 86 km, for Mach numbers in rarefied flow.
  double speed_of_sound = 0;
  double geopotential_height = 0;    //!< [m'] H = r0 Z / (r0 + Z), r0 = 6356766 m
};

//! The U.S. Standard Atmosphere 1976 at geometric height `height` [m] (see the file comment for heights outside
//! 0..1000 km; never throws; NaN gives NaN). Temperature, pressure and speed of sound below 86 km are the
//! standard's own (for Mach numbers in the descent).
[[nodiscard]] Us76Properties us_standard_1976(double height);

//! Number densities [1/m^3] of the six species the standard follows above 86 km (its Table VIII).
struct Us76Species {
  double n2 = 0, o = 0, o2 = 0, ar = 0, he = 0;
  double h = 0;  //!< atomic hydrogen: from 150 km up (zero below, where the standard does not compute it)
};

//! The species number densities behind us_standard_1976 at geometric height `height` [m], 86 to 1000 km (the
//! integration described above, interpolated in log on its 100 m grid). Outside that range the standard gives no
//! species: InputError.
[[nodiscard]] Us76Species us_standard_1976_species(double height);

//! U.S. Standard Atmosphere 1976 behind the Atmosphere interface: density and kinetic temperature at the
//! geodetic height of the input (latitude, longitude, time and space weather are ignored).
class UsStandardAtmosphere1976 final : public Atmosphere {
 public:
  [[nodiscard]] AtmosphereState evaluate(const AtmosphereInput& in) const override;
  [[nodiscard]] std::string_view name() const override { return "us76"; }
  [[nodiscard]] bool uses_space_weather() const override { return false; }
};

}  // namespace deorbit

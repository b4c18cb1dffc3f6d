// One solid sphere flown from an entry state to demise or ground impact, heating and melting on the way: a small
// coupled ODE for the validation of the heating and thermal models (docs/validation-demise.md).
//
// Flight: 3-DOF point mass without lift over a spherical, non-rotating Earth (R = 6371.0088 km, the IUGG mean
// radius; mu = 3.986004418e14 m^3/s^2), state altitude h, speed V, flight-path angle gamma (negative downwards),
// downrange angle theta:
//   dh/dt = V sin gamma,  dV/dt = -D/m - g sin gamma,  dgamma/dt = (V/r - g/V) cos gamma,  dtheta/dt = V cos gamma / r
// with g = mu / r^2, D = rho V^2 Cd A / 2, A = pi R^2. Air: U.S. Standard Atmosphere 1976 (density, number density,
// speed of sound), no winds. Drag coefficient: Henderson's continuum sphere law Cd(M) (drag_coefficient_mach.h)
// bridged by Knudsen number (rarefaction.h, length = diameter) to the free-molecular sphere value 2.0 (hypersonic
// limit of a cold sphere with diffuse reflection; Bird 1994, ch. 7, speed ratio -> infinity).
//
// Heating: the surface-averaged flux F * k_ox * bridge(q_DKR(rho, V, R), q_fm(rho, V, alpha), Kn) over the whole
// surface 4 pi R^2, F = tumbling_average_factor (1/4), k_ox the oxidation factor (1 by default), minus the radiated
// eps sigma (T^4 - T_amb^4) over the same surface. Thermal: thermal.h; a melting sphere keeps its density, so its
// radius is (3 m / (4 pi rho))^(1/3). Demise: when the mass falls below `demise_mass_fraction` of the initial one.
// Solid spheres only: a hollow sphere that keeps its outer radius while its wall melts ends as a light shell that
// brakes and cools so fast that explicit RK4 goes unstable (thermal time constant of milliseconds); it needs an
// implicit temperature step and a wall-burn-through criterion, left for the object-tree piece.
//
// Integration: classical RK4 with a fixed step, melting settled after each step (thermal.h), ground impact and
// demise located by linear interpolation inside the last step. The heat received and radiated are integrated with
// the state so that the energy balance can be checked.
//
// Not (yet) coupled to the project's full descent (descent.h, numerical propagator over a rotating WGS84 Earth):
// this model is for validating the aerothermal physics; the object tree and `deorbit demise` will use it later.
#pragma once

#include <numbers>
#include <vector>

#include "deorbit/reentry/heating.h"
#include "deorbit/reentry/thermal.h"

namespace deorbit {

//! The entry state; defaults are ORSAT's natural-decay convention (122 km, -0.1 deg) at 7.8 km/s.
struct EntryConditions {
  double altitude = 122e3;               //!< [m]
  double speed = 7800.0;                 //!< [m/s] relative to the (non-rotating) atmosphere
  double flight_path_angle = -0.1 * std::numbers::pi / 180.0;  //!< [rad]
};

struct DemiseSettings {
  double accommodation = default_accommodation;        //!< [-] free-molecular energy accommodation
  double oxidation_factor = default_oxidation_factor;  //!< [-] multiplies the convective flux; 1 = off
  double ambient_temperature = 300.0;    //!< [K] radiative sink
  double free_molecular_drag = 2.0;      //!< [-] sphere Cd in free-molecular flow
  double demise_mass_fraction = 1e-4;    //!< [-] demised below this fraction of the initial mass
  double step = 0.2;                     //!< [s] RK4 step (halved near demise and impact)
  double max_time = 20000.0;             //!< [s] error if neither demise nor impact by then
  double sample_interval = 1.0;          //!< [s] spacing of the returned history (0: none)
};

struct DemiseSample {
  double time = 0, altitude = 0, speed = 0, temperature = 0, mass = 0, heat_flux = 0;
};

struct DemiseResult {
  bool demised = false;
  double demise_altitude = 0;        //!< [m] when demised
  double melt_onset_altitude = -1;   //!< [m] altitude where T first reached the melting temperature; -1 never
  double max_temperature = 0;        //!< [K]
  double final_mass = 0;             //!< [kg] surviving mass at impact (0 when demised)
  double final_temperature = 0;      //!< [K]
  double impact_speed = 0;           //!< [m/s] when not demised
  double downrange = 0;              //!< [m] surface arc from the entry point to demise or impact
  double time = 0;                   //!< [s] flight time to demise or impact
  double heat_in = 0;                //!< [J] convective heat received
  double heat_radiated = 0;          //!< [J] net heat radiated
  double peak_heat_flux = 0;         //!< [W/m^2] largest surface-averaged convective flux
  std::vector<DemiseSample> history;
};

//! Fly a solid sphere of `mass` [kg] and `initial_temperature` [K] made of `material`.
[[nodiscard]] DemiseResult fly_sphere(const ThermalMaterial& material, double mass, double initial_temperature,
                                      const EntryConditions& entry = {}, const DemiseSettings& settings = {});


}  // namespace deorbit

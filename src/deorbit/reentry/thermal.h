// Lumped-mass thermal model of one re-entering object (the model of ORSAT's and DRAMA-SESAM's object-oriented
// analysis, reduced to one temperature): the whole object is at one temperature T; net heating P = P_in - P_rad
// raises it, m c(T) dT/dt = P, until the melting temperature; there, with P > 0, the object melts,
// dm/dt = -P / h_f, and the molten mass is shed (it leaves with its energy, c (T_m - T0) + h_f per kg).
// With P < 0 it cools again. The object has demised when nothing is left. No conduction inside the object (a
// lumped body is the limit of a thin or highly conducting one), no ablation products' blocking, no oxidation
// beyond the optional factor of heating.h.
//
// The material enters as plain parameters so that the material database can feed them.
#pragma once

#include <functional>
#include <string>

namespace deorbit {

//! What the thermal model needs to know about a material.
struct ThermalMaterial {
  std::string name;                  //!< for messages
  double density = 0;                //!< [kg/m^3]
  double melting_temperature = 0;    //!< [K]
  double heat_of_fusion = 0;         //!< [J/kg]
  double specific_heat = 0;          //!< [J/(kg K)] used when specific_heat_of_t is empty
  std::function<double(double)> specific_heat_of_t;  //!< [J/(kg K)] of T [K]; optional
  double emissivity = 0;             //!< [-] grey-body emissivity

  //! Throws InputError naming the material and the field when a value is missing or out of range.
  void validate() const;
  //! [J/(kg K)] c(T)
  [[nodiscard]] double specific_heat_at(double temperature) const;
};

//! The lumped object's thermal state.
struct ThermalState {
  double temperature = 0;  //!< [K]
  double mass = 0;         //!< [kg]
};

//! Time derivatives of (T, m) under net heating power `net_power` [W]: dT/dt = P / (m c(T)) below the melting
//! temperature or when cooling; at the melting temperature with P > 0, dT/dt = 0 and dm/dt = -P / h_f.
struct ThermalRates {
  double temperature = 0;  //!< [K/s]
  double mass = 0;         //!< [kg/s]
};
[[nodiscard]] ThermalRates thermal_rates(const ThermalMaterial& material, const ThermalState& state, double net_power);

//! After an integration step may have carried T above the melting temperature: the sensible heat above it,
//! m c(T_m) (T - T_m), melts mass instead, and T = T_m. Energy is conserved to the step's linearisation of c.
//! Returns the mass melted [kg].
double settle_melting(const ThermalMaterial& material, ThermalState& state);

//! One step of `dt` [s] of the lumped model, implicit in the radiated power: with heat input `heat_input` [W]
//! (averaged over the step), the new temperature T1 solves m c(T0) (T1 - T0) = dt (P_in - eps sigma S (T1^4 - T_inf^4))
//! (backward Euler: stable for any step, even for a thin shell whose thermal time constant is milliseconds). When
//! T1 would pass the melting temperature, T1 = T_m and the energy left above it melts mass (at most all of it).
//! `radiating_area` S [m^2], `ambient_temperature` T_inf [K]. Updates `state`; returns the mass melted [kg].
double implicit_thermal_step(const ThermalMaterial& material, ThermalState& state, double heat_input,
                             double radiating_area, double ambient_temperature, double dt);

}  // namespace deorbit

// Aerodynamic heating of a re-entering object: stagnation-point correlations in continuum flow, free-molecular
// heating, the surface-averaged factor of a tumbling body, radiative cooling and an optional oxidation factor.
// Rarefaction (mean free path, Knudsen number, bridging between the two regimes) is in rarefaction.h.
//
// References (constants as published, converted to SI here; each function names its own):
// - Detra, Kemp, Riddell, "Addendum to Heat Transfer to Satellite Vehicles Re-entering the Atmosphere", Jet
//   Propulsion 27(12), 1256-1257 (1957): q sqrt(R_N) = 17600 (rho/rho_SL)^0.5 (V/V_c)^3.15 Btu/(ft^1.5 s),
//   V_c = 26000 ft/s. In SI (1 Btu/(ft^2 s) = 11356.5 W/m^2, sqrt(1 ft) = 0.552 m^0.5): 110.35e6 W/m^1.5 and
//   V_c = 7924.8 m/s (the SI constant is checked by unit conversion in the tests; that ORSAT uses exactly this form
//   was not verifiable); rho_SL = 1.225 kg/m^3 (US76 sea level).
// - Detra, Hidalgo, "Generalized heat transfer formulas and graphs for nose cone re-entry into the atmosphere",
//   ARS Journal 31, 318-321 (1961): q = 5.16e-5 sqrt(rho/R_N) V^3.15 W/m^2 in SI (rho kg/m^3, R_N m, V m/s), the SI
//   constant as quoted by N. Donaldson's heat-flux library (Oxford, 2015, MIT licence; the constant only). A
//   secondary quote: the primary paper was not retrievable, and a later version of the same library uses a form
//   from a trajectory manual that is 11 % higher (docs/validation-demise.md).
// - Sutton, Graves, "A General Stagnation-Point Convective-Heating Equation for Arbitrary Gas Mixtures", NASA
//   TR R-376 (1971): q = k sqrt(rho/R_N) V^3, k = 1.7415e-4 kg^0.5/m for air.
// - Free-molecular heating: q = alpha rho V^3 / 2, the kinetic-energy flux of the oncoming molecules times the
//   energy accommodation coefficient alpha (e.g. Bird, "Molecular Gas Dynamics and the Direct Simulation of Gas
//   Flows", 1994, ch. 7; hypersonic limit, the wall's own thermal energy and the gas's neglected).
#pragma once

#include <string_view>

namespace deorbit {

inline constexpr double dkr_constant = 110.35e6;          //!< [W/m^1.5] Detra-Kemp-Riddell, SI
inline constexpr double dkr_circular_speed = 7924.8;      //!< [m/s] V_c = 26000 ft/s
inline constexpr double sea_level_density = 1.225;        //!< [kg/m^3] rho_SL
inline constexpr double detra_hidalgo_constant = 5.16e-5;  //!< [W s^3.15 / (kg^0.5 m^2.15)] SI
inline constexpr double sutton_graves_air = 1.7415e-4;    //!< [kg^0.5/m] k for air
inline constexpr double stefan_boltzmann = 5.670374419e-8;  //!< [W/(m^2 K^4)] CODATA 2018 (exact in SI 2019)

//! [W/m^2] Detra-Kemp-Riddell (1957) stagnation-point heat flux on a sphere of nose radius `nose_radius` [m]
//! (cold wall, laminar, continuum) at free-stream density `density` [kg/m^3] and speed `speed` [m/s].
[[nodiscard]] double stagnation_heat_flux_dkr(double density, double speed, double nose_radius);

//! [W/m^2] Detra-Hidalgo (1961), same inputs and regime.
[[nodiscard]] double stagnation_heat_flux_detra_hidalgo(double density, double speed, double nose_radius);

//! [W/m^2] Sutton-Graves (1971) for air, same inputs and regime.
[[nodiscard]] double stagnation_heat_flux_sutton_graves(double density, double speed, double nose_radius);

//! [-] Default energy accommodation coefficient: 1 (full accommodation), the upper bound of free-molecular
//! heating. The value ORSAT/DAS use was not retrievable for this work (docs/validation-demise.md); with 1 the
//! heating is not underestimated.
inline constexpr double default_accommodation = 1.0;

//! [W/m^2] free-molecular heat flux on a surface facing the flow: alpha rho V^3 / 2.
[[nodiscard]] double free_molecular_heat_flux(double density, double speed,
                                              double accommodation = default_accommodation);

//! [W/m^2] net radiated flux of a grey surface at `wall_temperature` [K] to surroundings at `ambient_temperature`
//! [K]: eps sigma (T^4 - T_inf^4).
[[nodiscard]] double radiated_heat_flux(double emissivity, double wall_temperature, double ambient_temperature);

//! Simple shapes of the object-oriented re-entry codes (ORSAT, DAS, DRAMA-SESAM).
enum class HeatedShape { sphere, cylinder, box, flat_plate };
[[nodiscard]] std::string_view heated_shape_name(HeatedShape shape);

//! [-] Ratio of the surface-averaged heat flux of a randomly tumbling convex body to the flux on a surface facing
//! the flow (free-molecular) or to the stagnation flux (continuum): its mean projected area over its surface area,
//! which is 1/4 for every convex body (Cauchy's surface-area formula). Exact in free-molecular flow for alpha
//! constant; in continuum flow it is our stated assumption for all four shapes, because the ORSAT/DAS averaged
//! continuum factors (Klett 1964 for cylinders) were not retrievable (docs/validation-demise.md).
[[nodiscard]] double tumbling_average_factor(HeatedShape shape);

//! [m] The reference radius the stagnation correlation uses for a shape. Sphere and cylinder: `a` is the radius
//! (`b` unused). Box and flat plate: `a`, `b` are the edges of the largest face (a plate's width and length, its
//! thickness unused) and the radius is half the smaller one. Assumption (docs/validation-demise.md): ORSAT's
//! box and plate reference lengths were not retrievable.
[[nodiscard]] double heating_reference_radius(HeatedShape shape, double a, double b);

//! [-] Oxidation heating factor multiplying the convective flux; 1 (off) by default, as in DRAMA. A value > 1
//! stands for the heat released by oxidation of a metal surface.
inline constexpr double default_oxidation_factor = 1.0;

}  // namespace deorbit

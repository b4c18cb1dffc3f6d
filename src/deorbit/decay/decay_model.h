// The force model and integrator settings of decay predictions, and the a-priori ballistic coefficient of an
// element set. Reference for B*: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., sec. 9.7.2
// (B* = rho0 * B / 2 with rho0 = 0.15696615 kg/m^2/ER, B = Cd A / m). Lunisolar perigee drift: Y. Kozai, "Secular
// perturbations of asteroids with high inclination and eccentricity", Astron. J. 67, 591 (1962), the quadrupole
// secular rate of e.
#pragma once

#include <memory>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/forces/spacecraft.h"
#include "deorbit/orbit/mean_elements.h"
#include "deorbit/propagate/numerical_propagator.h"

namespace deorbit {

//! One configuration for every decay prediction (docs/decay.md says why each value).
struct DecayModel {
  int gravity_degree = 8;           //!< [-] EGM96 degree and order (the embedded 20x20 field, truncated)
  double position_tolerance = 10.0; //!< [m] integrator tolerance (NumericalPropagatorSettings::position_tolerance)
  double max_step = 300.0;          //!< [s] largest integration step
  double reentry_altitude = 80e3;   //!< [m] geodetic height that ends a run (CCSDS RDM REENTRY_ALTITUDE)
  bool sun_and_moon = false;        //!< Sun and Moon point masses (for orbits whose perigee they move: see below)
};

//! [m] An upper estimate of how far the Sun and the Moon can move the perigee height of `elements` within `span`
//! [s]: a times the amplitude of the quadrupole secular rate of e caused by a distant body on a circular orbit,
//!   |de/dt| <= (15/8) (mu_b / r_b^3) / n  e sqrt(1 - e^2)   (Kozai 1962; the factor sin^2 i' sin 2w' is at most 1),
//! summed over the Sun and the Moon, times span. Drag has no lunisolar part to compete with: a circular orbit gets
//! metres, a GTO tens of kilometres over months.
[[nodiscard]] double lunisolar_perigee_drift(const MeanElements& elements, double span);

//! [m] The drift above which a decay run carries the Sun and the Moon: 1 km, about 2 % of the density at a perigee
//! between 150 and 400 km (scale heights of 25 to 60 km), below the spread of the density scale factor.
inline constexpr double kLunisolarDriftThreshold = 1e3;

//! The setup for lifetime runs (months to years): looser tolerance and a low-degree field, whose effect on the
//! re-entry date is measured in docs/validation-decay.md.
[[nodiscard]] DecayModel lifetime_decay_model();

//! [m^2/kg] Cd A / m from an element set's B* (its magnitude; a tiny or zero B* gives 0.01 m^2/kg, a typical value).
[[nodiscard]] double ballistic_coefficient_from_bstar(double bstar);

//! The a-priori object of an element set: 1 kg, Cd 1 and a drag area equal to ballistic_coefficient_from_bstar
//! (only the product Cd A / m matters to drag).
[[nodiscard]] Spacecraft spacecraft_from_bstar(double bstar);

//! Propagator settings: EGM96 gravity to gravity_degree and NRLMSISE-00 drag (ap history on) with the table and
//! the density scale factor, the Sun and the Moon if model.sun_and_moon, the spacecraft given (its Cd A / m is what
//! drag sees), the floor at reentry_altitude.
[[nodiscard]] NumericalPropagatorSettings decay_propagator_settings(const DecayModel& model, const Spacecraft& craft,
                                                                    std::shared_ptr<const SpaceWeather> weather,
                                                                    double density_scale);

}  // namespace deorbit

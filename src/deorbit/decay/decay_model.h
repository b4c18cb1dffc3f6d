// The force model and integrator settings of decay predictions, and the a-priori ballistic coefficient of an
// element set. Reference for B*: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., sec. 9.7.2
// (B* = rho0 * B / 2 with rho0 = 0.15696615 kg/m^2/ER, B = Cd A / m).
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
};

//! The setup for lifetime runs (months to years): looser tolerance and a low-degree field, whose effect on the
//! re-entry date is measured in docs/validation-decay.md.
[[nodiscard]] DecayModel lifetime_decay_model();

//! [m^2/kg] Cd A / m from an element set's B* (its magnitude; a tiny or zero B* gives 0.01 m^2/kg, a typical value).
[[nodiscard]] double ballistic_coefficient_from_bstar(double bstar);

//! Propagator settings: EGM96 gravity to gravity_degree and NRLMSISE-00 drag (ap history on) with the table and
//! the density scale factor, the spacecraft given (its Cd A / m is what drag sees), the floor at reentry_altitude.
[[nodiscard]] NumericalPropagatorSettings decay_propagator_settings(const DecayModel& model, const Spacecraft& craft,
                                                                    std::shared_ptr<const SpaceWeather> weather,
                                                                    double density_scale);

}  // namespace deorbit

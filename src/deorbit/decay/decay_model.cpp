#include "deorbit/decay/decay_model.h"

#include <cmath>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"

namespace deorbit {
namespace {

constexpr double kBstarReferenceDensity = 0.15696615;  // [kg/m^2/ER] rho0 of the B* definition (Vallado 9.7.2)

}  // namespace

DecayModel lifetime_decay_model() {
  DecayModel m;
  m.gravity_degree = 4;
  m.position_tolerance = 100.0;
  m.max_step = 600.0;
  return m;
}

double ballistic_coefficient_from_bstar(double bstar) {
  double b = 2.0 * std::abs(bstar) / kBstarReferenceDensity;
  return b > 1e-4 ? b : 0.01;
}

NumericalPropagatorSettings decay_propagator_settings(const DecayModel& model, const Spacecraft& craft,
                                                      std::shared_ptr<const SpaceWeather> weather,
                                                      double density_scale) {
  // Shared by every member of an ensemble: the field and the atmosphere are immutable after construction.
  static const auto atmosphere = std::make_shared<const Nrlmsise00>(true);
  NumericalPropagatorSettings s;
  s.forces.push_back(
      std::make_shared<SphericalHarmonicGravity>(egm96_embedded(), model.gravity_degree, model.gravity_degree));
  s.forces.push_back(std::make_shared<Drag>(atmosphere, std::move(weather), density_scale));
  s.spacecraft = craft;
  s.position_tolerance = model.position_tolerance;
  s.max_step = model.max_step;
  s.floor_altitude = model.reentry_altitude;
  s.eclipse_events = false;  // no solar radiation pressure in the decay model
  return s;
}

}  // namespace deorbit

#include "deorbit/decay/decay_model.h"

#include <cmath>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/base/constants.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/frames/solar_system.h"

namespace deorbit {
namespace {

constexpr double kBstarReferenceDensity = 0.15696615;  // [kg/m^2/ER] rho0 of the B* definition (Vallado 9.7.2)
// [m] mean distances of the Sun (1 au, IAU 2012) and the Moon (semi-major axis of its orbit, 384,400 km)
constexpr double kSunDistance = 1.495978707e11;
constexpr double kMoonDistance = 3.844e8;

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

double lunisolar_perigee_drift(const MeanElements& elements, double span) {
  const double n = elements.mean_motion;
  const double e = elements.eccentricity;
  if (!(n > 0) || !(e >= 0 && e < 1) || !(span > 0)) return 0.0;
  const double a = std::cbrt(constants::mu_earth / (n * n));
  const double tidal = mu_sun / std::pow(kSunDistance, 3) + mu_moon / std::pow(kMoonDistance, 3);  // [1/s^2]
  const double e_rate = 15.0 / 8.0 * tidal / n * e * std::sqrt(1.0 - e * e);
  return a * e_rate * span;
}

Spacecraft spacecraft_from_bstar(double bstar) {
  Spacecraft c;
  c.mass = 1.0;
  c.drag_coefficient = 1.0;
  c.drag_area = ballistic_coefficient_from_bstar(bstar);
  return c;
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
  if (model.sun_and_moon) {
    s.forces.push_back(std::make_shared<ThirdBody>(ThirdBody::Body::sun));
    s.forces.push_back(std::make_shared<ThirdBody>(ThirdBody::Body::moon));
  }
  s.spacecraft = craft;
  s.position_tolerance = model.position_tolerance;
  s.max_step = model.max_step;
  s.floor_altitude = model.reentry_altitude;
  s.eclipse_events = false;  // no solar radiation pressure in the decay model
  return s;
}

}  // namespace deorbit

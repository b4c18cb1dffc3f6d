// The Atmosphere interface: density (and temperature where the model has it) at a place and time.
#pragma once

#include <cmath>
#include <string_view>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! Where and when to evaluate an atmosphere, with everything the models need.
struct AtmosphereInput {
  Epoch epoch;                   //!< instant (models take their day of year and seconds of day in UTC)
  Geodetic place;                //!< WGS84 geodetic latitude [rad], longitude [rad], height [m]
  double local_solar_time = 12;  //!< [h] local apparent solar time at the place, 0 <= lst < 24
  SpaceWeatherValues weather;    //!< solar and geomagnetic activity (ignored by static models)
};

//! What a model gives back.
struct AtmosphereState {
  double density = 0;         //!< [kg/m^3] total mass density
  double temperature = NAN;   //!< [K] temperature at the height (NaN if the model has none)
};

//! A model of the neutral atmosphere. Evaluation never throws for heights below the model's range (it clamps
//! or extrapolates, as each model documents), so a propagation can reach its altitude event.
class Atmosphere {
 public:
  virtual ~Atmosphere() = default;
  [[nodiscard]] virtual AtmosphereState evaluate(const AtmosphereInput& in) const = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;
  //! False for static models, which ignore AtmosphereInput::weather: a drag force given no space weather then
  //! needs no table (and gives no warning). True unless a model says otherwise.
  [[nodiscard]] virtual bool uses_space_weather() const { return true; }
};

//! [h] local apparent solar time at east longitude `longitude` [rad] when the Sun's direction, in the Earth-fixed
//! frame, has longitude `sun_longitude_itrf` [rad]: 12 h when the Sun is overhead.
[[nodiscard]] inline double local_apparent_solar_time(double longitude, double sun_longitude_itrf) {
  double h = 12.0 + (longitude - sun_longitude_itrf) * 12.0 / 3.14159265358979323846;
  h = std::fmod(h, 24.0);
  return h < 0 ? h + 24.0 : h;
}

}  // namespace deorbit

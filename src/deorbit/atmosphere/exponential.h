// Exponential atmosphere of Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed. (2013), Table 8-4
// (base altitude, nominal density, scale height, 0 to 1000 km; Vallado compiled it from the U.S. Standard
// Atmosphere 1976 and CIRA-72).
//
// rho(h) = rho0 * exp(-(h - h0) / H) with (h0, rho0, H) of the band h0 <= h < next h0; the last band (1000 km)
// continues upwards. The density jumps slightly at band edges, as in the table. Accuracy: that of a static mean
// profile, tens of percent against real thermospheric density; use it for quick estimates and tests, not
// operations. No temperature (NaN).
//
// Heights: the input is the geodetic height above the WGS84 ellipsoid. Below 0 km the first band (sea level,
// H = 7.249 km) continues down to -5 km; below that the -5 km density holds, so evaluation never throws.
#pragma once

#include <array>
#include <string_view>

#include "deorbit/atmosphere/atmosphere.h"

namespace deorbit {

//! One row of Vallado's Table 8-4, SI units.
struct ExponentialBand {
  double base_height;   //!< [m] h0, lower edge of the band
  double base_density;  //!< [kg/m^3] rho0, density at h0
  double scale_height;  //!< [m] H
};

//! The 28 rows of Vallado's Table 8-4, 0 to 1000 km.
[[nodiscard]] const std::array<ExponentialBand, 28>& vallado_exponential_table();

//! [kg/m^3] density of the exponential model at geodetic height `height` [m] (never throws; NaN gives NaN).
[[nodiscard]] double exponential_density(double height);

class ExponentialAtmosphere final : public Atmosphere {
 public:
  [[nodiscard]] AtmosphereState evaluate(const AtmosphereInput& in) const override;
  [[nodiscard]] std::string_view name() const override { return "exponential"; }
  [[nodiscard]] bool uses_space_weather() const override { return false; }
};

}  // namespace deorbit

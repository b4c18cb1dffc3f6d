// Cannonball solar radiation pressure: Montenbruck & Gill (2000) eq. 3.75-3.76, shadow from shadow.h.
#include "deorbit/forces/solar_radiation_pressure.h"

#include <cmath>
#include <stdexcept>

namespace deorbit {

Vec3 SolarRadiationPressure::acceleration(const ForceContext& ctx) const {
  if (ctx.spacecraft == nullptr || !(ctx.mass > 0.0))
    throw std::logic_error("solar radiation pressure needs ctx.spacecraft and a positive ctx.mass");
  const double nu = sun_visible_fraction(ctx, options_.shadow);
  if (nu == 0.0) return Vec3::Zero();
  const Vec3 from_sun = ctx.r - ctx.sun;
  const double d2 = from_sun.squaredNorm();
  const double ratio = options_.reference_distance * options_.reference_distance / d2;
  const double magnitude =
      nu * options_.pressure * ratio * ctx.spacecraft->srp_coefficient * ctx.spacecraft->srp_area / ctx.mass;
  return (magnitude / std::sqrt(d2)) * from_sun;
}

}  // namespace deorbit

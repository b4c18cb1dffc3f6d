// Earth gravity forces (Montenbruck & Gill, "Satellite Orbits", sec. 3.2).
#include "deorbit/forces/gravity.h"

#include <algorithm>
#include <cmath>

#include "deorbit/base/constants.h"

namespace deorbit {

Vec3 PointMassGravity::acceleration(const ForceContext& ctx) const {
  const double r2 = ctx.r.squaredNorm();
  return (-mu_ / (r2 * std::sqrt(r2))) * ctx.r;
}

SphericalHarmonicGravity::SphericalHarmonicGravity(const GravityField& field, int degree, int order,
                                                   GravityFallback fallback)
    : full_(field, degree, order),
      // The fallback never exceeds the main field; with GravityFallback::none() it is a 0 x 0 field never used.
      low_(field, std::min(fallback.degree, degree), std::min({fallback.order, order, fallback.degree, degree})),
      fallback_(fallback),
      switch_radius_(constants::wgs84_a + fallback.altitude) {}

bool SphericalHarmonicGravity::uses_fallback(const Vec3& r_itrf) const {
  return switch_radius_ > 0 && r_itrf.squaredNorm() < switch_radius_ * switch_radius_;
}

Vec3 SphericalHarmonicGravity::acceleration_itrf(const Vec3& r_itrf) const {
  return uses_fallback(r_itrf) ? low_.acceleration(r_itrf) : full_.acceleration(r_itrf);
}

Vec3 SphericalHarmonicGravity::acceleration(const ForceContext& ctx) const {
  return ctx.gcrf_to_itrf.transpose() * acceleration_itrf(ctx.r_itrf);
}

}  // namespace deorbit

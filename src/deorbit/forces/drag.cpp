// Reference: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., eq. 8-28 (drag with the
// atmosphere's co-rotation); NRLMSISE-00 inputs per Picone et al. (2002).
#include "deorbit/forces/drag.h"

#include <cmath>

#include "deorbit/base/error.h"
#include "deorbit/frames/geodetic.h"

namespace deorbit {

std::shared_ptr<const SpaceWeather> default_space_weather(const Atmosphere& atmosphere) {
  // Both parsed or made once per process: a planner or an ensemble builds many drag forces.
  if (atmosphere.uses_space_weather()) {
    static const auto embedded = std::make_shared<const SpaceWeather>(SpaceWeather::embedded());
    return embedded;
  }
  static const auto unused = std::make_shared<const SpaceWeather>(SpaceWeather::constant({}));
  return unused;
}

Drag::Drag(std::shared_ptr<const Atmosphere> atmosphere, std::shared_ptr<const SpaceWeather> weather,
           double density_scale)
    : atmosphere_(std::move(atmosphere)), weather_(std::move(weather)), density_scale_(density_scale) {
  if (!atmosphere_) throw InputError("drag: no atmosphere model given");
  if (!weather_) weather_ = default_space_weather(*atmosphere_);
  if (!(density_scale_ >= 0) || !std::isfinite(density_scale_))
    throw InputError("drag: the density scale factor must be a finite number >= 0");
}

AtmosphereInput atmosphere_input(const ForceContext& ctx, const SpaceWeather& weather) {
  AtmosphereInput in;
  in.epoch = ctx.epoch;
  in.place = to_geodetic(ctx.r_itrf);
  Vec3 sun_itrf = ctx.gcrf_to_itrf * ctx.sun;
  in.local_solar_time = local_apparent_solar_time(in.place.longitude, std::atan2(sun_itrf.y(), sun_itrf.x()));
  in.weather = weather.at(ctx.epoch);
  return in;
}

AtmosphereInput Drag::atmosphere_input(const ForceContext& ctx) const { return deorbit::atmosphere_input(ctx, *weather_); }

Vec3 Drag::acceleration(const ForceContext& ctx) const {
  if (!ctx.spacecraft) throw InputError("drag: no spacecraft properties in the force context");
  double rho = atmosphere_->evaluate(atmosphere_input(ctx)).density * density_scale_;
  // The atmosphere turns with the Earth about the ITRF z axis; in GCRF that axis is the third row of the rotation.
  Vec3 omega = ctx.gcrf_to_itrf.row(2).transpose() * ctx.earth_rotation_rate;
  Vec3 v_rel = ctx.v - omega.cross(ctx.r);
  double k = -0.5 * rho * ctx.spacecraft->drag_coefficient * ctx.spacecraft->drag_area / ctx.mass;
  return k * v_rel.norm() * v_rel;
}

}  // namespace deorbit

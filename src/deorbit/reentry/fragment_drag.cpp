// References: Vallado, 4th ed., eq. 8-28; U.S. Standard Atmosphere 1976 (speed of sound, Table III definition);
// Henderson, AIAA J. 14(6) (1976) for the Mach law.
#include "deorbit/reentry/fragment_drag.h"

#include <cmath>

#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/error.h"
#include "deorbit/forces/drag.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/reentry/drag_coefficient_mach.h"

namespace deorbit {

FragmentDrag::FragmentDrag(std::shared_ptr<const Atmosphere> atmosphere, std::shared_ptr<const SpaceWeather> weather)
    : atmosphere_(std::move(atmosphere)), weather_(std::move(weather)) {
  if (!atmosphere_) throw InputError("fragment drag: no atmosphere model given");
  if (!weather_) weather_ = default_space_weather(*atmosphere_);
}

FragmentDrag::Flow FragmentDrag::flow(const ForceContext& ctx) const {
  if (!ctx.spacecraft) throw InputError("fragment drag: no fragment properties in the force context");
  const AtmosphereInput in = atmosphere_input(ctx, *weather_);
  Flow f;
  f.density = atmosphere_->evaluate(in).density;
  f.speed_of_sound = us_standard_1976(in.place.height).speed_of_sound;
  // The air turns with the Earth about the ITRF z axis; in GCRF that axis is the third row of the rotation.
  Vec3 omega = ctx.gcrf_to_itrf.row(2).transpose() * ctx.earth_rotation_rate;
  f.v_rel = ctx.v - omega.cross(ctx.r);
  f.mach = f.v_rel.norm() / f.speed_of_sound;
  f.drag_coefficient = ctx.spacecraft->drag_coefficient * mach_drag_factor(f.mach);
  return f;
}

Vec3 FragmentDrag::acceleration(const ForceContext& ctx) const {
  Flow f = flow(ctx);
  double k = -0.5 * f.density * f.drag_coefficient * ctx.spacecraft->drag_area / ctx.mass;
  return k * f.v_rel.norm() * f.v_rel;
}

}  // namespace deorbit

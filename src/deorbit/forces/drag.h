// Atmospheric drag on a cannonball: velocity relative to an atmosphere that co-rotates with the Earth, density from
// an Atmosphere at the geodetic point. Reference: Vallado, "Fundamentals of Astrodynamics and Applications", 4th
// ed., sec. 8.6.2 (eq. 8-28); Montenbruck & Gill, "Satellite Orbits", sec. 3.5.
#pragma once

#include <memory>

#include "deorbit/atmosphere/atmosphere.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/forces/force_model.h"

namespace deorbit {

//! a = -1/2 * scale * rho * Cd * A / m * |v_rel| v_rel, with v_rel = v - omega x r (no winds). The geodetic point
//! is computed on WGS84 from ctx.r_itrf; the local apparent solar time from ctx.sun rotated to ITRF.
//! The atmosphere model's input at a force context: epoch, geodetic point of ctx.r_itrf, local apparent solar time
//! from ctx.sun, and the space weather of the epoch. Shared by every drag force (orbits, fragments).
[[nodiscard]] AtmosphereInput atmosphere_input(const ForceContext& ctx, const SpaceWeather& weather);

//! The space weather of a drag force given none (Drag, FragmentDrag): for a model that uses space weather, the
//! embedded table (SpaceWeather::embedded(), parsed once per process), whose first use warns once per process
//! through warn() that it is in use and how old it is (the command line meets the same warning); for a static
//! model, a constant table that it ignores, without a warning.
[[nodiscard]] std::shared_ptr<const SpaceWeather> default_space_weather(const Atmosphere& atmosphere);

class Drag final : public ForceModel {
 public:
  //! A null `weather` takes default_space_weather(*atmosphere) (the embedded table, with a warning once per
  //! process, if the model uses space weather).
  Drag(std::shared_ptr<const Atmosphere> atmosphere, std::shared_ptr<const SpaceWeather> weather,
       double density_scale = 1.0);
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] ForceNeeds needs() const override { return {true, false}; }
  [[nodiscard]] std::string_view name() const override { return "drag"; }

  //! The atmosphere input Drag builds for a context (exposed for tests and for reporting densities).
  [[nodiscard]] AtmosphereInput atmosphere_input(const ForceContext& ctx) const;
  [[nodiscard]] double density_scale() const { return density_scale_; }
  [[nodiscard]] const std::shared_ptr<const Atmosphere>& atmosphere() const { return atmosphere_; }
  [[nodiscard]] const std::shared_ptr<const SpaceWeather>& weather() const { return weather_; }

 private:
  std::shared_ptr<const Atmosphere> atmosphere_;
  std::shared_ptr<const SpaceWeather> weather_;
  double density_scale_;
};

}  // namespace deorbit

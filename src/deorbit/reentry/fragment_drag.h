// Drag on a falling fragment with a Mach-dependent drag coefficient: velocity relative to an atmosphere that
// co-rotates with the Earth (no winds), density from the descent atmosphere at the WGS84 geodetic point, Mach number
// from the U.S. Standard Atmosphere 1976 speed of sound at that height. References: Vallado, "Fundamentals of
// Astrodynamics and Applications", 4th ed., eq. 8-28 (drag); Henderson (1976) for Cd(M), see drag_coefficient_mach.h.
#pragma once

#include <memory>

#include "deorbit/atmosphere/atmosphere.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/forces/force_model.h"

namespace deorbit {

//! a = -1/2 rho Cd(M) A / m |v_rel| v_rel, v_rel = v - omega x r, Cd(M) = Cd_hypersonic * mach_drag_factor(M),
//! M = |v_rel| / a_US76(h). Cd_hypersonic and A are the context spacecraft's drag_coefficient and drag_area.
class FragmentDrag final : public ForceModel {
 public:
  //! A null weather takes default_space_weather(*atmosphere) (forces/drag.h: the embedded table, with a warning
  //! once per process).
  FragmentDrag(std::shared_ptr<const Atmosphere> atmosphere, std::shared_ptr<const SpaceWeather> weather);
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] ForceNeeds needs() const override { return {true, false}; }
  [[nodiscard]] std::string_view name() const override { return "fragment drag (Mach-dependent Cd)"; }

  //! What the drag sees at one context (for tests and reports).
  struct Flow {
    double density = 0;         //!< [kg/m^3]
    double speed_of_sound = 0;  //!< [m/s]
    double mach = 0;            //!< [-]
    double drag_coefficient = 0;  //!< [-] after the Mach law
    Vec3 v_rel = Vec3::Zero();  //!< [m/s] velocity relative to the air, GCRF axes
  };
  [[nodiscard]] Flow flow(const ForceContext& ctx) const;

 private:
  std::shared_ptr<const Atmosphere> atmosphere_;
  std::shared_ptr<const SpaceWeather> weather_;
};

}  // namespace deorbit

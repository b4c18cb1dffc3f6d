// Solar radiation pressure on a cannonball (isotropic, one coefficient), with the Earth's shadow.
// Reference: Montenbruck & Gill, "Satellite Orbits" (2000), sec. 3.4, eq. 3.75-3.76 (cannonball) and 3.4.2 (shadow).
#pragma once

#include "deorbit/forces/force_model.h"
#include "deorbit/forces/shadow.h"

namespace deorbit {

struct SrpOptions {
  double pressure = 4.56e-6;                 //!< [N/m^2] solar radiation pressure at the reference distance
  double reference_distance = 1.49597870e11;  //!< [m] (1 au, the value Orekit uses for 4.56e-6 N/m^2)
  ShadowModel shadow = ShadowModel::conical_ellipsoid;  //!< umbra and penumbra with the WGS-84 Earth
};

//! a = nu * P * (d_ref/d)^2 * Cr * A / m * (r - r_sun)/|r - r_sun|, pointing away from the Sun, with d = |r_sun - r|
//! the satellite-Sun distance, nu the visible fraction of the solar disc (shadow.h), Cr and A from ctx.spacecraft
//! (srp_coefficient, srp_area) and m = ctx.mass. The shadow switches the force off and on within the penumbra
//! (~8 s for the ISS): an eclipse event detector on sun_visible_fraction keeps an adaptive integrator accurate there.
class SolarRadiationPressure final : public ForceModel {
 public:
  explicit SolarRadiationPressure(SrpOptions options = {}) : options_(options) {}
  //! Throws std::logic_error if ctx.spacecraft is null or ctx.mass is not positive.
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] ForceNeeds needs() const override { return {true, false}; }
  [[nodiscard]] std::string_view name() const override { return "solar radiation pressure"; }
  [[nodiscard]] const SrpOptions& options() const { return options_; }

 private:
  SrpOptions options_;
};

}  // namespace deorbit

// Earth gravity forces: point mass (two-body) and spherical harmonics with a low-degree fallback near the ground.
// References: Montenbruck & Gill, "Satellite Orbits" (2000), sec. 3.2; the recursion is in spherical_harmonics.h.
#pragma once

#include "deorbit/forces/force_model.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/spherical_harmonics.h"

namespace deorbit {

//! Newtonian attraction of a point mass at the origin: a = -mu r/|r|^3 in GCRF. Use it alone for two-body motion
//! (Orekit's case A uses mu = 3.986004415e14), never together with SphericalHarmonicGravity, which already holds it.
class PointMassGravity final : public ForceModel {
 public:
  explicit PointMassGravity(double mu = egm_mu) : mu_(mu) {}
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] ForceNeeds needs() const override { return {}; }
  [[nodiscard]] std::string_view name() const override { return "point-mass gravity"; }
  [[nodiscard]] double mu() const { return mu_; }

 private:
  double mu_;
};

//! Where the full field gives way to a low-degree one. Spherical harmonics above degree 2 to 4 add nothing useful
//! during a descent through the atmosphere (drag dominates by orders of magnitude), cost time, and inside the
//! Brillouin sphere (radius ~6384 km) the series no longer converges.
struct GravityFallback {
  //! [m] the fallback is used when |r| - 6378137 m (height above a sphere of the WGS-84 equatorial radius, a
  //! geocentric-radius test: near the poles it switches about 21 km higher above the ellipsoid) is below this.
  double altitude = 100e3;
  int degree = 4;  //!< degree of the fallback field (J2, J3, J4 and the tesserals up to order)
  int order = 4;   //!< order of the fallback field
  //! No fallback: the full field everywhere.
  [[nodiscard]] static GravityFallback none() { return {-1e300, 0, 0}; }
};

//! Earth gravity from a spherical-harmonic field, INCLUDING the central term GM/r^2 of the field's own GM: it replaces
//! two-body attraction, do not add a PointMassGravity with it. Evaluated in ITRF from ctx.r_itrf and rotated to GCRF
//! with ctx.gcrf_to_itrf transposed. Below the fallback altitude the field is truncated to the fallback degree and
//! order; the acceleration then jumps by the omitted terms (about 1e-5 m/s^2 for EGM96 20x20 -> 4x4 at 100 km),
//! so an altitude event at the switch keeps an adaptive integrator from wasting steps on it.
class SphericalHarmonicGravity final : public ForceModel {
 public:
  //! Throws InputError if degree/order exceed the field.
  SphericalHarmonicGravity(const GravityField& field, int degree, int order,
                           GravityFallback fallback = GravityFallback{});
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] ForceNeeds needs() const override { return {}; }
  [[nodiscard]] std::string_view name() const override { return "spherical-harmonic gravity"; }

  //! [m/s^2] acceleration in ITRF at r_itrf [m], with the fallback rule applied.
  [[nodiscard]] Vec3 acceleration_itrf(const Vec3& r_itrf) const;
  //! True if the fallback field is used at r_itrf.
  [[nodiscard]] bool uses_fallback(const Vec3& r_itrf) const;

  [[nodiscard]] const SphericalHarmonics& field() const { return full_; }
  [[nodiscard]] const SphericalHarmonics& fallback_field() const { return low_; }
  [[nodiscard]] const GravityFallback& fallback() const { return fallback_; }

 private:
  SphericalHarmonics full_;
  SphericalHarmonics low_;
  GravityFallback fallback_;
  double switch_radius_;  // [m] 6378137 + fallback altitude
};

}  // namespace deorbit

// Third-body point-mass attraction (Sun, Moon) on an Earth satellite, in GCRF.
// References: Montenbruck & Gill, "Satellite Orbits" (2000), sec. 3.3.1, eq. 3.37; R. H. Battin, "An Introduction to
// the Mathematics and Methods of Astrodynamics", rev. ed. (1999), sec. 8.4 (the function f(q)).
#pragma once

#include <string_view>

#include "deorbit/base/vector.h"
#include "deorbit/forces/force_model.h"

namespace deorbit {

//! [m/s^2] acceleration of a satellite at r relative to the Earth's centre, caused by a point mass mu [m^3/s^2] at s
//! (both [m], geocentric, same frame): the direct attraction minus the attraction of the Earth (indirect term),
//!   a = mu ((s - r)/|s - r|^3 - s/|s|^3).
//! Written with Battin's f(q) so that the two nearly equal terms are never subtracted: with q = r.(r - 2s)/s.s,
//!   a = -mu/|r - s|^3 (r + f(q) s),   f(q) = q (3 + 3q + q^2) / (1 + (1 + q)^(3/2)).
//! The plain difference loses about log10(|s|/|r|) digits (4 for the Sun, 2 for the Moon at LEO); this does not.
[[nodiscard]] Vec3 third_body_acceleration(const Vec3& r, const Vec3& s, double mu);

//! Sun or Moon as a point mass, positioned by ctx.sun or ctx.moon (which the propagator fills from
//! sun_position_gcrf / moon_position_gcrf). GM defaults to the DE405 values (mu_sun, mu_moon in solar_system.h).
class ThirdBody final : public ForceModel {
 public:
  enum class Body { sun, moon };

  explicit ThirdBody(Body body, double mu = 0.0);  //!< mu <= 0: the DE405 value
  [[nodiscard]] static ThirdBody sun() { return ThirdBody(Body::sun); }
  [[nodiscard]] static ThirdBody moon() { return ThirdBody(Body::moon); }

  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override;
  [[nodiscard]] ForceNeeds needs() const override { return {body_ == Body::sun, body_ == Body::moon}; }
  [[nodiscard]] std::string_view name() const override { return body_ == Body::sun ? "third body: Sun" : "third body: Moon"; }
  [[nodiscard]] Body body() const { return body_; }
  [[nodiscard]] double mu() const { return mu_; }

 private:
  Body body_;
  double mu_;
};

}  // namespace deorbit

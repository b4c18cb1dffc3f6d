#include <cmath>
#include <memory>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/forces/drag.h"

namespace deorbit {
namespace {

// A test atmosphere: constant density, records what it was asked.
class ConstantAtmosphere final : public Atmosphere {
 public:
  explicit ConstantAtmosphere(double rho) : rho_(rho) {}
  AtmosphereState evaluate(const AtmosphereInput& in) const override {
    last = in;
    return {rho_, 1000.0};
  }
  std::string_view name() const override { return "constant"; }
  mutable AtmosphereInput last;

 private:
  double rho_;
};

ForceContext equatorial_context(const Spacecraft& sc) {
  ForceContext ctx;
  ctx.epoch = Epoch::from_iso("2025-03-20T12:00:00Z");
  ctx.r = Vec3(6778137.0, 0, 0);
  ctx.v = Vec3(0, 7668.56, 0);
  ctx.r_itrf = ctx.r;  // identity rotation in this test
  ctx.mass = sc.mass;
  ctx.spacecraft = &sc;
  ctx.sun = Vec3(1.496e11, 0, 0);  // Sun overhead at longitude 0
  return ctx;
}

TEST(Drag, MagnitudeDirectionAndCoRotation) {
  Spacecraft sc{450000.0, 1500.0, 2.2, 1500.0, 1.3};
  auto atm = std::make_shared<ConstantAtmosphere>(3e-12);
  Drag drag(atm, nullptr);
  ForceContext ctx = equatorial_context(sc);
  Vec3 a = drag.acceleration(ctx);
  // Prograde equatorial: the air moves with the Earth at omega * r, so v_rel = v - omega r along +y.
  double v_rel = 7668.56 - ctx.earth_rotation_rate * 6778137.0;
  double expected = 0.5 * 3e-12 * 2.2 * 1500.0 / 450000.0 * v_rel * v_rel;
  EXPECT_NEAR(a.y(), -expected, 1e-12 * expected);
  EXPECT_NEAR(a.x(), 0.0, 1e-20);
  EXPECT_NEAR(a.z(), 0.0, 1e-20);
  // The atmosphere was asked at the right place and local time: height 400 km, noon under the Sun.
  EXPECT_NEAR(atm->last.place.height, 6778137.0 - constants::wgs84_a, 1e-6);
  EXPECT_NEAR(atm->last.local_solar_time, 12.0, 1e-9);
  // Density scale factor and mass enter linearly.
  Drag scaled(atm, nullptr, 2.0);
  EXPECT_NEAR(scaled.acceleration(ctx).y(), 2 * a.y(), 1e-15);
  ctx.mass *= 2;
  EXPECT_NEAR(drag.acceleration(ctx).y(), a.y() / 2, 1e-15);
}

TEST(Drag, LocalSolarTimeFollowsTheSun) {
  Spacecraft sc;
  auto atm = std::make_shared<ConstantAtmosphere>(1e-12);
  Drag drag(atm, nullptr);
  ForceContext ctx = equatorial_context(sc);
  ctx.sun = Vec3(0, 1.496e11, 0);  // Sun over longitude +90 deg: longitude 0 is at 06 h
  (void)drag.acceleration(ctx);
  EXPECT_NEAR(atm->last.local_solar_time, 6.0, 1e-9);
}

}  // namespace
}  // namespace deorbit

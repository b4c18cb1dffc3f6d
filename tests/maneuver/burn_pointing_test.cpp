// The pointing error of a finite burn (FiniteBurn::direction, the campaign's burn_pitch and burn_yaw): a unit vector
// turned from the attitude law's direction by the angle acos(cos pitch cos yaw), towards the sides the header names.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/maneuver/burn.h"

namespace deorbit {
namespace {

using constants::deg;

// An eccentric, inclined orbit state (velocity not perpendicular to the radius), and a circular one.
const Vec3 r_ecc(6.9e6, 1.2e6, -0.8e6), v_ecc(-1.1e3, 6.4e3, 3.9e3);
const Vec3 r_circ(7e6, 0, 0), v_circ(0, 7.5e3, 0);

FiniteBurn burn(AttitudeLaw law, double pitch, double yaw) {
  FiniteBurn b;
  b.attitude = law;
  b.pitch = pitch;
  b.yaw = yaw;
  return b;
}

double angle(const Vec3& a, const Vec3& b) { return std::atan2(a.cross(b).norm(), a.dot(b)); }

TEST(BurnPointing, ZeroErrorIsTheAttitudeLaw) {
  for (auto law : {AttitudeLaw::Retrograde, AttitudeLaw::Prograde, AttitudeLaw::RadialIn, AttitudeLaw::RadialOut,
                   AttitudeLaw::Normal, AttitudeLaw::AntiNormal}) {
    const Vec3 d = burn(law, 0, 0).direction(r_ecc, v_ecc);
    EXPECT_EQ(d, thrust_direction(law, r_ecc, v_ecc)) << to_string(law);
  }
}

TEST(BurnPointing, TurnedByTheCombinedAngleAndStaysAUnitVector) {
  const double angles[] = {-5 * deg, -1 * deg, -1e-4, 0.0, 1e-6, 0.3 * deg, 2 * deg, 10 * deg};
  double worst_norm = 0, worst_angle = 0;
  for (auto law : {AttitudeLaw::Retrograde, AttitudeLaw::Prograde, AttitudeLaw::RadialIn, AttitudeLaw::RadialOut,
                   AttitudeLaw::Normal, AttitudeLaw::AntiNormal}) {
    for (const auto& [r, v] : {std::pair{r_ecc, v_ecc}, {r_circ, v_circ}}) {
      const Vec3 d0 = thrust_direction(law, r, v);
      for (double pitch : angles)
        for (double yaw : angles) {
          const Vec3 d = burn(law, pitch, yaw).direction(r, v);
          worst_norm = std::max(worst_norm, std::abs(d.norm() - 1));
          EXPECT_NEAR(d.norm(), 1.0, 4.5e-16) << to_string(law) << " " << pitch << " " << yaw;  // 2 ulp
          // acos(cos pitch cos yaw), in the half-angle form that keeps small angles (1 - cos p cos y =
          // 2 sin^2(p/2) + 2 cos p sin^2(y/2)).
          const double sp = std::sin(pitch / 2), sy = std::sin(yaw / 2);
          const double expected = 2 * std::asin(std::sqrt(sp * sp + std::cos(pitch) * sy * sy));
          worst_angle = std::max(worst_angle, std::abs(angle(d0, d) - expected));
          EXPECT_NEAR(angle(d0, d), expected, 5e-16) << to_string(law) << " " << pitch << " " << yaw;
        }
    }
  }
  // Measured: 2.2e-16 and 1.7e-16 rad.
  std::printf("largest | |d| - 1 |: %.2g; largest angle error: %.2g rad\n", worst_norm, worst_angle);
}

TEST(BurnPointing, RetrogradePitchTiltsRadialOutAndYawAlongTheAngularMomentum) {
  for (const auto& [r, v] : {std::pair{r_ecc, v_ecc}, {r_circ, v_circ}}) {
    const Vec3 rhat = r.normalized(), nhat = r.cross(v).normalized();
    const Vec3 d0 = thrust_direction(AttitudeLaw::Retrograde, r, v);
    const double a = 2 * deg;
    const Vec3 up = burn(AttitudeLaw::Retrograde, a, 0).direction(r, v),
               down = burn(AttitudeLaw::Retrograde, -a, 0).direction(r, v),
               left = burn(AttitudeLaw::Retrograde, 0, a).direction(r, v),
               right = burn(AttitudeLaw::Retrograde, 0, -a).direction(r, v);
    // Pitch stays in the orbit plane; positive gains a radial-out component. Yaw leaves the plane along +n.
    EXPECT_NEAR(up.dot(nhat), 0.0, 1e-15);
    EXPECT_NEAR(down.dot(nhat), 0.0, 1e-15);
    EXPECT_GT((up - d0).dot(rhat), 0.0);
    EXPECT_LT((down - d0).dot(rhat), 0.0);
    EXPECT_NEAR(left.dot(nhat), std::sin(a), 1e-15);
    EXPECT_NEAR(right.dot(nhat), -std::sin(a), 1e-15);
    // On the circular orbit the velocity is perpendicular to r: pitch gives exactly sin(a) radial-out.
    if (std::abs(r.dot(v)) < 1e-9) {
      EXPECT_NEAR(up.dot(rhat), std::sin(a), 1e-15);
      EXPECT_NEAR(up.dot(-v.normalized()), std::cos(a), 1e-15);
    }
  }
}

TEST(BurnPointing, NormalAttitudeStillTurns) {
  // n x d vanishes for a normal burn: pitch turns it towards the velocity instead, still by the combined angle.
  for (auto law : {AttitudeLaw::Normal, AttitudeLaw::AntiNormal}) {
    const Vec3 d0 = thrust_direction(law, r_ecc, v_ecc);
    const Vec3 d = burn(law, 3 * deg, 0).direction(r_ecc, v_ecc);
    EXPECT_NEAR(d.norm(), 1.0, 1e-15);
    EXPECT_NEAR(angle(d0, d), 3 * deg, 1e-12);
    EXPECT_GT((d - d0).dot(v_ecc.normalized()), 0.0) << to_string(law);
    const Vec3 e = burn(law, 3 * deg, 4 * deg).direction(r_ecc, v_ecc);
    EXPECT_TRUE(std::isfinite(e.norm()));
    EXPECT_NEAR(e.norm(), 1.0, 1e-15);
  }
}

}  // namespace
}  // namespace deorbit

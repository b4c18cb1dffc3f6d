// Third-body attraction: Battin's form against the plain difference evaluated in long double, the tidal limit,
// and the force model's use of the context (the end-to-end comparison with Orekit is
// tests/propagate/orekit_cases_test.cpp).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/forces/gravity.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/frames/earth_rotation.h"
#include "deorbit/frames/solar_system.h"
#include "deorbit/propagate/integrate.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

Vec3 plain_difference_long_double(const Vec3& r, const Vec3& s, double mu) {
  using ld = long double;
  const ld dx = static_cast<ld>(s.x()) - r.x(), dy = static_cast<ld>(s.y()) - r.y(), dz = static_cast<ld>(s.z()) - r.z();
  const ld d3 = std::pow(dx * dx + dy * dy + dz * dz, 1.5L);
  const ld sx = s.x(), sy = s.y(), sz = s.z();
  const ld s3 = std::pow(sx * sx + sy * sy + sz * sz, 1.5L);
  return {static_cast<double>(mu * (dx / d3 - sx / s3)), static_cast<double>(mu * (dy / d3 - sy / s3)),
          static_cast<double>(mu * (dz / d3 - sz / s3))};
}

Vec3 plain_difference_double(const Vec3& r, const Vec3& s, double mu) {
  const Vec3 d = s - r;
  return mu * (d / std::pow(d.norm(), 3) - s / std::pow(s.norm(), 3));
}

TEST(ThirdBody, BattinFormMatchesLongDoubleDifference) {
  const Vec3 sun(28018546424.904, -132499966927.365, -57437432020.168);  // DE405, 2025-01-01T12:00 UTC
  const Vec3 moon(191279943.250, -288727122.192, -156567711.483);
  const Vec3 satellites[] = {{552012.464072, -5088971.465786, -4478046.272060},  // ISS
                             {4.2164e7, 1e5, 0},                                  // GEO
                             {-6.9e6, 1e6, 2e6}};
  double worst_battin = 0, worst_plain = 0;
  for (const Vec3& r : satellites)
    for (const auto& [s, mu] : {std::pair{sun, mu_sun}, std::pair{moon, mu_moon}}) {
      const Vec3 ref = plain_difference_long_double(r, s, mu);
      worst_battin = std::max(worst_battin, (third_body_acceleration(r, s, mu) - ref).norm() / ref.norm());
      worst_plain = std::max(worst_plain, (plain_difference_double(r, s, mu) - ref).norm() / ref.norm());
    }
  std::printf("third body: Battin f(q) %.1e relative, plain double difference %.1e relative\n", worst_battin,
              worst_plain);
  EXPECT_LT(worst_battin, 4e-15);  // measured 1.8e-15
  EXPECT_GT(worst_plain, 1e-12);   // measured 3.6e-12: what Battin's form avoids
}

TEST(ThirdBody, TidalLimitAndMagnitudes) {
  // Far body: a -> mu/|s|^3 (3 (s_hat.r) s_hat - r).
  const Vec3 r(7e6, 0, 0), s(0, 3.844e11, 0);  // 1000 lunar distances
  const Vec3 a = third_body_acceleration(r, s, mu_moon);
  const Vec3 tidal = mu_moon / std::pow(s.norm(), 3) * (3 * s.normalized().dot(r) * s.normalized() - r);
  EXPECT_LT((a - tidal).norm() / tidal.norm(), 6e-5);  // measured 2.7e-5, the next order in |r| / |s|
  std::printf("third body: tidal limit at 1000 lunar distances %.2e relative\n", (a - tidal).norm() / tidal.norm());

  // ISS-like: the Moon pulls ~1e-6 m/s^2, the Sun ~5e-7 m/s^2 (tidal magnitudes).
  const Vec3 iss(552012.464072, -5088971.465786, -4478046.272060);
  const Epoch t = Epoch::from_iso("2025-01-01T12:00:00");
  const double a_moon = third_body_acceleration(iss, moon_position_gcrf(t), mu_moon).norm();
  const double a_sun = third_body_acceleration(iss, sun_position_gcrf(t), mu_sun).norm();
  std::printf("third body at the ISS, 2025-01-01T12:00: Moon %.3e m/s^2, Sun %.3e m/s^2\n", a_moon, a_sun);
  EXPECT_NEAR(a_moon, 1.132e-6, 0.002e-6);
  EXPECT_NEAR(a_sun, 5.445e-7, 0.002e-7);
}

TEST(ThirdBody, ForceModelUsesTheContext) {
  ForceContext ctx;
  ctx.r = Vec3(7e6, 1e5, -2e5);
  ctx.sun = Vec3(1.4e11, 2e10, 1e10);
  ctx.moon = Vec3(-3e8, 2e8, 1e8);
  EXPECT_EQ(ThirdBody::sun().acceleration(ctx), third_body_acceleration(ctx.r, ctx.sun, mu_sun));
  EXPECT_EQ(ThirdBody::moon().acceleration(ctx), third_body_acceleration(ctx.r, ctx.moon, mu_moon));
  EXPECT_EQ(ThirdBody(ThirdBody::Body::moon, 1e12).mu(), 1e12);
  EXPECT_EQ(ThirdBody::sun().name(), "third body: Sun");
}

}  // namespace
}  // namespace deorbit

// Third-body attraction: Battin's form against the plain difference evaluated in long double, the tidal limit,
// the force model's use of the context, and Orekit's Sun + Moon + radiation-pressure increment over one day.
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
  EXPECT_LT(worst_battin, 1e-14);
}

TEST(ThirdBody, TidalLimitAndMagnitudes) {
  // Far body: a -> mu/|s|^3 (3 (s_hat.r) s_hat - r).
  const Vec3 r(7e6, 0, 0), s(0, 3.844e11, 0);  // 1000 lunar distances
  const Vec3 a = third_body_acceleration(r, s, mu_moon);
  const Vec3 tidal = mu_moon / std::pow(s.norm(), 3) * (3 * s.normalized().dot(r) * s.normalized() - r);
  EXPECT_LT((a - tidal).norm() / tidal.norm(), 1e-4);

  // ISS-like: the Moon pulls ~1e-6 m/s^2, the Sun ~5e-7 m/s^2 (tidal magnitudes).
  const Vec3 iss(552012.464072, -5088971.465786, -4478046.272060);
  const Epoch t = Epoch::from_iso("2025-01-01T12:00:00");
  const double a_moon = third_body_acceleration(iss, moon_position_gcrf(t), mu_moon).norm();
  const double a_sun = third_body_acceleration(iss, sun_position_gcrf(t), mu_sun).norm();
  EXPECT_GT(a_moon, 3e-7);
  EXPECT_LT(a_moon, 3e-6);
  EXPECT_GT(a_sun, 1e-7);
  EXPECT_LT(a_sun, 2e-6);
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

// ---------------------------------------------------------------------------------------------------------------
// End to end against Orekit 13.1 (../shared/data/orekit-reference): the ISS for one day from the same GCRF state,
// with the DOP853 driver of propagate/ at Orekit's 1 micrometre tolerances, ITRF from the shared EOP file.

namespace orekit {

Vec3 final_position(const std::string& file) {
  std::ifstream in(testing::shared_data("orekit-reference/" + file));
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  std::stringstream ss(last);
  std::string field;
  std::getline(ss, field, ',');  // epoch
  double xyz[3];
  for (double& c : xyz) {
    std::getline(ss, field, ',');
    c = std::stod(field);
  }
  return {xyz[0], xyz[1], xyz[2]};
}

//! [m] GCRF position after 86400 s under the sum of the forces.
Vec3 propagate_one_day(const std::vector<const ForceModel*>& forces) {
  static const EarthOrientation eop =
      EarthOrientation::read(testing::shared_data("spaceweather/EOP-All-v1.1_2025-01-10.txt"));
  static const Spacecraft iss{450000.0, 1500.0, 2.2, 1500.0, 1.3};
  const Epoch t0 = Epoch::from_iso("2025-01-01T12:00:00");
  OdeState<6> y0;
  y0 << 552012.464072, -5088971.465786, -4478046.272060, 5948.574568045, 3525.474953144, -3272.328663339;
  IntegratorSettings<6> settings;  // Orekit's ToleranceProvider for 1e-6 m on this orbit (README)
  settings.tolerances.absolute << 1e-6, 1e-6, 1e-6, 1.1264574e-9, 1.1264574e-9, 1.1264574e-9;
  settings.tolerances.relative = OdeState<6>::Constant(1.4703458e-13);
  settings.step.max_step = 300;
  EarthRotationCache rotation(eop);
  auto f = [&](double t, const OdeState<6>& y, OdeState<6>& dydt) {
    ForceContext ctx;
    ctx.epoch = t0 + t;
    ctx.r = y.head<3>();
    ctx.v = y.tail<3>();
    ctx.mass = iss.mass;
    ctx.spacecraft = &iss;
    const EarthAttitude attitude = rotation.at(ctx.epoch);
    ctx.gcrf_to_itrf = attitude.gcrf_to_itrf;
    ctx.r_itrf = attitude.gcrf_to_itrf * ctx.r;
    ctx.earth_rotation_rate = attitude.rotation_rate;
    ctx.sun = sun_position_gcrf(ctx.epoch);
    ctx.moon = moon_position_gcrf(ctx.epoch);
    Vec3 a = Vec3::Zero();
    for (const ForceModel* force : forces) a += force->acceleration(ctx);
    dydt.head<3>() = ctx.v;
    dydt.tail<3>() = a;
  };
  const IntegrationResult<6> result = integrate<6>(f, t0, 0.0, y0, 86400.0, settings);
  EXPECT_TRUE(result.ok()) << result.message;
  return result.y.head<3>();
}

}  // namespace orekit

// Orekit's D - C (Sun, Moon and SRP added to EGM96 20x20 + drag) against ours added to EGM96 20x20 alone: the
// increment is nearly independent of drag over one day, so this checks the Sun and Moon series (against DE405),
// the third-body force and SRP with its ellipsoid shadow together, without needing drag.
TEST(ThirdBodyOrekit, SunMoonAndRadiationPressureIncrementAfterOneDay) {
  const SphericalHarmonicGravity egm96(egm96_embedded(), 20, 20);
  const ThirdBody sun = ThirdBody::sun(), moon = ThirdBody::moon();
  const SolarRadiationPressure srp;
  const Vec3 b = orekit::propagate_one_day({&egm96});
  const Vec3 b_plus = orekit::propagate_one_day({&egm96, &sun, &moon, &srp});
  const Vec3 ours = b_plus - b;
  const Vec3 theirs =
      orekit::final_position("iss_caseD_dP1e-6.csv") - orekit::final_position("iss_caseC_dP1e-6.csv");
  std::printf("Sun + Moon + SRP increment after one day: ours %.3f m, Orekit (D - C) %.3f m, difference %.3f m\n",
              ours.norm(), theirs.norm(), (ours - theirs).norm());
  EXPECT_LT((ours - theirs).norm(), 2.0);
}

}  // namespace
}  // namespace deorbit

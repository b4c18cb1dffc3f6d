#include <cmath>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/orbit/keplerian.h"

namespace deorbit {
namespace {

using constants::deg;

TEST(Keplerian, ValladoExample2_5RvToCoe) {
  // Vallado, Fundamentals 4th ed., Example 2-5: r = (6524.834, 6862.875, 6448.296) km,
  // v = (4.901327, 5.533756, -1.976341) km/s give p = 11067.790 km, a = 36127.343 km, e = 0.832853,
  // i = 87.870 deg, RAAN = 227.898 deg, argp = 53.38 deg, nu = 92.335 deg (mu = 398600.4418 km^3/s^2).
  KeplerianElements k = to_keplerian(Vec3(6524.834e3, 6862.875e3, 6448.296e3), Vec3(4.901327e3, 5.533756e3, -1.976341e3));
  EXPECT_NEAR(k.semi_major_axis / 1e3, 36127.343, 0.01);
  EXPECT_NEAR(k.eccentricity, 0.832853, 1e-6);
  EXPECT_NEAR(k.inclination / deg, 87.870, 1e-3);
  EXPECT_NEAR(k.raan / deg, 227.898, 1e-3);
  EXPECT_NEAR(k.arg_of_perigee / deg, 53.38, 1e-2);
  EXPECT_NEAR(k.true_anomaly / deg, 92.335, 1e-3);
}

TEST(Keplerian, RoundTripsIncludingDegenerateOrbits) {
  const KeplerianElements cases[] = {
      {6778e3, 0.0005, 51.64 * deg, 130 * deg, 193 * deg, 166 * deg},  // ISS-like
      {26560e3, 0.74, 63.4 * deg, 279 * deg, 270 * deg, 20 * deg},     // Molniya
      {7000e3, 0.0, 98 * deg, 10 * deg, 0.0, 45 * deg},                // circular: nu is argument of latitude
      {42164e3, 0.01, 0.0, 0.0, 75 * deg, 300 * deg},                  // equatorial
      {42164e3, 0.0, 0.0, 0.0, 0.0, 123 * deg},                        // circular equatorial
      {7000e3, 0.1, 180 * deg - 1e-3, 20 * deg, 30 * deg, 40 * deg},   // near-retrograde equatorial
      {-20000e3, 1.5, 30 * deg, 40 * deg, 50 * deg, 60 * deg},         // hyperbolic
  };
  for (const auto& k : cases) {
    auto [r, v] = to_cartesian(k);
    KeplerianElements back = to_keplerian(r, v);
    auto [r2, v2] = to_cartesian(back);
    EXPECT_LT((r2 - r).norm(), 1e-6) << k.semi_major_axis;
    EXPECT_LT((v2 - v).norm(), 1e-9) << k.semi_major_axis;
    EXPECT_NEAR(back.semi_major_axis, k.semi_major_axis, 1e-6 * std::abs(k.semi_major_axis));
    EXPECT_NEAR(back.eccentricity, k.eccentricity, 1e-12);
    EXPECT_NEAR(back.inclination, k.inclination, 1e-12);
  }
}

// The osculating period depends on the semi-major axis alone: a circular orbit and an ellipse of the same energy.
TEST(Keplerian, OsculatingPeriod) {
  const double r = 6778137.0, v = std::sqrt(constants::mu_earth / r);
  const double expected = constants::two_pi * std::sqrt(r * r * r / constants::mu_earth);  // 5,553.6 s
  EXPECT_NEAR(osculating_period(Vec3(r, 0, 0), Vec3(0, v, 0)), expected, 1e-9 * expected);
  // The same speed at the same radius, pointed 30 deg off the horizontal: same energy, same a, same period.
  EXPECT_NEAR(osculating_period(Vec3(r, 0, 0), Vec3(v * std::sin(30 * deg), v * std::cos(30 * deg), 0)), expected,
              1e-9 * expected);
}

TEST(Keplerian, KeplersEquation) {
  for (double e : {0.0, 0.1, 0.5, 0.9, 0.99, 0.999999}) {
    for (double m = -7.0; m < 7.0; m += 0.37) {
      double E = mean_to_eccentric_anomaly(m, e);
      EXPECT_NEAR(eccentric_to_mean_anomaly(E, e), m, 1e-12) << e << ' ' << m;
      double nu = eccentric_to_true_anomaly(E, e);
      EXPECT_NEAR(std::remainder(true_to_eccentric_anomaly(nu, e) - E, 2 * constants::pi), 0.0, 1e-9);
    }
  }
  for (double m : {-50.0, -1.0, 0.0, 2.0, 100.0}) {
    double H = mean_to_eccentric_anomaly(m, 2.5);
    EXPECT_NEAR(eccentric_to_mean_anomaly(H, 2.5), m, 1e-10 * std::max(1.0, std::abs(m)));
  }
}

TEST(Keplerian, RejectsImpossibleInput) {
  EXPECT_THROW((void)to_keplerian(Vec3::Zero(), Vec3(1, 0, 0)), InputError);
  EXPECT_THROW((void)to_keplerian(Vec3(7e6, 0, 0), Vec3(7e3, 0, 0)), InputError);  // rectilinear
  EXPECT_THROW((void)to_cartesian({7e6, 1.0, 0, 0, 0, 0}), InputError);
  EXPECT_THROW((void)to_cartesian({-7e6, 0.5, 0, 0, 0, 0}), InputError);
  EXPECT_THROW((void)to_cartesian({-7e6, 1.5, 0, 0, 0, 2.5}), InputError);  // beyond the asymptote
  EXPECT_THROW((void)mean_to_eccentric_anomaly(1.0, -0.1), InputError);
  EXPECT_THROW((void)mean_to_eccentric_anomaly(NAN, 0.1), InputError);
}

}  // namespace
}  // namespace deorbit

// Sun and Moon series against JPL DE405 (the two epochs of tests/data/orekit-reference/README.md) and against
// ERFA: eraEpv00 (Earth heliocentric, a fit to DE405 good to a few km) for the Sun over fifty years; eraMoon98 (the
// same Meeus series written independently) to catch transcription errors in the Moon tables.
#include <erfa.h>

#include <cmath>
#include <cstdio>
#include <algorithm>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/frames/solar_system.h"

namespace deorbit {
namespace {

constexpr double kAu = 1.49597870700e11;
constexpr double kJ2000 = 2451545.0;  // [d] JD of J2000.0

double angle_arcsec(const Vec3& a, const Vec3& b) {
  return std::atan2(a.cross(b).norm(), a.dot(b)) / constants::arcsec;
}

struct De405Row {
  const char* epoch_utc;
  Vec3 sun, moon;  // [m] GCRF
};

// tests/data/orekit-reference/README.md, table "Sun and Moon for checking an ephemeris" (DE405, GCRF).
const De405Row kDe405[] = {
    {"2025-01-01T12:00:00", {28018546424.904, -132499966927.365, -57437432020.168},
     {191279943.250, -288727122.192, -156567711.483}},
    {"2025-01-02T12:00:00", {30583449490.353, -132020192175.053, -57229406943.700},
     {261204382.059, -239152877.557, -129746849.656}},
};

TEST(SolarSystem, SunAgainstDe405) {
  for (const auto& row : kDe405) {
    const Vec3 sun = sun_position_gcrf(Epoch::from_iso(row.epoch_utc));
    const double angle = angle_arcsec(sun, row.sun);
    const double distance = sun.norm() - row.sun.norm();
    std::printf("Sun  %s: direction %.2f arcsec, distance %+.1f km (%.2e relative)\n", row.epoch_utc, angle,
                distance / 1e3, distance / row.sun.norm());
    EXPECT_LT(angle, 3.0);                                 // measured 1.65" and 1.63"
    EXPECT_LT(std::abs(distance) / row.sun.norm(), 2e-6);  // measured 6.9e-7 and 6.6e-7
  }
}

TEST(SolarSystem, MoonAgainstDe405) {
  for (const auto& row : kDe405) {
    const Vec3 moon = moon_position_gcrf(Epoch::from_iso(row.epoch_utc));
    const double angle = angle_arcsec(moon, row.moon);
    const double distance = moon.norm() - row.moon.norm();
    std::printf("Moon %s: direction %.2f arcsec, distance %+.2f km (%.2e relative), |diff| %.2f km\n",
                row.epoch_utc, angle, distance / 1e3, distance / row.moon.norm(), (moon - row.moon).norm() / 1e3);
    EXPECT_LT(angle, 1.5);                          // measured 0.72" and 0.61"
    EXPECT_LT(std::abs(distance), 5e3);             // measured 0.51 and 2.04 km
    EXPECT_LT((moon - row.moon).norm(), 5e3);       // measured 1.42 and 2.32 km
  }
}

// The Sun over 2000-2050 (every 7.3 days) against ERFA's eraEpv00, which is good to a few km for the Earth.
TEST(SolarSystem, SunAgainstErfaOverFiftyYears) {
  double worst_angle = 0, worst_relative_distance = 0, sum_sq = 0;
  int count = 0;
  for (double days = 0; days < 50 * 365.25; days += 7.3) {
    const Epoch t = Epoch::from_jd(TimeScale::TT, kJ2000, days);
    double pvh[2][3], pvb[2][3];
    eraEpv00(kJ2000, days, pvh, pvb);
    const Vec3 reference = -Vec3(pvh[0][0], pvh[0][1], pvh[0][2]) * kAu;
    const Vec3 sun = sun_position_gcrf(t);
    const double angle = angle_arcsec(sun, reference);
    worst_angle = std::max(worst_angle, angle);
    worst_relative_distance =
        std::max(worst_relative_distance, std::abs(sun.norm() - reference.norm()) / reference.norm());
    sum_sq += angle * angle;
    ++count;
  }
  std::printf("Sun vs eraEpv00 2000-2050: direction RMS %.2f arcsec, worst %.2f arcsec; distance worst %.2e\n",
              std::sqrt(sum_sq / count), worst_angle, worst_relative_distance);
  EXPECT_LT(worst_angle, 3.0);                  // measured 2.12"
  EXPECT_LT(std::sqrt(sum_sq / count), 2.0);   // measured 1.15" RMS
  EXPECT_LT(worst_relative_distance, 4e-6);    // measured 2.2e-6
}

// Same series as eraMoon98 (Meeus 1998, Simon et al. mean longitude), so they agree to rounding: this catches a
// mistyped coefficient, and checks the precession to GCRF.
TEST(SolarSystem, MoonMatchesErfaMoon98) {
  double worst_angle = 0, worst_distance = 0;
  for (double days = -3650; days < 60 * 365.25; days += 3.1) {
    const Epoch t = Epoch::from_jd(TimeScale::TT, kJ2000, days);
    double pv[2][3];
    eraMoon98(kJ2000, days, pv);
    const Vec3 reference = Vec3(pv[0][0], pv[0][1], pv[0][2]) * kAu;
    const Vec3 moon = moon_position_gcrf(t);
    worst_angle = std::max(worst_angle, angle_arcsec(moon, reference));
    worst_distance = std::max(worst_distance, std::abs(moon.norm() - reference.norm()));
  }
  std::printf("Moon vs eraMoon98 1990-2060: worst %.2e arcsec, %.2e m\n", worst_angle, worst_distance);
  EXPECT_LT(worst_angle, 1e-4);     // measured 4.0e-5"
  EXPECT_LT(worst_distance, 1e-3);  // measured 0.83 mm
}

TEST(SolarSystem, GravitationalParameters) {
  // DE405 header: GMS = k^2 = 0.2959122082855911e-3 au^3/d^2 with AU = 149597870.691 km.
  const double au_de405 = 1.49597870691e11;
  const double gm_sun = 0.2959122082855911e-3 * au_de405 * au_de405 * au_de405 / (86400.0 * 86400.0);
  EXPECT_NEAR(mu_sun / gm_sun, 1.0, 1e-10);
  EXPECT_NEAR(mu_moon, 4.9028005821e12, 1.0);
}

}  // namespace
}  // namespace deorbit

namespace deorbit {
namespace {

TEST(SolarSystemCache, InterpolationAddsNothingOfNote) {
  SolarSystemCache cache;
  Epoch t0 = Epoch::from_iso("2025-01-01T12:00:00Z");
  double worst_sun = 0, worst_moon = 0;
  for (double dt = 0; dt < 2 * 86400.0; dt += 137.1) {
    Epoch t = t0 + dt;
    Vec3 s = sun_position_gcrf(t), m = moon_position_gcrf(t);
    worst_sun = std::max(worst_sun, (cache.sun(t) - s).norm() / s.norm());
    worst_moon = std::max(worst_moon, (cache.moon(t) - m).norm() / m.norm());
  }
  for (double dt = 2 * 86400.0; dt > 0; dt -= 5000.0) {  // backward and jumping
    Epoch t = t0 + dt;
    worst_moon = std::max(worst_moon, (cache.moon(t) - moon_position_gcrf(t)).norm() / moon_position_gcrf(t).norm());
  }
  std::printf("grid interpolation: Sun %.2e, Moon %.2e relative\n", worst_sun, worst_moon);
  EXPECT_LT(worst_sun, 2e-13);   // measured 6.7e-14
  EXPECT_LT(worst_moon, 4e-11);  // measured 1.6e-11
}

}  // namespace
}  // namespace deorbit

// Positions of the Sun and the Moon in GCRF from analytic series (no ephemeris file needed).
// References: Sun: Montenbruck & Pfleger, "Astronomy on the Personal Computer", 4th ed. (2000), SUN200 (Keplerian
// Earth orbit with the perturbations of Venus, Mars, Jupiter, Saturn and the Moon). Moon: Meeus, "Astronomical
// Algorithms", 2nd ed. (1998), ch. 47 (truncated ELP-2000/82, 60 + 60 terms). Both referred to the mean ecliptic
// and equinox of date and rotated to GCRF with the IAU 2006 precession (Fukushima-Williams angles, frame bias
// included). Geometric positions (no light time, no aberration), as JPL ephemerides give them.
// Accuracy (tests/frames/solar_system_test.cpp, docs/validation-forces.md): see each function.
#pragma once

#include <cstdint>

#include "deorbit/base/vector.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! [m] geocentric position of the Sun in GCRF at the epoch (TT used internally). Direction within 2.2" and distance
//! within 2.3e-6 (350 km) of ERFA's eraEpv00 over 2000-2050 (RMS 1.2"); 1.65" and 100 km from DE405 on 2025-01-01.
//! About 0.2 us.
[[nodiscard]] Vec3 sun_position_gcrf(const Epoch& t);
//! [m] geocentric position of the Moon in GCRF at the epoch. 0.7" and 2 km from DE405 on 2025-01-01/02; over
//! 1950-2100 the series is good to 2.9" RMS (18" worst) and 6 km RMS (32 km worst) against ELP/MPP02 (ERFA's
//! eraMoon98 notes, same series). About 0.3 us.
[[nodiscard]] Vec3 moon_position_gcrf(const Epoch& t);

//! [m^3/s^2] gravitational parameters (DE405 values, as Orekit uses them).
inline constexpr double mu_sun = 1.32712440018e20;
inline constexpr double mu_moon = 4.9028005821e12;

}  // namespace deorbit

namespace deorbit {

//! The Sun and Moon positions of sun_position_gcrf / moon_position_gcrf sampled on a grid (Sun every hour, Moon
//! every half hour, TAI) and interpolated with 4-point Lagrange polynomials: about 50 ns a call instead of 0.5 us,
//! adding below 1e-12 (Sun) and 1e-10 (Moon, 4 cm) relative to the series' own error of 1e-5
//! (tests/frames/solar_system_test.cpp). Not thread-safe: one per run.
class SolarSystemCache {
 public:
  [[nodiscard]] Vec3 sun(const Epoch& t) { return sun_.at(t); }
  [[nodiscard]] Vec3 moon(const Epoch& t) { return moon_.at(t); }

 private:
  class Track {
   public:
    Track(Vec3 (*f)(const Epoch&), std::int64_t spacing) : f_(f), spacing_(spacing) {}
    Vec3 at(const Epoch& t);

   private:
    Vec3 (*f_)(const Epoch&);
    std::int64_t spacing_;  // [s] between nodes
    std::int64_t h0_ = 0;
    bool valid_ = false;
    Vec3 nodes_[4];  // at nodes h0 - 1 .. h0 + 2
  };
  Track sun_{&sun_position_gcrf, 3600};
  Track moon_{&moon_position_gcrf, 1800};
};

}  // namespace deorbit

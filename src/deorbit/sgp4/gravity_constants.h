// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, section on
// gravitational constants (WGS-72 old, WGS-72, WGS-84), and Hoots & Roehrich, Spacetrack Report #3 (1980).
//
// The Earth constants SGP4 uses, in SGP4's canonical units (Earth radii, minutes). SGP4 mean elements are fitted
// with WGS-72, so WGS-72 is the standard; the others exist only to reproduce other programs' outputs.
#pragma once

#include <cmath>

namespace deorbit {

//! The set of Earth constants used by SGP4.
enum class Sgp4Gravity {
  Wgs72Old,  //!< WGS-72 with the rounded xke of the original Spacetrack Report #3 code
  Wgs72,     //!< WGS-72 (the standard: element sets are generated with it)
  Wgs84,     //!< WGS-84 / EGM-96 zonal harmonics (for comparison only; not consistent with published elements)
};

//! Earth constants in SGP4 units.
struct Sgp4GravityConstants {
  double mu_km3_s2 = 0;  //!< [km^3/s^2] gravitational parameter
  double radius_km = 0;  //!< [km] equatorial radius (the SGP4 distance unit, "earth radius")
  double xke = 0;        //!< [er^1.5/min] sqrt(mu) in Earth radii and minutes
  double tumin = 0;      //!< [min] minutes per SGP4 time unit (1 / xke)
  double j2 = 0;         //!< [-] second zonal harmonic
  double j3 = 0;         //!< [-] third zonal harmonic
  double j4 = 0;         //!< [-] fourth zonal harmonic
  double j3oj2 = 0;      //!< [-] j3 / j2
};

//! The constants of one gravity model.
[[nodiscard]] inline Sgp4GravityConstants sgp4_gravity_constants(Sgp4Gravity model) {
  Sgp4GravityConstants c;
  switch (model) {
    case Sgp4Gravity::Wgs72Old:
      c.mu_km3_s2 = 398600.79964;
      c.radius_km = 6378.135;
      c.xke = 0.0743669161;  // as printed in Spacetrack Report #3
      c.j2 = 0.001082616;
      c.j3 = -0.00000253881;
      c.j4 = -0.00000165597;
      break;
    case Sgp4Gravity::Wgs72:
      c.mu_km3_s2 = 398600.8;
      c.radius_km = 6378.135;
      c.xke = 60.0 / std::sqrt(c.radius_km * c.radius_km * c.radius_km / c.mu_km3_s2);
      c.j2 = 0.001082616;
      c.j3 = -0.00000253881;
      c.j4 = -0.00000165597;
      break;
    case Sgp4Gravity::Wgs84:
      c.mu_km3_s2 = 398600.5;
      c.radius_km = 6378.137;
      c.xke = 60.0 / std::sqrt(c.radius_km * c.radius_km * c.radius_km / c.mu_km3_s2);
      c.j2 = 0.00108262998905;
      c.j3 = -0.00000253215306;
      c.j4 = -0.00000161098761;
      break;
  }
  c.tumin = 1.0 / c.xke;
  c.j3oj2 = c.j3 / c.j2;
  return c;
}

}  // namespace deorbit

// Physical and geodetic constants, SI units.
#pragma once

namespace deorbit::constants {

inline constexpr double pi = 3.141592653589793238462643383279502884;
inline constexpr double two_pi = 2.0 * pi;
inline constexpr double deg = pi / 180.0;                  //!< [rad] one degree
inline constexpr double arcsec = pi / (180.0 * 3600.0);    //!< [rad] one arcsecond
inline constexpr double seconds_per_day = 86400.0;         //!< [s]

//! [m^3/s^2] Earth's gravitational parameter, EGM96 / WGS84 (NIMA TR8350.2, 3rd ed., table 3.1).
inline constexpr double mu_earth = 3.986004418e14;
//! [m] WGS84 semi-major axis (NIMA TR8350.2).
inline constexpr double wgs84_a = 6378137.0;
//! [-] WGS84 flattening (NIMA TR8350.2).
inline constexpr double wgs84_f = 1.0 / 298.257223563;
//! [rad/s] nominal mean angular velocity of the Earth (IERS Conventions 2010, table 1.1).
inline constexpr double earth_rotation_rate = 7.292115e-5;

}  // namespace deorbit::constants

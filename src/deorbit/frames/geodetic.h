// Geodetic coordinates on the WGS84 ellipsoid (through GeographicLib, exact to round-off: Karney 2011).
#pragma once

#include "deorbit/base/vector.h"

namespace deorbit {

struct Geodetic {
  double latitude = 0;   //!< [rad] geodetic latitude, -pi/2..pi/2
  double longitude = 0;  //!< [rad] east longitude, -pi..pi
  double height = 0;     //!< [m] height above the WGS84 ellipsoid
};

//! Geodetic coordinates of an ITRF position [m].
[[nodiscard]] Geodetic to_geodetic(const Vec3& r_itrf);
//! [m] ITRF position of geodetic coordinates.
[[nodiscard]] Vec3 to_itrf(const Geodetic& g);

}  // namespace deorbit

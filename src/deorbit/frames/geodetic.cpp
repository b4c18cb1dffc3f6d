// Reference: Karney, "Geodesics on an ellipsoid of revolution" / GeographicLib Geocentric (WGS84, NIMA TR8350.2).
#include "deorbit/frames/geodetic.h"

#include <GeographicLib/Geocentric.hpp>

#include "deorbit/base/constants.h"

namespace deorbit {

Geodetic to_geodetic(const Vec3& r) {
  double lat = 0, lon = 0, h = 0;
  GeographicLib::Geocentric::WGS84().Reverse(r.x(), r.y(), r.z(), lat, lon, h);
  return {lat * constants::deg, lon * constants::deg, h};
}

Vec3 to_itrf(const Geodetic& g) {
  double x = 0, y = 0, z = 0;
  GeographicLib::Geocentric::WGS84().Forward(g.latitude / constants::deg, g.longitude / constants::deg, g.height, x, y,
                                             z);
  return {x, y, z};
}

}  // namespace deorbit

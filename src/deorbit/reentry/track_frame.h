// Track coordinates: positions on the ground measured along and across a ground track, for footprint extents and
// campaign statistics. The great circle through a reference point along an azimuth is the "equator" of a spherical
// frame; distances on the sphere of radius mean_earth_radius (footprint.h's file comment gives its accuracy).
// Reference: spherical trigonometry (e.g. Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., sec. 11.3).
#pragma once

#include <utility>

#include "deorbit/base/vector.h"

namespace deorbit {

inline constexpr double mean_earth_radius = 6371008.8;  //!< [m] IUGG mean radius R1 (Moritz 2000, GRS80)

//! The frame of track coordinates: a reference point and the direction of the ground track there.
struct TrackFrame {
  double latitude = 0;   //!< [rad] reference point (e.g. the nominal footprint's centroid)
  double longitude = 0;  //!< [rad]
  double azimuth = 0;    //!< [rad] ground-track direction at the reference, clockwise from north
};

//! A point in track coordinates.
struct TrackCoordinates {
  double along = 0;  //!< [m] arc along the track great circle from the reference to the foot of the point's
                     //!< perpendicular, positive downrange (in the azimuth direction), -pi R..pi R
  double cross = 0;  //!< [m] signed arc from the track great circle, positive to the LEFT of the track, so
                     //!< (along, cross) is a right-handed frame seen from above
};

//! Unit vector of (lat, lon) [rad] on the sphere (Earth-fixed axes).
[[nodiscard]] Vec3 unit_vector(double lat, double lon);

//! Track coordinates of (lat, lon) [rad].
[[nodiscard]] TrackCoordinates track_coordinates(double lat, double lon, const TrackFrame& frame);
//! The inverse: (lat, lon) [rad], longitude in -pi..pi, of a point in track coordinates.
[[nodiscard]] std::pair<double, double> from_track_coordinates(const TrackCoordinates& point, const TrackFrame& frame);

}  // namespace deorbit

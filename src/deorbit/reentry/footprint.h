// Footprint: where the fragments come down. Its extent is measured in a frame set by the ground track: the
// along-track axis is the great circle through the impacts' centroid (the normalised mean of their unit vectors)
// with the circular mean of their headings (Impact::heading, the ground-track azimuth at impact); along-track length
// is the spread of the impacts' arc positions along that great circle, cross-track width the spread of their signed
// great-circle distances from it. The outline is the convex hull of the impacts on the sphere (S2 Geometry's
// S2ConvexHullQuery). Distances on a sphere of radius 6,371,008.8 m (the IUGG mean Earth radius): within 0.3 % of
// WGS84 geodesics over the default target zone (tests/risk), at most about 0.6 % anywhere (the WGS84 radii of
// curvature run from 6,335 to 6,400 km).
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/track_frame.h"

namespace deorbit {

struct Footprint {
  std::vector<Impact> impacts;
  double along_track_length = 0;  //!< [m] extent along the ground-track direction (see the file comment)
  double cross_track_width = 0;   //!< [m] extent across it
  double track_azimuth = 0;       //!< [rad] the mean ground-track direction at the centroid, clockwise from north
  double centroid_latitude = 0;   //!< [rad] of the impacts' centroid on the sphere
  double centroid_longitude = 0;  //!< [rad]
  //! (lat, lon) [rad], closed ring (first vertex repeated last) around all impacts, counter-clockwise seen from
  //! above: the convex hull on the sphere. One or two distinct impacts give those points, closed.
  std::vector<std::pair<double, double>> outline;
};

//! The footprint of the impacts (none: an empty footprint with zero extents).
[[nodiscard]] Footprint make_footprint(std::span<const Impact> impacts);

//! Impacts of a list of descents, in order.
[[nodiscard]] std::vector<Impact> impacts_of(std::span<const FragmentDescent> descents);

}  // namespace deorbit

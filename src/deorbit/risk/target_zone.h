// TargetZone: the sea area a controlled re-entry aims its footprint at, a polygon on the sphere (S2 Geometry).
// Containment is exact on the sphere for the polygon's edges as modelled; distances to the edge are great-circle
// distances on a sphere of radius 6,371,008.8 m (mean_earth_radius): within 0.3 % of WGS84 geodesics (GeographicLib)
// in and around the default zone (tests/risk/target_zone_test.cpp), at most about 0.6 % anywhere.
//
// Edges: from_degrees joins the vertices by great circles. read_geojson and lat_lon_box follow GeoJSON (RFC 7946,
// sec. 3.1.1: edges are straight lines in longitude/latitude), so a box's north and south edges are parallels and
// its sides meridians: such edges are densified to vertices at most 0.1 deg apart, within about 1 m of the parallel.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "deorbit/reentry/footprint.h"

namespace deorbit {

//! Point Nemo, the oceanic pole of inaccessibility, 48 deg 52.6' S, 123 deg 23.6' W, as commonly cited (for
//! reference on maps and in reports; no zone is built on it).
inline constexpr double point_nemo_latitude_deg = -48.876667;
inline constexpr double point_nemo_longitude_deg = -123.393333;

class TargetZone {
 public:
  //! How the vertices of a polygon are joined.
  enum class Edges {
    GreatCircle,   //!< shortest paths on the sphere
    LonLatLinear,  //!< straight in (longitude, latitude), as GeoJSON: parallels stay parallels (densified)
  };

  //! A polygon from (latitude, longitude) vertices in degrees, 3 or more, in either winding (the smaller of the two
  //! regions the ring bounds is the zone), open or closed (a repeated first vertex is dropped). Throws InputError
  //! naming the zone for fewer than 3 distinct vertices, a latitude outside [-90, 90], non-finite values, or
  //! self-crossing edges.
  static TargetZone from_degrees(std::string name, std::vector<std::pair<double, double>> lat_lon_deg,
                                 Edges edges = Edges::GreatCircle);
  //! A latitude/longitude box (degrees; lon_min to lon_max eastward, may cross 180): parallels and meridians.
  static TargetZone lat_lon_box(std::string name, double lat_min_deg, double lat_max_deg, double lon_min_deg,
                                double lon_max_deg);
  //! The box China's Manned Space Engineering Office announced on 2019-07-13 for Tiangong-2's controlled re-entry:
  //! 30 S to 45 S, 160 W to 90 W (parallels and meridians). A published South Pacific disposal area, used as the
  //! default because the official SPOUA boundary is not published; it is NOT the SPOUA.
  static TargetZone south_pacific_default();
  //! The first Polygon (or the first polygon of a MultiPolygon) of a GeoJSON file: a geometry, a Feature or a
  //! FeatureCollection; the zone's name from the feature's "name" property, else the file name. Only the exterior
  //! ring is used. Errors name the file and the key.
  static TargetZone read_geojson(const std::filesystem::path& path);

  [[nodiscard]] bool contains(double lat, double lon) const;  //!< [rad] geodetic latitude, longitude
  //! [m] great-circle distance from (lat, lon) [rad] to the nearest point of the boundary: positive inside,
  //! negative outside.
  [[nodiscard]] double distance_to_edge(double lat, double lon) const;
  [[nodiscard]] const std::string& name() const;
  //! (lat, lon) [rad] of the boundary as modelled (after densification), counter-clockwise, not closed.
  [[nodiscard]] std::vector<std::pair<double, double>> vertices() const;
  //! [m^2] area on the sphere of radius mean_earth_radius.
  [[nodiscard]] double area() const;

  struct Impl;

 private:
  explicit TargetZone(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

//! How a footprint sits in a zone.
struct Containment {
  bool inside = false;    //!< every impact is inside the zone
  double min_margin = 0;  //!< [m] smallest distance_to_edge over the impacts (negative when one is outside)
  int worst_impact = -1;  //!< index in footprint.impacts of that impact (-1 without impacts)
};

//! Containment of the footprint's impacts in the zone (the outline's vertices are impacts, so for a convex zone the
//! whole outline is inside when every impact is).
[[nodiscard]] Containment assess(const TargetZone& zone, const Footprint& footprint);

}  // namespace deorbit

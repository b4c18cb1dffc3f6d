// LandMask: where the land is, from Natural Earth land polygons (1:110m in the embedded copy,
// data/natural_earth_land_110m.txt, converted from the npm package world-atlas by scripts/convert_land.mjs).
// Polygons are taken with GeoJSON edges (straight in longitude/latitude, densified to 0.5 deg) on the sphere (S2).
// Distances are great-circle distances on a sphere of radius 6,371,008.8 m. The 1:110m data omit small islands
// (Pitcairn, Easter Island, most of Polynesia): distances to land in the open Pacific are to the nearest land the
// data hold (see docs/validation-reentry.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace deorbit {

inline constexpr double antarctic_latitude_deg = -60.0;  //!< [deg] north edge of the Antarctic Treaty area

class LandMask {
 public:
  //! The embedded Natural Earth 1:110m land (built once per process, thread-safe).
  static const LandMask& embedded();
  //! Land from a GeoJSON file: Polygon and MultiPolygon geometries, bare, in Features or a FeatureCollection
  //! (RFC 7946 winding: exterior rings counter-clockwise). Errors name the file and the key.
  static LandMask read_geojson(const std::filesystem::path& path);
  //! Land from the compact text of the embedded file ("ring N" headers, "lon lat" rows). `source` names it.
  static LandMask parse_rings(std::string_view text, const std::string& source);

  [[nodiscard]] bool on_land(double lat, double lon) const;  //!< [rad]
  //! [m] great-circle distance from (lat, lon) [rad] to the nearest land, 0 on land.
  [[nodiscard]] double distance_to_land(double lat, double lon) const;
  //! [m] the same, to land outside Antarctica (NASA-STD-8719.14 4.7-1b's 370 km is from foreign land), 0 on it;
  //! infinity when the mask holds none.
  [[nodiscard]] double distance_to_land_outside_antarctica(double lat, double lon) const;
  //! [m] the same, to Antarctica: the polygons whose exterior ring lies wholly south of 60 S (the Antarctic Treaty
  //! area). Natural Earth draws Antarctica's coast along the ice-shelf fronts, so this is the distance to the ice.
  [[nodiscard]] double distance_to_antarctica(double lat, double lon) const;
  [[nodiscard]] int ring_count() const;  //!< number of rings (exteriors and holes)

  //! A ring of the mask as read (for drawing coastlines): vertices in degrees, open or closed as the source gives it.
  struct Ring {
    bool hole = false;                                //!< a hole in the polygon before it (a lake), else an exterior
    std::vector<std::pair<double, double>> lat_lon_deg;  //!< (latitude, longitude) [deg]
  };
  //! The ring_count() rings, in the order read.
  [[nodiscard]] const std::vector<Ring>& rings() const;

  struct Impl;

 private:
  explicit LandMask(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace deorbit

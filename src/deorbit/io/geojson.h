// GeoJSON (RFC 7946) features from geodetic points: [lon, lat] in degrees, counter-clockwise closed exterior rings,
// lines and polygons cut at the antimeridian (RFC 7946 section 3.1.9) so GIS tools draw them the short way round.
#pragma once

#include <filesystem>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "deorbit/frames/geodetic.h"

namespace deorbit::geojson {

using nlohmann::json;

//! Positions are written as [longitude, latitude] in degrees (longitude in -180..180), rounded to 1e-7 deg
//! (about 1 cm); heights are not written. Properties must be a JSON object (or null for none).
//! Every function throws InputError for a non-finite coordinate, a latitude beyond +-pi/2, too few points, or
//! properties that are not an object.

//! A Point feature.
[[nodiscard]] json point_feature(const Geodetic& point, const json& properties = json::object());

//! A LineString feature through the points in order (at least 2). Between two consecutive points the line takes
//! the shorter way in longitude; where that crosses the antimeridian the line is cut there (latitude interpolated
//! linearly in longitude, so keep points dense, e.g. a ground track every minute or less) and the feature becomes
//! a MultiLineString.
[[nodiscard]] json line_feature(const std::vector<Geodetic>& points, const json& properties = json::object());

//! A MultiLineString feature of several lines (each at least 2 points), each cut at the antimeridian as above.
[[nodiscard]] json multi_line_feature(const std::vector<std::vector<Geodetic>>& lines,
                                      const json& properties = json::object());

//! A Polygon feature bounded by the ring (at least 3 distinct points; open or closed; either winding). The output
//! ring is closed and counter-clockwise. Edges are straight in longitude and latitude, each the shorter way in
//! longitude. A polygon across the antimeridian is cut into a MultiPolygon of one piece on each side. A ring that
//! goes round a pole cannot be written this way and is an InputError.
[[nodiscard]] json polygon_feature(const std::vector<Geodetic>& ring, const json& properties = json::object());

//! Points of (latitude, longitude) [rad] pairs at height 0, a closing repeat of the first point dropped: rings such
//! as TargetZone::vertices() or a footprint outline, for polygon_feature.
[[nodiscard]] std::vector<Geodetic> ring_points(const std::vector<std::pair<double, double>>& lat_lon);

//! A FeatureCollection of the features in order.
[[nodiscard]] json feature_collection(const std::vector<json>& features);

//! Writes the document (two-space indent) to path, atomically. InputError when the file cannot be written.
void write_geojson(const json& document, const std::filesystem::path& path);

}  // namespace deorbit::geojson

// RFC 7946, "The GeoJSON Format" (IETF, 2016): positions, winding (3.1.6) and antimeridian cutting (3.1.9).
#include "deorbit/io/geojson.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include <fmt/format.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/error.h"

namespace deorbit::geojson {
namespace {

struct LonLat {
  double lon = 0;  // [deg]
  double lat = 0;  // [deg]
  bool operator==(const LonLat&) const = default;
};
using Ring = std::vector<LonLat>;

constexpr double deg = 180.0 / std::numbers::pi;

// Wraps a longitude difference or value into [-180, 180).
double wrap180(double lon) {
  double w = std::fmod(lon + 180.0, 360.0);
  if (w < 0) w += 360.0;
  return w - 180.0;
}

LonLat to_degrees(const Geodetic& g, const char* what, std::size_t index) {
  if (!std::isfinite(g.latitude) || !std::isfinite(g.longitude))
    throw InputError(fmt::format("GeoJSON {}: point {} is not finite (lat {}, lon {} rad)", what, index, g.latitude, g.longitude));
  if (std::abs(g.latitude) > std::numbers::pi / 2 + 1e-12)
    throw InputError(fmt::format("GeoJSON {}: point {}: latitude {} rad, expected -pi/2..pi/2", what, index, g.latitude));
  return {wrap180(g.longitude * deg), std::clamp(g.latitude * deg, -90.0, 90.0)};
}

double rounded(double v) { return std::round(v * 1e7) / 1e7; }
json position(const LonLat& p) { return json::array({rounded(p.lon), rounded(p.lat)}); }

json coordinates(const std::vector<LonLat>& points) {
  json a = json::array();
  for (const LonLat& p : points) a.push_back(position(p));
  return a;
}

json feature(json geometry, const json& properties, const char* what) {
  if (!properties.is_object() && !properties.is_null())
    throw InputError(fmt::format("GeoJSON {}: properties must be a JSON object, found {}", what, properties.type_name()));
  return {{"type", "Feature"}, {"geometry", std::move(geometry)}, {"properties", properties}};
}

void append(std::vector<LonLat>& line, const LonLat& p) {
  if (line.empty() || !(line.back() == p)) line.push_back(p);
}

// Cuts a line where a step (taken the shorter way in longitude) crosses +-180 deg.
std::vector<std::vector<LonLat>> cut_line(const std::vector<Geodetic>& points, const char* what) {
  if (points.size() < 2) throw InputError(fmt::format("GeoJSON {}: a line needs at least 2 points, found {}", what, points.size()));
  std::vector<std::vector<LonLat>> parts(1);
  LonLat a = to_degrees(points[0], what, 0);
  append(parts.back(), a);
  for (std::size_t i = 1; i < points.size(); ++i) {
    const LonLat b = to_degrees(points[i], what, i);
    const double b_unwrapped = a.lon + wrap180(b.lon - a.lon);
    if (b_unwrapped > 180.0 || b_unwrapped < -180.0) {
      const double edge = b_unwrapped > 180.0 ? 180.0 : -180.0;
      const double t = (edge - a.lon) / (b_unwrapped - a.lon);
      const double lat = a.lat + t * (b.lat - a.lat);
      append(parts.back(), {edge, lat});
      parts.emplace_back();
      append(parts.back(), {-edge, lat});
    }
    append(parts.back(), b);
    a = b;
  }
  std::erase_if(parts, [](const std::vector<LonLat>& p) { return p.size() < 2; });
  if (parts.empty()) throw InputError(fmt::format("GeoJSON {}: all points of the line coincide", what));
  return parts;
}

json line_geometry(const std::vector<std::vector<LonLat>>& parts) {
  if (parts.size() == 1) return {{"type", "LineString"}, {"coordinates", coordinates(parts[0])}};
  json lines = json::array();
  for (const auto& p : parts) lines.push_back(coordinates(p));
  return {{"type", "MultiLineString"}, {"coordinates", lines}};
}

// Twice the signed area in the (lon, lat) plane: positive when counter-clockwise.
double signed_area2(const Ring& r) {
  double s = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const LonLat& p = r[i];
    const LonLat& q = r[(i + 1) % r.size()];
    s += p.lon * q.lat - q.lon * p.lat;
  }
  return s;
}

// Sutherland-Hodgman against one vertical line: keeps lon >= x (keep_above) or lon <= x.
Ring clip(const Ring& r, double x, bool keep_above) {
  Ring out;
  auto inside = [&](const LonLat& p) { return keep_above ? p.lon >= x : p.lon <= x; };
  for (std::size_t i = 0; i < r.size(); ++i) {
    const LonLat& p = r[i];
    const LonLat& q = r[(i + 1) % r.size()];
    if (inside(p)) append(out, p);
    if (inside(p) != inside(q)) {
      const double t = (x - p.lon) / (q.lon - p.lon);
      append(out, {x, p.lat + t * (q.lat - p.lat)});
    }
  }
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}

}  // namespace

json point_feature(const Geodetic& point, const json& properties) {
  return feature({{"type", "Point"}, {"coordinates", position(to_degrees(point, "point", 0))}}, properties, "point");
}

json line_feature(const std::vector<Geodetic>& points, const json& properties) {
  return feature(line_geometry(cut_line(points, "line")), properties, "line");
}

json multi_line_feature(const std::vector<std::vector<Geodetic>>& lines, const json& properties) {
  if (lines.empty()) throw InputError("GeoJSON multi-line: no lines");
  json all = json::array();
  for (const auto& line : lines)
    for (const auto& part : cut_line(line, "multi-line")) all.push_back(coordinates(part));
  return feature({{"type", "MultiLineString"}, {"coordinates", all}}, properties, "multi-line");
}

json polygon_feature(const std::vector<Geodetic>& ring_in, const json& properties) {
  // Unwrap longitudes so each edge is the shorter way round; the ring then lies in one 360-degree span.
  Ring ring;
  for (std::size_t i = 0; i < ring_in.size(); ++i) {
    LonLat p = to_degrees(ring_in[i], "polygon", i);
    if (!ring.empty()) p.lon = ring.back().lon + wrap180(p.lon - ring.back().lon);
    append(ring, p);
  }
  const auto goes_round_a_pole = [](double unwrapped_start, double unwrapped_end) {
    return std::abs(unwrapped_end - unwrapped_start) > 180.0;  // 360 deg apart: the ring does not close in the plane
  };
  if (ring.size() > 1 && std::abs(ring.back().lat - ring.front().lat) < 1e-9 &&
      std::abs(wrap180(ring.back().lon - ring.front().lon + 1e-10)) < 1e-9) {
    if (goes_round_a_pole(ring.front().lon, ring.back().lon))
      throw InputError("GeoJSON polygon: the ring goes round a pole; split it into pieces that do not");
    ring.pop_back();  // closed on input: it is closed again on output
  }
  if (ring.size() < 3) throw InputError(fmt::format("GeoJSON polygon: a ring needs at least 3 distinct points, found {}", ring.size()));
  if (goes_round_a_pole(ring.front().lon, ring.back().lon + wrap180(ring.front().lon - ring.back().lon)))
    throw InputError("GeoJSON polygon: the ring goes round a pole; split it into pieces that do not");
  const double area = signed_area2(ring);
  if (area == 0) throw InputError("GeoJSON polygon: the ring encloses no area");
  if (area < 0) std::reverse(ring.begin(), ring.end());

  // One piece per 360-degree window the unwrapped ring touches, shifted back into -180..180.
  json pieces = json::array();
  for (int k = -1; k <= 1; ++k) {
    const double shift = 360.0 * k;
    Ring piece = clip(clip(ring, -180.0 + shift, true), 180.0 + shift, false);
    if (piece.size() < 3 || signed_area2(piece) <= 0) continue;
    for (LonLat& p : piece) p.lon -= shift;
    piece.push_back(piece.front());
    pieces.push_back(json::array({coordinates(piece)}));
  }
  json geometry = pieces.size() == 1 ? json{{"type", "Polygon"}, {"coordinates", pieces[0]}}
                                     : json{{"type", "MultiPolygon"}, {"coordinates", pieces}};
  return feature(std::move(geometry), properties, "polygon");
}

std::vector<Geodetic> ring_points(const std::vector<std::pair<double, double>>& lat_lon) {
  std::vector<Geodetic> out;
  for (const auto& [lat, lon] : lat_lon) out.push_back({lat, lon, 0.0});
  if (out.size() > 1 && out.front().latitude == out.back().latitude && out.front().longitude == out.back().longitude)
    out.pop_back();
  return out;
}

json feature_collection(const std::vector<json>& features) {
  return {{"type", "FeatureCollection"}, {"features", features}};
}

void write_geojson(const json& document, const std::filesystem::path& path) {
  write_file_atomically(path, [&](std::ostream& out) { out << document.dump(2) << '\n'; });
}

}  // namespace deorbit::geojson

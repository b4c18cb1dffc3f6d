// References: Natural Earth land polygons (public domain) via world-atlas; S2 Geometry (S2LaxPolygonShape,
// S2ContainsPointQuery, S2ClosestEdgeQuery).
#include "deorbit/risk/land.h"

#include <algorithm>
#include <functional>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <s2/mutable_s2shape_index.h>
#include <s2/s2closest_edge_query.h>
#include <s2/s2contains_point_query.h>
#include <s2/s2latlng.h>
#include <s2/s2lax_polygon_shape.h>

#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/risk/sphere_polygon.h"

namespace deorbit {

struct LandMask::Impl {
  MutableS2ShapeIndex index;       // all land
  MutableS2ShapeIndex elsewhere;   // land outside Antarctica
  MutableS2ShapeIndex antarctica;  // polygons wholly south of 60 S
  int rings = 0;
  std::vector<LandMask::Ring> outlines;  // the rings in degrees, for drawing
};

namespace {

using LonLatRing = std::vector<std::pair<double, double>>;  // (lon, lat) [deg]
using Polygon = std::vector<LonLatRing>;               // exterior first, then holes

std::shared_ptr<LandMask::Impl> build(const std::vector<Polygon>& polygons) {
  auto impl = std::make_shared<LandMask::Impl>();
  for (const Polygon& polygon : polygons) {
    std::vector<std::vector<S2Point>> loops;
    for (std::size_t k = 0; k < polygon.size(); ++k) {
      std::vector<S2Point> ring = sphere_polygon::to_points(polygon[k], 0.0);
      if (ring.size() < 3) continue;
      sphere_polygon::orient(ring, k > 0);
      loops.push_back(std::move(ring));
      ++impl->rings;
      LandMask::Ring& outline = impl->outlines.emplace_back();
      outline.hole = k > 0;
      for (const auto& [lon, lat] : polygon[k]) outline.lat_lon_deg.emplace_back(lat, lon);
    }
    if (loops.empty()) continue;
    bool antarctic = std::all_of(polygon[0].begin(), polygon[0].end(),
                                 [](const std::pair<double, double>& p) { return p.second < antarctic_latitude_deg; });
    impl->index.Add(std::make_unique<S2LaxPolygonShape>(loops));
    (antarctic ? impl->antarctica : impl->elsewhere).Add(std::make_unique<S2LaxPolygonShape>(loops));
  }
  impl->index.ForceBuild();
  impl->elsewhere.ForceBuild();
  impl->antarctica.ForceBuild();
  return impl;
}

S2Point point(double lat, double lon) { return S2LatLng::FromRadians(lat, lon).Normalized().ToPoint(); }

}  // namespace

LandMask LandMask::parse_rings(std::string_view text, const std::string& source) {
  std::map<long, Polygon> polygons;
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  LonLatRing* current = nullptr;
  long remaining = 0;
  auto fail = [&](const std::string& field, const std::string& expected) {
    throw InputError(ParseIssue{source, line_no, 0, field, expected, line});
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    if (line.rfind("ring", 0) == 0) {
      if (remaining != 0) fail("ring", fmt::format("{} more points before the next ring", remaining));
      std::string word;
      long p = -1, kind = -1;
      row >> word >> p >> kind >> remaining;
      if (!row || p < 0 || (kind != 0 && kind != 1) || remaining < 3)
        fail("ring", "'ring P K N' with polygon P >= 0, K 0 or 1, N >= 3 points");
      Polygon& polygon = polygons[p];
      if ((kind == 0) != polygon.empty()) fail("ring", "the exterior ring (K 0) first, then holes (K 1)");
      polygon.emplace_back();
      current = &polygon.back();
      continue;
    }
    double lon = 0, lat = 0;
    row >> lon >> lat;
    if (!row || !current || remaining <= 0) fail("point", "'lon lat' in degrees after a 'ring' header");
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) fail("point", "-180 <= lon <= 180, -90 <= lat <= 90");
    current->emplace_back(lon, lat);
    --remaining;
  }
  if (remaining != 0) fail("ring", fmt::format("{} more points at the end of the file", remaining));
  std::vector<Polygon> list;
  for (auto& [p, polygon] : polygons) list.push_back(std::move(polygon));
  if (list.empty()) fail("ring", "at least one ring");
  return LandMask(build(list));
}

const LandMask& LandMask::embedded() {
  static const LandMask mask = [] {
    auto text = embedded_data("natural_earth_land_110m.txt");
    if (!text) throw InputError("land mask: the embedded file natural_earth_land_110m.txt is missing");
    return parse_rings(*text, "natural_earth_land_110m.txt (embedded)");
  }();
  return mask;
}

LandMask LandMask::read_geojson(const std::filesystem::path& path) {
  const std::string file = path.string();
  auto fail = [&](const std::string& key, const std::string& what) { sphere_polygon::fail(file, key, what); };
  const nlohmann::json doc = sphere_polygon::read_json_file(path, "land polygon");
  std::vector<Polygon> polygons;
  auto read_ring = [&](const nlohmann::json& ring, const std::string& key) {
    LonLatRing out;
    if (!ring.is_array()) fail(key, "a ring: an array of [longitude, latitude] positions");
    for (const auto& p : ring) {
      if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
        fail(key, "positions [longitude, latitude] in degrees");
      out.emplace_back(p[0].get<double>(), p[1].get<double>());
    }
    return out;
  };
  auto read_polygon = [&](const nlohmann::json& rings, const std::string& key) {
    if (!rings.is_array()) fail(key, "a polygon: an array of rings");
    Polygon polygon;
    for (std::size_t k = 0; k < rings.size(); ++k)
      polygon.push_back(read_ring(rings[k], fmt::format("{}[{}]", key, k)));
    if (!polygon.empty()) polygons.push_back(std::move(polygon));
  };
  std::function<void(const nlohmann::json&, const std::string&)> read_object = [&](const nlohmann::json& obj,
                                                                                   const std::string& key) {
    if (!obj.is_object() || !obj.contains("type") || !obj["type"].is_string())
      fail(key + ".type", "a GeoJSON object with a \"type\"");
    const std::string type = obj["type"].get<std::string>();
    if (type == "FeatureCollection") {
      if (!obj.contains("features") || !obj["features"].is_array()) fail(key + ".features", "an array of features");
      for (std::size_t i = 0; i < obj["features"].size(); ++i)
        read_object(obj["features"][i], fmt::format("{}.features[{}]", key, i));
    } else if (type == "Feature") {
      if (!obj.contains("geometry")) fail(key + ".geometry", "a geometry object");
      if (!obj["geometry"].is_null()) read_object(obj["geometry"], key + ".geometry");
    } else if (type == "Polygon" || type == "MultiPolygon") {
      if (!obj.contains("coordinates") || !obj["coordinates"].is_array())
        fail(key + ".coordinates", "an array of coordinates");
      const auto& c = obj["coordinates"];
      if (type == "Polygon") {
        read_polygon(c, key + ".coordinates");
      } else {
        for (std::size_t i = 0; i < c.size(); ++i) read_polygon(c[i], fmt::format("{}.coordinates[{}]", key, i));
      }
    } else {
      fail(key + ".type", fmt::format("Polygon, MultiPolygon, Feature or FeatureCollection, found \"{}\"", type));
    }
  };
  read_object(doc, "$");
  if (polygons.empty()) fail("$", "at least one polygon");
  return LandMask(build(polygons));
}

bool LandMask::on_land(double lat, double lon) const {
  auto query = MakeS2ContainsPointQuery(&impl_->index);
  return query.Contains(point(lat, lon));
}

namespace {

double distance_to(const MutableS2ShapeIndex& index, double lat, double lon) {
  if (index.num_shape_ids() == 0) return std::numeric_limits<double>::infinity();
  S2ClosestEdgeQuery query(&index);
  query.mutable_options()->set_include_interiors(true);
  S2ClosestEdgeQuery::PointTarget target(point(lat, lon));
  return sphere_polygon::to_metres(query.GetDistance(&target).ToAngle().radians());
}

}  // namespace

double LandMask::distance_to_land(double lat, double lon) const { return distance_to(impl_->index, lat, lon); }

double LandMask::distance_to_land_outside_antarctica(double lat, double lon) const {
  return distance_to(impl_->elsewhere, lat, lon);
}

double LandMask::distance_to_antarctica(double lat, double lon) const {
  return distance_to(impl_->antarctica, lat, lon);
}

int LandMask::ring_count() const { return impl_->rings; }

const std::vector<LandMask::Ring>& LandMask::rings() const { return impl_->outlines; }

}  // namespace deorbit

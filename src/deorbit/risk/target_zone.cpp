// References: S2 Geometry (S2Polygon, S2ClosestEdgeQuery); RFC 7946 (GeoJSON); CMSEO notice of 2019-07-13 on
// Tiangong-2's re-entry area ("160 to 90 degrees West, 30 to 45 degrees South").
#include "deorbit/risk/target_zone.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <s2/s2closest_edge_query.h>
#include <s2/s2latlng.h>
#include <s2/s2loop.h>
#include <s2/s2polygon.h>

#include "deorbit/base/error.h"
#include "deorbit/risk/sphere_polygon.h"

namespace deorbit {

struct TargetZone::Impl {
  std::string name;
  std::unique_ptr<S2Polygon> polygon;
};

namespace {

constexpr double densify_step_deg = 0.1;  // about 1 m from a parallel at 30-45 deg latitude

std::shared_ptr<TargetZone::Impl> build(std::string name, const std::vector<std::pair<double, double>>& lon_lat_deg,
                                        TargetZone::Edges edges) {
  auto fail = [&](const std::string& what) { throw InputError(fmt::format("target zone '{}': {}", name, what)); };
  for (auto [lon, lat] : lon_lat_deg) {
    if (!std::isfinite(lon) || !std::isfinite(lat)) fail("a vertex is not a finite number");
    if (lat < -90 || lat > 90) fail(fmt::format("latitude {} deg is outside [-90, 90]", lat));
  }
  std::vector<S2Point> ring = sphere_polygon::to_points(
      lon_lat_deg, edges == TargetZone::Edges::LonLatLinear ? densify_step_deg : 0.0);
  if (ring.size() < 3) fail(fmt::format("needs at least 3 distinct vertices, found {}", ring.size()));
  sphere_polygon::orient(ring, false);
  auto loop = std::make_unique<S2Loop>(ring, S2Debug::DISABLE);
  S2Error error;
  if (loop->FindValidationError(&error)) fail(fmt::format("the boundary is not a simple ring: {}", error.text()));
  auto impl = std::make_shared<TargetZone::Impl>();
  impl->name = std::move(name);
  impl->polygon = std::make_unique<S2Polygon>(std::move(loop));
  impl->polygon->index().ForceBuild();
  return impl;
}

S2Point point(double lat, double lon) { return S2LatLng::FromRadians(lat, lon).Normalized().ToPoint(); }

}  // namespace

TargetZone TargetZone::from_degrees(std::string name, std::vector<std::pair<double, double>> lat_lon_deg,
                                    Edges edges) {
  std::vector<std::pair<double, double>> lon_lat;
  lon_lat.reserve(lat_lon_deg.size());
  for (auto [lat, lon] : lat_lon_deg) lon_lat.emplace_back(lon, lat);
  return TargetZone(build(std::move(name), lon_lat, edges));
}

TargetZone TargetZone::lat_lon_box(std::string name, double lat_min, double lat_max, double lon_min, double lon_max) {
  if (!(lat_min < lat_max))
    throw InputError(fmt::format("target zone '{}': the box needs lat_min < lat_max, found {} and {}", name, lat_min,
                                 lat_max));
  if (!std::isfinite(lon_min) || !std::isfinite(lon_max))
    throw InputError(fmt::format("target zone '{}': box longitudes must be finite", name));
  double span = std::fmod(lon_max - lon_min + 720.0, 360.0);
  if (!(span > 0) || span >= 180)
    throw InputError(fmt::format("target zone '{}': the box must span between 0 and 180 deg of longitude eastward "
                                 "from lon_min, found {} deg",
                                 name, span));
  // Corners with the east side unwrapped, so each edge steps less than 180 deg: the densifier then walks the
  // parallels the intended way.
  std::vector<std::pair<double, double>> ring{{lon_min, lat_min},
                                              {lon_min + span / 2, lat_min},
                                              {lon_min + span, lat_min},
                                              {lon_min + span, lat_max},
                                              {lon_min + span / 2, lat_max},
                                              {lon_min, lat_max}};
  return TargetZone(build(std::move(name), ring, Edges::LonLatLinear));
}

TargetZone TargetZone::south_pacific_default() {
  return lat_lon_box("South Pacific box of Tiangong-2's 2019 re-entry (CMSEO), 30-45 S, 160-90 W; not the SPOUA",
                     -45.0, -30.0, -160.0, -90.0);
}

TargetZone TargetZone::read_geojson(const std::filesystem::path& path) {
  const std::string file = path.string();
  auto fail = [&](const std::string& key, const std::string& what) { sphere_polygon::fail(file, key, what); };
  const nlohmann::json doc = sphere_polygon::read_json_file(path, "target zone");
  std::string name = path.stem().string();
  const nlohmann::json* geometry = &doc;
  if (doc.is_object() && doc.value("type", "") == "FeatureCollection") {
    if (!doc.contains("features") || !doc["features"].is_array() || doc["features"].empty())
      fail("features", "a non-empty array of features");
    geometry = &doc["features"][0];
  }
  if (geometry->is_object() && geometry->value("type", "") == "Feature") {
    const nlohmann::json& feature = *geometry;
    if (feature.contains("properties") && feature["properties"].is_object() &&
        feature["properties"].contains("name") && feature["properties"]["name"].is_string())
      name = feature["properties"]["name"].get<std::string>();
    if (!feature.contains("geometry") || !feature["geometry"].is_object())
      fail("geometry", "a Polygon or MultiPolygon geometry object");
    geometry = &feature["geometry"];
  }
  if (!geometry->is_object() || !geometry->contains("type") || !(*geometry)["type"].is_string())
    fail("type", "\"Polygon\", \"MultiPolygon\", \"Feature\" or \"FeatureCollection\"");
  const std::string type = (*geometry)["type"].get<std::string>();
  if (!geometry->contains("coordinates") || !(*geometry)["coordinates"].is_array())
    fail("coordinates", "an array of rings");
  const nlohmann::json* rings = &(*geometry)["coordinates"];
  if (type == "MultiPolygon") {
    if (rings->empty() || !(*rings)[0].is_array()) fail("coordinates", "a non-empty array of polygons");
    rings = &(*rings)[0];
  } else if (type != "Polygon") {
    fail("type", fmt::format("\"Polygon\" or \"MultiPolygon\", found \"{}\"", type));
  }
  if (rings->empty() || !(*rings)[0].is_array()) fail("coordinates", "a non-empty array of rings");
  std::vector<std::pair<double, double>> lon_lat;
  for (const auto& position : (*rings)[0]) {
    if (!position.is_array() || position.size() < 2 || !position[0].is_number() || !position[1].is_number())
      fail("coordinates", "positions [longitude, latitude] in degrees");
    lon_lat.emplace_back(position[0].get<double>(), position[1].get<double>());
  }
  try {
    return TargetZone(build(name, lon_lat, Edges::LonLatLinear));
  } catch (const InputError& e) {
    fail("coordinates", e.what());
  }
  return south_pacific_default();  // not reached
}

bool TargetZone::contains(double lat, double lon) const { return impl_->polygon->Contains(point(lat, lon)); }

double TargetZone::distance_to_edge(double lat, double lon) const {
  S2Point p = point(lat, lon);
  S2ClosestEdgeQuery query(&impl_->polygon->index());
  query.mutable_options()->set_include_interiors(false);
  S2ClosestEdgeQuery::PointTarget target(p);
  double d = sphere_polygon::to_metres(query.GetDistance(&target).ToAngle().radians());
  return impl_->polygon->Contains(p) ? d : -d;
}

const std::string& TargetZone::name() const { return impl_->name; }

std::vector<std::pair<double, double>> TargetZone::vertices() const {
  std::vector<std::pair<double, double>> out;
  const S2Loop* loop = impl_->polygon->loop(0);
  for (int i = 0; i < loop->num_vertices(); ++i) {
    S2LatLng ll(loop->vertex(i));
    out.emplace_back(ll.lat().radians(), ll.lng().radians());
  }
  return out;
}

double TargetZone::area() const {
  return impl_->polygon->GetArea() * mean_earth_radius * mean_earth_radius;
}

Containment assess(const TargetZone& zone, const Footprint& footprint) {
  Containment c;
  if (footprint.impacts.empty()) return c;
  c.inside = true;
  c.min_margin = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < footprint.impacts.size(); ++i) {
    const Impact& imp = footprint.impacts[i];
    double d = zone.distance_to_edge(imp.latitude, imp.longitude);
    if (d <= 0) c.inside = false;
    if (d < c.min_margin) {
      c.min_margin = d;
      c.worst_impact = static_cast<int>(i);
    }
  }
  return c;
}

}  // namespace deorbit

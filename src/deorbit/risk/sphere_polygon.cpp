// Reference: RFC 7946 sec. 3.1.1 (GeoJSON edges straight in longitude/latitude); S2 Geometry (loops, signed area).
#include "deorbit/risk/sphere_polygon.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <s2/s2latlng.h>
#include <s2/s2loop_measures.h>
#include <s2/s2point_span.h>

#include "deorbit/base/error.h"
#include "deorbit/reentry/footprint.h"

namespace deorbit::sphere_polygon {

void fail(const std::string& file, const std::string& key, const std::string& expected) {
  throw InputError(ParseIssue{file, 0, 0, key, expected, ""});
}

nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the {} file", path.string(), what));
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::parse_error& e) {
    fail(path.string(), "(document)", fmt::format("valid JSON ({})", e.what()));
  }
}

std::vector<S2Point> to_points(const std::vector<std::pair<double, double>>& ll, double max_step_deg) {
  std::vector<S2Point> out;
  auto push = [&](double lon, double lat) {
    S2Point p = S2LatLng::FromDegrees(lat, lon).Normalized().ToPoint();
    if (out.empty() || out.back() != p) out.push_back(p);
  };
  // Each edge, the closing one back to the first vertex included (the ring may be given open), densified.
  const std::size_t n = ll.size();
  for (std::size_t i = 0; i < n; ++i) {
    auto [lon0, lat0] = ll[i];
    push(lon0, lat0);
    if (max_step_deg <= 0 || n < 2) continue;
    auto [lon1, lat1] = ll[(i + 1) % n];
    double dlon = lon1 - lon0;
    if (dlon > 180) dlon -= 360;
    if (dlon < -180) dlon += 360;
    const double dlat = lat1 - lat0;
    const int steps = static_cast<int>(std::ceil(std::max(std::abs(dlon), std::abs(dlat)) / max_step_deg));
    for (int k = 1; k < steps; ++k) {
      double f = static_cast<double>(k) / steps;
      push(lon0 + f * dlon, lat0 + f * dlat);
    }
  }
  while (out.size() > 1 && out.back() == out.front()) out.pop_back();
  return out;
}

void orient(std::vector<S2Point>& ring, bool hole) {
  if (ring.size() < 3) return;
  const double area = S2::GetSignedArea(S2PointLoopSpan(ring));
  if ((area < 0) != hole) std::reverse(ring.begin(), ring.end());
}

double to_metres(double angle_rad) { return angle_rad * mean_earth_radius; }

}  // namespace deorbit::sphere_polygon

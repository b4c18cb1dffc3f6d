// Reference: S2 Geometry library (convex hull on the sphere, Google); spherical trigonometry for the track frame.
#include "deorbit/reentry/footprint.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <s2/s2convex_hull_query.h>
#include <s2/s2latlng.h>
#include <s2/s2loop.h>

#include "deorbit/base/vector.h"

namespace deorbit {

std::vector<Impact> impacts_of(std::span<const FragmentDescent> descents) {
  std::vector<Impact> out;
  out.reserve(descents.size());
  for (const auto& d : descents) out.push_back(d.impact);
  return out;
}

Footprint make_footprint(std::span<const Impact> impacts) {
  Footprint fp;
  fp.impacts.assign(impacts.begin(), impacts.end());
  if (impacts.empty()) return fp;

  Vec3 sum = Vec3::Zero();
  double hs = 0, hc = 0;
  for (const Impact& i : impacts) {
    sum += unit_vector(i.latitude, i.longitude);
    hs += std::sin(i.heading);
    hc += std::cos(i.heading);
  }
  Vec3 c = sum.norm() > 0 ? Vec3(sum.normalized()) : unit_vector(impacts[0].latitude, impacts[0].longitude);
  fp.centroid_latitude = std::asin(std::clamp(c.z(), -1.0, 1.0));
  fp.centroid_longitude = std::atan2(c.y(), c.x());
  fp.track_azimuth = std::atan2(hs, hc);
  if (fp.track_azimuth < 0) fp.track_azimuth += 2.0 * 3.14159265358979323846;
  if (fp.track_azimuth >= 2.0 * 3.14159265358979323846) fp.track_azimuth = 0.0;  // -0 rounded up to 2 pi

  const TrackFrame frame{fp.centroid_latitude, fp.centroid_longitude, fp.track_azimuth};
  double a_min = std::numeric_limits<double>::infinity(), a_max = -a_min, x_min = a_min, x_max = -a_min;
  std::size_t first = 0, last = 0;  // impacts farthest back and farthest ahead along the track
  for (std::size_t k = 0; k < impacts.size(); ++k) {
    const TrackCoordinates t = track_coordinates(impacts[k].latitude, impacts[k].longitude, frame);
    if (t.along < a_min) first = k;
    if (t.along > a_max) last = k;
    a_min = std::min(a_min, t.along);
    a_max = std::max(a_max, t.along);
    x_min = std::min(x_min, t.cross);
    x_max = std::max(x_max, t.cross);
  }
  fp.along_track_length = a_max - a_min;
  fp.cross_track_width = x_max - x_min;

  S2ConvexHullQuery hull_query;
  std::vector<S2Point> distinct;
  for (const Impact& i : impacts) {
    S2Point p = S2LatLng::FromRadians(i.latitude, i.longitude).Normalized().ToPoint();
    hull_query.AddPoint(p);
    if (std::find(distinct.begin(), distinct.end(), p) == distinct.end()) distinct.push_back(p);
  }
  std::vector<S2Point> ring;
  if (distinct.size() <= 2) {
    ring = distinct;
  } else {
    std::unique_ptr<S2Loop> hull = hull_query.GetConvexHull();
    if (hull->is_empty() || hull->is_full() || hull->num_vertices() < 3 || hull->GetArea() < 1e-18) {
      // Impacts on one great circle: the hull degenerates to the segment between the extreme impacts.
      for (std::size_t k : {first, last})
        ring.push_back(S2LatLng::FromRadians(impacts[k].latitude, impacts[k].longitude).Normalized().ToPoint());
    } else {
      for (int k = 0; k < hull->num_vertices(); ++k) ring.push_back(hull->vertex(k));
    }
  }
  for (const S2Point& p : ring) {
    S2LatLng ll(p);
    fp.outline.emplace_back(ll.lat().radians(), ll.lng().radians());
  }
  fp.outline.push_back(fp.outline.front());
  return fp;
}

}  // namespace deorbit

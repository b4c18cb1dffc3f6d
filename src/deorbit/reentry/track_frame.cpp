#include "deorbit/reentry/track_frame.h"

#include <algorithm>
#include <cmath>

namespace deorbit {
namespace {

struct TrackAxes {
  Vec3 centre, along, pole;
};

TrackAxes axes(const TrackFrame& f) {
  const Vec3 c = unit_vector(f.latitude, f.longitude);
  // East and north at the reference; this east is defined at the poles too (the meridian of f.longitude).
  const Vec3 east(-std::sin(f.longitude), std::cos(f.longitude), 0.0);
  const Vec3 north = c.cross(east);
  const Vec3 a = std::cos(f.azimuth) * north + std::sin(f.azimuth) * east;
  return {c, a, c.cross(a)};  // c x a: the pole on the left of the track
}

}  // namespace

Vec3 unit_vector(double lat, double lon) {
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

TrackCoordinates track_coordinates(double lat, double lon, const TrackFrame& frame) {
  const TrackAxes ax = axes(frame);
  const Vec3 p = unit_vector(lat, lon);
  return {mean_earth_radius * std::atan2(p.dot(ax.along), p.dot(ax.centre)),
          mean_earth_radius * std::asin(std::clamp(p.dot(ax.pole), -1.0, 1.0))};
}

std::pair<double, double> from_track_coordinates(const TrackCoordinates& point, const TrackFrame& frame) {
  const TrackAxes ax = axes(frame);
  const double a = point.along / mean_earth_radius, x = point.cross / mean_earth_radius;
  const Vec3 p = std::cos(x) * (std::cos(a) * ax.centre + std::sin(a) * ax.along) + std::sin(x) * ax.pole;
  return {std::atan2(p.z(), std::hypot(p.x(), p.y())), std::atan2(p.y(), p.x())};
}

}  // namespace deorbit

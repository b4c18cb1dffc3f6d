// Helpers shared by the target zone and the land mask: rings of (lon, lat) degrees to S2 loops on the sphere.
// Internal to risk/ (S2 types stay out of the public headers).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <s2/s2point.h>

namespace deorbit::sphere_polygon {

//! Unit vectors of (lon, lat) [deg] vertices, with consecutive duplicates and a closing repeat of the first point
//! removed. With max_step_deg > 0 every edge is densified straight in (lon, lat) (GeoJSON edges), stepping at most
//! max_step_deg; a longitude step beyond 180 deg is taken as the short way across the antimeridian.
[[nodiscard]] std::vector<S2Point> to_points(const std::vector<std::pair<double, double>>& lon_lat_deg,
                                             double max_step_deg);

//! Orients a ring so that its interior (the smaller of the two regions it bounds, for an exterior ring; the larger,
//! for a hole) lies on its left, as S2 wants.
void orient(std::vector<S2Point>& ring, bool hole);

//! Throws InputError naming `file`, the GeoJSON `key` and what was expected there.
[[noreturn]] void fail(const std::string& file, const std::string& key, const std::string& expected);

//! The parsed JSON document of a GeoJSON file; `what` names the file's role in the open error ("target zone").
[[nodiscard]] nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& what);

//! [rad] S1ChordAngle-free conversion helper: angle to metres on the mean sphere.
[[nodiscard]] double to_metres(double angle_rad);

}  // namespace deorbit::sphere_polygon

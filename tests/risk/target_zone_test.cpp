#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/risk/target_zone.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

using constants::deg;
const double R = mean_earth_radius;

TEST(TargetZone, DefaultBoxEdgesAreParallelsAndMeridians) {
  TargetZone z = TargetZone::south_pacific_default();
  EXPECT_NE(z.name().find("not the SPOUA"), std::string::npos);
  // Just inside the 30 S parallel in the middle of the box (125 W): a great circle from 160 W to 90 W at 30 S
  // bulges to 35.18 S there (tan 30 deg / cos 35 deg = tan 35.18 deg) and would leave this point outside.
  EXPECT_TRUE(z.contains(-30.001 * deg, -125 * deg));
  EXPECT_FALSE(z.contains(-29.999 * deg, -125 * deg));
  EXPECT_NEAR(z.distance_to_edge(-30.001 * deg, -125 * deg), 0.001 * deg * R, 1e-3);
  EXPECT_NEAR(z.distance_to_edge(-29.999 * deg, -125 * deg), -0.001 * deg * R, 1e-3);
  // Between two vertices of the densified parallels (every 0.1 deg) the edge is a great-circle chord: it sags
  // poleward of the parallel by R dlon^2 sin(lat) cos(lat) / 8, 1.050 m at 30 S and 1.213 m at 45 S. A point on the
  // 30 S parallel there is just outside, one on the 45 S parallel just inside.
  const double step = 0.1 * deg;
  for (double lon : {-159.95, -125.05, -90.05}) {
    EXPECT_NEAR(z.distance_to_edge(-30 * deg, lon * deg),
                -R * step * step * std::sin(30 * deg) * std::cos(30 * deg) / 8, 1e-3) << lon;
    EXPECT_NEAR(z.distance_to_edge(-45 * deg, lon * deg),
                R * step * step * std::sin(45 * deg) * std::cos(45 * deg) / 8, 1e-3) << lon;
  }
  // Just inside the 45 S parallel and the meridians.
  EXPECT_TRUE(z.contains(-44.999 * deg, -125 * deg));
  EXPECT_FALSE(z.contains(-45.001 * deg, -125 * deg));
  EXPECT_TRUE(z.contains(-37 * deg, -159.999 * deg));
  EXPECT_FALSE(z.contains(-37 * deg, -160.001 * deg));
  EXPECT_TRUE(z.contains(-37 * deg, -90.001 * deg));
  EXPECT_FALSE(z.contains(-37 * deg, -89.999 * deg));
  // Centre of the box: 7.5 deg of latitude to the nearer parallels (the meridians are farther: 35 deg of longitude).
  EXPECT_NEAR(z.distance_to_edge(-37.5 * deg, -125 * deg), 7.5 * deg * R, 0.2);  // measured 0.08 m short
  // Point Nemo lies south of the box: 3.88 deg of latitude beyond 45 S, 431.066 km (measured 0.36 m less: the edge
  // there is a chord that sags towards it).
  double nemo = z.distance_to_edge(point_nemo_latitude_deg * deg, point_nemo_longitude_deg * deg);
  EXPECT_LT(nemo, 0.0);
  EXPECT_NEAR(nemo, -(48.876667 - 45.0) * deg * R, 1.0);
  // The same corners joined by great circles: the northern edge sags to 35.18 S at 125 W.
  TargetZone gc = TargetZone::from_degrees("great-circle box", {{-45, -160}, {-45, -90}, {-30, -90}, {-30, -160}});
  EXPECT_FALSE(gc.contains(-30.001 * deg, -125 * deg));
  EXPECT_FALSE(gc.contains(-35.17 * deg, -125 * deg));
  EXPECT_TRUE(gc.contains(-35.19 * deg, -125 * deg));
  // Area of a latitude band piece: R^2 dlon (sin 45 - sin 30). The chords of the densified parallels take 2.6e-8 of it.
  EXPECT_NEAR(z.area(), R * R * 70 * deg * (std::sin(45 * deg) - std::sin(30 * deg)), 6e-8 * z.area());
}

// Against the shared copy of the CMSEO box: the same box read from GeoJSON contains the same points and gives the same
// distances (measured 7e-10 m apart: rounding).
TEST(TargetZone, MatchesTheSharedTiangong2GeoJson) {
  auto path = testing::test_data("spoua/cmseo_tiangong2_debris_area.geojson");
  TargetZone file = TargetZone::read_geojson(path);
  TargetZone builtin = TargetZone::south_pacific_default();
  EXPECT_NE(file.name().find("Tiangong-2"), std::string::npos);
  for (double lat = -50; lat <= -25; lat += 0.5)
    for (double lon = -165; lon <= -85; lon += 1.0) {
      EXPECT_EQ(file.contains(lat * deg, lon * deg), builtin.contains(lat * deg, lon * deg)) << lat << " " << lon;
      EXPECT_NEAR(file.distance_to_edge(lat * deg, lon * deg), builtin.distance_to_edge(lat * deg, lon * deg), 1e-6);
    }
  // And its bounds are the ones the notice gives.
  nlohmann::json j = nlohmann::json::parse(std::ifstream(path));
  auto p = j["features"][0]["properties"];
  EXPECT_EQ(p["lat_min"].get<double>(), -45);
  EXPECT_EQ(p["lat_max"].get<double>(), -30);
  EXPECT_EQ(p["lon_min"].get<double>(), -160);
  EXPECT_EQ(p["lon_max"].get<double>(), -90);
}

TEST(TargetZone, GreatCirclePolygonEitherWindingAndDistances) {
  // A triangle in both windings gives the same (small) zone.
  std::vector<std::pair<double, double>> ccw{{0, 0}, {0, 10}, {10, 5}};
  std::vector<std::pair<double, double>> cw{{10, 5}, {0, 10}, {0, 0}, {10, 5}};
  TargetZone a = TargetZone::from_degrees("a", ccw), b = TargetZone::from_degrees("b", cw);
  EXPECT_TRUE(a.contains(3 * deg, 5 * deg));
  EXPECT_TRUE(b.contains(3 * deg, 5 * deg));
  EXPECT_FALSE(a.contains(-1 * deg, 5 * deg));
  EXPECT_NEAR(a.area(), b.area(), 1e-6 * a.area());
  EXPECT_EQ(a.vertices().size(), 3u);
  // The equator edge is a great circle: the distance from (1 N, 5 E) to it is exactly 1 deg of arc.
  EXPECT_NEAR(a.distance_to_edge(1 * deg, 5 * deg), 1 * deg * R, 1e-3);
  EXPECT_NEAR(a.distance_to_edge(-2 * deg, 5 * deg), -2 * deg * R, 1e-3);
}

// Distances are on the mean sphere: against WGS84 geodesics (GeographicLib) to the nearest point of the 30 S and 45 S
// parallels and of the 160 W meridian, the sphere is within 0.5 %.
TEST(TargetZone, SphereDistancesAgainstWgs84Geodesics) {
  TargetZone z = TargetZone::south_pacific_default();
  const GeographicLib::Geodesic& wgs84 = GeographicLib::Geodesic::WGS84();
  struct Case {
    double lat, lon, edge_lat, edge_lon;
  };
  for (const Case& c : {Case{-37.5, -125, -30, -125}, Case{-42, -125, -45, -125}, Case{-32, -110, -30, -110},
                        Case{-38, -158, -38.0, -160}}) {
    double s12 = 0;
    wgs84.Inverse(c.lat, c.lon, c.edge_lat, c.edge_lon, s12);
    double sphere = z.distance_to_edge(c.lat * deg, c.lon * deg);
    double ratio = sphere / s12;
    std::printf("(%g, %g): sphere %.3f km, WGS84 geodesic to (%g, %g) %.3f km, ratio %.5f\n", c.lat, c.lon,
                sphere / 1e3, c.edge_lat, c.edge_lon, s12 / 1e3, ratio);
    EXPECT_NEAR(ratio, 1.0, 5e-3);
  }
}

TEST(TargetZone, FootprintContainment) {
  TargetZone z = TargetZone::south_pacific_default();
  Footprint fp;
  auto impact = [](double lat, double lon) {
    Impact i;
    i.latitude = lat * deg;
    i.longitude = lon * deg;
    return i;
  };
  fp.impacts = {impact(-37, -130), impact(-38, -125), impact(-44, -120)};
  Containment c = assess(z, fp);
  EXPECT_TRUE(c.inside);
  EXPECT_EQ(c.worst_impact, 2);
  EXPECT_NEAR(c.min_margin, 1 * deg * R, 2e3);
  fp.impacts.push_back(impact(-46, -120));
  c = assess(z, fp);
  EXPECT_FALSE(c.inside);
  EXPECT_EQ(c.worst_impact, 3);
  EXPECT_NEAR(c.min_margin, -1 * deg * R, 2e3);
  EXPECT_EQ(assess(z, Footprint{}).worst_impact, -1);
}

TEST(TargetZone, BadInputNamesFileAndKey) {
  EXPECT_THROW((void)TargetZone::from_degrees("two", {{0, 0}, {1, 1}}), InputError);
  EXPECT_THROW((void)TargetZone::from_degrees("lat", {{0, 0}, {95, 1}, {1, 2}}), InputError);
  EXPECT_THROW((void)TargetZone::from_degrees("bowtie", {{0, 0}, {1, 1}, {0, 1}, {1, 0}}), InputError);
  EXPECT_THROW((void)TargetZone::lat_lon_box("flat", -30, -30, 0, 10), InputError);
  auto write = [](const std::string& text) {
    return std::filesystem::path(testing::write_temp_file("zone.geojson", text));
  };
  auto message = [](const std::filesystem::path& p) {
    try {
      (void)TargetZone::read_geojson(p);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto p1 = write(R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}})");
  EXPECT_NE(message(p1).find("type"), std::string::npos) << message(p1);
  EXPECT_NE(message(p1).find(p1.string()), std::string::npos) << message(p1);
  auto p2 = write(R"({"type":"Polygon","coordinates":[[[0,0],[1,"x"],[1,1]]]})");
  EXPECT_NE(message(p2).find("coordinates"), std::string::npos) << message(p2);
  auto p3 = write(R"({"type":"Polygon",)");
  EXPECT_NE(message(p3).find("JSON"), std::string::npos) << message(p3);
  EXPECT_NE(message("/nonexistent/zone.geojson").find("/nonexistent/zone.geojson"), std::string::npos);
}

}  // namespace
}  // namespace deorbit

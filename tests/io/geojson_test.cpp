#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <unistd.h>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/io/geojson.h"
#include "support/expect_error.h"

namespace deorbit::geojson {
namespace {

constexpr double rad = std::numbers::pi / 180.0;
Geodetic at(double lat_deg, double lon_deg) { return {lat_deg * rad, lon_deg * rad, 0.0}; }

// Twice the signed area of a closed [lon, lat] ring: positive when counter-clockwise.
double area2(const json& ring) {
  double s = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    s += ring[i][0].get<double>() * ring[i + 1][1].get<double>() - ring[i + 1][0].get<double>() * ring[i][1].get<double>();
  return s;
}

TEST(GeoJson, PointIsLonLatInDegrees) {
  const json f = point_feature(at(-48.877, -123.393), {{"name", "Point Nemo"}});
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["geometry"]["type"], "Point");
  EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][0].get<double>(), -123.393);
  EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][1].get<double>(), -48.877);
  EXPECT_EQ(f["properties"]["name"], "Point Nemo");
  // Longitudes come out in -180..180 whatever the input turn.
  EXPECT_DOUBLE_EQ(point_feature(at(10, 350))["geometry"]["coordinates"][0].get<double>(), -10.0);
}

TEST(GeoJson, LineAwayFromTheAntimeridianStaysOneLineString) {
  const json f = line_feature({at(0, 10), at(5, 20), at(10, 30)});
  EXPECT_EQ(f["geometry"]["type"], "LineString");
  EXPECT_EQ(f["geometry"]["coordinates"].size(), 3u);
  EXPECT_EQ(f["geometry"]["coordinates"][2], json::array({30.0, 10.0}));
}

TEST(GeoJson, LineIsCutAtTheAntimeridian) {
  // Eastward from 170 E to 170 W: crosses 180 halfway, at latitude 5 (linear in longitude).
  const json f = line_feature({at(0, 170), at(10, -170), at(12, -160)});
  ASSERT_EQ(f["geometry"]["type"], "MultiLineString");
  const json& parts = f["geometry"]["coordinates"];
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], json::parse("[[170.0, 0.0], [180.0, 5.0]]"));
  EXPECT_EQ(parts[1], json::parse("[[-180.0, 5.0], [-170.0, 10.0], [-160.0, 12.0]]"));
  // Westward: the cut is at -180 first, then +180.
  const json w = line_feature({at(0, -175), at(10, 175)});
  EXPECT_EQ(w["geometry"]["coordinates"], json::parse("[[[-175.0, 0.0], [-180.0, 5.0]], [[180.0, 5.0], [175.0, 10.0]]]"));
  // Several lines: each is cut, all parts in one MultiLineString.
  const json m = multi_line_feature({{at(0, 170), at(10, -170)}, {at(0, 0), at(1, 1)}});
  EXPECT_EQ(m["geometry"]["coordinates"].size(), 3u);
}

TEST(GeoJson, PolygonIsClosedAndCounterClockwise) {
  // The Tiangong-2 box (30 S to 45 S, 160 W to 90 W), given clockwise and open.
  const json f = polygon_feature({at(-30, -160), at(-30, -90), at(-45, -90), at(-45, -160)}, {{"zone", "target"}});
  ASSERT_EQ(f["geometry"]["type"], "Polygon");
  const json& ring = f["geometry"]["coordinates"][0];
  ASSERT_EQ(ring.size(), 5u);
  EXPECT_EQ(ring.front(), ring.back());
  EXPECT_GT(area2(ring), 0);
  EXPECT_NEAR(area2(ring) / 2, 70.0 * 15.0, 1e-9);
  // Given counter-clockwise and closed: the same ring, not reversed twice.
  const json g = polygon_feature({at(-45, -160), at(-45, -90), at(-30, -90), at(-30, -160), at(-45, -160)});
  EXPECT_EQ(g["geometry"]["coordinates"][0].size(), 5u);
  EXPECT_GT(area2(g["geometry"]["coordinates"][0]), 0);
}

TEST(GeoJson, PolygonAcrossTheAntimeridianIsCutIntoTwo) {
  const json f = polygon_feature({at(-10, 170), at(-10, -170), at(10, -170), at(10, 170)});
  ASSERT_EQ(f["geometry"]["type"], "MultiPolygon");
  const json& polys = f["geometry"]["coordinates"];
  ASSERT_EQ(polys.size(), 2u);
  double total = 0;
  for (const json& poly : polys) {
    const json& ring = poly[0];
    EXPECT_EQ(ring.front(), ring.back());
    EXPECT_GT(area2(ring), 0);
    total += area2(ring) / 2;
    double lo = 180, hi = -180;
    for (const json& p : ring) {
      lo = std::min(lo, p[0].get<double>());
      hi = std::max(hi, p[0].get<double>());
    }
    // One piece on each side, each touching the antimeridian.
    EXPECT_TRUE((lo == 170.0 && hi == 180.0) || (lo == -180.0 && hi == -170.0)) << ring;
  }
  EXPECT_NEAR(total, 20.0 * 20.0, 1e-9);
}

using testing::expect_error;

TEST(GeoJson, BadInputsAreInputErrors) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  expect_error([&] { (void)point_feature({nan, 0, 0}); }, "not finite");
  expect_error([] { (void)point_feature(at(91, 0)); }, "expected -pi/2..pi/2");
  expect_error([] { (void)line_feature({at(0, 0)}); }, "at least 2 points");
  expect_error([] { (void)polygon_feature({at(0, 0), at(1, 1), at(0, 0)}); }, "at least 3 distinct points");
  expect_error([] { (void)polygon_feature({at(0, 0), at(1, 1), at(2, 2)}); }, "encloses no area");
  expect_error([] { (void)polygon_feature({at(80, 0), at(80, 120), at(80, -120)}); }, "goes round a pole");
  expect_error([] { (void)point_feature(at(0, 0), json::array({1})); }, "must be a JSON object");
  expect_error([] { (void)multi_line_feature({}); }, "no lines");
}

TEST(GeoJson, WrittenFileParsesBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("deorbit_geojson_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const json doc = feature_collection({point_feature(at(1, 2)), line_feature({at(0, 170), at(10, -170)}),
                                       polygon_feature({at(-10, 170), at(-10, -170), at(10, -170), at(10, 170)})});
  write_geojson(doc, dir / "out.geojson");
  std::ifstream in(dir / "out.geojson");
  const json back = json::parse(in);
  EXPECT_EQ(back, doc);
  EXPECT_EQ(back["type"], "FeatureCollection");
  EXPECT_EQ(back["features"].size(), 3u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace deorbit::geojson

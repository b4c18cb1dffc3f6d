#include <cmath>
#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/risk/land.h"
#include "deorbit/risk/target_zone.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

using constants::deg;

TEST(LandMask, EmbeddedKnownPlaces) {
  const LandMask& land = LandMask::embedded();
  EXPECT_EQ(land.ring_count(), 126);
  struct Place {
    const char* name;
    double lat, lon;
    bool land;
  };
  for (const Place& p : {Place{"Paris", 48.86, 2.35, true}, Place{"Sydney inland", -33.8, 150.9, true},
                         Place{"Denver", 39.74, -104.99, true}, Place{"Antarctic interior", -80.0, 30.0, true},
                         Place{"South Pole region", -85.0, 0.0, true}, Place{"Point Nemo", -48.877, -123.393, false},
                         Place{"North Atlantic", 40.0, -40.0, false}, Place{"Mid Pacific", 0.0, -150.0, false},
                         Place{"Caspian Sea", 42.0, 50.5, false}}) {
    EXPECT_EQ(land.on_land(p.lat * deg, p.lon * deg), p.land) << p.name;
    if (p.land) {
      EXPECT_EQ(land.distance_to_land(p.lat * deg, p.lon * deg), 0.0) << p.name;
    }
  }
}

// Distances in the South Pacific with the 1:110m data (no Pitcairn, no Easter Island): Point Nemo's nearest land in
// these data lies in Antarctica, farther than the real 2,700 km to Ducie Island, Motu Nui and Maher Island.
TEST(LandMask, SouthPacificDistances) {
  const LandMask& land = LandMask::embedded();
  double nemo = land.distance_to_land(point_nemo_latitude_deg * deg, point_nemo_longitude_deg * deg);
  EXPECT_NEAR(nemo, 2714e3, 1e3);  // docs/validation-reentry.md: 2,714 km
  RecordProperty("point_nemo_km", std::to_string(nemo / 1e3));
  // 100 km off a coast is about 100 km from land: west of Valparaiso (Chile) along the parallel.
  const double offset_deg = 100e3 / (mean_earth_radius * std::cos(33.05 * deg)) / deg;
  double chile = land.distance_to_land(-33.05 * deg, (-71.62 - offset_deg) * deg);
  EXPECT_GT(chile, 60e3);
  EXPECT_LT(chile, 110e3);
}

// Antarctica apart: Point Nemo's nearest land in these data is Antarctica (2,714 km, above), the nearest land
// elsewhere farther; on the continent the distance to it is 0 and to other land thousands of kilometres.
TEST(LandMask, AntarcticaApartFromOtherLand) {
  const LandMask& land = LandMask::embedded();
  const double lat = point_nemo_latitude_deg * deg, lon = point_nemo_longitude_deg * deg;
  double all = land.distance_to_land(lat, lon), ant = land.distance_to_antarctica(lat, lon),
         other = land.distance_to_land_outside_antarctica(lat, lon);
  std::printf("Point Nemo: land %.1f km, Antarctica %.1f km, elsewhere %.1f km\n", all / 1e3, ant / 1e3, other / 1e3);
  EXPECT_DOUBLE_EQ(all, std::min(ant, other));
  EXPECT_DOUBLE_EQ(ant, all);
  EXPECT_GT(other, ant);
  EXPECT_EQ(land.distance_to_antarctica(-80 * deg, 30 * deg), 0.0);
  EXPECT_GT(land.distance_to_land_outside_antarctica(-80 * deg, 30 * deg), 2000e3);
  EXPECT_EQ(land.distance_to_land_outside_antarctica(48.86 * deg, 2.35 * deg), 0.0);  // Paris
  EXPECT_GT(land.distance_to_antarctica(48.86 * deg, 2.35 * deg), 10000e3);
}

// The embedded copy against the GeoJSON of the same Natural Earth 1:110m land in tests/data/geo: the same
// answer everywhere on a 2 deg grid and the same distances (both hold world-atlas's vertices rounded to 1e-6 deg,
// 0.1 m: measured 0 m).
TEST(LandMask, EmbeddedMatchesSharedGeoJson) {
  const LandMask& embedded = LandMask::embedded();
  LandMask shared = LandMask::read_geojson(testing::test_data("geo/ne_land_110m.geojson"));
  EXPECT_EQ(shared.ring_count(), embedded.ring_count());
  int land_cells = 0, cells = 0;
  double worst = 0;
  for (double lat = -89; lat <= 89; lat += 2)
    for (double lon = -179; lon <= 179; lon += 2) {
      bool e = embedded.on_land(lat * deg, lon * deg);
      EXPECT_EQ(e, shared.on_land(lat * deg, lon * deg)) << lat << " " << lon;
      land_cells += e;
      ++cells;
      if (std::fmod(lon + 179, 10) == 0) {
        worst = std::max(worst, std::abs(embedded.distance_to_land(lat * deg, lon * deg) -
                                         shared.distance_to_land(lat * deg, lon * deg)));
      }
    }
  std::printf("embedded vs shared GeoJSON: largest distance difference %.3e m\n", worst);
  EXPECT_LT(worst, 0.1);
  // Land is about 29 % of the surface; grid cells weighted equally over-count the poles (Antarctica).
  EXPECT_GT(static_cast<double>(land_cells) / cells, 0.25);
  EXPECT_LT(static_cast<double>(land_cells) / cells, 0.40);
}

// The finer 1:50m data hold islands the 1:110m data lack: near Easter Island the coarse mask is far from land.
TEST(LandMask, CoarseDataLackSmallIslands) {
  LandMask fine = LandMask::read_geojson(testing::test_data("geo/ne_land_50m.geojson"));
  const LandMask& coarse = LandMask::embedded();
  const double lat = -27.12 * deg, lon = -109.35 * deg;  // Easter Island
  const double nemo_lat = point_nemo_latitude_deg * deg, nemo_lon = point_nemo_longitude_deg * deg;
  std::printf("Easter Island: 1:50m %.1f km, 1:110m %.0f km from land; Point Nemo: 1:50m %.0f km, 1:110m %.0f km\n",
              fine.distance_to_land(lat, lon) / 1e3, coarse.distance_to_land(lat, lon) / 1e3,
              fine.distance_to_land(nemo_lat, nemo_lon) / 1e3, coarse.distance_to_land(nemo_lat, nemo_lon) / 1e3);
  // docs/validation-reentry.md, to the kilometre printed there.
  EXPECT_TRUE(fine.on_land(lat, lon));
  EXPECT_EQ(fine.distance_to_land(lat, lon), 0.0);
  EXPECT_NEAR(coarse.distance_to_land(lat, lon), 3523e3, 1e3);
  EXPECT_NEAR(fine.distance_to_land(nemo_lat, nemo_lon), 2696e3, 1e3);
}

TEST(LandMask, EmbeddedFileNamesItsSource) {
  auto text = embedded_data("natural_earth_land_110m.txt");
  ASSERT_TRUE(text);
  std::string head(text->substr(0, 600));
  EXPECT_NE(head.find("Source"), std::string::npos);
  EXPECT_NE(head.find("Natural Earth"), std::string::npos);
  EXPECT_NE(head.find("world-atlas@2.0.2"), std::string::npos);
  EXPECT_NE(head.find("public domain"), std::string::npos);
}

// The size of the embedded data as docs/validation-reentry.md gives it: 125 polygons, 126 rings, 4,997 points,
// 106 kB.
TEST(LandMask, EmbeddedFileSize) {
  auto text = embedded_data("natural_earth_land_110m.txt");
  ASSERT_TRUE(text);
  std::set<int> polygons;
  int rings = 0, points = 0;
  std::istringstream in{std::string(*text)};
  for (std::string line; std::getline(in, line);) {
    int polygon = 0, kind = 0, n = 0;
    if (std::sscanf(line.c_str(), "ring %d %d %d", &polygon, &kind, &n) == 3) {
      polygons.insert(polygon);
      ++rings;
      points += n;
    }
  }
  EXPECT_EQ(polygons.size(), 125u);
  EXPECT_EQ(rings, 126);
  EXPECT_EQ(points, 4997);
  EXPECT_NEAR(static_cast<double>(text->size()), 106e3, 500.0);
}

TEST(LandMask, BadInputNamesFileLineAndKey) {
  auto message = [](auto f) {
    try {
      f();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string m = message([] { (void)LandMask::parse_rings("ring 0 0 3\n1 2\n3 4\n", "t.txt"); });
  EXPECT_NE(m.find("t.txt"), std::string::npos) << m;
  m = message([] { (void)LandMask::parse_rings("ring 0 0 3\n1 2\n3 x\n5 6\n", "t.txt"); });
  EXPECT_NE(m.find("t.txt:3"), std::string::npos) << m;
  m = message([] { (void)LandMask::parse_rings("ring 0 1 3\n1 2\n3 4\n5 6\n", "t.txt"); });
  EXPECT_NE(m.find("exterior"), std::string::npos) << m;
  auto p = std::filesystem::path(
      testing::write_temp_file("land.geojson", R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],["a",1]]]]})"));
  m = message([&] { (void)LandMask::read_geojson(p); });
  EXPECT_NE(m.find(p.string()), std::string::npos) << m;
  EXPECT_NE(m.find("coordinates[0][0]"), std::string::npos) << m;
  m = message([] { (void)LandMask::read_geojson("/nonexistent/land.geojson"); });
  EXPECT_NE(m.find("/nonexistent/land.geojson"), std::string::npos) << m;
}

TEST(LandMask, RingsInDegreesForDrawing) {
  const LandMask& land = LandMask::embedded();
  ASSERT_EQ(static_cast<int>(land.rings().size()), land.ring_count());
  int holes = 0;
  for (const LandMask::Ring& r : land.rings()) {
    holes += r.hole;
    ASSERT_GE(r.lat_lon_deg.size(), 3u);
    for (const auto& [lat, lon] : r.lat_lon_deg) {
      EXPECT_LE(std::abs(lat), 90.0);
      EXPECT_LE(std::abs(lon), 180.0);
    }
  }
  // As many holes as the embedded file's "ring P 1 N" headers.
  const auto text = embedded_data("natural_earth_land_110m.txt");
  ASSERT_TRUE(text.has_value());
  std::istringstream in{std::string(*text)};
  std::string line;
  int holes_in_file = 0;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string word;
    long p = 0, kind = 0;
    if (row >> word >> p >> kind && word == "ring" && kind == 1) ++holes_in_file;
  }
  EXPECT_EQ(holes, holes_in_file);
  EXPECT_GT(holes_in_file, 0);
}

}  // namespace
}  // namespace deorbit

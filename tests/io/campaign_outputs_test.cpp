#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/io/campaign_outputs.h"

namespace deorbit {
namespace {

namespace fs = std::filesystem;
using constants::deg;
using nlohmann::json;

// Impacts of 2000 runs scattered about a nominal point in the default zone along a 105 deg track (1 in 100 runs
// lands outside; runs 7, 507, ... failed).
CampaignStatistics synthetic_statistics(bool use_weights = false) {
  StatisticsSettings settings;
  settings.track = {-41 * deg, -128 * deg, 105 * deg};
  settings.use_weights = use_weights;
  std::mt19937_64 rng(99);
  std::normal_distribution<double> normal;
  std::vector<RunRecord> runs(2000);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    RunRecord& r = runs[i];
    r.run = static_cast<std::int64_t>(i);
    if (i % 500 == 7) {
      r.status = RunStatus::failed;
      continue;
    }
    const double shift = 300e3 * normal(rng);
    for (int k = 0; k < 3; ++k) {
      const auto [lat, lon] =
          from_track_coordinates({shift + 250e3 * k + 80e3 * normal(rng), 25e3 * normal(rng)}, settings.track);
      ImpactRecord impact;
      impact.latitude = lat;
      impact.longitude = lon;
      impact.casualty_area = 2.0;
      impact.count = 1 + k;
      r.impacts.push_back(impact);
    }
    r.inside = i % 100 != 3;
    r.min_distance_to_land = 1500e3;
    r.expected_casualties = i % 9 == 0 ? 0.0 : 1e-5 * std::exp(normal(rng));
  }
  return summarize(runs, settings);
}

void expect_closed_polygon(const json& geometry) {
  ASSERT_EQ(geometry["type"], "Polygon");
  for (const json& ring : geometry["coordinates"]) {
    ASSERT_GE(ring.size(), 4u);
    EXPECT_EQ(ring.front(), ring.back());
    for (const json& p : ring) {
      ASSERT_EQ(p.size(), 2u);
      EXPECT_LE(std::abs(p[0].get<double>()), 180.0);
      EXPECT_LE(std::abs(p[1].get<double>()), 90.0);
    }
  }
}

TEST(CampaignOutputs, LevelFootprintsGeoJson) {
  const CampaignStatistics s = synthetic_statistics();
  const json doc = level_footprints_geojson(s);
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), s.level_footprints.size());
  for (std::size_t k = 0; k < s.level_footprints.size(); ++k) {
    const json& f = doc["features"][k];
    EXPECT_EQ(f["type"], "Feature");
    expect_closed_polygon(f["geometry"]);
    EXPECT_EQ(f["properties"]["level"], s.level_footprints[k].level);
    EXPECT_NEAR(f["properties"]["along_track_max_km"].get<double>(), s.level_footprints[k].along_max / 1000.0, 1e-9);
  }
}

TEST(CampaignOutputs, DensityGridGeoJson) {
  const CampaignStatistics s = synthetic_statistics();
  const json doc = density_grid_geojson(s);
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), s.density.cells.size());
  double per_run = 0;
  for (const json& f : doc["features"]) {
    expect_closed_polygon(f["geometry"]);
    EXPECT_EQ(f["geometry"]["coordinates"][0].size(), 5u);  // a cell: 4 corners, closed
    per_run += f["properties"]["impacts_per_run"].get<double>();
  }
  // Six hazardous copies a run (counts 1, 2, 3).
  EXPECT_NEAR(per_run, 6.0, 1e-12);
}

TEST(CampaignOutputs, StatisticsJson) {
  const CampaignStatistics s = synthetic_statistics();
  const json j = statistics_json(s);
  EXPECT_EQ(j["runs"], 2000);
  EXPECT_EQ(j["failed_runs"], 4);
  EXPECT_EQ(j["containment"]["probability"], s.containment.interval.estimate);
  EXPECT_EQ(j["containment"]["events"], 2000 - 4 - 20);
  EXPECT_EQ(j["escape"]["upper_bound_one_sided"], s.escape.upper_bound_one_sided);
  EXPECT_FALSE(j["containment"].contains("standard_error"));
  EXPECT_EQ(j["near_land"]["distance_km"], 370.0);
  ASSERT_EQ(j["track_percentiles"].size(), 7u);
  EXPECT_EQ(j["track_percentiles"][3]["percent"], 50.0);
  EXPECT_EQ(j["track_percentiles"][3]["along_track_km"], s.track_percentiles[3].along / 1000.0);
  ASSERT_EQ(j["level_footprints"].size(), 3u);
  EXPECT_GT(j["level_footprints"][2]["length_km"].get<double>(), j["level_footprints"][0]["length_km"].get<double>());
  EXPECT_EQ(j["expected_casualties"]["percentiles"].size(), 4u);
  EXPECT_EQ(j["expected_casualties"]["histogram"][0]["upper"], 0.0);  // the zero bin
  EXPECT_GT(j["density_grid"]["max_impacts_per_run_per_km2"].get<double>(), 0.0);

  const json w = statistics_json(synthetic_statistics(true));
  EXPECT_TRUE(w["containment"].contains("standard_error"));
  EXPECT_NEAR(w["containment"]["effective_sample_size"].get<double>(), 2000.0, 1e-9);
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CampaignOutputs, DensityMapPng) {
  const fs::path dir = fs::temp_directory_path() / ("deorbit_campaign_outputs_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // DEORBIT_KEEP_MAP=path keeps a copy to look at.
  const char* keep = std::getenv("DEORBIT_KEEP_MAP");
  const fs::path png = keep != nullptr ? fs::path(keep) : dir / "density.png";
  write_density_map_png(synthetic_statistics(), TargetZone::south_pacific_default(), LandMask::embedded(), png);
  const std::string bytes = read_bytes(png);
  ASSERT_GT(bytes.size(), 10000u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // No impacts: the map shows the zone.
  std::vector<RunRecord> none(5);
  const fs::path empty = keep != nullptr ? fs::path(keep).replace_extension(".empty.png") : dir / "empty.png";
  write_density_map_png(summarize(none, {}), TargetZone::south_pacific_default(), LandMask::embedded(), empty);
  EXPECT_EQ(read_bytes(empty).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace deorbit

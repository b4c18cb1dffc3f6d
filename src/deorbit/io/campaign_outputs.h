// What a campaign's statistics (campaign/statistics.h) look like outside: the report.json section, GeoJSON of the
// level footprints and of the impact-density grid, and a PNG map. Units as in the rest of report.json: distances in
// km, angles in degrees, the unit in each key's name.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "deorbit/campaign/statistics.h"
#include "deorbit/risk/land.h"
#include "deorbit/risk/target_zone.h"

namespace deorbit {

//! The "statistics" section of a campaign's report.json (keys and meanings: docs/campaign-statistics.md).
//! Non-finite numbers (a standard error of one run) are written as null.
[[nodiscard]] nlohmann::json statistics_json(const CampaignStatistics& statistics);

//! A FeatureCollection with one feature per level footprint: a Polygon (a LineString or a Point when the kept
//! impacts lie on a line or coincide), properties level, held, points and the along/cross-track extents in km.
[[nodiscard]] nlohmann::json level_footprints_geojson(const CampaignStatistics& statistics);

//! A FeatureCollection with one Polygon per non-empty cell of the impact-density grid, properties row, column,
//! impacts, impacts_per_run, impacts_per_run_per_km2.
[[nodiscard]] nlohmann::json density_grid_geojson(const CampaignStatistics& statistics);

//! A PNG map (PLplot, pngcairo) of the impact density (cells shaded by impacts per run per km^2, one shade per
//! decade), the level footprints as lines, the target zone's outline and the coastlines of `land`, on
//! longitude/latitude axes [deg] over the footprints with a margin (the zone's box without impacts). Written
//! atomically. InputError when PLplot's pngcairo driver is missing or the file cannot be written.
void write_density_map_png(const CampaignStatistics& statistics, const TargetZone& zone, const LandMask& land,
                           const std::filesystem::path& path);

}  // namespace deorbit

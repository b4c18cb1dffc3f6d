// Reference: C. A. Brewer, ColorBrewer 2.0 (colorbrewer2.org), sequential scheme YlOrRd, 5 classes (the density
// shades of the map).
#include "deorbit/io/campaign_outputs.h"

#include <plplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/io/geojson.h"
#include "deorbit/io/plplot_render.h"

namespace deorbit {
namespace {

using constants::deg;
using nlohmann::json;

json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json probability_json(const EventProbability& e) {
  json j = {{"events", e.events},
            {"runs", e.trials},
            {"probability", e.interval.estimate},
            {"lower", e.interval.lower},
            {"upper", e.interval.upper},
            {"upper_bound_one_sided", e.upper_bound_one_sided}};
  if (e.weighted) {
    j["standard_error"] = finite_or_null(e.weighted->standard_error);
    j["effective_sample_size"] = e.weighted->effective_sample_size;
  }
  return j;
}

// The level footprint's extents in track coordinates [km].
json extents_json(const LevelFootprint& f) {
  return {{"along_track_min_km", f.along_min / 1000.0},
          {"along_track_max_km", f.along_max / 1000.0},
          {"cross_track_min_km", f.cross_min / 1000.0},
          {"cross_track_max_km", f.cross_max / 1000.0},
          {"length_km", (f.along_max - f.along_min) / 1000.0},
          {"width_km", (f.cross_max - f.cross_min) / 1000.0}};
}

// Longitude [deg] within 180 deg of `centre` [deg].
double unwrap_deg(double lon_deg, double centre_deg) { return centre_deg + std::remainder(lon_deg - centre_deg, 360.0); }

}  // namespace

json statistics_json(const CampaignStatistics& s) {
  const StatisticsSettings& set = s.settings;
  json j;
  j["runs"] = s.runs;
  j["ok_runs"] = s.ok_runs;
  j["failed_runs"] = s.failed_runs;
  j["method"] = set.use_weights ? "importance sampling (weighted estimator, normal interval)"
                                : "plain Monte Carlo (Clopper-Pearson exact interval)";
  j["confidence"] = set.confidence;
  j["containment"] = probability_json(s.containment);
  j["escape"] = probability_json(s.escape);
  j["land_impact"] = probability_json(s.land_impact);
  j["near_land"] = probability_json(s.near_land);
  j["near_land"]["distance_km"] = set.near_land_distance / 1000.0;
  j["track_frame"] = {{"reference_lat_deg", set.track.latitude / deg},
                      {"reference_lon_deg", set.track.longitude / deg},
                      {"azimuth_deg", set.track.azimuth / deg},
                      {"cross_track_positive", "left of the track"}};
  j["hazardous_impacts"] = s.hazardous_impacts;
  json percentiles = json::array();
  for (const TrackPercentile& p : s.track_percentiles)
    percentiles.push_back({{"percent", p.fraction * 100.0}, {"along_track_km", p.along / 1000.0},
                           {"cross_track_km", p.cross / 1000.0}});
  j["track_percentiles"] = percentiles;
  j["one_pass"] = set.one_pass;
  json times = json::array();
  for (const auto& [p, t] : s.breakup_time_percentiles) times.push_back({{"percent", p * 100.0}, {"breakup_time_s", t}});
  j["breakup_time_percentiles"] = times;
  json levels = json::array();
  for (const LevelFootprint& f : s.level_footprints) {
    json outline = json::array();
    for (const TrackCoordinates& v : f.hull) {
      const auto [lat, lon] = from_track_coordinates(v, set.track);
      outline.push_back(json::array({lat / deg, lon / deg}));
    }
    json level = {{"level", f.level}, {"held", f.held}, {"points", f.points}, {"hull_lat_lon_deg", outline}};
    level.update(extents_json(f));
    levels.push_back(level);
  }
  j["level_footprints"] = levels;
  const CasualtyStatistics& c = s.casualties;
  json ec = {{"runs", c.runs}, {"mean", c.mean}, {"standard_deviation", c.standard_deviation}, {"max", c.max}};
  json ec_percentiles = json::array();
  for (const auto& [p, v] : c.percentiles) ec_percentiles.push_back({{"percent", p * 100.0}, {"value", v}});
  ec["percentiles"] = ec_percentiles;
  json histogram = json::array();
  for (const CasualtyBin& b : c.histogram)
    histogram.push_back({{"lower", b.lower}, {"upper", b.upper}, {"runs", b.runs}, {"fraction", b.fraction}});
  ec["histogram"] = histogram;
  j["expected_casualties"] = ec;
  double peak = 0;
  for (const DensityCell& cell : s.density.cells) peak = std::max(peak, cell.impacts_per_run_per_km2);
  j["density_grid"] = {{"cell_deg", set.density_cell_deg},
                       {"lat_min_deg", s.density.lat_min / deg},
                       {"lon_min_deg", s.density.lon_min / deg},
                       {"rows", s.density.rows},
                       {"columns", s.density.columns},
                       {"non_empty_cells", s.density.cells.size()},
                       {"max_impacts_per_run_per_km2", peak}};
  return j;
}

json level_footprints_geojson(const CampaignStatistics& s) {
  std::vector<json> features;
  for (const LevelFootprint& f : s.level_footprints) {
    json properties = {{"kind", "level footprint"}, {"level", f.level}, {"held", f.held}, {"points", f.points}};
    properties.update(extents_json(f));
    std::vector<Geodetic> ring = geojson::ring_points(f.ring);
    if (f.hull.size() >= 3) {
      features.push_back(geojson::polygon_feature(ring, properties));
    } else if (f.hull.size() == 2) {
      ring.push_back(ring.front());
      features.push_back(geojson::line_feature(ring, properties));
    } else {
      features.push_back(geojson::point_feature(ring.front(), properties));
    }
  }
  return geojson::feature_collection(features);
}

json density_grid_geojson(const CampaignStatistics& s) {
  std::vector<json> features;
  for (const DensityCell& c : s.density.cells) {
    const std::vector<Geodetic> ring{{c.lat_min, c.lon_min, 0}, {c.lat_min, c.lon_max, 0}, {c.lat_max, c.lon_max, 0},
                                     {c.lat_max, c.lon_min, 0}};
    features.push_back(geojson::polygon_feature(ring, {{"row", c.row},
                                                       {"column", c.column},
                                                       {"impacts", c.impacts},
                                                       {"impacts_per_run", c.impacts_per_run},
                                                       {"impacts_per_run_per_km2", c.impacts_per_run_per_km2}}));
  }
  return geojson::feature_collection(features);
}

namespace {

struct Box {
  double lon_lo = std::numeric_limits<double>::infinity(), lon_hi = -lon_lo, lat_lo = lon_lo, lat_hi = -lon_lo;
  void add(double lat, double lon) {
    lat_lo = std::min(lat_lo, lat);
    lat_hi = std::max(lat_hi, lat);
    lon_lo = std::min(lon_lo, lon);
    lon_hi = std::max(lon_hi, lon);
  }
  [[nodiscard]] bool empty() const { return !(lat_hi >= lat_lo); }
};

// ColorBrewer YlOrRd, 5 classes, light to dark.
constexpr std::array<Rgb, 5> density_shades{{{255, 255, 178}, {254, 204, 92}, {253, 141, 60}, {240, 59, 32}, {189, 0, 38}}};
constexpr Rgb sea{232, 241, 250}, land_fill{218, 216, 206}, coast{120, 120, 120}, grid{190, 198, 206};
enum Colour : PLINT { background = 0, ink = 1, grid_colour = 2, sea_colour = 3, land_colour = 4, coast_colour = 5,
                      first_shade = 6, first_level = first_shade + static_cast<PLINT>(density_shades.size()) };

void set_colour(PLINT index, const Rgb& c) { plscol0(index, c.r, c.g, c.b); }

// A ring (lat, lon) [deg] made continuous in longitude, its first point within 180 deg of `centre`.
std::vector<std::pair<double, double>> continuous(const std::vector<std::pair<double, double>>& lat_lon, double centre) {
  std::vector<std::pair<double, double>> out;
  for (const auto& [lat, lon] : lat_lon)
    out.emplace_back(lat, unwrap_deg(lon, out.empty() ? centre : out.back().second));
  return out;
}

void draw_ring(const std::vector<std::pair<double, double>>& ring, bool fill, bool close) {
  std::vector<PLFLT> x, y;
  for (const auto& [lat, lon] : ring) {
    x.push_back(lon);
    y.push_back(lat);
  }
  if (close && !ring.empty()) {
    x.push_back(x.front());
    y.push_back(y.front());
  }
  if (fill) {
    plfill(static_cast<PLINT>(x.size()), x.data(), y.data());
  } else {
    plline(static_cast<PLINT>(x.size()), x.data(), y.data());
  }
}

// The ring and its copies a turn east and west, those that overlap the view.
template <class F>
void for_each_copy(const std::vector<std::pair<double, double>>& ring, const Box& view, F f) {
  Box b;
  for (const auto& [lat, lon] : ring) b.add(lat, lon);
  for (int k = -1; k <= 1; ++k) {
    const double shift = 360.0 * k;
    if (b.lon_hi + shift < view.lon_lo || b.lon_lo + shift > view.lon_hi || b.lat_hi < view.lat_lo || b.lat_lo > view.lat_hi)
      continue;
    std::vector<std::pair<double, double>> copy = ring;
    for (auto& p : copy) p.second += shift;
    f(copy);
  }
}

std::string level_label(double level) { return fmt::format("{:g} % footprint", level * 100.0); }

void draw_map(const CampaignStatistics& s, const TargetZone& zone, const LandMask& land, const Box& view,
              int width_px, int height_px, double aspect) {
  const double centre = s.settings.track.longitude / deg;
  plspage(0, 0, width_px, height_px, 0, 0);
  plscmap0n(first_level + static_cast<PLINT>(s.level_footprints.size()) + 1);
  plscolbg(255, 255, 255);
  set_colour(ink, {0, 0, 0});
  set_colour(grid_colour, grid);
  set_colour(sea_colour, sea);
  set_colour(land_colour, land_fill);
  set_colour(coast_colour, coast);
  for (std::size_t k = 0; k < density_shades.size(); ++k) set_colour(first_shade + static_cast<PLINT>(k), density_shades[k]);
  for (std::size_t k = 0; k < s.level_footprints.size(); ++k) {
    // Blue, bluish green, reddish purple, sky blue: apart from the yellow-to-red shades.
    constexpr std::array<std::size_t, 4> order{0, 2, 5, 4};
    set_colour(first_level + static_cast<PLINT>(k), plplot::palette[order[k % order.size()]]);
  }
  plinit();
  pladv(0);
  plschr(0, 0.95);
  // Room at the left and bottom for the axis labels, at the right for the legend.
  plvpas(0.10, 0.62, 0.12, 0.90, aspect);
  plwind(view.lon_lo, view.lon_hi, view.lat_lo, view.lat_hi);

  // Sea, then land (holes back to sea), then the density cells over both.
  plcol0(sea_colour);
  {
    std::array<PLFLT, 4> x{view.lon_lo, view.lon_hi, view.lon_hi, view.lon_lo};
    std::array<PLFLT, 4> y{view.lat_lo, view.lat_lo, view.lat_hi, view.lat_hi};
    plfill(4, x.data(), y.data());
  }
  std::vector<std::vector<std::pair<double, double>>> rings;
  for (const LandMask::Ring& r : land.rings()) rings.push_back(continuous(r.lat_lon_deg, centre));
  for (bool holes : {false, true}) {
    plcol0(holes ? sea_colour : land_colour);
    for (std::size_t k = 0; k < rings.size(); ++k)
      if (land.rings()[k].hole == holes)
        for_each_copy(rings[k], view, [](const auto& ring) { draw_ring(ring, true, false); });
  }

  double peak = 0;
  for (const DensityCell& c : s.density.cells) peak = std::max(peak, c.impacts_per_run_per_km2);
  const double top = peak > 0 ? std::pow(10.0, std::ceil(std::log10(peak))) : 1.0;
  const auto classes = static_cast<int>(density_shades.size());
  auto class_of = [&](double v) {  // 0 the lightest, one decade each below `top`
    const int decades_down = static_cast<int>(std::floor(std::log10(top / v)));
    return std::clamp(classes - 1 - decades_down, 0, classes - 1);
  };
  for (const DensityCell& c : s.density.cells) {
    if (!(c.impacts_per_run_per_km2 > 0)) continue;
    plcol0(first_shade + class_of(c.impacts_per_run_per_km2));
    const double lon_lo = unwrap_deg(c.lon_min / deg, centre);
    const double lon_hi = lon_lo + (c.lon_max - c.lon_min) / deg;
    std::array<PLFLT, 4> x{lon_lo, lon_hi, lon_hi, lon_lo}, y{c.lat_min / deg, c.lat_min / deg, c.lat_max / deg, c.lat_max / deg};
    plfill(4, x.data(), y.data());
  }

  plcol0(coast_colour);
  plwidth(1);
  for (const auto& r : rings) for_each_copy(r, view, [](const auto& ring) { draw_ring(ring, false, true); });
  plcol0(grid_colour);
  plwidth(0.5);
  plbox("g", 0, 0, "g", 0, 0);

  std::vector<std::pair<double, double>> zone_ring;
  for (const auto& [lat, lon] : zone.vertices()) zone_ring.emplace_back(lat / deg, lon / deg);
  plcol0(ink);
  plwidth(2.5);
  for_each_copy(continuous(zone_ring, centre), view, [](const auto& ring) { draw_ring(ring, false, true); });

  for (std::size_t k = 0; k < s.level_footprints.size(); ++k) {
    std::vector<std::pair<double, double>> ring;
    for (const auto& [lat, lon] : s.level_footprints[k].ring) ring.emplace_back(lat / deg, lon / deg);
    const auto drawn = continuous(ring, centre);
    plcol0(background);  // a white halo keeps the line readable over the darkest shades
    plwidth(5);
    draw_ring(drawn, false, false);
    plcol0(first_level + static_cast<PLINT>(k));
    plwidth(2.5);
    draw_ring(drawn, false, false);
    if (s.level_footprints[k].hull.size() == 1) {
      const PLFLT x = drawn.front().second, y = drawn.front().first;
      plstring(1, &x, &y, "•");
    }
  }

  plwidth(1);
  plcol0(ink);
  plbox("bcnst", 0, 0, "bcnstv", 0, 0);
  const std::string title =
      fmt::format("Hazardous impacts per km² per run: {} runs ({} failed)", s.runs, s.failed_runs);
  pllab("Longitude [deg]", "Latitude [deg]", plplot::plain_text(title).c_str());

  // Legend: the zone, the levels, then the density shades (densest first).
  std::vector<std::string> text;
  std::vector<PLINT> opts, text_colours, line_colours, line_styles, box_colours, box_patterns;
  std::vector<PLFLT> line_widths, box_scales, box_line_widths;
  auto entry = [&](PLINT opt, const std::string& label, PLINT colour, double width) {
    opts.push_back(opt);
    text.push_back(plplot::plain_text(label));
    text_colours.push_back(ink);
    line_colours.push_back(colour);
    line_styles.push_back(1);
    line_widths.push_back(width);
    box_colours.push_back(colour);
    box_patterns.push_back(0);
    box_scales.push_back(0.9);
    box_line_widths.push_back(1);
  };
  entry(PL_LEGEND_LINE, "Target zone", ink, 2.5);
  for (std::size_t k = 0; k < s.level_footprints.size(); ++k)
    entry(PL_LEGEND_LINE, level_label(s.level_footprints[k].level), first_level + static_cast<PLINT>(k), 2.5);
  entry(PL_LEGEND_LINE, "Coastline", coast_colour, 1);
  if (peak > 0) {
    for (int c = classes - 1; c >= 0; --c) {
      const double hi = top / std::pow(10.0, classes - 1 - c), lo = hi / 10;
      const std::string label = c == 0 ? fmt::format("< {:.0e} /km²/run", hi)
                                       : fmt::format("{:.0e} to {:.0e} /km²/run", lo, hi);
      entry(PL_LEGEND_COLOR_BOX, label, first_shade + c, 1);
    }
  }
  std::vector<const char*> text_ptrs;
  for (const std::string& t : text) text_ptrs.push_back(t.c_str());
  PLFLT legend_width = 0, legend_height = 0;
  plschr(0, 0.7);
  pllegend(&legend_width, &legend_height, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_RIGHT | PL_POSITION_OUTSIDE, 0.03, 0.0, 0.05, background, ink, 1, 0, 0,
           static_cast<PLINT>(text.size()), opts.data(), 0.8, 0.9, 2.0, 0.0, text_colours.data(), text_ptrs.data(),
           box_colours.data(), box_patterns.data(), box_scales.data(), box_line_widths.data(), line_colours.data(),
           line_styles.data(), line_widths.data(), nullptr, nullptr, nullptr, nullptr);
}

}  // namespace

void write_density_map_png(const CampaignStatistics& s, const TargetZone& zone, const LandMask& land,
                           const std::filesystem::path& path) {
  const double centre = s.settings.track.longitude / deg;
  Box b;
  for (const DensityCell& c : s.density.cells) {
    b.add(c.lat_min / deg, unwrap_deg(c.lon_min / deg, centre));
    b.add(c.lat_max / deg, unwrap_deg(c.lon_max / deg, centre));
  }
  for (const LevelFootprint& f : s.level_footprints)
    for (const auto& [lat, lon] : f.ring) b.add(lat / deg, unwrap_deg(lon / deg, centre));
  if (b.empty())
    for (const auto& [lat, lon] : zone.vertices()) b.add(lat / deg, unwrap_deg(lon / deg, centre));
  // A margin of a quarter of the span (at least 2 deg) on each side.
  const double margin_lat = std::max(2.0, 0.25 * (b.lat_hi - b.lat_lo));
  const double margin_lon = std::max(2.0, 0.25 * (b.lon_hi - b.lon_lo));
  Box view;
  view.lat_lo = std::max(-90.0, b.lat_lo - margin_lat);
  view.lat_hi = std::min(90.0, b.lat_hi + margin_lat);
  view.lon_lo = b.lon_lo - margin_lon;
  view.lon_hi = b.lon_hi + margin_lon;
  // A cos(latitude) aspect, so that a degree of longitude is as long on the map as on the ground at the middle
  // latitude; a footprint long in one direction gets more room across it (aspect 0.55..1.6) for context.
  const double scale = std::max(0.1, std::cos(0.5 * (view.lat_lo + view.lat_hi) * deg));
  double aspect = (view.lat_hi - view.lat_lo) / ((view.lon_hi - view.lon_lo) * scale);
  if (aspect < 0.55) {
    const double grow = 0.5 * (0.55 * (view.lon_hi - view.lon_lo) * scale - (view.lat_hi - view.lat_lo));
    view.lat_lo = std::max(-90.0, view.lat_lo - grow);
    view.lat_hi = std::min(90.0, view.lat_hi + grow);
  } else if (aspect > 1.6) {
    const double grow = 0.5 * ((view.lat_hi - view.lat_lo) / (1.6 * scale) - (view.lon_hi - view.lon_lo));
    view.lon_lo -= grow;
    view.lon_hi += grow;
  }
  aspect = (view.lat_hi - view.lat_lo) / ((view.lon_hi - view.lon_lo) * scale);
  constexpr int width_px = 1500;
  // The map takes 0.58 of the width and 0.82 of the height; the legend sits on its right.
  const int height_px = std::clamp(static_cast<int>(std::lround(width_px * 0.58 * aspect / 0.82)), 700, 1700);
  plplot::render("pngcairo", path, "density map", [&] { draw_map(s, zone, land, view, width_px, height_px, aspect); });
}

}  // namespace deorbit

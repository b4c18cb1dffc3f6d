#include "deorbit/app/campaign_outputs.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/constants.h"
#include "deorbit/io/campaign_outputs.h"
#include "deorbit/io/dispersions_config.h"
#include "deorbit/risk/land.h"

namespace deorbit::app {
namespace {

using constants::deg;
using nlohmann::json;

// JSON has no infinity: a margin or distance without any hazardous impact is null.
json finite_or_null(double v, double scale = 1) { return std::isfinite(v) ? json(v * scale) : json(nullptr); }

std::string percent(const BinomialInterval& i) {
  return fmt::format("{:.4f} % (95 % interval {:.4f} - {:.4f} %)", 100 * i.estimate, 100 * i.lower, 100 * i.upper);
}

}  // namespace

TrackFrame nominal_track_frame(const RunRecord& nominal) {
  Vec3 sum = Vec3::Zero();
  for (const auto& i : nominal.impacts)
    if (i.hazardous()) sum += i.count * unit_vector(i.latitude, i.longitude);
  TrackFrame f;
  if (sum.isZero(0)) {  // nothing hazardous lands: the frame sits under the breakup
    f.latitude = nominal.breakup_latitude;
    f.longitude = nominal.breakup_longitude;
    return f;
  }
  f.latitude = std::atan2(sum.z(), std::hypot(sum.x(), sum.y()));
  f.longitude = std::atan2(sum.y(), sum.x());
  // Initial great-circle bearing from the centroid back to the breakup point, turned around.
  const double dl = nominal.breakup_longitude - f.longitude;
  const double back = std::atan2(std::sin(dl) * std::cos(nominal.breakup_latitude),
                                 std::cos(f.latitude) * std::sin(nominal.breakup_latitude) -
                                     std::sin(f.latitude) * std::cos(nominal.breakup_latitude) * std::cos(dl));
  f.azimuth = std::remainder(back + std::numbers::pi, 2 * std::numbers::pi);
  return f;
}

std::vector<std::string> write_campaign_outputs(const CampaignReport& report, std::span<const RunRecord> runs,
                                                const TargetZone& zone, const std::filesystem::path& dir,
                                                std::ostream& out) {
  StatisticsSettings settings;
  settings.track = nominal_track_frame(report.nominal);
  settings.use_weights = report.dispersions.importance_sampling();
  settings.one_pass = report.contingency != "missed";
  const CampaignStatistics stats = summarize(runs, settings);
  std::vector<std::string> written;

  const RunRecord& n = report.nominal;
  json j;
  j["campaign"] = {
      {"scenario", report.scenario},
      {"store", report.store},
      {"program_version", report.program_version},
      {"contingency", report.contingency.empty() ? json(nullptr) : json(report.contingency)},
      {"seed", report.dispersions.seed},
      {"importance_sampling_tail_scale", report.dispersions.tail_scale},
      {"runs_requested", report.runs_requested},
      {"runs_stored", runs.size()},
      {"complete", report.complete},
      {"ranks", report.ranks},
      {"threads_per_rank", report.threads},
      {"runs_this_session", report.runs_this_session},
      {"cpu_s_this_session", report.cpu_this_session},
      {"wall_s_this_session", report.wall_this_session},
      {"runs_per_cpu_second", report.cpu_this_session > 0 ? report.runs_this_session / report.cpu_this_session : 0.0},
      {"wall_s_total", report.wall_total},
  };
  j["dispersions_yaml"] = dispersions_yaml(report.dispersions);
  j["nominal"] = {
      {"final_ignition_utc", report.final_ignition.iso(TimeScale::UTC, 3)},
      {"breakup_utc", report.nominal_breakup.iso(TimeScale::UTC, 3)},
      {"undispersed_breakup_utc", (report.nominal_breakup + n.breakup_time).iso(TimeScale::UTC, 3)},
      {"status", n.status == RunStatus::ok ? "ok" : "failed"},
      {"message", n.message},
      {"inside", n.inside},
      {"min_margin_km", finite_or_null(n.min_margin, 1e-3)},
      {"surviving_mass_kg", n.surviving_mass},
      {"expected_casualties", n.expected_casualties},
      {"min_distance_to_land_km", finite_or_null(n.min_distance_to_land, 1e-3)},
      {"track_frame", {{"latitude_deg", settings.track.latitude / deg},
                       {"longitude_deg", settings.track.longitude / deg},
                       {"azimuth_deg", settings.track.azimuth / deg}}},
  };
  j["statistics"] = statistics_json(stats);
  write_file_atomically(dir / "report.json", [&](std::ostream& o) { o << j.dump(2) << '\n'; });
  written.push_back("report.json");
  if (settings.one_pass) {
    write_file_atomically(dir / "footprint_levels.geojson",
                          [&](std::ostream& o) { o << level_footprints_geojson(stats).dump(1) << '\n'; });
    written.push_back("footprint_levels.geojson");
  }
  write_file_atomically(dir / "impact_density.geojson",
                        [&](std::ostream& o) { o << density_grid_geojson(stats).dump(1) << '\n'; });
  written.push_back("impact_density.geojson");
  write_density_map_png(stats, zone, LandMask::embedded(), dir / "impact_density.png");
  written.push_back("impact_density.png");

  out << fmt::format("Campaign of {} ({} of {} runs{}, seed {}{})\n", report.scenario, runs.size(),
                     report.runs_requested, report.complete ? "" : ", INCOMPLETE", report.dispersions.seed,
                     settings.use_weights ? ", importance sampling (weighted runs)" : "");
  if (report.runs_this_session > 0)
    out << fmt::format("  this session: {} runs in {:.1f} s wall, {:.1f} s CPU ({:.1f} runs per CPU second), {} "
                       "rank(s) x {} thread(s)\n",
                       report.runs_this_session, report.wall_this_session, report.cpu_this_session,
                       report.runs_this_session / std::max(report.cpu_this_session, 1e-9), report.ranks, report.threads);
  out << fmt::format("  nominal run: margin {:.1f} km inside {}, E_c {:.3g}\n", n.min_margin / 1e3, zone.name(),
                     n.expected_casualties);
  out << fmt::format("  every hazardous survivor inside the zone: {}\n", percent(stats.containment.interval));
  out << fmt::format("  escape: {} runs of {} ({} failed); 95 % upper bound {:.3g}\n", stats.escape.events,
                     stats.escape.trials, stats.failed_runs, stats.escape.upper_bound_one_sided);
  out << fmt::format("  land impact: {}\n", percent(stats.land_impact.interval));
  out << fmt::format("  impact within {:.0f} km of land: {}\n", settings.near_land_distance / 1e3,
                     percent(stats.near_land.interval));
  if (!settings.one_pass)
    out << "  the final burn missed: the runs decay and come down anywhere along the ground track (no track "
           "percentiles, no level footprints)\n";
  {
    std::string times;
    for (const auto& [p, t] : stats.breakup_time_percentiles)
      if (p == 0.05 || p == 0.5 || p == 0.95)
        times += fmt::format("{}{:.0f} % {} ({:+.1f} min)", times.empty() ? "" : ", ", 100 * p,
                             (report.nominal_breakup + t).iso(TimeScale::UTC, 0), t / 60.0);
    if (!times.empty()) out << "  breakup time: " << times << " from the nominal\n";
  }
  for (const auto& p : stats.track_percentiles)
    out << fmt::format("  {:7.3f} % percentile: along-track {:9.1f} km, cross-track {:7.1f} km\n", 100 * p.fraction,
                       p.along / 1e3, p.cross / 1e3);
  for (const auto& l : stats.level_footprints)
    out << fmt::format("  {:.2f} % footprint: along {:.0f} to {:.0f} km, cross {:.0f} to {:.0f} km\n", 100 * l.level,
                       l.along_min / 1e3, l.along_max / 1e3, l.cross_min / 1e3, l.cross_max / 1e3);
  out << fmt::format("  expected casualties: mean {:.3g}, max {:.3g}\n", stats.casualties.mean, stats.casualties.max);
  out << "  written to " << dir.string() << ": ";
  for (std::size_t i = 0; i < written.size(); ++i) out << (i ? ", " : "") << written[i];
  out << "\n";
  return written;
}

}  // namespace deorbit::app

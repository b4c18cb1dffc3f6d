// campaign_statistics_bench: summarize() over synthetic campaigns of 10^4 and 10^5 runs with 20 hazardous impacts
// each (a Gaussian cloud 400 km x 60 km in the South Pacific), the default settings: the cost of the statistics
// step of a campaign, for docs/campaign-statistics.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "deorbit/base/constants.h"
#include "deorbit/campaign/statistics.h"

namespace {

using deorbit::constants::deg;

std::vector<deorbit::RunRecord> campaign(std::int64_t runs, const deorbit::TrackFrame& frame) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> along(0, 400e3), cross(0, 60e3), unit;
  std::vector<deorbit::RunRecord> out(static_cast<std::size_t>(runs));
  for (std::size_t i = 0; i < out.size(); ++i) {
    deorbit::RunRecord& r = out[i];
    r.run = static_cast<std::int64_t>(i);
    for (int k = 0; k < 20; ++k) {
      const auto [lat, lon] = deorbit::from_track_coordinates({along(rng), cross(rng)}, frame);
      deorbit::ImpactRecord impact;
      impact.latitude = lat;
      impact.longitude = lon;
      impact.casualty_area = 1.0;
      r.impacts.push_back(impact);
    }
    r.inside = true;
    r.min_distance_to_land = 1e6;
    r.expected_casualties = 1e-5 * std::exp(unit(rng));
  }
  return out;
}

void BM_Summarize(benchmark::State& state) {
  deorbit::StatisticsSettings settings;
  settings.track = {-42 * deg, -125 * deg, 105 * deg};
  const auto runs = campaign(state.range(0), settings.track);
  for (auto _ : state) benchmark::DoNotOptimize(deorbit::summarize(runs, settings));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["impacts"] = static_cast<double>(state.range(0) * 20);
}
BENCHMARK(BM_Summarize)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

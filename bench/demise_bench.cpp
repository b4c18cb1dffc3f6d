// One solid sphere flown from 122 km to demise or impact with heating and melting (reentry/demise_trajectory.h):
// the cost per object that the object tree will multiply. Run: ./build/bench/demise_bench
#include <benchmark/benchmark.h>

#include "deorbit/reentry/demise_trajectory.h"

namespace deorbit {
namespace {

// The test inputs of docs/validation-demise.md (pure metals, CRC Handbook).
const ThermalMaterial aluminium{"aluminium", 2700, 933.47, 3.97e5, 897, {}, 0.3};
const ThermalMaterial iron{"iron", 7874, 1811, 2.47e5, 449, {}, 0.5};

void fly(benchmark::State& state, const ThermalMaterial& material, double mass) {
  DemiseSettings settings;
  settings.step = state.range(0) / 1000.0;
  settings.sample_interval = 0;
  for (auto _ : state) benchmark::DoNotOptimize(fly_sphere(material, mass, 300.0, {}, settings));
}

void BM_DemiseAluminium1kg(benchmark::State& state) { fly(state, aluminium, 1.0); }
void BM_SurviveIron100kg(benchmark::State& state) { fly(state, iron, 100.0); }
// Argument: the RK4 step in ms (200 is the default).
BENCHMARK(BM_DemiseAluminium1kg)->Arg(25)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SurviveIron100kg)->Arg(25)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace deorbit

BENCHMARK_MAIN();

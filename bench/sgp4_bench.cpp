// Throughput of SGP4 over a whole catalogue: every object x 1,440 one-minute steps from the latest element epoch
// (the sweep of issue 3). Counters: items_per_second = propagations per second (one state = one propagation).
//
//   Sgp4/OneSatellitePath       Sgp4::at for each (object, instant): the one-satellite API in a loop, one thread
//   Sgp4Batch/<simd>/<threads>/<precision>   the batch API into preallocated arrays; threads 0 = all cores
//   Sgp4BatchNewArrays/best/double/threads:1  the batch API returning new arrays (allocated and first touched)
//
// The catalogue is DEORBIT_BENCH_TLE from the environment, else the file named at build time. Run with
// --benchmark_filter to choose, e.g. sgp4_bench --benchmark_filter='Batch/avx512' --benchmark_repetitions=5.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4_batch.h"

namespace {

using namespace deorbit;

struct Workload {
  std::vector<MeanElements> sets;
  std::vector<Epoch> times;
  Sgp4Batch batch;
};

const Workload& workload() {
  static const Workload w = [] {
    const char* env = std::getenv("DEORBIT_BENCH_TLE");
    const std::string path = env && *env ? env : DEORBIT_BENCH_TLE;
    auto sets = read_tle_file(path).records;
    Epoch latest = sets.front().epoch;
    for (const auto& e : sets) latest = std::max(latest, e.epoch);
    std::vector<Epoch> times;
    for (int k = 0; k < 1440; ++k) times.push_back(latest + 60.0 * k);
    Sgp4Batch batch(sets);
    std::cerr << "sgp4_bench: " << path << ": " << batch.size() << " objects (" << batch.deep_space_count()
              << " deep space, " << batch.rejected().size() << " refused) x " << times.size()
              << " instants from " << latest.iso() << " UTC; best kernel " << to_string(sgp4_best_simd())
              << "; hardware threads " << std::thread::hardware_concurrency() << "\n";
    return Workload{std::move(sets), std::move(times), std::move(batch)};
  }();
  return w;
}

void one_satellite_path(benchmark::State& state) {
  const Workload& w = workload();
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t s = 0; s < w.batch.size(); ++s) {
      const Sgp4& sat = w.batch.satellite(s);
      for (const Epoch& t : w.times) {
        const Sgp4State st = sat.at(t);
        sum += st.r.x();
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.batch.size() * w.times.size()));
}

template <class Real>
void batch(benchmark::State& state, Sgp4Simd simd) {
  const Workload& w = workload();
  if (!sgp4_simd_supported(simd)) {
    state.SkipWithError("kernel not supported on this CPU");
    return;
  }
  const auto threads = static_cast<unsigned>(state.range(0));
  const std::size_t n = w.batch.size() * w.times.size();
  std::vector<Real> x(n), y(n), z(n), vx(n), vy(n), vz(n);  // touched here, so page faults are not timed
  std::vector<Sgp4Status> status(n);
  const Sgp4BatchArrays<Real> out{x.data(), y.data(), z.data(), vx.data(), vy.data(), vz.data(), status.data()};
  for (auto _ : state) {
    w.batch.propagate(w.times, 0, w.batch.size(), out, {.threads = threads, .simd = simd});
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.counters["threads"] = threads == 0 ? std::thread::hardware_concurrency() : threads;
}

// The batch API returning new arrays (Sgp4Ephemerides): each iteration allocates the output and first touches it,
// as a caller that does not reuse its arrays does (the Python module's propagate() without out= is compared to it).
void batch_new_arrays(benchmark::State& state) {
  const Workload& w = workload();
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    Sgp4Ephemerides<double> e = w.batch.propagate(w.times, {.threads = threads});
    benchmark::DoNotOptimize(e.x.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.batch.size() * w.times.size()));
}

void batch_double(benchmark::State& state, Sgp4Simd simd) { batch<double>(state, simd); }
void batch_float(benchmark::State& state, Sgp4Simd simd) { batch<float>(state, simd); }

}  // namespace

BENCHMARK(one_satellite_path)->Name("Sgp4/OneSatellitePath")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(batch_double, avx512, Sgp4Simd::Avx512)
    ->Name("Sgp4Batch/avx512/double")->Arg(1)->Arg(0)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(batch_float, avx512, Sgp4Simd::Avx512)
    ->Name("Sgp4Batch/avx512/float")->Arg(1)->Arg(0)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(batch_double, avx2, Sgp4Simd::Avx2)
    ->Name("Sgp4Batch/avx2/double")->Arg(1)->Arg(0)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(batch_new_arrays)->Name("Sgp4BatchNewArrays/best/double")->Arg(1)->ArgName("threads")
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(batch_double, scalar, Sgp4Simd::Scalar)
    ->Name("Sgp4Batch/scalar/double")->Arg(1)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();

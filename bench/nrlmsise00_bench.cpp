// NRLMSISE-00 evaluation cost (Google Benchmark): ns per evaluation through Nrlmsise00::evaluate (everything a
// drag force pays: UTC day of year and seconds, unit conversions, gtd7d) and through the low-level gtd7d, on ISS-
// like points (one day, one point per minute along a 51.6 deg orbit at 410-430 km), on reentry heights (80-120 km,
// the spline branch) and below 72.5 km. Build target: nrlmsise00_bench from this file, linked to deorbit and
// benchmark::benchmark (no test data needed).
#include <cmath>
#include <vector>

#include <benchmark/benchmark.h>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/base/constants.h"

namespace {

using deorbit::AtmosphereInput;
using deorbit::Epoch;
using deorbit::Nrlmsise00;
namespace c = deorbit::constants;

// One simulated day of ISS-like points, one per minute, heights in [h0, h1] km.
std::vector<AtmosphereInput> points(double h0, double h1) {
  std::vector<AtmosphereInput> out;
  const Epoch t0 = Epoch::from_iso("2025-01-01T12:00:00Z");
  for (int k = 0; k < 1440; ++k) {
    const double t = 60.0 * k;
    const double u = 2 * c::pi * t / 5560.0;  // argument of latitude, 92.7 min period
    AtmosphereInput in;
    in.epoch = t0 + t;
    in.place.latitude = std::asin(std::sin(51.64 * c::deg) * std::sin(u));
    in.place.longitude = std::remainder(std::atan2(std::cos(51.64 * c::deg) * std::sin(u), std::cos(u)) -
                                            c::earth_rotation_rate * t + 1.0,
                                        2 * c::pi);
    in.place.height = 1000.0 * (h0 + (h1 - h0) * 0.5 * (1 + std::sin(0.37 * k)));
    in.local_solar_time = std::fmod(12.0 + 24.0 * (0.5 + t / 86400.0) + in.place.longitude * 12 / c::pi + 48, 24.0);
    in.weather.f107_previous_day = 225.4;
    in.weather.f107_81day_centred = 200.3;
    in.weather.ap_daily = 86;
    in.weather.ap_history = {86, 113, 92, 48, 55, 15.875, 5.875};
    out.push_back(in);
  }
  return out;
}

void run(benchmark::State& state, const Nrlmsise00& model, const std::vector<AtmosphereInput>& pts) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.evaluate(pts[i]));
    if (++i == pts.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_Nrlmsise00_Iss(benchmark::State& state) { run(state, Nrlmsise00(false), points(410, 430)); }
void BM_Nrlmsise00_IssApHistory(benchmark::State& state) { run(state, Nrlmsise00(true), points(410, 430)); }
void BM_Nrlmsise00_Reentry80to120km(benchmark::State& state) { run(state, Nrlmsise00(false), points(80, 120)); }
void BM_Nrlmsise00_Below72km(benchmark::State& state) { run(state, Nrlmsise00(false), points(0, 70)); }

void BM_Gtd7d_Iss(benchmark::State& state) {
  const Nrlmsise00 model;
  std::vector<deorbit::nrlmsise00::Input> in;
  for (const auto& p : points(410, 430)) in.push_back(model.model_input(p));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(deorbit::nrlmsise00::gtd7d(in[i], model.switches()));
    if (++i == in.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

BENCHMARK(BM_Nrlmsise00_Iss);
BENCHMARK(BM_Nrlmsise00_IssApHistory);
BENCHMARK(BM_Nrlmsise00_Reentry80to120km);
BENCHMARK(BM_Nrlmsise00_Below72km);
BENCHMARK(BM_Gtd7d_Iss);

}  // namespace

BENCHMARK_MAIN();

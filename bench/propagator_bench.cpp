// Benchmark of the numerical propagator on Orekit reference case D (tests/data/orekit-reference/README.md):
// the ISS for one day with EGM96 20x20, NRLMSISE-00 with space weather, Sun, Moon and SRP, at Orekit's 1 mm
// tolerance rule. Reports ms per simulated day and microseconds per force evaluation (one core). Cases B and C too.
#include <memory>

#include <benchmark/benchmark.h>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/propagate/numerical_propagator.h"

namespace {

using namespace deorbit;

const EarthOrientation& eop() {
  static const EarthOrientation table = EarthOrientation::read(DEORBIT_TEST_DATA "/spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt");
  return table;
}

NumericalPropagatorSettings settings(char which) {
  static const auto weather = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(DEORBIT_TEST_DATA "/spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt"));
  NumericalPropagatorSettings s;
  s.spacecraft = {450000.0, 1500.0, 2.2, 1500.0, 1.3};
  s.position_tolerance = 1e-3;
  s.forces.push_back(std::make_shared<SphericalHarmonicGravity>(egm96_embedded(), 20, 20));
  if (which >= 'C') s.forces.push_back(std::make_shared<Drag>(std::make_shared<Nrlmsise00>(), weather));
  if (which >= 'D') {
    s.forces.push_back(std::make_shared<ThirdBody>(ThirdBody::Body::sun));
    s.forces.push_back(std::make_shared<ThirdBody>(ThirdBody::Body::moon));
    s.forces.push_back(std::make_shared<SolarRadiationPressure>());
  }
  return s;
}

const StateVector kStart{Epoch::from_iso("2025-01-01T12:00:00Z"), Frame::GCRF,
                         Vec3(552012.464072, -5088971.465786, -4478046.272060),
                         Vec3(5948.574568045, 3525.474953144, -3272.328663339)};

void one_day(benchmark::State& state, char which) {
  NumericalPropagator p(settings(which), eop());
  long evaluations = 0;
  for (auto _ : state) {
    PropagationResult r = p.propagate(kStart, kStart.epoch + 86400.0);
    evaluations = r.stats.evaluations;
    benchmark::DoNotOptimize(r);
  }
  state.counters["evaluations_per_day"] = static_cast<double>(evaluations);
  // Seconds of CPU per force evaluation, printed with an SI prefix (u = microseconds).
  state.counters["time_per_evaluation"] = benchmark::Counter(
      static_cast<double>(evaluations) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The first run of a new propagator: the Earth-rotation nodes (full nutation series, 25 per day) are computed
// during the run instead of being shared with earlier runs.
void first_day(benchmark::State& state, char which) {
  const NumericalPropagatorSettings s = settings(which);
  for (auto _ : state) {
    NumericalPropagator p(s, eop());
    benchmark::DoNotOptimize(p.propagate(kStart, kStart.epoch + 86400.0));
  }
}

void acceleration(benchmark::State& state, char which) {
  NumericalPropagator p(settings(which), eop());
  Epoch t = kStart.epoch;
  for (auto _ : state) {
    benchmark::DoNotOptimize(p.acceleration(t, kStart.r, kStart.v, 450000.0));
    t += 1.0;
  }
}

BENCHMARK_CAPTURE(one_day, case_B, 'B')->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(one_day, case_C, 'C')->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(one_day, case_D, 'D')->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(first_day, case_D, 'D')->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(acceleration, case_D_cold_cache, 'D')->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

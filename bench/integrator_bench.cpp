// Benchmarks of the integration driver on the two-body problem (point-mass gravity written inline), so that the
// figures measure the integrator and not the force models:
// - BM_TwoBodyDay: the ISS for one day at Orekit's default tolerances for dP (1 mm and 1 um): time per simulated
//   day, steps per second, evaluations.
// - BM_TwoBodyDayWithEventsAndEphemeris: the same with apsis and node detectors, and/or the dense output of every
//   step kept in an Ephemeris (what a propagator with events pays).
// - BM_Dop853StepOverhead: one DOP853 step attempt with a right-hand side that costs nothing (y' = 0): the
//   integrator's own arithmetic per step (12 stage combinations and the error estimate), without the force.
// - BM_Dop853DenseOutput / BM_DenseEvaluation: computing a step's interpolant (3 stages, force excluded the same
//   way) and evaluating it at one time.
// - BM_PointMassAcceleration: one evaluation of the inline force, to subtract from the per-step time.
#include <cmath>
#include <vector>

#include <benchmark/benchmark.h>

#include "deorbit/propagate/dop853.h"
#include "deorbit/propagate/ephemeris.h"
#include "deorbit/propagate/event_detector.h"
#include "deorbit/propagate/integrate.h"

namespace {

using deorbit::OdeState;
using State = OdeState<7>;

constexpr double kMu = 3.986004415e14;  // [m^3/s^2] as in Orekit's case A

struct PointMass {
  void operator()(double, const State& y, State& d) const {
    const Eigen::Vector3d r = y.head<3>();
    const double r2 = r.squaredNorm();
    d.head<3>() = y.segment<3>(3);
    d.segment<3>(3) = -kMu / (r2 * std::sqrt(r2)) * r;
    d[6] = 0.0;
  }
};

State iss_start() {
  State y;  // GCRF state of tests/data/orekit-reference (2025-01-01T12:00:00 UTC)
  y << 552012.464072, -5088971.465786, -4478046.272060, 5948.574568045, 3525.474953144, -3272.328663339, 450000.0;
  return y;
}

// Orekit's ToleranceProvider rule for Cartesian states (dP, mu dP / (v r^2), relative dP / r), as in the README.
deorbit::IntegratorSettings<7> orekit_settings(double dp) {
  const State y = iss_start();
  const double r = y.head<3>().norm(), v = y.segment<3>(3).norm();
  const double dv = kMu * dp / (v * r * r);
  deorbit::IntegratorSettings<7> s;
  s.tolerances.absolute << dp, dp, dp, dv, dv, dv, 1e-6;
  s.tolerances.relative = State::Constant(dp / r);
  s.step.min_step = 1e-3;
  s.step.max_step = 300.0;
  return s;
}

void report(benchmark::State& state, const deorbit::IntegrationStats& stats) {
  state.counters["steps"] = static_cast<double>(stats.accepted_steps);
  state.counters["evaluations"] = static_cast<double>(stats.evaluations);
  state.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(stats.accepted_steps),
                                                     benchmark::Counter::kIsIterationInvariantRate);
  // CPU seconds per accepted step (printed with an SI prefix: 400n = 400 ns), force evaluations included.
  state.counters["cpu_per_step"] =
      benchmark::Counter(static_cast<double>(stats.accepted_steps),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_TwoBodyDay(benchmark::State& state) {
  const double dp = state.range(0) == 0 ? 1e-3 : 1e-6;
  const auto settings = orekit_settings(dp);
  const State y0 = iss_start();
  deorbit::IntegrationStats stats;
  for (auto _ : state) {
    auto r = deorbit::integrate(PointMass{}, deorbit::Epoch(), 0.0, y0, 86400.0, settings);
    benchmark::DoNotOptimize(r.y);
    stats = r.stats;
  }
  state.SetLabel(dp == 1e-3 ? "dP = 1 mm" : "dP = 1 um");
  report(state, stats);
}
BENCHMARK(BM_TwoBodyDay)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Arg 0: apsis and node detectors (max_check 60 s) only. Arg 1: an Ephemeris only, reused from run to run
// (clear() keeps its memory). Arg 2: both, with a fresh Ephemeris every run (pays for its memory each time).
void BM_TwoBodyDayWithEventsAndEphemeris(benchmark::State& state) {
  const auto settings = orekit_settings(1e-3);
  const State y0 = iss_start();
  const bool events_on = state.range(0) != 1, ephemeris_on = state.range(0) != 0, fresh = state.range(0) == 2;
  std::vector<deorbit::EventDetector<7>> events;
  if (events_on) events = {deorbit::apsis_detector<7>(), deorbit::node_detector<7>()};
  deorbit::IntegrationStats stats;
  deorbit::Ephemeris<7> kept;
  for (auto _ : state) {
    deorbit::Ephemeris<7> local;
    deorbit::Ephemeris<7>& eph = fresh ? local : kept;
    eph.clear();
    auto r = deorbit::integrate(PointMass{}, deorbit::Epoch(), 0.0, y0, 86400.0, settings, events,
                                ephemeris_on ? eph.recorder() : deorbit::StepHandler<7>{});
    benchmark::DoNotOptimize(r.y);
    stats = r.stats;
  }
  state.SetLabel(state.range(0) == 0   ? "dP = 1 mm, apsides + nodes"
                 : state.range(0) == 1 ? "dP = 1 mm, ephemeris (reused)"
                                       : "dP = 1 mm, apsides + nodes + fresh ephemeris");
  report(state, stats);
  state.counters["events"] = static_cast<double>(stats.events);
}
BENCHMARK(BM_TwoBodyDayWithEventsAndEphemeris)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

struct Free {
  void operator()(double, const State&, State& d) const { d.setZero(); }
};

void BM_Dop853StepOverhead(benchmark::State& state) {
  deorbit::Dop853<7> stepper;
  const auto settings = orekit_settings(1e-3);
  Free f;
  State y = iss_start(), f0 = State::Zero(), y_new, f_new;
  double err = 0;
  for (auto _ : state) {
    err += stepper.attempt(f, 0.0, y, f0, 240.0, settings.tolerances, true, y_new, f_new);
    benchmark::DoNotOptimize(y_new);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(err);
}
BENCHMARK(BM_Dop853StepOverhead);

void BM_Dop853DenseOutput(benchmark::State& state) {
  deorbit::Dop853<7> stepper;
  const auto settings = orekit_settings(1e-3);
  Free f;
  State y = iss_start(), f0 = State::Zero(), y_new, f_new;
  (void)stepper.attempt(f, 0.0, y, f0, 240.0, settings.tolerances, true, y_new, f_new);
  deorbit::DenseStep<7> dense;
  for (auto _ : state) {
    stepper.dense_output(f, 0.0, y, y_new, 240.0, dense);
    benchmark::DoNotOptimize(dense.r[7]);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_Dop853DenseOutput);

void BM_DenseEvaluation(benchmark::State& state) {
  deorbit::Dop853<7> stepper;
  const auto settings = orekit_settings(1e-3);
  PointMass f;
  State y = iss_start(), f0, y_new, f_new;
  f(0.0, y, f0);
  (void)stepper.attempt(f, 0.0, y, f0, 240.0, settings.tolerances, true, y_new, f_new);
  deorbit::DenseStep<7> dense;
  stepper.dense_output(f, 0.0, y, y_new, 240.0, dense);
  double t = 17.0;
  for (auto _ : state) {
    State s = dense(t);
    benchmark::DoNotOptimize(s);
    t = t < 230.0 ? t + 1.0 : 17.0;
  }
}
BENCHMARK(BM_DenseEvaluation);

void BM_PointMassAcceleration(benchmark::State& state) {
  PointMass f;
  State y = iss_start(), d;
  for (auto _ : state) {
    f(0.0, y, d);
    benchmark::DoNotOptimize(d);
    y[0] += 1e-3;
  }
}
BENCHMARK(BM_PointMassAcceleration);

}  // namespace

BENCHMARK_MAIN();

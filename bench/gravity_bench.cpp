// Force-model micro-benchmarks: spherical-harmonic gravity (Pines) at several degrees, Sun and Moon series, third
// body and solar radiation pressure. Run: build/bench/gravity_bench (see docs/validation-forces.md for figures).
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/forces/spherical_harmonics.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/frames/solar_system.h"

namespace deorbit {
namespace {

// A field of any degree with EGM-like magnitudes (Kaula's rule 1e-5/n^2): the cost does not depend on the values,
// and the benchmark then runs from a clean clone with no data directory.
GravityField synthetic_field(int degree) {
  GravityField field = GravityField::zero(degree, egm_mu, egm_radius, "synthetic");
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal;
  for (int n = 2; n <= degree; ++n)
    for (int m = 0; m <= n; ++m) {
      field.c[GravityField::index(n, m)] = 1e-5 / (n * n) * normal(rng);
      if (m > 0) field.s[GravityField::index(n, m)] = 1e-5 / (n * n) * normal(rng);
    }
  return field;
}

// Positions along an ISS-like orbit (ITRF-like axes), so branch prediction and caches see realistic variety.
std::vector<Vec3> positions() {
  std::vector<Vec3> out;
  for (int k = 0; k < 64; ++k) {
    const double u = 0.1 * k, i = 0.9;
    const double r = 6.778e6;
    out.emplace_back(r * std::cos(u), r * std::sin(u) * std::cos(i), r * std::sin(u) * std::sin(i));
  }
  return out;
}

void BM_GravityEgm96(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const SphericalHarmonics sh(egm96_embedded(), n, n);
  const auto points = positions();
  std::size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sh.acceleration(points[k++ & 63]));
  }
}
BENCHMARK(BM_GravityEgm96)->Arg(4)->Arg(8)->Arg(12)->Arg(20);

void BM_GravitySynthetic(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const GravityField field = synthetic_field(n);
  const SphericalHarmonics sh(field, n, n);
  const auto points = positions();
  std::size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sh.acceleration(points[k++ & 63]));
  }
}
BENCHMARK(BM_GravitySynthetic)->Arg(20)->Arg(36)->Arg(70)->Arg(100)->Arg(360);

void BM_GravityForceModel(benchmark::State& state) {
  const SphericalHarmonicGravity gravity(egm96_embedded(), 20, 20);
  ForceContext ctx;
  ctx.r = Vec3(552012.464072, -5088971.465786, -4478046.272060);
  ctx.r_itrf = ctx.r;
  for (auto _ : state) {
    benchmark::DoNotOptimize(gravity.acceleration(ctx));
    ctx.r_itrf.x() += 1e-3;
  }
}
BENCHMARK(BM_GravityForceModel);

void BM_SunPosition(benchmark::State& state) {
  Epoch t = Epoch::from_iso("2025-01-01T12:00:00");
  for (auto _ : state) {
    benchmark::DoNotOptimize(sun_position_gcrf(t));
    t += 1.0;
  }
}
BENCHMARK(BM_SunPosition);

void BM_MoonPosition(benchmark::State& state) {
  Epoch t = Epoch::from_iso("2025-01-01T12:00:00");
  for (auto _ : state) {
    benchmark::DoNotOptimize(moon_position_gcrf(t));
    t += 1.0;
  }
}
BENCHMARK(BM_MoonPosition);

ForceContext iss_context() {
  static const Spacecraft sc{450000.0, 1500.0, 2.2, 1500.0, 1.3};
  ForceContext ctx;
  ctx.epoch = Epoch::from_iso("2025-01-01T12:00:00");
  ctx.r = Vec3(552012.464072, -5088971.465786, -4478046.272060);
  ctx.v = Vec3(5948.574568045, 3525.474953144, -3272.328663339);
  ctx.r_itrf = ctx.r;
  ctx.sun = sun_position_gcrf(ctx.epoch);
  ctx.moon = moon_position_gcrf(ctx.epoch);
  ctx.mass = sc.mass;
  ctx.spacecraft = &sc;
  return ctx;
}

void BM_ThirdBodySunAndMoon(benchmark::State& state) {
  const ThirdBody sun(ThirdBody::sun()), moon(ThirdBody::moon());
  ForceContext ctx = iss_context();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sun.acceleration(ctx) + moon.acceleration(ctx));
    ctx.r.x() += 1e-3;
  }
}
BENCHMARK(BM_ThirdBodySunAndMoon);

void BM_SolarRadiationPressure(benchmark::State& state) {
  SrpOptions options;
  options.shadow = static_cast<ShadowModel>(state.range(0));
  const SolarRadiationPressure srp(options);
  ForceContext ctx = iss_context();
  for (auto _ : state) {
    benchmark::DoNotOptimize(srp.acceleration(ctx));
    ctx.r.x() += 1e-3;
  }
}
BENCHMARK(BM_SolarRadiationPressure)
    ->Arg(static_cast<int>(ShadowModel::cylindrical))
    ->Arg(static_cast<int>(ShadowModel::conical_sphere))
    ->Arg(static_cast<int>(ShadowModel::conical_ellipsoid));

}  // namespace
}  // namespace deorbit

BENCHMARK_MAIN();

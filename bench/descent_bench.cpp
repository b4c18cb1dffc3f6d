// Descent of fragments from a 78 km breakup to the ground (reentry/descent.h), and the footprint, zone and land
// checks that follow it in a plan (reentry/footprint.h, risk/). Run: ./build/bench/descent_bench
#include <cmath>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/footprint.h"
#include "deorbit/risk/land.h"
#include "deorbit/risk/target_zone.h"

namespace deorbit {
namespace {

using constants::deg;

StateVector breakup() {
  const double lat = -38 * deg, lon = -150 * deg, speed = 7300.0, fpa = 1.5 * deg, heading = 110 * deg;
  const Vec3 up(std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat));
  const Vec3 east(-std::sin(lon), std::cos(lon), 0.0);
  const Vec3 north = up.cross(east);
  Vec3 v = speed * (std::cos(fpa) * (std::cos(heading) * north + std::sin(heading) * east) - std::sin(fpa) * up);
  return {Epoch::from_iso("2031-01-15T10:00:00Z"), Frame::ITRF, to_itrf({lat, lon, 78e3}), v};
}

// Ballistic coefficients from 10 to 1,500 kg/m^2, as a station's debris list spans.
std::vector<Fragment> fragments(int n) {
  std::vector<Fragment> out;
  for (int i = 0; i < n; ++i) {
    double beta = 10.0 * std::pow(150.0, static_cast<double>(i) / std::max(1, n - 1));
    out.push_back({fmt::format("f{}", i), beta * 2.0, 2.0, 1.0, 1});
  }
  return out;
}

void BM_Descend(benchmark::State& state) {
  auto frags = fragments(static_cast<int>(state.range(0)));
  StateVector start = breakup();
  DescentSettings settings;
  for (auto _ : state) benchmark::DoNotOptimize(descend(start, frags, settings));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Descend)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

void BM_FootprintZoneLand(benchmark::State& state) {
  auto descents = descend(breakup(), fragments(10), {});
  auto impacts = impacts_of(descents);
  TargetZone zone = TargetZone::south_pacific_default();
  const LandMask& land = LandMask::embedded();
  for (auto _ : state) {
    Footprint fp = make_footprint(impacts);
    Containment c = assess(zone, fp);
    double nearest = 1e300;
    for (const Impact& i : fp.impacts) nearest = std::min(nearest, land.distance_to_land(i.latitude, i.longitude));
    benchmark::DoNotOptimize(c);
    benchmark::DoNotOptimize(nearest);
  }
}
BENCHMARK(BM_FootprintZoneLand)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace deorbit

BENCHMARK_MAIN();

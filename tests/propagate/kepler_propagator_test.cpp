#include <cmath>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/propagate/kepler_propagator.h"

namespace deorbit {
namespace {

TEST(KeplerPropagator, ReturnsToTheStartAfterOnePeriodAndConservesEnergy) {
  KeplerianElements k{6778137.0, 0.01, 51.6 * constants::deg, 1.0, 2.0, 3.0};
  auto [r, v] = to_cartesian(k);
  StateVector s{Epoch::from_iso("2026-01-01T00:00:00Z"), Frame::GCRF, r, v};
  double period = constants::two_pi * std::sqrt(std::pow(k.semi_major_axis, 3) / constants::mu_earth);
  StateVector after = propagate_kepler(s, s.epoch + period);
  EXPECT_LT((after.r - r).norm(), 1e-5);
  EXPECT_LT((after.v - v).norm(), 1e-8);
  StateVector half = propagate_kepler(s, s.epoch + period / 2);
  auto energy = [](const StateVector& x) { return x.v.squaredNorm() / 2 - constants::mu_earth / x.r.norm(); };
  EXPECT_NEAR(energy(half), energy(s), 1e-9 * std::abs(energy(s)));
  EXPECT_LT((half.r.cross(half.v) - r.cross(v)).norm(), 1e-6 * r.cross(v).norm());
  // Backwards in time too.
  StateVector back = propagate_kepler(half, s.epoch);
  EXPECT_LT((back.r - r).norm(), 1e-5);
}

TEST(KeplerPropagator, RefusesEarthFixedStates) {
  StateVector s{Epoch(), Frame::ITRF, Vec3(7e6, 0, 0), Vec3(0, 7.5e3, 0)};
  EXPECT_THROW((void)propagate_kepler(s, Epoch() + 60.0), InputError);
}

}  // namespace
}  // namespace deorbit

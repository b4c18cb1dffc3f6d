// Reference: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., algorithm 7 (KeplerCOE).
#include "deorbit/propagate/kepler_propagator.h"

#include <cmath>

#include "deorbit/base/error.h"
#include "deorbit/orbit/keplerian.h"

namespace deorbit {

StateVector propagate_kepler(const StateVector& state, const Epoch& to, double mu) {
  if (state.frame == Frame::ITRF) throw InputError("two-body propagation needs an inertial frame, not ITRF");
  KeplerianElements k = to_keplerian(state.r, state.v, mu);
  double a = std::abs(k.semi_major_axis);
  double n = std::sqrt(mu / (a * a * a));  // [rad/s] mean motion
  double e = k.eccentricity;
  double m0 = eccentric_to_mean_anomaly(true_to_eccentric_anomaly(k.true_anomaly, e), e);
  double m = m0 + n * (to - state.epoch);
  k.true_anomaly = eccentric_to_true_anomaly(mean_to_eccentric_anomaly(m, e), e);
  auto [r, v] = to_cartesian(k, mu);
  return {to, state.frame, r, v};
}

}  // namespace deorbit

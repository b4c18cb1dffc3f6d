// Shared pieces of the integrator tests: the point-mass two-body problem written inline (a = -mu r / |r|^3) on the
// propagator's 7-component state, and its exact (Kepler) solution.
#pragma once

#include <cmath>

#include "deorbit/base/constants.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/propagate/kepler_propagator.h"
#include "deorbit/propagate/ode.h"

namespace deorbit::testing {

inline constexpr double mu = 3.986004418e14;  // [m^3/s^2]

using State7 = OdeState<7>;

//! y = (r [m], v [m/s], m [kg]); y' = (v, -mu r / |r|^3, 0).
struct TwoBody {
  void operator()(double, const State7& y, State7& dydt) const {
    const Eigen::Vector3d r = y.head<3>();
    const double r2 = r.squaredNorm();
    const double inv_r3 = 1.0 / (r2 * std::sqrt(r2));
    dydt.head<3>() = y.segment<3>(3);
    dydt.segment<3>(3) = -mu * inv_r3 * r;
    dydt[6] = 0.0;
  }
};

inline State7 state_of(const KeplerianElements& k, double mass = 1000.0) {
  auto [r, v] = to_cartesian(k, mu);
  State7 y;
  y << r, v, mass;
  return y;
}

//! The exact two-body state at t [s] after (epoch0, y0).
inline State7 kepler_at(const Epoch& epoch0, const State7& y0, double t) {
  StateVector s{epoch0, Frame::GCRF, y0.head<3>(), y0.segment<3>(3)};
  StateVector out = propagate_kepler(s, epoch0 + t, mu);
  State7 y;
  y << out.r, out.v, y0[6];
  return y;
}

//! [s] Time from periapsis to true anomaly nu [rad] on an ellipse (in [0, period)).
inline double time_since_periapsis(double nu, double a, double e) {
  const double n = std::sqrt(mu / (a * a * a));
  double m = eccentric_to_mean_anomaly(true_to_eccentric_anomaly(nu, e), e);
  m = std::fmod(m, constants::two_pi);
  if (m < 0) m += constants::two_pi;
  return m / n;
}

//! Tight tolerances for the orbit state: position [m], velocity [m/s], mass [kg], and a relative one.
inline Tolerances<7> orbit_tolerances(double position, double velocity, double relative) {
  Tolerances<7> t;
  t.absolute << position, position, position, velocity, velocity, velocity, 1e-6;
  t.relative = State7::Constant(relative);
  return t;
}

}  // namespace deorbit::testing

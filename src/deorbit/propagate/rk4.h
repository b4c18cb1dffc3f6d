// The classic 4th-order Runge-Kutta method with fixed steps: a reference for tests (no error control, no events,
// no dense output). For fixed steps with events and dense output use integrate() with StepControl::fixed_step.
#pragma once

#include <cmath>
#include <cstdlib>

#include "deorbit/propagate/ode.h"

namespace deorbit {

//! One classic RK4 step of signed size h [s] from (t, y).
template <int N, class Ode>
  requires OdeFunction<Ode, N>
[[nodiscard]] OdeState<N> rk4_step(Ode&& f, double t, const OdeState<N>& y, double h) {
  OdeState<N> k1, k2, k3, k4;
  f(t, y, k1);
  f(t + 0.5 * h, OdeState<N>(y + 0.5 * h * k1), k2);
  f(t + 0.5 * h, OdeState<N>(y + 0.5 * h * k2), k3);
  f(t + h, OdeState<N>(y + h * k3), k4);
  return y + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
}

//! Integrates from (t0, y0) to t_end [s] (either direction) in steps of magnitude `step` [s] > 0, the last step cut
//! to land on t_end exactly. Returns the state at t_end (non-finite if f produced non-finite values: check).
template <int N, class Ode>
  requires OdeFunction<Ode, N>
[[nodiscard]] OdeState<N> rk4_integrate(Ode&& f, double t0, const OdeState<N>& y0, double t_end, double step) {
  OdeState<N> y = y0;
  if (!(step > 0) || t_end == t0) return y;
  const double dir = t_end > t0 ? 1.0 : -1.0;
  const long n = static_cast<long>(std::ceil(std::abs(t_end - t0) / step * (1 - 1e-12)));
  double t = t0;
  for (long i = 1; i <= n; ++i) {
    const double t_next = i == n ? t_end : t0 + dir * step * static_cast<double>(i);
    y = rk4_step<N>(f, t, y, t_next - t);
    t = t_next;
  }
  return y;
}

}  // namespace deorbit

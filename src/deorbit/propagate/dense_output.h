// Dense output: the continuous extension of one integration step, a polynomial in time valid over the step.
#pragma once

#include <algorithm>
#include <array>

#include "deorbit/propagate/ode.h"

namespace deorbit {

//! DOP853's 7th-order continuous extension of one step from t0 to t0 + h (Hairer, Norsett, Wanner, sec. II.10,
//! the CONTD8 form): with s = (t - t0) / h and s1 = 1 - s,
//!   y(t) = r0 + s (r1 + s1 (r2 + s (r3 + s1 (r4 + s (r5 + s1 (r6 + s r7)))))).
//! It equals the step's end points exactly at s = 0 and s = 1 (to rounding) and carries an error of the order of
//! the step's local error in between. Units are those of the state.
template <int N>
struct DenseStep {
  double t0 = 0;  //!< [s] start of the step (time since the reference epoch)
  double h = 0;   //!< [s] signed length of the step (negative when integrating backward)
  std::array<OdeState<N>, 8> r{};  //!< coefficient vectors, in state units

  //! [s] end of the step.
  [[nodiscard]] double t1() const { return t0 + h; }

  //! The interpolated state at t [s]. Meant for t inside the step; outside it extrapolates (with growing error).
  [[nodiscard]] OdeState<N> operator()(double t) const {
    const double s = (t - t0) / h;
    const double s1 = 1.0 - s;
    return r[0] + s * (r[1] + s1 * (r[2] + s * (r[3] + s1 * (r[4] + s * (r[5] + s1 * (r[6] + s * r[7]))))));
  }

  //! One component of the interpolated state (cheaper when only one is needed).
  [[nodiscard]] double component(double t, int i) const {
    const double s = (t - t0) / h;
    const double s1 = 1.0 - s;
    return r[0][i] +
           s * (r[1][i] + s1 * (r[2][i] + s * (r[3][i] + s1 * (r[4][i] + s * (r[5][i] + s1 * (r[6][i] + s * r[7][i]))))));
  }
};

//! A piece of a run: the dense output of one step, used over [t_begin, t_end] (a part of the step when an event
//! cut it short; t_end < t_begin in a backward run). This is what step handlers and the Ephemeris receive.
template <int N>
struct DensePiece {
  double t_begin = 0;  //!< [s] first time the piece covers
  double t_end = 0;    //!< [s] last time the piece covers
  DenseStep<N> step;   //!< the interpolant of the step the piece belongs to

  //! True when t lies in the piece's closed interval [t_begin, t_end] (either order).
  [[nodiscard]] bool contains(double t) const {
    return t >= std::min(t_begin, t_end) && t <= std::max(t_begin, t_end);
  }
};

}  // namespace deorbit

// Dormand-Prince 8(5,3): an explicit Runge-Kutta method of order 8 with a combined 5th/3rd-order error estimate and
// a 7th-order dense output (Hairer, Norsett, Wanner, "Solving Ordinary Differential Equations I", 2nd ed., sec.
// II.10). This file holds one step of it; the loop, step-size control and events are in integrate.h.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "deorbit/propagate/dense_output.h"
#include "deorbit/propagate/dop853_tableau.h"
#include "deorbit/propagate/ode.h"

namespace deorbit {

//! One DOP853 step engine for a state of N components. Holds the stage derivatives of the last attempted step
//! (16 vectors of N doubles, no heap). Costs 12 evaluations of f per step (the 13th, f at the new point, is the
//! first of the next step) and 3 more when the dense output of the step is asked for.
template <int N>
class Dop853 {
 public:
  using State = OdeState<N>;

  //! Attempts the step (t, y) -> t + h, given f0 = f(t, y). Writes the 8th-order solution into y_new and
  //! f(t + h, y_new) into f_new. Returns the error norm of DOP853 (accept when <= 1):
  //!   err = |h| E5 / sqrt(N (E5 + 0.01 E3)), E5 = sum_i (e5_i / sk_i)^2, E3 = sum_i (e3_i / sk_i)^2,
  //!   sk_i = atol_i + rtol_i max(|y_i|, |y_new_i|),
  //! where e5 and e3 are the 5th- and 3rd-order error estimates. With estimate_error false it returns 0.
  //! A non-finite stage shows as a non-finite y_new, f_new or error; first_nonfinite_stage() says which.
  template <class Ode>
  double attempt(Ode& f, double t, const State& y, const State& f0, double h, const Tolerances<N>& tol,
                 bool estimate_error, State& y_new, State& f_new) {
    using namespace dop853;
    auto& k = k_;
    k[0] = f0;
    State z;
    // Stage by stage, one loop over the components each (faster than deep Eigen expression templates for N ~ 7).
    auto stage = [&](int s, double c, auto&& combination) {
      for (int i = 0; i < N; ++i) z[i] = y[i] + h * combination(i);
      f(t + c * h, z, k[static_cast<std::size_t>(s)]);
    };
    stage(1, c2, [&](int i) { return a21 * k[0][i]; });
    stage(2, c3, [&](int i) { return a31 * k[0][i] + a32 * k[1][i]; });
    stage(3, c4, [&](int i) { return a41 * k[0][i] + a43 * k[2][i]; });
    stage(4, c5, [&](int i) { return a51 * k[0][i] + a53 * k[2][i] + a54 * k[3][i]; });
    stage(5, c6, [&](int i) { return a61 * k[0][i] + a64 * k[3][i] + a65 * k[4][i]; });
    stage(6, c7, [&](int i) { return a71 * k[0][i] + a74 * k[3][i] + a75 * k[4][i] + a76 * k[5][i]; });
    stage(7, c8, [&](int i) {
      return a81 * k[0][i] + a84 * k[3][i] + a85 * k[4][i] + a86 * k[5][i] + a87 * k[6][i];
    });
    stage(8, c9, [&](int i) {
      return a91 * k[0][i] + a94 * k[3][i] + a95 * k[4][i] + a96 * k[5][i] + a97 * k[6][i] + a98 * k[7][i];
    });
    stage(9, c10, [&](int i) {
      return a101 * k[0][i] + a104 * k[3][i] + a105 * k[4][i] + a106 * k[5][i] + a107 * k[6][i] + a108 * k[7][i] +
             a109 * k[8][i];
    });
    stage(10, c11, [&](int i) {
      return a111 * k[0][i] + a114 * k[3][i] + a115 * k[4][i] + a116 * k[5][i] + a117 * k[6][i] + a118 * k[7][i] +
             a119 * k[8][i] + a1110 * k[9][i];
    });
    stage(11, 1.0, [&](int i) {
      return a121 * k[0][i] + a124 * k[3][i] + a125 * k[4][i] + a126 * k[5][i] + a127 * k[6][i] + a128 * k[7][i] +
             a129 * k[8][i] + a1210 * k[9][i] + a1211 * k[10][i];
    });
    State incr, e5, e3;
    for (int i = 0; i < N; ++i) {
      incr[i] = b1 * k[0][i] + b6 * k[5][i] + b7 * k[6][i] + b8 * k[7][i] + b9 * k[8][i] + b10 * k[9][i] +
                b11 * k[10][i] + b12 * k[11][i];
      y_new[i] = y[i] + h * incr[i];
    }
    f(t + h, y_new, f_new);
    k[12] = f_new;
    if (!estimate_error) return 0.0;

    const State sk =
        tol.absolute.array() + tol.relative.array() * y.array().abs().max(y_new.array().abs());
    for (int i = 0; i < N; ++i) {
      e5[i] = er1 * k[0][i] + er6 * k[5][i] + er7 * k[6][i] + er8 * k[7][i] + er9 * k[8][i] + er10 * k[9][i] +
              er11 * k[10][i] + er12 * k[11][i];
      e3[i] = incr[i] - bhh1 * k[0][i] - bhh2 * k[8][i] - bhh3 * k[11][i];
    }
    const double err5 = (e5.array() / sk.array()).square().sum();
    const double err3 = (e3.array() / sk.array()).square().sum();
    double deno = err5 + 0.01 * err3;
    if (deno <= 0.0) deno = 1.0;
    return std::abs(h) * err5 / std::sqrt(static_cast<double>(N) * deno);
  }

  //! The dense output of the step last attempted (and accepted) from (t, y) with size h to y_new; evaluates f
  //! three more times. Must follow the matching attempt() with no other attempt in between.
  template <class Ode>
  void dense_output(Ode& f, double t, const State& y, const State& y_new, double h, DenseStep<N>& out) {
    using namespace dop853;
    auto& k = k_;
    State z;
    z = y + h * (a141 * k[0] + a147 * k[6] + a148 * k[7] + a149 * k[8] + a1410 * k[9] + a1411 * k[10] +
                 a1412 * k[11] + a1413 * k[12]);
    f(t + c14 * h, z, k[13]);
    z = y + h * (a151 * k[0] + a156 * k[5] + a157 * k[6] + a158 * k[7] + a1511 * k[10] + a1512 * k[11] +
                 a1513 * k[12] + a1514 * k[13]);
    f(t + c15 * h, z, k[14]);
    z = y + h * (a161 * k[0] + a166 * k[5] + a167 * k[6] + a168 * k[7] + a169 * k[8] + a1613 * k[12] +
                 a1614 * k[13] + a1615 * k[14]);
    f(t + c16 * h, z, k[15]);

    out.t0 = t;
    out.h = h;
    auto& r = out.r;
    r[0] = y;
    r[1] = y_new - y;
    r[2] = h * k[0] - r[1];
    r[3] = r[1] - h * k[12] - r[2];
    // One pass over the components for the four long combinations (faster than four deep expression templates).
    for (int i = 0; i < N; ++i) {
      const double k0 = k[0][i], k5 = k[5][i], k6 = k[6][i], k7 = k[7][i], k8 = k[8][i], k9 = k[9][i],
                   k10 = k[10][i], k11 = k[11][i], k12 = k[12][i], k13 = k[13][i], k14 = k[14][i], k15 = k[15][i];
      r[4][i] = h * (d41 * k0 + d46 * k5 + d47 * k6 + d48 * k7 + d49 * k8 + d410 * k9 + d411 * k10 + d412 * k11 +
                     d413 * k12 + d414 * k13 + d415 * k14 + d416 * k15);
      r[5][i] = h * (d51 * k0 + d56 * k5 + d57 * k6 + d58 * k7 + d59 * k8 + d510 * k9 + d511 * k10 + d512 * k11 +
                     d513 * k12 + d514 * k13 + d515 * k14 + d516 * k15);
      r[6][i] = h * (d61 * k0 + d66 * k5 + d67 * k6 + d68 * k7 + d69 * k8 + d610 * k9 + d611 * k10 + d612 * k11 +
                     d613 * k12 + d614 * k13 + d615 * k14 + d616 * k15);
      r[7][i] = h * (d71 * k0 + d76 * k5 + d77 * k6 + d78 * k7 + d79 * k8 + d710 * k9 + d711 * k10 + d712 * k11 +
                     d713 * k12 + d714 * k13 + d715 * k14 + d716 * k15);
    }
  }

  //! Index (0-based, 0..15) of the first stage of the last attempt whose derivative is not finite, or -1.
  [[nodiscard]] int first_nonfinite_stage() const {
    for (int i = 0; i < 16; ++i)
      if (!k_[static_cast<std::size_t>(i)].allFinite()) return i;
    return -1;
  }

  //! [-] the node c_i of stage i (0-based): the stage is evaluated at t + c_i h.
  [[nodiscard]] static double node(int i) {
    using namespace dop853;
    static constexpr std::array<double, 16> c{0.0, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, 1.0, 1.0, c14, c15, c16};
    return c[static_cast<std::size_t>(std::clamp(i, 0, 15))];
  }

  //! [s] Hairer's HINIT: a first step size for order 8 from f0 = f(t, y) and one more evaluation of f, bounded by
  //! max_step. `direction` is +1 or -1. Returns a positive magnitude.
  template <class Ode>
  static double initial_step(Ode& f, double t, const State& y, const State& f0, double direction, double max_step,
                             const Tolerances<N>& tol) {
    const State sk = tol.absolute.array() + tol.relative.array() * y.array().abs();
    const double dnf = (f0.array() / sk.array()).square().sum();
    const double dny = (y.array() / sk.array()).square().sum();
    double h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : std::sqrt(dny / dnf) * 0.01;
    h = std::min(h, max_step);
    const State y1 = y + direction * h * f0;
    State f1;
    f(t + direction * h, y1, f1);
    double der2 = std::sqrt(((f1 - f0).array() / sk.array()).square().sum()) / h;
    if (!std::isfinite(der2)) der2 = 0.0;  // the caller notices a non-finite f on its first step
    const double der12 = std::max(std::abs(der2), std::sqrt(dnf));
    const double h1 = der12 <= 1e-15 ? std::max(1e-6, h * 1e-3) : std::pow(0.01 / der12, 1.0 / 8.0);
    double result = std::min({100.0 * h, h1, max_step});
    if (!(result > 0.0) || !std::isfinite(result)) result = std::min(1e-6, max_step);
    return result;
  }

 private:
  std::array<State, 16> k_{};
};

}  // namespace deorbit

// Bracketed root finding for the event locator: the Illinois variant of regula falsi with a bisection safeguard.
// Reference: Dowell and Jarratt, "A modified regula falsi method for computing the root of an equation",
// BIT 11 (1971) 168-174.
#pragma once

#include <cmath>

namespace deorbit {

//! The result of locating a sign change of a function on a bracket [a, b].
struct RootBracket {
  double before = 0;      //!< end of the final bracket on the side of a (function has a's sign there, or is 0)
  double after = 0;       //!< end of the final bracket on the side of b: the function has b's sign there, or is
                          //!< exactly zero (then before == after)
  double f_after = 0;     //!< function value at `after`
  int evaluations = 0;    //!< function evaluations spent
  bool converged = false; //!< |after - before| <= tolerance, or an exact zero was met
};

//! Locates a sign change of the continuous function `f` between a and b (either order: b may be less than a),
//! given fa = f(a) and fb = f(b) with fb != 0 and fa of the other sign or zero (fa == 0: the root is a itself).
//! Narrows the bracket to a width <= tolerance (>= 0; the floating-point spacing bounds it from below) or stops
//! after max_iterations evaluations. Never evaluates f outside [a, b]. The Illinois rule halves the retained end's
//! value when the same end is kept twice, which makes the convergence superlinear (order about 1.44); a bisection
//! every time the bracket fails to halve in three iterations bounds the worst case.
template <class F>
[[nodiscard]] RootBracket locate_sign_change(F&& f, double a, double fa, double b, double fb, double tolerance,
                                             int max_iterations = 100) {
  RootBracket out;
  if (fa == 0.0) {
    out.before = out.after = a;
    out.f_after = 0.0;
    out.converged = true;
    return out;
  }
  // a stays on the "before" side, b on the "after" side. fa_s and fb_s are the values used by the secant (halved
  // by the Illinois rule); the true values only matter through their signs, which halving keeps.
  double fa_s = fa, fb_s = fb;
  int kept = 0;  // -1: a was kept (b moved) last time, +1: b was kept, 0: none yet
  double window_width = std::abs(b - a);
  int window_count = 0;
  bool bisect = false;
  while (std::abs(b - a) > tolerance && out.evaluations < max_iterations) {
    const double lo = std::fmin(a, b), hi = std::fmax(a, b);
    const double mid = 0.5 * (a + b);
    double x = bisect ? mid : b - fb_s * (b - a) / (fb_s - fa_s);
    if (!(x > lo && x < hi)) x = mid;
    if (!(x > lo && x < hi)) break;  // no double strictly between a and b: as narrow as it gets
    bisect = false;
    const double fx = f(x);
    ++out.evaluations;
    if (fx == 0.0) {
      out.before = out.after = x;
      out.f_after = 0.0;
      out.converged = true;
      return out;
    }
    if ((fx > 0) == (fb > 0)) {  // x is on the after side: the root is between a and x
      b = x;
      fb = fx;
      fb_s = fx;
      if (kept == -1) fa_s *= 0.5;  // a kept twice in a row
      kept = -1;
    } else {  // x is on the before side: the root is between x and b
      a = x;
      fa_s = fx;
      if (kept == +1) fb_s *= 0.5;  // b kept twice in a row
      kept = +1;
    }
    if (++window_count == 3) {  // the bracket must halve every three iterations, else bisect once
      bisect = std::abs(b - a) > 0.5 * window_width;
      window_count = 0;
      window_width = std::abs(b - a);
    }
  }
  out.before = a;
  out.after = b;
  out.f_after = fb;
  const double mid = 0.5 * (a + b);
  out.converged = std::abs(b - a) <= tolerance || !(mid > std::fmin(a, b) && mid < std::fmax(a, b));
  return out;
}

}  // namespace deorbit

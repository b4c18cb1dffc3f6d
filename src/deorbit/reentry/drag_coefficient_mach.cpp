// Reference: C. B. Henderson, AIAA Journal 14(6), 707-708 (1976), eqs. for M < 1 and M > 1.75 with Re -> infinity.
#include "deorbit/reentry/drag_coefficient_mach.h"

#include <cmath>

namespace deorbit {
namespace {

double subsonic(double m) {
  double m2 = m * m, m4 = m2 * m2;
  return 0.38 + 0.1 * m2 + 0.2 * m4 * m4;
}
double supersonic(double m) { return 0.9 + 0.34 / (m * m); }

}  // namespace

double sphere_drag_coefficient(double mach) {
  if (!(mach >= 0)) return std::isnan(mach) ? mach : subsonic(0.0);
  if (mach <= 1.0) return subsonic(mach);
  if (mach >= 1.75) return supersonic(mach);
  double f = (mach - 1.0) / 0.75;
  return (1.0 - f) * subsonic(1.0) + f * supersonic(1.75);
}

double mach_drag_factor(double mach) { return sphere_drag_coefficient(mach) / sphere_hypersonic_drag_coefficient; }

}  // namespace deorbit

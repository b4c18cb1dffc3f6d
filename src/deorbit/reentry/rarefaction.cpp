// Sources: see rarefaction.h.
#include "deorbit/reentry/rarefaction.h"

#include <cmath>
#include <numbers>

#include "deorbit/base/error.h"

namespace deorbit {

double mean_free_path(double number_density) {
  if (!(number_density > 0) || !std::isfinite(number_density))
    throw InputError("rarefaction.cpp: mean_free_path: number density must be finite and > 0");
  return 1.0 / (std::numbers::sqrt2 * std::numbers::pi * us76_collision_diameter * us76_collision_diameter *
                number_density);
}

double knudsen_number(double number_density, double length) {
  if (!(length > 0) || !std::isfinite(length))
    throw InputError("rarefaction.cpp: knudsen_number: length must be finite and > 0");
  return mean_free_path(number_density) / length;
}

double free_molecular_fraction(double knudsen) {
  if (std::isnan(knudsen)) throw InputError("rarefaction.cpp: free_molecular_fraction: Knudsen number is NaN");
  if (knudsen <= continuum_knudsen) return 0.0;
  if (knudsen >= free_molecular_knudsen) return 1.0;
  double s = std::sin(0.5 * std::numbers::pi * (std::log10(knudsen) + 2.0) / 3.0);
  return s * s;
}

double bridge(double continuum, double free_molecular, double knudsen) {
  return continuum + (free_molecular - continuum) * free_molecular_fraction(knudsen);
}

}  // namespace deorbit

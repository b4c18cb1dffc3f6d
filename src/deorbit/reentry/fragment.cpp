#include "deorbit/reentry/fragment.h"

#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {

double Fragment::ballistic_coefficient() const { return mass / (drag_coefficient * reference_area); }

void validate(const Fragment& f) {
  auto positive = [&](double value, const char* field, const char* unit) {
    if (!(value > 0) || !std::isfinite(value))
      throw InputError(fmt::format("fragment '{}': {} must be a finite number > 0 {}, found {}", f.name, field, unit,
                                   value));
  };
  positive(f.mass, "mass", "kg");
  positive(f.reference_area, "reference area", "m^2");
  positive(f.drag_coefficient, "drag coefficient", "");
  if (f.count < 1) throw InputError(fmt::format("fragment '{}': count must be >= 1, found {}", f.name, f.count));
}

}  // namespace deorbit

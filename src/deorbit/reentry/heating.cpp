// Sources: see heating.h.
#include "deorbit/reentry/heating.h"

#include <algorithm>
#include <cmath>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

void check_flow(const char* who, double density, double speed, double nose_radius) {
  if (!(density >= 0) || !(speed >= 0) || !(nose_radius > 0) || !std::isfinite(density) || !std::isfinite(speed) ||
      !std::isfinite(nose_radius))
    throw InputError(std::string("heating.cpp: ") + who +
                     ": needs density >= 0, speed >= 0, nose radius > 0, all finite");
}

}  // namespace

double stagnation_heat_flux_dkr(double density, double speed, double nose_radius) {
  check_flow("stagnation_heat_flux_dkr", density, speed, nose_radius);
  return dkr_constant / std::sqrt(nose_radius) * std::sqrt(density / sea_level_density) *
         std::pow(speed / dkr_circular_speed, 3.15);
}

double stagnation_heat_flux_detra_hidalgo(double density, double speed, double nose_radius) {
  check_flow("stagnation_heat_flux_detra_hidalgo", density, speed, nose_radius);
  return detra_hidalgo_constant * std::sqrt(density / nose_radius) * std::pow(speed, 3.15);
}

double stagnation_heat_flux_sutton_graves(double density, double speed, double nose_radius) {
  check_flow("stagnation_heat_flux_sutton_graves", density, speed, nose_radius);
  return sutton_graves_air * std::sqrt(density / nose_radius) * speed * speed * speed;
}

double free_molecular_heat_flux(double density, double speed, double accommodation) {
  check_flow("free_molecular_heat_flux", density, speed, 1.0);
  if (!(accommodation >= 0 && accommodation <= 1))
    throw InputError("heating.cpp: free_molecular_heat_flux: accommodation coefficient must be in [0, 1]");
  return 0.5 * accommodation * density * speed * speed * speed;
}

double radiated_heat_flux(double emissivity, double wall_temperature, double ambient_temperature) {
  if (!(emissivity >= 0 && emissivity <= 1) || !(wall_temperature >= 0) || !(ambient_temperature >= 0) ||
      !std::isfinite(wall_temperature) || !std::isfinite(ambient_temperature))
    throw InputError("heating.cpp: radiated_heat_flux: needs emissivity in [0, 1] and finite temperatures >= 0 K");
  double t2 = wall_temperature * wall_temperature, a2 = ambient_temperature * ambient_temperature;
  return emissivity * stefan_boltzmann * (t2 * t2 - a2 * a2);
}

std::string_view heated_shape_name(HeatedShape shape) {
  switch (shape) {
    case HeatedShape::sphere: return "sphere";
    case HeatedShape::cylinder: return "cylinder";
    case HeatedShape::box: return "box";
    case HeatedShape::flat_plate: return "flat plate";
  }
  return "unknown shape";
}

double tumbling_average_factor(HeatedShape) { return 0.25; }

double heating_reference_radius(HeatedShape shape, double a, double b) {
  switch (shape) {
    case HeatedShape::sphere:
    case HeatedShape::cylinder:
      if (!(a > 0) || !std::isfinite(a)) throw InputError("heating.cpp: heating_reference_radius: radius must be > 0");
      return a;
    case HeatedShape::box:
    case HeatedShape::flat_plate:
      if (!(a > 0) || !(b > 0) || !std::isfinite(a) || !std::isfinite(b))
        throw InputError("heating.cpp: heating_reference_radius: edges must be > 0");
      return 0.5 * std::min(a, b);
  }
  throw InputError("heating.cpp: heating_reference_radius: unknown shape");
}

}  // namespace deorbit

// Reference: NASA-STD-8719.14 (Process for Limiting Orbital Debris), sec. 4.7: debris casualty area
// D_A = sum (sqrt(A_h) + sqrt(A_i))^2 over fragments with impact kinetic energy above 15 J, A_h = 0.36 m^2; ESA DRAMA
// (SARA/SESAM) uses the same definition.
#include "deorbit/risk/casualty_area.h"

#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {

namespace {

void check(const SurvivingObject& object) {
  auto bad = [&](const char* field, double value) {
    throw InputError(fmt::format("surviving object '{}': {} must be finite and >= 0, found {}", object.name, field,
                                 value));
  };
  if (!std::isfinite(object.mass) || object.mass < 0) bad("mass_kg", object.mass);
  if (!std::isfinite(object.cross_section) || object.cross_section < 0) bad("cross_section_m2", object.cross_section);
  if (!std::isfinite(object.impact_speed) || object.impact_speed < 0) bad("impact_speed_mps", object.impact_speed);
  if (object.count < 1)
    throw InputError(fmt::format("surviving object '{}': count must be >= 1, found {}", object.name, object.count));
}

}  // namespace

double impact_kinetic_energy(const SurvivingObject& object) {
  check(object);
  return 0.5 * object.mass * object.impact_speed * object.impact_speed;
}

double casualty_area(const SurvivingObject& object) {
  if (impact_kinetic_energy(object) <= casualty_energy_threshold) return 0.0;
  const double side = person_radius_equivalent + std::sqrt(object.cross_section);
  return side * side;
}

double total_casualty_area(std::span<const SurvivingObject> objects) {
  double total = 0;
  for (const SurvivingObject& object : objects) total += object.count * casualty_area(object);
  return total;
}

double surviving_mass(std::span<const SurvivingObject> objects) {
  double total = 0;
  for (const SurvivingObject& object : objects) {
    check(object);
    total += object.count * object.mass;
  }
  return total;
}

}  // namespace deorbit

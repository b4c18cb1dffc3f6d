// Casualty area of the objects that survive re-entry (NASA-STD-8719.14 sec. 4.7; ESA DRAMA): an object hurts a
// person standing in its path when its impact kinetic energy exceeds 15 J, and the area in which it does so is the
// object's mean cross-section widened by a person's: A_c = (sqrt(A_h) + sqrt(A_i))^2 with A_h = 0.36 m^2, i.e.
// (0.6 m + sqrt(A_i))^2. Below 15 J an object counts 0 (it is harmless by that standard, not absent).
#pragma once

#include <span>
#include <string>

namespace deorbit {

//! [m] sqrt of the 0.36 m^2 cross-section of a standing person (NASA-STD-8719.14).
inline constexpr double person_radius_equivalent = 0.6;
//! [J] impact kinetic energy above which an object counts as a casualty hazard (NASA-STD-8719.14, DRAMA).
inline constexpr double casualty_energy_threshold = 15.0;

//! One kind of object that reaches the ground, `count` identical copies.
struct SurvivingObject {
  std::string name;
  double mass = 0;           //!< [kg] mass at impact, each
  double cross_section = 0;  //!< [m^2] mean (tumbling-averaged) cross-section A_i, each
  double impact_speed = 0;   //!< [m/s] speed at ground impact
  int count = 1;
};

//! [J] 1/2 m v^2 of one copy.
[[nodiscard]] double impact_kinetic_energy(const SurvivingObject& object);
//! [m^2] (0.6 m + sqrt(A_i))^2 for one copy when its impact kinetic energy is above 15 J, else 0. Throws
//! InputError naming the object for a negative or non-finite mass, cross-section or speed, or a count below 1.
[[nodiscard]] double casualty_area(const SurvivingObject& object);
//! [m^2] sum over the objects of count * casualty_area (NASA-STD-8719.14's total debris casualty area).
[[nodiscard]] double total_casualty_area(std::span<const SurvivingObject> objects);
//! [kg] sum over the objects of count * mass (every survivor, harmful or not).
[[nodiscard]] double surviving_mass(std::span<const SurvivingObject> objects);

}  // namespace deorbit

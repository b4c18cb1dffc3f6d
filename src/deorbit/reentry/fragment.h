// Fragment: one kind of piece the spacecraft breaks into, as the descent to the ground sees it (a point mass with a
// drag area and a hypersonic drag coefficient). No heating or demise in this model: every fragment survives.
#pragma once

#include <string>

namespace deorbit {

struct Fragment {
  std::string name;
  double mass = 0;               //!< [kg] of one piece
  double reference_area = 0;     //!< [m^2] area the drag coefficient refers to
  double drag_coefficient = 0;   //!< [-] hypersonic Cd; scaled by the Mach law (see drag_coefficient_mach.h)
  int count = 1;                 //!< identical pieces
  //! [kg/m^2] m / (Cd A), with the hypersonic Cd.
  [[nodiscard]] double ballistic_coefficient() const;
};

//! Throws InputError naming the fragment and the field when a value is impossible (mass, area, Cd not finite and
//! > 0, count < 1).
void validate(const Fragment& fragment);

}  // namespace deorbit

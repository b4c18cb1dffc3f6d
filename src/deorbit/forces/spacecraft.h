// Spacecraft: the properties forces need. A stack (ISS with a docked deorbit vehicle) is one spacecraft.
#pragma once

namespace deorbit {

struct Spacecraft {
  double mass = 1000.0;              //!< [kg] initial mass
  double drag_area = 1.0;            //!< [m^2] reference area for drag
  double drag_coefficient = 2.2;     //!< [-] Cd
  double srp_area = 1.0;             //!< [m^2] area for solar radiation pressure
  double srp_coefficient = 1.3;      //!< [-] Cr (1 = absorbing, 2 = specular mirror)
};

}  // namespace deorbit

// MeanElements: one general-perturbations element set (TLE or CCSDS OMM with MEAN_ELEMENT_THEORY = SGP4/SGP4-XP),
// in SI units. The elements are SGP4 mean elements in TEME of epoch; they are not osculating Keplerian elements.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "deorbit/time/epoch.h"

namespace deorbit {

//! Identity of an object, kept apart from its elements: catalogue numbers past 339,999 exist only in OMM.
struct ObjectIdentity {
  std::string name;                          //!< OBJECT_NAME or TLE name line (may be empty)
  std::string international_designator;      //!< COSPAR id, OMM form "1998-067A" (TLE "98067A" is converted)
  std::optional<std::uint32_t> catalogue_number;  //!< NORAD_CAT_ID / TLE satellite number (Alpha-5 decoded)
  char classification = 'U';                 //!< U, C or S
};

struct MeanElements {
  ObjectIdentity object;
  Epoch epoch;                 //!< epoch of the elements (published in UTC)
  double mean_motion = 0;      //!< [rad/s] Kozai mean motion as published (rev/day in TLE/OMM)
  double eccentricity = 0;     //!< [-]
  double inclination = 0;      //!< [rad] TEME of epoch
  double raan = 0;             //!< [rad] right ascension of the ascending node, TEME of epoch
  double arg_of_perigee = 0;   //!< [rad]
  double mean_anomaly = 0;     //!< [rad]
  double bstar = 0;            //!< [1/earth radii] SGP4 drag term B*, as published
  double mean_motion_dot = 0;  //!< [rad/s^2] as published: half the first time derivative of mean motion
  double mean_motion_ddot = 0; //!< [rad/s^3] as published: one sixth of the second time derivative
  int ephemeris_type = 0;      //!< 0 (SGP4), 4 (SGP4-XP), ...
  int element_set_number = 0;  //!< [-]
  int rev_at_epoch = 0;        //!< [rev] revolution number at epoch
};

}  // namespace deorbit

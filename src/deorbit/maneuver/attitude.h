// Attitude laws of a burn: the thrust direction as a function of the inertial state (GCRF). Retrograde (against
// the inertial velocity) is the deorbit default: it lowers the opposite side of the orbit most per delta-v.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "deorbit/base/vector.h"

namespace deorbit {

enum class AttitudeLaw {
  Retrograde,  //!< -v / |v|
  Prograde,    //!< v / |v|
  RadialIn,    //!< -r / |r|
  RadialOut,   //!< r / |r|
  Normal,      //!< (r x v) / |r x v|, along the orbit's angular momentum
  AntiNormal,  //!< -(r x v) / |r x v|
};

//! Unit thrust direction in the frame of r and v [m, m/s].
[[nodiscard]] Vec3 thrust_direction(AttitudeLaw law, const Vec3& r, const Vec3& v);

//! "retrograde", "prograde", "radial-in", "radial-out", "normal", "anti-normal".
[[nodiscard]] std::string_view to_string(AttitudeLaw law);
//! The law of a name as to_string() spells it; nullopt if unknown.
[[nodiscard]] std::optional<AttitudeLaw> attitude_law_from_string(std::string_view name);

}  // namespace deorbit

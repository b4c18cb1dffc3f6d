// StateVector: position and velocity of a body at an epoch, in a named frame, metres and metres per second.
#pragma once

#include "deorbit/base/vector.h"
#include "deorbit/frames/frame.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

struct StateVector {
  Epoch epoch;              //!< instant of the state
  Frame frame = Frame::GCRF;
  Vec3 r = Vec3::Zero();    //!< [m] position in `frame`
  Vec3 v = Vec3::Zero();    //!< [m/s] velocity in `frame` (for ITRF: relative to the rotating Earth)
};

}  // namespace deorbit

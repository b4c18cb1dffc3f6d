// Breakup states for the descent tests: a state at a geodetic point with a velocity relative to the ground given by
// speed, flight-path angle (positive down) and heading, converted to GCRF.
#pragma once

#include <cmath>

#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/frames/transforms.h"

namespace deorbit::testing {

inline StateVector itrf_state(const Epoch& epoch, double lat, double lon, double height, double speed, double fpa,
                              double heading) {
  Vec3 r = to_itrf({lat, lon, height});
  const double cl = std::cos(lat), sl = std::sin(lat), co = std::cos(lon), so = std::sin(lon);
  const Vec3 up(cl * co, cl * so, sl), east(-so, co, 0.0), north(-sl * co, -sl * so, cl);
  Vec3 horizontal = std::cos(heading) * north + std::sin(heading) * east;
  Vec3 v = speed * (std::cos(fpa) * horizontal - std::sin(fpa) * up);
  return {epoch, Frame::ITRF, r, v};
}

inline StateVector gcrf_state(const Epoch& epoch, double lat, double lon, double height, double speed, double fpa,
                              double heading) {
  return FrameTransformer().transform(itrf_state(epoch, lat, lon, height, speed, fpa, heading), Frame::GCRF);
}

}  // namespace deorbit::testing

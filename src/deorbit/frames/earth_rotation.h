// Fast GCRF <-> ITRF rotation for numerical propagation: the same IAU 2006/2000A chain as FrameTransformer, with
// the expensive parts (CIP X, Y and CIO locator s from the full nutation series, the EOP table look-up) sampled
// on an hourly grid and interpolated. Reference: IERS Conventions (2010) ch. 5; interpolation error budget in
// docs/validation.md (below 1 microarcsecond, i.e. 0.03 mm at the ISS).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "deorbit/base/vector.h"
#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! The rotation from GCRF to ITRF at an epoch, and the Earth's rotation rate.
struct EarthAttitude {
  Mat3 gcrf_to_itrf = Mat3::Identity();  //!< r_itrf = gcrf_to_itrf * r_gcrf
  double rotation_rate = 0;              //!< [rad/s] about the ITRF z axis, LOD-corrected
};

//! Caches hourly nodes of the slowly varying parts of the Earth orientation and interpolates between them
//! (4-point Lagrange for X, Y, s; linear for the EOP quantities, which the table itself interpolates linearly
//! between daily rows). Not thread-safe: give each propagation its own instance. The EOP table is kept by
//! reference and must outlive the cache.
class EarthRotationCache {
 public:
  explicit EarthRotationCache(const EarthOrientation& eop = EarthOrientation::none()) : eop_(&eop) {}
  [[nodiscard]] EarthAttitude at(const Epoch& t);

 private:
  struct Node {
    double x, y, s;        // [rad] CIP coordinates (with the table's dX, dY) and CIO locator
    double ut1_minus_tai;  // [s]
    double xp, yp, sp;     // [rad] polar motion and TIO locator
    double lod;            // [s]
  };
  const Node& node(std::int64_t hour);  // hour: whole UTC hours since 2000-01-01T00:00 UTC
  const EarthOrientation* eop_;
  std::unordered_map<std::int64_t, Node> nodes_;
};

}  // namespace deorbit

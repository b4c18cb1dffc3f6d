// Fast GCRF <-> ITRF rotation for numerical propagation: the same IAU 2006/2000A chain as FrameTransformer, with
// the expensive parts (the precession-nutation matrix from the full nutation series, polar motion, the EOP table
// look-up) sampled on an hourly grid and interpolated. Reference: IERS Conventions (2010) ch. 5; interpolation error budget in
// docs/validation.md (below 1 microarcsecond, i.e. 0.03 mm at the ISS).
#pragma once

#include <array>
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
//! (4-point Lagrange for the elements of the precession-nutation matrix; linear for polar motion and UT1-TAI, which
//! the EOP table itself interpolates linearly between daily rows; the rotation by the Earth rotation angle is
//! computed exactly). Not thread-safe: give each propagation its own instance. The EOP table is kept by
//! reference and must outlive the cache.
class EarthRotationCache {
 public:
  explicit EarthRotationCache(const EarthOrientation& eop = EarthOrientation::none()) : eop_(&eop) {}
  [[nodiscard]] EarthAttitude at(const Epoch& t);

 private:
  struct Node {
    Epoch epoch;           // the node's instant (a whole UTC hour)
    Mat3 c2i;              // GCRS -> CIRS matrix (IAU 2006/2000A with the table's dX, dY)
    Mat3 polar;            // TIRS -> ITRS matrix (xp, yp, s')
    double ut1_minus_tai;  // [s]
    double lod;            // [s]
  };
  const Node& node(std::int64_t hour);  // hour: whole UTC hours since 2000-01-01T00:00 UTC
  void move_window(std::int64_t h0);    // makes window_ hold nodes h0 - 1 .. h0 + 2
  const EarthOrientation* eop_;
  std::unordered_map<std::int64_t, Node> nodes_;
  // The four nodes around the last instant asked for: successive calls of a propagation mostly stay inside one
  // hour, so neither the UTC conversion nor the map is needed then.
  std::array<const Node*, 4> window_{};
  std::int64_t window_h0_ = 0;
  bool window_valid_ = false;
};

}  // namespace deorbit

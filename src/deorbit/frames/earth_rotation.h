// Fast GCRF <-> ITRF rotation for numerical propagation: the same IAU 2006/2000A chain as FrameTransformer, with
// the expensive parts (the precession-nutation matrix from the full nutation series, polar motion, the EOP table
// look-up) sampled on an hourly grid and interpolated. Reference: IERS Conventions (2010) ch. 5; interpolation error budget in
// docs/validation.md (below 1 microarcsecond, i.e. 0.03 mm at the ISS).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "deorbit/base/vector.h"
#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! The rotation from GCRF to ITRF at an epoch, and the Earth's rotation rate.
struct EarthAttitude {
  Mat3 gcrf_to_itrf = Mat3::Identity();  //!< r_itrf = gcrf_to_itrf * r_gcrf
  double rotation_rate = 0;              //!< [rad/s] about the ITRF z axis, LOD-corrected
};

//! The hourly nodes of the slowly varying parts of the Earth orientation, computed on demand and kept. Thread-safe,
//! so that the runs of a campaign (and the threads that carry them) share one set of nodes: a node costs the full
//! nutation series (about 30 microseconds), and a run of a day needs 25 of them. The EOP table is kept by reference
//! and must outlive the store.
class EarthRotationNodes {
 public:
  struct Node {
    Epoch epoch;           //!< the node's instant (a whole UTC hour)
    Mat3 c2i;              //!< GCRS -> CIRS matrix (IAU 2006/2000A with the table's dX, dY)
    Mat3 polar;            //!< TIRS -> ITRS matrix (xp, yp, s')
    double ut1_minus_tai;  //!< [s]
    double lod;            //!< [s]
  };
  explicit EarthRotationNodes(const EarthOrientation& eop = EarthOrientation::none()) : eop_(&eop) {}
  //! The node at `hour` whole UTC hours since 2000-01-01T00:00 UTC. The reference stays valid as long as the store.
  [[nodiscard]] const Node& node(std::int64_t hour);
  [[nodiscard]] const EarthOrientation& eop() const { return *eop_; }

 private:
  const EarthOrientation* eop_;
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Node> nodes_;  // element references survive rehashing
};

//! Interpolates the hourly nodes of an EarthRotationNodes store
//! (4-point Lagrange for the elements of the precession-nutation matrix; linear for polar motion and UT1-TAI, which
//! the EOP table itself interpolates linearly between daily rows; the rotation by the Earth rotation angle is
//! computed exactly). Not thread-safe: give each propagation its own instance; instances may share one store.
class EarthRotationCache {
 public:
  //! With a store of its own. The EOP table is kept by reference and must outlive the cache.
  explicit EarthRotationCache(const EarthOrientation& eop = EarthOrientation::none())
      : nodes_(std::make_shared<EarthRotationNodes>(eop)) {}
  //! Sharing the nodes of `nodes` with other caches.
  explicit EarthRotationCache(std::shared_ptr<EarthRotationNodes> nodes) : nodes_(std::move(nodes)) {}
  [[nodiscard]] EarthAttitude at(const Epoch& t);

 private:
  using Node = EarthRotationNodes::Node;
  void move_window(std::int64_t h0);    // makes window_ hold nodes h0 - 1 .. h0 + 2
  std::shared_ptr<EarthRotationNodes> nodes_;
  // The four nodes around the last instant asked for: successive calls of a propagation mostly stay inside one
  // hour, so neither the UTC conversion nor the store (and its lock) is needed then.
  std::array<const Node*, 4> window_{};
  std::int64_t window_h0_ = 0;
  bool window_valid_ = false;
};

}  // namespace deorbit

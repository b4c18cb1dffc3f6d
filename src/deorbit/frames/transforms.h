// Transformations between GCRF, EME2000, TEME and ITRF, for positions and velocities.
// References: IERS Conventions (2010) ch. 5 (IAU 2006/2000A, CIO based, through ERFA); Vallado, Crawford,
// Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, for TEME (GMST 1982, pseudo-Earth-fixed).
#pragma once

#include "deorbit/base/vector.h"
#include "deorbit/frames/frame.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! Moves states between frames at their epoch. GCRF <-> ITRF uses IAU 2006/2000A precession-nutation (with the
//! table's dX, dY), the Earth rotation angle from UT1 and polar motion (xp, yp, s'); TEME <-> ITRF uses GMST 1982
//! and polar motion; EME2000 <-> GCRF the IAU 2006 frame bias. Velocities account for the Earth's rotation rate
//! (corrected by the table's length of day). Accuracy is that of the models and the EOP table (see
//! docs/validation.md: the Vallado TEME example is reproduced to better than a millimetre in ITRF).
class FrameTransformer {
 public:
  //! The table is kept by reference and must outlive the transformer. Without one: UT1 = UTC, no polar motion.
  explicit FrameTransformer(const EarthOrientation& eop = EarthOrientation::none()) : eop_(&eop) {}

  //! The state expressed in another frame, same epoch.
  [[nodiscard]] StateVector transform(const StateVector& state, Frame to) const;
  //! Rotation matrix taking position coordinates from `from` to `to` at the epoch (r_to = M * r_from).
  [[nodiscard]] Mat3 rotation(Frame from, Frame to, const Epoch& epoch) const;

  [[nodiscard]] const EarthOrientation& earth_orientation() const { return *eop_; }

 private:
  const EarthOrientation* eop_;
};

//! [rad/s] Earth rotation rate for a given excess length of day lod [s] (IERS Conventions 2010, eq. 5.19 rate).
[[nodiscard]] double earth_rotation_rate(double lod);

//! The radial, along-track (transverse) and cross-track (normal) unit vectors of the state r, v as the rows of a
//! matrix: R = r/|r|, N = (r x v)/|r x v|, T = N x R. A vector x in the state's frame is (axes * x) in RTN.
[[nodiscard]] Mat3 rtn_axes(const Vec3& r, const Vec3& v);

}  // namespace deorbit

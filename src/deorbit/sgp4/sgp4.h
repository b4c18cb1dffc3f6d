// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, and the
// corrections published with its later code releases; Hoots & Roehrich, Spacetrack Report #3 (1980).
//
// SGP4/SDP4: the analytical propagator for which TLE and OMM (MEAN_ELEMENT_THEORY = SGP4) mean elements are made.
//
// What it computes: position and velocity in TEME (the "true equator, mean equinox" frame of the theory) from one
// set of mean elements, at any time. Near-Earth orbits (period under 225 min) use SGP4 with atmospheric drag;
// deep-space orbits use SDP4: lunar and solar perturbations and the 12 h and 24 h Earth-resonance integrator.
//
// Accuracy: this is an independent implementation of the published theory. It reproduces Vallado's reference
// C++ code on the official verification set (SGP4-VER.TLE vs tcppver.out: 33 cases, 666 states, WGS-72, mode 'i')
// to the 8 printed decimals (5 um, 0.5 um/s) everywhere except the propagation of 20413 five years from epoch,
// which differs by up to 0.12 mm; the seven cases that end in an SGP4 error end with the same error at the same
// time (tests/sgp4/sgp4_verification_test.cpp). Mode 'a' has no published reference output and is not verified.
// The theory itself is only as good as the element set (literature figure, not tested here): typically about 1 km
// at epoch, growing by one to a few km per day (worse for low perigees and with solar activity).
//
// Conventions:
//   * Time from epoch counts SI minutes (Epoch arithmetic; a leap second between epoch and t counts).
//   * Output units are SI (m, m/s) in TEME of date; convert to GCRF (frames/) before any numerical work.
//   * The element epoch enters the deep-space terms as the reference code forms it: the UTC Julian date summed
//     into one double (a 40 us grid) before 2433281.5 is subtracted. Forming it exactly would move verification
//     case 23333 (e = 0.97) by 4 mm at perigee; matching the reference is worth more than those 4 mm.
//   * Gravity constants are WGS-72 by default: element sets are fitted with them. WGS-84 gives different (worse)
//     positions from the same elements.
//   * The enums Sgp4Gravity (gravity_constants.h), Sgp4OpsMode and Sgp4Status (sgp4_kernel.h) are listed there.
//     Sgp4Gravity: Wgs72Old, Wgs72 (default), Wgs84. Sgp4OpsMode: Improved ('i', default), Afspc ('a').
//     Sgp4Status: Ok, MeanEccentricityOutOfRange (1), MeanMotionNotPositive (2), PerturbedEccentricityOutOfRange
//     (3), SemiLatusRectumNegative (4), Decayed (6) -- the codes of the reference implementation.
//
// Thread safety: an Sgp4 is immutable after construction; propagate() and at() may be called from many threads.
#pragma once

#include <string>

#include "deorbit/base/vector.h"
#include "deorbit/orbit/mean_elements.h"
#include "deorbit/sgp4/gravity_constants.h"
#include "deorbit/sgp4/sgp4_kernel.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! Choices for the propagator. The defaults are the standard ones; change them only to match another program.
struct Sgp4Options {
  Sgp4Gravity gravity = Sgp4Gravity::Wgs72;  //!< Earth constants (WGS-72 is what element sets are fitted with)
  Sgp4OpsMode mode = Sgp4OpsMode::Improved;  //!< 'i' (improved) or 'a' (AFSPC operational code)
  double far_from_epoch = 30.0 * 86400.0;    //!< [s] flag states farther than this from the element epoch
};

//! One propagated state.
//!
//! status tells whether the state is usable. When status != Ok, message says what happened and at which epoch,
//! and r and v hold what SGP4 computed: for Decayed the (meaningless, sub-surface) position and velocity of that
//! step; for the other statuses SGP4 stops before computing a state and r and v are NaN. With status Ok, r and v
//! are always finite.
struct Sgp4State {
  Sgp4Status status = Sgp4Status::Ok;  //!< outcome of this step
  std::string message;                 //!< empty when Ok; otherwise what and when, e.g. "satellite decayed: ..."
  Epoch epoch;                         //!< the instant of the state
  Vec3 r = Vec3::Zero();               //!< [m] position, TEME of date
  Vec3 v = Vec3::Zero();               //!< [m/s] velocity, TEME of date
  bool far_from_epoch = false;         //!< the instant is farther from the element epoch than options.far_from_epoch

  //! True when status is Ok.
  [[nodiscard]] bool ok() const { return status == Sgp4Status::Ok; }
};

//! SGP4/SDP4 propagator for one element set.
class Sgp4 {
 public:
  //! Initialises the theory for one element set. Throws InputError when the element set cannot be propagated:
  //! an SGP4-XP element set (ephemeris type 4), elements out of range (mean motion not positive, eccentricity
  //! outside [0, 1), values not finite), or an initialisation that fails (the message gives the SGP4 status).
  explicit Sgp4(const MeanElements& elements, Sgp4Options options = {});

  //! State at minutes_since_epoch [min] (SI minutes; negative before the epoch).
  [[nodiscard]] Sgp4State propagate(double minutes_since_epoch) const;
  //! State at an instant.
  [[nodiscard]] Sgp4State at(const Epoch& t) const;

  //! Epoch of the element set.
  [[nodiscard]] const Epoch& epoch() const { return elements_.epoch; }
  //! The element set as given.
  [[nodiscard]] const MeanElements& elements() const { return elements_; }
  //! The options in use.
  [[nodiscard]] const Sgp4Options& options() const { return options_; }
  //! The initialised constants (SGP4 units), e.g. for a batch propagator.
  [[nodiscard]] const Sgp4Record& record() const { return record_; }
  //! True when the orbit period is 225 min or more (SDP4: lunar-solar terms, resonance).
  [[nodiscard]] bool deep_space() const { return record_.deep_space; }

 private:
  Sgp4State make_state(const Epoch& t, double minutes) const;

  MeanElements elements_;
  Sgp4Options options_;
  Sgp4Record record_;
};

}  // namespace deorbit

// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (the theory, as in
// sgp4.h); SLEEF (Shibata & Petrogalli, "SLEEF: A Portable Vectorized Library of C Standard Mathematical Functions",
// IEEE TPDS 2020) for the vector arc tangent and power (and sine and cosine beyond 1e9 rad).
//
// Batch SGP4/SDP4: many element sets propagated to many instants in one call (a catalogue sweep).
//
// What it computes: the same TEME states as Sgp4::at (sgp4.h), in SI units (m, m/s), for every (satellite, time)
// pair of a catalogue and a list of instants, written as structure-of-arrays: one array per component (x, y, z,
// vx, vy, vz) and one typed status per state, each indexed [satellite * n_times + time].
//
// How: the kernel is the scalar one written once over SIMD vectors whose lanes are consecutive instants of one
// satellite (16 doubles as two registers with AVX-512, so that two independent dependency chains overlap; 4 with
// AVX2). The satellite's constants are broadcast, so its branches (drag
// form, near-Earth or deep space, resonance) are taken once per row and only the Kepler iteration count and
// Lyddane's inclination choice differ between lanes (masked). Near-Earth (SGP4) and deep-space (SDP4) satellites
// both run in the vector kernel; the deep-space resonance integrator is evaluated from a per-satellite cache of its
// 720-minute nodes, which holds exactly the numbers the scalar integrator reaches. Rows are shared among threads.
// The instruction set is chosen at run time (AVX-512F+DQ, else AVX2+FMA, else the scalar kernel), so the program
// runs on any x86-64.
//
// Accuracy: the arithmetic is the scalar kernel's, operation for operation and without FMA contraction, except where
// an identity saves time (listed in sgp4_batch_simd.h: inline sine and cosine within 1 ulp of the C library's,
// rotations by small angles instead of an arc tangent and three sines and cosines, fewer divisions). States differ
// from Sgp4::at by at most 1.7e-7 m and 2e-10 m/s over the whole 2025-10-03 active catalogue (from a day before to a
// week after its epochs) and 6.2e-7 m over the Vallado verification set (up to 5 years from epoch), with the same
// status everywhere (tests/sgp4/sgp4_batch_test.cpp prints the figures; docs/validation-sgp4.md records them). Sgp4Simd::Scalar runs the scalar kernel itself (no difference at all).
//
// Errors: an element set that Sgp4 would refuse (SGP4-XP, elements out of range, failed initialisation) is left out
// of the batch and listed in rejected(); every other outcome is a per-state Sgp4Status. For states whose status is
// not Ok the arrays hold NaN (also for Decayed, unlike Sgp4State, so that no sub-surface number is mistaken for a
// state): read the status array, never the NaN.
//
// Thread safety: an Sgp4Batch is immutable after construction; propagate() may be called from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "deorbit/orbit/mean_elements.h"
#include "deorbit/sgp4/sgp4.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! Instruction set of the batch kernel.
enum class Sgp4Simd {
  Auto,    //!< the best this CPU supports (AVX-512, else AVX2, else scalar)
  Avx512,  //!< 8 lanes of double (needs AVX-512F and AVX-512DQ)
  Avx2,    //!< 4 lanes of double (needs AVX2 and FMA)
  Scalar,  //!< the one-satellite kernel in a loop (the reference; any CPU)
};

//! "auto", "avx512", "avx2" or "scalar".
[[nodiscard]] std::string_view to_string(Sgp4Simd simd);
//! The best instruction set this CPU supports (never Auto).
[[nodiscard]] Sgp4Simd sgp4_best_simd();
//! True when this CPU can run the given kernel (Auto and Scalar always).
[[nodiscard]] bool sgp4_simd_supported(Sgp4Simd simd);

//! How a batch runs.
struct Sgp4BatchOptions {
  unsigned threads = 1;          //!< worker threads; 0 = all hardware threads
  Sgp4Simd simd = Sgp4Simd::Auto;  //!< instruction set; a set this CPU lacks is refused with InputError
  //! SGP4 judges each instant alone: after a state below the surface it may compute a state again at a later
  //! instant (drag has no memory in the theory). With errors_persist, the first state that is not Ok at or after
  //! the element epoch ends the object's life: every later instant gets that status too (and NaN).
  bool errors_persist = false;
};

//! Output arrays owned by the caller, each of n_satellites * n_times values, row-major by satellite
//! ([satellite * n_times + time]). Real is double or float (float halves the memory and bandwidth of a sweep; values
//! are computed in double and rounded once on output: at most 0.25 m off in low orbit, 2 m at GEO radius).
template <class Real>
struct Sgp4BatchArrays {
  Real* x = nullptr;            //!< [m] TEME position
  Real* y = nullptr;            //!< [m]
  Real* z = nullptr;            //!< [m]
  Real* vx = nullptr;           //!< [m/s] TEME velocity
  Real* vy = nullptr;           //!< [m/s]
  Real* vz = nullptr;           //!< [m/s]
  Sgp4Status* status = nullptr;  //!< outcome of each state
};

//! Owning result of a sweep: arrays of satellites * times values, [satellite * times + time].
template <class Real>
struct Sgp4Ephemerides {
  std::size_t satellites = 0;
  std::size_t times = 0;
  std::vector<Real> x, y, z;     //!< [m] TEME position
  std::vector<Real> vx, vy, vz;  //!< [m/s] TEME velocity
  std::vector<Sgp4Status> status;

  //! Index of (satellite, time) in the arrays.
  [[nodiscard]] std::size_t index(std::size_t satellite, std::size_t time) const { return satellite * times + time; }
  //! Views on the arrays.
  [[nodiscard]] Sgp4BatchArrays<Real> arrays() {
    return {x.data(), y.data(), z.data(), vx.data(), vy.data(), vz.data(), status.data()};
  }
};

//! An element set the batch left out.
struct Sgp4BatchRejection {
  std::size_t input_index = 0;  //!< position in the span given to the constructor
  std::string message;          //!< why (the InputError message of Sgp4)
};

//! SGP4/SDP4 for a catalogue: initialised once, propagated to any list of instants.
class Sgp4Batch {
 public:
  //! Initialises every element set (as Sgp4 does). Element sets that cannot be propagated are left out and listed
  //! in rejected(); the others keep their input order.
  explicit Sgp4Batch(std::span<const MeanElements> element_sets, Sgp4Options options = {});

  //! Number of satellites in the batch (the rows of the output).
  [[nodiscard]] std::size_t size() const { return sets_.size(); }
  //! Element set of row i.
  [[nodiscard]] const MeanElements& elements(std::size_t i) const { return sets_[i].elements(); }
  //! Propagator of row i (the one-satellite path, for comparison).
  [[nodiscard]] const Sgp4& satellite(std::size_t i) const { return sets_[i]; }
  //! Index of row i in the span given to the constructor.
  [[nodiscard]] std::size_t input_index(std::size_t i) const { return input_index_[i]; }
  //! Element sets left out, with the reason.
  [[nodiscard]] const std::vector<Sgp4BatchRejection>& rejected() const { return rejected_; }
  //! Number of rows that are deep-space (SDP4: period of 225 min or more).
  [[nodiscard]] std::size_t deep_space_count() const { return deep_space_count_; }
  //! The options the batch was built with.
  [[nodiscard]] const Sgp4Options& options() const { return options_; }

  //! States of every row at every instant, in new arrays.
  [[nodiscard]] Sgp4Ephemerides<double> propagate(std::span<const Epoch> times, Sgp4BatchOptions options = {}) const;
  //! As propagate, rounded to float on output.
  [[nodiscard]] Sgp4Ephemerides<float> propagate_float(std::span<const Epoch> times,
                                                       Sgp4BatchOptions options = {}) const;

  //! States of rows [first, first + count) at every instant, into caller arrays of count * times.size() values
  //! ([(row - first) * times.size() + time]). Lets a caller sweep a catalogue in slices of bounded memory.
  void propagate(std::span<const Epoch> times, std::size_t first, std::size_t count, const Sgp4BatchArrays<double>& out,
                 Sgp4BatchOptions options = {}) const;
  //! As above, rounded to float on output.
  void propagate(std::span<const Epoch> times, std::size_t first, std::size_t count, const Sgp4BatchArrays<float>& out,
                 Sgp4BatchOptions options = {}) const;

 private:
  template <class Real>
  void run(std::span<const Epoch> times, std::size_t first, std::size_t count, const Sgp4BatchArrays<Real>& out,
           Sgp4BatchOptions options) const;

  Sgp4Options options_;
  std::vector<Sgp4> sets_;
  std::vector<std::size_t> input_index_;
  std::vector<Sgp4BatchRejection> rejected_;
  std::size_t deep_space_count_ = 0;
};

}  // namespace deorbit

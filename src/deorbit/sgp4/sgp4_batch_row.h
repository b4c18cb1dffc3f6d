// Internal to the batch propagator (sgp4_batch.h): one row of work (one satellite at many instants) as handed to the
// instruction-set-specific kernels, which live in their own translation units compiled with their own target flags
// (sgp4_batch_avx512.cpp, sgp4_batch_avx2.cpp). Plain data and raw pointers only, so that nothing compiled with
// AVX-512 instructions is shared (as an inline or template instance) with code that runs on any CPU.
#pragma once

#include <cstddef>
#include <cstdint>

#include "deorbit/sgp4/sgp4_kernel.h"

namespace deorbit::sgp4_detail {

//! The resonance integrator's state at a 720-minute node k (atime = k * step), and its rates there.
struct ResonanceNode {
  double atime = 0;  //!< [min] time of the node from epoch
  double xli = 0;    //!< [rad] resonant angle
  double xni = 0;    //!< [rad/min] mean motion
  double xldot = 0;  //!< [rad/min]
  double xndt = 0;   //!< [rad/min^2]
  double xnddt = 0;  //!< [rad/min^3]
};

//! One satellite at n instants.
struct BatchRow {
  const Sgp4Record* rec = nullptr;
  double am_factor = 0;  //!< pow(xke / no_unkozai, 2/3): the time-independent factor of am (no resonance)
  double sinim = 0;      //!< sin(inclo) (near-Earth: the inclination does not change)
  double cosim = 0;      //!< cos(inclo)

  // Resonance (rec->resonance != 0): nodes k = 0.. for t > 0 (forward) and for t <= 0 (backward), enough for every
  // instant of the row. An instant's node is the first k with |t - atime_k| < 720 min (where the scalar
  // integrator stops), searched from floor(|t| / 720) - 1.
  const ResonanceNode* nodes_forward = nullptr;
  const ResonanceNode* nodes_backward = nullptr;
  std::size_t n_forward = 0;
  std::size_t n_backward = 0;

  // Instants: t_i - epoch = (seconds[i] - epoch_seconds) + (fractions[i] - epoch_fraction), as Epoch::operator-.
  std::int64_t epoch_seconds = 0;  //!< [s] TAI whole seconds of the element epoch
  double epoch_fraction = 0;       //!< [s] its fraction
  const std::int64_t* seconds = nullptr;  //!< [n]
  const double* fractions = nullptr;      //!< [n]
  std::size_t n = 0;

  // Outputs, n values each: double or float arrays (one of the two sets is null).
  double* d[6] = {};  //!< x, y, z [m], vx, vy, vz [m/s]
  float* f[6] = {};
  Sgp4Status* status = nullptr;
};

//! [min] the time from epoch of instant i of a row, computed exactly as Sgp4::at computes it. (static: each
//! translation unit keeps its own copy, compiled for its own instruction set.)
[[maybe_unused]] static inline double row_minutes(const BatchRow& row, std::size_t i) {
  return (static_cast<double>(row.seconds[i] - row.epoch_seconds) + (row.fractions[i] - row.epoch_fraction)) / 60.0;
}

//! The resonance node where the integration to t [min] ends (static: compiled per instruction set, see above).
[[maybe_unused]] static inline const ResonanceNode& resonance_node(const BatchRow& row, double t) {
  const bool forward = t > 0.0;
  const ResonanceNode* nodes = forward ? row.nodes_forward : row.nodes_backward;
  const std::size_t count = forward ? row.n_forward : row.n_backward;
  // No node before floor(|t| / 720) - 1 can satisfy the test (the reciprocal may raise the floor by one: still
  // not past the answer, which is at least floor(|t| / 720)); then step as the integrator does.
  const double start = __builtin_floor(__builtin_fabs(t) * (1.0 / 720.0)) - 1.0;
  std::size_t k = start > 0.0 ? static_cast<std::size_t>(start) : 0;
  if (k >= count) k = count - 1;
  while (k + 1 < count && !(__builtin_fabs(t - nodes[k].atime) < 720.0)) ++k;
  return nodes[k];
}

//! The kernels (defined only when the compiler can build them; call only when the CPU supports them).
void propagate_row_avx512(const BatchRow& row);
void propagate_row_avx2(const BatchRow& row);

}  // namespace deorbit::sgp4_detail

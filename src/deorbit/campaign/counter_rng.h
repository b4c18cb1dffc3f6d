// Counter-based random numbers for campaigns: every draw is a pure function of (seed, run, stream, index), so a run's
// inputs are the same whichever thread, rank or restart computes it, and adding a dispersion (a new stream) leaves
// the others' draws unchanged. Reference: Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11 (Philox4x64-10, Random123 1.14 from Debian).
#pragma once

#include <cstdint>

namespace deorbit {

//! Draws of one stream of one run. Cheap to make; not shared between threads (each run makes its own).
class CounterRng {
 public:
  CounterRng(std::uint64_t seed, std::uint64_t run, std::uint64_t stream) : seed_(seed), run_(run), stream_(stream) {}

  //! Uniform in the open interval (0, 1), 53-bit resolution.
  [[nodiscard]] double uniform();
  //! Uniform in [a, b).
  [[nodiscard]] double uniform(double a, double b) { return a + (b - a) * uniform(); }
  //! Standard normal N(0, 1) (Box-Muller on two uniforms; the second value of the pair is kept for the next call).
  [[nodiscard]] double normal();
  //! True with probability p.
  [[nodiscard]] bool bernoulli(double p) { return uniform() < p; }

 private:
  void refill();
  std::uint64_t seed_, run_, stream_;
  std::uint64_t block_ = 0;     // counter of the next Philox block
  std::uint64_t words_[4]{};    // the current block's output
  int used_ = 4;                // words of the current block already handed out
  double spare_normal_ = 0;
  bool has_spare_ = false;
};

}  // namespace deorbit

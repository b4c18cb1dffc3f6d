#include "deorbit/campaign/counter_rng.h"

#include <cmath>
#include <numbers>

#include <Random123/philox.h>

namespace deorbit {

void CounterRng::refill() {
  r123::Philox4x64 philox;
  r123::Philox4x64::ctr_type counter{{stream_, block_++, 0, 0}};
  r123::Philox4x64::key_type key{{seed_, run_}};
  r123::Philox4x64::ctr_type out = philox(counter, key);
  for (int i = 0; i < 4; ++i) words_[i] = out[i];
  used_ = 0;
}

double CounterRng::uniform() {
  if (used_ == 4) refill();
  // The top 53 bits, centred in their interval: never 0 or 1, so log(u) below is finite.
  return (static_cast<double>(words_[used_++] >> 11) + 0.5) * 0x1p-53;
}

double CounterRng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  const double u1 = uniform(), u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  spare_normal_ = r * std::sin(2 * std::numbers::pi * u2);
  has_spare_ = true;
  return r * std::cos(2 * std::numbers::pi * u2);
}

}  // namespace deorbit

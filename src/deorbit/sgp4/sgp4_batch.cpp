// Batch SGP4/SDP4 (sgp4_batch.h): construction, instruction-set dispatch, threads, the resonance node cache and the
// scalar fallback. The vector kernels are in sgp4_batch_avx512.cpp and sgp4_batch_avx2.cpp.
#include "deorbit/sgp4/sgp4_batch.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <thread>
#include <type_traits>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/sgp4/deep_space.h"
#include "deorbit/sgp4/sgp4_batch_row.h"

namespace deorbit {

using sgp4_detail::BatchRow;
using sgp4_detail::ResonanceNode;

std::string_view to_string(Sgp4Simd simd) {
  switch (simd) {
    case Sgp4Simd::Auto: return "auto";
    case Sgp4Simd::Avx512: return "avx512";
    case Sgp4Simd::Avx2: return "avx2";
    case Sgp4Simd::Scalar: return "scalar";
  }
  return "unknown";
}

bool sgp4_simd_supported(Sgp4Simd simd) {
  switch (simd) {
    case Sgp4Simd::Auto:
    case Sgp4Simd::Scalar: return true;
#if defined(DEORBIT_SGP4_X86_SIMD)
    // __builtin_cpu_supports also checks that the operating system saves the vector registers (XCR0).
    case Sgp4Simd::Avx512: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
    case Sgp4Simd::Avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    case Sgp4Simd::Avx512:
    case Sgp4Simd::Avx2: return false;
#endif
  }
  return false;
}

Sgp4Simd sgp4_best_simd() {
  static const Sgp4Simd best = [] {
    if (sgp4_simd_supported(Sgp4Simd::Avx512)) return Sgp4Simd::Avx512;
    if (sgp4_simd_supported(Sgp4Simd::Avx2)) return Sgp4Simd::Avx2;
    return Sgp4Simd::Scalar;
  }();
  return best;
}

namespace {

constexpr double kX2o3 = 2.0 / 3.0;  // as the scalar kernel's x2o3

//! The scalar kernel over a row (the reference path, and the fallback on CPUs without AVX2).
void propagate_row_scalar(const BatchRow& row) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t j = 0; j < row.n; ++j) {
    const Sgp4KernelState k = sgp4_propagate(*row.rec, sgp4_detail::row_minutes(row, j));
    const bool ok = k.status == Sgp4Status::Ok;
    const double values[6] = {k.r_km[0] * 1000.0,   k.r_km[1] * 1000.0,   k.r_km[2] * 1000.0,
                              k.v_km_s[0] * 1000.0, k.v_km_s[1] * 1000.0, k.v_km_s[2] * 1000.0};
    for (int c = 0; c < 6; ++c) {
      const double value = ok ? values[c] : nan;
      if (row.d[c]) row.d[c][j] = value;
      else row.f[c][j] = static_cast<float>(value);
    }
    row.status[j] = k.status;
  }
}

//! The resonance integrator's nodes 0..count-1 in one direction (delt = +-720 min), with their rates: the same
//! sequence of operations as deep_space_secular's loop, so node k holds exactly what it reaches after k steps.
void build_nodes(const Sgp4Record& rec, double delt, std::size_t count, std::vector<ResonanceNode>& nodes) {
  nodes.clear();
  double atime = 0.0;
  double xli = rec.xlamo;
  double xni = rec.no_unkozai;
  for (std::size_t k = 0; k < count; ++k) {
    const sgp4_detail::ResonanceRates r = sgp4_detail::resonance_rates(rec, atime, xli, xni);
    nodes.push_back({atime, xli, xni, r.xldot, r.xndt, r.xnddt});
    xli = xli + r.xldot * delt + r.xndt * sgp4_detail::resonance_step2;
    xni = xni + r.xndt * delt + r.xnddt * sgp4_detail::resonance_step2;
    atime = atime + delt;
  }
}

//! Scratch space of one worker.
struct Worker {
  std::vector<ResonanceNode> forward, backward;
};

//! Fills the row's resonance cache for instants from t_first to t_last [min] from epoch.
void prepare_resonance(BatchRow& row, Worker& w, double t_first, double t_last) {
  const double step = sgp4_detail::resonance_step;
  const double max_forward = std::max(0.0, t_last);
  const double max_backward = std::max(0.0, -t_first);
  build_nodes(*row.rec, step, static_cast<std::size_t>(max_forward / step) + 3, w.forward);
  build_nodes(*row.rec, -step, static_cast<std::size_t>(max_backward / step) + 3, w.backward);
  row.nodes_forward = w.forward.data();
  row.nodes_backward = w.backward.data();
  row.n_forward = w.forward.size();
  row.n_backward = w.backward.size();
}

//! Sgp4BatchOptions::errors_persist: the first failed instant at or after epoch ends the row.
void persist_errors(const BatchRow& row) {
  double first_failure = std::numeric_limits<double>::infinity();
  Sgp4Status status = Sgp4Status::Ok;
  for (std::size_t j = 0; j < row.n; ++j) {
    if (row.status[j] == Sgp4Status::Ok) continue;
    const double t = sgp4_detail::row_minutes(row, j);
    if (t >= 0.0 && t < first_failure) {
      first_failure = t;
      status = row.status[j];
    }
  }
  if (status == Sgp4Status::Ok) return;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t j = 0; j < row.n; ++j) {
    if (!(sgp4_detail::row_minutes(row, j) > first_failure)) continue;
    row.status[j] = status;
    for (int c = 0; c < 6; ++c) {
      if (row.d[c]) row.d[c][j] = nan;
      else row.f[c][j] = static_cast<float>(nan);
    }
  }
}

using RowKernel = void (*)(const BatchRow&);

RowKernel kernel_for(Sgp4Simd simd) {
  switch (simd) {
#if defined(DEORBIT_SGP4_X86_SIMD)
    case Sgp4Simd::Avx512: return &sgp4_detail::propagate_row_avx512;
    case Sgp4Simd::Avx2: return &sgp4_detail::propagate_row_avx2;
#endif
    default: return &propagate_row_scalar;
  }
}

}  // namespace

Sgp4Batch::Sgp4Batch(std::span<const MeanElements> element_sets, Sgp4Options options) : options_(options) {
  sets_.reserve(element_sets.size());
  input_index_.reserve(element_sets.size());
  for (std::size_t i = 0; i < element_sets.size(); ++i) {
    try {
      sets_.emplace_back(element_sets[i], options);
      input_index_.push_back(i);
      if (sets_.back().deep_space()) ++deep_space_count_;
    } catch (const InputError& e) {
      rejected_.push_back({i, e.what()});
    }
  }
}

template <class Real>
void Sgp4Batch::run(std::span<const Epoch> times, std::size_t first, std::size_t count,
                    const Sgp4BatchArrays<Real>& out, Sgp4BatchOptions options) const {
  if (first > sets_.size() || count > sets_.size() - first)
    throw InputError(fmt::format("batch rows [{}, {}) outside the {} satellites", first, first + count, sets_.size()));
  const Sgp4Simd simd = options.simd == Sgp4Simd::Auto ? sgp4_best_simd() : options.simd;
  if (!sgp4_simd_supported(simd))
    throw InputError(fmt::format("this CPU cannot run the {} SGP4 kernel", to_string(simd)));
  if (count == 0 || times.empty()) return;
  if (!out.x || !out.y || !out.z || !out.vx || !out.vy || !out.vz || !out.status)
    throw InputError("batch output arrays must all be given");
  const RowKernel kernel = kernel_for(simd);

  std::vector<std::int64_t> seconds(times.size());
  std::vector<double> fractions(times.size());
  for (std::size_t j = 0; j < times.size(); ++j) {
    seconds[j] = times[j].tai_seconds();
    fractions[j] = times[j].tai_fraction();
  }

  const std::size_t n = times.size();
  const auto [first_time, last_time] = std::minmax_element(times.begin(), times.end());
  auto do_row = [&](std::size_t r, Worker& w) {
    const Sgp4& sat = sets_[first + r];
    const Sgp4Record& rec = sat.record();
    BatchRow row;
    row.rec = &rec;
    row.am_factor = std::pow(rec.gravity.xke / rec.no_unkozai, kX2o3);
    row.sinim = std::sin(rec.inclo);
    row.cosim = std::cos(rec.inclo);
    row.epoch_seconds = sat.epoch().tai_seconds();
    row.epoch_fraction = sat.epoch().tai_fraction();
    row.seconds = seconds.data();
    row.fractions = fractions.data();
    row.n = n;
    const std::size_t offset = r * n;
    Real* arrays[6] = {out.x, out.y, out.z, out.vx, out.vy, out.vz};
    for (int c = 0; c < 6; ++c) {
      if constexpr (std::is_same_v<Real, double>) row.d[c] = arrays[c] + offset;
      else row.f[c] = arrays[c] + offset;
    }
    row.status = out.status + offset;
    if (rec.deep_space && rec.resonance != 0 && simd != Sgp4Simd::Scalar)
      prepare_resonance(row, w, (*first_time - sat.epoch()) / 60.0, (*last_time - sat.epoch()) / 60.0);
    kernel(row);
    if (options.errors_persist) persist_errors(row);
  };

  unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  // Rows are handed out in small blocks, so that threads stay busy to the end whatever the rows cost.
  const std::size_t block = std::max<std::size_t>(1, std::min<std::size_t>(16, count / (8 * threads) + 1));
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, (count + block - 1) / block));
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  auto work = [&](std::exception_ptr& my_error) {
    try {
      Worker w;
      for (;;) {
        const std::size_t begin = next.fetch_add(block);
        if (begin >= count || failed.load()) break;
        const std::size_t end = std::min(count, begin + block);
        for (std::size_t r = begin; r < end; ++r) do_row(r, w);
      }
    } catch (...) {
      my_error = std::current_exception();
      failed = true;
    }
  };
  if (threads <= 1) {
    work(error);
  } else {
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work, std::ref(errors[i]));
    work(errors[0]);
    for (auto& t : pool) t.join();
    for (auto& e : errors)
      if (e && !error) error = e;
  }
  if (error) std::rethrow_exception(error);
}

void Sgp4Batch::propagate(std::span<const Epoch> times, std::size_t first, std::size_t count,
                          const Sgp4BatchArrays<double>& out, Sgp4BatchOptions options) const {
  run(times, first, count, out, options);
}

void Sgp4Batch::propagate(std::span<const Epoch> times, std::size_t first, std::size_t count,
                          const Sgp4BatchArrays<float>& out, Sgp4BatchOptions options) const {
  run(times, first, count, out, options);
}

namespace {
template <class Real>
Sgp4Ephemerides<Real> allocate(std::size_t satellites, std::size_t times) {
  Sgp4Ephemerides<Real> e;
  e.satellites = satellites;
  e.times = times;
  const std::size_t n = satellites * times;
  for (auto* v : {&e.x, &e.y, &e.z, &e.vx, &e.vy, &e.vz}) v->resize(n);
  e.status.resize(n);
  return e;
}
}  // namespace

Sgp4Ephemerides<double> Sgp4Batch::propagate(std::span<const Epoch> times, Sgp4BatchOptions options) const {
  Sgp4Ephemerides<double> e = allocate<double>(size(), times.size());
  run(times, 0, size(), e.arrays(), options);
  return e;
}

Sgp4Ephemerides<float> Sgp4Batch::propagate_float(std::span<const Epoch> times, Sgp4BatchOptions options) const {
  Sgp4Ephemerides<float> e = allocate<float>(size(), times.size());
  run(times, 0, size(), e.arrays(), options);
  return e;
}

}  // namespace deorbit

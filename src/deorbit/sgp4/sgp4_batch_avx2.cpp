// The batch SGP4 kernel for AVX2: the SIMD vocabulary of sgp4_batch_simd.h over K __m256d per vector (4 K lanes),
// with SLEEF's 1-ulp vector functions (Sleef_*d4_u10avx2) for atan2 and pow. Compiled with -mavx2 -mfma
// -ffp-contract=off (see CMakeLists.txt) and called only when the CPU has AVX2 and FMA.
#include "deorbit/sgp4/sgp4_batch_row.h"

#if defined(__AVX2__) && defined(__FMA__)

#include <immintrin.h>
#include <sleef.h>

namespace deorbit::sgp4_detail {
namespace {

// Two independent __m256d per vector: as for AVX-512, the dependency chains of two halves overlap.
constexpr int K = 2;
constexpr std::size_t W = 4 * K;

struct V {
  __m256d p[K];
  V() = default;
  [[gnu::always_inline]] V(double d) {  // NOLINT(google-explicit-constructor)
    for (int k = 0; k < K; ++k) p[k] = _mm256_set1_pd(d);
  }
  [[gnu::always_inline]] static V load(const double* q) {
    V r;
    for (int k = 0; k < K; ++k) r.p[k] = _mm256_load_pd(q + 4 * k);
    return r;
  }
  [[gnu::always_inline]] void store(double* q) const {
    for (int k = 0; k < K; ++k) _mm256_storeu_pd(q + 4 * k, p[k]);
  }
  [[gnu::always_inline]] void store(float* q) const {
    for (int k = 0; k < K; ++k) _mm_storeu_ps(q + 4 * k, _mm256_cvtpd_ps(p[k]));
  }
};

struct M {
  __m256d p[K];  // all ones in a lane that is set
};

// Everything is forced inline: a vector of K registers passed to an outlined function goes through memory.
#define DEORBIT_V [[gnu::always_inline]] inline
#define DEORBIT_V_UNARY(name, expr)         \
  DEORBIT_V V name(V x) {                   \
    V r;                                    \
    for (int k = 0; k < K; ++k) {           \
      const __m256d a = x.p[k];             \
      r.p[k] = (expr);                      \
    }                                       \
    return r;                               \
  }
#define DEORBIT_V_BINARY(name, expr)        \
  DEORBIT_V V name(V x, V y) {              \
    V r;                                    \
    for (int k = 0; k < K; ++k) {           \
      const __m256d a = x.p[k];             \
      const __m256d b = y.p[k];             \
      r.p[k] = (expr);                      \
    }                                       \
    return r;                               \
  }
#define DEORBIT_V_COMPARE(name, op)                                          \
  DEORBIT_V M name(V x, V y) {                                               \
    M r;                                                                     \
    for (int k = 0; k < K; ++k) r.p[k] = _mm256_cmp_pd(x.p[k], y.p[k], op);  \
    return r;                                                                \
  }

DEORBIT_V_BINARY(operator+, _mm256_add_pd(a, b))
DEORBIT_V_BINARY(operator-, _mm256_sub_pd(a, b))
DEORBIT_V_BINARY(operator*, _mm256_mul_pd(a, b))
DEORBIT_V_BINARY(operator/, _mm256_div_pd(a, b))
DEORBIT_V_UNARY(operator-, _mm256_xor_pd(a, _mm256_set1_pd(-0.0)))
DEORBIT_V_COMPARE(operator<, _CMP_LT_OQ)
DEORBIT_V_COMPARE(operator<=, _CMP_LE_OQ)
DEORBIT_V_COMPARE(operator>, _CMP_GT_OQ)
DEORBIT_V_COMPARE(operator>=, _CMP_GE_OQ)
DEORBIT_V M operator&(M x, M y) {
  for (int k = 0; k < K; ++k) x.p[k] = _mm256_and_pd(x.p[k], y.p[k]);
  return x;
}
DEORBIT_V M operator|(M x, M y) {
  for (int k = 0; k < K; ++k) x.p[k] = _mm256_or_pd(x.p[k], y.p[k]);
  return x;
}
DEORBIT_V M operator~(M x) {
  const __m256d ones = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  for (int k = 0; k < K; ++k) x.p[k] = _mm256_xor_pd(x.p[k], ones);
  return x;
}
DEORBIT_V bool any(M x) {
  int r = 0;
  for (int k = 0; k < K; ++k) r |= _mm256_movemask_pd(x.p[k]);
  return r != 0;
}
DEORBIT_V bool all(M x) {
  int r = 0xF;
  for (int k = 0; k < K; ++k) r &= _mm256_movemask_pd(x.p[k]);
  return r == 0xF;
}
DEORBIT_V V select(M m, V x, V y) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm256_blendv_pd(y.p[k], x.p[k], m.p[k]);
  return r;
}
DEORBIT_V V vfma(V x, V y, V z) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm256_fmadd_pd(x.p[k], y.p[k], z.p[k]);
  return r;
}
DEORBIT_V_UNARY(vabs, _mm256_andnot_pd(_mm256_set1_pd(-0.0), a))
DEORBIT_V_UNARY(vsqrt, _mm256_sqrt_pd(a))
DEORBIT_V_UNARY(vround, _mm256_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC))
DEORBIT_V_UNARY(vfloor, _mm256_round_pd(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC))
DEORBIT_V_BINARY(vatan2, Sleef_atan2d4_u10avx2(a, b))
DEORBIT_V_BINARY(vpow, Sleef_powd4_u10avx2(a, b))
DEORBIT_V void vsincos(V x, V& s, V& c) {
  for (int k = 0; k < K; ++k) {
    const Sleef___m256d_2 r = Sleef_sincosd4_u10avx2(x.p[k]);
    s.p[k] = r.x;
    c.p[k] = r.y;
  }
}
DEORBIT_V M vfinite(V x) {
  M r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm256_cmp_pd(_mm256_sub_pd(x.p[k], x.p[k]), _mm256_setzero_pd(), _CMP_EQ_OQ);
  return r;
}

//! fmod(x, 2 pi), exact, without a division (see sgp4_batch_avx512.cpp for why).
DEORBIT_V __m256d fmod4(__m256d x) {
  const __m256d y = _mm256_set1_pd(6.283185307179586476925287);
  const __m256d sign = _mm256_set1_pd(-0.0);
  const __m256d ax = _mm256_andnot_pd(sign, x);
  const __m256d q = _mm256_round_pd(_mm256_mul_pd(ax, _mm256_set1_pd(0.15915494309189533576888)),
                                    _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __m256d one = _mm256_set1_pd(1.0);
  __m256d r = _mm256_fnmadd_pd(q, y, ax);
  const __m256d low = _mm256_cmp_pd(r, _mm256_setzero_pd(), _CMP_LT_OQ);
  const __m256d high = _mm256_cmp_pd(r, y, _CMP_GE_OQ);
  r = _mm256_blendv_pd(r, _mm256_fnmadd_pd(_mm256_sub_pd(q, one), y, ax), low);
  r = _mm256_blendv_pd(r, _mm256_fnmadd_pd(_mm256_add_pd(q, one), y, ax), high);
  return _mm256_or_pd(r, _mm256_and_pd(x, sign));
}
DEORBIT_V_UNARY(vfmod_2pi, fmod4(a))

}  // namespace
}  // namespace deorbit::sgp4_detail

#include "deorbit/sgp4/sgp4_batch_simd.h"

namespace deorbit::sgp4_detail {
void propagate_row_avx2(const BatchRow& row) { run_row(row); }
}  // namespace deorbit::sgp4_detail

#endif

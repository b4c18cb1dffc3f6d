// The batch SGP4 kernel for AVX-512: the SIMD vocabulary of sgp4_batch_simd.h over K __m512d per vector, with
// SLEEF's 1-ulp vector functions (Sleef_*d8_u10avx512f) for atan2 and pow. Compiled with -mavx512f -mavx512dq -mfma
// -ffp-contract=off (see CMakeLists.txt) and called only when the CPU has AVX-512F and AVX-512DQ.
#include "deorbit/sgp4/sgp4_batch_row.h"

#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__FMA__)

#include <immintrin.h>
#include <sleef.h>

namespace deorbit::sgp4_detail {
namespace {

// K independent __m512d per vector (8 K lanes): the long dependency chains of one propagation (the Kepler
// iteration, the SLEEF calls) then overlap in the out-of-order core, which one __m512d alone leaves idle.
#ifndef DEORBIT_AVX512_K
#define DEORBIT_AVX512_K 2
#endif
constexpr int K = DEORBIT_AVX512_K;
constexpr std::size_t W = 8 * K;

struct V {
  __m512d p[K];
  V() = default;
  [[gnu::always_inline]] V(double d) {  // NOLINT(google-explicit-constructor)
    for (int k = 0; k < K; ++k) p[k] = _mm512_set1_pd(d);
  }
  [[gnu::always_inline]] static V load(const double* q) {
    V r;
    for (int k = 0; k < K; ++k) r.p[k] = _mm512_load_pd(q + 8 * k);
    return r;
  }
  [[gnu::always_inline]] void store(double* q) const {
    for (int k = 0; k < K; ++k) _mm512_storeu_pd(q + 8 * k, p[k]);
  }
  [[gnu::always_inline]] void store(float* q) const {
    for (int k = 0; k < K; ++k) _mm256_storeu_ps(q + 8 * k, _mm512_cvtpd_ps(p[k]));
  }
};

struct M {
  __mmask8 p[K];
};

// Everything is forced inline: a vector of K registers passed to an outlined function goes through memory.
#define DEORBIT_V [[gnu::always_inline]] inline
#define DEORBIT_V_UNARY(name, expr)         \
  DEORBIT_V V name(V x) {                   \
    V r;                                    \
    for (int k = 0; k < K; ++k) {           \
      const __m512d a = x.p[k];             \
      r.p[k] = (expr);                      \
    }                                       \
    return r;                               \
  }
#define DEORBIT_V_BINARY(name, expr)        \
  DEORBIT_V V name(V x, V y) {              \
    V r;                                    \
    for (int k = 0; k < K; ++k) {           \
      const __m512d a = x.p[k];             \
      const __m512d b = y.p[k];             \
      r.p[k] = (expr);                      \
    }                                       \
    return r;                               \
  }
#define DEORBIT_V_COMPARE(name, op)                                                  \
  DEORBIT_V M name(V x, V y) {                                                       \
    M r;                                                                             \
    for (int k = 0; k < K; ++k) r.p[k] = _mm512_cmp_pd_mask(x.p[k], y.p[k], op);     \
    return r;                                                                        \
  }

DEORBIT_V_BINARY(operator+, _mm512_add_pd(a, b))
DEORBIT_V_BINARY(operator-, _mm512_sub_pd(a, b))
DEORBIT_V_BINARY(operator*, _mm512_mul_pd(a, b))
DEORBIT_V_BINARY(operator/, _mm512_div_pd(a, b))
DEORBIT_V_UNARY(operator-, _mm512_xor_pd(a, _mm512_set1_pd(-0.0)))
DEORBIT_V_COMPARE(operator<, _CMP_LT_OQ)
DEORBIT_V_COMPARE(operator<=, _CMP_LE_OQ)
DEORBIT_V_COMPARE(operator>, _CMP_GT_OQ)
DEORBIT_V_COMPARE(operator>=, _CMP_GE_OQ)
DEORBIT_V M operator&(M x, M y) {
  for (int k = 0; k < K; ++k) x.p[k] = static_cast<__mmask8>(x.p[k] & y.p[k]);
  return x;
}
DEORBIT_V M operator|(M x, M y) {
  for (int k = 0; k < K; ++k) x.p[k] = static_cast<__mmask8>(x.p[k] | y.p[k]);
  return x;
}
DEORBIT_V M operator~(M x) {
  for (int k = 0; k < K; ++k) x.p[k] = static_cast<__mmask8>(~x.p[k]);
  return x;
}
DEORBIT_V bool any(M x) {
  unsigned r = 0;
  for (int k = 0; k < K; ++k) r |= x.p[k];
  return r != 0;
}
DEORBIT_V bool all(M x) {
  unsigned r = 0xFF;
  for (int k = 0; k < K; ++k) r &= x.p[k];
  return r == 0xFF;
}
DEORBIT_V V select(M m, V x, V y) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm512_mask_blend_pd(m.p[k], y.p[k], x.p[k]);
  return r;
}
DEORBIT_V V vfma(V x, V y, V z) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm512_fmadd_pd(x.p[k], y.p[k], z.p[k]);
  return r;
}
DEORBIT_V_UNARY(vabs, _mm512_abs_pd(a))
DEORBIT_V_UNARY(vsqrt, _mm512_sqrt_pd(a))
DEORBIT_V_UNARY(vround, _mm512_roundscale_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC))
DEORBIT_V_UNARY(vfloor, _mm512_roundscale_pd(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC))
DEORBIT_V_BINARY(vatan2, Sleef_atan2d8_u10avx512f(a, b))
DEORBIT_V_BINARY(vpow, Sleef_powd8_u10avx512f(a, b))
DEORBIT_V void vsincos(V x, V& s, V& c) {
  for (int k = 0; k < K; ++k) {
    const Sleef___m512d_2 r = Sleef_sincosd8_u10avx512f(x.p[k]);
    s.p[k] = r.x;
    c.p[k] = r.y;
  }
}
DEORBIT_V M vfinite(V x) {
  M r;
  for (int k = 0; k < K; ++k)
    r.p[k] = _mm512_cmp_pd_mask(_mm512_sub_pd(x.p[k], x.p[k]), _mm512_setzero_pd(), _CMP_EQ_OQ);
  return r;
}

//! fmod(x, 2 pi), exact (as std::fmod) for |x| < 2^50, without a division: the quotient of |x| estimated with the
//! reciprocal is the true one or off by one; the remainder |x| - q 2 pi is computed in one FMA, exact when q is the
//! true quotient (the remainder is representable), and a remainder outside [0, 2 pi) says which neighbour q is (the
//! rounding cannot cross 0 or 2 pi, both representable); the sign of x is put back.
DEORBIT_V __m512d fmod8(__m512d x) {
  const __m512d y = _mm512_set1_pd(6.283185307179586476925287);
  const __m512d sign = _mm512_set1_pd(-0.0);
  const __m512d ax = _mm512_andnot_pd(sign, x);
  const __m512d q = _mm512_roundscale_pd(_mm512_mul_pd(ax, _mm512_set1_pd(0.15915494309189533576888)),
                                         _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __m512d one = _mm512_set1_pd(1.0);
  __m512d r = _mm512_fnmadd_pd(q, y, ax);
  const __mmask8 low = _mm512_cmp_pd_mask(r, _mm512_setzero_pd(), _CMP_LT_OQ);
  const __mmask8 high = _mm512_cmp_pd_mask(r, y, _CMP_GE_OQ);
  r = _mm512_mask_mov_pd(r, low, _mm512_fnmadd_pd(_mm512_sub_pd(q, one), y, ax));
  r = _mm512_mask_mov_pd(r, high, _mm512_fnmadd_pd(_mm512_add_pd(q, one), y, ax));
  return _mm512_or_pd(r, _mm512_and_pd(x, sign));
}
DEORBIT_V_UNARY(vfmod_2pi, fmod8(a))

}  // namespace
}  // namespace deorbit::sgp4_detail

#include "deorbit/sgp4/sgp4_batch_simd.h"

namespace deorbit::sgp4_detail {
void propagate_row_avx512(const BatchRow& row) { run_row(row); }
}  // namespace deorbit::sgp4_detail

#endif

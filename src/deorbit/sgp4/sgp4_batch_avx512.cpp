// The batch SGP4 kernel for AVX-512 (8 doubles per vector): the SIMD vocabulary of sgp4_batch_simd.h over __m512d,
// with SLEEF's 1-ulp vector functions (Sleef_*d8_u10avx512f). Compiled with -mavx512f -mavx512dq -mfma
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
  V(double d) {  // NOLINT(google-explicit-constructor)
    for (int k = 0; k < K; ++k) p[k] = _mm512_set1_pd(d);
  }
  static V load(const double* q) {
    V r;
    for (int k = 0; k < K; ++k) r.p[k] = _mm512_load_pd(q + 8 * k);
    return r;
  }
  void store(double* q) const {
    for (int k = 0; k < K; ++k) _mm512_storeu_pd(q + 8 * k, p[k]);
  }
  void store(float* q) const {
    for (int k = 0; k < K; ++k) _mm256_storeu_ps(q + 8 * k, _mm512_cvtpd_ps(p[k]));
  }
};

struct M {
  __mmask8 p[K];
};

template <class F>
inline V map(V x, V y, F f) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = f(x.p[k], y.p[k]);
  return r;
}
template <class F>
inline V map(V x, F f) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = f(x.p[k]);
  return r;
}
template <int Op>
inline M compare(V x, V y) {
  M r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm512_cmp_pd_mask(x.p[k], y.p[k], Op);
  return r;
}

inline V operator+(V x, V y) { return map(x, y, [](__m512d a, __m512d b) { return _mm512_add_pd(a, b); }); }
inline V operator-(V x, V y) { return map(x, y, [](__m512d a, __m512d b) { return _mm512_sub_pd(a, b); }); }
inline V operator*(V x, V y) { return map(x, y, [](__m512d a, __m512d b) { return _mm512_mul_pd(a, b); }); }
inline V operator/(V x, V y) { return map(x, y, [](__m512d a, __m512d b) { return _mm512_div_pd(a, b); }); }
inline V operator-(V x) { return map(x, [](__m512d a) { return _mm512_xor_pd(a, _mm512_set1_pd(-0.0)); }); }
inline M operator<(V x, V y) { return compare<_CMP_LT_OQ>(x, y); }
inline M operator<=(V x, V y) { return compare<_CMP_LE_OQ>(x, y); }
inline M operator>(V x, V y) { return compare<_CMP_GT_OQ>(x, y); }
inline M operator>=(V x, V y) { return compare<_CMP_GE_OQ>(x, y); }
inline M operator&(M x, M y) {
  for (int k = 0; k < K; ++k) x.p[k] = static_cast<__mmask8>(x.p[k] & y.p[k]);
  return x;
}
inline M operator|(M x, M y) {
  for (int k = 0; k < K; ++k) x.p[k] = static_cast<__mmask8>(x.p[k] | y.p[k]);
  return x;
}
inline M operator~(M x) {
  for (int k = 0; k < K; ++k) x.p[k] = static_cast<__mmask8>(~x.p[k]);
  return x;
}
inline bool any(M x) {
  unsigned r = 0;
  for (int k = 0; k < K; ++k) r |= x.p[k];
  return r != 0;
}
inline bool all(M x) {
  unsigned r = 0xFF;
  for (int k = 0; k < K; ++k) r &= x.p[k];
  return r == 0xFF;
}
inline V select(M m, V x, V y) {
  V r;
  for (int k = 0; k < K; ++k) r.p[k] = _mm512_mask_blend_pd(m.p[k], y.p[k], x.p[k]);
  return r;
}
inline V vabs(V x) { return map(x, [](__m512d a) { return _mm512_abs_pd(a); }); }
inline V vsqrt(V x) { return map(x, [](__m512d a) { return _mm512_sqrt_pd(a); }); }
inline V vsin(V x) { return map(x, [](__m512d a) { return Sleef_sind8_u10avx512f(a); }); }
inline V vcos(V x) { return map(x, [](__m512d a) { return Sleef_cosd8_u10avx512f(a); }); }
inline void vsincos(V x, V& s, V& c) {
  for (int k = 0; k < K; ++k) {
    const Sleef___m512d_2 r = Sleef_sincosd8_u10avx512f(x.p[k]);
    s.p[k] = r.x;
    c.p[k] = r.y;
  }
}
inline V vatan2(V y, V x) { return map(y, x, [](__m512d a, __m512d b) { return Sleef_atan2d8_u10avx512f(a, b); }); }
inline V vpow(V x, V y) { return map(x, y, [](__m512d a, __m512d b) { return Sleef_powd8_u10avx512f(a, b); }); }
inline M vfinite(V x) {
  M r;
  for (int k = 0; k < K; ++k)
    r.p[k] = _mm512_cmp_pd_mask(_mm512_sub_pd(x.p[k], x.p[k]), _mm512_setzero_pd(), _CMP_EQ_OQ);
  return r;
}

//! fmod(x, 2 pi), exact: the quotient rounded toward zero, then x - q * 2 pi in one FMA. The FMA is exact because
//! the true remainder is representable; when x / 2 pi rounded up to the next integer the remainder is off by one
//! 2 pi with the wrong sign, and adding 2 pi back is exact too (Sterbenz). Matches std::fmod for |x| < 2^50.
inline __m512d fmod8(__m512d x) {
  const __m512d y = _mm512_set1_pd(6.283185307179586476925287);
  const __m512d q = _mm512_roundscale_pd(_mm512_div_pd(x, y), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  __m512d r = _mm512_fnmadd_pd(q, y, x);
  const __m512d zero = _mm512_setzero_pd();
  const __mmask8 xpos = _mm512_cmp_pd_mask(x, zero, _CMP_GE_OQ);
  const __mmask8 xneg = _mm512_cmp_pd_mask(x, zero, _CMP_LT_OQ);
  const __mmask8 under = xpos & _mm512_cmp_pd_mask(r, zero, _CMP_LT_OQ);
  const __mmask8 over = xneg & _mm512_cmp_pd_mask(r, zero, _CMP_GT_OQ);
  r = _mm512_mask_add_pd(r, under, r, y);
  r = _mm512_mask_sub_pd(r, over, r, y);
  return r;
}
inline V vfmod_2pi(V x) { return map(x, [](__m512d a) { return fmod8(a); }); }

}  // namespace
}  // namespace deorbit::sgp4_detail

#include "deorbit/sgp4/sgp4_batch_simd.h"

namespace deorbit::sgp4_detail {
void propagate_row_avx512(const BatchRow& row) { run_row(row); }
}  // namespace deorbit::sgp4_detail

#endif

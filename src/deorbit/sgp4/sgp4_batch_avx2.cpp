// The batch SGP4 kernel for AVX2 (4 doubles per vector): the SIMD vocabulary of sgp4_batch_simd.h over __m256d,
// with SLEEF's 1-ulp vector functions (Sleef_*d4_u10avx2) for atan2 and pow. Compiled with -mavx2 -mfma -ffp-contract=off (see
// CMakeLists.txt) and called only when the CPU has AVX2 and FMA.
#include "deorbit/sgp4/sgp4_batch_row.h"

#if defined(__AVX2__) && defined(__FMA__)

#include <immintrin.h>
#include <sleef.h>

namespace deorbit::sgp4_detail {
namespace {

constexpr std::size_t W = 4;

struct V {
  __m256d v;
  V() = default;
  V(__m256d x) : v(x) {}  // NOLINT(google-explicit-constructor): the vocabulary relies on implicit conversion
  V(double d) : v(_mm256_set1_pd(d)) {}  // NOLINT(google-explicit-constructor)
  static V load(const double* p) { return _mm256_load_pd(p); }
  void store(double* p) const { _mm256_storeu_pd(p, v); }
  void store(float* p) const { _mm_storeu_ps(p, _mm256_cvtpd_ps(v)); }
};

struct M {
  __m256d m;  // all ones in a lane that is set
};

inline V operator+(V a, V b) { return _mm256_add_pd(a.v, b.v); }
inline V operator-(V a, V b) { return _mm256_sub_pd(a.v, b.v); }
inline V operator*(V a, V b) { return _mm256_mul_pd(a.v, b.v); }
inline V operator/(V a, V b) { return _mm256_div_pd(a.v, b.v); }
inline V operator-(V a) { return _mm256_xor_pd(a.v, _mm256_set1_pd(-0.0)); }
inline M operator<(V a, V b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_LT_OQ)}; }
inline M operator<=(V a, V b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_LE_OQ)}; }
inline M operator>(V a, V b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_GT_OQ)}; }
inline M operator>=(V a, V b) { return {_mm256_cmp_pd(a.v, b.v, _CMP_GE_OQ)}; }
inline M operator&(M a, M b) { return {_mm256_and_pd(a.m, b.m)}; }
inline M operator|(M a, M b) { return {_mm256_or_pd(a.m, b.m)}; }
inline M operator~(M a) { return {_mm256_xor_pd(a.m, _mm256_castsi256_pd(_mm256_set1_epi64x(-1)))}; }
inline bool any(M a) { return _mm256_movemask_pd(a.m) != 0; }
inline bool all(M a) { return _mm256_movemask_pd(a.m) == 0xF; }
inline V select(M m, V a, V b) { return _mm256_blendv_pd(b.v, a.v, m.m); }
inline V vabs(V a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a.v); }
inline V vsqrt(V a) { return _mm256_sqrt_pd(a.v); }
inline V vfma(V a, V b, V c) { return _mm256_fmadd_pd(a.v, b.v, c.v); }
inline V vround(V a) { return _mm256_round_pd(a.v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
inline V vfloor(V a) { return _mm256_round_pd(a.v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
inline void vsincos(V a, V& s, V& c) {
  const Sleef___m256d_2 sc = Sleef_sincosd4_u10avx2(a.v);
  s = sc.x;
  c = sc.y;
}
inline V vatan2(V y, V x) { return Sleef_atan2d4_u10avx2(y.v, x.v); }
inline V vpow(V x, V y) { return Sleef_powd4_u10avx2(x.v, y.v); }
inline M vfinite(V a) { return {_mm256_cmp_pd(_mm256_sub_pd(a.v, a.v), _mm256_setzero_pd(), _CMP_EQ_OQ)}; }

//! fmod(x, 2 pi), exact, without a division (see sgp4_batch_avx512.cpp for why).
inline V vfmod_2pi(V xv) {
  const __m256d x = xv.v;
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

}  // namespace
}  // namespace deorbit::sgp4_detail

#include "deorbit/sgp4/sgp4_batch_simd.h"

namespace deorbit::sgp4_detail {
void propagate_row_avx2(const BatchRow& row) { run_row(row); }
}  // namespace deorbit::sgp4_detail

#endif

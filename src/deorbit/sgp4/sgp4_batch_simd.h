// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (sgp4, dspace,
// dpper); the scalar kernel in sgp4_kernel.cpp and deep_space.cpp, which this file follows line by line.
//
// Internal to the batch propagator: the SGP4/SDP4 propagation step written once over a SIMD vector of instants of
// one satellite. Included only by the instruction-set translation units (sgp4_batch_avx512.cpp, sgp4_batch_avx2.cpp),
// each of which defines, in an unnamed namespace and before including this file:
//
//   struct V   a vector of W doubles: V(double) broadcasts; + - * / and unary -; static V load(const double*);
//              void store(double*) const; void store(float*) const (rounds to float)
//   struct M   a lane mask: & | and ~; bool any(M); bool all(M)
//   < <= > >=  on V, ordered (false when a lane is NaN), returning M
//   select(M m, V a, V b)      a where m, else b
//   vabs, vsqrt, vsincos(x, &s, &c) (the library's, for arguments beyond 1e9 rad), vatan2(y, x), vpow(x, y),
//   vfmod_2pi(x) (exact fmod(x, 2 pi)), vfinite(x) -> M, vfma(a, b, c) = a * b + c rounded once,
//   vround(x) (to nearest, ties to even), vfloor(x)
//   constexpr std::size_t W
//
// Every expression keeps the scalar kernel's order of operations (C++ evaluates a * b * c as (a * b) * c in both),
// and no floating-point contraction is allowed in these units (-ffp-contract=off). Where this file computes
// differently, it is for speed, it is marked, and it is an identity that changes results by an ulp or so:
//   * sine and cosine are sincos_poly below (inline, within 1 ulp of the C library's); arc tangent (Lyddane's node)
//     and power (resonance) come from SLEEF (1 ulp);
//   * the sine and cosine of su = atan2(sinu, cosu) - dsu are those of the normalised (sinu, cosu) turned by dsu, and
//     those of xinc = inclp + dinc and of mm = xmdf + (drag term) are rotations of sines and cosines already known by
//     a small angle: no arc tangent and three full sines and cosines fewer;
//   * the solar and lunar zf = zm + 2 e sin(zm) are handled the same way;
//   * am^1.5 is am * sqrt(am); nm / xke and 1 / rl are formed once instead of dividing several times; with
//     resonance, pow(xke / nm, 2/3) is the epoch's value times a binomial series in the small change of nm;
//   * fmod by 2 pi is exact (as std::fmod), formed with a reciprocal and an FMA instead of a division.
// Measured effect against the scalar kernel (tests/sgp4/sgp4_batch_test.cpp): at most 1.7e-7 m over the active
// catalogue, 6.2e-7 m over the verification set (5 years out), 2e-10 m/s; the same status everywhere. Everything here has internal linkage.
#pragma once

#include <cstddef>
#include <cstdint>

#include "deorbit/sgp4/deep_space.h"
#include "deorbit/sgp4/sgp4_batch_row.h"

namespace deorbit::sgp4_detail {
namespace {

constexpr double kx2o3 = 2.0 / 3.0;

// The helpers below are forced inline: vectors of several registers passed to an outlined function go through
// memory, which costs more than the arithmetic.
#define DEORBIT_SIMD_INLINE [[gnu::always_inline]] inline

//! Lane codes of Sgp4Status, as doubles (a lane keeps the first error it meets, as the scalar kernel returns).
constexpr double kCodeMeanEcc = static_cast<double>(static_cast<int>(Sgp4Status::MeanEccentricityOutOfRange));
constexpr double kCodeMeanMotion = static_cast<double>(static_cast<int>(Sgp4Status::MeanMotionNotPositive));
constexpr double kCodePerturbedEcc =
    static_cast<double>(static_cast<int>(Sgp4Status::PerturbedEccentricityOutOfRange));
constexpr double kCodeSemiLatus = static_cast<double>(static_cast<int>(Sgp4Status::SemiLatusRectumNegative));
constexpr double kCodeDecayed = static_cast<double>(static_cast<int>(Sgp4Status::Decayed));

//! sin and cos of x, within 1 ulp of the C library's (glibc) values for |x| < 1e9 rad (beyond, the library's vsincos).
//! Cody-Waite reduction by pi/2 with a two-part constant and FMA (exact to ~1e-30 rad for these arguments), then the
//! Taylor series on [-pi/4, pi/4] to the 17th (sine) and 18th (cosine) power, whose truncation errors (6e-20, 2e-21)
//! are far below half an ulp; the cosine's 1 - r^2/2 is formed with its rounding error carried. Inline, so the
//! kernel keeps its values in registers instead of saving them around library calls (twice the speed of SLEEF's
//! u10 sincos here, same accuracy class). Measured against glibc's sin and cos on 4 million random arguments in
//! |x| < 10, 1e3 and 2e5 rad: at most 1 ulp apart (16 % of the values differ by one ulp; SLEEF u10: 3.5 %).
DEORBIT_SIMD_INLINE void sincos_poly(V x, V& s, V& c) {
  if (any(vabs(x) > V(1.0e9))) {
    vsincos(x, s, c);
    return;
  }
  const V q = vround(x * 0.636619772367581343075535053490057448);
  V r = vfma(-q, V(1.57079632679489655800e+00), x);  // pi/2 rounded to double
  r = vfma(-q, V(6.12323399573676603587e-17), r);    // pi/2 minus that
  const V r2 = r * r;
  V ps = V(1.0 / 355687428096000.0);
  ps = vfma(ps, r2, V(-1.0 / 1307674368000.0));
  ps = vfma(ps, r2, V(1.0 / 6227020800.0));
  ps = vfma(ps, r2, V(-1.0 / 39916800.0));
  ps = vfma(ps, r2, V(1.0 / 362880.0));
  ps = vfma(ps, r2, V(-1.0 / 5040.0));
  ps = vfma(ps, r2, V(1.0 / 120.0));
  ps = vfma(ps, r2, V(-1.0 / 6.0));
  const V sr = vfma(ps * r2, r, r);
  V pc = V(-1.0 / 6402373705728000.0);
  pc = vfma(pc, r2, V(1.0 / 20922789888000.0));
  pc = vfma(pc, r2, V(-1.0 / 87178291200.0));
  pc = vfma(pc, r2, V(1.0 / 479001600.0));
  pc = vfma(pc, r2, V(-1.0 / 3628800.0));
  pc = vfma(pc, r2, V(1.0 / 40320.0));
  pc = vfma(pc, r2, V(-1.0 / 720.0));
  pc = vfma(pc, r2, V(1.0 / 24.0));
  const V hz = 0.5 * r2;
  const V w = 1.0 - hz;
  const V carried = (1.0 - w) - hz;  // the rounding error of w, exactly
  const V cr = w + vfma(r2 * r2, pc, carried);
  // Quadrant q mod 4: 1 and 3 swap sine and cosine; 2 and 3 negate the sine; 1 and 2 negate the cosine.
  const V quadrant = q - 4.0 * vfloor(q * 0.25);
  const M odd = ((quadrant > V(0.5)) & (quadrant < V(1.5))) | (quadrant > V(2.5));
  const M sine_negative = quadrant > V(1.5);
  const M cosine_negative = (quadrant > V(0.5)) & (quadrant < V(2.5));
  const V sv = select(odd, cr, sr);
  const V cv = select(odd, sr, cr);
  s = select(sine_negative, -sv, sv);
  c = select(cosine_negative, -cv, cv);
}

//! sin and cos of a small angle d (|d| <= 0.1 rad: Taylor series to d^11 and d^12, truncation below 1e-21), else
//! sincos_poly. The kernel meets such angles as the short-period corrections it adds to an angle whose sine and
//! cosine it already has: sin(a + d) = sin a cos d + cos a sin d then replaces a full sine and cosine.
DEORBIT_SIMD_INLINE void sincos_small(V d, V& s, V& c) {
  if (any(vabs(d) > V(0.1))) {
    sincos_poly(d, s, c);
    return;
  }
  const V d2 = d * d;
  V ps = V(-1.0 / 39916800.0);
  ps = vfma(ps, d2, V(1.0 / 362880.0));
  ps = vfma(ps, d2, V(-1.0 / 5040.0));
  ps = vfma(ps, d2, V(1.0 / 120.0));
  ps = vfma(ps, d2, V(-1.0 / 6.0));
  s = vfma(ps * d2, d, d);
  V pc = V(1.0 / 479001600.0);
  pc = vfma(pc, d2, V(-1.0 / 3628800.0));
  pc = vfma(pc, d2, V(1.0 / 40320.0));
  pc = vfma(pc, d2, V(-1.0 / 720.0));
  pc = vfma(pc, d2, V(1.0 / 24.0));
  pc = vfma(pc, d2, V(-0.5));
  c = vfma(pc, d2, V(1.0));
}

DEORBIT_SIMD_INLINE V sin_poly(V x) {
  V s, c;
  sincos_poly(x, s, c);
  return s;
}

DEORBIT_SIMD_INLINE V cos_poly(V x) {
  V s, c;
  sincos_poly(x, s, c);
  return c;
}

//! fmod(x, 2 pi), which is x itself when |x| < 2 pi: the reduction runs only when a lane needs it.
DEORBIT_SIMD_INLINE V fmod_2pi(V x) {
  if (any(~(vabs(x) < V(two_pi)))) return vfmod_2pi(x);
  return x;
}

//! Lane results.
struct Lanes {
  V r[3];     //!< [m]
  V v[3];     //!< [m/s]
  V code;     //!< Sgp4Status as a double
  M failed;   //!< lanes whose status is not Ok
};

//! Resonance node values of each lane (gathered by the row loop).
struct ResonanceLanes {
  V atime, xli, xni, xldot, xndt, xnddt;
};

//! Marks lanes in `bad` that have not failed yet with `code`.
DEORBIT_SIMD_INLINE void fail(Lanes& out, M bad, double code) {
  const M fresh = bad & ~out.failed;
  out.code = select(fresh, V(code), out.code);
  out.failed = out.failed | bad;
}

//! dpper at t for every lane (deep_space_periodics).
//! Also returns sin and cos of the perturbed inclination (before any sign change of it).
inline void periodics(const Sgp4Record& rec, const V t, V& ep, V& inclp, V& nodep, V& argpp, V& mp, V& sinip,
                      V& cosip) {
  // Solar terms at t.
  // zf = zm + 2 e sin(zm): its sine and cosine are those of zm turned by the small angle 2 e sin(zm) (e < 0.06).
  V zm = rec.zmos + zns * t;
  V sinzm, coszm, sind, cosd;
  sincos_poly(zm, sinzm, coszm);
  sincos_small(2.0 * zes * sinzm, sind, cosd);
  V sinzf = sinzm * cosd + coszm * sind;
  V coszf = coszm * cosd - sinzm * sind;
  V f2 = 0.5 * sinzf * sinzf - 0.25;
  V f3 = -0.5 * sinzf * coszf;
  const V ses = rec.se2 * f2 + rec.se3 * f3;
  const V sis = rec.si2 * f2 + rec.si3 * f3;
  const V sls = rec.sl2 * f2 + rec.sl3 * f3 + rec.sl4 * sinzf;
  const V sghs = rec.sgh2 * f2 + rec.sgh3 * f3 + rec.sgh4 * sinzf;
  const V shs = rec.sh2 * f2 + rec.sh3 * f3;
  // Lunar terms at t.
  zm = rec.zmol + znl * t;
  sincos_poly(zm, sinzm, coszm);
  sincos_small(2.0 * zel * sinzm, sind, cosd);
  sinzf = sinzm * cosd + coszm * sind;
  coszf = coszm * cosd - sinzm * sind;
  f2 = 0.5 * sinzf * sinzf - 0.25;
  f3 = -0.5 * sinzf * coszf;
  const V sel = rec.ee2 * f2 + rec.e3 * f3;
  const V sil = rec.xi2 * f2 + rec.xi3 * f3;
  const V sll = rec.xl2 * f2 + rec.xl3 * f3 + rec.xl4 * sinzf;
  const V sghl = rec.xgh2 * f2 + rec.xgh3 * f3 + rec.xgh4 * sinzf;
  const V shll = rec.xh2 * f2 + rec.xh3 * f3;

  const V pe = ses + sel;
  const V pinc = sis + sil;
  const V pl = sls + sll;
  const V pgh = sghs + sghl;
  const V ph = shs + shll;

  inclp = inclp + pinc;
  ep = ep + pe;
  sincos_poly(inclp, sinip, cosip);

  // Lyddane's choice on the perturbed inclination, per lane.
  const M high = inclp >= V(0.2);
  V argpp_a = argpp, nodep_a = nodep, mp_a = mp;
  if (any(high)) {
    const V ph_a = ph / sinip;
    const V pgh_a = pgh - cosip * ph_a;
    argpp_a = argpp + pgh_a;
    nodep_a = nodep + ph_a;
    mp_a = mp + pl;
  }
  if (all(high)) {
    argpp = argpp_a;
    nodep = nodep_a;
    mp = mp_a;
    return;
  }
  // Lyddane's form, free of the 1/sin(i) singularity.
  V sinop, cosop;
  sincos_poly(nodep, sinop, cosop);
  V alfdp = sinip * sinop;
  V betdp = sinip * cosop;
  const V dalf = ph * cosop + pinc * cosip * sinop;
  const V dbet = -ph * sinop + pinc * cosip * cosop;
  alfdp = alfdp + dalf;
  betdp = betdp + dbet;
  V nodep_b = fmod_2pi(nodep);
  if (rec.afspc_mode) nodep_b = select(nodep_b < V(0.0), nodep_b + two_pi, nodep_b);
  V xls = mp + argpp + cosip * nodep_b;
  const V dls = pl + pgh - pinc * nodep_b * sinip;
  xls = xls + dls;
  const V xnoh = nodep_b;
  nodep_b = vatan2(alfdp, betdp);
  if (rec.afspc_mode) nodep_b = select(nodep_b < V(0.0), nodep_b + two_pi, nodep_b);
  const M wrap = vabs(xnoh - nodep_b) > V(pi);
  nodep_b = select(wrap, select(nodep_b < xnoh, nodep_b + two_pi, nodep_b - two_pi), nodep_b);
  const V mp_b = mp + pl;
  const V argpp_b = xls - mp_b - cosip * nodep_b;

  argpp = select(high, argpp_a, argpp_b);
  nodep = select(high, nodep_a, nodep_b);
  mp = select(high, mp_a, mp_b);
}

//! sgp4 (sgp4_propagate) at minutes t from epoch, every lane; results in SI units.
inline Lanes propagate_lanes(const BatchRow& row, const V t, const ResonanceLanes* res) {
  const Sgp4Record& rec = *row.rec;
  const Sgp4GravityConstants& g = rec.gravity;
  const double temp4 = 1.5e-12;
  const double vkmpersec = g.radius_km * g.xke / 60.0;

  Lanes out;
  out.code = V(0.0);
  out.failed = V(0.0) < V(0.0);  // none

  // Secular gravity and atmospheric drag.
  const V xmdf = rec.mo + rec.mdot * t;
  const V argpdf = rec.argpo + rec.argpdot * t;
  const V nodedf = rec.nodeo + rec.nodedot * t;
  V argpm = argpdf;
  V mm = xmdf;
  const V t2 = t * t;
  V nodem = nodedf + rec.nodecf * t2;
  V tempa = 1.0 - rec.cc1 * t;
  V tempe = rec.bstar * rec.cc4 * t;
  V templ = rec.t2cof * t2;

  if (!rec.simplified_drag) {
    const V delomg = rec.omgcof * t;
    V sin_xmdf, cos_xmdf;
    sincos_poly(xmdf, sin_xmdf, cos_xmdf);
    const V delmtemp = 1.0 + rec.eta * cos_xmdf;
    const V delm = rec.xmcof * (delmtemp * delmtemp * delmtemp - rec.delmo);
    const V temp = delomg + delm;
    mm = xmdf + temp;
    argpm = argpdf - temp;
    const V t3 = t2 * t;
    const V t4 = t3 * t;
    tempa = tempa - rec.d2 * t2 - rec.d3 * t3 - rec.d4 * t4;
    // sin(mm) with mm = xmdf + temp: a rotation of (sin, cos)(xmdf) by the small drag correction temp.
    V sin_temp, cos_temp;
    sincos_small(temp, sin_temp, cos_temp);
    const V sin_mm = sin_xmdf * cos_temp + cos_xmdf * sin_temp;
    tempe = tempe + rec.bstar * rec.cc5 * (sin_mm - rec.sinmao);
    templ = templ + rec.t3cof * t3 + t4 * (rec.t4cof + t * rec.t5cof);
  }

  V nm = rec.no_unkozai;
  V em = rec.ecco;
  V inclm = rec.inclo;
  V am;
  if (rec.deep_space) {
    // dspace: lunar-solar secular rates, and the resonance from the node cache.
    const V theta = fmod_2pi(rec.gsto + t * rptim);
    em = em + rec.dedt * t;
    inclm = inclm + rec.didt * t;
    argpm = argpm + rec.domdt * t;
    nodem = nodem + rec.dnodt * t;
    mm = mm + rec.dmdt * t;
    if (rec.resonance != 0) {
      const V ft = t - res->atime;
      const V nmr = res->xni + res->xndt * ft + res->xnddt * ft * ft * 0.5;
      const V xl = res->xli + res->xldot * ft + res->xndt * ft * ft * 0.5;
      if (rec.resonance != 1) {
        mm = xl - 2.0 * nodem + 2.0 * theta;
      } else {
        mm = xl - nodem - argpm + theta;
      }
      const V dndt = nmr - rec.no_unkozai;
      nm = rec.no_unkozai + dndt;
      fail(out, ~(nm > V(0.0)), kCodeMeanMotion);
      // pow(xke / nm, 2/3) = pow(xke / no, 2/3) (1 + eps)^(2/3) with eps = no / nm - 1 = -dndt / nm, which the
      // resonance keeps small: the binomial series to eps^6 (error below 1e-19 for |eps| < 1e-3), else SLEEF's pow.
      const V eps = -dndt / nm;
      if (any(vabs(eps) > V(1.0e-3))) {
        am = vpow(g.xke / nm, V(kx2o3)) * tempa * tempa;
      } else {
        V b = V(-91.0 / 6561.0);
        b = vfma(b, eps, V(14.0 / 729.0));
        b = vfma(b, eps, V(-7.0 / 243.0));
        b = vfma(b, eps, V(4.0 / 81.0));
        b = vfma(b, eps, V(-1.0 / 9.0));
        b = vfma(b, eps, V(2.0 / 3.0));
        am = row.am_factor * vfma(b, eps, V(1.0)) * tempa * tempa;
      }
    } else {
      am = row.am_factor * tempa * tempa;
    }
  } else {
    am = row.am_factor * tempa * tempa;
  }

  // nm = xke / am^1.5 enters only as nm / xke below: that ratio directly, am^1.5 as am * sqrt(am) (the scalar kernel
  // calls pow; the square root is exact, so this is within an ulp of it). Fewer divisions, same value to an ulp.
  const V nm_over_xke = 1.0 / (am * vsqrt(am));
  em = em - tempe;
  fail(out, ~(em < V(1.0)) | (em < V(-0.001)), kCodeMeanEcc);
  em = select(em < V(1.0e-6), V(1.0e-6), em);
  mm = mm + rec.no_unkozai * templ;
  V xlm = mm + argpm + nodem;

  nodem = fmod_2pi(nodem);
  argpm = fmod_2pi(argpm);
  xlm = fmod_2pi(xlm);
  mm = fmod_2pi(xlm - argpm - nodem);

  // Lunar-solar periodics.
  V ep = em, inclp = inclm, nodep = nodem, argpp = argpm, mp = mm;
  V sinip = row.sinim;
  V cosip = row.cosim;
  V aycof = rec.aycof;
  V xlcof = rec.xlcof;
  V con41 = rec.con41;
  V x1mth2 = rec.x1mth2;
  V x7thm1 = rec.x7thm1;
  if (rec.deep_space) {
    periodics(rec, t, ep, inclp, nodep, argpp, mp, sinip, cosip);
    const M negative = inclp < V(0.0);
    if (any(negative)) {
      inclp = select(negative, -inclp, inclp);
      sinip = select(negative, -sinip, sinip);  // sin(-i) = -sin(i)
      nodep = select(negative, nodep + pi, nodep);
      argpp = select(negative, argpp - pi, argpp);
    }
    fail(out, ~((ep >= V(0.0)) & (ep <= V(1.0))), kCodePerturbedEcc);
    aycof = -0.5 * g.j3oj2 * sinip;
    const M regular = vabs(cosip + 1.0) > V(1.5e-12);
    const V num = -0.25 * g.j3oj2 * sinip * (3.0 + 5.0 * cosip);
    xlcof = select(regular, num / (1.0 + cosip), num / temp4);
  }

  // Long-period periodics (J3).
  V sinargp, cosargp;
  sincos_poly(argpp, sinargp, cosargp);
  const V axnl = ep * cosargp;
  V temp = 1.0 / (am * (1.0 - ep * ep));
  const V aynl = ep * sinargp + temp * aycof;
  const V xl = mp + argpp + nodep + temp * xlcof * axnl;

  // Kepler's equation, per lane: a lane stops iterating when its step falls below 1e-12 (as the scalar loop).
  const V u = fmod_2pi(xl - nodep);
  V eo1 = u;
  V sineo1 = V(0.0);
  V coseo1 = V(0.0);
  // After the first step the sine and cosine of the next iterate are those of this one turned by the (small) step,
  // which costs a third of a full sine and cosine; the values agree to an ulp or two.
  M active = ~out.failed;
  V s, c;
  sincos_poly(eo1, s, c);
  for (int ktr = 1; ktr <= 10 && any(active); ++ktr) {
    V tem5 = 1.0 - c * axnl - s * aynl;
    tem5 = (u - aynl * c + axnl * s - eo1) / tem5;
    if (any(vabs(tem5) >= V(0.95))) {
      tem5 = select(vabs(tem5) >= V(0.95), select(tem5 > V(0.0), V(0.95), V(-0.95)), tem5);
    }
    sineo1 = select(active, s, sineo1);
    coseo1 = select(active, c, coseo1);
    eo1 = select(active, eo1 + tem5, eo1);
    active = active & (vabs(tem5) >= V(1.0e-12));
    if (!any(active) || ktr == 10) break;
    const V step = select(active, tem5, V(0.0));
    if (any(vabs(step) > V(0.1))) {
      sincos_poly(eo1, s, c);
    } else {
      V sd, cd;
      sincos_small(step, sd, cd);
      const V s_next = s * cd + c * sd;
      c = c * cd - s * sd;
      s = s_next;
    }
  }

  // Short-period preliminary quantities.
  const V ecose = axnl * coseo1 + aynl * sineo1;
  const V esine = axnl * sineo1 - aynl * coseo1;
  const V el2 = axnl * axnl + aynl * aynl;
  const V pl = am * (1.0 - el2);
  fail(out, ~(pl >= V(0.0)), kCodeSemiLatus);
  const V rl = am * (1.0 - ecose);
  const V inv_rl = 1.0 / rl;  // one division for the three by rl of the scalar kernel
  const V rdotl = vsqrt(am) * esine * inv_rl;
  const V rvdotl = vsqrt(pl) * inv_rl;
  const V betal = vsqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const V am_rl = am * inv_rl;
  const V sinu = am_rl * (sineo1 - aynl - axnl * temp);
  const V cosu = am_rl * (coseo1 - axnl + aynl * temp);

  const V sin2u = (cosu + cosu) * sinu;
  const V cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const V temp1 = 0.5 * g.j2 * temp;
  const V temp2 = temp1 * temp;

  // Short-period periodics (J2).
  if (rec.deep_space) {
    const V cosisq = cosip * cosip;
    con41 = 3.0 * cosisq - 1.0;
    x1mth2 = 1.0 - cosisq;
    x7thm1 = 7.0 * cosisq - 1.0;
  }
  const V mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  // su = atan2(sinu, cosu) - dsu: its sine and cosine are those of the unit vector (sinu, cosu) turned by -dsu,
  // which needs neither the arc tangent nor a full sine and cosine (same value to an ulp or two).
  const V dsu = 0.25 * temp2 * x7thm1 * sin2u;
  const V xnode = nodep + 1.5 * temp2 * cosip * sin2u;
  const V dinc = 1.5 * temp2 * cosip * sinip * cos2u;  // xinc = inclp + dinc
  const V mvt = rdotl - nm_over_xke * temp1 * x1mth2 * sin2u;
  const V rvdot = rvdotl + nm_over_xke * temp1 * (x1mth2 * cos2u + 1.5 * con41);

  // Orientation vectors.
  V sinsu, cossu, snod, cnod, sini, cosi;
  {
    const V inv = 1.0 / vsqrt(sinu * sinu + cosu * cosu);
    const V su_s = sinu * inv;
    const V su_c = cosu * inv;
    V sd, cd;
    sincos_small(dsu, sd, cd);
    sinsu = su_s * cd - su_c * sd;
    cossu = su_c * cd + su_s * sd;
  }
  sincos_poly(xnode, snod, cnod);
  {
    // xinc = inclp + dinc, and sinip, cosip are sin and cos of inclp.
    V sd, cd;
    sincos_small(dinc, sd, cd);
    sini = sinip * cd + cosip * sd;
    cosi = cosip * cd - sinip * sd;
  }
  const V xmx = -snod * cosi;
  const V xmy = cnod * cosi;
  const V ux = xmx * sinsu + cnod * cossu;
  const V uy = xmy * sinsu + snod * cossu;
  const V uz = sini * sinsu;
  const V vx = xmx * cossu - cnod * sinsu;
  const V vy = xmy * cossu - snod * sinsu;
  const V vz = sini * cossu;

  const V rx_km = mrt * ux * g.radius_km;
  const V ry_km = mrt * uy * g.radius_km;
  const V rz_km = mrt * uz * g.radius_km;
  const V vx_km = (mvt * ux + rvdot * vx) * vkmpersec;
  const V vy_km = (mvt * uy + rvdot * vy) * vkmpersec;
  const V vz_km = (mvt * uz + rvdot * vz) * vkmpersec;

  // Below one Earth radius, or not a number (drag drove the semi-major axis to zero): decayed.
  // (The sum of the six is finite exactly when all six are: their magnitudes are far from overflow.)
  const M finite = vfinite(rx_km + ry_km + rz_km + vx_km + vy_km + vz_km);
  fail(out, ~(mrt >= V(1.0)) | ~finite, kCodeDecayed);

  out.r[0] = rx_km * 1000.0;
  out.r[1] = ry_km * 1000.0;
  out.r[2] = rz_km * 1000.0;
  out.v[0] = vx_km * 1000.0;
  out.v[1] = vy_km * 1000.0;
  out.v[2] = vz_km * 1000.0;
  return out;
}

//! The whole row: instants in chunks of W lanes (the last chunk padded with its last instant).
inline void run_row(const BatchRow& row) {
  const Sgp4Record& rec = *row.rec;
  const bool resonant = rec.deep_space && rec.resonance != 0;
  const double nan = __builtin_nan("");
  alignas(64) double tbuf[W];
  alignas(64) double rbuf[6][W];
  alignas(64) double obuf[6][W];
  alignas(64) double cbuf[W];

  for (std::size_t j0 = 0; j0 < row.n; j0 += W) {
    const std::size_t valid = row.n - j0 < W ? row.n - j0 : W;
    if (valid == W) {
      for (std::size_t l = 0; l < W; ++l) tbuf[l] = row_minutes(row, j0 + l);  // (vectorised by the compiler)
    } else {
      for (std::size_t l = 0; l < W; ++l) tbuf[l] = row_minutes(row, j0 + (l < valid ? l : valid - 1));
    }
    const V t = V::load(tbuf);
    ResonanceLanes res;
    if (resonant) {
      for (std::size_t l = 0; l < W; ++l) {
        const ResonanceNode& node = resonance_node(row, tbuf[l]);
        rbuf[0][l] = node.atime;
        rbuf[1][l] = node.xli;
        rbuf[2][l] = node.xni;
        rbuf[3][l] = node.xldot;
        rbuf[4][l] = node.xndt;
        rbuf[5][l] = node.xnddt;
      }
      res = {V::load(rbuf[0]), V::load(rbuf[1]), V::load(rbuf[2]),
             V::load(rbuf[3]), V::load(rbuf[4]), V::load(rbuf[5])};
    }
    Lanes s = propagate_lanes(row, t, resonant ? &res : nullptr);
    V comp[6] = {s.r[0], s.r[1], s.r[2], s.v[0], s.v[1], s.v[2]};
    const bool any_failed = any(s.failed);
    if (any_failed) {
      for (auto& c : comp) c = select(s.failed, V(nan), c);
    }
    if (valid == W) {
      for (int k = 0; k < 6; ++k) {
        if (row.d[k]) comp[k].store(row.d[k] + j0);
        else comp[k].store(row.f[k] + j0);
      }
    } else {
      for (int k = 0; k < 6; ++k) {
        comp[k].store(obuf[k]);
        for (std::size_t l = 0; l < valid; ++l) {
          if (row.d[k]) row.d[k][j0 + l] = obuf[k][l];
          else row.f[k][j0 + l] = static_cast<float>(obuf[k][l]);
        }
      }
    }
    if (any_failed) {
      s.code.store(cbuf);
      for (std::size_t l = 0; l < valid; ++l) row.status[j0 + l] = static_cast<Sgp4Status>(static_cast<int>(cbuf[l]));
    } else {
      for (std::size_t l = 0; l < valid; ++l) row.status[j0 + l] = Sgp4Status::Ok;
    }
  }
}

}  // namespace
}  // namespace deorbit::sgp4_detail

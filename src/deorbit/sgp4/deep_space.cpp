// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (dscom, dpper,
// dsinit, dspace, with the published corrections: 180-degree inclination guards, integrator restart, Lyddane choice
// on the perturbed inclination); Hoots & Roehrich, Spacetrack Report #3 (1980), SDP4.
//
// Written from the theory. Variable names follow the paper so each step can be checked against it.
#include "deorbit/sgp4/deep_space.h"

#include <cmath>

namespace deorbit::sgp4_detail {
namespace {

// Lunar and solar constants (Spacetrack Report #3, SDP4).
constexpr double c1ss = 2.9864797e-6;
constexpr double c1l = 4.7968065e-7;
constexpr double zsinis = 0.39785416;  // sin and cos of the obliquity of the ecliptic
constexpr double zcosis = 0.91744867;
constexpr double zcosgs = 0.1945905;
constexpr double zsings = -0.98088458;

// Coefficients of the one-day and half-day resonance terms.
constexpr double q22 = 1.7891679e-6;
constexpr double q31 = 2.1460748e-6;
constexpr double q33 = 2.2123015e-7;
constexpr double root22 = 1.7891679e-6;
constexpr double root44 = 7.3636953e-9;
constexpr double root54 = 2.1765803e-9;
constexpr double root32 = 3.7393792e-7;
constexpr double root52 = 1.1428639e-7;
constexpr double fasx2 = 0.13130908;
constexpr double fasx4 = 2.8843198;
constexpr double fasx6 = 0.37448087;
constexpr double g22 = 5.7686396;
constexpr double g32 = 0.95240898;
constexpr double g44 = 1.8014998;
constexpr double g52 = 1.0508330;
constexpr double g54 = 4.4108898;

// The resonance integrator's fixed step [min], and half its square.
constexpr double step_pos = resonance_step;
constexpr double step_neg = -resonance_step;
constexpr double step2 = resonance_step2;

// Geometry of one perturbing body (Sun or Moon) relative to the orbit; the s and z terms of dscom.
struct BodyTerms {
  double s1, s2, s3, s4, s5, s6, s7;
  double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
};

struct BodyGeometry {
  double zcosg, zsing, zcosi, zsini, zcosh, zsinh, cc;
};

struct OrbitAngles {
  double sinim, cosim, sinomm, cosomm, emsq, betasq, rtemsq, em, xnoi;
};

BodyTerms body_terms(const BodyGeometry& g, const OrbitAngles& o) {
  const double a1 = g.zcosg * g.zcosh + g.zsing * g.zcosi * g.zsinh;
  const double a3 = -g.zsing * g.zcosh + g.zcosg * g.zcosi * g.zsinh;
  const double a7 = -g.zcosg * g.zsinh + g.zsing * g.zcosi * g.zcosh;
  const double a8 = g.zsing * g.zsini;
  const double a9 = g.zsing * g.zsinh + g.zcosg * g.zcosi * g.zcosh;
  const double a10 = g.zcosg * g.zsini;
  const double a2 = o.cosim * a7 + o.sinim * a8;
  const double a4 = o.cosim * a9 + o.sinim * a10;
  const double a5 = -o.sinim * a7 + o.cosim * a8;
  const double a6 = -o.sinim * a9 + o.cosim * a10;

  const double x1 = a1 * o.cosomm + a2 * o.sinomm;
  const double x2 = a3 * o.cosomm + a4 * o.sinomm;
  const double x3 = -a1 * o.sinomm + a2 * o.cosomm;
  const double x4 = -a3 * o.sinomm + a4 * o.cosomm;
  const double x5 = a5 * o.sinomm;
  const double x6 = a6 * o.sinomm;
  const double x7 = a5 * o.cosomm;
  const double x8 = a6 * o.cosomm;

  BodyTerms b{};
  const double emsq = o.emsq;
  b.z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
  b.z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
  b.z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
  b.z1 = 3.0 * (a1 * a1 + a2 * a2) + b.z31 * emsq;
  b.z2 = 6.0 * (a1 * a3 + a2 * a4) + b.z32 * emsq;
  b.z3 = 3.0 * (a3 * a3 + a4 * a4) + b.z33 * emsq;
  b.z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
  b.z12 = -6.0 * (a1 * a6 + a3 * a5) + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
  b.z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
  b.z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
  b.z22 = 6.0 * (a4 * a5 + a2 * a6) + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
  b.z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
  b.z1 = b.z1 + b.z1 + o.betasq * b.z31;
  b.z2 = b.z2 + b.z2 + o.betasq * b.z32;
  b.z3 = b.z3 + b.z3 + o.betasq * b.z33;
  b.s3 = g.cc * o.xnoi;
  b.s2 = -0.5 * b.s3 / o.rtemsq;
  b.s4 = b.s3 * o.rtemsq;
  b.s1 = -15.0 * o.em * b.s4;
  b.s5 = x1 * x3 + x2 * x4;
  b.s6 = x2 * x3 + x1 * x4;
  b.s7 = x2 * x4 - x1 * x3;
  return b;
}

}  // namespace

DeepSpaceCommon deep_space_common(Sgp4Record& rec, double tc) {
  OrbitAngles o{};
  o.em = rec.ecco;
  const double nm = rec.no_unkozai;
  const double snodm = std::sin(rec.nodeo);
  const double cnodm = std::cos(rec.nodeo);
  o.sinomm = std::sin(rec.argpo);
  o.cosomm = std::cos(rec.argpo);
  o.sinim = std::sin(rec.inclo);
  o.cosim = std::cos(rec.inclo);
  o.emsq = o.em * o.em;
  o.betasq = 1.0 - o.emsq;
  o.rtemsq = std::sqrt(o.betasq);
  o.xnoi = 1.0 / nm;

  // Lunar orbit: node, inclination to the equator and the argument gam, from days since 1900 Jan 0.5.
  const double day = rec.epoch_days + 18261.5 + tc / 1440.0;
  const double xnodce = std::fmod(4.5236020 - 9.2422029e-4 * day, two_pi);
  const double stem = std::sin(xnodce);
  const double ctem = std::cos(xnodce);
  const double zcosil = 0.91375164 - 0.03568096 * ctem;
  const double zsinil = std::sqrt(1.0 - zcosil * zcosil);
  const double zsinhl = 0.089683511 * stem / zsinil;
  const double zcoshl = std::sqrt(1.0 - zsinhl * zsinhl);
  const double gam = 5.8351514 + 0.0019443680 * day;
  double zx = 0.39785416 * stem / zsinil;
  const double zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
  zx = std::atan2(zx, zy);
  zx = gam + zx - xnodce;
  const double zcosgl = std::cos(zx);
  const double zsingl = std::sin(zx);

  // The Sun first, then the Moon.
  const BodyGeometry sun{zcosgs, zsings, zcosis, zsinis, cnodm, snodm, c1ss};
  const BodyTerms s = body_terms(sun, o);
  const BodyGeometry moon{zcosgl, zsingl, zcosil, zsinil, zcoshl * cnodm + zsinhl * snodm,
                          snodm * zcoshl - cnodm * zsinhl, c1l};
  const BodyTerms l = body_terms(moon, o);

  rec.zmol = std::fmod(4.7199672 + 0.22997150 * day - gam, two_pi);
  rec.zmos = std::fmod(6.2565837 + 0.017201977 * day, two_pi);

  // Solar periodic coefficients.
  rec.se2 = 2.0 * s.s1 * s.s6;
  rec.se3 = 2.0 * s.s1 * s.s7;
  rec.si2 = 2.0 * s.s2 * s.z12;
  rec.si3 = 2.0 * s.s2 * (s.z13 - s.z11);
  rec.sl2 = -2.0 * s.s3 * s.z2;
  rec.sl3 = -2.0 * s.s3 * (s.z3 - s.z1);
  rec.sl4 = -2.0 * s.s3 * (-21.0 - 9.0 * o.emsq) * zes;
  rec.sgh2 = 2.0 * s.s4 * s.z32;
  rec.sgh3 = 2.0 * s.s4 * (s.z33 - s.z31);
  rec.sgh4 = -18.0 * s.s4 * zes;
  rec.sh2 = -2.0 * s.s2 * s.z22;
  rec.sh3 = -2.0 * s.s2 * (s.z23 - s.z21);
  // Lunar periodic coefficients.
  rec.ee2 = 2.0 * l.s1 * l.s6;
  rec.e3 = 2.0 * l.s1 * l.s7;
  rec.xi2 = 2.0 * l.s2 * l.z12;
  rec.xi3 = 2.0 * l.s2 * (l.z13 - l.z11);
  rec.xl2 = -2.0 * l.s3 * l.z2;
  rec.xl3 = -2.0 * l.s3 * (l.z3 - l.z1);
  rec.xl4 = -2.0 * l.s3 * (-21.0 - 9.0 * o.emsq) * zel;
  rec.xgh2 = 2.0 * l.s4 * l.z32;
  rec.xgh3 = 2.0 * l.s4 * (l.z33 - l.z31);
  rec.xgh4 = -18.0 * l.s4 * zel;
  rec.xh2 = -2.0 * l.s2 * l.z22;
  rec.xh3 = -2.0 * l.s2 * (l.z23 - l.z21);

  DeepSpaceCommon c;
  c.sinim = o.sinim;
  c.cosim = o.cosim;
  c.emsq = o.emsq;
  c.s1 = l.s1; c.s2 = l.s2; c.s3 = l.s3; c.s4 = l.s4; c.s5 = l.s5;
  c.ss1 = s.s1; c.ss2 = s.s2; c.ss3 = s.s3; c.ss4 = s.s4; c.ss5 = s.s5;
  c.z1 = l.z1; c.z3 = l.z3; c.z11 = l.z11; c.z13 = l.z13;
  c.z21 = l.z21; c.z23 = l.z23; c.z31 = l.z31; c.z33 = l.z33;
  c.sz1 = s.z1; c.sz3 = s.z3; c.sz11 = s.z11; c.sz13 = s.z13;
  c.sz21 = s.z21; c.sz23 = s.z23; c.sz31 = s.z31; c.sz33 = s.z33;
  return c;
}

void deep_space_init(Sgp4Record& rec, const DeepSpaceCommon& c, double xpidot) {
  const double x2o3 = 2.0 / 3.0;
  const double nm = rec.no_unkozai;
  const double em = rec.ecco;
  const double inclm = rec.inclo;
  const double sinim = c.sinim;
  const double cosim = c.cosim;
  const double emsq = c.emsq;

  // Resonance class from the mean motion: one-day (0.8 to 1.2 rev/day) or half-day (1.89 to 2.12 rev/day with
  // eccentricity 0.5 or more).
  rec.resonance = 0;
  if (nm < 0.0052359877 && nm > 0.0034906585) rec.resonance = 1;
  if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5) rec.resonance = 2;

  // Solar secular terms.
  const double ses = c.ss1 * zns * c.ss5;
  const double sis = c.ss2 * zns * (c.sz11 + c.sz13);
  const double sls = -zns * c.ss3 * (c.sz1 + c.sz3 - 14.0 - 6.0 * emsq);
  const double sghs = c.ss4 * zns * (c.sz31 + c.sz33 - 6.0);
  double shs = -zns * c.ss2 * (c.sz21 + c.sz23);
  // Near 0 and 180 degrees the node rate is undefined: drop it (correction for 180-degree inclination).
  const double low_incl = 5.2359877e-2;
  if (inclm < low_incl || inclm > pi - low_incl) shs = 0.0;
  if (sinim != 0.0) shs = shs / sinim;
  const double sgs = sghs - cosim * shs;

  // Lunar secular terms.
  rec.dedt = ses + c.s1 * znl * c.s5;
  rec.didt = sis + c.s2 * znl * (c.z11 + c.z13);
  rec.dmdt = sls - znl * c.s3 * (c.z1 + c.z3 - 14.0 - 6.0 * emsq);
  const double sghl = c.s4 * znl * (c.z31 + c.z33 - 6.0);
  double shll = -znl * c.s2 * (c.z21 + c.z23);
  if (inclm < low_incl || inclm > pi - low_incl) shll = 0.0;
  rec.domdt = sgs + sghl;
  rec.dnodt = shs;
  if (sinim != 0.0) {
    rec.domdt = rec.domdt - cosim / sinim * shll;
    rec.dnodt = rec.dnodt + shll / sinim;
  }

  // Greenwich angle at epoch (tc = 0).
  const double theta = std::fmod(rec.gsto, two_pi);
  if (rec.resonance == 0) return;

  const double aonv = std::pow(nm / rec.gravity.xke, x2o3);
  if (rec.resonance == 2) {
    // Half-day resonance (12 h orbits, eccentric): the g functions are fits in the epoch eccentricity.
    const double cosisq = cosim * cosim;
    const double e = rec.ecco;
    const double esq = e * e;  // eccsq of initl, computed the same way
    const double eoc = e * esq;
    const double g201 = -0.306 - (e - 0.64) * 0.440;
    double g211, g310, g322, g410, g422, g520, g521, g532, g533;
    if (e <= 0.65) {
      g211 = 3.616 - 13.2470 * e + 16.2900 * esq;
      g310 = -19.302 + 117.3900 * e - 228.4190 * esq + 156.5910 * eoc;
      g322 = -18.9068 + 109.7927 * e - 214.6334 * esq + 146.5816 * eoc;
      g410 = -41.122 + 242.6940 * e - 471.0940 * esq + 313.9530 * eoc;
      g422 = -146.407 + 841.8800 * e - 1629.014 * esq + 1083.4350 * eoc;
      g520 = -532.114 + 3017.977 * e - 5740.032 * esq + 3708.2760 * eoc;
    } else {
      g211 = -72.099 + 331.819 * e - 508.738 * esq + 266.724 * eoc;
      g310 = -346.844 + 1582.851 * e - 2415.925 * esq + 1246.113 * eoc;
      g322 = -342.585 + 1554.908 * e - 2366.899 * esq + 1215.972 * eoc;
      g410 = -1052.797 + 4758.686 * e - 7193.992 * esq + 3651.957 * eoc;
      g422 = -3581.690 + 16178.110 * e - 24462.770 * esq + 12422.520 * eoc;
      if (e > 0.715) {
        g520 = -5149.66 + 29936.92 * e - 54087.36 * esq + 31324.56 * eoc;
      } else {
        g520 = 1464.74 - 4664.75 * e + 3763.64 * esq;
      }
    }
    if (e < 0.7) {
      g533 = -919.22770 + 4988.6100 * e - 9064.7700 * esq + 5542.21 * eoc;
      g521 = -822.71072 + 4568.6173 * e - 8491.4146 * esq + 5337.524 * eoc;
      g532 = -853.66600 + 4690.2500 * e - 8624.7700 * esq + 5341.4 * eoc;
    } else {
      g533 = -37995.780 + 161616.52 * e - 229838.20 * esq + 109377.94 * eoc;
      g521 = -51752.104 + 218913.95 * e - 309468.16 * esq + 146349.42 * eoc;
      g532 = -40023.880 + 170470.89 * e - 242699.48 * esq + 115605.82 * eoc;
    }

    const double sini2 = sinim * sinim;
    const double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
    const double f221 = 1.5 * sini2;
    const double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
    const double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
    const double f441 = 35.0 * sini2 * f220;
    const double f442 = 39.3750 * sini2 * sini2;
    const double f522 = 9.84375 * sinim *
                        (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) + 0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
    const double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq) +
                                 6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
    const double f542 = 29.53125 * sinim * (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
    const double f543 = 29.53125 * sinim * (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));

    const double xno2 = nm * nm;
    const double ainv2 = aonv * aonv;
    double temp1 = 3.0 * xno2 * ainv2;
    double temp = temp1 * root22;
    rec.d2201 = temp * f220 * g201;
    rec.d2211 = temp * f221 * g211;
    temp1 = temp1 * aonv;
    temp = temp1 * root32;
    rec.d3210 = temp * f321 * g310;
    rec.d3222 = temp * f322 * g322;
    temp1 = temp1 * aonv;
    temp = 2.0 * temp1 * root44;
    rec.d4410 = temp * f441 * g410;
    rec.d4422 = temp * f442 * g422;
    temp1 = temp1 * aonv;
    temp = temp1 * root52;
    rec.d5220 = temp * f522 * g520;
    rec.d5232 = temp * f523 * g532;
    temp = 2.0 * temp1 * root54;
    rec.d5421 = temp * f542 * g521;
    rec.d5433 = temp * f543 * g533;
    rec.xlamo = std::fmod(rec.mo + rec.nodeo + rec.nodeo - theta - theta, two_pi);
    rec.xfact = rec.mdot + rec.dmdt + 2.0 * (rec.nodedot + rec.dnodt - rptim) - rec.no_unkozai;
  } else {
    // One-day (synchronous) resonance.
    const double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
    const double g310 = 1.0 + 2.0 * emsq;
    const double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
    const double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
    const double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
    double f330 = 1.0 + cosim;
    f330 = 1.875 * f330 * f330 * f330;
    const double d1 = 3.0 * nm * nm * aonv * aonv;
    rec.del2 = 2.0 * d1 * f220 * g200 * q22;
    rec.del3 = 3.0 * d1 * f330 * g300 * q33 * aonv;
    rec.del1 = d1 * f311 * g310 * q31 * aonv;
    rec.xlamo = std::fmod(rec.mo + rec.nodeo + rec.argpo - theta, two_pi);
    rec.xfact = rec.mdot + xpidot - rptim + rec.dmdt + rec.domdt + rec.dnodt - rec.no_unkozai;
  }
}

ResonanceRates resonance_rates(const Sgp4Record& rec, double atime, double xli, double xni) {
  double xndt = 0, xldot = 0, xnddt = 0;
  if (rec.resonance != 2) {
    // Near-synchronous resonance terms.
    xndt = rec.del1 * std::sin(xli - fasx2) + rec.del2 * std::sin(2.0 * (xli - fasx4)) +
           rec.del3 * std::sin(3.0 * (xli - fasx6));
    xldot = xni + rec.xfact;
    xnddt = rec.del1 * std::cos(xli - fasx2) + 2.0 * rec.del2 * std::cos(2.0 * (xli - fasx4)) +
            3.0 * rec.del3 * std::cos(3.0 * (xli - fasx6));
    xnddt = xnddt * xldot;
  } else {
    // Near half-day resonance terms.
    const double xomi = rec.argpo + rec.argpdot * atime;
    const double x2omi = xomi + xomi;
    const double x2li = xli + xli;
    xndt = rec.d2201 * std::sin(x2omi + xli - g22) + rec.d2211 * std::sin(xli - g22) +
           rec.d3210 * std::sin(xomi + xli - g32) + rec.d3222 * std::sin(-xomi + xli - g32) +
           rec.d4410 * std::sin(x2omi + x2li - g44) + rec.d4422 * std::sin(x2li - g44) +
           rec.d5220 * std::sin(xomi + xli - g52) + rec.d5232 * std::sin(-xomi + xli - g52) +
           rec.d5421 * std::sin(xomi + x2li - g54) + rec.d5433 * std::sin(-xomi + x2li - g54);
    xldot = xni + rec.xfact;
    xnddt = rec.d2201 * std::cos(x2omi + xli - g22) + rec.d2211 * std::cos(xli - g22) +
            rec.d3210 * std::cos(xomi + xli - g32) + rec.d3222 * std::cos(-xomi + xli - g32) +
            rec.d5220 * std::cos(xomi + xli - g52) + rec.d5232 * std::cos(-xomi + xli - g52) +
            2.0 * (rec.d4410 * std::cos(x2omi + x2li - g44) + rec.d4422 * std::cos(x2li - g44) +
                   rec.d5421 * std::cos(xomi + x2li - g54) + rec.d5433 * std::cos(-xomi + x2li - g54));
    xnddt = xnddt * xldot;
  }
  return {xndt, xldot, xnddt};
}

void deep_space_secular(const Sgp4Record& rec, double t, DeepSpaceMean& m) {
  const double theta = std::fmod(rec.gsto + t * rptim, two_pi);
  m.em = m.em + rec.dedt * t;
  m.inclm = m.inclm + rec.didt * t;
  m.argpm = m.argpm + rec.domdt * t;
  m.nodem = m.nodem + rec.dnodt * t;
  m.mm = m.mm + rec.dmdt * t;
  if (rec.resonance == 0) return;

  // Resonance: integrate the resonant angle xli and mean motion xni with fixed 720-minute steps from epoch
  // (second-order Taylor steps), then a partial step to t. Always starting from epoch gives the same sequence
  // of operations as the reference's restartable integrator, with no state kept between calls.
  const double delt = t > 0.0 ? step_pos : step_neg;
  double atime = 0.0;
  double xni = rec.no_unkozai;
  double xli = rec.xlamo;
  double xndt = 0, xldot = 0, xnddt = 0, ft = 0;
  for (;;) {
    const ResonanceRates rates = resonance_rates(rec, atime, xli, xni);
    xndt = rates.xndt;
    xldot = rates.xldot;
    xnddt = rates.xnddt;
    if (std::fabs(t - atime) < step_pos) {
      ft = t - atime;
      break;
    }
    xli = xli + xldot * delt + xndt * step2;
    xni = xni + xndt * delt + xnddt * step2;
    atime = atime + delt;
  }

  const double nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
  const double xl = xli + xldot * ft + xndt * ft * ft * 0.5;
  if (rec.resonance != 1) {
    m.mm = xl - 2.0 * m.nodem + 2.0 * theta;
  } else {
    m.mm = xl - m.nodem - m.argpm + theta;
  }
  const double dndt = nm - rec.no_unkozai;
  m.nm = rec.no_unkozai + dndt;
}

void deep_space_periodics(const Sgp4Record& rec, double t, PerturbedElements& p) {
  // Solar terms at t.
  double zm = rec.zmos + zns * t;
  double zf = zm + 2.0 * zes * std::sin(zm);
  double sinzf = std::sin(zf);
  double f2 = 0.5 * sinzf * sinzf - 0.25;
  double f3 = -0.5 * sinzf * std::cos(zf);
  const double ses = rec.se2 * f2 + rec.se3 * f3;
  const double sis = rec.si2 * f2 + rec.si3 * f3;
  const double sls = rec.sl2 * f2 + rec.sl3 * f3 + rec.sl4 * sinzf;
  const double sghs = rec.sgh2 * f2 + rec.sgh3 * f3 + rec.sgh4 * sinzf;
  const double shs = rec.sh2 * f2 + rec.sh3 * f3;
  // Lunar terms at t.
  zm = rec.zmol + znl * t;
  zf = zm + 2.0 * zel * std::sin(zm);
  sinzf = std::sin(zf);
  f2 = 0.5 * sinzf * sinzf - 0.25;
  f3 = -0.5 * sinzf * std::cos(zf);
  const double sel = rec.ee2 * f2 + rec.e3 * f3;
  const double sil = rec.xi2 * f2 + rec.xi3 * f3;
  const double sll = rec.xl2 * f2 + rec.xl3 * f3 + rec.xl4 * sinzf;
  const double sghl = rec.xgh2 * f2 + rec.xgh3 * f3 + rec.xgh4 * sinzf;
  const double shll = rec.xh2 * f2 + rec.xh3 * f3;

  // The revised theory subtracts no epoch values here (they are zero).
  const double pe = ses + sel;
  const double pinc = sis + sil;
  const double pl = sls + sll;
  double pgh = sghs + sghl;
  double ph = shs + shll;

  p.inclp = p.inclp + pinc;
  p.ep = p.ep + pe;
  const double sinip = std::sin(p.inclp);
  const double cosip = std::cos(p.inclp);

  // Lyddane's choice on the perturbed inclination (0.2 rad, about 11.46 degrees).
  if (p.inclp >= 0.2) {
    ph = ph / sinip;
    pgh = pgh - cosip * ph;
    p.argpp = p.argpp + pgh;
    p.nodep = p.nodep + ph;
    p.mp = p.mp + pl;
  } else {
    // Lyddane's form, free of the 1/sin(i) singularity.
    const double sinop = std::sin(p.nodep);
    const double cosop = std::cos(p.nodep);
    double alfdp = sinip * sinop;
    double betdp = sinip * cosop;
    const double dalf = ph * cosop + pinc * cosip * sinop;
    const double dbet = -ph * sinop + pinc * cosip * cosop;
    alfdp = alfdp + dalf;
    betdp = betdp + dbet;
    p.nodep = std::fmod(p.nodep, two_pi);
    if (p.nodep < 0.0 && rec.afspc_mode) p.nodep = p.nodep + two_pi;
    double xls = p.mp + p.argpp + cosip * p.nodep;
    const double dls = pl + pgh - pinc * p.nodep * sinip;
    xls = xls + dls;
    const double xnoh = p.nodep;
    p.nodep = std::atan2(alfdp, betdp);
    if (p.nodep < 0.0 && rec.afspc_mode) p.nodep = p.nodep + two_pi;
    if (std::fabs(xnoh - p.nodep) > pi) {
      if (p.nodep < xnoh) {
        p.nodep = p.nodep + two_pi;
      } else {
        p.nodep = p.nodep - two_pi;
      }
    }
    p.mp = p.mp + pl;
    p.argpp = xls - p.mp - cosip * p.nodep;
  }
}

}  // namespace deorbit::sgp4_detail

// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (initl, sgp4init,
// sgp4, gstime, with the published corrections); Hoots & Roehrich, Spacetrack Report #3 (1980), SGP4.
//
// Written from the theory. Variable names follow the paper so each step can be checked against it.
#include <cmath>
#include <limits>

#include "deorbit/sgp4/deep_space.h"
#include "deorbit/sgp4/sgp4_kernel.h"

namespace deorbit {

using sgp4_detail::pi;
using sgp4_detail::two_pi;

std::string_view to_string(Sgp4Status status) {
  switch (status) {
    case Sgp4Status::Ok: return "ok";
    case Sgp4Status::MeanEccentricityOutOfRange: return "mean eccentricity out of range";
    case Sgp4Status::MeanMotionNotPositive: return "mean motion not positive";
    case Sgp4Status::PerturbedEccentricityOutOfRange: return "perturbed eccentricity out of range";
    case Sgp4Status::SemiLatusRectumNegative: return "semi-latus rectum negative";
    case Sgp4Status::Decayed: return "decayed";
  }
  return "unknown";
}

namespace {

constexpr double x2o3 = 2.0 / 3.0;

//! [rad] Greenwich mean sidereal time, IAU-82 (Vallado's gstime), from a UT1 Julian date [d].
double gmst_iau82(double jdut1) {
  const double deg2rad = pi / 180.0;
  const double tut1 = (jdut1 - 2451545.0) / 36525.0;
  double temp = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 +
                (876600.0 * 3600 + 8640184.812866) * tut1 + 67310.54841;  // [s]
  temp = std::fmod(temp * deg2rad / 240.0, two_pi);  // 360 deg / 86400 s = 1/240
  if (temp < 0.0) temp += two_pi;
  return temp;
}

//! [rad] Greenwich sidereal angle of the AFSPC code, from days since 1949-12-31 0h.
double gmst_afspc(double epoch_days) {
  const double ts70 = epoch_days - 7305.0;  // days since 1970-01-01 0h
  const double ds70 = std::floor(ts70 + 1.0e-8);
  const double tfrac = ts70 - ds70;
  const double c1 = 1.72027916940703639e-2;
  const double thgr70 = 1.7321343856509374;
  const double fk5r = 5.07551419432269442e-15;
  const double c1p2p = c1 + two_pi;
  double gsto = std::fmod(thgr70 + c1 * ds70 + c1p2p * tfrac + ts70 * ts70 * fk5r, two_pi);
  if (gsto < 0.0) gsto += two_pi;
  return gsto;
}

//! Quantities of initl that sgp4init uses further.
struct InitlOut {
  double ainv, ao, con42, cosio, cosio2, eccsq, omeosq, posq, rp, rteosq, sinio;
};

//! initl: recovers the Brouwer mean motion from the Kozai one, and the epoch quantities.
InitlOut initl(Sgp4Record& rec) {
  const Sgp4GravityConstants& g = rec.gravity;
  InitlOut o{};
  o.eccsq = rec.ecco * rec.ecco;
  o.omeosq = 1.0 - o.eccsq;
  o.rteosq = std::sqrt(o.omeosq);
  o.cosio = std::cos(rec.inclo);
  o.cosio2 = o.cosio * o.cosio;

  // Un-Kozai the mean motion.
  const double ak = std::pow(g.xke / rec.no_kozai, x2o3);
  const double d1 = 0.75 * g.j2 * (3.0 * o.cosio2 - 1.0) / (o.rteosq * o.omeosq);
  double del = d1 / (ak * ak);
  const double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
  del = d1 / (adel * adel);
  rec.no_unkozai = rec.no_kozai / (1.0 + del);

  o.ao = std::pow(g.xke / rec.no_unkozai, x2o3);
  o.sinio = std::sin(rec.inclo);
  const double po = o.ao * o.omeosq;
  o.con42 = 1.0 - 5.0 * o.cosio2;
  rec.con41 = -o.con42 - o.cosio2 - o.cosio2;
  o.ainv = 1.0 / o.ao;
  o.posq = po * po;
  o.rp = o.ao * (1.0 - rec.ecco);

  rec.gsto = rec.afspc_mode ? gmst_afspc(rec.epoch_days) : gmst_iau82(rec.epoch_days + 2433281.5);
  return o;
}

}  // namespace

Sgp4Status sgp4_initialise(const Sgp4Elements& el, const Sgp4GravityConstants& gravity, Sgp4OpsMode mode,
                           Sgp4Record& rec) {
  rec = Sgp4Record{};
  rec.gravity = gravity;
  rec.afspc_mode = mode == Sgp4OpsMode::Afspc;
  rec.epoch_days = el.epoch_days;
  rec.bstar = el.bstar;
  rec.ecco = el.ecco;
  rec.inclo = el.inclo;
  rec.nodeo = el.nodeo;
  rec.argpo = el.argpo;
  rec.mo = el.mo;
  rec.no_kozai = el.no_kozai;

  const Sgp4GravityConstants& g = gravity;
  const double temp4 = 1.5e-12;
  // The drag density function: s = 78 km above the surface, q0 = 120 km, in Earth radii.
  const double ss = 78.0 / g.radius_km + 1.0;
  const double qzms2ttemp = (120.0 - 78.0) / g.radius_km;
  const double qzms2t = qzms2ttemp * qzms2ttemp * qzms2ttemp * qzms2ttemp;

  const InitlOut in = initl(rec);
  rec.a = std::pow(rec.no_unkozai * g.tumin, -x2o3);
  rec.alta = rec.a * (1.0 + rec.ecco) - 1.0;
  rec.altp = rec.a * (1.0 - rec.ecco) - 1.0;

  // The reference guards this block with (omeosq >= 0 || no >= 0), which holds for every element set that got here.
  if (in.omeosq >= 0.0 || rec.no_unkozai >= 0.0) {
    rec.simplified_drag = in.rp < (220.0 / g.radius_km + 1.0);
    double sfour = ss;
    double qzms24 = qzms2t;
    const double perige = (in.rp - 1.0) * g.radius_km;
    // Perigee below 156 km: lower the density function's s (to 20 km at most below 98 km).
    if (perige < 156.0) {
      sfour = perige - 78.0;
      if (perige < 98.0) sfour = 20.0;
      const double qzms24temp = (120.0 - sfour) / g.radius_km;
      qzms24 = qzms24temp * qzms24temp * qzms24temp * qzms24temp;
      sfour = sfour / g.radius_km + 1.0;
    }
    const double pinvsq = 1.0 / in.posq;
    const double tsi = 1.0 / (in.ao - sfour);
    rec.eta = in.ao * rec.ecco * tsi;
    const double etasq = rec.eta * rec.eta;
    const double eeta = rec.ecco * rec.eta;
    const double psisq = std::fabs(1.0 - etasq);
    const double coef = qzms24 * tsi * tsi * tsi * tsi;
    const double coef1 = coef / std::pow(psisq, 3.5);
    const double cc2 = coef1 * rec.no_unkozai *
                       (in.ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
                        0.375 * g.j2 * tsi / psisq * rec.con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
    rec.cc1 = rec.bstar * cc2;
    double cc3 = 0.0;
    if (rec.ecco > 1.0e-4) cc3 = -2.0 * coef * tsi * g.j3oj2 * rec.no_unkozai * in.sinio / rec.ecco;
    rec.x1mth2 = 1.0 - in.cosio2;
    rec.cc4 = 2.0 * rec.no_unkozai * coef1 * in.ao * in.omeosq *
              (rec.eta * (2.0 + 0.5 * etasq) + rec.ecco * (0.5 + 2.0 * etasq) -
               g.j2 * tsi / (in.ao * psisq) *
                   (-3.0 * rec.con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                    0.75 * rec.x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * std::cos(2.0 * rec.argpo)));
    rec.cc5 = 2.0 * coef1 * in.ao * in.omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);

    // Secular rates from J2 (to second order) and J4.
    const double cosio4 = in.cosio2 * in.cosio2;
    const double temp1 = 1.5 * g.j2 * pinvsq * rec.no_unkozai;
    const double temp2 = 0.5 * temp1 * g.j2 * pinvsq;
    const double temp3 = -0.46875 * g.j4 * pinvsq * pinvsq * rec.no_unkozai;
    rec.mdot = rec.no_unkozai + 0.5 * temp1 * in.rteosq * rec.con41 +
               0.0625 * temp2 * in.rteosq * (13.0 - 78.0 * in.cosio2 + 137.0 * cosio4);
    rec.argpdot = -0.5 * temp1 * in.con42 + 0.0625 * temp2 * (7.0 - 114.0 * in.cosio2 + 395.0 * cosio4) +
                  temp3 * (3.0 - 36.0 * in.cosio2 + 49.0 * cosio4);
    const double xhdot1 = -temp1 * in.cosio;
    rec.nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * in.cosio2) + 2.0 * temp3 * (3.0 - 7.0 * in.cosio2)) * in.cosio;
    const double xpidot = rec.argpdot + rec.nodedot;
    rec.omgcof = rec.bstar * cc3 * std::cos(rec.argpo);
    rec.xmcof = 0.0;
    if (rec.ecco > 1.0e-4) rec.xmcof = -x2o3 * coef * rec.bstar / eeta;
    rec.nodecf = 3.5 * in.omeosq * xhdot1 * rec.cc1;
    rec.t2cof = 1.5 * rec.cc1;
    // Guard the division at 180 degrees inclination.
    if (std::fabs(in.cosio + 1.0) > 1.5e-12) {
      rec.xlcof = -0.25 * g.j3oj2 * in.sinio * (3.0 + 5.0 * in.cosio) / (1.0 + in.cosio);
    } else {
      rec.xlcof = -0.25 * g.j3oj2 * in.sinio * (3.0 + 5.0 * in.cosio) / temp4;
    }
    rec.aycof = -0.5 * g.j3oj2 * in.sinio;
    const double delmotemp = 1.0 + rec.eta * std::cos(rec.mo);
    rec.delmo = delmotemp * delmotemp * delmotemp;
    rec.sinmao = std::sin(rec.mo);
    rec.x7thm1 = 7.0 * in.cosio2 - 1.0;

    // Deep space: period of 225 minutes or more.
    if (two_pi / rec.no_unkozai >= 225.0) {
      rec.deep_space = true;
      rec.simplified_drag = true;
      const sgp4_detail::DeepSpaceCommon common = sgp4_detail::deep_space_common(rec, 0.0);
      // (The reference calls dpper here in its initialisation mode, which changes nothing.)
      sgp4_detail::deep_space_init(rec, common, xpidot);
    }

    // Higher-order drag terms, for perigees above 220 km in near-Earth orbits.
    if (!rec.simplified_drag) {
      const double cc1sq = rec.cc1 * rec.cc1;
      rec.d2 = 4.0 * in.ao * tsi * cc1sq;
      const double temp = rec.d2 * tsi * rec.cc1 / 3.0;
      rec.d3 = (17.0 * in.ao + sfour) * temp;
      rec.d4 = 0.5 * temp * in.ao * tsi * (221.0 * in.ao + 31.0 * sfour) * rec.cc1;
      rec.t3cof = rec.d2 + 2.0 * cc1sq;
      rec.t4cof = 0.25 * (3.0 * rec.d3 + rec.cc1 * (12.0 * rec.d2 + 10.0 * cc1sq));
      rec.t5cof = 0.2 * (3.0 * rec.d4 + 12.0 * rec.cc1 * rec.d3 + 6.0 * rec.d2 * rec.d2 +
                         15.0 * cc1sq * (2.0 * rec.d2 + cc1sq));
    }
  }

  // Initialisation ends with a propagation to epoch; its status is the status of the element set.
  return sgp4_propagate(rec, 0.0).status;
}

Sgp4KernelState sgp4_propagate(const Sgp4Record& rec, double tsince) {
  const Sgp4GravityConstants& g = rec.gravity;
  const double temp4 = 1.5e-12;
  const double vkmpersec = g.radius_km * g.xke / 60.0;
  const double t = tsince;

  Sgp4KernelState out;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  out.r_km = {nan, nan, nan};
  out.v_km_s = {nan, nan, nan};

  // Secular gravity and atmospheric drag.
  const double xmdf = rec.mo + rec.mdot * t;
  const double argpdf = rec.argpo + rec.argpdot * t;
  const double nodedf = rec.nodeo + rec.nodedot * t;
  double argpm = argpdf;
  double mm = xmdf;
  const double t2 = t * t;
  double nodem = nodedf + rec.nodecf * t2;
  double tempa = 1.0 - rec.cc1 * t;
  double tempe = rec.bstar * rec.cc4 * t;
  double templ = rec.t2cof * t2;

  if (!rec.simplified_drag) {
    const double delomg = rec.omgcof * t;
    const double delmtemp = 1.0 + rec.eta * std::cos(xmdf);
    const double delm = rec.xmcof * (delmtemp * delmtemp * delmtemp - rec.delmo);
    const double temp = delomg + delm;
    mm = xmdf + temp;
    argpm = argpdf - temp;
    const double t3 = t2 * t;
    const double t4 = t3 * t;
    tempa = tempa - rec.d2 * t2 - rec.d3 * t3 - rec.d4 * t4;
    tempe = tempe + rec.bstar * rec.cc5 * (std::sin(mm) - rec.sinmao);
    templ = templ + rec.t3cof * t3 + t4 * (rec.t4cof + t * rec.t5cof);
  }

  double nm = rec.no_unkozai;
  double em = rec.ecco;
  double inclm = rec.inclo;
  if (rec.deep_space) {
    sgp4_detail::DeepSpaceMean m{em, argpm, inclm, mm, nodem, nm};
    sgp4_detail::deep_space_secular(rec, t, m);
    em = m.em;
    argpm = m.argpm;
    inclm = m.inclm;
    mm = m.mm;
    nodem = m.nodem;
    nm = m.nm;
  }

  // The checks below are written so that a NaN fails them too (the reference's `x <= 0` lets NaN through); for
  // finite values they are the reference's checks.
  if (!(nm > 0.0)) {
    out.status = Sgp4Status::MeanMotionNotPositive;
    return out;
  }
  const double am = std::pow(g.xke / nm, x2o3) * tempa * tempa;
  nm = g.xke / std::pow(am, 1.5);
  em = em - tempe;
  if (!(em < 1.0) || em < -0.001) {
    out.status = Sgp4Status::MeanEccentricityOutOfRange;
    return out;
  }
  if (em < 1.0e-6) em = 1.0e-6;  // avoid a division by zero
  mm = mm + rec.no_unkozai * templ;
  double xlm = mm + argpm + nodem;

  nodem = std::fmod(nodem, two_pi);
  argpm = std::fmod(argpm, two_pi);
  xlm = std::fmod(xlm, two_pi);
  mm = std::fmod(xlm - argpm - nodem, two_pi);

  // Lunar-solar periodics.
  const double sinim = std::sin(inclm);
  const double cosim = std::cos(inclm);
  sgp4_detail::PerturbedElements p{em, inclm, nodem, argpm, mm};
  double sinip = sinim;
  double cosip = cosim;
  double aycof = rec.aycof;
  double xlcof = rec.xlcof;
  double con41 = rec.con41;
  double x1mth2 = rec.x1mth2;
  double x7thm1 = rec.x7thm1;
  if (rec.deep_space) {
    sgp4_detail::deep_space_periodics(rec, t, p);
    if (p.inclp < 0.0) {
      p.inclp = -p.inclp;
      p.nodep = p.nodep + pi;
      p.argpp = p.argpp - pi;
    }
    if (!(p.ep >= 0.0 && p.ep <= 1.0)) {
      out.status = Sgp4Status::PerturbedEccentricityOutOfRange;
      return out;
    }
    // Long-period coefficients depend on the perturbed inclination.
    sinip = std::sin(p.inclp);
    cosip = std::cos(p.inclp);
    aycof = -0.5 * g.j3oj2 * sinip;
    if (std::fabs(cosip + 1.0) > 1.5e-12) {
      xlcof = -0.25 * g.j3oj2 * sinip * (3.0 + 5.0 * cosip) / (1.0 + cosip);
    } else {
      xlcof = -0.25 * g.j3oj2 * sinip * (3.0 + 5.0 * cosip) / temp4;
    }
  }

  // Long-period periodics (J3).
  const double axnl = p.ep * std::cos(p.argpp);
  double temp = 1.0 / (am * (1.0 - p.ep * p.ep));
  const double aynl = p.ep * std::sin(p.argpp) + temp * aycof;
  const double xl = p.mp + p.argpp + p.nodep + temp * xlcof * axnl;

  // Kepler's equation for the eccentric longitude, Newton steps limited to 0.95 rad, at most 10.
  const double u = std::fmod(xl - p.nodep, two_pi);
  double eo1 = u;
  double tem5 = 9999.9;
  int ktr = 1;
  double sineo1 = 0.0;
  double coseo1 = 0.0;
  while (std::fabs(tem5) >= 1.0e-12 && ktr <= 10) {
    sineo1 = std::sin(eo1);
    coseo1 = std::cos(eo1);
    tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (std::fabs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 = eo1 + tem5;
    ktr = ktr + 1;
  }
  // (As in the reference, the sine and cosine used below are those of the last iterate before its correction.)

  // Short-period preliminary quantities.
  const double ecose = axnl * coseo1 + aynl * sineo1;
  const double esine = axnl * sineo1 - aynl * coseo1;
  const double el2 = axnl * axnl + aynl * aynl;
  const double pl = am * (1.0 - el2);
  if (!(pl >= 0.0)) {
    out.status = Sgp4Status::SemiLatusRectumNegative;
    return out;
  }
  const double rl = am * (1.0 - ecose);
  const double rdotl = std::sqrt(am) * esine / rl;
  const double rvdotl = std::sqrt(pl) / rl;
  const double betal = std::sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const double sinu = am / rl * (sineo1 - aynl - axnl * temp);
  const double cosu = am / rl * (coseo1 - axnl + aynl * temp);
  double su = std::atan2(sinu, cosu);
  const double sin2u = (cosu + cosu) * sinu;
  const double cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const double temp1 = 0.5 * g.j2 * temp;
  const double temp2 = temp1 * temp;

  // Short-period periodics (J2).
  if (rec.deep_space) {
    const double cosisq = cosip * cosip;
    con41 = 3.0 * cosisq - 1.0;
    x1mth2 = 1.0 - cosisq;
    x7thm1 = 7.0 * cosisq - 1.0;
  }
  const double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  su = su - 0.25 * temp2 * x7thm1 * sin2u;
  const double xnode = p.nodep + 1.5 * temp2 * cosip * sin2u;
  const double xinc = p.inclp + 1.5 * temp2 * cosip * sinip * cos2u;
  const double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / g.xke;
  const double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / g.xke;

  // Orientation vectors.
  const double sinsu = std::sin(su);
  const double cossu = std::cos(su);
  const double snod = std::sin(xnode);
  const double cnod = std::cos(xnode);
  const double sini = std::sin(xinc);
  const double cosi = std::cos(xinc);
  const double xmx = -snod * cosi;
  const double xmy = cnod * cosi;
  const double ux = xmx * sinsu + cnod * cossu;
  const double uy = xmy * sinsu + snod * cossu;
  const double uz = sini * sinsu;
  const double vx = xmx * cossu - cnod * sinsu;
  const double vy = xmy * cossu - snod * sinsu;
  const double vz = sini * cossu;

  out.r_km = {mrt * ux * g.radius_km, mrt * uy * g.radius_km, mrt * uz * g.radius_km};
  out.v_km_s = {(mvt * ux + rvdot * vx) * vkmpersec, (mvt * uy + rvdot * vy) * vkmpersec,
                (mvt * uz + rvdot * vz) * vkmpersec};

  // Below one Earth radius the satellite has decayed. A radius that is not a number arises only when drag has
  // driven the semi-major axis to zero (tempa = 0): decayed too.
  const bool finite = std::isfinite(out.r_km[0]) && std::isfinite(out.r_km[1]) && std::isfinite(out.r_km[2]) &&
                      std::isfinite(out.v_km_s[0]) && std::isfinite(out.v_km_s[1]) && std::isfinite(out.v_km_s[2]);
  if (!(mrt >= 1.0) || !finite) out.status = Sgp4Status::Decayed;
  return out;
}

}  // namespace deorbit

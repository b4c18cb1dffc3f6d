// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (and the
// corrections published with its later code releases); Hoots & Roehrich, Spacetrack Report #3 (1980).
//
// The SGP4/SDP4 kernel: one satellite's initialised constants as a plain record of numbers, and the two functions
// that fill it and propagate it. Units are SGP4's own: Earth radii, minutes, radians, and km, km/s at the output.
// Most users want the class Sgp4 in sgp4.h, which wraps this kernel in SI units and Epochs. The kernel is kept
// separate so that a structure-of-arrays batch path can reuse the same arithmetic.
//
// Field names follow the theory (and so the paper and every implementation of it), so that each line can be
// checked against the published equations.
#pragma once

#include <array>
#include <string_view>

#include "deorbit/sgp4/gravity_constants.h"

namespace deorbit {

//! How a few details of the theory are computed (Vallado et al. 2006, section "operation mode").
enum class Sgp4OpsMode {
  Improved,  //!< 'i': sidereal time from the IAU-82 GMST formula; no wrapping of the node to [0, 2 pi)
  Afspc,     //!< 'a': as the AFSPC operational code: GMST from the 1970 polynomial, node wrapped to [0, 2 pi)
};

//! Outcome of initialising or propagating an element set (the codes of the reference implementation).
enum class Sgp4Status {
  Ok = 0,
  MeanEccentricityOutOfRange = 1,       //!< mean eccentricity left [-0.001, 1) (drag drove it out)
  MeanMotionNotPositive = 2,            //!< mean motion fell to zero or below
  PerturbedEccentricityOutOfRange = 3,  //!< eccentricity with lunar-solar periodics left [0, 1]
  SemiLatusRectumNegative = 4,          //!< semi-latus rectum below zero
  // 5 is unused (the reference's "sub-orbital at epoch" check was withdrawn)
  Decayed = 6,  //!< radius below one Earth radius: the satellite has decayed
};

//! Short name of a status, e.g. "decayed".
[[nodiscard]] std::string_view to_string(Sgp4Status status);

//! One satellite's initialised SGP4/SDP4 constants. A plain aggregate of numbers: copy it, put many in arrays.
//! Angles in radians, distances in Earth radii, time in minutes (rates per minute).
struct Sgp4Record {
  Sgp4GravityConstants gravity;          //!< Earth constants used
  bool afspc_mode = false;               //!< Sgp4OpsMode::Afspc
  bool deep_space = false;               //!< method 'd': period >= 225 min, SDP4 with lunar-solar terms
  bool simplified_drag = false;          //!< isimp: perigee below 220 km (or deep space), drag to first order
  int resonance = 0;                     //!< irez: 0 none, 1 one-day (synchronous), 2 half-day resonance

  // Elements at epoch.
  double epoch_days = 0;  //!< [d] epoch as days since 1949-12-31 00:00 UTC
  double bstar = 0;       //!< [1/er] drag term
  double ecco = 0;        //!< [-] eccentricity
  double inclo = 0;       //!< [rad] inclination
  double nodeo = 0;       //!< [rad] right ascension of ascending node
  double argpo = 0;       //!< [rad] argument of perigee
  double mo = 0;          //!< [rad] mean anomaly
  double no_kozai = 0;    //!< [rad/min] mean motion as published (Kozai)
  double no_unkozai = 0;  //!< [rad/min] mean motion recovered (Brouwer)
  double a = 0;           //!< [er] semi-major axis
  double alta = 0;        //!< [er] apogee altitude
  double altp = 0;        //!< [er] perigee altitude
  double gsto = 0;        //!< [rad] Greenwich sidereal angle at epoch

  // Secular and drag coefficients (near-Earth and common).
  double aycof = 0, con41 = 0, cc1 = 0, cc4 = 0, cc5 = 0, d2 = 0, d3 = 0, d4 = 0, delmo = 0, eta = 0;
  double argpdot = 0;  //!< [rad/min]
  double mdot = 0;     //!< [rad/min]
  double nodedot = 0;  //!< [rad/min]
  double omgcof = 0, sinmao = 0, t2cof = 0, t3cof = 0, t4cof = 0, t5cof = 0;
  double x1mth2 = 0, x7thm1 = 0, xlcof = 0, xmcof = 0, nodecf = 0;

  // Deep space: lunar-solar secular rates.
  double dedt = 0, didt = 0, dmdt = 0, dnodt = 0, domdt = 0;
  // Deep space: lunar-solar periodic coefficients (solar s*, lunar x*/e*).
  double e3 = 0, ee2 = 0, se2 = 0, se3 = 0, sgh2 = 0, sgh3 = 0, sgh4 = 0, sh2 = 0, sh3 = 0, si2 = 0, si3 = 0;
  double sl2 = 0, sl3 = 0, sl4 = 0, xgh2 = 0, xgh3 = 0, xgh4 = 0, xh2 = 0, xh3 = 0, xi2 = 0, xi3 = 0;
  double xl2 = 0, xl3 = 0, xl4 = 0;
  double zmol = 0;  //!< [rad] lunar mean anomaly at epoch
  double zmos = 0;  //!< [rad] solar mean anomaly at epoch
  // Deep space: resonance terms.
  double d2201 = 0, d2211 = 0, d3210 = 0, d3222 = 0, d4410 = 0, d4422 = 0, d5220 = 0, d5232 = 0;
  double d5421 = 0, d5433 = 0, del1 = 0, del2 = 0, del3 = 0;
  double xfact = 0;  //!< [rad/min] resonance: rate of the resonant angle less the mean motion
  double xlamo = 0;  //!< [rad] resonant angle at epoch
};

//! Inputs to initialisation, in SGP4 units.
struct Sgp4Elements {
  double epoch_days = 0;  //!< [d] epoch as days since 1949-12-31 00:00 UTC (Julian date - 2433281.5)
  double bstar = 0;       //!< [1/er] drag term B*
  double ecco = 0;        //!< [-] eccentricity
  double inclo = 0;       //!< [rad] inclination
  double nodeo = 0;       //!< [rad] right ascension of the ascending node
  double argpo = 0;       //!< [rad] argument of perigee
  double mo = 0;          //!< [rad] mean anomaly
  double no_kozai = 0;    //!< [rad/min] mean motion as published
};

//! Position and velocity in TEME as the kernel computes them.
struct Sgp4KernelState {
  Sgp4Status status = Sgp4Status::Ok;
  std::array<double, 3> r_km{};    //!< [km] TEME position (NaN when the status stopped SGP4 before computing it)
  std::array<double, 3> v_km_s{};  //!< [km/s] TEME velocity (NaN likewise)
};

//! Fills a record from mean elements (sgp4init). Returns the status of the propagation to epoch that
//! initialisation includes; the record is usable only when that is Ok.
[[nodiscard]] Sgp4Status sgp4_initialise(const Sgp4Elements& elements, const Sgp4GravityConstants& gravity,
                                         Sgp4OpsMode mode, Sgp4Record& record);

//! Propagates a record to tsince [min] from epoch (sgp4). Pure: reads the record only, safe from many threads.
//! When the status is Decayed, r and v hold the computed (sub-surface) state; for the other errors they are NaN.
[[nodiscard]] Sgp4KernelState sgp4_propagate(const Sgp4Record& record, double tsince);

}  // namespace deorbit

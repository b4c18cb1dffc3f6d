// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (routines dscom,
// dpper, dsinit, dspace); Hujsak, "A Restricted Four Body Solution for Resonating Satellites" (1979); Hoots &
// Roehrich, Spacetrack Report #3 (1980), SDP4 deep-space section.
//
// Internal to the SGP4 kernel: the deep-space (SDP4) parts, lunar-solar perturbations and Earth-resonance terms.
#pragma once

#include "deorbit/sgp4/sgp4_kernel.h"

namespace deorbit::sgp4_detail {

inline constexpr double two_pi = 6.283185307179586476925287;
inline constexpr double pi = 3.14159265358979323846;

// Lunar and solar constants used at propagation time (Spacetrack Report #3, SDP4); the batch kernels use them too.
inline constexpr double zes = 0.01675;         //!< [-] solar orbit eccentricity
inline constexpr double zel = 0.05490;         //!< [-] lunar orbit eccentricity
inline constexpr double zns = 1.19459e-5;      //!< [rad/min] solar mean motion
inline constexpr double znl = 1.5835218e-4;    //!< [rad/min] lunar mean motion
inline constexpr double rptim = 4.37526908801129966e-3;  //!< [rad/min] Earth rotation rate
inline constexpr double resonance_step = 720.0;     //!< [min] fixed step of the resonance integrator
inline constexpr double resonance_step2 = 259200.0;  //!< [min^2] half the step's square

//! Intermediate quantities of the lunar-solar set-up (dscom) that the resonance set-up (dsinit) needs.
struct DeepSpaceCommon {
  double sinim = 0, cosim = 0, emsq = 0;
  double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
  double ss1 = 0, ss2 = 0, ss3 = 0, ss4 = 0, ss5 = 0;
  double z1 = 0, z3 = 0, z11 = 0, z13 = 0, z21 = 0, z23 = 0, z31 = 0, z33 = 0;
  double sz1 = 0, sz3 = 0, sz11 = 0, sz13 = 0, sz21 = 0, sz23 = 0, sz31 = 0, sz33 = 0;
};

//! Mean elements being updated by the deep-space secular and resonance terms.
struct DeepSpaceMean {
  double em = 0;     //!< [-] eccentricity
  double argpm = 0;  //!< [rad] argument of perigee
  double inclm = 0;  //!< [rad] inclination
  double mm = 0;     //!< [rad] mean anomaly
  double nodem = 0;  //!< [rad] node
  double nm = 0;     //!< [rad/min] mean motion
};

//! Elements with lunar-solar periodics applied.
struct PerturbedElements {
  double ep = 0;     //!< [-] eccentricity
  double inclp = 0;  //!< [rad] inclination
  double nodep = 0;  //!< [rad] node
  double argpp = 0;  //!< [rad] argument of perigee
  double mp = 0;     //!< [rad] mean anomaly
};

//! dscom: lunar and solar geometry at epoch + tc; stores the periodic coefficients and zmol, zmos in the record.
DeepSpaceCommon deep_space_common(Sgp4Record& rec, double tc);

//! dsinit: lunar-solar secular rates and resonance coefficients, stored in the record. xpidot [rad/min] is the
//! rate of the longitude of perigee.
void deep_space_init(Sgp4Record& rec, const DeepSpaceCommon& c, double xpidot);

//! Rates of the resonance integrator at a node: d(xni)/dt, d(xli)/dt and d2(xni)/dt2.
struct ResonanceRates {
  double xndt = 0;   //!< [rad/min^2] rate of the mean motion
  double xldot = 0;  //!< [rad/min] rate of the resonant angle
  double xnddt = 0;  //!< [rad/min^3] second derivative of the mean motion
};

//! The resonance terms at atime [min] from epoch, resonant angle xli [rad] and mean motion xni [rad/min] (the
//! derivative part of dspace). The integrator of deep_space_secular steps with them; the batch propagator caches
//! them per 720-minute node, which gives the same numbers as integrating from epoch at every call.
ResonanceRates resonance_rates(const Sgp4Record& rec, double atime, double xli, double xni);

//! dspace: adds lunar-solar secular effects and integrates resonance from epoch to t [min]. Pure.
void deep_space_secular(const Sgp4Record& rec, double t, DeepSpaceMean& m);

//! dpper: adds the lunar-solar long-period periodics at t [min] (Lyddane's form below 0.2 rad inclination).
void deep_space_periodics(const Sgp4Record& rec, double t, PerturbedElements& p);

}  // namespace deorbit::sgp4_detail

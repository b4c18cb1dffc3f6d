// Osculating Keplerian elements <-> Cartesian state, and the anomaly conversions between them.
// Reference: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., algorithms 2, 5, 9 and 10.
#pragma once

#include <utility>

#include "deorbit/base/constants.h"
#include "deorbit/base/vector.h"

namespace deorbit {

//! Osculating two-body elements of an elliptic (0 <= e < 1) or hyperbolic (e > 1) orbit, in the frame of the
//! Cartesian state they come from or go to. Conventions for the degenerate cases: a circular orbit has
//! arg_of_perigee = 0 and true_anomaly measured from the ascending node (argument of latitude); an equatorial
//! orbit has raan = 0 and arg_of_perigee measured from the x axis (longitude of perigee); circular equatorial
//! has both 0 and true_anomaly = true longitude.
struct KeplerianElements {
  double semi_major_axis = 0;  //!< [m] negative for hyperbolic orbits
  double eccentricity = 0;     //!< [-]
  double inclination = 0;      //!< [rad] 0..pi
  double raan = 0;             //!< [rad] 0..2pi right ascension of the ascending node
  double arg_of_perigee = 0;   //!< [rad] 0..2pi
  double true_anomaly = 0;     //!< [rad] 0..2pi (elliptic) or -acos(-1/e)..acos(-1/e) (hyperbolic)
};

//! Elements of the state (r [m], v [m/s]) about a body with gravitational parameter mu [m^3/s^2].
//! Throws InputError for r = 0, a rectilinear or a parabolic (e = 1 within 1e-12) orbit.
[[nodiscard]] KeplerianElements to_keplerian(const Vec3& r, const Vec3& v, double mu = constants::mu_earth);
//! State {r [m], v [m/s]} of the elements. Throws InputError for e < 0, e = 1, a of the wrong sign, or a true anomaly
//! beyond the asymptotes of a hyperbola.
[[nodiscard]] std::pair<Vec3, Vec3> to_cartesian(const KeplerianElements& k, double mu = constants::mu_earth);
//! [s] Keplerian period of the osculating orbit of the state (r [m], v [m/s]) (of |a| for a hyperbola, a scale).
[[nodiscard]] double osculating_period(const Vec3& r, const Vec3& v, double mu = constants::mu_earth);

//! [rad] Eccentric (e < 1) or hyperbolic (e > 1) anomaly from the mean anomaly [rad] (Newton, to 1e-15 rad).
[[nodiscard]] double mean_to_eccentric_anomaly(double mean_anomaly, double e);
//! [rad] True anomaly from the eccentric/hyperbolic anomaly.
[[nodiscard]] double eccentric_to_true_anomaly(double eccentric_anomaly, double e);
//! [rad] Eccentric/hyperbolic anomaly from the true anomaly.
[[nodiscard]] double true_to_eccentric_anomaly(double true_anomaly, double e);
//! [rad] Mean anomaly from the eccentric/hyperbolic anomaly (Kepler's equation).
[[nodiscard]] double eccentric_to_mean_anomaly(double eccentric_anomaly, double e);

}  // namespace deorbit

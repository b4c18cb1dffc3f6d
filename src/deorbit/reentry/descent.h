// Descent of fragments from a breakup state to the ground: 3-DOF point masses under Earth gravity (EGM96 truncated
// to low degree) and drag with a Mach-dependent drag coefficient, relative to the co-rotating atmosphere
// (NRLMSISE-00 above 86 km with space weather, U.S. Standard Atmosphere 1976 below), integrated by the numerical
// propagator (DOP853) down to a geodetic floor, where its ReachedFloor outcome gives the impact.
// No heating, ablation or demise in this model: every fragment reaches the ground with its initial mass.
// Checks: docs/validation-reentry.md (terminal velocity against sqrt(2 m g / (rho Cd A)), an independent integration
// of the same equations in scripts/reentry_reference.py, ordering by ballistic coefficient).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/reentry/fragment.h"
#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

struct DescentSettings {
  double ground_altitude = 0;       //!< [m] geodetic height (WGS84) of impact
  double position_tolerance = 1.0;  //!< [m] integrator tolerance (see NumericalPropagatorSettings)
  double sample_step = 10.0;        //!< [s] spacing of the path samples kept for display
  //! the atmosphere: NRLMSISE-00 above 86 km (with space weather), U.S. Standard Atmosphere 1976 below.
  //! May be null: the embedded default table (loaded only when the breakup lies above 80 km; below, it is unused).
  std::shared_ptr<const SpaceWeather> space_weather;
  int gravity_degree = 4;           //!< [-] EGM96 degree (2..20); J2 is the least a descent needs
  int gravity_order = 4;            //!< [-] EGM96 order (0..degree)
  double max_duration = 6 * 3600.0; //!< [s] a fragment not down within this time after breakup is an error
};

struct Impact {
  std::string fragment;             //!< fragment name
  int index = 0;                    //!< index in the fragment list
  Epoch epoch;                      //!< instant of impact
  double latitude = 0;              //!< [rad] geodetic, WGS84
  double longitude = 0;             //!< [rad] east, -pi..pi
  double speed = 0;                 //!< [m/s] relative to the ground
  double flight_path_angle = 0;     //!< [rad] below the local horizontal, positive down
  //! [rad] azimuth of the fragment's ground track at impact, clockwise from north: the direction, at the impact
  //! point, of the great circle from the point under the breakup to the impact (the velocity's own azimuth is
  //! meaningless for a near-vertical fall; the velocity's azimuth is used only when the fragment fell straight down)
  double heading = 0;
  double mass = 0;                  //!< [kg] of one piece (no demise in this issue)
  int count = 1;                    //!< identical pieces
};

struct FragmentDescent {
  Impact impact;
  std::vector<StateVector> path;  //!< ITRF samples every sample_step from the breakup, and the impact state last
};

//! Drops every fragment from the breakup state (any frame) to settings.ground_altitude, in list order. Throws
//! InputError for an impossible fragment or setting (naming it), or when a fragment is not down within
//! settings.max_duration; std::runtime_error if the integration fails (its message says when and why).
[[nodiscard]] std::vector<FragmentDescent> descend(const StateVector& breakup_gcrf, std::span<const Fragment> fragments,
                                                  const DescentSettings& settings,
                                                  const EarthOrientation& eop = EarthOrientation::none());

//! The impact of a fragment whose final ITRF state is `at_ground` (position on the ground, velocity relative to it),
//! broken up at ITRF position `breakup_itrf` [m].
[[nodiscard]] Impact impact_from_itrf(const StateVector& at_ground, const Fragment& fragment, int index,
                                      const Vec3& breakup_itrf);

}  // namespace deorbit

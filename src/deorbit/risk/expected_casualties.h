// Expected casualties of an uncontrolled re-entry (the method of NASA DAS and ESA DRAMA): the surviving objects'
// casualty area times the population density they can fall on, averaged over where a circular orbit of inclination i
// spends its time. Such an orbit is at latitude phi with probability density p(phi) proportional to
// cos(phi) / sqrt(sin^2 i - sin^2 phi) per unit latitude (|phi| < i; per unit area, 1 / sqrt(sin^2 i - sin^2 phi)),
// and at every longitude alike (the Earth turns under it). The
// fraction of time between latitudes phi1 < phi2 is (asin(sin phi2 / sin i) - asin(sin phi1 / sin i)) / pi (sines
// clamped to [-1, 1]); with the population taken as uniform in each grid cell, the average is the sum over the grid's
// rows of that fraction times the row's longitude-mean density: exact, with no quadrature near the turning latitudes
// phi = +-i where p is infinite.
#pragma once

#include <span>

#include "deorbit/risk/casualty_area.h"
#include "deorbit/risk/population_grid.h"

namespace deorbit {

//! Fraction of the time a circular orbit of inclination [rad, 0 to pi] spends between latitudes south < north [rad].
//! At inclination 0 (or pi) the orbit stays on the equator: the limit of the formula, 1/2 on each side of it.
//! Throws InputError for an inclination outside [0, pi] or south > north.
[[nodiscard]] double latitude_time_fraction(double south, double north, double inclination);

//! [1/m^2] population density averaged over the impact latitudes of a circular orbit of the given inclination [rad]
//! and over all longitudes, times `growth` (world_population_growth of the re-entry year; 1 keeps the grid's year).
[[nodiscard]] double impact_weighted_density(const PopulationGrid& grid, double inclination, double growth = 1.0);

//! 1 - exp(-expected_casualties): the probability of at least one casualty (casualties as a Poisson process).
[[nodiscard]] double probability_of_casualty(double expected_casualties);

struct CasualtyRisk {
  double casualty_area = 0;          //!< [m^2] total over the surviving objects above 15 J
  //! [1/m^2] population density the objects fall on: orbit-averaged (uncontrolled), or the casualty-area-weighted
  //! mean of the densities at the impact points (controlled; 0 when no object is above 15 J)
  double density = 0;
  double expected_casualties = 0;    //!< casualty_area * density
  double probability_of_casualty = 0;
};

//! Uncontrolled re-entry from a circular orbit of the given inclination [rad]: E_c = total casualty area times
//! impact_weighted_density (DAS / DRAMA); every object is taken to fall along the same orbit.
[[nodiscard]] CasualtyRisk uncontrolled_casualty_risk(std::span<const SurvivingObject> objects,
                                                      const PopulationGrid& grid, double inclination,
                                                      double growth = 1.0);

//! Where one surviving object lands. [rad] geodetic latitude and longitude (WGS84).
struct ImpactPoint {
  double latitude = 0;
  double longitude = 0;
};

//! Controlled re-entry: E_c = sum over objects of count * A_c * (population density at the object's impact point,
//! PopulationGrid::density, times `growth`); objects[k] (all its copies) lands at impacts[k]. Throws InputError when
//! the two lists differ in length.
[[nodiscard]] CasualtyRisk controlled_casualty_risk(std::span<const SurvivingObject> objects,
                                                    std::span<const ImpactPoint> impacts, const PopulationGrid& grid,
                                                    double growth = 1.0);

}  // namespace deorbit

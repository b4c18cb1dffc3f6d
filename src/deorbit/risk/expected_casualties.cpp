// References: NASA-STD-8719.14 sec. 4.7 and the DAS 3 user's guide (expected casualties of an uncontrolled entry:
// casualty area times the latitude-weighted population density); ESA DRAMA SESAM (same); the latitude density of a
// circular orbit follows from sin(phi) = sin(i) sin(u), u (argument of latitude) uniform in time.
#include "deorbit/risk/expected_casualties.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"

namespace deorbit {

using constants::deg;
using constants::pi;

namespace {

// Fraction of the time spent south of latitude phi: (asin(sin phi / sin i) + pi/2) / pi, by u = asin(sin phi / sin i).
double time_south_of(double phi, double sin_i) {
  if (sin_i == 0.0) return phi < 0 ? 0.0 : (phi > 0 ? 1.0 : 0.5);
  const double s = std::clamp(std::sin(phi) / sin_i, -1.0, 1.0);
  return std::asin(s) / pi + 0.5;
}

void check_inclination(double inclination) {
  if (!std::isfinite(inclination) || inclination < 0 || inclination > pi)
    throw InputError(fmt::format("orbit inclination must be within 0 to 180 deg, found {} deg", inclination / deg));
}

}  // namespace

double latitude_time_fraction(double south, double north, double inclination) {
  check_inclination(inclination);
  if (!(south <= north)) throw InputError("latitude band: the southern latitude must not exceed the northern one");
  // sin(pi) is 1.2e-16, not 0: an equatorial orbit flown retrograde must stay on the equator too.
  const double sin_i = (inclination == pi) ? 0.0 : std::sin(inclination);
  return time_south_of(north, sin_i) - time_south_of(south, sin_i);
}

double impact_weighted_density(const PopulationGrid& grid, double inclination, double growth) {
  check_inclination(inclination);
  if (!std::isfinite(growth) || growth < 0)
    throw InputError(fmt::format("population growth factor must be finite and >= 0, found {}", growth));
  double density = 0;
  for (int row = 0; row < grid.rows(); ++row) {
    const double north = (grid.north_deg() - row * grid.cell_size_deg()) * deg;
    const double south = north - grid.cell_size_deg() * deg;
    const double fraction = latitude_time_fraction(south, north, inclination);
    if (fraction > 0) density += fraction * grid.band_mean_density(row);
  }
  return growth * density;
}

double probability_of_casualty(double expected_casualties) {
  if (!std::isfinite(expected_casualties) || expected_casualties < 0)
    throw InputError(fmt::format("expected casualties must be finite and >= 0, found {}", expected_casualties));
  return -std::expm1(-expected_casualties);
}

CasualtyRisk uncontrolled_casualty_risk(std::span<const SurvivingObject> objects, const PopulationGrid& grid,
                                        double inclination, double growth) {
  CasualtyRisk risk;
  risk.casualty_area = total_casualty_area(objects);
  risk.density = impact_weighted_density(grid, inclination, growth);
  risk.expected_casualties = risk.casualty_area * risk.density;
  risk.probability_of_casualty = probability_of_casualty(risk.expected_casualties);
  return risk;
}

CasualtyRisk controlled_casualty_risk(std::span<const SurvivingObject> objects, std::span<const ImpactPoint> impacts,
                                      const PopulationGrid& grid, double growth) {
  if (objects.size() != impacts.size())
    throw InputError(fmt::format("controlled casualty risk: {} surviving objects but {} impact points", objects.size(),
                                 impacts.size()));
  if (!std::isfinite(growth) || growth < 0)
    throw InputError(fmt::format("population growth factor must be finite and >= 0, found {}", growth));
  CasualtyRisk risk;
  for (std::size_t k = 0; k < objects.size(); ++k) {
    const double area = objects[k].count * casualty_area(objects[k]);
    risk.casualty_area += area;
    if (area > 0) risk.expected_casualties += area * growth * grid.density(impacts[k].latitude, impacts[k].longitude);
  }
  risk.density = risk.casualty_area > 0 ? risk.expected_casualties / risk.casualty_area : 0.0;
  risk.probability_of_casualty = probability_of_casualty(risk.expected_casualties);
  return risk;
}

}  // namespace deorbit

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/risk/expected_casualties.h"

namespace deorbit {
namespace {

using constants::deg;
using constants::pi;

// A 1 deg world grid whose cells hold density(lat_south_deg) people per m^2 (uniform in longitude).
template <class Density>
PopulationGrid world_grid(Density density) {
  std::vector<double> counts;
  for (int row = 0; row < 180; ++row) {
    const double south = 89.0 - row;
    const double area = ellipsoid_band_area(south * deg, (south + 1) * deg, deg);
    for (int column = 0; column < 360; ++column) counts.push_back(density(south) * area);
  }
  return PopulationGrid::from_counts(360, 180, -180, -90, 1, std::move(counts));
}

// Independent of the arcsin formula: the time a circular orbit spends in a band, by flying it. The argument of
// latitude u advances uniformly in time and sin(lat) = sin(i) sin(u); midpoint samples of u over one revolution.
double flown_fraction(double south, double north, double inclination, int samples) {
  int inside = 0;
  for (int k = 0; k < samples; ++k) {
    const double u = 2 * pi * (k + 0.5) / samples;
    const double lat = std::asin(std::sin(inclination) * std::sin(u));
    if (lat >= south && lat < north) ++inside;
  }
  return static_cast<double>(inside) / samples;
}

// The fractions against the orbit flown at 10^6 samples (sampling error about 1e-6; measured at most 1.56e-6),
// including bands that hold the turning latitude, where the latitude density is infinite.
TEST(ExpectedCasualties, LatitudeFractionsMatchTheOrbitFlown) {
  for (double inc_deg : {51.6, 97.5, 28.5, 90.0, 130.0}) {
    const double inc = inc_deg * deg;
    double sum = 0;
    for (int south = -90; south < 90; ++south) sum += latitude_time_fraction(south * deg, (south + 1) * deg, inc);
    EXPECT_NEAR(sum, 1.0, 2.3e-16) << inc_deg;  // telescopes to F(90) - F(-90): measured exactly 1
    for (auto [s, n] : {std::pair{40.0, 41.0}, {51.0, 52.0}, {-52.0, -51.0}, {-1.0, 0.0}, {28.0, 29.0}, {0.0, 60.0}}) {
      const double f = latitude_time_fraction(s * deg, n * deg, inc);
      EXPECT_NEAR(f, flown_fraction(s * deg, n * deg, inc, 1000000), 4e-6) << inc_deg << " " << s << " " << n;
    }
  }
  // Polar orbit: uniform in latitude, 1/180 per degree.
  EXPECT_NEAR(latitude_time_fraction(40 * deg, 41 * deg, 90 * deg), 1.0 / 180, 5e-17);  // measured 2e-17
  // Equatorial orbit: the limit of the formula, half on each side of the equator, nothing elsewhere.
  EXPECT_EQ(latitude_time_fraction(0, 1 * deg, 0), 0.5);
  EXPECT_EQ(latitude_time_fraction(-1 * deg, 0, pi), 0.5);
  EXPECT_EQ(latitude_time_fraction(1 * deg, 2 * deg, 0), 0.0);
  EXPECT_EQ(latitude_time_fraction(-1 * deg, 1 * deg, 0), 1.0);
  EXPECT_THROW((void)latitude_time_fraction(0, 1 * deg, -0.1), InputError);
  EXPECT_THROW((void)latitude_time_fraction(0, 1 * deg, 3.2), InputError);
  EXPECT_THROW((void)latitude_time_fraction(1 * deg, 0, 1.0), InputError);
}

// Uniform density rho everywhere: E_c = A_c rho exactly (to rounding), at any inclination.
TEST(ExpectedCasualties, UniformDensityGivesCasualtyAreaTimesDensity) {
  const double rho = 25e-6;  // 25 people per km^2
  const PopulationGrid grid = world_grid([&](double) { return rho; });
  const std::vector<SurvivingObject> objects = {{"tank", 50.0, 1.0, 100.0, 2}, {"plate", 2.0, 0.25, 30.0, 3}};
  const double area = 2 * 2.56 + 3 * 1.21;
  for (double inc_deg : {0.0, 5.0, 28.5, 51.6, 90.0, 97.5, 180.0}) {
    const CasualtyRisk risk = uncontrolled_casualty_risk(objects, grid, inc_deg * deg);
    EXPECT_NEAR(risk.casualty_area, area, 1e-12);
    // Rounding only: measured at most 7.3e-15 relative (inclinations 0 and 180 deg).
    EXPECT_NEAR(risk.expected_casualties, area * rho, 2e-14 * area * rho) << inc_deg;
    EXPECT_NEAR(risk.probability_of_casualty, -std::expm1(-area * rho), 2e-14 * area * rho) << inc_deg;
  }
}

// People only in the band 40-41 deg N, density rho there: E_c = A_c rho f, f = (asin(sin 41/sin i) - asin(sin 40/
// sin i)) / pi; at 90 deg f = 1/180; at 30 deg (below the band) nobody is at risk.
TEST(ExpectedCasualties, OneLatitudeBand) {
  const double rho = 1e-3;
  const PopulationGrid grid = world_grid([&](double south) { return south == 40.0 ? rho : 0.0; });
  const std::vector<SurvivingObject> objects = {{"tank", 50.0, 1.0, 100.0, 1}};
  for (double inc_deg : {41.0, 45.0, 51.6, 97.5, 120.0}) {
    const double si = std::sin(inc_deg * deg);
    const double f = (std::asin(std::min(1.0, std::sin(41 * deg) / si)) - std::asin(std::sin(40 * deg) / si)) / pi;
    const CasualtyRisk risk = uncontrolled_casualty_risk(objects, grid, inc_deg * deg);
    // Rounding only: measured at most 1.01e-14 relative (45 deg).
    EXPECT_NEAR(risk.expected_casualties, 2.56 * rho * f, 2.5e-14 * 2.56 * rho * f) << inc_deg;
  }
  // Measured 8.2e-15 relative.
  EXPECT_NEAR(uncontrolled_casualty_risk(objects, grid, 90 * deg).expected_casualties, 2.56 * rho / 180,
              2e-14 * 2.56 * rho / 180);
  EXPECT_EQ(uncontrolled_casualty_risk(objects, grid, 30 * deg).expected_casualties, 0.0);
  // Inclination 40.5 deg turns inside the band: it spends (pi/2 - asin(sin 40 / sin 40.5)) / pi there.
  const double f_turn = (pi / 2 - std::asin(std::sin(40 * deg) / std::sin(40.5 * deg))) / pi;
  EXPECT_NEAR(impact_weighted_density(grid, 40.5 * deg), rho * f_turn, 1.5e-14 * rho * f_turn);  // 5.2e-15
}

// Inclination 0: the orbit stays on the equator, so the density is the mean of the two rows beside it.
TEST(ExpectedCasualties, EquatorialOrbitSeesTheEquatorBands) {
  const PopulationGrid grid =
      world_grid([](double south) { return south == 0.0 ? 3e-5 : (south == -1.0 ? 1e-5 : 7.0); });
  EXPECT_NEAR(impact_weighted_density(grid, 0.0), 2e-5, 5e-15 * 2e-5);  // measured 2.2e-15 relative
  const PopulationGrid& gpw = PopulationGrid::embedded();
  EXPECT_DOUBLE_EQ(impact_weighted_density(gpw, 0.0), 0.5 * (gpw.band_mean_density(89) + gpw.band_mean_density(90)));
}

// The embedded GPWv4 2020 grid seen from the ISS orbit (i = 51.6 deg): 17.79282 people per km^2 on average where
// its debris can fall (the world average over the whole ellipsoid is 15.62435). Polar orbit: 11.57797. A 1 m^2
// casualty area then means E_c = 1.77928e-5 (1 in 56,202). Grown to 2030 with the UN WPP 2022 factor 1.08933:
// 19.38218. Figures held to their printed precision (docs/validation-risk.md); scripts/population_reference.py (the
// same sums written apart, closed-form zone areas instead of GeographicLib) prints the same to its 9 decimals.
TEST(ExpectedCasualties, IssInclinationOnGpw2020) {
  const PopulationGrid& gpw = PopulationGrid::embedded();
  const double iss = impact_weighted_density(gpw, 51.6 * deg) * 1e6;
  const double polar = impact_weighted_density(gpw, 90 * deg) * 1e6;
  const double world = gpw.total() / ellipsoid_band_area(-pi / 2, pi / 2, 2 * pi) * 1e6;
  RecordProperty("iss_density_per_km2", std::to_string(iss));
  RecordProperty("polar_density_per_km2", std::to_string(polar));
  RecordProperty("world_mean_density_per_km2", std::to_string(world));
  EXPECT_NEAR(iss, 17.79282, 1e-5);
  EXPECT_NEAR(polar, 11.57797, 1e-5);
  EXPECT_NEAR(impact_weighted_density(gpw, 28.5 * deg) * 1e6, 21.81615, 1e-5);
  EXPECT_NEAR(impact_weighted_density(gpw, 97.5 * deg) * 1e6, 11.72419, 1e-5);
  EXPECT_NEAR(impact_weighted_density(gpw, 0.0) * 1e6, 11.65758, 1e-5);
  EXPECT_NEAR(world, 15.62435, 1e-5);
  const double grown = impact_weighted_density(gpw, 51.6 * deg, world_population_growth(2030)) * 1e6;
  EXPECT_NEAR(grown, iss * world_population_growth(2030), 1e-14);  // measured 3.6e-15
  EXPECT_NEAR(grown, 19.38218, 1e-5);
  RecordProperty("iss_2030_density_per_km2", std::to_string(grown));
  const std::vector<SurvivingObject> one = {{"1 m^2", 100.0, std::pow(1.0 - 0.6, 2), 50.0, 1}};
  const double ec = uncontrolled_casualty_risk(one, gpw, 51.6 * deg).expected_casualties;
  RecordProperty("iss_ec_per_m2", std::to_string(ec * 1e5) + "e-5");
  EXPECT_NEAR(ec, 1.77928e-5, 1e-10);
}

// Controlled re-entry: each object counts the density where it lands. Two tanks (2 x 2.56 m^2) in Jakarta's cell
// (36,008,060 people per 12,231.9 km^2), a plate (1.21 m^2) at Point Nemo (NODATA, nobody), a harmless foil in Paris.
TEST(ExpectedCasualties, ControlledImpactPoints) {
  const PopulationGrid& gpw = PopulationGrid::embedded();
  const std::vector<SurvivingObject> objects = {
      {"tank", 50.0, 1.0, 100.0, 2}, {"plate", 2.0, 0.25, 30.0, 1}, {"foil", 0.01, 0.5, 20.0, 100}};
  const std::vector<ImpactPoint> impacts = {
      {-6.2 * deg, 106.8 * deg}, {-48.877 * deg, -123.393 * deg}, {48.86 * deg, 2.35 * deg}};
  const double jakarta = 36008060.0 / gpw.cell_area(96);
  const CasualtyRisk risk = controlled_casualty_risk(objects, impacts, gpw);
  EXPECT_NEAR(risk.casualty_area, 2 * 2.56 + 1.21, 1e-12);
  EXPECT_DOUBLE_EQ(risk.expected_casualties, 2 * 2.56 * jakarta);
  EXPECT_DOUBLE_EQ(risk.density, 2 * 2.56 * jakarta / (2 * 2.56 + 1.21));
  EXPECT_DOUBLE_EQ(risk.probability_of_casualty, -std::expm1(-2 * 2.56 * jakarta));
  EXPECT_DOUBLE_EQ(controlled_casualty_risk(objects, impacts, gpw, 1.5).expected_casualties,
                   1.5 * 2 * 2.56 * jakarta);
  const std::vector<ImpactPoint> two(impacts.begin(), impacts.begin() + 2);
  EXPECT_THROW((void)controlled_casualty_risk(objects, two, gpw), InputError);
}

TEST(ExpectedCasualties, ProbabilityAndErrors) {
  EXPECT_EQ(probability_of_casualty(0), 0.0);
  EXPECT_DOUBLE_EQ(probability_of_casualty(1e-4), 9.99950001666625e-5);  // 1e-4 - 5e-9 + 1.667e-13 - ...
  EXPECT_DOUBLE_EQ(probability_of_casualty(1.0), 1 - std::exp(-1.0));
  EXPECT_THROW((void)probability_of_casualty(-1e-9), InputError);
  EXPECT_THROW((void)probability_of_casualty(std::nan("")), InputError);
  const PopulationGrid& gpw = PopulationGrid::embedded();
  EXPECT_THROW((void)impact_weighted_density(gpw, 51.6 * deg, -1), InputError);
  EXPECT_THROW((void)impact_weighted_density(gpw, std::nan("")), InputError);
}

}  // namespace
}  // namespace deorbit

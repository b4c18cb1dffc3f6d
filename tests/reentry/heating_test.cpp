// Heating correlations against their published constants and against each other; free-molecular heating,
// radiative cooling, the tumbling average factor, mean free path and the Knudsen bridge
// (docs/validation-demise.md, "Correlations").
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/error.h"
#include "deorbit/reentry/heating.h"
#include "deorbit/reentry/rarefaction.h"

namespace deorbit {
namespace {

constexpr double btu = 1055.05585262;  // [J] international table Btu
constexpr double foot = 0.3048;        // [m]

// DKR's 17600 Btu/(ft^1.5 s) converted to SI gives the 110.35e6 W/m^1.5 of the SI form to its five printed digits.
TEST(Heating, DkrConstantIsThePublishedOneInSi) {
  double si = 17600.0 * btu / (foot * foot) * std::sqrt(foot);
  EXPECT_NEAR(si / dkr_constant, 1.0, 4.5e-5);  // half a unit of the fifth digit of 110.35e6
  EXPECT_DOUBLE_EQ(dkr_circular_speed, 26000.0 * foot);
}

TEST(Heating, DkrReferencePointAndScaling) {
  EXPECT_NEAR(stagnation_heat_flux_dkr(sea_level_density, dkr_circular_speed, 1.0), 110.35e6, 1e-6);
  double q = stagnation_heat_flux_dkr(1e-5, 7000.0, 0.5);
  EXPECT_NEAR(stagnation_heat_flux_dkr(4e-5, 7000.0, 0.5) / q, 2.0, 1e-12);             // sqrt(rho)
  EXPECT_NEAR(stagnation_heat_flux_dkr(1e-5, 7000.0, 2.0) / q, 0.5, 1e-12);              // 1/sqrt(R_N)
  EXPECT_NEAR(stagnation_heat_flux_dkr(1e-5, 3500.0, 0.5) / q, std::pow(0.5, 3.15), 1e-12);  // V^3.15
  EXPECT_EQ(stagnation_heat_flux_dkr(0.0, 7000.0, 0.5), 0.0);
}

// The issue asks DKR and Detra-Hidalgo to agree within 1 %. With the same exponents their ratio is a constant,
// 5.16e-5 sqrt(rho_SL) V_c^3.15 / 110.35e6 = 0.990281: 0.97 % apart at every density, speed and radius.
TEST(Heating, DetraHidalgoWithinOnePercentOfDkr) {
  const double expected = detra_hidalgo_constant * std::sqrt(sea_level_density) *
                          std::pow(dkr_circular_speed, 3.15) / dkr_constant;
  EXPECT_NEAR(expected, 0.990281, 1e-6);
  for (double v : {2000.0, 4000.0, 6000.0, 7000.0, 7800.0, 11000.0})
    for (double rho : {1e-7, 1e-5, 1e-3})
      for (double r : {0.01, 0.3, 2.0}) {
        double ratio = stagnation_heat_flux_detra_hidalgo(rho, v, r) / stagnation_heat_flux_dkr(rho, v, r);
        EXPECT_NEAR(ratio, expected, 1e-12);
        EXPECT_LT(std::abs(1.0 - ratio), 0.01);
      }
}

// Sutton-Graves (V^3) against DKR (V^3.15): they cross near 3.3 km/s and SG is 13 % lower at orbital speed. The
// ratio depends on V only; measured values (docs/validation-demise.md) held to 1e-4.
TEST(Heating, SuttonGravesAgainstDkr) {
  EXPECT_NEAR(stagnation_heat_flux_sutton_graves(1e-4, 7000.0, 1.0), 1.7415e-4 * 1e-2 * 343e9, 1e-3);
  struct Row {
    double v, ratio;
  };
  for (const Row& r : {Row{3000, 1.0057}, Row{5000, 0.9315}, Row{7000, 0.8857}, Row{7800, 0.8714}}) {
    for (double rho : {1e-6, 1e-3}) {
      double ratio = stagnation_heat_flux_sutton_graves(rho, r.v, 0.2) / stagnation_heat_flux_dkr(rho, r.v, 0.2);
      EXPECT_NEAR(ratio, r.ratio, 1e-4) << "V = " << r.v;
    }
  }
}

TEST(Heating, FreeMolecularAndRadiation) {
  EXPECT_DOUBLE_EQ(default_accommodation, 1.0);
  EXPECT_NEAR(free_molecular_heat_flux(1e-8, 7800.0), 0.5 * 1e-8 * std::pow(7800.0, 3), 1e-9);
  EXPECT_NEAR(free_molecular_heat_flux(1e-8, 7800.0, 0.8), 0.4 * 1e-8 * std::pow(7800.0, 3), 1e-9);
  EXPECT_THROW((void)free_molecular_heat_flux(1e-8, 7800.0, 1.2), InputError);
  EXPECT_NEAR(radiated_heat_flux(1.0, 1000.0, 0.0), 56703.74419, 1e-5);
  EXPECT_EQ(radiated_heat_flux(0.5, 300.0, 300.0), 0.0);
  EXPECT_LT(radiated_heat_flux(0.5, 200.0, 300.0), 0.0);
  EXPECT_THROW((void)radiated_heat_flux(1.5, 300.0, 300.0), InputError);
  EXPECT_THROW((void)stagnation_heat_flux_dkr(1e-5, 7000.0, 0.0), InputError);
  EXPECT_THROW((void)stagnation_heat_flux_dkr(std::nan(""), 7000.0, 1.0), InputError);
}

// Cauchy: the mean projected area of a convex body over all orientations is a quarter of its surface. Checked by
// quadrature over a Fibonacci sphere for a box and a cylinder, the two shapes whose factor we take as 1/4.
double mean_projection(auto projected, int n = 200000) {
  double sum = 0;
  const double golden = std::numbers::pi * (3.0 - std::sqrt(5.0));
  for (int i = 0; i < n; ++i) {
    double z = 1.0 - (2.0 * i + 1.0) / n, rho = std::sqrt(1.0 - z * z), phi = golden * i;
    sum += projected(rho * std::cos(phi), rho * std::sin(phi), z);
  }
  return sum / n;
}

TEST(Heating, TumblingFactorIsCauchysQuarter) {
  const double a = 0.3, b = 1.1, c = 2.0;
  double box = mean_projection([&](double x, double y, double z) {
    return b * c * std::abs(x) + a * c * std::abs(y) + a * b * std::abs(z);
  });
  EXPECT_NEAR(box / (2.0 * (a * b + b * c + a * c)), tumbling_average_factor(HeatedShape::box), 1e-5);
  const double r = 0.4, len = 1.5;
  double cyl = mean_projection([&](double, double, double z) {
    return std::numbers::pi * r * r * std::abs(z) + 2.0 * r * len * std::sqrt(1.0 - z * z);
  });
  EXPECT_NEAR(cyl / (2.0 * std::numbers::pi * r * (r + len)), tumbling_average_factor(HeatedShape::cylinder), 1e-5);
  EXPECT_EQ(tumbling_average_factor(HeatedShape::sphere), 0.25);
  EXPECT_EQ(tumbling_average_factor(HeatedShape::flat_plate), 0.25);
  EXPECT_EQ(heated_shape_name(HeatedShape::flat_plate), "flat plate");
}

TEST(Heating, ReferenceRadius) {
  EXPECT_EQ(heating_reference_radius(HeatedShape::sphere, 0.2, 0.0), 0.2);
  EXPECT_EQ(heating_reference_radius(HeatedShape::cylinder, 0.3, 5.0), 0.3);
  EXPECT_EQ(heating_reference_radius(HeatedShape::box, 0.8, 0.4), 0.2);
  EXPECT_EQ(heating_reference_radius(HeatedShape::flat_plate, 1.0, 2.0), 0.5);
  EXPECT_THROW((void)heating_reference_radius(HeatedShape::box, 0.8, 0.0), InputError);
}

// US76 Table I prints the sea-level mean free path as 6.6328e-8 m; our formula with our US76 number density.
TEST(Rarefaction, MeanFreePathAtSeaLevelIsUs76s) {
  double lambda = mean_free_path(us_standard_1976(0.0).number_density);
  EXPECT_NEAR(lambda / 6.6328e-8, 1.0, 1e-4);
  EXPECT_NEAR(knudsen_number(us_standard_1976(0.0).number_density, 2.0), lambda / 2.0, 1e-20);
  EXPECT_THROW((void)mean_free_path(0.0), InputError);
  EXPECT_THROW((void)knudsen_number(1e20, -1.0), InputError);
}

TEST(Rarefaction, BridgeLimitsMidpointAndMonotony) {
  EXPECT_EQ(free_molecular_fraction(1e-4), 0.0);
  EXPECT_EQ(free_molecular_fraction(0.01), 0.0);
  EXPECT_EQ(free_molecular_fraction(10.0), 1.0);
  EXPECT_EQ(free_molecular_fraction(1e3), 1.0);
  EXPECT_NEAR(free_molecular_fraction(std::sqrt(0.1)), 0.5, 1e-12);  // geometric mean of 0.01 and 10
  double previous = 0;
  for (double lg = -2.0; lg <= 1.0; lg += 0.01) {
    double f = free_molecular_fraction(std::pow(10.0, lg));
    EXPECT_GE(f, previous - 1e-15);
    previous = f;
  }
  EXPECT_NEAR(free_molecular_fraction(0.0100001), 0.0, 1e-10);  // continuous at both ends
  EXPECT_NEAR(free_molecular_fraction(9.99999), 1.0, 1e-10);
  EXPECT_NEAR(bridge(10.0, 2.0, std::sqrt(0.1)), 6.0, 1e-12);
  EXPECT_THROW((void)free_molecular_fraction(std::nan("")), InputError);
}

}  // namespace
}  // namespace deorbit

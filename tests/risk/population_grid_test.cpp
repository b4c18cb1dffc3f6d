#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/risk/population_grid.h"

namespace deorbit {
namespace {

using constants::deg;
using constants::pi;

// The zone area of the WGS84 ellipsoid in closed form (e.g. Snyder, Map Projections: A Working Manual, eq. 3-12):
// A = (b^2 dlon / 2) [q(phi2) - q(phi1)], q = sin/(1 - e^2 sin^2) + atanh(e sin)/e. Independent of GeographicLib.
double zone_area(double south, double north, double dlon) {
  const double a = constants::wgs84_a, f = constants::wgs84_f;
  const double b = a * (1 - f), e = std::sqrt(f * (2 - f));
  auto q = [&](double phi) {
    const double s = std::sin(phi);
    return s / (1 - e * e * s * s) + std::atanh(e * s) / e;
  };
  return 0.5 * b * b * dlon * (q(north) - q(south));
}

TEST(PopulationGrid, CellAreasOnTheEllipsoid) {
  // Whole ellipsoid: 5.10065622e14 m^2 (NIMA TR8350.2 table 3.3, to its printed digits); the closed form gives
  // 510,065,621,724,088.5 m^2 (measured difference 0.06 m^2).
  const double whole = zone_area(-pi / 2, pi / 2, 2 * pi);
  EXPECT_NEAR(ellipsoid_band_area(-pi / 2, pi / 2, 2 * pi), 5.10065622e14, 0.5e6);
  EXPECT_NEAR(ellipsoid_band_area(-pi / 2, pi / 2, 2 * pi), whole, 0.2);
  // Every 1 deg cell: measured at most 8.2e-13 relative (the closed form loses digits near the poles).
  for (double lat = -90; lat < 90; lat += 1) {
    const double want = zone_area(lat * deg, (lat + 1) * deg, deg);
    EXPECT_NEAR(ellipsoid_band_area(lat * deg, (lat + 1) * deg, deg), want, 2e-12 * want) << lat;
  }
  const PopulationGrid& grid = PopulationGrid::embedded();
  double sum = 0;
  for (int row = 0; row < grid.rows(); ++row) sum += grid.cell_area(row) * grid.columns();
  EXPECT_NEAR(sum, whole, 0.5);  // measured 0.19 m^2
}

// GPWv4 rev. 11 2020 at 1 deg: the sum of all valid cells (7,969,444,595 people, as the reference set's provenance
// notes: 7.969e9; not UN-adjusted: 1.2 % above the UN WPP 2022 world total for the end of 2020, 7.877e9), 45,697
// NODATA cells.
TEST(PopulationGrid, EmbeddedGpwTotals) {
  const PopulationGrid& grid = PopulationGrid::embedded();
  EXPECT_EQ(grid.columns(), 360);
  EXPECT_EQ(grid.rows(), 180);
  EXPECT_EQ(grid.west_deg(), -180.0);
  EXPECT_EQ(grid.south_deg(), -90.0);
  EXPECT_EQ(grid.cell_size_deg(), 1.0);
  EXPECT_EQ(grid.nodata_cells(), 45697);
  // Against scripts/population_reference.py (math.fsum of the same file's values, 7,969,444,595.153689): measured
  // difference 3e-6 (summation order).
  EXPECT_NEAR(grid.total(), 7969444595.153689, 1e-5);
  RecordProperty("world_population", std::to_string(grid.total()));
}

// The fullest cell, 6-7 deg S, 106-107 deg E (Jakarta): 36,008,060 people in 12,231.9 km^2, 2,943.8 per km^2.
// Paris's cell (48-49 N, 2-3 E) holds 11,314,650.
TEST(PopulationGrid, KnownCells) {
  const PopulationGrid& grid = PopulationGrid::embedded();
  EXPECT_EQ(grid.count(96, 286), 36008060.0);
  // scripts/population_reference.py (closed-form zone area: 12,231,894,922.623604 m^2, 2,943.7842809948 per km^2):
  // measured differences 1.1e-5 m^2 and 4e-11 per km^2. The bound on the area is the closed form's own rounding
  // (two ways of evaluating it differ by 2.3e-4 m^2).
  EXPECT_NEAR(grid.cell_area(96), 12231894922.623604, 1e-3);
  EXPECT_NEAR(grid.density(-6.2 * deg, 106.8 * deg) * 1e6, 2943.7842809948, 2e-10);
  EXPECT_EQ(grid.count(41, 182), 11314650.0);
  EXPECT_DOUBLE_EQ(grid.density(48.86 * deg, 2.35 * deg), 11314650.0 / grid.cell_area(41));
  // Longitudes wrap: 2.35 deg E is 357.65 deg W.
  EXPECT_EQ(grid.density(48.86 * deg, -357.65 * deg), grid.density(48.86 * deg, 2.35 * deg));
  // Point Nemo is ocean: NODATA, nobody.
  EXPECT_FALSE(grid.has_data(138, 56));
  EXPECT_EQ(grid.density(-48.877 * deg, -123.393 * deg), 0.0);
}

std::filesystem::path write(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("deorbit_population_" + name + ".asc");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// A 2 x 3 grid of 10 deg cells over 0-30 E, 40-60 N; NODATA in one cell; CRLF line endings; a value wrapped onto
// the next line, as the format allows; a comment.
TEST(PopulationGrid, SmallGridNodataAndBoundaries) {
  const std::string text =
      "# a test grid\r\nNCOLS 3\r\nnrows 2\r\nxllcorner 0\r\nyllcorner 40\r\ncellsize 10\r\nNODATA_value -1\r\n"
      "100 -1 300\r\n400 500\r\n600\r\n";
  PopulationGrid grid = PopulationGrid::read(write("small", text));
  EXPECT_EQ(grid.total(), 1900.0);
  EXPECT_EQ(grid.nodata_cells(), 1);
  EXPECT_FALSE(grid.has_data(0, 1));
  EXPECT_EQ(grid.count(0, 1), 0.0);
  EXPECT_EQ(grid.density(55 * deg, 15 * deg), 0.0);
  EXPECT_EQ(grid.density(55 * deg, 5 * deg), 100.0 / grid.cell_area(0));
  // Boundaries go to the cell north and east: 50 N is row 0, 10 E is column 1, 20 E column 2.
  EXPECT_EQ(grid.density(50 * deg, 20 * deg), 300.0 / grid.cell_area(0));
  EXPECT_EQ(grid.density(40 * deg, 0 * deg), 400.0 / grid.cell_area(1));  // southern edge of the last row
  EXPECT_EQ(grid.density(45 * deg, 30 * deg), 600.0 / grid.cell_area(1));  // eastern edge of the last column
  // Outside: nobody.
  EXPECT_EQ(grid.density(39.9 * deg, 5 * deg), 0.0);
  EXPECT_EQ(grid.density(45 * deg, 31 * deg), 0.0);
  EXPECT_EQ(grid.density(45 * deg, -5 * deg), 0.0);
  // Longitude means over the whole 360 deg band: row 0 holds 400 people over its band.
  EXPECT_DOUBLE_EQ(grid.band_mean_density(0), 400.0 / ellipsoid_band_area(50 * deg, 60 * deg, 2 * pi));
  // xllcenter / yllcenter name the centre of the corner cell.
  PopulationGrid centred = PopulationGrid::parse(
      "ncols 3\nnrows 2\nxllcenter 5\nyllcenter 45\ncellsize 10\n1 2 3\n4 5 6\n", "centred.asc");
  EXPECT_EQ(centred.west_deg(), 0.0);
  EXPECT_EQ(centred.south_deg(), 40.0);
  EXPECT_EQ(centred.nodata_cells(), 0);
}

void expect_error(const std::string& text, const std::string& where, const std::string& field) {
  try {
    (void)PopulationGrid::parse(text, "bad.asc");
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(where), std::string::npos) << message;
    EXPECT_NE(message.find(field), std::string::npos) << message;
  }
}

TEST(PopulationGrid, ErrorsNameFileLineAndField) {
  const std::string header = "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\nNODATA_value -9999\n";
  expect_error(header + "1 2\n3 x\n", "bad.asc:8:3", "value (row 2, column 2)");
  expect_error(header + "1 2\n3 -5\n", "bad.asc:8:3", "value (row 2, column 2)");
  expect_error(header + "1 2\n3 nan\n", "bad.asc:8:3", "value (row 2, column 2)");
  expect_error("# comment lines count\n# as lines\n" + header + "1 2\n3 x\n", "bad.asc:10:3",
               "value (row 2, column 2)");
  expect_error(header + "1 2\n3\n", "bad.asc:", "values");
  expect_error(header + "1 2\n3 4\n5\n", "bad.asc:9:1", "values");
  expect_error("ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\n1 2\n3 4\n", "bad.asc:5", "cellsize");
  expect_error("ncols 2.5\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n3 4\n", "bad.asc:1", "ncols");
  expect_error("ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize abc\n1 2\n3 4\n", "bad.asc:5:10", "cellsize");
  expect_error("ncols 2\nnrows 2\nxllcorner 0\nyllcorner 89\ncellsize 1\n1 2\n3 4\n", "bad.asc:4", "yllcorner");
  expect_error("ncols 400\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n", "bad.asc:1", "ncols");
  expect_error("ncols 2\nrows 2\n", "bad.asc:2:1", "header");
  expect_error("ncols 2\nncols 2\n", "bad.asc:2:1", "ncols");
  EXPECT_THROW((void)PopulationGrid::read("/nonexistent/population.asc"), InputError);
  // Grids built in memory: as many counts as cells, within the globe, finite.
  EXPECT_THROW((void)PopulationGrid::from_counts(2, 2, 0, 0, 1, {1, 2, 3}), InputError);
  EXPECT_THROW((void)PopulationGrid::from_counts(2, 2, 0, 89.5, 1, {1, 2, 3, 4}), InputError);
  EXPECT_THROW((void)PopulationGrid::from_counts(2, 2, 0, 0, 1, {1, 2, 3, INFINITY}), InputError);
  EXPECT_EQ(PopulationGrid::from_counts(2, 2, 0, 0, 1, {1, -9999, 3, 4}).nodata_cells(), 1);
}

// UN WPP 2022 medium variant world population relative to 2020 (P_2020 = 7,876,944 thousand at the end of 2020 from
// the 2022 figure and the 2021-2022 growth rates): 1 in 2020; 8,580,559 / 7,876,944 = 1.08933 in 2030; the peak,
// 10,431,046 in 2085, 1.32425; linear between tabulated years.
TEST(PopulationGrid, WorldPopulationGrowth) {
  EXPECT_EQ(world_population_growth(2020), 1.0);
  EXPECT_NEAR(world_population_growth(2030), 1.08933, 5e-6);  // to the printed digits
  EXPECT_NEAR(world_population_growth(2085), 1.32425, 5e-6);
  EXPECT_NEAR(world_population_growth(2032.5),
              0.5 * (world_population_growth(2030) + world_population_growth(2035)), 5e-16);  // measured 2.2e-16
  EXPECT_GT(world_population_growth(2031), world_population_growth(2030));
  EXPECT_LT(world_population_growth(2100), world_population_growth(2085));
  EXPECT_THROW((void)world_population_growth(2019.9), InputError);
  EXPECT_THROW((void)world_population_growth(2100.1), InputError);
  EXPECT_THROW((void)world_population_growth(std::nan("")), InputError);
}

}  // namespace
}  // namespace deorbit

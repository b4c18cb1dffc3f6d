// PopulationGrid: people per cell on a latitude/longitude grid, read from an ESRI ASCII grid (the format of GPWv4
// "Population Count"; any cell size). The embedded grid is GPWv4 rev. 11 population count for 2020 at 1 deg
// (CIESIN 2018, NASA SEDAC, doi:10.7927/H4JW8BX5, CC BY 4.0): data/gpw_v4_population_count_rev11_2020_1_deg.asc, the
// distributed file unchanged under '#' comment lines that name its source and licence.
//
// Densities are count / cell area, the area of the cell on the WGS84 ellipsoid (exact, through the authalic latitude:
// area = R_q^2 * dlon * (sin xi_north - sin xi_south), R_q the authalic radius, GeographicLib::Ellipsoid). The
// population is taken as uniform within a cell. NODATA cells (GPW's oceans and ice) hold nobody; so does every place
// outside the grid.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace deorbit {

class PopulationGrid {
 public:
  //! The embedded GPWv4 2020 1 deg grid (parsed once per process, thread-safe).
  static const PopulationGrid& embedded();
  //! An ESRI ASCII grid: header keys ncols, nrows, xllcorner|xllcenter, yllcorner|yllcenter, cellsize and an
  //! optional NODATA_value (default -9999; any case, any order), then nrows x ncols values, first row northernmost,
  //! first column westernmost (values may wrap across lines; CRLF or LF). '#' starts a comment to the end of the
  //! line (an extension of the format). Throws InputError naming file, line and field for a missing or bad header
  //! value, a grid reaching beyond +-90 deg latitude or wider than 360 deg, a value that is not a number, negative
  //! (other than NODATA) or non-finite, and too few or too many values.
  static PopulationGrid parse(std::string_view text, const std::string& source);
  static PopulationGrid read(const std::filesystem::path& path);
  //! A grid from counts in memory, row-major, first row northernmost; negative counts mean NODATA.
  static PopulationGrid from_counts(int columns, int rows, double west_deg, double south_deg, double cell_size_deg,
                                    std::vector<double> counts);

  [[nodiscard]] int columns() const { return columns_; }
  [[nodiscard]] int rows() const { return rows_; }
  [[nodiscard]] double west_deg() const { return west_deg_; }
  [[nodiscard]] double south_deg() const { return south_deg_; }
  [[nodiscard]] double cell_size_deg() const { return cell_deg_; }
  [[nodiscard]] double north_deg() const { return south_deg_ + rows_ * cell_deg_; }

  [[nodiscard]] bool has_data(int row, int column) const;  //!< false for NODATA cells
  [[nodiscard]] double count(int row, int column) const;   //!< people in the cell, 0 for NODATA
  [[nodiscard]] double total() const { return total_; }    //!< people in the whole grid
  [[nodiscard]] int nodata_cells() const { return nodata_; }
  //! [m^2] area on the WGS84 ellipsoid of a cell of the given row (row 0 northernmost).
  [[nodiscard]] double cell_area(int row) const;
  //! [1/m^2] people per square metre at (lat, lon) [rad]: count / area of the cell holding the point; 0 in NODATA
  //! cells and outside the grid. A point on a cell boundary belongs to the cell north or east of it (the last row
  //! and column keep their southern and eastern edges). Longitudes wrap.
  [[nodiscard]] double density(double lat, double lon) const;
  //! [1/m^2] density of row `row` averaged over all longitudes (-180 to 180 deg, columns outside the grid counting
  //! nobody): the row's people / area of the whole latitude band.
  [[nodiscard]] double band_mean_density(int row) const;

 private:
  PopulationGrid() = default;
  void finish(const std::string& source);
  int columns_ = 0, rows_ = 0;
  double west_deg_ = 0, south_deg_ = 0, cell_deg_ = 0;
  std::vector<double> counts_;  // row-major, negative = NODATA
  std::vector<double> row_people_;
  double total_ = 0;
  int nodata_ = 0;
};

//! [m^2] area on the WGS84 ellipsoid between latitudes south and north [rad] over a longitude span dlon [rad].
[[nodiscard]] double ellipsoid_band_area(double south, double north, double dlon);

//! Population growth from 2020 to `year` (decimal year, 2020 to 2100): P(year) / P(2020), P the world population of
//! the UN World Population Prospects 2022, medium variant (as tabulated in the wpp2022 R package, PPgp/wpp2022,
//! data-raw/popprojMed.txt, and its 2021-2022 growth rates for 2020), interpolated linearly between tabulated years.
//! One global factor for every cell: where people live does not move. Throws InputError outside 2020-2100.
[[nodiscard]] double world_population_growth(double year);

}  // namespace deorbit

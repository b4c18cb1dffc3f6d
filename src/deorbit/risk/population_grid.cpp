// References: ESRI ASCII raster format (ncols/nrows/xllcorner/yllcorner/cellsize/NODATA_value header, rows north to
// south); CIESIN (2018), Gridded Population of the World v4 rev. 11, Population Count (doi:10.7927/H4JW8BX5);
// Karney, GeographicLib Ellipsoid (authalic latitude; Area() = 4 pi R_q^2) for cell areas; UN DESA, World Population
// Prospects 2022, medium variant, via the wpp2022 R package (github.com/PPgp/wpp2022, data-raw/popprojMed.txt and
// data-raw/growthrate.txt, growthrateprojMed.txt).
#include "deorbit/risk/population_grid.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>

#include <GeographicLib/Ellipsoid.hpp>
#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/text.h"

namespace deorbit {

using constants::deg;

namespace {

// Walks the text token by token, keeping the line and column of each token for errors.
class Tokens {
 public:
  explicit Tokens(std::string_view text) : text_(text) {}
  struct Token {
    std::string_view text;
    int line = 0, column = 0;
  };
  std::optional<Token> peek() {
    skip_space();
    if (pos_ >= text_.size()) return std::nullopt;
    std::size_t end = pos_;
    while (end < text_.size() && !std::isspace(static_cast<unsigned char>(text_[end]))) ++end;
    return Token{text_.substr(pos_, end - pos_), line_, static_cast<int>(pos_ - line_start_) + 1};
  }
  std::optional<Token> next() {
    auto token = peek();
    if (token) pos_ += token->text.size();
    return token;
  }
  [[nodiscard]] int line() const { return line_; }

 private:
  // Blanks, and '#' comments to the end of their line (the embedded copy names its source in them).
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        continue;
      }
      if (!std::isspace(static_cast<unsigned char>(c))) break;
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
      ++pos_;
    }
  }
  std::string_view text_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
};

[[noreturn]] void fail(const std::string& source, int line, int column, const std::string& field,
                       const std::string& expected, std::string_view found) {
  throw InputError(ParseIssue{source, line, column, field, expected, std::string(found)});
}

const GeographicLib::Ellipsoid& wgs84() {
  static const GeographicLib::Ellipsoid ellipsoid(constants::wgs84_a, constants::wgs84_f);
  return ellipsoid;
}

}  // namespace

double ellipsoid_band_area(double south, double north, double dlon) {
  const GeographicLib::Ellipsoid& e = wgs84();
  // Area() is the whole ellipsoid's, 4 pi R_q^2 (R_q the authalic radius).
  const double rq2 = e.Area() / (4.0 * constants::pi);
  const double xi_n = e.AuthalicLatitude(north / deg) * deg;
  const double xi_s = e.AuthalicLatitude(south / deg) * deg;
  return rq2 * dlon * (std::sin(xi_n) - std::sin(xi_s));
}

PopulationGrid PopulationGrid::parse(std::string_view text, const std::string& source) {
  Tokens tokens(text);
  struct HeaderValue {
    double value = 0;
    int line = 0;
    bool set = false;
  };
  HeaderValue ncols, nrows, xll, yll, cellsize, nodata;
  bool x_center = false, y_center = false;
  const std::string keys = "ncols, nrows, xllcorner or xllcenter, yllcorner or yllcenter, cellsize, NODATA_value";
  while (auto token = tokens.peek()) {
    if (!std::isalpha(static_cast<unsigned char>(token->text.front()))) break;
    tokens.next();
    const std::string key = text::upper(token->text);
    HeaderValue* target = nullptr;
    if (key == "NCOLS") {
      target = &ncols;
    } else if (key == "NROWS") {
      target = &nrows;
    } else if (key == "XLLCORNER" || key == "XLLCENTER") {
      target = &xll;
      x_center = key == "XLLCENTER";
    } else if (key == "YLLCORNER" || key == "YLLCENTER") {
      target = &yll;
      y_center = key == "YLLCENTER";
    } else if (key == "CELLSIZE") {
      target = &cellsize;
    } else if (key == "NODATA_VALUE") {
      target = &nodata;
    } else {
      fail(source, token->line, token->column, "header", "one of the keys " + keys, token->text);
    }
    if (target->set) fail(source, token->line, token->column, std::string(token->text), "each key once", token->text);
    auto value_token = tokens.next();
    if (!value_token || value_token->line != token->line)
      fail(source, token->line, token->column, std::string(token->text), "a number after the key", "");
    auto value = text::parse_double(value_token->text);  // finite or nullopt
    if (!value)
      fail(source, value_token->line, value_token->column, std::string(token->text), "a finite number",
           value_token->text);
    *target = HeaderValue{*value, value_token->line, true};
  }
  const int data_line = tokens.line();
  auto need = [&](const HeaderValue& v, const char* field) {
    if (!v.set) fail(source, data_line, 0, field, "the header key before the values", "");
  };
  need(ncols, "ncols");
  need(nrows, "nrows");
  need(xll, "xllcorner");
  need(yll, "yllcorner");
  need(cellsize, "cellsize");
  auto whole = [&](const HeaderValue& v, const char* field) {
    if (v.value < 1 || v.value != std::floor(v.value) || v.value > 1e9)
      fail(source, v.line, 0, field, "a whole number >= 1", fmt::format("{}", v.value));
    return static_cast<int>(v.value);
  };
  PopulationGrid grid;
  grid.columns_ = whole(ncols, "ncols");
  grid.rows_ = whole(nrows, "nrows");
  if (cellsize.value <= 0) fail(source, cellsize.line, 0, "cellsize", "> 0 degrees", fmt::format("{}", cellsize.value));
  grid.cell_deg_ = cellsize.value;
  grid.west_deg_ = xll.value - (x_center ? 0.5 * cellsize.value : 0.0);
  grid.south_deg_ = yll.value - (y_center ? 0.5 * cellsize.value : 0.0);
  // Cell edges are multiples of the cell size: allow for their decimal rounding (1e-9 deg is 0.1 mm).
  constexpr double slack = 1e-9;
  if (grid.south_deg_ < -90 - slack || grid.north_deg() > 90 + slack)
    fail(source, yll.line, 0, "yllcorner", "rows within -90 to 90 deg latitude",
         fmt::format("{} to {}", grid.south_deg_, grid.north_deg()));
  if (grid.columns_ * grid.cell_deg_ > 360 + slack)
    fail(source, ncols.line, 0, "ncols", "ncols * cellsize <= 360 deg",
         fmt::format("{}", grid.columns_ * grid.cell_deg_));
  const double nodata_value = nodata.set ? nodata.value : -9999.0;

  const std::size_t n = static_cast<std::size_t>(grid.columns_) * static_cast<std::size_t>(grid.rows_);
  grid.counts_.reserve(n);
  while (auto token = tokens.next()) {
    const std::size_t index = grid.counts_.size();
    const std::string field =
        fmt::format("value (row {}, column {})", index / grid.columns_ + 1, index % grid.columns_ + 1);
    if (index >= n)
      fail(source, token->line, token->column, "values", fmt::format("nrows x ncols = {} values", n), token->text);
    auto value = text::parse_double(token->text);  // finite or nullopt
    if (!value) fail(source, token->line, token->column, field, "a number", token->text);
    if (*value == nodata_value) {
      grid.counts_.push_back(-1.0);
    } else {
      if (*value < 0)
        fail(source, token->line, token->column, field,
             fmt::format("a count >= 0 or the NODATA value {}", nodata_value), token->text);
      grid.counts_.push_back(*value);
    }
  }
  if (grid.counts_.size() != n)
    fail(source, tokens.line(), 0, "values",
         fmt::format("nrows x ncols = {} values ({} rows of {})", n, grid.rows_, grid.columns_),
         fmt::format("{} values", grid.counts_.size()));
  grid.finish(source);
  return grid;
}

PopulationGrid PopulationGrid::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the population grid", path.string()));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse(text, path.string());
}

PopulationGrid PopulationGrid::from_counts(int columns, int rows, double west_deg, double south_deg,
                                           double cell_size_deg, std::vector<double> counts) {
  const std::string source = "population grid (in memory)";
  if (columns < 1 || rows < 1 || !(cell_size_deg > 0) ||
      counts.size() != static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows))
    throw InputError(fmt::format("{}: {} x {} cells of {} deg need as many counts, found {}", source, rows, columns,
                                 cell_size_deg, counts.size()));
  if (south_deg < -90 - 1e-9 || south_deg + rows * cell_size_deg > 90 + 1e-9 || columns * cell_size_deg > 360 + 1e-9)
    throw InputError(fmt::format("{}: the grid must lie within -90 to 90 deg latitude and 360 deg longitude", source));
  for (double c : counts)
    if (!std::isfinite(c)) throw InputError(fmt::format("{}: non-finite count", source));
  PopulationGrid grid;
  grid.columns_ = columns;
  grid.rows_ = rows;
  grid.west_deg_ = west_deg;
  grid.south_deg_ = south_deg;
  grid.cell_deg_ = cell_size_deg;
  grid.counts_ = std::move(counts);
  for (double& c : grid.counts_)
    if (c < 0) c = -1.0;
  grid.finish(source);
  return grid;
}

void PopulationGrid::finish(const std::string& /*source*/) {
  row_people_.assign(rows_, 0.0);
  total_ = 0;
  nodata_ = 0;
  for (int r = 0; r < rows_; ++r) {
    double sum = 0;
    for (int c = 0; c < columns_; ++c) {
      const double v = counts_[static_cast<std::size_t>(r) * columns_ + c];
      if (v < 0) ++nodata_;
      else sum += v;
    }
    row_people_[r] = sum;
    total_ += sum;
  }
}

const PopulationGrid& PopulationGrid::embedded() {
  static const PopulationGrid grid = [] {
    constexpr const char* name = "gpw_v4_population_count_rev11_2020_1_deg.asc";
    auto text = embedded_data(name);
    if (!text) throw InputError(fmt::format("population grid: the embedded file {} is missing", name));
    return parse(*text, std::string(name) + " (embedded)");
  }();
  return grid;
}

bool PopulationGrid::has_data(int row, int column) const {
  return counts_.at(static_cast<std::size_t>(row) * columns_ + column) >= 0;
}

double PopulationGrid::count(int row, int column) const {
  return std::max(0.0, counts_.at(static_cast<std::size_t>(row) * columns_ + column));
}

double PopulationGrid::cell_area(int row) const {
  const double north = north_deg() - row * cell_deg_;
  return ellipsoid_band_area((north - cell_deg_) * deg, north * deg, cell_deg_ * deg);
}

double PopulationGrid::density(double lat, double lon) const {
  const double lat_deg = lat / deg;
  if (!std::isfinite(lat_deg) || !std::isfinite(lon)) throw InputError("population density: non-finite position");
  if (lat_deg > north_deg() || lat_deg < south_deg_) return 0.0;
  int row = static_cast<int>(std::floor((north_deg() - lat_deg) / cell_deg_));
  // Boundaries belong to the cell north of them: a point on a row's southern edge is in the row below.
  if ((north_deg() - lat_deg) / cell_deg_ == std::floor((north_deg() - lat_deg) / cell_deg_) && row > 0) --row;
  row = std::clamp(row, 0, rows_ - 1);
  double east = std::fmod(lon / deg - west_deg_, 360.0);
  if (east < 0) east += 360.0;
  if (east > columns_ * cell_deg_) return 0.0;
  const int column = std::clamp(static_cast<int>(std::floor(east / cell_deg_)), 0, columns_ - 1);
  const double people = counts_[static_cast<std::size_t>(row) * columns_ + column];
  return people < 0 ? 0.0 : people / cell_area(row);
}

double PopulationGrid::band_mean_density(int row) const {
  const double north = north_deg() - row * cell_deg_;
  return row_people_.at(row) / ellipsoid_band_area((north - cell_deg_) * deg, north * deg, constants::two_pi);
}

double world_population_growth(double year) {
  // World population [thousands] at the end of each year (UN WPP 2022 medium variant; the wpp2022 package's
  // columns, whose yearly growth rates r_Y = ln(P_Y / P_{Y-1}) it also lists). 2020 is not in the projection
  // table: P_2020 = P_2022 exp(-(r_2021 + r_2022)) with r_2021 = 0.818 % (growthrate.txt) and r_2022 = 0.839 %
  // (growthrateprojMed.txt).
  struct Point {
    double year, thousands;
  };
  static constexpr double p2022 = 8008551.995;
  static const std::array<Point, 24> table = {{
      {2020, p2022 * std::exp(-(0.818 + 0.839) / 100.0)},
      {2022, p2022},
      {2023, 8082070.9},
      {2024, 8155601.099},
      {2025, 8228375.807},
      {2026, 8300353.212},
      {2027, 8371602.13},
      {2028, 8442055.453},
      {2029, 8511723.329},
      {2030, 8580559.324},
      {2035, 8911563.741},
      {2040, 9217753.531},
      {2045, 9493742.512},
      {2050, 9731543.492},
      {2055, 9926097.169},
      {2060, 10081944.767},
      {2065, 10207386.483},
      {2070, 10305921.656},
      {2075, 10376909.097},
      {2080, 10417527.736},
      {2085, 10431045.663},
      {2090, 10421812.683},
      {2095, 10392611.49},
      {2100, 10343643.659},
  }};
  if (!std::isfinite(year) || year < table.front().year || year > table.back().year)
    throw InputError(
        fmt::format("population growth: year {} is outside the UN WPP 2022 projection, 2020 to 2100", year));
  auto upper = std::upper_bound(table.begin(), table.end(), year, [](double y, const Point& p) { return y < p.year; });
  if (upper == table.end()) return table.back().thousands / table.front().thousands;
  const Point& b = *upper;
  const Point& a = *(upper - 1);
  const double p = a.thousands + (b.thousands - a.thousands) * (year - a.year) / (b.year - a.year);
  return p / table.front().thousands;
}

}  // namespace deorbit

// Helpers shared by the NRLMSISE-00 tests: CSV oracles of tests/data and Orekit's conventions.
#pragma once

#include <erfa.h>

#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "deorbit/atmosphere/atmosphere.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/text.h"
#include "support/test_data.h"

namespace deorbit::testing {

using Row = std::map<std::string, std::string>;

inline std::vector<Row> read_csv(const std::string& relative) {
  std::ifstream in(testing::test_data(relative));
  std::string line;
  std::getline(in, line);
  const auto header = text::split_csv(line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (text::trim(line).empty()) continue;
    const auto f = text::split_csv(line);
    Row r;
    for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) r[header[i]] = f[i];
    rows.push_back(std::move(r));
  }
  return rows;
}

inline double num(const Row& r, const std::string& key) { return std::stod(r.at(key)); }

// Half a unit in the last printed place of a value printed with `digits` significant digits.
inline double half_ulp(double printed, int digits) {
  if (printed == 0) return 0;
  const double e = std::floor(std::log10(std::fabs(printed)));
  return 0.5 * std::pow(10.0, e - (digits - 1));
}

// Half a unit in the last place of a number as printed ("9.980E+03", "297.7", "909").
inline double half_printed_ulp(const std::string& text) {
  const auto e = text.find_first_of("eE");
  const std::string mantissa = text.substr(0, e);
  const auto dot = mantissa.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  const int exponent = e == std::string::npos ? 0 : std::stoi(text.substr(e + 1));
  return 0.5 * std::pow(10.0, exponent - decimals);
}

inline int day_of_year(int y, int m, int d) {
  static const int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return before[m - 1] + d + (m > 2 && leap ? 1 : 0);
}

// Orekit 13.1 NRLMSISE00 (getDensity, gtd7d) at 10 points of its ISS case C. Orekit's conventions
// (tests/data/orekit-reference/README.md and Orekit's source): day of year and seconds of day in UT1, local
// solar time from the angle between the satellite and the Sun (DE405) projected on the equator of the frame
// handed to it (GCRF), switch 9 = 1 with the daily Ap. The Sun here is ERFA's eraEpv00 (within a few km of DE405).
struct OrekitSample {
  Row row;
  Epoch epoch;
  double lst = 0;
};

inline std::vector<OrekitSample> orekit_samples() {
  std::map<std::string, Vec3> positions;
  for (const Row& r : read_csv("orekit-reference/iss_caseC.csv"))
    positions[r.at("epoch_utc")] = Vec3(num(r, "x_m"), num(r, "y_m"), num(r, "z_m"));
  std::vector<OrekitSample> out;
  for (const Row& r : read_csv("orekit-reference/iss_caseC_nrlmsise00_density_samples.csv")) {
    OrekitSample s;
    s.row = r;
    s.epoch = Epoch::from_iso(r.at("epoch_utc"));
    const Vec3 p = positions.at(r.at("epoch_utc"));
    const JulianDate tt = s.epoch.jd(TimeScale::TT);
    double pvh[2][3], pvb[2][3];
    eraEpv00(tt.whole, tt.fraction, pvh, pvb);  // heliocentric Earth, ICRS axes, au (TDB ~ TT here)
    const double sx = -pvh[0][0], sy = -pvh[0][1];
    s.lst = (constants::pi + std::atan2(sx * p.y() - sy * p.x(), sx * p.x() + sy * p.y())) * 12.0 / constants::pi;
    out.push_back(s);
  }
  return out;
}


}  // namespace deorbit::testing

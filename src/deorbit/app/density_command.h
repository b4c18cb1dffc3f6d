// `deorbit density`: one atmosphere model at one place and time, printed as one JSON object.
#pragma once

#include <cmath>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace deorbit::app {

struct DensityOptions {
  std::string model = "nrlmsise00";  // nrlmsise00, us76 or exponential
  std::string epoch;                 // ISO 8601 UTC
  double lat_deg = NAN;              // [deg] geodetic latitude
  double lon_deg = NAN;              // [deg] east longitude
  double alt_km = NAN;               // [km] geodetic height
  double f107 = NAN, f107a = NAN, ap = NAN;  // constant activity; all three or none
  std::string space_weather_file;    // CelesTrak SW-All.csv or SpaceWeather-All.txt; empty = embedded table
  std::string eop_file;              // CelesTrak EOP-All; empty = none (UT1 = UTC)
  bool ap_history = false;           // NRLMSISE-00 with the 3-hourly ap history (switch 9 = -1)
};

//! Registers the subcommand and its options on the app; the callback runs it and sets exit_code.
void add_density_command(CLI::App& app, DensityOptions& options, int& exit_code);

//! Runs the command, writing the JSON object (and a newline) to `out`. Returns 0; throws InputError on bad input.
int run_density(const DensityOptions& options, std::ostream& out);

}  // namespace deorbit::app

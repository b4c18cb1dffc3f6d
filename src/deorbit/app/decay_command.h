// `deorbit decay`: natural decay and re-entry prediction of one object from its element sets (drag fit, nominal
// re-entry, ensemble window), as text, JSON or a CCSDS RDM; lifetime mode for long-lived objects.
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace deorbit::app {

struct DecayOptions {
  std::string tle_file, omm_file;  // at most one; none = the embedded ISS element set
  std::optional<unsigned long> norad;
  std::string space_weather_file;  // empty = the embedded table
  std::string eop_file;            // empty = none (UT1 = UTC, no polar motion)
  std::optional<int> ensemble;     // members (default 100; 1 in lifetime mode)
  std::string as_of;               // ISO 8601 UTC; empty = everything in the files
  std::string format = "text";     // text, json, rdm
  std::string output;              // empty = stdout
  std::optional<double> mass, area, cd;  // [kg], [m^2], [-]
  int threads = 1;
  double horizon_days = 0;         // 0 = 120 d (3650 d in lifetime mode)
  double horizon_limit_days = 0;   // 0 = 3650 d (in lifetime mode: the horizon, no extension)
  std::string sun_moon = "auto";   // auto (by the orbit), on, off
  bool lifetime = false;
  std::string history_file;        // CSV of the altitude history
  std::string plot_file;           // altitude against time, .png or .svg
  std::string geojson_file;        // final ground track, re-entry point and window
  bool strict = false;
  bool no_progress = false;
};

//! Registers the subcommand; its callback runs it and sets exit_code.
void add_decay_command(CLI::App& app, DecayOptions& options, int& exit_code);

//! Runs the command. Returns 0 (also when nothing re-enters before the horizon: the output says so). Throws
//! InputError on bad input.
int run_decay(const DecayOptions& options);

}  // namespace deorbit::app

// `deorbit propagate`: an ephemeris of one object from an element set (SGP4) or a state vector (two-body).
#pragma once

#include <optional>
#include <string>

#include "deorbit/app/catalogue_command.h"

namespace CLI {
class App;
}

namespace deorbit::app {

struct PropagateOptions {
  std::string tle_file, omm_file, opm_file;  // at most one; none = the embedded ISS element set
  std::optional<unsigned long> norad;
  std::string name;
  std::string from, to;  // ISO 8601 UTC; empty = element epoch / one revolution later
  double step = 60.0;    // [s]
  std::string frame = "gcrf";
  std::string format = "csv";
  std::string output;    // empty = stdout
  std::string eop_file;  // CelesTrak EOP-All; empty = none (UT1 = UTC, no polar motion)
  bool strict = false;
  bool numerical = false;          // --numerical: the numerical propagator instead of SGP4 / two-body
  std::string forces_file;         // --forces FILE.yaml (numerical); empty = EGM96 20x20 only
  std::string space_weather_file;  // --space-weather FILE (numerical, for drag)
  CatalogueOptions catalogue;  // --catalogue FILE: batch sweep of a whole catalogue (catalogue_command.h)
};

//! Registers the subcommand and its options on the app; the callback runs it and sets exit_code.
void add_propagate_command(CLI::App& app, PropagateOptions& options, int& exit_code);

//! Runs the command. Returns the process exit code: 0, or 3 when the object decayed before the stop time (the
//! ephemeris then ends at the last valid state). Throws InputError on bad input.
int run_propagate(const PropagateOptions& options);

}  // namespace deorbit::app

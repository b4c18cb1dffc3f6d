// `deorbit demise`: one spacecraft's object tree flown from an entry state to the ground (heating, melting,
// release), the surviving objects' casualty areas and, given the orbit's inclination, the expected casualties of an
// uncontrolled re-entry; demise.json, altitude and temperature plots, a summary on the terminal (docs/demise.md).
#pragma once

#include <optional>
#include <string>

#include "deorbit/reentry/heating.h"

namespace CLI {
class App;
}

namespace deorbit::app {

struct DemiseOptions {
  std::string objects_file;
  // The entry state; each overrides the objects file's `entry` mapping, which overrides the defaults.
  std::optional<double> entry_altitude_km;      // default 122
  std::optional<double> entry_speed_mps;        // default: circular inertial speed less the Earth's rotation
  std::optional<double> flight_path_angle_deg;  // default -0.1
  std::optional<double> latitude_deg;           // default 0
  std::optional<double> longitude_deg;          // default 0
  std::optional<double> azimuth_deg;            // default: from the inclination, else 90
  // The orbit (at most one): its inclination gives the uncontrolled expected casualties.
  std::optional<double> inclination_deg;
  std::string tle_file, omm_file, opm_file;
  std::string population_file;    // empty: the embedded GPWv4 2020 1 deg grid
  std::optional<double> year;     // re-entry year for the population growth; default: the orbit's epoch, else now
  double oxidation_factor = default_oxidation_factor;
  double sample_interval = 1.0;   // [s] of the plotted histories
  std::string plot_format = "svg";
  std::string output_dir = "demise-out";
};

//! Registers the subcommand; its callback runs it and sets exit_code.
void add_demise_command(CLI::App& app, DemiseOptions& options, int& exit_code);

//! Runs the command: writes demise.json and the plots into the output folder and prints the summary. Returns 0.
//! Throws InputError on bad input (file, line and key for the objects file).
int run_demise(const DemiseOptions& options);

}  // namespace deorbit::app

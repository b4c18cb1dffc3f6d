// `deorbit propagate --catalogue FILE`: a whole catalogue of element sets swept with the batch SGP4 path
// (sgp4/sgp4_batch.h) and written as compact CSV or as the binary format of docs/catalogue-format.md.
#pragma once

#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace deorbit::app {

struct CatalogueOptions {
  std::string file;                  // --catalogue: TLE or OMM (KVN, XML, JSON, CSV), told apart by content
  unsigned threads = 0;              // --threads; 0 = all hardware threads
  std::string precision = "double";  // --precision: double or float (binary output)
  // Shared with `deorbit propagate` (copied from its options before the run):
  std::string from, to;              // ISO 8601 UTC; empty = latest element epoch / one day later
  double step = 60.0;                // [s]
  std::string format = "csv";        // csv or binary
  std::string output;                // empty = stdout (CSV only)
  std::string frame = "teme";        // only teme
  bool strict = false;
};

//! Registers --catalogue, --threads and --precision on the propagate subcommand and appends the catalogue mode to
//! its help. Returns the --catalogue option (for excludes()).
CLI::Option* add_catalogue_options(CLI::App& propagate, CatalogueOptions& options);

//! Runs the sweep. Returns 0 (per-state outcomes, decay included, are in the output's status column, and counted
//! on stderr). Throws InputError on bad input.
int run_catalogue(const CatalogueOptions& options);

}  // namespace deorbit::app

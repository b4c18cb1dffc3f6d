// `deorbit data`: the data sets the program uses (list), current public data into the user's cache (update), and
// where that cache is (path). docs/data.md.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace deorbit::app {

struct DataOptions {
  std::string cache_dir;             // --cache; empty = DEORBIT_CACHE_DIR, XDG_CACHE_HOME/deorbit, ~/.cache/deorbit
  std::string format = "text";       // list: text or json
  bool space_weather = false;        // update: SW-All.csv
  bool eop = false;                  // update: EOP-All.csv
  std::vector<unsigned long> norad;  // update: element sets of these catalogue numbers
  std::vector<std::string> groups;   // update: element sets of these CelesTrak groups
  std::string source_url;            // update: base URL (default DEORBIT_DATA_URL, else https://celestrak.org)
  double timeout = 120;              // [s] update: one attempt, connect and transfer
  int retries = 3;
  bool force = false;  // update: download even a file written less than an hour ago                   // update:
                       // further attempts after a transient failure
};

//! Registers `data` and its subcommands path, list and update; their callbacks set exit_code.
void add_data_command(CLI::App& app, DataOptions& options, int& exit_code);

}  // namespace deorbit::app

// `deorbit data list`: every data set the program uses, embedded or cached, with what it is, where it comes from,
// what it covers, its age, its SHA-256, and the commands that use it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "deorbit/datasets/coverage.h"

namespace deorbit::datasets {

struct DataSetEntry {
  std::string name;     //!< file name (cached element sets: gp/NAME)
  bool cached = false;  //!< in the cache folder (else compiled into the program from data/)
  bool missing = false;  //!< neither cached nor embedded (the EOP before `deorbit data update`): not in use
  std::string what;
  std::string source;
  std::string location;      //!< the cache file's path, or "embedded (data/NAME)"
  bool time_series = false;  //!< has a coverage in time (space weather, EOP, element sets)
  bool element_sets = false;
  Coverage coverage;
  std::optional<double> age_days;  //!< [d] today minus the last observed day or newest epoch (time series only)
  bool stale = false;              //!< older than its threshold (resolve.h); embedded tables have no threshold
  bool in_use = true;              //!< false when a cached file takes its place by default
  std::size_t bytes = 0;
  std::string sha256;
  std::string used_by;  //!< the commands that read it
  std::string error;    //!< a cached file the program cannot read: the reader's message
};

//! The embedded data sets, then those in the cache folder (which need not exist). `now_mjd` is today's UTC MJD.
[[nodiscard]] std::vector<DataSetEntry> list_data_sets(const std::filesystem::path& cache, double now_mjd);

}  // namespace deorbit::datasets

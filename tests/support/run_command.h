// Runs the built `deorbit` command for end-to-end tests: its exit code, standard output and standard error.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace deorbit::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  //!< standard output
  std::string err;  //!< standard error
};

//! Runs `deorbit ARGS` through the shell (ARGS is shell text: quote names with spaces).
CommandResult run_deorbit(const std::string& args);

//! The cache folder of `deorbit data` that every command run by this test process sees (DEORBIT_CACHE_DIR, set
//! when the process starts, before any test): private to the process and empty, so that data a user downloaded
//! with `deorbit data update` cannot change a test's figures. DEORBIT_DATA_URL is unset for the same reason.
const std::string& private_cache_dir();

//! Sets (or with nullptr unsets) an environment variable of this process, and so of the commands it runs, until
//! the object is destroyed: e.g. a test's own DEORBIT_CACHE_DIR.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const char* value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

//! The lines of a text, without their newlines.
std::vector<std::string> lines_of(const std::string& text);

//! Writes content to a file of that name in the test temporary folder (unique per process) and returns its path.
std::string write_temp_file(const std::string& name, const std::string& content);

//! A folder path NAME in the test temporary folder, unique per process, removed if it exists (for -o of a command).
std::string fresh_output_dir(const std::string& name);

//! The text of a file of the source tree (an example scenario), path relative to the source folder, with each `from`
//! replaced by `to`. Each must occur exactly once, so that a changed file fails the test instead of silently running
//! something else; throws std::runtime_error otherwise.
std::string edited_source_file(const std::string& relative,
                               const std::vector<std::pair<std::string, std::string>>& edits);

//! The JSON document in a file (a command's report).
nlohmann::json read_json_file(const std::string& path);

}  // namespace deorbit::testing

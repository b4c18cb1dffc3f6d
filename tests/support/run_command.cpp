#include "support/run_command.h"

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "support/test_data.h"

namespace deorbit::testing {
namespace {

// Made when the test process starts (a static object of every test executable): the folder is created empty and
// removed at exit; children of the process (popen, fork, mpirun) inherit the environment.
struct PrivateCache {
  pid_t owner = getpid();
  std::string dir;
  PrivateCache() : dir(::testing::TempDir() + "/deorbit_test_cache_" + std::to_string(getpid())) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir, ec);
    setenv("DEORBIT_CACHE_DIR", dir.c_str(), 1);
    unsetenv("DEORBIT_DATA_URL");
  }
  ~PrivateCache() {
    if (getpid() != owner) return;  // a forked child that exits (death tests) leaves the parent's folder alone
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};
const PrivateCache private_cache;

}  // namespace

const std::string& private_cache_dir() { return private_cache.dir; }

ScopedEnv::ScopedEnv(std::string name, const char* value) : name_(std::move(name)) {
  if (const char* v = std::getenv(name_.c_str())) {
    had_ = true;
    old_ = v;
  }
  if (value) setenv(name_.c_str(), value, 1);
  else unsetenv(name_.c_str());
}

ScopedEnv::~ScopedEnv() {
  if (had_) setenv(name_.c_str(), old_.c_str(), 1);
  else unsetenv(name_.c_str());
}

CommandResult run_deorbit(const std::string& args) {
  // One stderr file per process and call: ctest runs the tests of one file in parallel processes.
  static int calls = 0;
  std::string err_file = ::testing::TempDir() + "/deorbit_stderr_" + std::to_string(getpid()) + "_" +
                         std::to_string(++calls) + ".txt";
  FILE* pipe = popen((std::string(DEORBIT_APP) + " " + args + " 2>" + err_file).c_str(), "r");
  CommandResult r;
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  std::stringstream ss;
  ss << std::ifstream(err_file).rdbuf();
  std::filesystem::remove(err_file);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = ss.str();
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string write_temp_file(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + name;
  std::ofstream(path) << content;
  return path;
}

std::string fresh_output_dir(const std::string& name) {
  std::string d = ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + name;
  std::filesystem::remove_all(d);
  return d;
}

std::string edited_source_file(const std::string& relative,
                               const std::vector<std::pair<std::string, std::string>>& edits) {
  const std::filesystem::path file = source_path(relative);
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  for (const auto& [from, to] : edits) {
    const std::size_t at = text.find(from);
    if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
      throw std::runtime_error(file.string() + ": '" + from + "' does not occur exactly once");
    text.replace(at, from.size(), to);
  }
  return text;
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

}  // namespace deorbit::testing

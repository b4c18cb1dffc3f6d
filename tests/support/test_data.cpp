#include "support/test_data.h"

#include <stdexcept>

namespace deorbit::testing {

std::filesystem::path test_data(const std::string& relative) {
  std::filesystem::path p = source_path("tests/data") / relative;
  if (!std::filesystem::exists(p))
    throw std::runtime_error("reference file missing: " + p.string() + " (see tests/data/README.md)");
  return p;
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(DEORBIT_SOURCE_DIR) / relative;
}

}  // namespace deorbit::testing

#include "support/test_data.h"

#include <stdexcept>

namespace deorbit::testing {

std::filesystem::path shared_data(const std::string& relative) {
  std::filesystem::path p = std::filesystem::path(DEORBIT_SHARED_DATA) / relative;
  if (!std::filesystem::exists(p))
    throw std::runtime_error("reference file missing: " + p.string() + " (tests need ../shared/data beside the repo)");
  return p;
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(DEORBIT_SOURCE_DIR) / relative;
}

}  // namespace deorbit::testing

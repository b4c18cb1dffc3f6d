// Paths to the reference oracles in ../shared/data (read by tests only, never shipped).
#pragma once

#include <filesystem>
#include <string>

namespace deorbit::testing {

//! ../shared/data/<relative>; fails the calling test (via an exception) if the file is missing.
std::filesystem::path shared_data(const std::string& relative);
//! <repo>/<relative>
std::filesystem::path source_path(const std::string& relative);

}  // namespace deorbit::testing

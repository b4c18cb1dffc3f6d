// Paths to the reference oracles the tests carry in tests/data (copied from public sources, each folder with its
// PROVENANCE.md; read by tests only, never shipped).
#pragma once

#include <filesystem>
#include <string>

namespace deorbit::testing {

//! <repo>/tests/data/<relative>; fails the calling test (via an exception) if the file is missing.
std::filesystem::path test_data(const std::string& relative);
//! <repo>/<relative>
std::filesystem::path source_path(const std::string& relative);

}  // namespace deorbit::testing

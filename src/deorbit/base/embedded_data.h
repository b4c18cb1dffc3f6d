// Small model data compiled into the program from data/ (each file names its source in its first lines).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace deorbit {

//! Content of the embedded file data/<name>, or nullopt if there is no such file.
[[nodiscard]] std::optional<std::string_view> embedded_data(std::string_view name);
//! Names of all embedded files.
[[nodiscard]] std::vector<std::string_view> embedded_data_names();

}  // namespace deorbit

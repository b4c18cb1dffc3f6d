// Results are never written half: write to a temporary file beside the target, then rename over it.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace deorbit {

//! Calls write(stream) on a temporary file next to path and renames it to path when write returns and the
//! stream is good. On any failure the temporary file is removed and InputError names the path.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace deorbit

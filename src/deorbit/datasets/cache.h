// The user's data cache: where `deorbit data update` keeps current public data (CelesTrak space weather, Earth
// orientation, element sets), and the file operations it needs (whole-or-nothing replacement, SHA-256).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace deorbit::datasets {

//! File names inside the cache folder.
inline constexpr std::string_view kSpaceWeatherFile = "SW-All.csv";
inline constexpr std::string_view kEarthOrientationFile = "EOP-All.csv";
inline constexpr std::string_view kElementSetFolder = "gp";

//! The cache folder: `given` if not empty, else $DEORBIT_CACHE_DIR, else $XDG_CACHE_HOME/deorbit, else
//! $HOME/.cache/deorbit (the XDG Base Directory rule; an empty or relative XDG_CACHE_HOME is ignored, as the rule
//! says). Throws InputError if none of them is set. The folder need not exist.
[[nodiscard]] std::filesystem::path cache_folder(const std::string& given = "");

//! The cached element sets of one catalogue number, and those of a CelesTrak group (NAME as CelesTrak spells it).
[[nodiscard]] std::filesystem::path element_set_file(const std::filesystem::path& cache, std::uint32_t norad);
[[nodiscard]] std::filesystem::path group_file(const std::filesystem::path& cache, const std::string& group);

//! [d] the current UTC modified Julian date from the system clock (for ages; leap seconds do not matter there).
[[nodiscard]] double now_mjd();
//! "YYYY-MM-DD" of a UTC modified Julian date.
[[nodiscard]] std::string date_of_mjd(double mjd);

//! Lower-case hex SHA-256 (FIPS 180-4) of the bytes.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);
//! The whole file; throws InputError naming it if it cannot be read.
[[nodiscard]] std::string read_bytes(const std::filesystem::path& path);

//! Writes the bytes to a temporary file in path's folder (created if missing), flushes it to the disk (fsync),
//! calls check(temporary path) if given, and renames it over path (atomic on POSIX), then syncs the folder. If
//! writing, the check or the rename throws, the temporary file is removed and the old file is left as it was.
void replace_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                             const std::function<void(const std::filesystem::path&)>& check = {});

}  // namespace deorbit::datasets

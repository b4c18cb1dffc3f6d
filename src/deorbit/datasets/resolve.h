// Which data file a command uses when the command line names none: explicit file > cached file (`deorbit data
// update`) > embedded default. A cached file is announced on stderr with its age, and a warning says when it is
// stale (thresholds below; docs/data.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "deorbit/time/earth_orientation.h"

namespace deorbit::datasets {

//! [d] a cached space-weather file is stale when its last observed day is more than this before today: the
//! observed record then misses a week of real activity (CelesTrak updates the file daily).
inline constexpr double kSpaceWeatherStaleDays = 7;
//! [d] a cached EOP file is stale when its last observed day is more than this before today (its predictions
//! still cover a while, but they drift: UT1-UTC's prediction error grows to milliseconds within weeks).
inline constexpr double kEarthOrientationStaleDays = 30;
//! [d] cached element sets are stale when the newest epoch of the object is more than this before today.
inline constexpr double kElementSetStaleDays = 3;

//! The file a command should read, and what to tell the user about it.
struct Resolution {
  std::filesystem::path file;  //!< empty: no file (the command's embedded default)
  bool cached = false;         //!< the file is the cached one
  std::string note;            //!< for a cached file: which file, what it covers, how old; else empty
  std::string stale;           //!< a warning if the cached file is stale, else empty
};

//! Explicit `given` (returned unchanged, no note), else the cache's SW-All.csv if it exists (read to describe it:
//! throws InputError naming it if unreadable), else nothing. `now_mjd` is today's UTC MJD.
[[nodiscard]] Resolution resolve_space_weather(const std::string& given, const std::filesystem::path& cache,
                                               double now_mjd);
//! As resolve_space_weather, for the cache's EOP-All.csv.
[[nodiscard]] Resolution resolve_earth_orientation(const std::string& given, const std::filesystem::path& cache,
                                                   double now_mjd);
//! The cached file with the newest element set of the catalogue number (catnr-N.json or a group file). Throws
//! InputError naming `deorbit data update --norad N` if none holds it.
[[nodiscard]] Resolution resolve_element_sets(std::uint32_t norad, const std::filesystem::path& cache, double now_mjd);

//! For the commands: resolve in the user's cache (cache_folder()) as of now, print the note on stderr
//! ("deorbit: space weather: ...") and the staleness through warn(), return the file to read ("" = the embedded
//! default).
[[nodiscard]] std::string space_weather_file(const std::string& given);
[[nodiscard]] std::string earth_orientation_file(const std::string& given);
//! Fills each empty file name with the cached file, as the two functions above.
void take_cached_files(std::string& space_weather_file, std::string& eop_file);
//! The table of earth_orientation_file(given), or the empty table (UT1 = UTC, warns when used) if there is none.
[[nodiscard]] EarthOrientation earth_orientation(const std::string& given);
//! Two comment lines naming the SHA-256 of the space weather (the file, or the embedded table if "") and of the EOP
//! file (or "none"): what a campaign store keeps so that a resume on other data (after `deorbit data update`, or
//! with other files) is refused instead of mixing runs. Paths are left out: the same bytes elsewhere are the same.
[[nodiscard]] std::string data_identity(const std::string& space_weather_file, const std::string& eop_file);

//! The element-set file of `deorbit decay`: `omm` or `tle` if one is given, or if no `norad` is; else the cached
//! element sets of norad; else "" when norad is the embedded ISS element set's (that set, as before). Throws as
//! resolve_element_sets otherwise.
[[nodiscard]] std::string element_sets_file(const std::string& tle, const std::string& omm,
                                            const std::optional<unsigned long>& norad);

}  // namespace deorbit::datasets

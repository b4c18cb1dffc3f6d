// `deorbit data update`: CelesTrak's current space weather (SW-All.csv), Earth orientation (EOP-All.csv) and GP
// element sets (OMM JSON) into the cache, each checked by the program's own reader before it replaces the old file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "deorbit/datasets/download.h"

namespace deorbit::datasets {

//! The base URL of the sources: `given` if not empty, else $DEORBIT_DATA_URL, else https://celestrak.org. The files
//! are BASE/SpaceData/SW-All.csv, BASE/SpaceData/EOP-All.csv and BASE/NORAD/elements/gp.php?CATNR=N&FORMAT=json
//! (or GROUP=NAME), CelesTrak's layout.
[[nodiscard]] std::string source_url(const std::string& given = "");

//! [d] element sets older than this before the newest one of the same object are dropped when element sets are
//! merged into the cache (decay's drag fit uses the last 5 days).
inline constexpr double kElementSetKeepDays = 30;

struct UpdateRequest {
  bool space_weather = false;
  bool earth_orientation = false;
  std::vector<std::uint32_t> norad;  //!< catalogue numbers (CelesTrak's CATNR)
  std::vector<std::string> groups;   //!< CelesTrak group names (letters, digits, '-' and '_')
  std::filesystem::path cache;       //!< the cache folder
  std::string base_url;              //!< see source_url
  DownloadSettings download;
  //! [s] a cached file written less than this long ago is kept without a request (0: always download). CelesTrak's
  //! usage policy asks clients not to fetch the same data over and over (once an hour at most, for some of it); the
  //! command's default is 3600.
  double min_interval = 0;
};

//! What happened to one file.
struct UpdateOutcome {
  std::string what;  //!< "space weather", "Earth orientation", "element sets of 25544", ...
  std::string url;
  std::filesystem::path file;  //!< the cache file
  bool ok = false;
  std::string summary;  //!< on success: coverage, size, SHA-256
  std::string error;    //!< on failure: what happened; the old file (if any) is unchanged
  bool kept = false;    //!< ok without a request: the cached file is younger than min_interval
};

//! Downloads, checks and installs each requested file, independently: one failure does not stop the others, except
//! an HTTP error answer, after which nothing more is requested from the server (download.h). The
//! space weather is checked by SpaceWeather::parse and must hold observed days, and not end before the file it
//! replaces; the EOP file by EarthOrientation::read; element sets by the strict OMM JSON reader (every record a
//! valid element set, of the requested object for CATNR), then merged with the cached ones of the same file (the
//! same object and epoch counted once, the new copy kept; older than kElementSetKeepDays before the object's newest
//! dropped).
[[nodiscard]] std::vector<UpdateOutcome> update(const UpdateRequest& request);

}  // namespace deorbit::datasets

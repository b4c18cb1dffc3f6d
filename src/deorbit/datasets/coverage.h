// What a data table covers: its first day, last observed day and the end of its predictions, for `deorbit data`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/orbit/mean_elements.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::datasets {

struct Coverage {
  std::optional<double> first_mjd;           //!< [d] UTC MJD of the first day (or first element-set epoch)
  std::optional<double> last_observed_mjd;   //!< [d] last observed day (or newest element-set epoch)
  std::optional<double> prediction_end_mjd;  //!< [d] last predicted day, if the table predicts
  std::string detail;                        //!< e.g. "499 element sets of 1 object"
};

[[nodiscard]] Coverage coverage_of(const SpaceWeather& weather);
[[nodiscard]] Coverage coverage_of(const EarthOrientation& eop);
[[nodiscard]] Coverage coverage_of(const std::vector<MeanElements>& sets);

//! "observed 1957-10-01 .. 2026-12-02, predicted to 2041-10-31" (element sets: "epochs ... .. ...").
[[nodiscard]] std::string coverage_text(const Coverage& c, bool element_sets = false);

}  // namespace deorbit::datasets

#include "deorbit/datasets/coverage.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "deorbit/datasets/cache.h"

namespace deorbit::datasets {

Coverage coverage_of(const SpaceWeather& weather) {
  Coverage c;
  if (weather.days().empty()) return c;
  c.first_mjd = weather.days().front().mjd;
  if (weather.last_observed_mjd() > 0) c.last_observed_mjd = weather.last_observed_mjd();
  if (weather.end_mjd() > weather.last_observed_mjd()) c.prediction_end_mjd = weather.end_mjd();
  c.detail = fmt::format("{} rows", weather.days().size());
  return c;
}

Coverage coverage_of(const EarthOrientation& eop) {
  Coverage c;
  const auto& r = eop.records();
  if (r.empty()) return c;
  c.first_mjd = r.front().mjd;
  for (const auto& row : r) {
    if (!row.predicted)
      c.last_observed_mjd = row.mjd;
    else
      c.prediction_end_mjd = row.mjd;
  }
  c.detail = fmt::format("{} rows", r.size());
  return c;
}

Coverage coverage_of(const std::vector<MeanElements>& sets) {
  Coverage c;
  std::set<std::uint32_t> objects;
  for (const auto& e : sets) {
    const double mjd = e.epoch.mjd(TimeScale::UTC);
    c.first_mjd = std::min(c.first_mjd.value_or(mjd), mjd);
    c.last_observed_mjd = std::max(c.last_observed_mjd.value_or(mjd), mjd);
    objects.insert(e.object.catalogue_number.value_or(0));
  }
  c.detail = fmt::format("{} element set{} of {} object{}", sets.size(), sets.size() == 1 ? "" : "s", objects.size(),
                         objects.size() == 1 ? "" : "s");
  return c;
}

std::string coverage_text(const Coverage& c, bool element_sets) {
  const auto day = [](const std::optional<double>& m) { return m ? date_of_mjd(*m) : std::string("-"); };
  if (element_sets) return fmt::format("{}, epochs {} .. {}", c.detail, day(c.first_mjd), day(c.last_observed_mjd));
  std::string s = fmt::format("{} .. observed {}", day(c.first_mjd), day(c.last_observed_mjd));
  if (c.prediction_end_mjd) s += fmt::format(", predicted to {}", day(c.prediction_end_mjd));
  return s;
}

}  // namespace deorbit::datasets

#include "deorbit/time/time_scale.h"

#include "deorbit/base/text.h"

namespace deorbit {

std::string_view to_string(TimeScale scale) {
  switch (scale) {
    case TimeScale::UTC: return "UTC";
    case TimeScale::TAI: return "TAI";
    case TimeScale::TT: return "TT";
    case TimeScale::GPS: return "GPS";
    case TimeScale::UT1: return "UT1";
  }
  return "?";
}

std::optional<TimeScale> parse_time_scale(std::string_view name) {
  name = text::trim(name);
  for (TimeScale s : {TimeScale::UTC, TimeScale::TAI, TimeScale::TT, TimeScale::GPS, TimeScale::UT1})
    if (text::equals_ci(name, to_string(s))) return s;
  return std::nullopt;
}

}  // namespace deorbit

// The time scales an Epoch can be created from and viewed in.
#pragma once

#include <optional>
#include <string_view>

namespace deorbit {

enum class TimeScale {
  UTC,  //!< Coordinated Universal Time, with leap seconds (ERFA's table); defined from 1960 on
  TAI,  //!< International Atomic Time
  TT,   //!< Terrestrial Time, TAI + 32.184 s exactly
  GPS,  //!< GPS time, TAI - 19 s exactly
  UT1,  //!< Universal Time (Earth rotation): UTC + (UT1-UTC) from an EarthOrientation table
};

[[nodiscard]] std::string_view to_string(TimeScale scale);
//! Case-insensitive "UTC", "TAI", "TT", "GPS", "UT1"; nullopt for anything else.
[[nodiscard]] std::optional<TimeScale> parse_time_scale(std::string_view name);

}  // namespace deorbit

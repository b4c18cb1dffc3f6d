// Solar and geomagnetic activity for thermosphere models, in NRLMSISE-00's own conventions.
// Reference: CelesTrak "Space Weather Data" format notes (SW-All.csv; SpaceWeather-All fixed-width, v1.2);
// Picone et al. (2002), NRLMSISE-00, JGR 107(A12) 1468, for the meaning of each input.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "deorbit/time/epoch.h"

namespace deorbit {

//! The activity inputs of NRLMSISE-00 at one instant.
struct SpaceWeatherValues {
  double f107_previous_day = 150;   //!< [sfu] observed (not adjusted) F10.7 of the previous UTC day
  double f107_81day_centred = 150;  //!< [sfu] 81-day centred mean of observed F10.7 on the current day
  double ap_daily = 4;              //!< [-] daily Ap of the current UTC day
  //! [-] the NRLMSISE-00 ap array: daily Ap; 3-hour ap of the current interval; of 3, 6 and 9 h before; mean of
  //! the eight 3-hour values 12 to 33 h before; mean of the eight 36 to 57 h before.
  std::array<double, 7> ap_history{4, 4, 4, 4, 4, 4, 4};
};

//! One day of a space-weather table (CelesTrak columns, UTC day).
struct SpaceWeatherDay {
  int mjd = 0;                       //!< [d] UTC modified Julian date of the day
  std::array<double, 8> ap3h{};      //!< [-] 3-hourly ap, 00-03 h ... 21-24 h
  double ap_daily = 0;               //!< [-] daily Ap
  double f107_observed = 0;          //!< [sfu] observed F10.7
  double f107_observed_ctr81 = 0;    //!< [sfu] 81-day centred mean of observed F10.7
  enum class Kind { Observed, DailyPredicted, MonthlyPredicted } kind = Kind::Observed;
};

//! A table of daily space weather, and the rule that turns it into NRLMSISE-00 inputs at an instant.
class SpaceWeather {
 public:
  //! Reads CelesTrak SW-All.csv or the fixed-width SpaceWeather-All(-v1.2).txt (detected by content). Throws
  //! InputError naming file, line and column on a malformed row, or the path if it cannot be opened.
  [[nodiscard]] static SpaceWeather read(const std::filesystem::path& path);
  //! The embedded default table (data/, source named there), so the program runs offline.
  [[nodiscard]] static SpaceWeather embedded();
  //! Constant activity (no table): every instant gets these values.
  [[nodiscard]] static SpaceWeather constant(const SpaceWeatherValues& values);

  //! NRLMSISE-00 inputs at the instant. Documented rule for days beyond the table and for monthly predictions
  //! (which carry F10.7 but no Ap): see the implementation's header comment and docs. Warns once when the instant
  //! lies beyond the observed rows.
  [[nodiscard]] SpaceWeatherValues at(const Epoch& t) const;

  [[nodiscard]] const std::vector<SpaceWeatherDay>& days() const { return days_; }
  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  std::vector<SpaceWeatherDay> days_;
  std::string source_;
  bool constant_ = false;
  SpaceWeatherValues constant_values_;
};

}  // namespace deorbit

// Solar and geomagnetic activity for thermosphere models, in NRLMSISE-00's own conventions.
// Reference: CelesTrak "Space Weather Data" format notes (SW-All.csv; SpaceWeather-All fixed-width, v1.2);
// Picone et al. (2002), NRLMSISE-00, JGR 107(A12) 1468, for the meaning of each input.
//
// The rules that turn a table into NRLMSISE-00 inputs at an instant t (all days are UTC days; docs:
// docs/validation-atmosphere.md, "Space weather"):
//  - f107_previous_day: observed (not adjusted) F10.7 of the UTC day before t's day.
//  - f107_81day_centred: the table's 81-day centred mean of observed F10.7 (F10.7_OBS_CENTER81; in the fixed-width
//    file, the "Obs Ctr81" column) of t's day.
//  - ap_daily: daily Ap of t's day.
//  - ap_history: [0] daily Ap of t's day; [1] the 3-hour ap of the interval holding t; [2..4] those 3, 6 and 9 h
//    before; [5] the mean of the eight 3-hour values 12 to 33 h before; [6] the mean of the eight 36 to 57 h before
//    (intervals reaching into earlier days take those days' rows).
//  - Every row holds from its date until the next row's date: observed and daily-predicted rows for one day,
//    monthly-predicted rows (dated the 1st) for their month, and a gap between the last daily prediction and the
//    first monthly one is covered by the last daily prediction. Days past the observed rows thus take the daily
//    predictions, then the monthly ones; one warning says so the first time.
//  - Monthly predictions carry F10.7 but no Ap. Their Ap (and all eight 3-hour ap) is the mean daily Ap of the
//    table's last 81 observed days (of its daily-predicted days if it has no observed one): the activity level of
//    the same 81-day window that defines F10.7's centred mean, measured rather than assumed, and three 27-day
//    solar rotations so that recurrent storms average out. The fixed-width file's placeholder Ap in those rows
//    (11 or 12, or 0) is ignored by the same rule, so that both formats give the same values.
//  - Before the first row or after the end of the last one (a monthly row ends with its month), the first or last
//    row is held, with one warning.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
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
  int mjd = 0;                       //!< [d] UTC modified Julian date of the day (of the 1st, for a monthly row)
  std::array<double, 8> ap3h{};      //!< [-] 3-hourly ap, 00-03 h ... 21-24 h (monthly rows: the rule's Ap)
  double ap_daily = 0;               //!< [-] daily Ap (monthly rows: the rule's Ap, see the file comment)
  double f107_observed = 0;          //!< [sfu] observed F10.7
  double f107_observed_ctr81 = 0;    //!< [sfu] 81-day centred mean of observed F10.7
  //! Observed includes CelesTrak's "INT" rows (observed day, F10.7 interpolated over a gap in the measurements).
  enum class Kind { Observed, DailyPredicted, MonthlyPredicted } kind = Kind::Observed;
};

//! A table of daily space weather, and the rule that turns it into NRLMSISE-00 inputs at an instant.
class SpaceWeather {
 public:
  //! Reads CelesTrak SW-All.csv or the fixed-width SpaceWeather-All(-v1.2).txt (detected by content). Throws
  //! InputError naming file, line and column on a malformed row, or the path if it cannot be opened.
  //!
  //! CSV: columns are found by their header names (DATE, AP1..AP8, AP_AVG, F10.7_OBS, F10.7_DATA_TYPE,
  //! F10.7_OBS_CENTER81; others are ignored); lines starting with '#' before the header are comments. Fixed width:
  //! the OBSERVED, DAILY_PREDICTED and MONTHLY_PREDICTED sections; data lines of 130 columns (the published
  //! FORMAT) or 131 (the v1.2 files, with one extra blank after the flux qualifier); the MONTHLY_FIT section (a
  //! curve fit beyond the predictions, absent from the CSV) is not read.
  [[nodiscard]] static SpaceWeather read(const std::filesystem::path& path);
  //! Parses text already in memory; `source` names it in messages. Same formats and errors as read().
  [[nodiscard]] static SpaceWeather parse(std::string_view text, const std::string& source);
  //! The embedded default table (data/space_weather_default.csv, source named there), so the program runs
  //! offline. Warns once per process that it is in use and how old it is.
  [[nodiscard]] static SpaceWeather embedded();
  //! Constant activity (no table): every instant gets these values.
  [[nodiscard]] static SpaceWeather constant(const SpaceWeatherValues& values);

  //! The table as it was known at `as_of`: observed rows of the UTC days before as_of's day are kept, all later
  //! and all predicted rows are dropped, and from as_of's day on `forecast_days` daily-predicted rows follow by
  //! persistence: F10.7 and every ap equal the means of the last 81 kept observed days (fewer if the table has
  //! fewer). The 81-day centred means whose window reaches past the last kept day are recomputed from the kept
  //! observations and the persisted value, since the real ones used data not yet measured at as_of. Throws
  //! InputError if the table is constant or has no observed day before as_of.
  [[nodiscard]] SpaceWeather known_at(const Epoch& as_of, int forecast_days = 4000) const;
  //! A copy whose predicted rows (daily and monthly) have F10.7 (also its 81-day mean) multiplied by f107_factor
  //! and the daily Ap and 3-hour ap by ap_factor; observed rows are unchanged. For ensembles: the copy does not
  //! repeat the warnings this table gave.
  [[nodiscard]] std::shared_ptr<const SpaceWeather> with_scaled_predictions(double f107_factor, double ap_factor) const;
  SpaceWeather();
  SpaceWeather(const SpaceWeather& other);
  SpaceWeather& operator=(const SpaceWeather& other);

  //! NRLMSISE-00 inputs at the instant, by the rules in this file's comment. Warns once (per table) when the
  //! instant needs rows beyond the observed ones, and once when it lies outside the table. Thread-safe.
  [[nodiscard]] SpaceWeatherValues at(const Epoch& t) const;

  [[nodiscard]] const std::vector<SpaceWeatherDay>& days() const { return days_; }
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] bool is_constant() const { return constant_; }
  //! [-] the Ap given to monthly-predicted rows (the mean daily Ap of the last 81 observed days).
  [[nodiscard]] double monthly_ap() const { return monthly_ap_; }
  //! [d] UTC MJD of the last observed day (0 if none).
  [[nodiscard]] int last_observed_mjd() const { return last_observed_mjd_; }
  //! [d] UTC MJD of the last day the table covers (the end of the month of a final monthly row).
  [[nodiscard]] int end_mjd() const { return end_mjd_; }

 private:
  void finish();  // sorts nothing: validates order, applies the monthly Ap rule, sets the summary fields
  [[nodiscard]] const SpaceWeatherDay& row_for(int mjd) const;

  std::vector<SpaceWeatherDay> days_;
  std::string source_;
  bool constant_ = false;
  SpaceWeatherValues constant_values_;
  double monthly_ap_ = 0;
  int last_observed_mjd_ = 0;
  int end_mjd_ = 0;
  std::uint64_t id_ = 0;  // distinct for every table object (set in the .cpp), keys the per-thread value cache
  mutable std::atomic<bool> warned_predicted_{false};
  mutable std::atomic<bool> warned_outside_{false};
};

}  // namespace deorbit

// Epoch: one instant of time. Scale-free inside (TAI seconds since J2000.0 as an integer and a fraction);
// UTC, TAI, TT, GPS and UT1 are views taken at input and output.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/time_scale.h"

namespace deorbit {

//! A calendar date and time of day in some scale. second may reach 60.x inside a UTC leap second.
struct CalendarTime {
  int year = 2000;
  int month = 1;     //!< 1..12
  int day = 1;       //!< 1..31
  int hour = 0;      //!< 0..23
  int minute = 0;    //!< 0..59
  double second = 0; //!< [s] 0 <= second < 60 (61 in a UTC leap second)
};

//! A two-part Julian date: the instant is whole + fraction days, whole a half-integer (starts at midnight).
struct JulianDate {
  double whole = 0;     //!< [d] a value ending in .5 (the preceding midnight)
  double fraction = 0;  //!< [d] 0 <= fraction < 1 (may reach 86401/86400 in a UTC leap second)
  [[nodiscard]] double value() const { return whole + fraction; }
};

//! One instant. Exact to far below a nanosecond from 1950 to 2100 (and beyond): whole TAI seconds since
//! 2000-01-01T12:00:00 TAI in an int64, plus a fraction of a second in [0, 1) as a double.
//!
//! UTC conversions use ERFA's leap-second table (eraDat); UTC is refused before 1960-01-01, where it is undefined.
//! UT1 conversions take UT1-UTC from an EarthOrientation table; the default table is empty (UT1 = UTC) and warns once.
class Epoch {
 public:
  //! 2000-01-01T12:00:00 TAI (not J2000.0 TT).
  constexpr Epoch() = default;

  //! From a calendar date and time in the given scale. Throws InputError for an impossible date or time
  //! (month 13, 24:00, second 60 on a day without a leap second, UTC before 1960).
  [[nodiscard]] static Epoch from_calendar(TimeScale scale, const CalendarTime& t,
                                           const EarthOrientation& eop = EarthOrientation::none());
  //! From ISO 8601 "YYYY-MM-DDThh:mm:ss[.fff...]" with optional trailing 'Z' (also "YYYY-DDDThh:mm:ss" day-of-year,
  //! a space instead of 'T', and a date alone). Throws InputError naming the text.
  [[nodiscard]] static Epoch from_iso(std::string_view text, TimeScale scale = TimeScale::UTC,
                                      const EarthOrientation& eop = EarthOrientation::none());
  //! From a two-part Julian date in the given scale (jd1 + jd2; either split works, as in ERFA).
  [[nodiscard]] static Epoch from_jd(TimeScale scale, double jd1, double jd2,
                                     const EarthOrientation& eop = EarthOrientation::none());
  //! From a modified Julian date (JD - 2400000.5) in the given scale, as whole days plus a fraction.
  [[nodiscard]] static Epoch from_mjd(TimeScale scale, double mjd_days, double fraction = 0.0,
                                      const EarthOrientation& eop = EarthOrientation::none());
  //! From the TLE epoch form: two-digit year (57-99 -> 19xx, 00-56 -> 20xx) and day of year with fraction
  //! (1.0 = January 1, 0h), in UTC.
  [[nodiscard]] static Epoch from_tle_epoch(int two_digit_year, double day_of_year);
  //! From TAI seconds since 2000-01-01T12:00:00 TAI, as whole seconds plus a fraction.
  [[nodiscard]] static Epoch from_tai_seconds(std::int64_t seconds, double fraction = 0.0);

  //! Calendar view in the given scale (second may reach 60.x inside a UTC leap second).
  [[nodiscard]] CalendarTime calendar(TimeScale scale, const EarthOrientation& eop = EarthOrientation::none()) const;
  //! ISO 8601 "YYYY-MM-DDThh:mm:ss.ffffff" with the given number of decimals (0..12), rounded, with no
  //! scale suffix. In a UTC leap second the seconds field reads 60.
  [[nodiscard]] std::string iso(TimeScale scale = TimeScale::UTC, int decimals = 6,
                                const EarthOrientation& eop = EarthOrientation::none()) const;
  //! Two-part Julian date in the given scale. UTC follows ERFA's quasi-JD convention (a leap-second day is
  //! 86401 s long).
  [[nodiscard]] JulianDate jd(TimeScale scale, const EarthOrientation& eop = EarthOrientation::none()) const;
  //! [d] Modified Julian date in the given scale, as one double (about 1e-11 d resolution near 2025).
  [[nodiscard]] double mjd(TimeScale scale, const EarthOrientation& eop = EarthOrientation::none()) const;
  //! TLE epoch form: {two-digit year, day of year with fraction}, UTC.
  [[nodiscard]] std::pair<int, double> tle_epoch() const;

  //! [s] whole TAI seconds since 2000-01-01T12:00:00 TAI.
  [[nodiscard]] std::int64_t tai_seconds() const { return seconds_; }
  //! [s] fraction of the TAI second, 0 <= fraction < 1.
  [[nodiscard]] double tai_fraction() const { return fraction_; }

  //! Shifted by dt [s] (SI seconds, i.e. TAI/TT seconds).
  [[nodiscard]] Epoch operator+(double dt) const;
  [[nodiscard]] Epoch operator-(double dt) const { return *this + (-dt); }
  Epoch& operator+=(double dt) { return *this = *this + dt; }
  //! [s] elapsed SI seconds from other to this.
  [[nodiscard]] double operator-(const Epoch& other) const;

  auto operator<=>(const Epoch&) const = default;
  bool operator==(const Epoch&) const = default;

 private:
  constexpr Epoch(std::int64_t seconds, double fraction) : seconds_(seconds), fraction_(fraction) {}
  static Epoch normalised(std::int64_t seconds, double fraction);

  std::int64_t seconds_ = 0;
  double fraction_ = 0.0;
};

}  // namespace deorbit

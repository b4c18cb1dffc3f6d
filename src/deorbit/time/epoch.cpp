// Reference: IERS Conventions (2010) ch. 1 and 5 for the scales; ERFA (SOFA) eraDat for TAI-UTC.
#include "deorbit/time/epoch.h"

#include <cmath>
#include <cstdio>

#include <erfa.h>
#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kMjdJ2000 = 51544;  // MJD of 2000-01-01; J2000 noon is half a day later
constexpr double kTtMinusTai = 32.184;     // exact by definition
constexpr std::int64_t kTaiMinusGps = 19;  // exact by definition

// Days since 2000-01-01 (MJD 51544) of a Gregorian date, or an error for an impossible date.
std::int64_t mjd_of(int y, int m, int d) {
  double djm0 = 0, djm = 0;
  if (eraCal2jd(y, m, d, &djm0, &djm) != 0)
    throw InputError(fmt::format("invalid calendar date {:04d}-{:02d}-{:02d}", y, m, d));
  return static_cast<std::int64_t>(djm);
}

void date_of(std::int64_t mjd, int& y, int& m, int& d) {
  double fd = 0;
  if (eraJd2cal(2400000.5, static_cast<double>(mjd), &y, &m, &d, &fd) != 0)
    throw InputError(fmt::format("MJD {} is outside the supported calendar", mjd));
}

// TAI-UTC [s] at fraction fd of UTC day mjd (integer after 1972; drifting 1960-1971).
double tai_minus_utc(std::int64_t mjd, double fd) {
  int y = 0, m = 0, d = 0;
  date_of(mjd, y, m, d);
  double dat = 0;
  if (y < 1960 || eraDat(y, m, d, fd, &dat) < 0)
    throw InputError(fmt::format("UTC is undefined before 1960-01-01 (date {:04d}-{:02d}-{:02d})", y, m, d));
  return dat;
}

// A day count, whole seconds into the day and a fraction, in some scale.
struct DaySplit {
  std::int64_t mjd;
  std::int64_t second;  // 0 .. day length - 1
  double fraction;      // [0, 1)
  std::int64_t day_length;
};

// Splits a continuous second count (seconds since 2000-01-01T12:00 of a scale without leap seconds).
DaySplit split_continuous(std::int64_t s, double f) {
  std::int64_t from_midnight = s + kDay / 2;
  std::int64_t days = from_midnight >= 0 ? from_midnight / kDay : -((-from_midnight + kDay - 1) / kDay);
  return {kMjdJ2000 + days, from_midnight - days * kDay, f, kDay};
}

// Seconds in the UTC day mjd (86401 on a day ending in a positive leap second).
std::int64_t utc_day_length(std::int64_t mjd) {
  double step = tai_minus_utc(mjd + 1, 0.0) - tai_minus_utc(mjd, 0.0);
  // Before 1972 TAI-UTC drifted continuously with a few steps of 0.05-0.1 s; days stay 86400 s of UTC.
  return mjd >= 41317 ? kDay + std::llround(step) : kDay;
}

// TAI second count at 0h UTC of day mjd (whole part and fraction).
std::pair<std::int64_t, double> tai_at_utc_midnight(std::int64_t mjd) {
  double dat = tai_minus_utc(mjd, 0.0);
  double whole = std::floor(dat);
  return {(mjd - kMjdJ2000) * kDay - kDay / 2 + static_cast<std::int64_t>(whole), dat - whole};
}

}  // namespace

Epoch Epoch::normalised(std::int64_t seconds, double fraction) {
  double whole = std::floor(fraction);
  seconds += static_cast<std::int64_t>(whole);
  fraction -= whole;
  if (fraction >= 1.0) {  // floor of a value just below an integer can leave exactly 1 after subtraction
    seconds += 1;
    fraction = 0.0;
  }
  return {seconds, fraction};
}

Epoch Epoch::from_tai_seconds(std::int64_t seconds, double fraction) {
  if (!std::isfinite(fraction)) throw InputError("epoch: non-finite seconds");
  return normalised(seconds, fraction);
}

Epoch Epoch::operator+(double dt) const {
  if (!std::isfinite(dt)) throw InputError("epoch: shift by a non-finite number of seconds");
  double whole = std::floor(dt);
  return normalised(seconds_ + static_cast<std::int64_t>(whole), fraction_ + (dt - whole));
}

double Epoch::operator-(const Epoch& other) const {
  return static_cast<double>(seconds_ - other.seconds_) + (fraction_ - other.fraction_);
}

Epoch Epoch::from_calendar(TimeScale scale, const CalendarTime& t, const EarthOrientation& eop) {
  auto bad = [&](const std::string& what) {
    return InputError(fmt::format("invalid {} time {:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{}: {}", to_string(scale),
                                  t.year, t.month, t.day, t.hour, t.minute, t.second, what));
  };
  if (t.hour < 0 || t.hour > 23) throw bad("hour must be 0..23");
  if (t.minute < 0 || t.minute > 59) throw bad("minute must be 0..59");
  if (!(t.second >= 0.0) || !std::isfinite(t.second)) throw bad("second must be >= 0");
  std::int64_t mjd = mjd_of(t.year, t.month, t.day);
  double whole_sec = std::floor(t.second);
  std::int64_t sod = t.hour * 3600 + t.minute * 60 + static_cast<std::int64_t>(whole_sec);
  double frac = t.second - whole_sec;

  if (scale == TimeScale::UTC) {
    std::int64_t length = utc_day_length(mjd);
    if (sod >= length) throw bad(length > kDay ? "second must be < 61 (this day has a leap second)"
                                               : "second must be < 60 (no leap second on this day)");
    if (mjd < 41317) {  // 1960-1971: TAI-UTC drifts within the day
      double dat = tai_minus_utc(mjd, (static_cast<double>(sod) + frac) / kDay);
      double dat_whole = std::floor(dat);
      return normalised((mjd - kMjdJ2000) * kDay - kDay / 2 + sod + static_cast<std::int64_t>(dat_whole),
                        frac + (dat - dat_whole));
    }
    auto [s0, f0] = tai_at_utc_midnight(mjd);
    return normalised(s0 + sod, f0 + frac);
  }
  if (t.second >= 60.0) throw bad("second must be < 60 (leap seconds exist only in UTC)");
  std::int64_t s = (mjd - kMjdJ2000) * kDay - kDay / 2 + sod;
  switch (scale) {
    case TimeScale::TAI: return normalised(s, frac);
    case TimeScale::TT: return normalised(s - 32, frac - (kTtMinusTai - 32.0));
    case TimeScale::GPS: return normalised(s + kTaiMinusGps, frac);
    case TimeScale::UT1: {
      // UT1 = UTC + dUT1, and UTC = TAI - dat: TAI = UT1 - dUT1 + dat, evaluated at the UTC date (iterated once:
      // both change by far less than a second per day).
      double utc_mjd = static_cast<double>(mjd) + (static_cast<double>(sod) + frac) / kDay;
      double shift = 0;
      for (int i = 0; i < 2; ++i) {
        auto day = static_cast<std::int64_t>(std::floor(utc_mjd));
        double dat = tai_minus_utc(day, utc_mjd - static_cast<double>(day));
        double dut1 = eop.at_utc_mjd(utc_mjd).ut1_minus_utc;
        shift = dat - dut1;
        utc_mjd = static_cast<double>(mjd) + (static_cast<double>(sod) + frac - dut1) / kDay;
      }
      double sw = std::floor(shift);
      return normalised(s + static_cast<std::int64_t>(sw), frac + (shift - sw));
    }
    case TimeScale::UTC: break;
  }
  throw bad("unknown time scale");
}

namespace {

DaySplit split_in(TimeScale scale, std::int64_t s, double f, const EarthOrientation& eop) {
  switch (scale) {
    case TimeScale::TAI: return split_continuous(s, f);
    case TimeScale::TT: {
      Epoch e = Epoch::from_tai_seconds(s + 32, f + (kTtMinusTai - 32.0));
      return split_continuous(e.tai_seconds(), e.tai_fraction());
    }
    case TimeScale::GPS: return split_continuous(s - kTaiMinusGps, f);
    case TimeScale::UTC: {
      // Find the UTC day whose TAI span holds the instant.
      DaySplit guess = split_continuous(s - 37, f);
      std::int64_t mjd = guess.mjd;
      for (int i = 0; i < 4; ++i) {
        auto [s0, f0] = tai_at_utc_midnight(mjd);
        double into = static_cast<double>(s - s0) + (f - f0);
        if (into < 0) { --mjd; continue; }
        std::int64_t length = utc_day_length(mjd);
        if (mjd < 41317) {
          // Drifting era: TAI-UTC varies within the day; solve for the UTC second of day directly.
          double sod = into;
          for (int k = 0; k < 3; ++k) {
            double dat0 = tai_minus_utc(mjd, 0.0);
            double dat = tai_minus_utc(mjd, sod / kDay);
            sod = into - (dat - dat0);
          }
          if (sod >= static_cast<double>(length)) { ++mjd; continue; }
          double w = std::floor(sod);
          return {mjd, static_cast<std::int64_t>(w), sod - w, length};
        }
        if (into >= static_cast<double>(length)) { ++mjd; continue; }
        Epoch e = Epoch::from_tai_seconds(s - s0, f - f0);
        return {mjd, e.tai_seconds(), e.tai_fraction(), length};
      }
      throw InputError("epoch: cannot place the instant in a UTC day");
    }
    case TimeScale::UT1: {
      DaySplit utc = split_in(TimeScale::UTC, s, f, eop);
      double utc_mjd = static_cast<double>(utc.mjd) + (static_cast<double>(utc.second) + utc.fraction) / kDay;
      double dut1 = eop.at_utc_mjd(utc_mjd).ut1_minus_utc;
      // UT1 has no leap seconds: rebuild it as a continuous count from the UTC day and second.
      Epoch e = Epoch::from_tai_seconds((utc.mjd - kMjdJ2000) * kDay - kDay / 2 + utc.second,
                                        utc.fraction + dut1);
      return split_continuous(e.tai_seconds(), e.tai_fraction());
    }
  }
  throw InputError("epoch: unknown time scale");
}

}  // namespace

CalendarTime Epoch::calendar(TimeScale scale, const EarthOrientation& eop) const {
  DaySplit d = split_in(scale, seconds_, fraction_, eop);
  CalendarTime c;
  date_of(d.mjd, c.year, c.month, c.day);
  std::int64_t sod = d.second;
  if (sod >= kDay) {  // inside a leap second
    c.hour = 23;
    c.minute = 59;
    c.second = static_cast<double>(sod - kDay + 60) + d.fraction;
    return c;
  }
  c.hour = static_cast<int>(sod / 3600);
  c.minute = static_cast<int>((sod % 3600) / 60);
  c.second = static_cast<double>(sod % 60) + d.fraction;
  return c;
}

std::string Epoch::iso(TimeScale scale, int decimals, const EarthOrientation& eop) const {
  if (decimals < 0 || decimals > 12) throw InputError("epoch: decimals must be 0..12");
  DaySplit d = split_in(scale, seconds_, fraction_, eop);
  // Round the fraction to the requested digits as an integer count, carrying into the second and the day.
  auto unit = static_cast<std::int64_t>(std::llround(std::pow(10.0, decimals)));
  auto ticks = static_cast<std::int64_t>(std::llround(d.fraction * static_cast<double>(unit)));
  std::int64_t sod = d.second;
  std::int64_t mjd = d.mjd;
  if (ticks >= unit) {
    ticks -= unit;
    if (++sod >= d.day_length) {
      sod = 0;
      ++mjd;
    }
  }
  int y = 0, mo = 0, dd = 0;
  date_of(mjd, y, mo, dd);
  int h = 23, mi = 59, sec = 60;
  if (sod < kDay) {
    h = static_cast<int>(sod / 3600);
    mi = static_cast<int>((sod % 3600) / 60);
    sec = static_cast<int>(sod % 60);
  }
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", y, mo, dd, h, mi, sec);
  if (decimals > 0) out += fmt::format(".{:0{}d}", ticks, decimals);
  return out;
}

JulianDate Epoch::jd(TimeScale scale, const EarthOrientation& eop) const {
  DaySplit d = split_in(scale, seconds_, fraction_, eop);
  // ERFA's quasi-JD for UTC: the fraction is seconds into the day over the day's length.
  double length = scale == TimeScale::UTC ? static_cast<double>(d.day_length) : static_cast<double>(kDay);
  return {static_cast<double>(d.mjd) + 2400000.5, (static_cast<double>(d.second) + d.fraction) / length};
}

double Epoch::mjd(TimeScale scale, const EarthOrientation& eop) const {
  JulianDate j = jd(scale, eop);
  return (j.whole - 2400000.5) + j.fraction;
}

Epoch Epoch::from_jd(TimeScale scale, double jd1, double jd2, const EarthOrientation& eop) {
  if (!std::isfinite(jd1) || !std::isfinite(jd2)) throw InputError("epoch: non-finite Julian date");
  // Re-split so that the whole part is the preceding midnight (a .5 value) and 0 <= fraction < 1.
  double a = std::floor(jd1 - 0.5), fa = (jd1 - 0.5) - a;
  double b = std::floor(jd2), fb = jd2 - b;
  double frac = fa + fb;
  double whole = a + b + std::floor(frac);
  frac -= std::floor(frac);
  auto mjd = static_cast<std::int64_t>(whole - 2400000.0);  // whole + 0.5 - 2400000.5
  double sod = frac * static_cast<double>(scale == TimeScale::UTC ? utc_day_length(mjd) : kDay);
  int y = 0, m = 0, d = 0;
  date_of(mjd, y, m, d);
  double hours = std::floor(sod / 3600.0);
  double minutes = std::floor((sod - hours * 3600.0) / 60.0);
  CalendarTime t{y, m, d, static_cast<int>(std::min(hours, 23.0)), static_cast<int>(std::min(minutes, 59.0)),
                 sod - std::min(hours, 23.0) * 3600.0 - std::min(minutes, 59.0) * 60.0};
  return from_calendar(scale, t, eop);
}

Epoch Epoch::from_mjd(TimeScale scale, double mjd_days, double fraction, const EarthOrientation& eop) {
  return from_jd(scale, 2400000.5 + mjd_days, fraction, eop);
}

Epoch Epoch::from_tle_epoch(int two_digit_year, double day_of_year) {
  if (two_digit_year < 0 || two_digit_year > 99)
    throw InputError(fmt::format("TLE epoch year {} is not two digits", two_digit_year));
  if (!(day_of_year >= 1.0 && day_of_year < 367.0) || !std::isfinite(day_of_year))
    throw InputError(fmt::format("TLE epoch day of year {} is outside 1..366", day_of_year));
  int year = two_digit_year < 57 ? 2000 + two_digit_year : 1900 + two_digit_year;
  double whole_day = std::floor(day_of_year);
  std::int64_t mjd = mjd_of(year, 1, 1) + static_cast<std::int64_t>(whole_day) - 1;
  int y = 0, m = 0, d = 0;
  date_of(mjd, y, m, d);
  if (y != year) throw InputError(fmt::format("TLE epoch day of year {} does not exist in {}", day_of_year, year));
  double sod = (day_of_year - whole_day) * static_cast<double>(kDay);
  auto h = std::min(static_cast<int>(sod / 3600.0), 23);
  auto mi = std::min(static_cast<int>((sod - h * 3600.0) / 60.0), 59);
  return from_calendar(TimeScale::UTC, {y, m, d, h, mi, sod - h * 3600.0 - mi * 60.0});
}

std::pair<int, double> Epoch::tle_epoch() const {
  DaySplit d = split_in(TimeScale::UTC, seconds_, fraction_, EarthOrientation::none());
  int y = 0, m = 0, dd = 0;
  date_of(d.mjd, y, m, dd);
  double doy = static_cast<double>(d.mjd - mjd_of(y, 1, 1) + 1) +
               (static_cast<double>(d.second) + d.fraction) / static_cast<double>(d.day_length);
  return {y % 100, doy};
}

Epoch Epoch::from_iso(std::string_view text, TimeScale scale, const EarthOrientation& eop) {
  std::string s(text::trim(text));
  auto fail = [&](const std::string& why) {
    return InputError(fmt::format("invalid ISO 8601 time '{}': {} (expected YYYY-MM-DDThh:mm:ss[.fff][Z])",
                                  std::string(text), why));
  };
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    if (scale != TimeScale::UTC) throw fail("a 'Z' suffix means UTC");
    s.pop_back();
  }
  std::string date = s, time;
  if (auto pos = s.find_first_of("Tt "); pos != std::string::npos) {
    date = s.substr(0, pos);
    time = s.substr(pos + 1);
  }
  CalendarTime t;
  // Date: YYYY-MM-DD or YYYY-DDD.
  auto dash = date.find('-');
  if (dash != 4) throw fail("year must have 4 digits");
  auto year = text::parse_int(date.substr(0, 4));
  if (!year || date[0] == '-' || date[0] == '+') throw fail("bad year");
  t.year = static_cast<int>(*year);
  std::string rest = date.substr(5);
  if (rest.size() == 3 && rest.find('-') == std::string::npos) {
    auto doy = text::parse_int(rest);
    if (!doy || *doy < 1 || *doy > 366) throw fail("day of year must be 001..366");
    std::int64_t mjd = mjd_of(t.year, 1, 1) + *doy - 1;
    date_of(mjd, t.year, t.month, t.day);
    if (t.year != static_cast<int>(*year)) throw fail("day of year past the end of the year");
  } else {
    if (rest.size() != 5 || rest[2] != '-') throw fail("date must be YYYY-MM-DD");
    auto mo = text::parse_int(rest.substr(0, 2));
    auto dd = text::parse_int(rest.substr(3, 2));
    if (!mo || !dd) throw fail("bad month or day");
    t.month = static_cast<int>(*mo);
    t.day = static_cast<int>(*dd);
  }
  if (!time.empty()) {
    if (time.size() < 5 || time[2] != ':') throw fail("time must be hh:mm[:ss[.fff]]");
    auto h = text::parse_int(time.substr(0, 2));
    auto mi = text::parse_int(time.substr(3, 2));
    if (!h || !mi) throw fail("bad hour or minute");
    t.hour = static_cast<int>(*h);
    t.minute = static_cast<int>(*mi);
    if (time.size() > 5) {
      if (time[5] != ':' || time.size() < 8) throw fail("seconds must be ss[.fff]");
      std::string sec = time.substr(6);
      if (!std::isdigit(static_cast<unsigned char>(sec[0])) || !std::isdigit(static_cast<unsigned char>(sec[1])) ||
          (sec.size() > 2 && sec[2] != '.'))
        throw fail("seconds must be two digits and an optional fraction");
      auto value = text::parse_double(sec);
      if (!value) throw fail("bad seconds");
      t.second = *value;
    }
  }
  try {
    return from_calendar(scale, t, eop);
  } catch (const InputError& e) {
    throw fail(e.what());
  }
}

}  // namespace deorbit

// Reference: CelesTrak "Space Weather Data" documentation (https://celestrak.org/SpaceData/SpaceWx-format.php):
// SW-All.csv columns, and the fixed-width SpaceWeather-All layout FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,
// F6.1,I2,5F6.1). The rules applied by at() are stated in space_weather.h.
#include "deorbit/atmosphere/space_weather.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

using Kind = SpaceWeatherDay::Kind;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr long days_from_civil(long y, long m, long d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
constexpr long kMjdOf1970 = 40587;  // MJD of 1970-01-01

int mjd_of(int y, int m, int d) { return static_cast<int>(days_from_civil(y, m, d) + kMjdOf1970); }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

void civil_from_mjd(int mjd, int& y, int& m, int& d) {
  long z = mjd - kMjdOf1970 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::string date_text(int mjd) {
  int y = 0, m = 0, d = 0;
  civil_from_mjd(mjd, y, m, d);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

// A row being read, with where it came from (for the order check's message).
struct Row {
  SpaceWeatherDay day;
  int line = 0;
  int date_column = 1;
};

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(int line, int column, std::string field, std::string expected, std::string found) const {
    throw InputError(ParseIssue{source_, line, column, std::move(field), std::move(expected), std::move(found)});
  }

  void add(Row row) {
    if (!rows_.empty() && row.day.mjd <= rows_.back().day.mjd)
      fail(row.line, row.date_column, "date", "a date after the previous row's " + date_text(rows_.back().day.mjd),
           date_text(row.day.mjd));
    rows_.push_back(std::move(row));
  }

  std::vector<SpaceWeatherDay> take() {
    std::vector<SpaceWeatherDay> out;
    out.reserve(rows_.size());
    for (auto& r : rows_) out.push_back(r.day);
    return out;
  }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<Row> rows_;
};

int checked_mjd(const Reader& r, int line, int column, const std::string& text, long y, long m, long d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(static_cast<int>(y), static_cast<int>(m)))
    r.fail(line, column, "date", "a calendar date between 1900 and 2200", text);
  return mjd_of(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

// ---- SW-All.csv -------------------------------------------------------------------------------------------------

struct Field {
  std::string_view text;
  int column = 1;  // 1-based column of the field's first character
};

// SW-All.csv holds numbers and codes only: fields are split at commas (no quoting), keeping their columns.
std::vector<Field> split_fields(std::string_view line) {
  std::vector<Field> out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    out.push_back({line.substr(start, end - start), static_cast<int>(start) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

void read_csv(std::istream& in, Reader& reader) {
  const std::string ap_names[8] = {"AP1", "AP2", "AP3", "AP4", "AP5", "AP6", "AP7", "AP8"};
  std::vector<std::string> header;
  struct Columns {
    std::size_t date, ap[8], ap_avg, f107, type, ctr81;
  } col{};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    text::chomp_cr(line);
    std::string_view t = text::trim(line);
    if (t.empty() || t.front() == '#') continue;
    auto fields = split_fields(line);
    if (header.empty()) {
      for (const auto& f : fields) header.push_back(text::upper(text::trim(f.text)));
      auto find = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
          reader.fail(line_no, 1, name, "a header naming the column " + name + " (CelesTrak SW-All.csv)", "no such column");
        return static_cast<std::size_t>(it - header.begin());
      };
      col.date = find("DATE");
      for (int i = 0; i < 8; ++i) col.ap[i] = find(ap_names[i]);
      col.ap_avg = find("AP_AVG");
      col.f107 = find("F10.7_OBS");
      col.type = find("F10.7_DATA_TYPE");
      col.ctr81 = find("F10.7_OBS_CENTER81");
      continue;
    }
    if (fields.size() != header.size())
      reader.fail(line_no, static_cast<int>(line.size()) + 1, "row",
                  fmt::format("{} comma-separated fields, as in the header", header.size()),
                  fmt::format("{} fields", fields.size()));
    auto number = [&](std::size_t i, const std::string& name, bool non_negative = true) {
      std::string_view cell = text::trim(fields[i].text);
      auto v = text::parse_double(cell);
      if (!v || (non_negative && *v < 0))
        reader.fail(line_no, fields[i].column, name, non_negative ? "a number >= 0" : "a number", std::string(cell));
      return *v;
    };
    Row row;
    row.line = line_no;
    row.date_column = fields[col.date].column;
    std::string date(text::trim(fields[col.date].text));
    {
      long y = 0, m = 0, d = 0;
      char dash1 = 0, dash2 = 0;
      std::istringstream ds(date);
      if (date.size() != 10 || !(ds >> y >> dash1 >> m >> dash2 >> d) || dash1 != '-' || dash2 != '-' || m < 0 || d < 0)
        reader.fail(line_no, row.date_column, "DATE", "a date YYYY-MM-DD", date);
      row.day.mjd = checked_mjd(reader, line_no, row.date_column, date, y, m, d);
    }
    std::string type = text::upper(text::trim(fields[col.type].text));
    if (type == "OBS" || type == "INT") row.day.kind = Kind::Observed;
    else if (type == "PRD") row.day.kind = Kind::DailyPredicted;
    else if (type == "PRM") row.day.kind = Kind::MonthlyPredicted;
    else reader.fail(line_no, fields[col.type].column, "F10.7_DATA_TYPE", "OBS, INT, PRD or PRM", type);
    if (row.day.kind == Kind::MonthlyPredicted) {
      if (row.day.mjd != mjd_of(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)), 1))
        reader.fail(line_no, row.date_column, "DATE", "the first day of a month (monthly prediction)", date);
    } else {
      // Monthly predictions leave Ap empty; every daily row must carry it.
      for (int i = 0; i < 8; ++i) row.day.ap3h[static_cast<std::size_t>(i)] = number(col.ap[i], ap_names[i]);
      row.day.ap_daily = number(col.ap_avg, "AP_AVG");
    }
    row.day.f107_observed = number(col.f107, "F10.7_OBS");
    row.day.f107_observed_ctr81 = number(col.ctr81, "F10.7_OBS_CENTER81");
    reader.add(std::move(row));
  }
  if (header.empty()) reader.fail(0, 0, "header", "a CSV header line starting DATE,", "an empty file");
}

// ---- SpaceWeather-All fixed width ---------------------------------------------------------------------------------

// One field of FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,5F6.1): 1-based first column and width.
struct FixedField {
  const char* name;
  int column;
  int width;
  bool integer;
};

constexpr FixedField kHead[] = {
    {"year", 1, 4, true},     {"month", 5, 3, true},    {"day", 8, 3, true},       {"BSRN", 11, 5, true},
    {"ND", 16, 3, true},      {"Kp1", 19, 3, true},     {"Kp2", 22, 3, true},      {"Kp3", 25, 3, true},
    {"Kp4", 28, 3, true},     {"Kp5", 31, 3, true},     {"Kp6", 34, 3, true},      {"Kp7", 37, 3, true},
    {"Kp8", 40, 3, true},     {"Kp sum", 43, 4, true},  {"Ap1", 47, 4, true},      {"Ap2", 51, 4, true},
    {"Ap3", 55, 4, true},     {"Ap4", 59, 4, true},     {"Ap5", 63, 4, true},      {"Ap6", 67, 4, true},
    {"Ap7", 71, 4, true},     {"Ap8", 75, 4, true},     {"Ap avg", 79, 4, true},   {"Cp", 83, 4, false},
    {"C9", 87, 2, true},      {"ISN", 89, 4, true},     {"F10.7 adj", 93, 6, false}, {"Q", 99, 2, true},
};
// After the flux qualifier; in the 131-column variant every column is one further right.
constexpr FixedField kTail[] = {
    {"adj Ctr81", 101, 6, false}, {"adj Lst81", 107, 6, false}, {"F10.7 obs", 113, 6, false},
    {"obs Ctr81", 119, 6, false}, {"obs Lst81", 125, 6, false},
};
constexpr int kFieldsHead = static_cast<int>(std::size(kHead));

void read_fixed(std::istream& in, Reader& reader) {
  Kind section = Kind::Observed;
  bool reading = false;  // inside OBSERVED, DAILY_PREDICTED or MONTHLY_PREDICTED (MONTHLY_FIT is skipped)
  bool any_section = false;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    text::chomp_cr(line);
    std::string_view t = text::trim(line);
    if (t.starts_with("BEGIN ")) {
      std::string_view name = text::trim(t.substr(6));
      any_section = true;
      reading = true;
      if (name == "OBSERVED") section = Kind::Observed;
      else if (name == "DAILY_PREDICTED") section = Kind::DailyPredicted;
      else if (name == "MONTHLY_PREDICTED") section = Kind::MonthlyPredicted;
      else reading = false;  // MONTHLY_FIT and anything unknown
      continue;
    }
    if (t.starts_with("END ")) {
      reading = false;
      continue;
    }
    if (!reading || t.empty()) continue;
    std::string_view data = line;
    while (!data.empty() && (data.back() == ' ' || data.back() == '\t')) data.remove_suffix(1);
    if (data.size() != 130 && data.size() != 131)
      reader.fail(line_no, static_cast<int>(data.size()) + 1, "data line",
                  "130 columns (FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,5F6.1)) or 131 (v1.2: one "
                  "more blank after the flux qualifier)",
                  fmt::format("{} columns", data.size()));
    const int shift = data.size() == 131 ? 1 : 0;
    if (shift && data[100] != ' ')
      reader.fail(line_no, 101, "blank after Q", "a blank in column 101 of a 131-column line",
                  std::string(1, data[100]));
    double v[kFieldsHead + 5];
    auto parse = [&](const FixedField& f, int extra, int index) {
      int column = f.column + extra;
      std::string_view cell = data.substr(static_cast<std::size_t>(column - 1), static_cast<std::size_t>(f.width));
      std::optional<double> value;
      if (f.integer) {
        if (auto i = text::parse_int(cell)) value = static_cast<double>(*i);
      } else {
        value = text::parse_double(cell);
      }
      if (!value || *value < 0)
        reader.fail(line_no, column, f.name, f.integer ? "a whole number >= 0" : "a number >= 0", std::string(cell));
      v[index] = *value;
    };
    for (int i = 0; i < kFieldsHead; ++i) parse(kHead[i], 0, i);
    for (int i = 0; i < 5; ++i) parse(kTail[i], shift, kFieldsHead + i);
    Row row;
    row.line = line_no;
    row.day.kind = section;
    row.day.mjd = checked_mjd(reader, line_no, 1, std::string(data.substr(0, 10)), static_cast<long>(v[0]),
                              static_cast<long>(v[1]), static_cast<long>(v[2]));
    if (row.day.kind == Kind::MonthlyPredicted && v[2] != 1)
      reader.fail(line_no, 8, "day", "the first day of a month (monthly prediction)", std::string(data.substr(7, 3)));
    if (row.day.kind != Kind::MonthlyPredicted) {  // monthly rows' Ap are placeholders: the rule replaces them
      for (int i = 0; i < 8; ++i) row.day.ap3h[static_cast<std::size_t>(i)] = v[14 + i];
      row.day.ap_daily = v[22];
    }
    row.day.f107_observed = v[kFieldsHead + 2];
    row.day.f107_observed_ctr81 = v[kFieldsHead + 3];
    reader.add(std::move(row));
  }
  if (!any_section)
    reader.fail(0, 0, "file", "CelesTrak SW-All.csv (header DATE,...) or SpaceWeather-All (BEGIN OBSERVED ...)",
                "neither");
}

// The UTC day (MJD) and 3-hour interval of an instant. The force model asks for every evaluation, so the day's
// bounds are cached per thread: the UTC calendar (and its leap seconds) is computed once a day, not each call.
struct UtcSlot {
  int mjd = 0;
  int slot = 0;  // 0..7, the 3-hour interval (a leap second belongs to the last)
};

UtcSlot utc_slot(const Epoch& t) {
  struct DayCache {
    Epoch start, end;  // [start, end) of the cached UTC day
    int mjd = 0;
    bool valid = false;
  };
  thread_local DayCache cache;
  if (!cache.valid || t < cache.start || !(t < cache.end)) {
    JulianDate jd = t.jd(TimeScale::UTC);
    cache.mjd = static_cast<int>(std::lround(jd.whole - 2400000.5));
    cache.start = Epoch::from_mjd(TimeScale::UTC, cache.mjd);
    cache.end = Epoch::from_mjd(TimeScale::UTC, cache.mjd + 1);
    cache.valid = true;
  }
  return {cache.mjd, std::clamp(static_cast<int>(std::floor((t - cache.start) / 10800.0)), 0, 7)};
}

std::uint64_t next_table_id() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

// The embedded table, parsed once.
const SpaceWeather& embedded_table() {
  static const SpaceWeather table = [] {
    auto text = embedded_data("space_weather_default.csv");
    if (!text) throw InputError("the embedded space-weather table data/space_weather_default.csv is missing");
    return SpaceWeather::parse(*text, "embedded space_weather_default.csv");
  }();
  return table;
}

}  // namespace

SpaceWeather::SpaceWeather() : id_(next_table_id()) {}

SpaceWeather::SpaceWeather(const SpaceWeather& other)
    : days_(other.days_),
      source_(other.source_),
      constant_(other.constant_),
      constant_values_(other.constant_values_),
      monthly_ap_(other.monthly_ap_),
      last_observed_mjd_(other.last_observed_mjd_),
      end_mjd_(other.end_mjd_),
      id_(next_table_id()) {}

SpaceWeather& SpaceWeather::operator=(const SpaceWeather& other) {
  if (this == &other) return *this;
  id_ = next_table_id();
  days_ = other.days_;
  source_ = other.source_;
  constant_ = other.constant_;
  constant_values_ = other.constant_values_;
  monthly_ap_ = other.monthly_ap_;
  last_observed_mjd_ = other.last_observed_mjd_;
  end_mjd_ = other.end_mjd_;
  warned_predicted_ = false;
  warned_outside_ = false;
  return *this;
}

SpaceWeather SpaceWeather::parse(std::string_view text, const std::string& source) {
  std::istringstream in{std::string(text)};
  // The CSV starts (after '#' comment lines) with its header; the fixed-width file with DATATYPE/VERSION lines.
  std::string first;
  while (std::getline(in, first)) {
    text::chomp_cr(first);
    std::string_view t = text::trim(first);
    if (!t.empty() && t.front() != '#') break;
  }
  in.clear();
  in.seekg(0);
  Reader reader(source);
  if (text::starts_with_ci(text::trim(first), "DATE,")) read_csv(in, reader);
  else read_fixed(in, reader);
  SpaceWeather sw;
  sw.days_ = reader.take();
  sw.source_ = source;
  sw.finish();
  return sw;
}

SpaceWeather SpaceWeather::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open space-weather file", path.string()));
  std::ostringstream content;
  content << in.rdbuf();
  return parse(content.str(), path.string());
}

SpaceWeather SpaceWeather::embedded() {
  const SpaceWeather& table = embedded_table();
  static std::atomic<bool> warned{false};
  if (!warned.exchange(true))
    warn(fmt::format("no space-weather table given: using the embedded table (CelesTrak SW-All.csv, observed to {}, "
                     "predictions to {}); pass a current SW-All.csv for real conditions",
                     date_text(table.last_observed_mjd()), date_text(table.end_mjd())));
  return table;
}

SpaceWeather SpaceWeather::constant(const SpaceWeatherValues& values) {
  SpaceWeather sw;
  sw.constant_ = true;
  sw.constant_values_ = values;
  sw.source_ = fmt::format("constant (F10.7 {}, F10.7A {}, Ap {})", values.f107_previous_day,
                           values.f107_81day_centred, values.ap_daily);
  return sw;
}

SpaceWeather SpaceWeather::known_at(const Epoch& as_of, int forecast_days) const {
  using Kind = SpaceWeatherDay::Kind;
  if (constant_) throw InputError("a constant space weather has no observations to cut at an epoch");
  const int day = utc_slot(as_of).mjd;
  SpaceWeather sw;
  for (const auto& d : days_)
    if (d.kind == Kind::Observed && d.mjd < day) sw.days_.push_back(d);
  if (sw.days_.empty())
    throw InputError(fmt::format("{}: no observed space weather before {}", source_, date_text(day)));
  // Persistence of the last 81 observed days (three solar rotations, so that recurrent features average out).
  double f107 = 0, ap = 0;
  int n = 0;
  for (auto it = sw.days_.rbegin(); it != sw.days_.rend() && n < 81; ++it, ++n) {
    f107 += it->f107_observed;
    ap += it->ap_daily;
  }
  f107 /= n;
  ap /= n;
  const int last_kept = sw.days_.back().mjd;
  for (int m = last_kept + 1; m < day + forecast_days; ++m) {
    SpaceWeatherDay d;
    d.mjd = m;
    d.ap3h.fill(ap);
    d.ap_daily = ap;
    d.f107_observed = f107;
    d.kind = Kind::DailyPredicted;
    sw.days_.push_back(d);
  }
  // Centred 81-day means reaching past the last kept observation: recomputed from what was known.
  for (SpaceWeatherDay& d : sw.days_) {
    if (d.mjd + 40 <= last_kept) continue;
    if (d.mjd - 40 > last_kept) {
      d.f107_observed_ctr81 = f107;
      continue;
    }
    double sum = 0;
    int count = 0;
    for (int m = d.mjd - 40; m <= d.mjd + 40; ++m) {
      auto it = std::lower_bound(sw.days_.begin(), sw.days_.end(), m,
                                 [](const SpaceWeatherDay& r, int v) { return r.mjd < v; });
      if (it == sw.days_.end() || it->mjd != m) continue;  // a gap in the observations: left out of the mean
      sum += it->f107_observed;
      ++count;
    }
    d.f107_observed_ctr81 = count ? sum / count : f107;
  }
  sw.source_ = fmt::format("{} as known at {} (then persistence: F10.7 {:.1f}, Ap {:.1f})", source_,
                           as_of.iso(TimeScale::UTC, 0), f107, ap);
  sw.finish();
  return sw;
}

std::shared_ptr<const SpaceWeather> SpaceWeather::with_scaled_predictions(double f107_factor, double ap_factor) const {
  auto copy = std::make_shared<SpaceWeather>(*this);
  SpaceWeather& sw = *copy;
  for (auto& d : sw.days_) {
    if (d.kind == SpaceWeatherDay::Kind::Observed) continue;
    d.f107_observed *= f107_factor;
    d.f107_observed_ctr81 *= f107_factor;
    d.ap_daily *= ap_factor;
    for (double& a : d.ap3h) a *= ap_factor;
  }
  sw.monthly_ap_ = monthly_ap_ * ap_factor;
  sw.warned_predicted_ = true;
  sw.warned_outside_ = warned_outside_.load();
  return copy;
}

void SpaceWeather::finish() {
  if (days_.empty()) throw InputError(fmt::format("{}: no space-weather rows found", source_));
  // Monthly predictions carry no Ap: the mean daily Ap of the last 81 observed days (see the header).
  auto mean_last = [&](Kind kind) -> std::optional<double> {
    double sum = 0;
    int n = 0;
    for (auto it = days_.rbegin(); it != days_.rend() && n < 81; ++it) {
      if (it->kind != kind) continue;
      sum += it->ap_daily;
      ++n;
    }
    if (n == 0) return std::nullopt;
    return sum / n;
  };
  auto ap = mean_last(Kind::Observed);
  if (!ap) ap = mean_last(Kind::DailyPredicted);
  bool has_monthly = std::any_of(days_.begin(), days_.end(), [](const auto& d) { return d.kind == Kind::MonthlyPredicted; });
  if (!ap && has_monthly)
    throw InputError(fmt::format("{}: only monthly predictions, which carry no Ap: the table needs observed or "
                                 "daily-predicted rows",
                                 source_));
  monthly_ap_ = ap.value_or(0.0);
  for (auto& d : days_) {
    if (d.kind != Kind::MonthlyPredicted) continue;
    d.ap_daily = monthly_ap_;
    d.ap3h.fill(monthly_ap_);
  }
  last_observed_mjd_ = 0;
  for (const auto& d : days_)
    if (d.kind == Kind::Observed) last_observed_mjd_ = d.mjd;
  const SpaceWeatherDay& last = days_.back();
  end_mjd_ = last.mjd;
  if (last.kind == Kind::MonthlyPredicted) {
    int y = 0, m = 0, d = 0;
    civil_from_mjd(last.mjd, y, m, d);
    end_mjd_ = last.mjd + days_in_month(y, m) - 1;
  }
}

const SpaceWeatherDay& SpaceWeather::row_for(int mjd) const {
  auto it = std::upper_bound(days_.begin(), days_.end(), mjd, [](int m, const SpaceWeatherDay& d) { return m < d.mjd; });
  return it == days_.begin() ? days_.front() : *(it - 1);
}

SpaceWeatherValues SpaceWeather::at(const Epoch& t) const {
  if (constant_) return constant_values_;
  if (days_.empty()) {
    if (!warned_outside_.exchange(true))
      warn("empty space-weather table: using F10.7 = F10.7A = 150, Ap = 4");
    return {};
  }
  // The values change only with the UTC day and 3-hour interval: the last ones are kept per thread and table.
  const UtcSlot here = utc_slot(t);
  struct ValueCache {
    std::uint64_t table = 0;
    UtcSlot at;
    SpaceWeatherValues values;
  };
  thread_local ValueCache cache;
  if (cache.table == id_ && cache.at.mjd == here.mjd && cache.at.slot == here.slot) return cache.values;
  const int day = here.mjd;
  const int slot = here.slot;

  if ((day - 3 < days_.front().mjd || day > end_mjd_) && !warned_outside_.exchange(true)) {
    bool before = day - 3 < days_.front().mjd;
    warn(fmt::format("{} is outside the space-weather table {} ({}..{}): holding its {} row", date_text(day), source_,
                     date_text(days_.front().mjd), date_text(end_mjd_), before ? "first" : "last"));
  }
  if (day > last_observed_mjd_ && !warned_predicted_.exchange(true))
    warn(fmt::format("{} is past the last observed day ({}) of the space-weather table {}: using its predictions",
                     date_text(day), last_observed_mjd_ ? date_text(last_observed_mjd_) : "none", source_));

  const SpaceWeatherDay& today = row_for(day);
  const SpaceWeatherDay& yesterday = row_for(day - 1);
  const SpaceWeatherDay* rows[4] = {&today, &yesterday, &row_for(day - 2), &row_for(day - 3)};
  // 3-hour ap `back` intervals before the current one (0 = current), reaching into earlier days.
  auto ap3 = [&](int back) {
    int s = slot - back;  // >= -19
    int days_back = s >= 0 ? 0 : (-s + 7) / 8;
    return rows[days_back]->ap3h[static_cast<std::size_t>(s + 8 * days_back)];
  };
  auto mean8 = [&](int first) {
    double sum = 0;
    for (int i = first; i < first + 8; ++i) sum += ap3(i);
    return sum / 8.0;
  };

  SpaceWeatherValues v;
  v.f107_previous_day = yesterday.f107_observed;
  v.f107_81day_centred = today.f107_observed_ctr81;
  v.ap_daily = today.ap_daily;
  v.ap_history = {today.ap_daily, ap3(0), ap3(1), ap3(2), ap3(3), mean8(4), mean8(12)};
  cache = {id_, here, v};
  return v;
}

}  // namespace deorbit

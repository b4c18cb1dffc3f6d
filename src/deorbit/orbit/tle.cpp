// Reference: CelesTrak, "NORAD Two-Line Element Set Format" (column layout); Alpha-5 from the 18th SDS notice.
#include "deorbit/orbit/tle.h"

#include <cctype>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

constexpr double kRevPerDayToRadPerSec = constants::two_pi / constants::seconds_per_day;
constexpr double kRevPerDay2ToRadPerSec2 = kRevPerDayToRadPerSec / constants::seconds_per_day;
constexpr double kRevPerDay3ToRadPerSec3 = kRevPerDay2ToRadPerSec2 / constants::seconds_per_day;

// One line of a TLE with its position, for field extraction with precise errors.
struct Line {
  std::string_view text;
  const std::string& file;
  int line_no;

  // Columns are 1-based and inclusive, as in the format's documentation.
  [[nodiscard]] std::string_view cols(int first, int last) const {
    auto begin = static_cast<std::size_t>(first - 1);
    if (begin >= text.size()) return {};
    return text.substr(begin, static_cast<std::size_t>(last - first + 1));
  }
  [[noreturn]] void fail(int column, const char* field, const std::string& expected, std::string_view found) const {
    throw InputError(ParseIssue{file, line_no, column, field, expected, std::string(found)});
  }
  [[nodiscard]] double number(int first, int last, const char* field, const char* expected) const {
    std::string_view f = cols(first, last);
    auto v = text::parse_double(f);
    if (!v) fail(first, field, expected, f);
    return *v;
  }
  // A decimal with an implied leading point, e.g. "1859667" -> 0.1859667.
  [[nodiscard]] double implied_decimal(int first, int last, const char* field) const {
    std::string_view f = cols(first, last);
    std::string_view t = text::trim(f);
    for (char c : t)
      if (!std::isdigit(static_cast<unsigned char>(c))) fail(first, field, "digits with an implied leading decimal point", f);
    if (t.empty()) fail(first, field, "digits with an implied leading decimal point", f);
    return *text::parse_double("0." + std::string(t));
  }
  // The TLE exponent form " 28098-4" = +0.28098e-4 (sign, 5 digits with implied point, signed exponent digit).
  [[nodiscard]] double exponent_field(int first, int last, const char* field) const {
    static const std::string expected = "[sign]5 digits and a signed exponent, e.g. ' 28098-4'";
    std::string_view f = cols(first, last);
    std::string t(text::trim(f));
    if (t.empty()) fail(first, field, expected, f);
    double sign = 1;
    if (t[0] == '-' || t[0] == '+') {
      sign = t[0] == '-' ? -1 : 1;
      t.erase(0, 1);
    }
    if (!t.empty() && t[0] == '.') t.erase(0, 1);  // some producers write "-.12345-4"
    auto exp_pos = t.find_last_of("+-");
    if (exp_pos == std::string::npos || exp_pos == 0 || exp_pos + 1 >= t.size()) {
      if (t.find_first_not_of('0') == std::string::npos && !t.empty()) return 0.0;  // "00000" with no exponent
      fail(first, field, expected, f);
    }
    std::string mantissa = t.substr(0, exp_pos), exponent = t.substr(exp_pos);
    for (char c : mantissa)
      if (!std::isdigit(static_cast<unsigned char>(c))) fail(first, field, expected, f);
    auto e = text::parse_int(exponent);
    if (!e) fail(first, field, expected, f);
    return sign * *text::parse_double("0." + mantissa) * std::pow(10.0, static_cast<double>(*e));
  }
};

bool is_tle_line(std::string_view line, char number) {
  return line.size() >= 2 && line[0] == number && line[1] == ' ';
}

void check_line(const Line& l, char number, bool verify_checksum) {
  std::string_view t = l.text;
  if (t.size() > 69 && !text::trim(t.substr(69)).empty())
    l.fail(70, "line length", "69 columns (nothing after the checksum)", t.substr(69));
  std::size_t min_len = verify_checksum ? 69 : 68;
  if (text::trim(t.substr(0, std::min<std::size_t>(t.size(), 69))).size() < 2 || t.size() < min_len)
    l.fail(static_cast<int>(t.size()) + 1, "line length", fmt::format("a {}-column TLE line {}", 69, number),
           fmt::format("{} columns", t.size()));
  if (t[0] != number) l.fail(1, "line number", fmt::format("'{}'", number), t.substr(0, 1));
  if (verify_checksum) {
    char c = t[68];
    if (!std::isdigit(static_cast<unsigned char>(c))) l.fail(69, "checksum", "a digit", t.substr(68, 1));
    int expected = tle_checksum(t);
    if (c - '0' != expected) l.fail(69, "checksum", fmt::format("checksum {}", expected), t.substr(68, 1));
  }
}

double angle_deg(const Line& l, int first, int last, const char* field, double max_deg) {
  double v = l.number(first, last, field, "an angle in degrees");
  if (v < 0 || v > max_deg) l.fail(first, field, fmt::format("an angle in [0, {}] degrees", max_deg), l.cols(first, last));
  return v * constants::deg;
}

std::string international_designator(const Line& l) {
  std::string_view f = l.cols(10, 17);
  std::string t(text::trim(f));
  if (t.empty()) return {};
  if (t.size() < 5 || !std::isdigit(static_cast<unsigned char>(t[0])) || !std::isdigit(static_cast<unsigned char>(t[1])))
    l.fail(10, "international designator", "YYNNNPPP (launch year, number, piece)", f);
  int yy = (t[0] - '0') * 10 + (t[1] - '0');
  int year = yy < 57 ? 2000 + yy : 1900 + yy;
  return fmt::format("{}-{}", year, t.substr(2));
}

}  // namespace

int tle_checksum(std::string_view line) {
  int sum = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(line.size(), 68); ++i) {
    char c = line[i];
    if (std::isdigit(static_cast<unsigned char>(c))) sum += c - '0';
    else if (c == '-') sum += 1;
  }
  return sum % 10;
}

std::optional<std::uint32_t> decode_alpha5(std::string_view field) {
  std::string t(text::trim(field));
  if (t.empty() || t.size() > 5) return std::nullopt;
  std::uint32_t lead = 0;
  char c = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  if (std::isdigit(static_cast<unsigned char>(c))) {
    lead = static_cast<std::uint32_t>(c - '0');
  } else if (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && t.size() == 5) {
    lead = static_cast<std::uint32_t>(c - 'A') + 10;
    if (c > 'I') --lead;
    if (c > 'O') --lead;
  } else {
    return std::nullopt;
  }
  std::uint32_t rest = 0;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
    rest = rest * 10 + static_cast<std::uint32_t>(t[i] - '0');
  }
  std::uint32_t scale = 1;
  for (std::size_t i = 1; i < t.size(); ++i) scale *= 10;
  return lead * scale + rest;
}

std::optional<std::string> encode_alpha5(std::uint32_t number) {
  if (number <= 99999) return fmt::format("{:05d}", number);
  if (number > 339999) return std::nullopt;
  std::uint32_t lead = number / 10000;  // 10..33
  char c = static_cast<char>('A' + (lead - 10));
  if (c >= 'I') ++c;
  if (c >= 'O') ++c;
  return fmt::format("{}{:04d}", c, number % 10000);
}

MeanElements parse_tle(std::string_view line1, std::string_view line2, std::string_view name, const std::string& file,
                       int first_line, bool verify_checksum) {
  Line l1{line1, file, first_line}, l2{line2, file, first_line + 1};
  check_line(l1, '1', verify_checksum);
  check_line(l2, '2', verify_checksum);

  MeanElements e;
  std::string n(text::trim(name));
  if (n.size() >= 2 && n[0] == '0' && n[1] == ' ') n = std::string(text::trim(n.substr(2)));  // "0 NAME" form
  e.object.name = n;

  auto num1 = decode_alpha5(l1.cols(3, 7));
  if (!num1) l1.fail(3, "satellite number", "5 digits, or Alpha-5 (letter A-Z without I, O, then 4 digits)", l1.cols(3, 7));
  auto num2 = decode_alpha5(l2.cols(3, 7));
  if (!num2) l2.fail(3, "satellite number", "5 digits, or Alpha-5 (letter A-Z without I, O, then 4 digits)", l2.cols(3, 7));
  if (*num1 != *num2) l2.fail(3, "satellite number", fmt::format("the same number as line 1 ({})", *num1), l2.cols(3, 7));
  e.object.catalogue_number = *num1;
  char cls = l1.cols(8, 8).empty() ? 'U' : l1.cols(8, 8)[0];
  if (cls == ' ') cls = 'U';
  if (cls != 'U' && cls != 'C' && cls != 'S') l1.fail(8, "classification", "U, C or S", l1.cols(8, 8));
  e.object.classification = cls;
  e.object.international_designator = international_designator(l1);

  auto yy = text::parse_int(l1.cols(19, 20));
  if (!yy || *yy < 0) l1.fail(19, "epoch year", "two digits", l1.cols(19, 20));
  double doy = l1.number(21, 32, "epoch day", "day of year with fraction, e.g. 179.78495062");
  try {
    e.epoch = Epoch::from_tle_epoch(static_cast<int>(*yy), doy);
  } catch (const InputError&) {
    l1.fail(21, "epoch day", "a day of year between 1 and 366", l1.cols(21, 32));
  }
  e.mean_motion_dot = l1.number(34, 43, "mean motion derivative", "rev/day^2, e.g. ' .00000023'") *
                      kRevPerDay2ToRadPerSec2;
  e.mean_motion_ddot = l1.exponent_field(45, 52, "mean motion second derivative") * kRevPerDay3ToRadPerSec3;
  e.bstar = l1.exponent_field(54, 61, "B*");
  std::string_view eph = text::trim(l1.cols(63, 63));
  if (eph.empty()) e.ephemeris_type = 0;
  else if (eph.size() == 1 && std::isdigit(static_cast<unsigned char>(eph[0]))) e.ephemeris_type = eph[0] - '0';
  else l1.fail(63, "ephemeris type", "a digit", l1.cols(63, 63));
  std::string_view elset = text::trim(l1.cols(65, 68));
  if (!elset.empty()) {
    auto v = text::parse_int(elset);
    if (!v || *v < 0) l1.fail(65, "element set number", "up to 4 digits", l1.cols(65, 68));
    e.element_set_number = static_cast<int>(*v);
  }

  e.inclination = angle_deg(l2, 9, 16, "inclination", 180.0);
  e.raan = angle_deg(l2, 18, 25, "right ascension of the ascending node", 360.0);
  e.eccentricity = l2.implied_decimal(27, 33, "eccentricity");
  e.arg_of_perigee = angle_deg(l2, 35, 42, "argument of perigee", 360.0);
  e.mean_anomaly = angle_deg(l2, 44, 51, "mean anomaly", 360.0);
  double n_rev_day = l2.number(53, 63, "mean motion", "revolutions per day, e.g. 15.50103472");
  if (!(n_rev_day > 0)) l2.fail(53, "mean motion", "a positive number of revolutions per day", l2.cols(53, 63));
  e.mean_motion = n_rev_day * kRevPerDayToRadPerSec;
  std::string_view rev = text::trim(l2.cols(64, 68));
  if (!rev.empty()) {
    auto v = text::parse_int(rev);
    if (!v || *v < 0) l2.fail(64, "revolution number", "up to 5 digits", l2.cols(64, 68));
    e.rev_at_epoch = static_cast<int>(*v);
  }
  return e;
}

TleReader::TleReader(std::istream& in, std::string file_label, ReadOptions options)
    : in_(in), file_(std::move(file_label)), options_(options) {}

bool TleReader::read_line(std::string& line) {
  if (pending_) {
    line = std::move(*pending_);
    pending_.reset();
    return true;
  }
  while (std::getline(in_, line)) {
    ++line_no_;
    text::chomp_cr(line);
    std::string_view t = text::trim(line);
    if (t.empty() || t.front() == '#') continue;
    return true;
  }
  return false;
}

std::optional<MeanElements> TleReader::next() {
  std::string line;
  while (read_line(line)) {
    std::string name;
    int name_line = 0;
    if (!is_tle_line(line, '1')) {
      if (is_tle_line(line, '2')) {
        ParseIssue issue{file_, line_no_, 1, "line 1", "line 1 of an element set before line 2", line.substr(0, 20)};
        if (options_.strict) throw InputError(issue);
        issues_.push_back(issue);
        continue;
      }
      name = line;
      name_line = line_no_;
      bool more = read_line(line);
      if (!more || !is_tle_line(line, '1')) {
        ParseIssue issue{file_, name_line, 1, "line 1",
                         "a TLE line 1 after the name line '" + std::string(text::trim(name)) + "'",
                         more ? line.substr(0, 20) : "end of input"};
        if (options_.strict) throw InputError(issue);
        issues_.push_back(issue);
        if (more) pending_ = line;  // it may start the next element set
        continue;
      }
    }
    std::string line1 = line;
    int line1_no = line_no_;
    std::string line2;
    bool more = read_line(line2);
    if (!more || !is_tle_line(line2, '2')) {
      ParseIssue issue{file_, line1_no + 1, 1, "line 2", "a TLE line 2 after line 1",
                       more ? line2.substr(0, 20) : "end of input"};
      if (options_.strict) throw InputError(issue);
      issues_.push_back(issue);
      if (more) pending_ = line2;  // it may start the next element set
      continue;
    }
    int line2_no = line_no_;
    try {
      MeanElements e = parse_tle(line1, line2, name, file_, line1_no, options_.verify_checksum);
      return e;
    } catch (const InputError& err) {
      ParseIssue issue = err.issue();
      // parse_tle numbers line 2 as line1+1; correct it when comments or blanks sat between the lines.
      if (issue.line == line1_no + 1) issue.line = line2_no;
      if (options_.strict) throw InputError(issue);
      issues_.push_back(issue);
    }
  }
  return std::nullopt;
}

ReadResult<MeanElements> read_tle_file(const std::filesystem::path& path, ReadOptions options) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot open TLE file", path.string()));
  TleReader reader(in, path.string(), options);
  ReadResult<MeanElements> result;
  while (auto e = reader.next()) result.records.push_back(std::move(*e));
  result.issues = reader.issues();
  return result;
}

namespace {

// " 12345-4" style: sign (blank or '-'), 5 mantissa digits with implied leading point, signed exponent digit.
std::string exponent_form(double value) {
  if (value == 0.0) return " 00000+0";
  double a = std::fabs(value);
  int exponent = static_cast<int>(std::floor(std::log10(a))) + 1;
  auto mantissa = static_cast<long long>(std::llround(a / std::pow(10.0, exponent) * 1e5));
  if (mantissa >= 100000) {
    mantissa /= 10;
    ++exponent;
  }
  if (exponent < -9) return " 00000+0";  // below the format's resolution
  if (exponent > 9) throw InputError(fmt::format("value {} is too large for the TLE exponent format", value));
  return fmt::format("{}{:05d}{}{}", value < 0 ? '-' : ' ', mantissa, exponent < 0 ? '-' : '+', std::abs(exponent));
}

// " .00000023" style: sign, no leading zero, 8 decimals.
std::string first_derivative_form(double value) {
  std::string digits = fmt::format("{:.8f}", std::fabs(value));  // "0.00000023"
  if (std::fabs(value) >= 1.0) throw InputError(fmt::format("mean motion derivative {} rev/day^2 does not fit a TLE", value));
  return fmt::format("{}{}", value < 0 ? '-' : ' ', digits.substr(1));
}

std::string with_checksum(std::string line) {
  line.resize(68, ' ');
  return line + static_cast<char>('0' + tle_checksum(line));
}

}  // namespace

std::pair<std::string, std::string> format_tle(const MeanElements& e) {
  if (!e.object.catalogue_number) throw InputError("TLE needs a catalogue number (NORAD_CAT_ID)");
  auto number = encode_alpha5(*e.object.catalogue_number);
  if (!number)
    throw InputError(fmt::format("catalogue number {} exceeds 339999: only an OMM can carry it",
                                 *e.object.catalogue_number));
  if (!(e.eccentricity >= 0 && e.eccentricity < 1))
    throw InputError(fmt::format("eccentricity {} does not fit a TLE (0 <= e < 1)", e.eccentricity));
  std::string designator;
  const std::string& id = e.object.international_designator;
  if (id.size() >= 6 && id[4] == '-') designator = id.substr(2, 2) + id.substr(5);
  else designator = id;
  if (designator.size() > 8) throw InputError(fmt::format("international designator '{}' does not fit a TLE", id));

  auto [yy, doy] = e.epoch.tle_epoch();
  auto deg = [](double rad) {
    double d = std::fmod(rad / constants::deg, 360.0);
    return d < 0 ? d + 360.0 : d;
  };
  auto ecc = static_cast<long long>(std::llround(e.eccentricity * 1e7));
  if (ecc > 9999999) throw InputError(fmt::format("eccentricity {} rounds to 1 in a TLE", e.eccentricity));
  std::string line1 = fmt::format(
      "1 {}{} {:<8} {:02d}{:012.8f} {} {} {} {:1d} {:4d}", *number, e.object.classification, designator, yy, doy,
      first_derivative_form(e.mean_motion_dot / kRevPerDay2ToRadPerSec2),
      exponent_form(e.mean_motion_ddot / kRevPerDay3ToRadPerSec3), exponent_form(e.bstar), e.ephemeris_type % 10,
      e.element_set_number % 10000);
  std::string line2 = fmt::format("2 {} {:8.4f} {:8.4f} {:07d} {:8.4f} {:8.4f} {:11.8f}{:5d}", *number,
                                  e.inclination / constants::deg, deg(e.raan), ecc, deg(e.arg_of_perigee),
                                  deg(e.mean_anomaly), e.mean_motion / kRevPerDayToRadPerSec, e.rev_at_epoch % 100000);
  return {with_checksum(line1), with_checksum(line2)};
}

}  // namespace deorbit

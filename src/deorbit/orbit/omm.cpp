// CCSDS 502.0-B-3 ODM Blue Book, section 4 (OMM): encoding detection, and the checks and SI conversion shared by
// the KVN, XML, JSON and CSV readers (tables 4-1..4-3; 4.2.4.6 for the SGP4 conventions EARTH/TEME/UTC).
#include "deorbit/orbit/omm.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <streambuf>
#include <vector>

#include "deorbit/base/constants.h"
#include "deorbit/base/text.h"
#include "deorbit/orbit/ccsds_kvn.h"
#include "deorbit/orbit/omm_record.h"

namespace deorbit {
namespace omm_detail {

namespace {

constexpr double rev = constants::two_pi;  // [rad]
constexpr double day = constants::seconds_per_day;

struct Entry {
  std::string_view name;
  KeywordKind kind;
  std::string_view unit;
};

// Tables 4-1 (header), 4-2 (metadata) and 4-3 (data) of CCSDS 502.0-B-3; covariance and USER_DEFINED_* are
// recognised by pattern.
constexpr std::array<Entry, 37> keyword_table{{
    {"CCSDS_OMM_VERS", KeywordKind::Text, ""},
    {"COMMENT", KeywordKind::Text, ""},
    {"CLASSIFICATION", KeywordKind::Text, ""},
    {"CREATION_DATE", KeywordKind::Text, ""},
    {"ORIGINATOR", KeywordKind::Text, ""},
    {"MESSAGE_ID", KeywordKind::Text, ""},
    {"OBJECT_NAME", KeywordKind::Text, ""},
    {"OBJECT_ID", KeywordKind::Text, ""},
    {"CENTER_NAME", KeywordKind::Text, ""},
    {"REF_FRAME", KeywordKind::Text, ""},
    {"REF_FRAME_EPOCH", KeywordKind::Text, ""},
    {"TIME_SYSTEM", KeywordKind::Text, ""},
    {"MEAN_ELEMENT_THEORY", KeywordKind::Text, ""},
    {"EPOCH", KeywordKind::Text, ""},
    {"SEMI_MAJOR_AXIS", KeywordKind::Number, "km"},
    {"MEAN_MOTION", KeywordKind::Number, "rev/day"},
    {"ECCENTRICITY", KeywordKind::Number, ""},
    {"INCLINATION", KeywordKind::Number, "deg"},
    {"RA_OF_ASC_NODE", KeywordKind::Number, "deg"},
    {"ARG_OF_PERICENTER", KeywordKind::Number, "deg"},
    {"MEAN_ANOMALY", KeywordKind::Number, "deg"},
    {"GM", KeywordKind::Number, "km**3/s**2"},
    {"MASS", KeywordKind::Number, "kg"},
    {"SOLAR_RAD_AREA", KeywordKind::Number, "m**2"},
    {"SOLAR_RAD_COEFF", KeywordKind::Number, ""},
    {"DRAG_AREA", KeywordKind::Number, "m**2"},
    {"DRAG_COEFF", KeywordKind::Number, ""},
    {"EPHEMERIS_TYPE", KeywordKind::Number, ""},
    {"CLASSIFICATION_TYPE", KeywordKind::Text, ""},
    {"NORAD_CAT_ID", KeywordKind::Number, ""},
    {"ELEMENT_SET_NO", KeywordKind::Number, ""},
    {"REV_AT_EPOCH", KeywordKind::Number, ""},
    {"BSTAR", KeywordKind::Number, "1/ER"},
    {"BTERM", KeywordKind::Number, "m**2/kg"},
    {"MEAN_MOTION_DOT", KeywordKind::Number, "rev/day**2"},
    {"MEAN_MOTION_DDOT", KeywordKind::Number, "rev/day**3"},
    {"AGOM", KeywordKind::Number, "m**2/kg"},
}};

// Reads one record's values in the order the standard lists them, throwing at the first problem.
class Converter {
 public:
  Converter(const Record& record, const std::string& file) : record_(record), file_(file) {}

  MeanElements run() {
    check_units();
    MeanElements m;
    const bool full = record_.full_message;
    if (const Value* v = text_value("OBJECT_NAME", full)) m.object.name = v->text;
    if (const Value* v = text_value("OBJECT_ID", full)) m.object.international_designator = v->text;
    expect_word("CENTER_NAME", full, {"EARTH"}, "EARTH");
    expect_word("REF_FRAME", full, {"TEME"}, "TEME (SGP4 elements are TEME of date)");
    expect_word("TIME_SYSTEM", full, {"UTC"}, "UTC");
    // "SGP/SGP4" is the spelling of the example OMM in CCSDS 502.0-B-2 (figure 4-2).
    std::string theory = expect_word("MEAN_ELEMENT_THEORY", full, {"SGP4", "SGP/SGP4", "SGP4-XP"}, "SGP4 or SGP4-XP");
    const bool xp = theory == "SGP4-XP";

    const Value& epoch = require("EPOCH");
    try {
      m.epoch = Epoch::from_iso(epoch.text, TimeScale::UTC);
    } catch (const InputError&) {
      throw bad(epoch, "EPOCH", "ISO 8601 UTC time, e.g. 2024-09-15T00:58:12.885024");
    }
    if (!find("MEAN_MOTION") && find("SEMI_MAJOR_AXIS"))
      throw bad(*find("SEMI_MAJOR_AXIS"), "SEMI_MAJOR_AXIS", "MEAN_MOTION instead (SGP4 elements use mean motion)");
    double n = number("MEAN_MOTION", "a number > 0 in rev/day", [](double x) { return x > 0; });
    m.mean_motion = n * rev / day;
    m.eccentricity = number("ECCENTRICITY", "a number with 0 <= e < 1", [](double e) { return e >= 0 && e < 1; });
    m.inclination = number("INCLINATION", "a number in deg with 0 <= i <= 180",
                           [](double i) { return i >= 0 && i <= 180; }) * constants::deg;
    m.raan = number("RA_OF_ASC_NODE", "a number in deg") * constants::deg;
    m.arg_of_perigee = number("ARG_OF_PERICENTER", "a number in deg") * constants::deg;
    m.mean_anomaly = number("MEAN_ANOMALY", "a number in deg") * constants::deg;

    if (auto t = integer("EPHEMERIS_TYPE", "an integer 0..9", 9)) m.ephemeris_type = static_cast<int>(*t);
    else if (xp) m.ephemeris_type = 4;
    if (const Value* v = text_value("CLASSIFICATION_TYPE", false); v && !v->text.empty()) {
      std::string c = text::upper(v->text);
      if (c != "U" && c != "C" && c != "S") throw bad(*v, "CLASSIFICATION_TYPE", "U, C or S");
      m.object.classification = c[0];
    }
    if (auto id = integer("NORAD_CAT_ID", "an integer of up to 9 digits", 999'999'999))
      m.object.catalogue_number = static_cast<std::uint32_t>(*id);
    if (auto k = integer("ELEMENT_SET_NO", "a non-negative integer", std::numeric_limits<int>::max()))
      m.element_set_number = static_cast<int>(*k);
    if (auto r = integer("REV_AT_EPOCH", "a non-negative integer", std::numeric_limits<int>::max()))
      m.rev_at_epoch = static_cast<int>(*r);

    // SGP4-XP may carry BTERM/AGOM instead of BSTAR/MEAN_MOTION_DDOT (table 4-3); MeanElements has no place for them.
    for (auto [xp_key, key] : {std::pair{"BTERM", "BSTAR"}, std::pair{"AGOM", "MEAN_MOTION_DDOT"}})
      if (!find(key) && find(xp_key))
        throw bad(*find(xp_key), xp_key, fmt::format("{} (SGP4-XP {} is not supported)", key, xp_key));
    m.bstar = number("BSTAR", "a number in 1/ER");
    m.mean_motion_dot = number("MEAN_MOTION_DOT", "a number in rev/day**2") * rev / (day * day);
    m.mean_motion_ddot = number("MEAN_MOTION_DDOT", "a number in rev/day**3") * rev / (day * day * day);
    return m;
  }

 private:
  [[nodiscard]] const Value* find(std::string_view key) const {
    auto it = record_.values.find(key);
    return it == record_.values.end() ? nullptr : &it->second;
  }

  [[nodiscard]] InputError bad(const Value& v, std::string_view key, std::string expected) const {
    return InputError(ParseIssue{file_, v.line, v.column, std::string(key), std::move(expected), v.text});
  }

  [[nodiscard]] const Value& require(std::string_view key) const {
    if (const Value* v = find(key)) return *v;
    throw InputError(ParseIssue{file_, record_.line, 0, std::string(key),
                                fmt::format("mandatory keyword {}", key), ""});
  }

  // Units are checked before any value is read: a number in the wrong unit must not load.
  void check_units() const {
    std::vector<std::pair<std::string_view, const Value*>> with_unit;
    for (const auto& [key, v] : record_.values)
      if (v.has_unit) with_unit.emplace_back(key, &v);
    std::sort(with_unit.begin(), with_unit.end(), [](const auto& a, const auto& b) {
      return std::pair{a.second->line, a.second->column} < std::pair{b.second->line, b.second->column};
    });
    for (const auto& [key, v] : with_unit) {
      KeywordInfo info = keyword_info(key);
      if (info.kind != KeywordKind::Number) continue;
      if (!ccsds::same_unit(v->unit, info.unit)) {
        std::string expected = info.unit.empty() ? "no unit (dimensionless)" : fmt::format("unit [{}]", info.unit);
        throw InputError(ParseIssue{file_, v->line, v->unit_column, std::string(key), expected,
                                    fmt::format("[{}]", v->unit)});
      }
    }
  }

  // Absent (or, where optional, blank) gives nullptr.
  [[nodiscard]] const Value* text_value(std::string_view key, bool mandatory) const {
    if (mandatory) return &require(key);
    const Value* v = find(key);
    return v && !v->text.empty() ? v : nullptr;
  }

  std::string expect_word(std::string_view key, bool mandatory, std::initializer_list<std::string_view> allowed,
                          std::string expected) const {
    const Value* v = text_value(key, mandatory);
    if (!v) return {};
    std::string word = text::upper(text::trim(v->text));
    for (std::string_view a : allowed)
      if (word == a) return word;
    throw bad(*v, key, std::move(expected));
  }

  template <class Check = bool (*)(double)>
  double number(std::string_view key, std::string expected, Check ok = [](double) { return true; }) const {
    const Value& v = require(key);
    auto x = text::parse_double(v.text);
    if (!x || !ok(*x)) throw bad(v, key, std::move(expected));
    return *x;
  }

  std::optional<long long> integer(std::string_view key, std::string expected, long long max) const {
    const Value* v = find(key);
    if (!v || v->text.empty()) return std::nullopt;
    auto x = text::parse_int(v->text);
    if (!x || *x < 0 || *x > max) throw bad(*v, key, std::move(expected));
    return x;
  }

  const Record& record_;
  const std::string& file_;
};

// Replays the characters read for detection, then the rest of the stream, so the reader sees the whole input.
class PrefixedBuf : public std::streambuf {
 public:
  PrefixedBuf(std::string prefix, std::streambuf* rest) : prefix_(std::move(prefix)), rest_(rest) {
    setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!rest_) return traits_type::eof();
    std::streamsize n = rest_->sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (n <= 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string prefix_;
  std::streambuf* rest_;
  std::array<char, 8192> buffer_{};
};

}  // namespace

KeywordInfo keyword_info(std::string_view keyword) {
  for (const Entry& e : keyword_table)
    if (e.name == keyword) return {e.kind, std::string(e.unit)};
  if (keyword == "COV_REF_FRAME" || keyword.starts_with("USER_DEFINED_")) return {KeywordKind::Text, ""};
  if (std::string_view unit = ccsds::covariance_unit(keyword); !unit.empty())
    return {KeywordKind::Number, std::string(unit)};
  return {};
}

MeanElements to_mean_elements(const Record& record, const std::string& file) {
  return Converter(record, file).run();
}

void Sink::add(const Record& record) {
  try {
    result_.records.push_back(to_mean_elements(record, file_));
  } catch (const InputError& e) {
    issue(e.issue());
  }
}

void Sink::issue(ParseIssue problem) {
  if (strict_) throw InputError(std::move(problem));
  result_.issues.push_back(std::move(problem));
}

void Sink::issue(int line, int column, std::string field, std::string expected, std::string found) {
  issue(ParseIssue{file_, line, column, std::move(field), std::move(expected), std::move(found)});
}

}  // namespace omm_detail

OmmEncoding detect_omm_encoding(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  head = text::trim(head);
  if (head.empty()) return OmmEncoding::KVN;
  if (head.front() == '<') return OmmEncoding::XML;
  if (head.front() == '[' || head.front() == '{') return OmmEncoding::JSON;
  if (text::starts_with_ci(head, "CCSDS_OMM_VERS") || text::starts_with_ci(head, "COMMENT"))
    return OmmEncoding::KVN;
  // "KEY = value" before any comma: KVN that does not open with its version line (the KVN reader says so).
  std::string_view first_line = head.substr(0, head.find('\n'));
  std::size_t eq = first_line.find('='), comma = first_line.find(',');
  if (eq != std::string_view::npos && (comma == std::string_view::npos || eq < comma)) return OmmEncoding::KVN;
  return OmmEncoding::CSV;
}

ReadResult<MeanElements> read_omm(std::istream& in, const std::string& file_label, ReadOptions options,
                                  std::optional<OmmEncoding> encoding) {
  ReadResult<MeanElements> result;
  omm_detail::Sink sink(result, file_label, options.strict);
  auto dispatch = [&](std::istream& s, OmmEncoding e) {
    switch (e) {
      case OmmEncoding::KVN: omm_detail::read_kvn(s, sink); break;
      case OmmEncoding::XML: omm_detail::read_xml(s, sink); break;
      case OmmEncoding::JSON: omm_detail::read_json(s, sink); break;
      case OmmEncoding::CSV: omm_detail::read_csv(s, sink); break;
    }
  };
  if (encoding) {
    dispatch(in, *encoding);
    return result;
  }
  // Enough to decide: leading blanks, then the first 32 characters of the first non-blank line.
  std::string head;
  std::size_t content = 0;
  for (char c; head.size() < 65536 && in.get(c);) {
    head += c;
    if (c == '\n' && content > 0) break;
    if (content > 0 || !std::isspace(static_cast<unsigned char>(c))) ++content;
    if (content >= 32) break;
  }
  OmmEncoding detected = detect_omm_encoding(head);
  omm_detail::PrefixedBuf buf(std::move(head), in.rdbuf());
  std::istream replay(&buf);
  dispatch(replay, detected);
  return result;
}

ReadResult<MeanElements> read_omm_file(const std::filesystem::path& path, ReadOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open OMM file '{}': {}", path.string(), std::strerror(errno)));
  return read_omm(in, path.string(), options);
}

}  // namespace deorbit

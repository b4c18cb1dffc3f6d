// CCSDS 502.0-B-3 ODM Blue Book, section 3 (OPM, tables 3-1 to 3-3) and section 7 (KVN syntax): reader and
// writer of the state vector and spacecraft parameters. Versions 1.0 and 2.0 use the same keywords for these.
#include "deorbit/orbit/opm.h"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "deorbit/base/error.h"
#include "deorbit/base/text.h"
#include "deorbit/orbit/ccsds_kvn.h"

namespace deorbit {

namespace {

enum class Kind { Text, Number };

struct Entry {
  std::string_view name;
  Kind kind;
  std::string_view unit;
  bool repeats = false;  // maneuver blocks repeat their keywords (3.2.4.8)
};

constexpr std::array<Entry, 39> keyword_table{{
    {"CCSDS_OPM_VERS", Kind::Text, ""},
    {"CLASSIFICATION", Kind::Text, ""},
    {"CREATION_DATE", Kind::Text, ""},
    {"ORIGINATOR", Kind::Text, ""},
    {"MESSAGE_ID", Kind::Text, ""},
    {"OBJECT_NAME", Kind::Text, ""},
    {"OBJECT_ID", Kind::Text, ""},
    {"CENTER_NAME", Kind::Text, ""},
    {"REF_FRAME", Kind::Text, ""},
    {"REF_FRAME_EPOCH", Kind::Text, ""},
    {"TIME_SYSTEM", Kind::Text, ""},
    {"EPOCH", Kind::Text, ""},
    {"X", Kind::Number, "km"},
    {"Y", Kind::Number, "km"},
    {"Z", Kind::Number, "km"},
    {"X_DOT", Kind::Number, "km/s"},
    {"Y_DOT", Kind::Number, "km/s"},
    {"Z_DOT", Kind::Number, "km/s"},
    {"SEMI_MAJOR_AXIS", Kind::Number, "km"},
    {"ECCENTRICITY", Kind::Number, ""},
    {"INCLINATION", Kind::Number, "deg"},
    {"RA_OF_ASC_NODE", Kind::Number, "deg"},
    {"ARG_OF_PERICENTER", Kind::Number, "deg"},
    {"TRUE_ANOMALY", Kind::Number, "deg"},
    {"MEAN_ANOMALY", Kind::Number, "deg"},
    {"GM", Kind::Number, "km**3/s**2"},
    {"MASS", Kind::Number, "kg"},
    {"SOLAR_RAD_AREA", Kind::Number, "m**2"},
    {"SOLAR_RAD_COEFF", Kind::Number, ""},
    {"DRAG_AREA", Kind::Number, "m**2"},
    {"DRAG_COEFF", Kind::Number, ""},
    {"COV_REF_FRAME", Kind::Text, ""},
    {"MAN_EPOCH_IGNITION", Kind::Text, "", true},
    {"MAN_REF_FRAME", Kind::Text, "", true},
    {"MAN_DURATION", Kind::Number, "s", true},
    {"MAN_DELTA_MASS", Kind::Number, "kg", true},
    {"MAN_DV_1", Kind::Number, "km/s", true},
    {"MAN_DV_2", Kind::Number, "km/s", true},
    {"MAN_DV_3", Kind::Number, "km/s", true},
}};

std::optional<Entry> find_keyword(std::string_view key) {
  for (const Entry& e : keyword_table)
    if (e.name == key) return e;
  if (key.starts_with("USER_DEFINED_")) return Entry{key, Kind::Text, "", true};
  if (std::string_view unit = ccsds::covariance_unit(key); !unit.empty()) return Entry{key, Kind::Number, unit};
  return std::nullopt;
}

struct Field {
  std::string text;
  int line = 0;
  int column = 0;
};

class OpmReader {
 public:
  explicit OpmReader(const std::string& file) : file_(file) {}

  Opm read(std::istream& in) {
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
      text::chomp_cr(line);
      if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte order mark
      take(ccsds::lex_kvn_line(line), line_no, line);
    }
    if (version_line_ == 0) throw fail(0, 0, "CCSDS_OPM_VERS", "an OPM starting with CCSDS_OPM_VERS", "no keywords");
    return build();
  }

 private:
  InputError fail(int line, int column, std::string field, std::string expected, std::string found) const {
    return InputError(ParseIssue{file_, line, column, std::move(field), std::move(expected), std::move(found)});
  }
  InputError fail(const Field& f, std::string_view key, std::string expected) const {
    return fail(f.line, f.column, std::string(key), std::move(expected), f.text);
  }

  void take(const ccsds::KvnLine& k, int line_no, const std::string& line) {
    using K = ccsds::KvnLine::Kind;
    if (k.kind == K::Blank || k.kind == K::Comment) return;
    if (k.kind == K::Malformed)
      throw fail(line_no, k.keyword_column, k.keyword, "KEYWORD = value [unit]", std::string(text::trim(line)));
    if (version_line_ == 0 && k.keyword != "CCSDS_OPM_VERS")
      throw fail(line_no, k.keyword_column, k.keyword, "CCSDS_OPM_VERS = 3.0 as the first keyword", k.keyword);
    if (k.keyword == "CCSDS_OPM_VERS") {
      if (version_line_ != 0)
        throw fail(line_no, k.keyword_column, k.keyword,
                   fmt::format("one OPM per file (the first starts on line {})", version_line_), k.raw_value);
      version_line_ = line_no;
      auto v = text::parse_double(k.value);
      if (!v || (*v != 1.0 && *v != 2.0 && *v != 3.0))
        throw fail(line_no, k.value_column, k.keyword, "1.0, 2.0 or 3.0", k.raw_value);
      return;
    }
    std::optional<Entry> entry = find_keyword(k.keyword);
    if (!entry)
      throw fail(line_no, k.keyword_column, k.keyword, "an OPM keyword of CCSDS 502.0-B-3 tables 3-1 to 3-3",
                 k.keyword);
    if (entry->kind == Kind::Number && k.has_unit && !ccsds::same_unit(k.unit, entry->unit))
      throw fail(line_no, k.unit_column, k.keyword,
                 entry->unit.empty() ? "no unit (dimensionless)" : fmt::format("unit [{}]", entry->unit),
                 fmt::format("[{}]", k.unit));
    if (entry->repeats) return;  // maneuvers and user-defined parameters: recognised, not used
    if (auto it = fields_.find(k.keyword); it != fields_.end())
      throw fail(line_no, k.keyword_column, k.keyword,
                 fmt::format("{} once (already on line {})", k.keyword, it->second.line), k.raw_value);
    fields_.emplace(k.keyword, Field{entry->kind == Kind::Number ? k.value : k.raw_value, line_no, k.value_column});
  }

  const Field& require(std::string_view key) const {
    if (auto it = fields_.find(key); it != fields_.end()) return it->second;
    throw fail(version_line_, 0, std::string(key), fmt::format("mandatory keyword {}", key), "");
  }

  double number(std::string_view key, std::string_view unit) const {
    const Field& f = require(key);
    auto x = text::parse_double(f.text);
    if (!x) throw fail(f, key, fmt::format("a number in {}", unit));
    return *x;
  }

  std::optional<double> optional_number(std::string_view key, std::string expected, bool positive) const {
    auto it = fields_.find(key);
    if (it == fields_.end()) return std::nullopt;
    auto x = text::parse_double(it->second.text);
    if (!x || *x < 0 || (positive && *x == 0)) throw fail(it->second, key, std::move(expected));
    return x;
  }

  Epoch time(std::string_view key, TimeScale scale) const {
    const Field& f = require(key);
    try {
      return Epoch::from_iso(f.text, scale);
    } catch (const InputError&) {
      throw fail(f, key, fmt::format("ISO 8601 time in {}, e.g. 2025-03-01T12:00:00.000", to_string(scale)));
    }
  }

  Opm build() const {
    Opm opm;
    (void)time("CREATION_DATE", TimeScale::UTC);  // always UTC (table 3-1)
    opm.originator = require("ORIGINATOR").text;
    opm.object_name = require("OBJECT_NAME").text;
    opm.object_id = require("OBJECT_ID").text;
    if (const Field& f = require("CENTER_NAME"); text::upper(f.text) != "EARTH")
      throw fail(f, "CENTER_NAME", "EARTH (deorbit handles Earth orbits only)");
    const Field& frame = require("REF_FRAME");
    auto parsed_frame = parse_frame(frame.text);
    if (!parsed_frame)
      throw fail(frame, "REF_FRAME", "GCRF, ICRF, EME2000 (J2000), TEME or ITRF (ITRF2000, ITRF-93, ITRF2014, ...)");
    const Field& ts = require("TIME_SYSTEM");
    auto scale = parse_time_scale(ts.text);
    if (!scale) throw fail(ts, "TIME_SYSTEM", "UTC, TAI, TT, GPS or UT1");

    opm.time_system = *scale;
    opm.state.frame = *parsed_frame;
    opm.state.epoch = time("EPOCH", *scale);
    // km and km/s in the file, m and m/s inside.
    opm.state.r = Vec3(number("X", "km"), number("Y", "km"), number("Z", "km")) * 1000.0;
    opm.state.v = Vec3(number("X_DOT", "km/s"), number("Y_DOT", "km/s"), number("Z_DOT", "km/s")) * 1000.0;

    opm.mass_kg = optional_number("MASS", "a number > 0 in kg", true);
    opm.srp_area_m2 = optional_number("SOLAR_RAD_AREA", "a number >= 0 in m**2", false);
    opm.srp_coeff = optional_number("SOLAR_RAD_COEFF", "a number >= 0", false);
    opm.drag_area_m2 = optional_number("DRAG_AREA", "a number >= 0 in m**2", false);
    opm.drag_coeff = optional_number("DRAG_COEFF", "a number >= 0", false);
    read_covariance(opm, frame.text);
    return opm;
  }

  // The covariance block: all 21 elements or none (km, km/s -> m, m/s).
  void read_covariance(Opm& opm, const std::string& state_frame) const {
    static constexpr const char* axes[] = {"X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"};
    std::array<double, 21> c{};
    int given = 0, k = 0;
    std::string missing;
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j <= i; ++j, ++k) {
        const std::string key = fmt::format("C{}_{}", axes[i], axes[j]);
        if (fields_.contains(key)) {
          c[static_cast<std::size_t>(k)] = number(key, ccsds::covariance_unit(key)) * 1e6;
          ++given;
        } else if (missing.empty()) {
          missing = key;
        }
      }
    if (given == 0) return;
    if (given != 21)
      throw fail(version_line_, 0, missing, "the whole covariance block (21 elements, CX_X to CZ_DOT_Z_DOT)", "");
    opm.covariance = c;
    auto f = fields_.find("COV_REF_FRAME");
    opm.covariance_frame = f == fields_.end() ? state_frame : text::upper(f->second.text);
    if (opm.covariance_frame == "RSW" || opm.covariance_frame == "RIC") opm.covariance_frame = "RTN";
  }

  const std::string& file_;
  int version_line_ = 0;
  std::map<std::string, Field, std::less<>> fields_;
};

}  // namespace

Opm read_opm(std::istream& in, const std::string& file_label) { return OpmReader(file_label).read(in); }

Opm read_opm_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open OPM file '{}': {}", path.string(), std::strerror(errno)));
  return read_opm(in, path.string());
}

void write_opm_kvn(std::ostream& out, const Opm& opm) {
  auto put = [&](std::string_view key, const std::string& value, std::string_view unit = {}) {
    out << fmt::format("{:<15} = {}", key, value);
    if (!unit.empty()) out << " [" << unit << ']';
    out << '\n';
  };
  auto km = [](double metres) { return ccsds::format_real(metres / 1000.0); };

  put("CCSDS_OPM_VERS", "3.0");
  put("CREATION_DATE", ccsds::creation_date_now());
  put("ORIGINATOR", ccsds::kvn_text(opm.originator, "deorbit"));
  out << '\n';
  put("OBJECT_NAME", ccsds::kvn_text(opm.object_name, "UNKNOWN"));
  put("OBJECT_ID", ccsds::kvn_text(opm.object_id, "UNKNOWN"));
  put("CENTER_NAME", "EARTH");
  put("REF_FRAME", std::string(to_string(opm.state.frame)));
  put("TIME_SYSTEM", std::string(to_string(opm.time_system)));
  out << '\n';
  put("EPOCH", ccsds::format_epoch(opm.state.epoch, opm.time_system));
  put("X", km(opm.state.r.x()), "km");
  put("Y", km(opm.state.r.y()), "km");
  put("Z", km(opm.state.r.z()), "km");
  put("X_DOT", km(opm.state.v.x()), "km/s");
  put("Y_DOT", km(opm.state.v.y()), "km/s");
  put("Z_DOT", km(opm.state.v.z()), "km/s");
  if (opm.mass_kg || opm.srp_area_m2 || opm.srp_coeff || opm.drag_area_m2 || opm.drag_coeff) out << '\n';
  if (opm.mass_kg) put("MASS", ccsds::format_real(*opm.mass_kg), "kg");
  if (opm.srp_area_m2) put("SOLAR_RAD_AREA", ccsds::format_real(*opm.srp_area_m2), "m**2");
  if (opm.srp_coeff) put("SOLAR_RAD_COEFF", ccsds::format_real(*opm.srp_coeff));
  if (opm.drag_area_m2) put("DRAG_AREA", ccsds::format_real(*opm.drag_area_m2), "m**2");
  if (opm.drag_coeff) put("DRAG_COEFF", ccsds::format_real(*opm.drag_coeff));
}

}  // namespace deorbit

// CCSDS 502.0-B-3 ODM Blue Book, section 5 (OEM: tables 5-2 and 5-3, data lines 5.2.4, covariance 5.2.5) and
// section 7 (KVN syntax).
#include "deorbit/orbit/oem.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <span>
#include <sstream>

#include "deorbit/base/error.h"
#include "deorbit/base/text.h"
#include "deorbit/orbit/ccsds_kvn.h"

namespace deorbit {
namespace {

constexpr std::string_view metadata_keywords[] = {
    "OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "REF_FRAME_EPOCH", "TIME_SYSTEM", "START_TIME",
    "USEABLE_START_TIME", "USEABLE_STOP_TIME", "STOP_TIME", "INTERPOLATION", "INTERPOLATION_DEGREE"};
constexpr std::string_view header_keywords[] = {"CREATION_DATE", "ORIGINATOR", "MESSAGE_ID", "CLASSIFICATION"};

bool one_of(std::string_view key, std::span<const std::string_view> list) {
  for (std::string_view k : list)
    if (k == key) return true;
  return false;
}

struct Field {
  std::string text;
  int line = 0;
  int column = 0;
};

class OemReader {
 public:
  explicit OemReader(const std::string& file) : file_(file) {}

  Oem read(std::istream& in) {
    std::string line;
    int line_no = 0;
    for (line_no = 1; std::getline(in, line); ++line_no) {
      text::chomp_cr(line);
      if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte order mark
      take(line, line_no);
    }
    if (version_line_ == 0) throw fail(0, 0, "CCSDS_OEM_VERS", "an OEM starting with CCSDS_OEM_VERS", "no keywords");
    if (state_ == State::Metadata)
      throw fail(line_no, 0, "META_STOP", fmt::format("META_STOP for the block opened on line {}", meta_line_), "end of file");
    if (state_ == State::Covariance)
      throw fail(line_no, 0, "COVARIANCE_STOP", "COVARIANCE_STOP before the end of the file", "end of file");
    if (oem_.segments.empty()) throw fail(version_line_, 0, "META_START", "at least one segment", "none");
    finish_segment(line_no);
    auto it = header_.find("ORIGINATOR");
    if (it == header_.end()) throw fail(version_line_, 0, "ORIGINATOR", "mandatory keyword ORIGINATOR", "");
    oem_.originator = it->second.text;
    if (header_.find("CREATION_DATE") == header_.end())
      throw fail(version_line_, 0, "CREATION_DATE", "mandatory keyword CREATION_DATE", "");
    return std::move(oem_);
  }

 private:
  enum class State { Header, Metadata, Data, Covariance };

  InputError fail(int line, int column, std::string field, std::string expected, std::string found) const {
    return InputError(ParseIssue{file_, line, column, std::move(field), std::move(expected), std::move(found)});
  }

  void take(const std::string& line, int line_no) {
    const std::string_view trimmed = text::trim(line);
    if (trimmed.empty() || trimmed.starts_with("COMMENT")) return;
    if (trimmed == "META_START") {
      if (state_ == State::Covariance)
        throw fail(line_no, 1, "COVARIANCE_STOP", "COVARIANCE_STOP before the next META_START", "META_START");
      if (state_ == State::Metadata || version_line_ == 0)
        throw fail(line_no, 1, "META_START", "META_START after the header or after a segment's data", "META_START");
      if (!oem_.segments.empty()) finish_segment(line_no);
      state_ = State::Metadata;
      meta_line_ = line_no;
      meta_.clear();
      oem_.segments.emplace_back().first_line = line_no;
      return;
    }
    if (trimmed == "META_STOP") {
      if (state_ != State::Metadata) throw fail(line_no, 1, "META_STOP", "META_STOP closing a META_START", "META_STOP");
      build_metadata();
      state_ = State::Data;
      return;
    }
    if (trimmed == "COVARIANCE_START") {
      if (state_ != State::Data) throw fail(line_no, 1, "COVARIANCE_START", "covariance after a segment's data", "");
      state_ = State::Covariance;
      return;
    }
    if (trimmed == "COVARIANCE_STOP") {
      if (state_ != State::Covariance) throw fail(line_no, 1, "COVARIANCE_STOP", "COVARIANCE_STOP closing COVARIANCE_START", "");
      state_ = State::Data;
      return;
    }
    if (state_ == State::Covariance) return;  // recognised, not used
    if (state_ == State::Data) return data_line(trimmed, line_no, line);

    const ccsds::KvnLine k = ccsds::lex_kvn_line(line);
    if (k.kind == ccsds::KvnLine::Kind::Malformed)
      throw fail(line_no, k.keyword_column, state_ == State::Metadata ? "META_STOP" : k.keyword,
                 state_ == State::Metadata
                     ? fmt::format("KEYWORD = value, or META_STOP closing the block of line {}", meta_line_)
                     : "KEYWORD = value",
                 std::string(trimmed));
    if (version_line_ == 0) {
      if (k.keyword != "CCSDS_OEM_VERS")
        throw fail(line_no, k.keyword_column, k.keyword, "CCSDS_OEM_VERS = 3.0 as the first keyword", k.keyword);
      auto v = text::parse_double(k.value);
      if (!v || (*v != 1.0 && *v != 2.0 && *v != 3.0))
        throw fail(line_no, k.value_column, k.keyword, "1.0, 2.0 or 3.0", k.raw_value);
      version_line_ = line_no;
      return;
    }
    const bool in_meta = state_ == State::Metadata;
    if (!one_of(k.keyword, in_meta ? std::span<const std::string_view>(metadata_keywords)
                                   : std::span<const std::string_view>(header_keywords)))
      throw fail(line_no, k.keyword_column, k.keyword,
                 in_meta ? "an OEM metadata keyword of CCSDS 502.0-B-3 table 5-3"
                         : "an OEM header keyword of CCSDS 502.0-B-3 table 5-2 (or META_START)",
                 k.keyword);
    auto& fields = in_meta ? meta_ : header_;
    if (auto it = fields.find(k.keyword); it != fields.end())
      throw fail(line_no, k.keyword_column, k.keyword, fmt::format("{} once (already on line {})", k.keyword, it->second.line),
                 k.raw_value);
    fields.emplace(k.keyword, Field{k.raw_value, line_no, k.value_column});
  }

  const Field& require(std::string_view key) const {
    if (auto it = meta_.find(std::string(key)); it != meta_.end()) return it->second;
    throw fail(meta_line_, 0, std::string(key), fmt::format("mandatory metadata keyword {}", key), "");
  }

  Epoch time(const Field& f, std::string_view key, TimeScale scale) const {
    try {
      return Epoch::from_iso(f.text, scale);
    } catch (const InputError&) {
      throw fail(f.line, f.column, std::string(key),
                 fmt::format("ISO 8601 time in {}, e.g. 2025-03-01T12:00:00.000", to_string(scale)), f.text);
    }
  }

  void build_metadata() {
    OemSegment& s = oem_.segments.back();
    s.object_name = require("OBJECT_NAME").text;
    s.object_id = require("OBJECT_ID").text;
    if (const Field& f = require("CENTER_NAME"); text::upper(f.text) != "EARTH")
      throw fail(f.line, f.column, "CENTER_NAME", "EARTH (deorbit handles Earth orbits only)", f.text);
    const Field& frame = require("REF_FRAME");
    auto parsed_frame = parse_frame(frame.text);
    if (!parsed_frame)
      throw fail(frame.line, frame.column, "REF_FRAME", "GCRF, ICRF, EME2000 (J2000), TEME or ITRF", frame.text);
    s.frame = *parsed_frame;
    const Field& ts = require("TIME_SYSTEM");
    auto scale = parse_time_scale(ts.text);
    if (!scale) throw fail(ts.line, ts.column, "TIME_SYSTEM", "UTC, TAI, TT, GPS or UT1", ts.text);
    s.time_system = *scale;
    s.start = time(require("START_TIME"), "START_TIME", *scale);
    const Field& stop = require("STOP_TIME");
    s.stop = time(stop, "STOP_TIME", *scale);
    if (s.stop < s.start)
      throw fail(stop.line, stop.column, "STOP_TIME", "a time not before START_TIME", stop.text);
    for (const char* key : {"USEABLE_START_TIME", "USEABLE_STOP_TIME"})
      if (auto it = meta_.find(key); it != meta_.end()) {
        Epoch t = time(it->second, key, *scale);
        if (t < s.start || t > s.stop)
          throw fail(it->second.line, it->second.column, key, "a time within START_TIME .. STOP_TIME", it->second.text);
        (std::string_view(key) == "USEABLE_START_TIME" ? s.useable_start : s.useable_stop) = t;
      }
    if (auto it = meta_.find("INTERPOLATION"); it != meta_.end()) s.interpolation = it->second.text;
    if (auto it = meta_.find("INTERPOLATION_DEGREE"); it != meta_.end()) {
      auto d = text::parse_double(it->second.text);
      if (!d || *d < 1 || *d != static_cast<int>(*d))
        throw fail(it->second.line, it->second.column, "INTERPOLATION_DEGREE", "a whole number >= 1", it->second.text);
      s.interpolation_degree = static_cast<int>(*d);
    }
  }

  void data_line(std::string_view trimmed, int line_no, const std::string& line) {
    OemSegment& s = oem_.segments.back();
    std::istringstream words{std::string(trimmed)};
    std::string epoch_text;
    words >> epoch_text;
    const int epoch_column = static_cast<int>(line.find(epoch_text)) + 1;
    StateVector state;
    state.frame = s.frame;
    try {
      state.epoch = Epoch::from_iso(epoch_text, s.time_system);
    } catch (const InputError&) {
      throw fail(line_no, epoch_column, "epoch",
                 fmt::format("a data line 'epoch x y z x_dot y_dot z_dot' with an ISO 8601 epoch in {}",
                             to_string(s.time_system)),
                 std::string(trimmed));
    }
    double values[9];
    int n = 0;
    std::string word;
    while (words >> word) {
      auto x = text::parse_double(word);
      if (!x || n == 9)
        throw fail(line_no, static_cast<int>(line.find(word)) + 1, "state",
                   "6 numbers (km, km/s) or 9 with accelerations after the epoch", word);
      values[n++] = *x;
    }
    if (n != 6 && n != 9)
      throw fail(line_no, epoch_column, "state",
                 "6 numbers (km, km/s) or 9 with accelerations after the epoch", fmt::format("{} numbers", n));
    if (state.epoch < s.start || state.epoch > s.stop)
      throw fail(line_no, epoch_column, "epoch", "an epoch within START_TIME .. STOP_TIME", epoch_text);
    if (!s.states.empty() && !(state.epoch > s.states.back().epoch))
      throw fail(line_no, epoch_column, "epoch", "epochs increasing from line to line", epoch_text);
    state.r = Vec3(values[0], values[1], values[2]) * 1000.0;
    state.v = Vec3(values[3], values[4], values[5]) * 1000.0;
    s.states.push_back(state);
  }

  void finish_segment(int line_no) const {
    const OemSegment& s = oem_.segments.back();
    if (s.states.empty())
      throw fail(line_no, 0, "data", fmt::format("ephemeris lines in the segment of line {}", s.first_line), "none");
  }

  const std::string& file_;
  Oem oem_;
  State state_ = State::Header;
  int version_line_ = 0;
  int meta_line_ = 0;
  std::map<std::string, Field, std::less<>> header_;
  std::map<std::string, Field, std::less<>> meta_;
};

}  // namespace

Oem read_oem(std::istream& in, const std::string& file_label) { return OemReader(file_label).read(in); }

Oem read_oem_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open OEM file '{}': {}", path.string(), std::strerror(errno)));
  return read_oem(in, path.string());
}

}  // namespace deorbit

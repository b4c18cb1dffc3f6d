// CCSDS 502.0-B-3 ODM Blue Book, sections 4 and 7: OMM in KVN form, reader (any number of messages, each opened
// by CCSDS_OMM_VERS) and writer (version 3.0).
#include <fmt/format.h>

#include <optional>
#include <ostream>

#include "deorbit/base/constants.h"
#include "deorbit/base/text.h"
#include "deorbit/orbit/ccsds_kvn.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/omm_record.h"

namespace deorbit {
namespace omm_detail {

void read_kvn(std::istream& in, Sink& sink) {
  std::optional<Record> message;
  std::optional<ParseIssue> problem;  // the first one of the current message: the rest of it is then skipped
  bool stray_reported = false;
  auto flag = [&](int line, int column, const std::string& field, std::string expected, std::string found) {
    if (!problem) problem = ParseIssue{sink.file(), line, column, field, std::move(expected), std::move(found)};
  };
  auto finish = [&] {
    if (!message) return;
    if (problem) sink.issue(*problem);
    else sink.add(*message);
    message.reset();
    problem.reset();
  };

  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    text::chomp_cr(line);
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte order mark
    ccsds::KvnLine k = ccsds::lex_kvn_line(line);
    if (k.kind == ccsds::KvnLine::Kind::Blank || k.kind == ccsds::KvnLine::Kind::Comment) continue;

    if (k.kind == ccsds::KvnLine::Kind::KeyValue && k.keyword == "CCSDS_OMM_VERS") {
      finish();
      message.emplace();
      message->line = line_no;
      auto version = text::parse_double(k.value);
      if (!version || (*version != 2.0 && *version != 3.0))
        flag(line_no, k.value_column, k.keyword, "2.0 or 3.0", k.raw_value);
      continue;
    }
    if (!message) {
      if (!stray_reported)
        sink.issue(line_no, k.keyword_column, k.keyword, "CCSDS_OMM_VERS = 3.0 to open a message",
                   std::string(text::trim(line)));
      stray_reported = true;
      continue;
    }
    if (problem) continue;
    if (k.kind == ccsds::KvnLine::Kind::Malformed) {
      flag(line_no, k.keyword_column, k.keyword, "KEYWORD = value [unit]", std::string(text::trim(line)));
      continue;
    }
    KeywordInfo info = keyword_info(k.keyword);
    if (info.kind == KeywordKind::Unknown) {
      flag(line_no, k.keyword_column, k.keyword, "an OMM keyword of CCSDS 502.0-B-3 tables 4-1 to 4-3", k.keyword);
      continue;
    }
    if (auto it = message->values.find(k.keyword); it != message->values.end()) {
      flag(line_no, k.keyword_column, k.keyword,
           fmt::format("{} once per message (already on line {})", k.keyword, it->second.line), k.raw_value);
      continue;
    }
    Value v;
    v.line = line_no;
    v.column = k.value_column;
    if (info.kind == KeywordKind::Number) {
      v.text = k.value;
      v.unit = k.unit;
      v.has_unit = k.has_unit;
      v.unit_column = k.unit_column;
    } else {
      v.text = k.raw_value;
    }
    message->values.emplace(k.keyword, std::move(v));
  }
  finish();
}

}  // namespace omm_detail

void write_omm_kvn(std::ostream& out, const MeanElements& m, const std::string& originator) {
  constexpr double rev = constants::two_pi;
  constexpr double day = constants::seconds_per_day;
  auto put = [&](std::string_view key, const std::string& value, std::string_view unit = {}) {
    out << fmt::format("{:<19} = {}", key, value);
    if (!unit.empty()) out << " [" << unit << ']';
    out << '\n';
  };
  auto real = ccsds::format_real;

  put("CCSDS_OMM_VERS", "3.0");
  put("CREATION_DATE", ccsds::creation_date_now());
  put("ORIGINATOR", ccsds::kvn_text(originator, "deorbit"));
  out << '\n';
  // 502.0-B-3 asks for UNKNOWN when the name or designator is not known.
  put("OBJECT_NAME", ccsds::kvn_text(m.object.name, "UNKNOWN"));
  put("OBJECT_ID", ccsds::kvn_text(m.object.international_designator, "UNKNOWN"));
  put("CENTER_NAME", "EARTH");
  put("REF_FRAME", "TEME");
  put("TIME_SYSTEM", "UTC");
  put("MEAN_ELEMENT_THEORY", m.ephemeris_type == 4 ? "SGP4-XP" : "SGP4");
  out << '\n';
  put("EPOCH", ccsds::format_epoch(m.epoch, TimeScale::UTC));
  put("MEAN_MOTION", real(m.mean_motion * day / rev), "rev/day");
  put("ECCENTRICITY", real(m.eccentricity));
  put("INCLINATION", real(m.inclination / constants::deg), "deg");
  put("RA_OF_ASC_NODE", real(m.raan / constants::deg), "deg");
  put("ARG_OF_PERICENTER", real(m.arg_of_perigee / constants::deg), "deg");
  put("MEAN_ANOMALY", real(m.mean_anomaly / constants::deg), "deg");
  out << '\n';
  put("EPHEMERIS_TYPE", std::to_string(m.ephemeris_type));
  put("CLASSIFICATION_TYPE", std::string(1, m.object.classification));
  if (m.object.catalogue_number) put("NORAD_CAT_ID", std::to_string(*m.object.catalogue_number));
  put("ELEMENT_SET_NO", std::to_string(m.element_set_number));
  put("REV_AT_EPOCH", std::to_string(m.rev_at_epoch));
  put("BSTAR", real(m.bstar), "1/ER");
  put("MEAN_MOTION_DOT", real(m.mean_motion_dot * day * day / rev), "rev/day**2");
  put("MEAN_MOTION_DDOT", real(m.mean_motion_ddot * day * day * day / rev), "rev/day**3");
}

}  // namespace deorbit

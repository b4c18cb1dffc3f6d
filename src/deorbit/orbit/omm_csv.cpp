// OMM in CSV as CelesTrak serves it (https://celestrak.org/NORAD/documentation/gp-data-formats.php): a header row
// of CCSDS 502.0-B-3 OMM keywords, then one element set per row.
#include <fmt/format.h>

#include <set>
#include <vector>

#include "deorbit/base/text.h"
#include "deorbit/orbit/omm_record.h"

namespace deorbit::omm_detail {

namespace {

// Columns (1-based) where each field of the row starts, with the quoting rules of text::split_csv.
std::vector<int> field_columns(std::string_view row) {
  std::vector<int> columns{1};
  bool quoted = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '"') quoted = !quoted;  // a doubled quote toggles twice: no net change
    else if (row[i] == ',' && !quoted) columns.push_back(static_cast<int>(i) + 2);
  }
  return columns;
}

// A header without these columns would fail every row the same way: say it once.
constexpr std::string_view required_columns[] = {"EPOCH",        "MEAN_MOTION",       "ECCENTRICITY",
                                                  "INCLINATION",  "RA_OF_ASC_NODE",    "ARG_OF_PERICENTER",
                                                  "MEAN_ANOMALY", "BSTAR",             "MEAN_MOTION_DOT",
                                                  "MEAN_MOTION_DDOT"};

}  // namespace

void read_csv(std::istream& in, Sink& sink) {
  std::vector<std::string> header;
  int header_line = 0;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    text::chomp_cr(line);
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte order mark
    if (text::trim(line).empty()) continue;
    std::vector<std::string> fields = text::split_csv(line);

    if (header.empty()) {
      header_line = line_no;
      std::vector<int> columns = field_columns(line);
      std::set<std::string, std::less<>> seen;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        header.push_back(text::upper(text::trim(fields[i])));
        if (!seen.insert(header.back()).second) {
          sink.issue(line_no, i < columns.size() ? columns[i] : 0, header.back(), "each column name once in the header",
                     header.back());
          return;
        }
      }
      for (std::string_view key : required_columns)
        if (!seen.contains(key)) {
          sink.issue(line_no, 0, std::string(key), fmt::format("a column named {} in the header", key),
                     std::string(text::trim(line)));
          return;
        }
      continue;
    }

    if (fields.size() != header.size()) {
      sink.issue(line_no, 0, "", fmt::format("{} fields as in the header on line {}", header.size(), header_line),
                 fmt::format("{} fields", fields.size()));
      continue;
    }
    std::vector<int> columns = field_columns(line);
    Record record;
    record.line = line_no;
    record.full_message = false;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (keyword_info(header[i]).kind == KeywordKind::Unknown) continue;
      Value v;
      v.text = std::string(text::trim(fields[i]));
      v.line = line_no;
      v.column = i < columns.size() ? columns[i] : 0;
      record.values.emplace(header[i], std::move(v));
    }
    sink.add(record);
  }
}

}  // namespace deorbit::omm_detail

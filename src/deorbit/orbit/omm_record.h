// CCSDS 502.0-B-3 ODM Blue Book, section 4 (OMM): the keyword/value record that every OMM encoding (KVN, XML,
// CelesTrak JSON and CSV) is reduced to, and its one conversion to MeanElements. Internal to src/deorbit/orbit.
#pragma once

#include <functional>
#include <istream>
#include <map>
#include <string>
#include <string_view>

#include "deorbit/base/error.h"
#include "deorbit/orbit/mean_elements.h"
#include "deorbit/orbit/read_result.h"

namespace deorbit::omm_detail {

//! One keyword's value as found in the input, with where it was.
struct Value {
  std::string text;      //!< trimmed; for numeric keywords without the "[unit]"
  std::string unit;      //!< KVN "[unit]" or XML units="..." (has_unit says whether one was given)
  bool has_unit = false;
  int line = 0;
  int column = 0;        //!< of the value's first character (0 if unknown)
  int unit_column = 0;
};

struct Record {
  std::map<std::string, Value, std::less<>> values;  //!< keyword (upper case) -> value
  int line = 0;                //!< where the record starts: CCSDS_OMM_VERS, <omm>, '{', or the CSV row
  bool full_message = true;    //!< KVN/XML carry metadata (mandatory there); CelesTrak JSON/CSV imply it
};

enum class KeywordKind {
  Unknown,   //!< not an OMM keyword
  Text,      //!< value is text; no unit
  Number,    //!< value is a number, optionally followed by a unit
};
struct KeywordInfo {
  KeywordKind kind = KeywordKind::Unknown;
  std::string unit;  //!< expected unit for Number keywords ("" = dimensionless)
};
//! What CCSDS 502.0-B-3 tables 4-1..4-3 say about a keyword (covariance and USER_DEFINED_* included).
[[nodiscard]] KeywordInfo keyword_info(std::string_view keyword);

//! Checks and converts one record to SI. Throws InputError carrying the ParseIssue of the first problem.
[[nodiscard]] MeanElements to_mean_elements(const Record& record, const std::string& file);

//! Where the readers put what they find: good records, and issues (collected, or thrown in strict mode).
class Sink {
 public:
  Sink(ReadResult<MeanElements>& result, const std::string& file, bool strict)
      : result_(result), file_(file), strict_(strict) {}
  //! Converts the record; a bad one becomes an issue.
  void add(const Record& record);
  //! A problem that rejects a record (or the rest of the input). Throws InputError in strict mode.
  void issue(ParseIssue issue);
  void issue(int line, int column, std::string field, std::string expected, std::string found);
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  ReadResult<MeanElements>& result_;
  const std::string& file_;
  bool strict_;
};

void read_kvn(std::istream& in, Sink& sink);
void read_xml(std::istream& in, Sink& sink);
void read_json(std::istream& in, Sink& sink);
void read_csv(std::istream& in, Sink& sink);

}  // namespace deorbit::omm_detail

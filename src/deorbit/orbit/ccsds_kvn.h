// CCSDS 502.0-B-3 ODM Blue Book, section 7 (KVN syntax): the line lexer and unit checks shared by the OMM and OPM
// readers. Internal to src/deorbit/orbit.
#pragma once

#include <string>
#include <string_view>

#include "deorbit/time/epoch.h"

namespace deorbit::ccsds {

//! One KVN line, split but not interpreted. Columns count from 1 in the raw line (0 when absent).
struct KvnLine {
  enum class Kind { Blank, Comment, KeyValue, Malformed };
  Kind kind = Kind::Blank;
  std::string keyword;    //!< upper case; for Malformed the first word of the line
  std::string raw_value;  //!< everything after '=', trimmed (a text value may itself contain brackets)
  std::string value;      //!< raw_value without a trailing "[unit]", trimmed
  std::string unit;       //!< text inside the trailing brackets, trimmed
  bool has_unit = false;
  int keyword_column = 0;
  int value_column = 0;
  int unit_column = 0;    //!< column of '['
};

//! Splits "KEYWORD = value [unit]"; "COMMENT text" lines and blank lines are recognised. A line without '=' or
//! with a keyword outside [A-Z0-9_] is Malformed.
[[nodiscard]] KvnLine lex_kvn_line(std::string_view line);

//! CCSDS units compare case-insensitively and without blanks ("REV/DAY**2" is "rev/day**2"). An empty expected
//! unit means dimensionless, for which "n/a" and "" are accepted.
[[nodiscard]] bool same_unit(std::string_view found, std::string_view expected);

//! Unit of a 6x6 covariance keyword (CX_X ... CZ_DOT_Z_DOT): km**2, km**2/s or km**2/s**2 by the number of _DOT
//! parts; empty string if the keyword is not a covariance element.
[[nodiscard]] std::string_view covariance_unit(std::string_view keyword);

//! Formats a double with 15 significant digits, trailing zeros dropped: it reads back to within 5e-15 relative.
[[nodiscard]] std::string format_real(double value);

//! ISO 8601 in the given scale with nanoseconds, trailing zeros dropped down to microseconds: exact for any
//! epoch read from text with up to 9 decimals, and as short as CelesTrak's when it has 6.
[[nodiscard]] std::string format_epoch(const Epoch& epoch, TimeScale scale);

//! A text value fit for one KVN line: control characters become blanks; an empty value becomes if_empty.
[[nodiscard]] std::string kvn_text(const std::string& value, const char* if_empty);

//! "YYYY-MM-DDThh:mm:ss" of the current UTC time, for CREATION_DATE.
[[nodiscard]] std::string creation_date_now();

}  // namespace deorbit::ccsds

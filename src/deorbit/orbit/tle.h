// Two-line element sets: reader (2-line and 3-line, streaming, Alpha-5) and writer.
// Reference: CelesTrak "NORAD Two-Line Element Set Format"; Alpha-5 per the 18th Space Defense Squadron
// (first digit replaced by a letter A-Z without I and O, A = 10).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "deorbit/orbit/mean_elements.h"
#include "deorbit/orbit/read_result.h"

namespace deorbit {

//! Modulo-10 checksum of the first 68 columns of a TLE line (digits count their value, '-' counts 1).
[[nodiscard]] int tle_checksum(std::string_view line);

//! Decodes a 5-character TLE catalogue field: "25544", " 5544", "A0001" (= 100001) ... "Z9999" (= 339999).
[[nodiscard]] std::optional<std::uint32_t> decode_alpha5(std::string_view field);
//! Encodes a catalogue number 0..339999 to 5 characters (Alpha-5 above 99999); nullopt if out of range.
[[nodiscard]] std::optional<std::string> encode_alpha5(std::uint32_t number);

//! Parses one element set from its two lines (and an optional name line). Lines may be longer than 69 columns
//! only with blanks after column 69. Throws InputError naming file, line, column and field on the first problem.
//! first_line is the line number of line1 within file, for messages.
[[nodiscard]] MeanElements parse_tle(std::string_view line1, std::string_view line2, std::string_view name = {},
                                     const std::string& file = "", int first_line = 1, bool verify_checksum = true);

//! Reads element sets one by one from a stream of 2-line or 3-line TLEs (blank lines and lines starting with '#'
//! are skipped). A bad element set is reported to on_issue and skipped, or thrown in strict mode.
class TleReader {
 public:
  TleReader(std::istream& in, std::string file_label, ReadOptions options = {});
  //! The next good element set; nullopt at the end of input.
  [[nodiscard]] std::optional<MeanElements> next();
  //! Issues met so far (skipped records).
  [[nodiscard]] const std::vector<ParseIssue>& issues() const { return issues_; }

 private:
  bool read_line(std::string& line);
  std::istream& in_;
  std::string file_;
  ReadOptions options_;
  int line_no_ = 0;
  std::optional<std::string> pending_;  // a line read ahead
  std::vector<ParseIssue> issues_;
};

//! Reads a whole TLE file. Throws InputError if the file cannot be opened (and, in strict mode, on a bad record).
[[nodiscard]] ReadResult<MeanElements> read_tle_file(const std::filesystem::path& path, ReadOptions options = {});

//! Formats the two 69-column lines (with correct checksums). Throws InputError if a value does not fit the format
//! (catalogue number past 339,999, eccentricity >= 1, ...).
[[nodiscard]] std::pair<std::string, std::string> format_tle(const MeanElements& elements);

}  // namespace deorbit

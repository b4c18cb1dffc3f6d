// Small text helpers for the readers: trimming, splitting and strict number parsing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deorbit::text {

[[nodiscard]] std::string_view trim(std::string_view s);
[[nodiscard]] std::string upper(std::string_view s);
[[nodiscard]] bool starts_with_ci(std::string_view s, std::string_view prefix);
[[nodiscard]] bool equals_ci(std::string_view a, std::string_view b);

//! Whole-string parse of a decimal floating-point number (leading/trailing blanks allowed); nullopt otherwise.
//! Accepts forms used in orbit files: "-.5", "+1.2E-4", ".1845686", "1e3". Rejects nan and inf.
[[nodiscard]] std::optional<double> parse_double(std::string_view s);
//! Whole-string parse of a decimal integer (blanks allowed around it); nullopt otherwise.
[[nodiscard]] std::optional<long long> parse_int(std::string_view s);

//! Splits one CSV record (RFC 4180 quoting) into fields.
[[nodiscard]] std::vector<std::string> split_csv(std::string_view line);

//! Strips a trailing '\r' (files with CRLF endings).
void chomp_cr(std::string& line);

//! Walks a text line by line for the readers that report line numbers: lines are separated by '\n' (not included);
//! the text after the last '\n' is a last line too (empty when the text ends with one).
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  //! The next line into `line`; false past the end.
  bool next(std::string_view& line);
  //! [-] number of the line last returned, from 1 (0 before the first).
  [[nodiscard]] int number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int number_ = 0;
};

}  // namespace deorbit::text

// Errors that name where bad input came from: file, line, column, field, what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace deorbit {

//! Where in a text input a problem sits, and what was wrong. Lines and columns count from 1; 0 means unknown.
struct ParseIssue {
  std::string file;      //!< path as given by the user, or a label such as "<stdin>"
  int line = 0;          //!< 1-based line number
  int column = 0;        //!< 1-based column of the field's first character
  std::string field;     //!< name of the field, e.g. "eccentricity" or "MEAN_MOTION"
  std::string expected;  //!< what the field must hold, e.g. "7 digits (implied leading decimal point)"
  std::string found;     //!< the offending text, verbatim

  //! "file:line:column: field: expected ..., found '...'"
  [[nodiscard]] std::string message() const;
};

//! Thrown when input cannot be used. what() is the ParseIssue message.
class InputError : public std::runtime_error {
 public:
  explicit InputError(ParseIssue issue);
  explicit InputError(const std::string& message);  //!< for errors with no position (missing file, bad option)
  [[nodiscard]] const ParseIssue& issue() const { return issue_; }

 private:
  ParseIssue issue_;
};

}  // namespace deorbit

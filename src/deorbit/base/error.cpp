#include "deorbit/base/error.h"

#include <fmt/format.h>

namespace deorbit {

std::string ParseIssue::message() const {
  std::string where = file.empty() ? "<input>" : file;
  if (line > 0) where += fmt::format(":{}", line);
  if (column > 0) where += fmt::format(":{}", column);
  std::string text = where + ": ";
  if (!field.empty()) text += field + ": ";
  if (!expected.empty()) text += "expected " + expected;
  if (!expected.empty()) text += fmt::format(", found '{}'", found);
  else if (!found.empty()) text += found;
  return text;
}

InputError::InputError(ParseIssue issue) : std::runtime_error(issue.message()), issue_(std::move(issue)) {}
InputError::InputError(const std::string& message) : std::runtime_error(message) {}

}  // namespace deorbit

// NRLMSISE-00 coefficient tables: parser of the embedded plain-text copy (see data/nrlmsise00_coefficients.txt for
// the source). Reference: Picone, Hedin, Drob, Aikin (2002), JGR 107(A12) 1468.
#include "deorbit/atmosphere/nrlmsise00_coefficients.h"

#include <charconv>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "deorbit/base/embedded_data.h"
#include "deorbit/base/text.h"

namespace deorbit::nrlmsise00 {
namespace {

struct Target {
  std::string_view name;
  std::size_t rows;
  std::size_t cols;
  std::function<double&(std::size_t)> at;  // element i in row-major order
  bool seen = false;
  [[nodiscard]] std::size_t size() const { return rows * cols; }
};

[[noreturn]] void fail(int line, const std::string& what) {
  throw std::logic_error("nrlmsise00_coefficients.txt:" + std::to_string(line) + ": " + what);
}

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Coefficients parse_coefficients(std::string_view text) {
  Coefficients c;
  auto flat = [](auto& a) { return [&a](std::size_t i) -> double& { return a[i]; }; };
  auto nested = [](auto& a) {
    return [&a](std::size_t i) -> double& { return a[i / a[0].size()][i % a[0].size()]; };
  };
  std::vector<Target> targets = {
      {"pt", 1, 150, flat(c.pt)},     {"pd", 9, 150, nested(c.pd)},   {"ps", 1, 150, flat(c.ps)},
      {"pdl", 2, 25, nested(c.pdl)},  {"ptl", 4, 100, nested(c.ptl)}, {"pma", 10, 100, nested(c.pma)},
      {"sam", 1, 100, flat(c.sam)},   {"ptm", 1, 10, flat(c.ptm)},    {"pdm", 8, 10, nested(c.pdm)},
      {"pavgm", 1, 10, flat(c.pavgm)}};

  Target* current = nullptr;
  std::size_t filled = 0;
  int current_line = 0;
  auto close = [&](int line) {
    if (current && filled != current->size())
      fail(line, "array " + std::string(current->name) + " has " + std::to_string(filled) + " values, expected " +
                     std::to_string(current->size()));
  };

  int line_no = 0;
  text::LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    line_no = lines.number();
    auto tok = tokens(line);
    if (tok.empty() || tok[0].front() == '#') continue;
    if (tok[0] == "array") {
      close(line_no);
      if (tok.size() != 4) fail(line_no, "expected 'array NAME ROWS COLS'");
      current = nullptr;
      for (auto& t : targets)
        if (t.name == tok[1]) current = &t;
      if (!current) fail(line_no, "unknown array '" + std::string(tok[1]) + "'");
      if (current->seen) fail(line_no, "array '" + std::string(tok[1]) + "' given twice");
      if (tok[2] != std::to_string(current->rows) || tok[3] != std::to_string(current->cols))
        fail(line_no, "array '" + std::string(tok[1]) + "' must be " + std::to_string(current->rows) + " x " +
                          std::to_string(current->cols));
      current->seen = true;
      filled = 0;
      current_line = line_no;
      continue;
    }
    if (!current) fail(line_no, "numbers before any 'array' line");
    for (auto t : tok) {
      double v = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || p != t.data() + t.size()) fail(line_no, "not a number: '" + std::string(t) + "'");
      if (filled == current->size())
        fail(line_no, "too many values for array " + std::string(current->name) + " (started on line " +
                          std::to_string(current_line) + ")");
      current->at(filled++) = v;
    }
  }
  close(line_no);
  for (const auto& t : targets)
    if (!t.seen) fail(line_no, "array '" + std::string(t.name) + "' missing");
  return c;
}

const Coefficients& coefficients() {
  static const Coefficients c = [] {
    auto text = embedded_data("nrlmsise00_coefficients.txt");
    if (!text) throw std::logic_error("embedded data file nrlmsise00_coefficients.txt is missing");
    return parse_coefficients(*text);
  }();
  return c;
}

}  // namespace deorbit::nrlmsise00

// OMM in JSON as CelesTrak and Space-Track serve it (https://celestrak.org/NORAD/documentation/gp-data-formats.php):
// an array of flat objects, or one object, whose keys are the CCSDS 502.0-B-3 OMM keywords. The text is scanned
// element by element, so a file of any size streams and each record knows its line; every element is then parsed
// on its own, so one broken record does not lose the others.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <streambuf>

#include "deorbit/base/text.h"
#include "deorbit/orbit/omm_record.h"

namespace deorbit::omm_detail {

namespace {

using Json = nlohmann::json;

class Scanner {
 public:
  explicit Scanner(std::streambuf* buf) : buf_(buf) {}
  static constexpr int eof = std::char_traits<char>::eof();

  int peek() { return buf_->sgetc(); }
  int get() {
    int c = buf_->sbumpc();
    if (c == '\n') {
      ++line_;
      column_ = 0;
    } else if (c != eof) {
      ++column_;
    }
    return c;
  }
  void skip_blanks() {
    for (int c = peek(); c == ' ' || c == '\t' || c == '\r' || c == '\n'; c = peek()) get();
  }
  //! Position of the next character.
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_ + 1; }

 private:
  std::streambuf* buf_;
  int line_ = 1;
  int column_ = 0;
};

//! One element of the top-level array, as text, with where it starts.
struct Element {
  std::string text;
  int line = 0;
  int column = 0;
};

// Up to the ',' or ']' that ends the element at depth 0 (left unread), tracking strings and escapes.
Element scan_element(Scanner& s) {
  Element e{{}, s.line(), s.column()};
  int depth = 0;
  bool in_string = false, escape = false;
  for (int c = s.peek(); c != Scanner::eof; c = s.peek()) {
    if (!in_string && depth <= 0 && (c == ',' || c == ']')) break;
    e.text += static_cast<char>(s.get());
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  while (!e.text.empty() && std::isspace(static_cast<unsigned char>(e.text.back()))) e.text.pop_back();
  return e;
}

// Line and column of byte `offset` of the element's text.
std::pair<int, int> position(const Element& e, std::size_t offset) {
  int line = e.line, column = e.column;
  for (std::size_t i = 0; i < offset && i < e.text.size(); ++i) {
    if (e.text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// Where the value of "key" starts: nlohmann::json keeps no positions, so find the key in the element's own text.
std::pair<int, int> value_position(const Element& e, const std::string& key) {
  const std::string quoted = "\"" + key + "\"";
  for (std::size_t at = e.text.find(quoted); at != std::string::npos; at = e.text.find(quoted, at + 1)) {
    if (at > 0 && e.text[at - 1] == '\\') continue;
    std::size_t colon = e.text.find_first_not_of(" \t\r\n", at + quoted.size());
    if (colon == std::string::npos || e.text[colon] != ':') continue;
    std::size_t value = e.text.find_first_not_of(" \t\r\n", colon + 1);
    return position(e, value == std::string::npos ? colon : value);
  }
  return {e.line, e.column};
}

void read_element(const Element& e, Sink& sink) {
  Json j;
  try {
    j = Json::parse(e.text);
  } catch (const Json::parse_error& error) {
    std::size_t at = std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, e.text.size());
    auto [line, column] = position(e, at);
    std::size_t from = at > 20 ? at - 20 : 0;
    std::string near = e.text.substr(from, 40);
    for (char& c : near)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    sink.issue(line, column, "", "a well-formed JSON object", near);
    return;
  } catch (const Json::exception& error) {  // e.g. out_of_range: a number past the range of double ("1e400")
    sink.issue(e.line, e.column, "", "a JSON object with numbers within the range of double", error.what());
    return;
  }
  if (!j.is_object()) {
    sink.issue(e.line, e.column, "", "a JSON object of OMM keywords", j.type_name());
    return;
  }
  Record record;
  record.line = e.line;
  record.full_message = false;
  for (const auto& [key, v] : j.items()) {
    std::string keyword = text::upper(key);
    // CelesTrak adds date_fetched, Space-Track adds TLE lines, decay dates and more: not OMM keywords, not ours.
    if (keyword_info(keyword).kind == KeywordKind::Unknown || v.is_null()) continue;
    auto [line, column] = value_position(e, key);
    if (!v.is_string() && !v.is_number()) {
      sink.issue(line, column, keyword, "a number or a string", v.type_name());
      return;
    }
    Value value;
    value.text = v.is_string() ? std::string(text::trim(v.get<std::string>())) : v.dump();
    value.line = line;
    value.column = column;
    record.values.insert_or_assign(std::move(keyword), std::move(value));
  }
  sink.add(record);
}

}  // namespace

void read_json(std::istream& in, Sink& sink) {
  Scanner s(in.rdbuf());
  if (s.peek() == 0xEF) {  // UTF-8 byte order mark
    s.get();
    s.get();
    s.get();
  }
  s.skip_blanks();
  int first = s.peek();
  if (first == Scanner::eof) return;
  if (first == '{') {
    read_element(scan_element(s), sink);
    if (s.peek() != Scanner::eof) {
      int line = s.line(), column = s.column();
      sink.issue(line, column, "", "end of input after the object", std::string(1, static_cast<char>(s.peek())));
    }
    return;
  }
  if (first != '[') {
    sink.issue(s.line(), s.column(), "", "a JSON array '[' of OMM objects, or one object '{'",
               std::string(1, static_cast<char>(first)));
    return;
  }
  s.get();
  bool after_comma = false;
  while (true) {
    s.skip_blanks();
    int c = s.peek();
    if (c == Scanner::eof) {
      sink.issue(s.line(), s.column(), "", "']' closing the array", "end of input");
      return;
    }
    if (c == ']') {
      if (after_comma) sink.issue(s.line(), s.column(), "", "a JSON object after ','", "]");
      s.get();
      break;
    }
    Element e = scan_element(s);
    if (e.text.empty()) sink.issue(e.line, e.column, "", "a JSON object", std::string(1, static_cast<char>(s.peek())));
    else read_element(e, sink);
    int end = s.get();
    if (end == ']') break;
    if (end == Scanner::eof) {
      sink.issue(s.line(), s.column(), "", "']' closing the array", "end of input");
      return;
    }
    after_comma = true;
  }
  s.skip_blanks();
  if (s.peek() != Scanner::eof)
    sink.issue(s.line(), s.column(), "", "end of input after ']'", std::string(1, static_cast<char>(s.peek())));
}

}  // namespace deorbit::omm_detail

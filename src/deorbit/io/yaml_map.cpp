#include "deorbit/io/yaml_map.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

YamlMap::YamlMap(YAML::Node node, std::string file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {}

YamlMap YamlMap::load_text(const std::string& text, const std::string& label) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(ParseIssue{label, e.mark.line + 1, e.mark.column + 1, "", "", "YAML syntax: " + e.msg});
  }
  if (!root.IsMap())
    throw InputError(ParseIssue{label, 1, 1, "", "a mapping of keys to values at the top level", "something else"});
  return YamlMap(root, label, "");
}

YamlMap YamlMap::load_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw InputError(fmt::format("{}: cannot open file", path));
  } catch (const YAML::Exception& e) {
    throw InputError(ParseIssue{path, e.mark.line + 1, e.mark.column + 1, "", "", "YAML syntax: " + e.msg});
  }
  if (!root.IsMap())
    throw InputError(ParseIssue{path, 1, 1, "", "a mapping of keys to values at the top level", "something else"});
  return YamlMap(root, path, "");
}

void YamlMap::fail(const YAML::Node& at, const std::string& key, const std::string& expected) const {
  YAML::Mark m = at.IsDefined() ? at.Mark() : node_.Mark();
  std::string found = at.IsDefined() && at.IsScalar() ? at.Scalar() : (at.IsDefined() ? "a non-scalar value" : "nothing");
  if (!at.IsDefined() && node_.IsMap() && node_.size() > 0) {
    // A missing key is often a misspelt one (or one with another unit): show what the mapping holds.
    std::vector<std::string> keys;
    for (const auto& kv : node_) keys.push_back(kv.first.as<std::string>());
    found += " (the mapping has: " + join(keys) + ")";
  }
  std::string name = path_.empty() ? key : path_ + "." + key;
  throw InputError(ParseIssue{file_, m.line + 1, m.column + 1, name, expected, found});
}

YAML::Node YamlMap::get(const std::string& key) const {
  used_.insert(key);
  return node_[key];
}

bool YamlMap::has(const std::string& key) const { return static_cast<bool>(node_[key]); }

double YamlMap::number(const std::string& key, const char* unit, double min, double max) const {
  YAML::Node n = get(key);
  std::string expected = fmt::format("a number in [{}, {}]{}{}", min, max, *unit ? " " : "", unit);
  if (!n.IsDefined() || !n.IsScalar()) fail(n, key, expected);
  auto v = text::parse_double(n.Scalar());
  if (!v || *v < min || *v > max) fail(n, key, expected);
  return *v;
}

double YamlMap::number_or(const std::string& key, double fallback, const char* unit, double min, double max) const {
  if (!has(key)) {
    used_.insert(key);
    return fallback;
  }
  return number(key, unit, min, max);
}

int YamlMap::integer_or(const std::string& key, int fallback, int min, int max) const {
  YAML::Node n = get(key);
  if (!n.IsDefined()) return fallback;
  std::string expected = fmt::format("an integer in [{}, {}]", min, max);
  if (!n.IsScalar()) fail(n, key, expected);
  auto v = text::parse_int(n.Scalar());
  if (!v || *v < min || *v > max) fail(n, key, expected);
  return static_cast<int>(*v);
}

bool YamlMap::flag_or(const std::string& key, bool fallback) const {
  YAML::Node n = get(key);
  if (!n.IsDefined()) return fallback;
  std::string s = n.IsScalar() ? n.Scalar() : "";
  if (s == "true") return true;
  if (s == "false") return false;
  fail(n, key, "true or false");
}

std::string YamlMap::text_or(const std::string& key, const std::string& fallback,
                             const std::vector<std::string>& choices) const {
  YAML::Node n = get(key);
  if (!n.IsDefined()) return fallback;
  if (!n.IsScalar()) fail(n, key, choices.empty() ? "a text" : "one of " + join(choices));
  if (!choices.empty() && std::find(choices.begin(), choices.end(), n.Scalar()) == choices.end())
    fail(n, key, "one of " + join(choices));
  return n.Scalar();
}

std::optional<YamlMap> YamlMap::map(const std::string& key) const {
  YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  if (!n.IsMap()) fail(n, key, "a mapping of keys to values");
  return YamlMap(n, file_, path_.empty() ? key : path_ + "." + key);
}

std::vector<std::string> YamlMap::text_list(const std::string& key, const std::vector<std::string>& choices) const {
  YAML::Node n = get(key);
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) fail(n, key, "a list, e.g. [" + join(choices) + "]");
  for (const auto& item : n) {
    if (!item.IsScalar() || (!choices.empty() && std::find(choices.begin(), choices.end(), item.Scalar()) == choices.end()))
      fail(item, key, "list items from " + join(choices));
    out.push_back(item.Scalar());
  }
  return out;
}

std::vector<double> YamlMap::number_list(const std::string& key, const char* unit, double min, double max) const {
  YAML::Node n = get(key);
  std::vector<double> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  std::string expected = fmt::format("a list of numbers in [{}, {}]{}{}", min, max, *unit ? " " : "", unit);
  if (!n.IsSequence()) fail(n, key, expected);
  for (const auto& item : n) {
    std::optional<double> v = item.IsScalar() ? text::parse_double(item.Scalar()) : std::nullopt;
    if (!v || !std::isfinite(*v) || *v < min || *v > max) fail(item, key, expected);
    out.push_back(*v);
  }
  return out;
}

std::vector<std::vector<double>> YamlMap::number_rows(const std::string& key, const std::vector<const char*>& units,
                                                      const std::vector<double>& min,
                                                      const std::vector<double>& max) const {
  YAML::Node n = get(key);
  std::vector<std::vector<double>> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  std::string expected = "a list of [";
  for (std::size_t j = 0; j < units.size(); ++j)
    expected += fmt::format("{}{} in [{}, {}]", j ? ", " : "", units[j], min[j], max[j]);
  expected += "] rows";
  if (!n.IsSequence()) fail(n, key, expected);
  for (const auto& row : n) {
    if (!row.IsSequence() || row.size() != units.size()) fail(row, key, expected);
    std::vector<double> r;
    for (std::size_t j = 0; j < units.size(); ++j) {
      std::optional<double> v = row[j].IsScalar() ? text::parse_double(row[j].Scalar()) : std::nullopt;
      if (!v || !std::isfinite(*v) || *v < min[j] || *v > max[j]) fail(row[j], key, expected);
      r.push_back(*v);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<YamlMap> YamlMap::map_list(const std::string& key) const {
  YAML::Node n = get(key);
  std::vector<YamlMap> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) fail(n, key, "a list of mappings");
  std::string base = path_.empty() ? key : path_ + "." + key;
  int i = 0;
  for (const auto& item : n) {
    if (!item.IsMap()) fail(item, key, "a list of mappings");
    out.push_back(YamlMap(item, file_, fmt::format("{}[{}]", base, i++)));
  }
  return out;
}

void YamlMap::error(const std::string& key, const std::string& expected) const { fail(node_[key], key, expected); }

std::string YamlMap::dump() const {
  YAML::Emitter e;
  e << node_;
  return std::string(e.c_str()) + "\n";
}

int YamlMap::line() const { return node_.Mark().line + 1; }

void YamlMap::refuse_unknown_keys() const {
  for (const auto& kv : node_) {
    std::string key = kv.first.as<std::string>();
    if (!used_.count(key)) {
      std::vector<std::string> known(used_.begin(), used_.end());
      std::string name = path_.empty() ? key : path_ + "." + key;
      YAML::Mark m = kv.first.Mark();
      throw InputError(ParseIssue{file_, m.line + 1, m.column + 1, name,
                                  "one of the keys " + join(known), key});
    }
  }
}

}  // namespace deorbit

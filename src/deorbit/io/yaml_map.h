// Strict reading of YAML mappings for scenario and configuration files: every value is checked for type and range,
// unknown keys are refused, and every error names file, line, column and key.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace deorbit {

class YamlMap {
 public:
  //! Loads a YAML file whose top level must be a mapping. Throws InputError naming the file on a syntax error.
  [[nodiscard]] static YamlMap load_file(const std::string& path);
  //! Parses YAML text (label names it in messages).
  [[nodiscard]] static YamlMap load_text(const std::string& text, const std::string& label);

  //! A number; `unit` is named in messages (e.g. "m"). Throws InputError if missing (when required) or not a number
  //! or outside [min, max].
  [[nodiscard]] double number(const std::string& key, const char* unit, double min, double max) const;
  [[nodiscard]] double number_or(const std::string& key, double fallback, const char* unit, double min, double max) const;
  [[nodiscard]] int integer_or(const std::string& key, int fallback, int min, int max) const;
  [[nodiscard]] bool flag_or(const std::string& key, bool fallback) const;
  //! A string that must be one of `choices` (case-sensitive) when choices is non-empty.
  [[nodiscard]] std::string text_or(const std::string& key, const std::string& fallback,
                                    const std::vector<std::string>& choices = {}) const;
  [[nodiscard]] bool has(const std::string& key) const;
  //! A nested mapping; nullopt if absent. Throws if present but not a mapping.
  [[nodiscard]] std::optional<YamlMap> map(const std::string& key) const;
  //! A list of strings, each one of `choices` when non-empty.
  [[nodiscard]] std::vector<std::string> text_list(const std::string& key, const std::vector<std::string>& choices) const;

  //! A list of numbers, each in [min, max]; empty if absent.
  [[nodiscard]] std::vector<double> number_list(const std::string& key, const char* unit, double min, double max) const;
  //! A list of rows of `width` numbers (e.g. [[lat, lon], ...]); row element j must lie in [min[j], max[j]].
  [[nodiscard]] std::vector<std::vector<double>> number_rows(const std::string& key, const std::vector<const char*>& units,
                                                             const std::vector<double>& min,
                                                             const std::vector<double>& max) const;
  //! A list of mappings (e.g. a list of engines); empty if absent. Throws if present but not a list of mappings.
  [[nodiscard]] std::vector<YamlMap> map_list(const std::string& key) const;
  //! Throws InputError at `key` (its value's position, or this mapping's when absent) with what was expected, for
  //! checks that involve more than one value.
  [[noreturn]] void error(const std::string& key, const std::string& expected) const;
  //! The mapping as YAML text (block style), e.g. to echo a section.
  [[nodiscard]] std::string dump() const;
  //! Position of this mapping, 1-based line.
  [[nodiscard]] int line() const;

  //! Refuses keys that were not read: call after reading everything a mapping may hold.
  void refuse_unknown_keys() const;

  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  YamlMap(YAML::Node node, std::string file, std::string path);
  [[nodiscard]] YAML::Node get(const std::string& key) const;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& key, const std::string& expected) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;  // dotted path of this mapping, e.g. "drag"
  mutable std::set<std::string> used_;
};

}  // namespace deorbit

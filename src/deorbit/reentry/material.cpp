#include "deorbit/reentry/material.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

struct Token {
  std::string_view text;
  int column = 0;  // 1-based
};

std::vector<Token> tokens(std::string_view line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back({line.substr(i, j - i), static_cast<int>(i) + 1});
    i = j;
  }
  return out;
}

// The columns of a `material` line after its name, in file order.
struct Column {
  const char* field;
  const char* unit;
  double min;
  double max;
};
// Ranges are physical sanity bounds (a typo, not a judgement of the value): densities from foams to osmium,
// melting points up to carbon's sublimation, emissivity a fraction.
constexpr std::array<Column, 5> kValueColumns{{{"density_kg_m3", "kg/m^3", 1.0, 25000.0},
                                               {"melting_temperature_K", "K", 200.0, 4500.0},
                                               {"heat_of_fusion_J_kg", "J/kg", 0.0, 1e7},
                                               {"specific_heat_J_kg_K", "J/(kg K)", 10.0, 1e4},
                                               {"emissivity_1", "", 0.01, 1.0}}};
constexpr std::array<const char*, 5> kSourceColumns{"src_density", "src_melting", "src_fusion", "src_specific_heat",
                                                    "src_emissivity"};

class Parser {
 public:
  explicit Parser(std::string label) : label_(std::move(label)) {}

  [[noreturn]] void fail(int line, int column, const std::string& field, const std::string& expected,
                         std::string_view found) const {
    throw InputError(ParseIssue{label_, line, column, field, expected, std::string(found)});
  }

  double number(int line, const Token& t, const Column& c) const {
    std::string expected = fmt::format("a number in [{}, {}]{}{}", c.min, c.max, *c.unit ? " " : "", c.unit);
    auto v = text::parse_double(t.text);
    if (!v || *v < c.min || *v > c.max) fail(line, t.column, c.field, expected, t.text);
    return *v;
  }

  std::string label_;
};

}  // namespace

double Material::specific_heat(double temperature) const {
  const auto& t = specific_heat_table;
  if (t.empty()) throw std::logic_error("material '" + name + "' has no specific heat");
  if (t.size() == 1 || temperature <= t.front().first) return t.front().second;
  if (temperature >= t.back().first) return t.back().second;
  auto hi = std::upper_bound(t.begin(), t.end(), temperature,
                             [](double x, const std::pair<double, double>& p) { return x < p.first; });
  auto lo = hi - 1;
  double f = (temperature - lo->first) / (hi->first - lo->first);
  return lo->second + f * (hi->second - lo->second);
}

MaterialDatabase MaterialDatabase::parse(std::string_view text, const std::string& label) {
  Parser p(label);
  MaterialDatabase db;
  // A material whose specific heat is `table` waits for its `specific_heat` line: name -> line of the material.
  std::map<std::string, int> awaiting_table;
  // Source keys are checked after the whole text is read, so a source may be declared below its first use.
  struct Use {
    int line;
    int column;
    std::string field;
    std::string key;
  };
  std::vector<Use> uses;

  int line_no = 0;
  text::LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    line_no = lines.number();
    auto toks = tokens(line);
    if (toks.empty() || toks[0].text.front() == '#') continue;
    const std::string_view kind = toks[0].text;

    if (kind == "source") {
      if (toks.size() < 3)
        p.fail(line_no, toks[0].column, "source", "a key and the citation text after 'source'", line);
      std::string key(toks[1].text);
      std::string_view rest = line.substr(static_cast<std::size_t>(toks[2].column - 1));
      if (!db.sources_.emplace(key, std::string(text::trim(rest))).second)
        p.fail(line_no, toks[1].column, "source", "a source key not declared before", key);
    } else if (kind == "material") {
      constexpr std::size_t kFields = 2 + kValueColumns.size() + kSourceColumns.size();
      if (toks.size() != kFields)
        p.fail(line_no, toks[0].column, "material",
               fmt::format("{} fields: material NAME, 5 values, 5 source keys", kFields),
               fmt::format("{} fields", toks.size()));
      Material m;
      m.name = std::string(toks[1].text);
      if (db.find(m.name)) p.fail(line_no, toks[1].column, "name", "a material name not used before", m.name);
      m.density = p.number(line_no, toks[2], kValueColumns[0]);
      m.melting_temperature = p.number(line_no, toks[3], kValueColumns[1]);
      m.heat_of_fusion = p.number(line_no, toks[4], kValueColumns[2]);
      if (toks[5].text == "table")
        awaiting_table[m.name] = line_no;
      else
        m.specific_heat_table = {{0.0, p.number(line_no, toks[5], kValueColumns[3])}};
      m.emissivity = p.number(line_no, toks[6], kValueColumns[4]);
      std::array<std::string*, 5> src{&m.sources.density, &m.sources.melting_temperature, &m.sources.heat_of_fusion,
                                      &m.sources.specific_heat, &m.sources.emissivity};
      for (std::size_t k = 0; k < src.size(); ++k) {
        const Token& t = toks[7 + k];
        *src[k] = std::string(t.text);
        uses.push_back({line_no, t.column, kSourceColumns[k], *src[k]});
      }
      db.materials_.push_back(std::move(m));
    } else if (kind == "specific_heat") {
      if (toks.size() < 5)
        p.fail(line_no, toks[0].column, "specific_heat", "NAME SOURCE and at least two T_K:cp_J_kg_K points",
               line);
      std::string name(toks[1].text);
      auto waiting = awaiting_table.find(name);
      if (waiting == awaiting_table.end())
        p.fail(line_no, toks[1].column, "specific_heat",
               "the name of a material declared above with specific heat 'table' (and no table yet)", name);
      Material& m = *std::find_if(db.materials_.begin(), db.materials_.end(),
                                  [&](const Material& x) { return x.name == name; });
      m.sources.specific_heat = std::string(toks[2].text);
      uses.push_back({line_no, toks[2].column, "specific_heat source", m.sources.specific_heat});
      const Column temperature{"specific_heat temperature", "K", 1.0, 6000.0};
      for (std::size_t k = 3; k < toks.size(); ++k) {
        const Token& t = toks[k];
        std::size_t colon = t.text.find(':');
        if (colon == std::string_view::npos)
          p.fail(line_no, t.column, "specific_heat", "a point T_K:cp_J_kg_K", t.text);
        Token tt{t.text.substr(0, colon), t.column};
        Token tc{t.text.substr(colon + 1), t.column + static_cast<int>(colon) + 1};
        double temp = p.number(line_no, tt, temperature);
        double cp = p.number(line_no, tc, kValueColumns[3]);
        if (!m.specific_heat_table.empty() && temp <= m.specific_heat_table.back().first)
          p.fail(line_no, t.column, "specific_heat temperature", "temperatures increasing along the line", t.text);
        m.specific_heat_table.emplace_back(temp, cp);
      }
      awaiting_table.erase(waiting);
    } else {
      p.fail(line_no, toks[0].column, "line kind", "'source', 'material', 'specific_heat' or a '#' comment", kind);
    }
  }

  if (!awaiting_table.empty()) {
    const auto& [name, line] = *awaiting_table.begin();
    p.fail(line, 0, "specific_heat_J_kg_K", "a 'specific_heat " + name + " ...' line for the value 'table'",
           "none");
  }
  for (const Use& u : uses)
    if (!db.sources_.count(u.key)) p.fail(u.line, u.column, u.field, "a key declared by a 'source' line", u.key);
  if (db.materials_.empty()) p.fail(line_no, 0, "material", "at least one 'material' line", "none");
  return db;
}

const MaterialDatabase& MaterialDatabase::embedded() {
  // The embedded file is part of the program: a failure to parse it is a build defect, reported with its position.
  static const MaterialDatabase db = [] {
    auto text = embedded_data("materials.txt");
    if (!text) throw std::logic_error("materials.txt is not embedded (data/ was not scanned at configure time)");
    return parse(*text, "materials.txt");
  }();
  return db;
}

const Material* MaterialDatabase::find(std::string_view name) const {
  auto it = std::find_if(materials_.begin(), materials_.end(), [&](const Material& m) { return m.name == name; });
  return it == materials_.end() ? nullptr : &*it;
}

const Material& MaterialDatabase::material(std::string_view name) const {
  if (const Material* m = find(name)) return *m;
  std::string known;
  for (const auto& m : materials_) known += (known.empty() ? "" : ", ") + m.name;
  throw InputError(fmt::format("unknown material '{}'; known materials: {}", name, known));
}

std::vector<std::string> MaterialDatabase::names() const {
  std::vector<std::string> out;
  for (const auto& m : materials_) out.push_back(m.name);
  return out;
}

ThermalMaterial thermal_properties(const Material& m) {
  ThermalMaterial t{m.name, m.density, m.melting_temperature, m.heat_of_fusion, m.specific_heat(300.0), {},
                    m.emissivity};
  if (!m.constant_specific_heat()) t.specific_heat_of_t = [&m](double temperature) { return m.specific_heat(temperature); };
  return t;
}

}  // namespace deorbit

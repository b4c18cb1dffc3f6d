// CCSDS 502.0-B-3 ODM Blue Book, section 8 (NDM/XML): OMM in XML, one <omm> or several inside an <ndm>; element
// names are the KVN keywords, units sit in a units="..." attribute.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <tuple>
#include <pugixml.hpp>
#include <vector>

#include "deorbit/base/text.h"
#include "deorbit/orbit/omm_record.h"

namespace deorbit::omm_detail {

namespace {

// pugixml reports byte offsets; users want lines and columns.
class LineIndex {
 public:
  explicit LineIndex(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines_.push_back(i);
  }
  [[nodiscard]] std::pair<int, int> at(std::ptrdiff_t offset) const {
    if (offset < 0) return {0, 0};
    auto pos = static_cast<std::size_t>(offset);
    auto before = std::lower_bound(newlines_.begin(), newlines_.end(), pos);
    std::size_t line_start = before == newlines_.begin() ? 0 : *std::prev(before) + 1;
    return {static_cast<int>(before - newlines_.begin()) + 1, static_cast<int>(pos - line_start) + 1};
  }

 private:
  std::vector<std::size_t> newlines_;
};

// Namespace prefixes ("ndm:omm") carry no meaning for us.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

class OmmElementReader {
 public:
  OmmElementReader(const LineIndex& lines, Sink& sink) : lines_(lines), sink_(sink) {}

  void read(const pugi::xml_node& omm) {
    record_ = Record{};
    problem_.reset();
    auto [line, column] = element_position(omm);
    record_.line = line;
    if (pugi::xml_attribute version = omm.attribute("version")) {
      auto v = text::parse_double(version.value());
      if (!v || (*v != 2.0 && *v != 3.0)) flag(line, column, "version", "2.0 or 3.0", version.value());
    }
    collect(omm.child("header"));
    pugi::xml_node body = omm.child("body");
    pugi::xml_node segment = body.child("segment");
    if (!segment) {
      flag(line, column, "segment", "<body><segment> holding <metadata> and <data>", "");
    } else if (segment.next_sibling("segment")) {
      auto [l, c] = element_position(segment.next_sibling("segment"));
      flag(l, c, "segment", "one <segment> per <omm>", "a second <segment>");
    }
    collect(segment.child("metadata"));
    for (pugi::xml_node block : segment.child("data").children()) {
      if (block.type() != pugi::node_element) continue;
      std::string_view name = local_name(block);
      if (name == "meanElements" || name == "tleParameters" || name == "spacecraftParameters") {
        collect(block);
      } else if (name != "covarianceMatrix" && name != "userDefinedParameters" && name != "COMMENT") {
        auto [l, c] = element_position(block);
        flag(l, c, std::string(name),
             "<meanElements>, <spacecraftParameters>, <tleParameters>, <covarianceMatrix> or <userDefinedParameters>",
             fmt::format("<{}>", name));
      }
    }
    if (problem_) sink_.issue(*problem_);
    else sink_.add(record_);
  }

 private:
  std::pair<int, int> element_position(const pugi::xml_node& node) const {
    auto [line, column] = lines_.at(node.offset_debug());
    return {line, column > 1 ? column - 1 : column};  // offset_debug points at the name, after '<'
  }

  void flag(int line, int column, std::string field, std::string expected, std::string found) {
    if (!problem_)
      problem_ = ParseIssue{sink_.file(), line, column, std::move(field), std::move(expected), std::move(found)};
  }

  void collect(const pugi::xml_node& block) {
    for (pugi::xml_node e : block.children()) {
      if (e.type() != pugi::node_element) continue;
      std::string key = text::upper(local_name(e));
      if (key == "COMMENT") continue;
      auto [line, column] = element_position(e);
      if (keyword_info(key).kind == KeywordKind::Unknown) {
        flag(line, column, key, "an OMM keyword of CCSDS 502.0-B-3 tables 4-1 to 4-3", fmt::format("<{}>", e.name()));
        continue;
      }
      if (auto it = record_.values.find(key); it != record_.values.end()) {
        flag(line, column, key, fmt::format("{} once per message (already on line {})", key, it->second.line),
             e.text().get());
        continue;
      }
      Value v;
      v.text = std::string(text::trim(e.text().get()));
      v.line = line;
      v.column = column;
      if (pugi::xml_node data = e.first_child();
          data && (data.type() == pugi::node_pcdata || data.type() == pugi::node_cdata) && data.offset_debug() >= 0) {
        std::string_view raw = data.value();
        if (std::size_t lead = raw.find_first_not_of(" \t\r\n"); lead != std::string_view::npos)
          std::tie(v.line, v.column) = lines_.at(data.offset_debug() + static_cast<std::ptrdiff_t>(lead));
      }
      if (pugi::xml_attribute units = e.attribute("units")) {
        v.has_unit = true;
        v.unit = units.value();
        v.unit_column = column;
      }
      record_.values.emplace(std::move(key), std::move(v));
    }
  }

  const LineIndex& lines_;
  Sink& sink_;
  Record record_;
  std::optional<ParseIssue> problem_;
};

}  // namespace

void read_xml(std::istream& in, Sink& sink) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  LineIndex lines(text);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    auto [line, column] = lines.at(parsed.offset);
    sink.issue(line, column, "", "well-formed XML", parsed.description());
    return;
  }
  OmmElementReader reader(lines, sink);
  pugi::xml_node root = doc.document_element();
  if (local_name(root) == "omm") {
    reader.read(root);
    return;
  }
  if (local_name(root) != "ndm") {
    auto [line, column] = lines.at(root.offset_debug());
    sink.issue(line, column > 1 ? column - 1 : column, std::string(local_name(root)), "<ndm> or <omm> root element",
               fmt::format("<{}>", root.name()));
    return;
  }
  for (pugi::xml_node child : root.children()) {
    if (child.type() != pugi::node_element || local_name(child) == "COMMENT") continue;
    if (local_name(child) == "omm") {
      reader.read(child);
    } else {
      auto [line, column] = lines.at(child.offset_debug());
      sink.issue(line, column > 1 ? column - 1 : column, std::string(local_name(child)), "<omm> messages only",
                 fmt::format("<{}>", child.name()));
    }
  }
}

}  // namespace deorbit::omm_detail

// CCSDS 502.0-B-3 ODM Blue Book, section 7 (KVN syntax): line lexer and unit checks for the OMM and OPM readers.
#include "deorbit/orbit/ccsds_kvn.h"

#include <fmt/format.h>

#include <cctype>
#include <chrono>

#include "deorbit/base/text.h"

namespace deorbit::ccsds {

namespace {

bool is_keyword_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string squeeze_upper(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

KvnLine lex_kvn_line(std::string_view line) {
  KvnLine out;
  std::size_t first = line.find_first_not_of(" \t\r\f\v");
  if (first == std::string_view::npos) return out;
  std::string_view rest = text::trim(line.substr(first));
  out.keyword_column = static_cast<int>(first) + 1;

  // COMMENT needs no '=' (section 7.8); the text after it may hold anything, '=' included.
  if (rest.substr(0, 7) == "COMMENT" && (rest.size() == 7 || std::isspace(static_cast<unsigned char>(rest[7])))) {
    out.kind = KvnLine::Kind::Comment;
    out.keyword = "COMMENT";
    out.raw_value = out.value = std::string(text::trim(rest.substr(7)));
    return out;
  }

  std::size_t eq = line.find('=', first);
  if (eq == std::string_view::npos) {
    out.kind = KvnLine::Kind::Malformed;
    out.keyword = text::upper(rest.substr(0, rest.find_first_of(" \t")));
    out.raw_value = std::string(rest);
    return out;
  }
  out.keyword = text::upper(text::trim(line.substr(first, eq - first)));
  bool valid = !out.keyword.empty();
  for (char c : out.keyword) valid = valid && is_keyword_char(c);
  out.kind = valid ? KvnLine::Kind::KeyValue : KvnLine::Kind::Malformed;

  std::size_t vstart = line.find_first_not_of(" \t", eq + 1);
  if (vstart == std::string_view::npos || text::trim(line.substr(vstart)).empty()) {
    out.value_column = static_cast<int>(eq) + 2;
    return out;
  }
  out.value_column = static_cast<int>(vstart) + 1;
  std::string_view raw = text::trim(line.substr(vstart));  // leading side already clean: offsets stay aligned
  out.raw_value = std::string(raw);
  out.value = out.raw_value;
  if (raw.back() == ']') {
    if (std::size_t lb = raw.rfind('['); lb != std::string_view::npos) {
      out.has_unit = true;
      out.unit = std::string(text::trim(raw.substr(lb + 1, raw.size() - lb - 2)));
      out.unit_column = static_cast<int>(vstart + lb) + 1;
      out.value = std::string(text::trim(raw.substr(0, lb)));
    }
  }
  return out;
}

bool same_unit(std::string_view found, std::string_view expected) {
  std::string f = squeeze_upper(found);
  if (expected.empty()) return f.empty() || f == "N/A";
  return f == squeeze_upper(expected);
}

std::string_view covariance_unit(std::string_view k) {
  // C<axis>[_DOT]_<axis>[_DOT], e.g. CX_X, CY_DOT_X, CZ_DOT_Z_DOT.
  auto axis = [&](std::size_t& pos) {
    if (pos >= k.size() || (k[pos] != 'X' && k[pos] != 'Y' && k[pos] != 'Z')) return false;
    ++pos;
    return true;
  };
  auto dot = [&](std::size_t& pos) {
    if (k.substr(pos, 4) != "_DOT") return 0;
    pos += 4;
    return 1;
  };
  std::size_t pos = 1;
  if (k.empty() || k[0] != 'C' || !axis(pos)) return {};
  int dots = dot(pos);
  if (pos >= k.size() || k[pos] != '_') return {};
  ++pos;
  if (!axis(pos)) return {};
  dots += dot(pos);
  if (pos != k.size()) return {};
  static constexpr std::string_view units[] = {"km**2", "km**2/s", "km**2/s**2"};
  return units[dots];
}

// 15 digits: the unit conversions leave noise in the 16th and 17th (85.5828 deg would print as 85.58280000000001),
// and 15 still bring a value back to within 5e-15 relative.
std::string format_real(double value) { return fmt::format("{:.15g}", value); }

std::string format_epoch(const Epoch& epoch, TimeScale scale) {
  std::string s = epoch.iso(scale, 9);
  // Keep at least the six decimals CelesTrak writes; drop the zeros of the nanosecond digits.
  std::size_t dot = s.rfind('.');
  if (dot != std::string::npos) {
    std::size_t keep = dot + 7;
    while (s.size() > keep && s.back() == '0') s.pop_back();
  }
  return s;
}

std::string kvn_text(const std::string& value, const char* if_empty) {
  if (value.empty()) return if_empty;
  std::string out = value;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

std::string creation_date_now() {
  using namespace std::chrono;
  auto now = floor<seconds>(system_clock::now());
  auto day = floor<days>(now);
  year_month_day ymd{day};
  hh_mm_ss hms{now - day};
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), static_cast<long long>(hms.seconds().count()));
}

}  // namespace deorbit::ccsds

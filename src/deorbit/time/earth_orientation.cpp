// Reference: CelesTrak "EOP-format" (fixed-width EOP-All.txt and EOP-All.csv); values are IERS EOP 20 C04.
#include "deorbit/time/earth_orientation.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <erfa.h>
#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "deorbit/time/epoch.h"

namespace deorbit {
namespace {

// TAI-UTC [s] at 0h of a UTC MJD (integer from 1972 on).
double dat_at(int mjd) {
  int y = 0, m = 0, d = 0;
  double fd = 0, dat = 0;
  eraJd2cal(2400000.5, mjd, &y, &m, &d, &fd);
  if (eraDat(y, m, d, 0.0, &dat) < 0) return 0.0;
  return dat;
}

EopRecord make_record(int mjd, double x, double y, double dut1, double lod, double dpsi, double deps, double dx,
                      double dy, bool predicted) {
  using constants::arcsec;
  return {mjd, {dut1, lod, x * arcsec, y * arcsec, dx * arcsec, dy * arcsec, dpsi * arcsec, deps * arcsec}, predicted};
}

ParseIssue row_issue(const std::string& file, int line, const std::string& field, const std::string& found) {
  return {file, line, 0, field, "a number (CelesTrak EOP format)", found};
}

std::vector<EopRecord> read_txt(std::istream& in, const std::string& file) {
  std::vector<EopRecord> out;
  std::string line;
  int line_no = 0;
  bool in_block = false, predicted = false;
  while (std::getline(in, line)) {
    ++line_no;
    text::chomp_cr(line);
    std::string_view t = text::trim(line);
    if (t.starts_with("BEGIN OBSERVED")) { in_block = true; predicted = false; continue; }
    if (t.starts_with("BEGIN PREDICTED")) { in_block = true; predicted = true; continue; }
    if (t.starts_with("END ")) { in_block = false; continue; }
    if (!in_block || t.empty() || t.front() == '#') continue;
    std::istringstream row{std::string(t)};
    static const char* names[] = {"year", "month", "day", "MJD", "x", "y", "UT1-UTC", "LOD",
                                  "dPsi", "dEpsilon", "dX", "dY", "DAT"};
    double v[13];
    for (int i = 0; i < 13; ++i) {
      std::string tok;
      if (!(row >> tok)) throw InputError(row_issue(file, line_no, names[i], "end of line"));
      auto value = text::parse_double(tok);
      if (!value) throw InputError(row_issue(file, line_no, names[i], tok));
      v[i] = *value;
    }
    out.push_back(make_record(static_cast<int>(v[3]), v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], predicted));
  }
  return out;
}

std::vector<EopRecord> read_csv(std::istream& in, const std::string& file) {
  std::vector<EopRecord> out;
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    ++line_no;
    text::chomp_cr(line);
    if (text::trim(line).empty()) continue;
    auto fields = text::split_csv(line);
    if (header.empty()) {
      for (auto& f : fields) header.push_back(text::upper(text::trim(f)));
      continue;
    }
    auto get = [&](const char* name, bool required = true) -> double {
      auto it = std::find(header.begin(), header.end(), name);
      if (it == header.end()) {
        if (!required) return 0.0;
        throw InputError(ParseIssue{file, 1, 0, name, "a column named " + std::string(name), "no such column"});
      }
      auto idx = static_cast<std::size_t>(it - header.begin());
      std::string_view cell = idx < fields.size() ? text::trim(fields[idx]) : std::string_view{};
      if (cell.empty() && !required) return 0.0;
      auto value = text::parse_double(cell);
      if (!value) throw InputError(row_issue(file, line_no, name, std::string(cell)));
      return *value;
    };
    bool predicted = false;
    if (auto it = std::find(header.begin(), header.end(), "DATA_TYPE"); it != header.end()) {
      auto idx = static_cast<std::size_t>(it - header.begin());
      predicted = idx < fields.size() && text::trim(fields[idx]) != "O";
    }
    out.push_back(make_record(static_cast<int>(get("MJD")), get("X"), get("Y"), get("UT1-UTC"), get("LOD", false),
                              get("DPSI", false), get("DEPS", false), get("DX", false), get("DY", false), predicted));
  }
  return out;
}

}  // namespace

EarthOrientation::EarthOrientation() = default;

EarthOrientation::EarthOrientation(std::vector<EopRecord> records, std::string source)
    : records_(std::move(records)), source_(std::move(source)) {
  std::sort(records_.begin(), records_.end(), [](const auto& a, const auto& b) { return a.mjd < b.mjd; });
  records_.erase(std::unique(records_.begin(), records_.end(), [](const auto& a, const auto& b) { return a.mjd == b.mjd; }),
                 records_.end());
}

EarthOrientation::EarthOrientation(const EarthOrientation& other)
    : records_(other.records_), source_(other.source_) {}

EarthOrientation& EarthOrientation::operator=(const EarthOrientation& other) {
  records_ = other.records_;
  source_ = other.source_;
  warned_empty_ = false;
  warned_range_ = false;
  return *this;
}

const EarthOrientation& EarthOrientation::none() {
  static const EarthOrientation empty;
  return empty;
}

EarthOrientation EarthOrientation::read(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot open Earth orientation file", path.string()));
  std::string first;
  std::getline(in, first);
  in.seekg(0);
  bool csv = text::starts_with_ci(text::trim(first), "DATE,");
  auto records = csv ? read_csv(in, path.string()) : read_txt(in, path.string());
  if (records.empty())
    throw InputError(fmt::format("{}: no Earth orientation rows found (expected CelesTrak EOP-All.txt or .csv)",
                                 path.string()));
  return EarthOrientation(std::move(records), path.string());
}

EopValues EarthOrientation::at(const Epoch& t) const { return at_utc_mjd(t.mjd(TimeScale::UTC)); }

EopValues EarthOrientation::at_utc_mjd(double mjd) const {
  if (records_.empty()) {
    if (!warned_empty_.exchange(true))
      warn("no Earth orientation data: UT1 = UTC and no polar motion (give an EOP file, e.g. CelesTrak EOP-All)");
    return {};
  }
  if (mjd < records_.front().mjd || mjd > records_.back().mjd) {
    if (!warned_range_.exchange(true))
      warn(fmt::format("MJD {:.1f} is outside the Earth orientation table {} (MJD {}..{}): holding the end values",
                       mjd, source_, records_.front().mjd, records_.back().mjd));
    return (mjd < records_.front().mjd ? records_.front() : records_.back()).values;
  }
  auto it = std::upper_bound(records_.begin(), records_.end(), mjd,
                             [](double m, const EopRecord& r) { return m < r.mjd; });
  if (it == records_.end()) return records_.back().values;
  const EopRecord& b = *it;
  const EopRecord& a = *(it - 1);
  double w = (mjd - a.mjd) / static_cast<double>(b.mjd - a.mjd);
  auto lerp = [w](double p, double q) { return p + w * (q - p); };
  // UT1-UTC jumps by one second at a leap second; UT1-TAI does not.
  double dat_a = dat_at(a.mjd), dat_b = dat_at(b.mjd);
  double dat_t = dat_at(static_cast<int>(std::floor(mjd)));
  EopValues v;
  v.ut1_minus_utc = lerp(a.values.ut1_minus_utc - dat_a, b.values.ut1_minus_utc - dat_b) + dat_t;
  v.lod = lerp(a.values.lod, b.values.lod);
  v.xp = lerp(a.values.xp, b.values.xp);
  v.yp = lerp(a.values.yp, b.values.yp);
  v.dx = lerp(a.values.dx, b.values.dx);
  v.dy = lerp(a.values.dy, b.values.dy);
  v.dpsi = lerp(a.values.dpsi, b.values.dpsi);
  v.deps = lerp(a.values.deps, b.values.deps);
  return v;
}

}  // namespace deorbit

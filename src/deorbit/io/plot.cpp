#include "deorbit/io/plot.h"

#include <plplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/io/plplot_render.h"

namespace deorbit {
namespace {

using plplot::palette;
using plplot::plain_text;

constexpr PLINT first_series_colour = 3;  // cmap0: 0 background, 1 axes and text, 2 grid

enum class Format { svg, png };
const char* driver(Format f) { return f == Format::svg ? "svg" : "pngcairo"; }

Format format_of(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".svg") return Format::svg;
  if (ext == ".png") return Format::png;
  throw InputError(fmt::format("{}: plot format: expected extension .svg or .png, found '{}'", path.string(), ext));
}

bool is_time_plot(const LinePlot& plot) { return !plot.series.empty() && !plot.series.front().times.empty(); }

void check(const LinePlot& plot, const std::filesystem::path& path) {
  auto fail = [&](const std::string& what) { throw InputError(fmt::format("{}: plot: {}", path.string(), what)); };
  if (plot.series.empty()) fail("no series to draw");
  if (plot.width_px < 200 || plot.width_px > 10000 || plot.height_px < 200 || plot.height_px > 10000)
    fail(fmt::format("size {}x{} px: expected 200..10000 px each way", plot.width_px, plot.height_px));
  const bool time_axis = is_time_plot(plot);
  for (const Series& s : plot.series) {
    const std::string name = s.name.empty() ? "(unnamed)" : "'" + s.name + "'";
    if (s.y.empty()) fail(fmt::format("series {} is empty", name));
    if (!s.x.empty() && !s.times.empty()) fail(fmt::format("series {} gives both x and times: give one", name));
    const std::size_t n_abscissae = time_axis ? s.times.size() : s.x.size();
    if (time_axis && !s.x.empty()) fail(fmt::format("series {} gives numbers for a time axis (other series give times)", name));
    if (!time_axis && !s.times.empty()) fail(fmt::format("series {} gives times for a numeric x axis (the first series gives numbers)", name));
    if (n_abscissae != s.y.size())
      fail(fmt::format("series {} has {} abscissae and {} ordinates: expected the same count", name, n_abscissae, s.y.size()));
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      if (!std::isfinite(s.y[i])) fail(fmt::format("series {} point {}: y is {}, expected a finite number", name, i, s.y[i]));
      if (!time_axis && !std::isfinite(s.x[i]))
        fail(fmt::format("series {} point {}: x is {}, expected a finite number", name, i, s.x[i]));
    }
    if (!(s.style.width > 0 && s.style.width < 100)) fail(fmt::format("series {}: line width {} px, expected 0..100", name, s.style.width));
  }
}

// PLplot time axes count continuous time from an origin set by plconfigtime; we use seconds since 1970-01-01 UTC
// without leap seconds (as POSIX time), which is what the labels show.
constexpr double unix_epoch_mjd = 40587.0;
double plot_time(const Epoch& t) { return (t.mjd(TimeScale::UTC) - unix_epoch_mjd) * 86400.0; }

std::string automatic_time_format(double span_s) {
  if (span_s > 3 * 86400.0) return "%Y-%m-%d";
  if (span_s > 0.5 * 86400.0) return "%m-%d %H:%M";
  return "%H:%M:%S";
}

// PLplot spaces time ticks by decimal rules, which crowds long date labels: take the first round interval that
// leaves room for every label (about 11 px per character at our character size, plus a gap).
double time_tick(double span_s, std::size_t label_chars, int width_px) {
  constexpr double minute = 60, hour = 3600, day = 86400;
  constexpr std::array<double, 30> intervals{1, 2, 5, 10, 15, 30, minute, 2 * minute, 5 * minute, 10 * minute,
                                             15 * minute, 30 * minute, hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour,
                                             day, 2 * day, 7 * day, 14 * day, 28 * day, 56 * day, 91 * day, 182 * day,
                                             364 * day, 2 * 364 * day, 5 * 364 * day, 10 * 364 * day, 20 * 364 * day};
  const double room = 0.8 * width_px / (11.0 * static_cast<double>(label_chars + 3));
  for (double interval : intervals)
    if (span_s / interval <= room) return interval;
  return intervals.back();
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  // A flat range (one point, or a constant) gets some height so the line is visible.
  void widen(double fraction) {
    double pad = (hi - lo) * fraction;
    if (pad == 0) pad = std::max(std::abs(hi) * 0.05, 1.0);
    lo -= pad;
    hi += pad;
  }
};

void draw(const LinePlot& plot) {
  const bool time_axis = is_time_plot(plot);
  std::vector<std::vector<double>> xs;
  Range xr, yr;
  for (const Series& s : plot.series) {
    std::vector<double> x = time_axis ? std::vector<double>(s.times.size()) : s.x;
    if (time_axis) std::transform(s.times.begin(), s.times.end(), x.begin(), plot_time);
    for (double v : x) xr.add(v);
    for (double v : s.y) yr.add(v);
    xs.push_back(std::move(x));
  }
  if (xr.hi == xr.lo) xr.widen(0);
  yr.widen(0.04);

  plspage(0, 0, plot.width_px, plot.height_px, 0, 0);
  plscmap0n(first_series_colour + static_cast<PLINT>(plot.series.size()));
  plscolbg(255, 255, 255);
  plscol0(1, 0, 0, 0);
  plscol0(2, 205, 205, 205);
  plinit();

  pladv(0);
  plschr(0, 1.1);
  plvsta();
  plwind(xr.lo, xr.hi, yr.lo, yr.hi);
  const char* x_options = "bcnst";
  const char* x_grid = "g";
  double x_tick = 0;  // 0: PLplot chooses
  if (time_axis) {
    plconfigtime(1.0 / 86400.0, 0, 0, 0, 1, 1970, 0, 1, 0, 0, 0);  // month counts from 0 here
    const std::string fmt = plot.time_format.empty() ? automatic_time_format(xr.hi - xr.lo) : plot.time_format;
    pltimefmt(fmt.c_str());
    x_options = "bcnstd";
    x_grid = "gd";
    std::array<char, 128> sample{};
    const std::time_t t = static_cast<std::time_t>(xr.lo);
    std::tm tm{};
    gmtime_r(&t, &tm);
    const std::size_t chars = std::strftime(sample.data(), sample.size(), fmt.c_str(), &tm);
    x_tick = time_tick(xr.hi - xr.lo, chars == 0 ? fmt.size() : chars, plot.width_px);
  }
  plwidth(1);
  plcol0(2);
  plbox(x_grid, x_tick, 0, "g", 0, 0);
  plcol0(1);
  plbox(x_options, x_tick, 0, "bcnstv", 0, 0);
  pllab(plain_text(plot.x_label).c_str(), plain_text(plot.y_label).c_str(), plain_text(plot.title).c_str());

  std::vector<PLINT> colours, styles, opts, text_colours;
  std::vector<PLFLT> widths;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const Series& s = plot.series[i];
    const Rgb c = s.style.colour.value_or(palette[i % palette.size()]);
    const PLINT index = first_series_colour + static_cast<PLINT>(i);
    plscol0(index, c.r, c.g, c.b);
    plcol0(index);
    plwidth(s.style.width);
    pllsty(s.style.dashed ? 2 : 1);
    plline(static_cast<PLINT>(s.y.size()), xs[i].data(), s.y.data());
    if (s.y.size() == 1) plstring(1, xs[i].data(), s.y.data(), "•");  // a lone point has no line to show it
    if (!s.name.empty()) {
      colours.push_back(index);
      styles.push_back(s.style.dashed ? 2 : 1);
      widths.push_back(s.style.width);
      opts.push_back(PL_LEGEND_LINE);
      text_colours.push_back(1);
      names.push_back(plain_text(s.name));
    }
  }
  pllsty(1);
  plwidth(1);

  if (plot.legend && !names.empty()) {
    std::vector<const char*> text;
    for (const std::string& n : names) text.push_back(n.c_str());
    PLFLT legend_width = 0, legend_height = 0;
    const auto n = static_cast<PLINT>(names.size());
    pllegend(&legend_width, &legend_height, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             PL_POSITION_RIGHT | PL_POSITION_TOP | PL_POSITION_INSIDE, 0.02, 0.03, 0.08, 0, 1, 1, 0, 0, n,
             opts.data(), 1.0, 0.9, 2.0, 0.0, text_colours.data(), text.data(), nullptr, nullptr, nullptr, nullptr,
             colours.data(), styles.data(), widths.data(), nullptr, nullptr, nullptr, nullptr);
  }
}

}  // namespace

void write_plot(const LinePlot& plot, const std::filesystem::path& path) {
  const Format format = format_of(path);
  check(plot, path);

  plplot::render(driver(format), path, "plot", [&] { draw(plot); });
}

}  // namespace deorbit

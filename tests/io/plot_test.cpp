#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "deorbit/base/error.h"
#include "deorbit/io/plot.h"

// Cairo's text layout goes through fontconfig, which keeps its font cache until exit and never frees it: not our
// leak. LeakSanitizer reads these suppressions from the program (only in sanitizer builds is this called).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace deorbit {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / ("deorbit_plot_" + std::to_string(::getpid()) + "_" + info->name());
  fs::create_directories(dir);
  return dir;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Two lines over 400 days: altitude and perigee falling, as a lifetime plot would show.
LinePlot decay_like_plot() {
  LinePlot p;
  p.title = "Test plot #1 (altitude)";
  p.x_label = "Date (UTC)";
  p.y_label = "Altitude [km]";
  Series a{.name = "apogee", .x = {}, .times = {}, .y = {}, .style = {}};
  Series b{.name = "perigee", .x = {}, .times = {}, .y = {}, .style = {.colour = Rgb{200, 0, 0}, .width = 1.0, .dashed = true}};
  const Epoch t0 = Epoch::from_iso("2026-01-01T00:00:00Z");
  for (int d = 0; d <= 400; d += 5) {
    a.times.push_back(t0 + d * 86400.0);
    b.times.push_back(t0 + d * 86400.0);
    a.y.push_back(420.0 - 0.0008 * d * d);
    b.y.push_back(410.0 - 0.0008 * d * d);
  }
  p.series = {a, b};
  return p;
}

std::uint32_t big_endian_u32(const std::string& s, std::size_t at) {
  return (std::uint32_t(static_cast<unsigned char>(s[at])) << 24) | (std::uint32_t(static_cast<unsigned char>(s[at + 1])) << 16) |
         (std::uint32_t(static_cast<unsigned char>(s[at + 2])) << 8) | std::uint32_t(static_cast<unsigned char>(s[at + 3]));
}

TEST(Plot, SvgIsXmlWithTheTexts) {
  const fs::path file = temp_dir() / "decay.svg";
  write_plot(decay_like_plot(), file);
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_file(file.c_str());
  ASSERT_TRUE(ok) << ok.description();
  EXPECT_STREQ(doc.document_element().name(), "svg");
  // The svg driver writes text as character references inside <text><tspan>: take it from the parsed document.
  std::string text;
  for (const pugi::xpath_node& node : doc.select_nodes("//tspan")) text += std::string(node.node().child_value()) + "\n";
  for (const char* s : {"Test plot #1 (altitude)", "Altitude [km]", "Date (UTC)", "apogee", "perigee", "2026-"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // No temporary file is left beside the output.
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator{}), 1);
}

TEST(Plot, PngHasTheSignatureAndTheRequestedSize) {
  LinePlot p = decay_like_plot();
  p.width_px = 800;
  p.height_px = 500;
  const fs::path file = temp_dir() / "decay.PNG";
  write_plot(p, file);
  const std::string bytes = read_bytes(file);
  ASSERT_GT(bytes.size(), 33u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(bytes.substr(12, 4), "IHDR");
  EXPECT_EQ(big_endian_u32(bytes, 16), 800u);
  EXPECT_EQ(big_endian_u32(bytes, 20), 500u);
  EXPECT_GT(bytes.size(), 5000u);  // a drawing, not a blank page
}

TEST(Plot, HoursOnATwoDayTimeAxis) {
  LinePlot p;
  p.title = "Two days";
  p.x_label = "Time (UTC)";
  p.y_label = "Perigee [km]";
  Series s{.name = "perigee", .x = {}, .times = {}, .y = {}, .style = {}};
  const Epoch t0 = Epoch::from_iso("2026-01-01T07:00:00Z");
  for (int h = 0; h <= 48; ++h) {
    s.times.push_back(t0 + h * 3600.0);
    s.y.push_back(220.0 - 1.5 * h);
  }
  p.series = {s};
  const fs::path dir = temp_dir();
  write_plot(p, dir / "plan.svg");
  write_plot(p, dir / "plan.png");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((dir / "plan.svg").c_str()));
  std::string text;
  for (const pugi::xpath_node& node : doc.select_nodes("//tspan")) text += std::string(node.node().child_value()) + "\n";
  EXPECT_NE(text.find("01-02 00:00\n"), std::string::npos) << text;  // ticks fall on round UTC hours
}

TEST(Plot, NumericAxisAndSinglePoint) {
  LinePlot p;
  p.title = "numeric";
  p.series = {{.name = "line", .x = {0, 1, 2}, .times = {}, .y = {1, 4, 9}, .style = {}},
              {.name = "", .x = {1.5}, .times = {}, .y = {3}, .style = {}}};
  const fs::path dir = temp_dir();
  write_plot(p, dir / "n.svg");
  write_plot(p, dir / "n.png");
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file((dir / "n.svg").c_str()));
  EXPECT_EQ(read_bytes(dir / "n.png").substr(1, 3), "PNG");
}

TEST(Plot, ConcurrentCallsAreSafe) {
  const fs::path dir = temp_dir();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] { write_plot(decay_like_plot(), dir / (std::to_string(i) + (i % 2 ? ".png" : ".svg"))); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < 4; ++i) EXPECT_GT(fs::file_size(dir / (std::to_string(i) + (i % 2 ? ".png" : ".svg"))), 1000u);
}

void expect_input_error(const LinePlot& p, const fs::path& file, const std::string& words) {
  try {
    write_plot(p, file);
    ADD_FAILURE() << "no error for " << words;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(file));
}

TEST(Plot, BadInputsAreInputErrors) {
  const fs::path dir = temp_dir();
  const LinePlot good = decay_like_plot();
  expect_input_error(good, dir / "plot.pdf", "expected extension .svg or .png");
  expect_input_error(good, dir / "plot", "expected extension .svg or .png");

  LinePlot none = good;
  none.series.clear();
  expect_input_error(none, dir / "a.svg", "no series");

  LinePlot empty = good;
  empty.series[1].times.clear();
  empty.series[1].y.clear();
  expect_input_error(empty, dir / "b.svg", "series 'perigee' is empty");

  LinePlot nan = good;
  nan.series[0].y[3] = std::numeric_limits<double>::quiet_NaN();
  expect_input_error(nan, dir / "c.png", "point 3: y is nan");

  LinePlot inf;
  inf.series = {{.name = "s", .x = {0, std::numeric_limits<double>::infinity()}, .times = {}, .y = {1, 2}, .style = {}}};
  expect_input_error(inf, dir / "d.svg", "x is inf");

  LinePlot lengths = good;
  lengths.series[0].y.pop_back();
  expect_input_error(lengths, dir / "e.svg", "expected the same count");

  LinePlot mixed = good;
  mixed.series[1].times.clear();
  mixed.series[1].x.assign(mixed.series[1].y.size(), 1.0);
  expect_input_error(mixed, dir / "f.svg", "gives numbers for a time axis");

  LinePlot size = good;
  size.width_px = 10;
  expect_input_error(size, dir / "g.png", "expected 200..10000 px");

  expect_input_error(good, dir / "no_such_folder" / "h.svg", "cannot open for writing");
}

}  // namespace
}  // namespace deorbit

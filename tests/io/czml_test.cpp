#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <unistd.h>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/io/czml.h"
#include "support/expect_error.h"

namespace deorbit {
namespace {

using json = nlohmann::json;
constexpr double rad = std::numbers::pi / 180.0;

const Epoch t0 = Epoch::from_iso("2026-08-25T12:00:00Z");

std::vector<TrajectorySample> circle(int n, double step_s) {
  std::vector<TrajectorySample> s;
  for (int i = 0; i < n; ++i) {
    const double a = 0.001 * i * step_s;
    s.push_back({t0 + i * step_s, Vec3(6778137.0 * std::cos(a), 6778137.0 * std::sin(a), 1000.0 * i)});
  }
  return s;
}

CzmlDocument sample_document() {
  CzmlDocument doc("test", t0, t0 + 3600.0, 30.0);
  doc.add_trajectory("craft", "Craft", circle(4, 60.0), Frame::ITRF, {.colour = {255, 255, 0, 255}, .width = 2, .label = true});
  doc.add_marker("breakup", "Breakup", {-40 * rad, -120 * rad, 78e3}, t0 + 600.0, {.colour = {255, 0, 0, 255}, .width = 3, .label = true});
  doc.add_polyline("track", "Track", {{0, 170 * rad, 0}, {0.1, -170 * rad, 0}}, {});
  doc.add_polygon("zone", "Zone", {{-30 * rad, -160 * rad, 0}, {-30 * rad, -90 * rad, 0}, {-45 * rad, -90 * rad, 0}},
                  {.colour = {0, 128, 255, 80}, .width = 2, .label = false}, EdgeShape::rhumb);
  return doc;
}

TEST(Czml, DocumentPacketFirstWithTheClock) {
  const json d = sample_document().packets();
  ASSERT_TRUE(d.is_array());
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0]["id"], "document");
  EXPECT_EQ(d[0]["version"], "1.0");
  EXPECT_EQ(d[0]["clock"]["interval"], "2026-08-25T12:00:00.000000Z/2026-08-25T13:00:00.000000Z");
  EXPECT_EQ(d[0]["clock"]["currentTime"], "2026-08-25T12:00:00.000000Z");
  EXPECT_EQ(d[0]["clock"]["multiplier"], 30.0);
  EXPECT_EQ(d[1]["id"], "craft");
  EXPECT_EQ(d[4]["id"], "zone");
}

TEST(Czml, TrajectorySamplesAreTimeThenXyzInMetres) {
  const json p = sample_document().packets()[1];
  EXPECT_EQ(p["availability"], "2026-08-25T12:00:00.000000Z/2026-08-25T12:03:00.000000Z");
  const json& pos = p["position"];
  EXPECT_EQ(pos["epoch"], "2026-08-25T12:00:00.000000Z");
  EXPECT_EQ(pos["referenceFrame"], "FIXED");
  EXPECT_EQ(pos["interpolationAlgorithm"], "LAGRANGE");
  EXPECT_EQ(pos["interpolationDegree"], 5);
  const json& c = pos["cartesian"];
  ASSERT_EQ(c.size(), 16u);
  const auto samples = circle(4, 60.0);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(c[4 * i].get<double>(), 60.0 * static_cast<double>(i));
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(c[4 * i + 1 + k].get<double>(), samples[i].position[k], 5e-4);
  }
  EXPECT_EQ(p["path"]["trailTime"], 180.0);
  EXPECT_EQ(p["path"]["material"]["solidColor"]["color"]["rgba"], json::parse("[255, 255, 0, 255]"));

  CzmlDocument inertial("i", t0, t0 + 100.0);
  inertial.add_trajectory("x", "x", circle(3, 10.0), Frame::GCRF, {}, 2);
  EXPECT_EQ(inertial.packets()[1]["position"]["referenceFrame"], "INERTIAL");
  EXPECT_EQ(inertial.packets()[1]["position"]["interpolationDegree"], 2);
}

TEST(Czml, PlacesAreLonLatHeightInDegreesAndMetres) {
  const json d = sample_document().packets();
  EXPECT_EQ(d[2]["position"]["cartographicDegrees"], json::parse("[-120.0, -40.0, 78000.0]"));
  EXPECT_EQ(d[2]["availability"], "2026-08-25T12:10:00.000000Z/2026-08-25T13:00:00.000000Z");
  EXPECT_EQ(d[3]["polyline"]["positions"]["cartographicDegrees"].size(), 6u);
  EXPECT_DOUBLE_EQ(d[3]["polyline"]["positions"]["cartographicDegrees"][3].get<double>(), -170.0);
  const json& poly = d[4]["polygon"];
  EXPECT_EQ(poly["positions"]["cartographicDegrees"], json::parse("[-160.0, -30.0, 0.0, -90.0, -30.0, 0.0, -90.0, -45.0, 0.0]"));
  EXPECT_EQ(poly["material"]["solidColor"]["color"]["rgba"], json::parse("[0, 128, 255, 80]"));
  EXPECT_EQ(poly["outlineColor"]["rgba"], json::parse("[0, 128, 255, 255]"));
  EXPECT_FALSE(d[4].contains("availability"));
  EXPECT_EQ(d[3]["polyline"]["arcType"], "GEODESIC");
  EXPECT_EQ(poly["arcType"], "RHUMB");
}

using testing::expect_error;

TEST(Czml, BadInputsAreInputErrors) {
  expect_error([] { CzmlDocument d("x", t0, t0); }, "is not after start");
  CzmlDocument d("x", t0, t0 + 100.0);
  d.add_marker("m", "m", {}, t0, {});
  expect_error([&] { d.add_marker("m", "again", {}, t0, {}); }, "used twice");
  expect_error([&] { d.add_marker("document", "d", {}, t0, {}); }, "other than 'document'");
  expect_error([&] { d.add_trajectory("t", "t", circle(3, 10.0), Frame::TEME, {}); }, "expected ITRF (FIXED) or GCRF");
  expect_error([&] { d.add_trajectory("t", "t", circle(1, 10.0), Frame::ITRF, {}); }, "expected at least 2");
  auto back = circle(3, 10.0);
  std::swap(back[1], back[2]);
  expect_error([&] { d.add_trajectory("t", "t", back, Frame::ITRF, {}); }, "sample 2 at");
  auto nan = circle(3, 10.0);
  nan[1].position.x() = std::nan("");
  expect_error([&] { d.add_trajectory("t", "t", nan, Frame::ITRF, {}); }, "not finite");
  expect_error([&] { d.add_trajectory("t", "t", circle(3, 10.0), Frame::ITRF, {}, 12); }, "expected 1..9");
  expect_error([&] { d.add_polyline("p", "p", {{}}, {}); }, "expected at least 2");
  expect_error([&] { d.add_polygon("q", "q", {{}, {}}, {}); }, "expected at least 3");
  expect_error([&] { d.add_polyline("p", "p", {{2.0, 0, 0}, {0, 0, 0}}, {}); }, "not a place on Earth");
  expect_error([&] { d.add_marker("late", "late", {}, t0 + 200.0, {}); }, "after the clock stop");
  EXPECT_EQ(d.packets().size(), 2u);  // nothing half-added
}

TEST(Czml, WrittenFileParsesBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("deorbit_czml_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const CzmlDocument doc = sample_document();
  write_czml(doc, dir / "out.czml");
  std::ifstream in(dir / "out.czml");
  EXPECT_EQ(json::parse(in), doc.packets());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace deorbit

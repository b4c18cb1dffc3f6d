// The `dispersions:` block (dispersions_config.h): the text written by dispersions_yaml reads back to the same values
// (bit for bit: the campaign store compares the text of the dispersions in force), `defaults: none`, partial
// overrides, and errors that name the file, line and key.
#include <bit>
#include <fstream>
#include <random>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/io/dispersions_config.h"
#include "deorbit/time/epoch.h"
#include "deorbit/io/yaml_map.h"
#include "support/expect_error.h"

namespace deorbit {
namespace {

using constants::deg;
using testing::issue_of;

Dispersions read(const std::string& text) {
  return dispersions_from(*YamlMap::load_text(text, "campaign.yaml").map("dispersions"));
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void expect_same(const Dispersions& a, const Dispersions& b) {
  const double da[] = {a.burn_magnitude, a.burn_magnitude_bias, a.burn_pointing, a.burn_ignition_time, a.thrust,
                       a.isp, a.engine_out_probability, a.density_log_sigma, a.f107_forecast, a.ap_forecast,
                       a.position_rtn[0], a.position_rtn[1], a.position_rtn[2], a.velocity_rtn[0], a.velocity_rtn[1],
                       a.velocity_rtn[2], a.breakup_altitude_min, a.breakup_altitude_max, a.release_altitude,
                       a.object_mass, a.object_area, a.object_drag, a.material_heat, a.tail_scale};
  const double db[] = {b.burn_magnitude, b.burn_magnitude_bias, b.burn_pointing, b.burn_ignition_time, b.thrust,
                       b.isp, b.engine_out_probability, b.density_log_sigma, b.f107_forecast, b.ap_forecast,
                       b.position_rtn[0], b.position_rtn[1], b.position_rtn[2], b.velocity_rtn[0], b.velocity_rtn[1],
                       b.velocity_rtn[2], b.breakup_altitude_min, b.breakup_altitude_max, b.release_altitude,
                       b.object_mass, b.object_area, b.object_drag, b.material_heat, b.tail_scale};
  for (std::size_t i = 0; i < std::size(da); ++i)
    EXPECT_TRUE(same_bits(da[i], db[i])) << "field " << i << ": " << fmt::format("{}", da[i]) << " vs " << fmt::format("{}", db[i]);
  EXPECT_EQ(a.breakup_altitude_dispersed, b.breakup_altitude_dispersed);
  EXPECT_EQ(a.seed, b.seed);
}

// A block as a user writes it, with every value given.
std::string block(const std::vector<std::string>& v) {
  std::string t = "dispersions:\n  defaults: none\n";
  const char* keys[] = {"seed", "burn:", "magnitude_percent", "magnitude_bias_percent", "pointing_deg",
                        "ignition_time_s", "thrust_percent", "isp_percent", "engine_out_probability", "atmosphere:",
                        "density_log_sigma", "f107_forecast_percent", "ap_forecast_percent", "initial_state:",
                        "position_rtn_m", "velocity_rtn_mps", "breakup:", "altitude_km", "release_altitude_km",
                        "objects:", "mass_percent", "area_percent", "drag_percent", "material_heat_percent",
                        "importance_sampling:", "tail_scale"};
  std::size_t at = 0;
  auto take = [&] { return v.at(at++); };
  for (const std::string key : keys) {
    if (key.back() == ':') {
      t += "  " + key + "\n";
      if (key == "breakup:") t += "    altitude_dispersed: true\n";
      continue;
    }
    const std::string indent = key == "seed" ? "  " : "    ";
    if (key == "position_rtn_m" || key == "velocity_rtn_mps") {
      const std::string a = take(), b = take(), c = take();
      t += indent + key + ": [" + a + ", " + b + ", " + c + "]\n";
    } else if (key == "altitude_km") {
      const std::string a = take(), b = take();
      t += indent + key + ": [" + a + ", " + b + "]\n";
    } else {
      t += indent + key + ": " + take() + "\n";
    }
  }
  EXPECT_EQ(at, v.size());
  return t;
}

// What --explain writes (and the store compares) reads back to the values in force, bit for bit: the code's
// defaults, nothing dispersed, and any block a user wrote (the file holds percent, degrees and km; the values
// inside are v / 100, v * deg, v * 1e3 of them, and the writer's x * 100 etc. must come back to the same double).
TEST(DispersionsConfig, WrittenBlockReadsBackBitForBit) {
  std::vector<Dispersions> cases{Dispersions::defaults(), Dispersions{}};
  // Typed values, and 2^53 - 1: the largest seed a YAML number holds exactly.
  cases.push_back(read(block({"9007199254740991", "2.9", "-1.23", "0.3", "2.5", "2.9", "1.1", "0.003", "0.21", "17",
                              "57", "12.5", "31.7", "9.3", "0.031", "0.012", "0.0105", "73.3", "81.7", "1.7", "7",
                              "14", "29", "5.7", "1.7"})));
  EXPECT_EQ(cases.back().seed, 9007199254740991u);
  EXPECT_EQ(cases.back().release_altitude, 1.7 * 1e3);
  // Values with every digit (a fitted sigma, a computed what-if), drawn at random.
  std::mt19937_64 rng(12);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto r = [&](double max) { return fmt::format("{}", unit(rng) * max); };
  for (int k = 0; k < 300; ++k) {
    const double lo = 1 + unit(rng) * 99;
    cases.push_back(read(block({std::to_string(k), r(50), fmt::format("{}", unit(rng) * 100 - 50), r(30), r(3600),
                                r(50), r(50), r(1), r(2), r(50), r(100), r(1e3), r(1e3), r(1e3), r(10), r(10), r(10),
                                fmt::format("{}", lo), fmt::format("{}", lo + unit(rng) * 100), r(50), r(90), r(90),
                                r(90), r(50), fmt::format("{}", 1 + unit(rng) * 9)})));
  }
  for (const Dispersions& d : cases) {
    const std::string text = dispersions_yaml(d);
    const Dispersions back = read(text);
    expect_same(back, d);
    EXPECT_EQ(dispersions_yaml(back), text);  // the store's identity text is stable
  }
  // A value set in code may have no text at all that reads back to it: no double v has v / 100 == 0.029 exactly
  // (2.9 / 100 = 0.028999999999999998, the next double up gives 0.029000000000000005). It comes back one ulp off,
  // which is all a percent text can say.
  Dispersions in_code;
  in_code.thrust = 0.029;
  EXPECT_NEAR(read(dispersions_yaml(in_code)).thrust, 0.029, 1e-17);
}

TEST(DispersionsConfig, DefaultsNoneAndPartialOverrides) {
  const Dispersions none = read("dispersions:\n  defaults: none\n");
  expect_same(none, Dispersions{});
  EXPECT_TRUE(none.none());
  // An empty block is the standard set (the default of `defaults`).
  expect_same(read("dispersions:\n  seed: 1\n"), Dispersions::defaults());
  // One key over the defaults changes that value only.
  Dispersions expected = Dispersions::defaults();
  expected.burn_magnitude = 0.02;
  expected.seed = 77;
  expect_same(read("dispersions:\n  seed: 77\n  burn:\n    magnitude_percent: 2\n"), expected);
  // One key over none.
  Dispersions only;
  only.breakup_altitude_dispersed = true;
  only.breakup_altitude_min = 75e3;
  only.breakup_altitude_max = 80e3;
  expect_same(read("dispersions:\n  defaults: none\n  breakup:\n    altitude_dispersed: true\n"
                   "    altitude_km: [75, 80]\n"),
              only);
}

TEST(DispersionsConfig, ErrorsNameTheLineAndTheKey) {
  auto issue = [](const std::string& text) { return issue_of([&] { (void)read(text); }); };
  ParseIssue i = issue("dispersions:\n  burn:\n    magnitude_percent: 1\n    magnitud_percent: 2\n");
  EXPECT_EQ(i.file, "campaign.yaml");
  EXPECT_EQ(i.line, 4);
  EXPECT_EQ(i.field, "dispersions.burn.magnitud_percent");
  i = issue("dispersions:\n  seed: 3\n  sampling: fast\n");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "dispersions.sampling");
  i = issue("dispersions:\n  burn:\n    thrust_percent: -2\n");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "dispersions.burn.thrust_percent");
  EXPECT_EQ(i.found, "-2");
  i = issue("dispersions:\n  breakup:\n    altitude_km: [84, 72]\n");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "dispersions.breakup.altitude_km");
  EXPECT_NE(i.expected.find("lowest <= highest"), std::string::npos) << i.expected;
  i = issue("dispersions:\n  breakup:\n    altitude_km: [72, 78, 84]\n");
  EXPECT_EQ(i.field, "dispersions.breakup.altitude_km");
  i = issue("dispersions:\n  defaults: none\n  initial_state:\n    position_rtn_m: [10, 30]\n");
  EXPECT_EQ(i.line, 4);
  EXPECT_EQ(i.field, "dispersions.initial_state.position_rtn_m");
  EXPECT_NE(i.expected.find("three"), std::string::npos) << i.expected;
  i = issue("dispersions:\n  defaults: some\n");
  EXPECT_EQ(i.line, 2);
  EXPECT_EQ(i.field, "dispersions.defaults");
  i = issue("dispersions:\n  importance_sampling:\n    tail_scale: 0.5\n");
  EXPECT_EQ(i.field, "dispersions.importance_sampling.tail_scale");
  i = issue("dispersions:\n  atmosphere:\n    density_log_sigma: abc\n");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.field, "dispersions.atmosphere.density_log_sigma");
  i = issue("dispersions:\n  seed: 1.5\n");  // not cut to 1 (the same runs as seed 1)
  EXPECT_EQ(i.line, 2);
  EXPECT_EQ(i.field, "dispersions.seed");
  EXPECT_EQ(i.found, "1.5");
  i = issue("dispersions:\n  seed: -1\n");
  EXPECT_EQ(i.field, "dispersions.seed");
  i = issue("dispersions:\n  objects:\n    drag_percent: 95\n");
  EXPECT_EQ(i.field, "dispersions.objects.drag_percent");
}

TEST(DispersionsConfig, ImportanceSamplingBlockReadsBack) {
  const Dispersions d = read(
      "dispersions:\n  importance_sampling:\n    tail_scale: 2\n    quantities: [thrust, burn_magnitude]\n"
      "    shift_sigma: {burn_magnitude: 1.48, thrust: 2.52, burn_pitch: -0.99}\n");
  EXPECT_EQ(d.tail_scale, 2);
  EXPECT_EQ(d.tail_quantities, (std::vector<std::string>{"thrust", "burn_magnitude"}));
  ASSERT_EQ(d.tail_shift.size(), 3u);
  EXPECT_EQ(d.tail_shift.at("burn_pitch"), -0.99);
  EXPECT_TRUE(d.importance_sampling());
  const Dispersions back = read(dispersions_yaml(d));
  EXPECT_EQ(back.tail_scale, d.tail_scale);
  EXPECT_EQ(back.tail_quantities, d.tail_quantities);
  EXPECT_EQ(back.tail_shift, d.tail_shift);
  EXPECT_FALSE(read(dispersions_yaml(Dispersions::defaults())).importance_sampling());
  // A quantity that is not a Gaussian one is refused, naming the key.
  ParseIssue i = issue_of([] { (void)read("dispersions:\n  importance_sampling:\n    shift_sigma: {breakup: 2}\n"); });
  EXPECT_EQ(i.line, 3);
  EXPECT_NE(i.field.find("shift_sigma"), std::string::npos) << i.field;
  i = issue_of([] { (void)read("dispersions:\n  importance_sampling:\n    quantities: [mass]\n"); });
  EXPECT_NE(i.field.find("quantities"), std::string::npos) << i.field;
}

TEST(DispersionsConfig, StateCovarianceFromTheBlockOrAnOpm) {
  // Given in the block: read back as written, sigmas replaced.
  const std::string c21 = "[100, 10, 400, 0, 0, 25, 0.1, 0, 0, 0.0004, 0, 0.2, 0, 0, 0.0009, 0, 0, 0.05, 0, 0, 0.0001]";
  Dispersions d = read("dispersions:\n  initial_state:\n    covariance_rtn: " + c21 + "\n");
  ASSERT_TRUE(d.state_covariance.has_value());
  EXPECT_EQ((*d.state_covariance)[2], 400.0);
  EXPECT_EQ(d.position_rtn, (std::array<double, 3>{0, 0, 0}));
  EXPECT_EQ(d.velocity_rtn, (std::array<double, 3>{0, 0, 0}));
  EXPECT_EQ(read(dispersions_yaml(d)).state_covariance, d.state_covariance);
  // Not both sigmas and a covariance; not an indefinite matrix; 21 elements.
  ParseIssue i = issue_of([&] {
    (void)read("dispersions:\n  initial_state:\n    position_rtn_m: [1, 2, 3]\n    covariance_rtn: " + c21 + "\n");
  });
  EXPECT_EQ(i.field, "dispersions.initial_state.position_rtn_m");
  i = issue_of([] {
    (void)read("dispersions:\n  initial_state:\n    covariance_rtn: [1, 5, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]\n");
  });
  EXPECT_EQ(i.field, "dispersions.initial_state.covariance_rtn");
  EXPECT_NE(i.expected.find("semi-definite"), std::string::npos) << i.expected;
  i = issue_of([] { (void)read("dispersions:\n  initial_state:\n    covariance_rtn: [1, 0, 1]\n"); });
  EXPECT_NE(i.expected.find("21"), std::string::npos) << i.expected;
  // From an OPM file (CCSDS 502.0-B-3 KVN; RTN covariance in km^2, km^2/s, km^2/s^2).
  std::string opm =
      "CCSDS_OPM_VERS = 3.0\nCREATION_DATE = 2031-01-01T00:00:00\nORIGINATOR = TEST\nOBJECT_NAME = ISS\n"
      "OBJECT_ID = 1998-067A\nCENTER_NAME = EARTH\nREF_FRAME = EME2000\nTIME_SYSTEM = UTC\n"
      "EPOCH = 2031-01-14T00:00:00\nX = 6700\nY = 0\nZ = 0\nX_DOT = 0\nY_DOT = 4.8\nZ_DOT = 6.0\n"
      "COV_REF_FRAME = RTN\n";
  const char* axes[] = {"X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"};
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c <= r; ++c) opm += fmt::format("C{}_{} = {}\n", axes[r], axes[c], r == c ? (r < 3 ? 1e-4 : 1e-10) : 0.0);
  const std::string path = ::testing::TempDir() + "/dispersions-covariance.opm";
  {
    std::ofstream(path) << opm;
  }
  d = read("dispersions:\n  initial_state:\n    covariance_opm: " + path + "\n");
  ASSERT_TRUE(d.state_covariance.has_value());
  EXPECT_DOUBLE_EQ((*d.state_covariance)[0], 100.0);    // 1e-4 km^2 = 100 m^2
  EXPECT_DOUBLE_EQ((*d.state_covariance)[20], 1e-4);    // 1e-10 km^2/s^2 = 1e-4 m^2/s^2
  EXPECT_DOUBLE_EQ((*d.state_covariance)[1], 0.0);
  i = issue_of([] { (void)read("dispersions:\n  initial_state:\n    covariance_opm: no-such.opm\n"); });
  EXPECT_EQ(i.field, "dispersions.initial_state.covariance_opm");
}

TEST(DispersionsConfig, OpmCovarianceIsRotatedIntoRtn) {
  // State along +y moving towards -x: R = +y, T = -x, N = +z. A diagonal covariance in the inertial axes
  // (x, y, z) = (1, 4, 9) m^2 becomes (R, T, N) = (4, 1, 9); the velocity block likewise.
  Opm opm;
  opm.state = StateVector{Epoch::from_iso("2031-01-15T00:00:00", TimeScale::UTC), Frame::GCRF, Vec3(0, 7e6, 0),
                          Vec3(-7.5e3, 0, 0)};
  std::array<double, 21> c{};
  const double diag[6] = {1, 4, 9, 0.01, 0.04, 0.09};
  for (int i = 0, k = 0; i < 6; ++i)
    for (int j = 0; j <= i; ++j, ++k)
      if (i == j) c[static_cast<std::size_t>(k)] = diag[i];
  c[1] = 0.5;  // C(y, x): in RTN it is C(R, T) with the sign of T = -x: -0.5
  opm.covariance = c;
  opm.covariance_frame = "GCRF";
  const std::array<double, 21> rtn = opm_covariance_rtn(opm, "test.opm");
  EXPECT_NEAR(rtn[0], 4, 1e-12);     // R R
  EXPECT_NEAR(rtn[1], -0.5, 1e-12);  // T R
  EXPECT_NEAR(rtn[2], 1, 1e-12);     // T T
  EXPECT_NEAR(rtn[5], 9, 1e-12);     // N N
  EXPECT_NEAR(rtn[9], 0.04, 1e-12);  // R_dot R_dot
  EXPECT_NEAR(rtn[14], 0.01, 1e-12); // T_dot T_dot
  EXPECT_NEAR(rtn[20], 0.09, 1e-12); // N_dot N_dot
  opm.covariance_frame = "RTN";
  EXPECT_EQ(opm_covariance_rtn(opm, "test.opm"), c);
  opm.covariance_frame = "ITRF";
  EXPECT_THROW((void)opm_covariance_rtn(opm, "test.opm"), InputError);
  opm.covariance.reset();
  EXPECT_THROW((void)opm_covariance_rtn(opm, "test.opm"), InputError);
}

}  // namespace
}  // namespace deorbit

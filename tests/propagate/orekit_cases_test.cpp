// Validation against Orekit 13.1: the ISS over one day under four force models, same start state and settings
// (tests/data/orekit-reference/README.md). Compared with Orekit's 1 micrometre files.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

std::vector<StateVector> read_oracle(const std::string& name) {
  std::ifstream in(testing::test_data("orekit-reference/" + name));
  std::string line;
  std::getline(in, line);
  std::vector<StateVector> out;
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream ss(line);
    std::string epoch;
    StateVector s;
    s.frame = Frame::GCRF;
    ss >> epoch >> s.r.x() >> s.r.y() >> s.r.z() >> s.v.x() >> s.v.y() >> s.v.z();
    s.epoch = Epoch::from_iso(epoch);
    out.push_back(s);
  }
  return out;
}

struct CaseResult {
  double final_error = 0;  // [m]
  double max_error = 0;    // [m]
  double seconds = 0;      // wall time of the run
  long evaluations = 0;
};

CaseResult run_case(char which, double tolerance) {
  static const EarthOrientation eop =
      EarthOrientation::read(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"));
  static const auto weather = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(testing::test_data("spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt")));
  NumericalPropagatorSettings s;
  s.spacecraft = {450000.0, 1500.0, 2.2, 1500.0, 1.3};
  s.position_tolerance = tolerance;
  if (which == 'A') s.forces.push_back(std::make_shared<PointMassGravity>(3.986004415e14));
  else s.forces.push_back(std::make_shared<SphericalHarmonicGravity>(egm96_embedded(), 20, 20));
  if (which >= 'C') s.forces.push_back(std::make_shared<Drag>(std::make_shared<Nrlmsise00>(), weather));
  if (which >= 'D') {
    s.forces.push_back(std::make_shared<ThirdBody>(ThirdBody::Body::sun));
    s.forces.push_back(std::make_shared<ThirdBody>(ThirdBody::Body::moon));
    s.forces.push_back(std::make_shared<SolarRadiationPressure>());
  }
  NumericalPropagator prop(s, eop);
  std::vector<StateVector> oracle = read_oracle(std::string("iss_case") + which + "_dP1e-6.csv");
  std::vector<StateVector> ours;
  auto t0 = std::chrono::steady_clock::now();
  PropagationResult r = prop.sample(oracle.front(), oracle.back().epoch, 60.0, ours);
  CaseResult c;
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.status, PropagationStatus::ReachedEnd) << r.message;
  EXPECT_EQ(ours.size(), oracle.size());
  for (std::size_t i = 0; i < std::min(ours.size(), oracle.size()); ++i) {
    EXPECT_NEAR(ours[i] .epoch - oracle[i].epoch, 0.0, 1e-6);
    c.max_error = std::max(c.max_error, (ours[i].r - oracle[i].r).norm());
  }
  c.final_error = (r.state.r - oracle.back().r).norm();
  c.evaluations = r.stats.evaluations;
  std::printf("  sample at 12 h: ours %.3f %.3f %.3f, Orekit %.3f %.3f %.3f\n", ours[720].r.x(), ours[720].r.y(),
              ours[720].r.z(), oracle[720].r.x(), oracle[720].r.y(), oracle[720].r.z());
  std::printf("Orekit case %c (dP %.0e m): after one day |dr| = %.4f m (max over the day %.4f m), %ld evaluations, %.3f s\n",
              which, tolerance, c.final_error, c.max_error, c.evaluations, c.seconds);
  return c;
}

TEST(OrekitCases, A_TwoBody) { EXPECT_LT(run_case('A', 1e-6).final_error, 0.1); }
TEST(OrekitCases, B_Egm96_20x20) { EXPECT_LT(run_case('B', 1e-6).final_error, 0.1); }
TEST(OrekitCases, C_PlusNrlmsise00Drag) { EXPECT_LT(run_case('C', 1e-6).final_error, 1.0); }
TEST(OrekitCases, D_PlusSunMoonAndSrp) { EXPECT_LT(run_case('D', 1e-6).final_error, 50.0); }

}  // namespace
}  // namespace deorbit

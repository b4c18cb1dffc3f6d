// Validation against Orekit 13.1: the ISS over one day under four force models, same start state and settings
// (../shared/data/orekit-reference/README.md). Compared with Orekit's 1 micrometre files.
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
  std::ifstream in(testing::shared_data("orekit-reference/" + name));
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
  double final_error = 0;     // [m] at the last sample (one day)
  double max_error = 0;       // [m] largest over every 60 s sample of the day
  double max_at_hours = 0;    // [h] where the largest one is
  double max_velocity = 0;    // [m/s] largest over the day
  double seconds = 0;         // wall time of the run
  long evaluations = 0;
};

// Fills `c`; fatal failures (wrong state count, failed run) return early, so the caller checks HasFatalFailure().
void run_case(char which, double tolerance, CaseResult& c) {
  static const EarthOrientation eop =
      EarthOrientation::read(testing::shared_data("spaceweather/EOP-All-v1.1_2025-01-10.txt"));
  static const auto weather = std::make_shared<const SpaceWeather>(
      SpaceWeather::read(testing::shared_data("spaceweather/SpaceWeather-All-v1.2_2025-01-10.txt")));
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
  const std::vector<StateVector> oracle = read_oracle(std::string("iss_case") + which + "_dP1e-6.csv");
  // One day every 60 s, both ends included.
  ASSERT_EQ(oracle.size(), 1441u) << "iss_case" << which << "_dP1e-6.csv";
  std::vector<StateVector> ours;
  auto t0 = std::chrono::steady_clock::now();
  PropagationResult r = prop.sample(oracle.front(), oracle.back().epoch, 60.0, ours);
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.status, PropagationStatus::ReachedEnd) << r.message;
  ASSERT_EQ(ours.size(), oracle.size());
  for (std::size_t i = 0; i < ours.size(); ++i) {
    ASSERT_NEAR(ours[i].epoch - oracle[i].epoch, 0.0, 1e-6) << "sample " << i;
    const double dr = (ours[i].r - oracle[i].r).norm();
    if (dr > c.max_error) {
      c.max_error = dr;
      c.max_at_hours = (oracle[i].epoch - oracle.front().epoch) / 3600.0;
    }
    c.max_velocity = std::max(c.max_velocity, (ours[i].v - oracle[i].v).norm());
  }
  c.final_error = (ours.back().r - oracle.back().r).norm();
  EXPECT_EQ(r.state.r, ours.back().r);
  c.evaluations = r.stats.evaluations;
  std::printf("Orekit case %c (dP %.0e m): after one day |dr| = %.3e m; largest over the day |dr| = %.3e m (at "
              "%.2f h), |dv| = %.3e m/s; %ld evaluations, %.3f s\n",
              which, tolerance, c.final_error, c.max_error, c.max_at_hours, c.max_velocity, c.evaluations,
              c.seconds);
}

// Bounds sit 1.6-2.3x above the largest differences measured over the whole day (docs/validation.md: A 0.13 mm,
// B 0.50 mm, C 0.18 m, D 0.50 m; velocities 1.5e-7, 5.6e-7, 1.7e-4, 5.3e-4 m/s), not at the goals (0.1 m, 0.1 m,
// 1 m, 50 m): a change that moves the trajectory by more than that fails here.
TEST(OrekitCases, A_TwoBody) {
  CaseResult c;
  ASSERT_NO_FATAL_FAILURE(run_case('A', 1e-6, c));
  EXPECT_LT(c.max_error, 3e-4);
  EXPECT_LT(c.max_velocity, 3e-7);
}
TEST(OrekitCases, B_Egm96_20x20) {
  CaseResult c;
  ASSERT_NO_FATAL_FAILURE(run_case('B', 1e-6, c));
  EXPECT_LT(c.max_error, 1e-3);
  EXPECT_LT(c.max_velocity, 1.2e-6);
}
TEST(OrekitCases, C_PlusNrlmsise00Drag) {
  CaseResult c;
  ASSERT_NO_FATAL_FAILURE(run_case('C', 1e-6, c));
  EXPECT_LT(c.max_error, 0.3);
  EXPECT_LT(c.max_velocity, 3e-4);
}
TEST(OrekitCases, D_PlusSunMoonAndSrp) {
  CaseResult c;
  ASSERT_NO_FATAL_FAILURE(run_case('D', 1e-6, c));
  EXPECT_LT(c.max_error, 0.8);
  EXPECT_LT(c.max_velocity, 9e-4);
}

}  // namespace
}  // namespace deorbit

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
#include "deorbit/base/constants.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/frames/solar_system.h"
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

// ---- Settings around the cases: Orekit's own tolerance spread, the increment of case D, the Moon's direction ----

const EarthOrientation& case_eop() {
  static const EarthOrientation eop =
      EarthOrientation::read(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"));
  return eop;
}

// One day from the Orekit start state under `forces` at tolerance dP; the state after one day.
StateVector one_day(std::vector<std::shared_ptr<const ForceModel>> forces, double tolerance,
                    const std::vector<StateVector>& oracle) {
  NumericalPropagatorSettings s;
  s.spacecraft = {450000.0, 1500.0, 2.2, 1500.0, 1.3};
  s.position_tolerance = tolerance;
  s.forces = std::move(forces);
  const PropagationResult r = NumericalPropagator(s, case_eop()).propagate(oracle.front(), oracle.back().epoch);
  EXPECT_EQ(r.status, PropagationStatus::ReachedEnd) << r.message;
  return r.state;
}

std::shared_ptr<const ForceModel> egm96_20x20() {
  return std::make_shared<SphericalHarmonicGravity>(egm96_embedded(), 20, 20);
}

TEST(OrekitCases, B_AtOneMillimetreIsWithinOrekitsOwnSpread) {
  const std::vector<StateVector> converged = read_oracle("iss_caseB_dP1e-6.csv");
  const std::vector<StateVector> orekit_1mm = read_oracle("iss_caseB.csv");
  ASSERT_EQ(converged.size(), 1441u);
  ASSERT_EQ(orekit_1mm.size(), converged.size());
  const StateVector ours = one_day({egm96_20x20()}, 1e-3, converged);
  const double ours_error = (ours.r - converged.back().r).norm();
  const double orekit_spread = (orekit_1mm.back().r - converged.back().r).norm();
  std::printf("case B at dP = 1 mm: %.3f m from Orekit's 1 um file; Orekit's own 1 mm run %.3f m\n", ours_error,
              orekit_spread);
  EXPECT_NEAR(orekit_spread, 0.82, 0.005);  // README: 0.82 m
  EXPECT_LT(ours_error, 1.0);               // measured 0.78 m
  EXPECT_LT(ours_error, orekit_spread);
}

// Orekit's D - C is the effect of the Sun, the Moon and SRP on top of gravity and drag; ours is the same forces on
// top of gravity alone (B), which needs no drag model: over one day the increment hardly depends on drag.
TEST(OrekitCases, D_IncrementOverTheGravityCase) {
  const std::vector<StateVector> c = read_oracle("iss_caseC_dP1e-6.csv");
  const std::vector<StateVector> d = read_oracle("iss_caseD_dP1e-6.csv");
  ASSERT_EQ(c.size(), 1441u);
  ASSERT_EQ(d.size(), c.size());
  const auto sun = std::make_shared<ThirdBody>(ThirdBody::Body::sun);
  const auto moon = std::make_shared<ThirdBody>(ThirdBody::Body::moon);
  const auto srp = std::make_shared<SolarRadiationPressure>();
  const StateVector b = one_day({egm96_20x20()}, 1e-6, c);
  const StateVector b_all = one_day({egm96_20x20(), sun, moon, srp}, 1e-6, c);
  const StateVector b_srp = one_day({egm96_20x20(), srp}, 1e-6, c);
  const Vec3 orekit = d.back().r - c.back().r, ours = b_all.r - b.r;
  const double srp_alone = (b_srp.r - b.r).norm();
  std::printf("case D increment after one day: Orekit |D - C| = %.3f m, ours |(B + Sun + Moon + SRP) - B| = %.3f m, "
              "difference of the two vectors %.3f m; ours |(B + SRP) - B| = %.3f m\n",
              orekit.norm(), ours.norm(), (ours - orekit).norm(), srp_alone);
  // Measured: 93.499 m, 0.258 m, 0.241 m.
  EXPECT_NEAR(orekit.norm(), 93.626, 0.001);
  EXPECT_NEAR(ours.norm(), 93.499, 0.05);
  EXPECT_LT((ours - orekit).norm(), 0.5);
  EXPECT_NEAR(srp_alone, 0.241, 0.01);
}

// The Moon's direction from the analytic series is good to about 1" (SolarSystem.MoonAgainstDe405): how much does
// the ISS care? Case D's forces with the Moon turned by 100" (about the GCRF z axis, and about an axis in the
// equator perpendicular to the Moon) against the Moon as it is.
class TurnedMoon final : public ForceModel {
 public:
  explicit TurnedMoon(const Mat3& turn) : turn_(turn) {}
  [[nodiscard]] ForceNeeds needs() const override { return {false, true}; }
  [[nodiscard]] Vec3 acceleration(const ForceContext& ctx) const override {
    return third_body_acceleration(ctx.r, turn_ * ctx.moon, mu_moon);
  }
  [[nodiscard]] std::string_view name() const override { return "third body: Moon, turned"; }

 private:
  Mat3 turn_;
};

TEST(OrekitCases, D_TurningTheMoonBy100ArcsecondsMovesTheIssByCentimetres) {
  const std::vector<StateVector> oracle = read_oracle("iss_caseB_dP1e-6.csv");
  ASSERT_EQ(oracle.size(), 1441u);
  const auto sun = std::make_shared<ThirdBody>(ThirdBody::Body::sun);
  const auto srp = std::make_shared<SolarRadiationPressure>();
  const StateVector as_is =
      one_day({egm96_20x20(), sun, std::make_shared<ThirdBody>(ThirdBody::Body::moon), srp}, 1e-6, oracle);
  const double angle = 100.0 * constants::arcsec;
  const Vec3 moon0 = moon_position_gcrf(oracle.front().epoch);
  const Vec3 across = Vec3::UnitZ().cross(moon0).normalized();
  double largest = 0;
  for (const Vec3& axis : {Vec3(Vec3::UnitZ()), across}) {
    const Mat3 turn = Eigen::AngleAxisd(angle, axis).toRotationMatrix();
    const StateVector turned = one_day({egm96_20x20(), sun, std::make_shared<TurnedMoon>(turn), srp}, 1e-6, oracle);
    const double moved = (turned.r - as_is.r).norm();
    std::printf("Moon turned by 100\" about (%.3f, %.3f, %.3f): the ISS moves %.4f m in one day\n", axis.x(),
                axis.y(), axis.z(), moved);
    largest = std::max(largest, moved);
  }
  EXPECT_LT(largest, 0.1);  // measured 4.8 cm (z axis) and 3.9 cm
}

}  // namespace
}  // namespace deorbit

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/risk/casualty_area.h"

namespace deorbit {
namespace {

// NASA-STD-8719.14 sec. 4.7: A_c = (sqrt(0.36 m^2) + sqrt(A_i))^2 above 15 J. A 1 m^2 object: (0.6 + 1)^2 =
// 2.56 m^2; a 0.25 m^2 one: (0.6 + 0.5)^2 = 1.21 m^2; a 0 m^2 point mass still covers a person: 0.36 m^2.
TEST(CasualtyArea, FormulaAboveFifteenJoules) {
  SurvivingObject tank{"tank", 50.0, 1.0, 100.0, 1};
  EXPECT_DOUBLE_EQ(impact_kinetic_energy(tank), 250e3);
  EXPECT_DOUBLE_EQ(casualty_area(tank), 2.56);
  SurvivingObject plate{"plate", 2.0, 0.25, 30.0, 1};
  EXPECT_DOUBLE_EQ(casualty_area(plate), 1.21);
  SurvivingObject bolt{"bolt", 0.1, 0.0, 80.0, 1};  // 320 J
  EXPECT_DOUBLE_EQ(casualty_area(bolt), 0.36);
}

// The threshold both sides: 15 J exactly is not above 15 J; one part in 1e9 more is.
TEST(CasualtyArea, FifteenJouleThresholdBothSides) {
  // m v^2 / 2 = 15 J with m = 7.5 kg, v = 2 m/s: exact in binary floating point.
  SurvivingObject at{"at", 7.5, 0.04, 2.0, 1};
  EXPECT_DOUBLE_EQ(impact_kinetic_energy(at), 15.0);
  EXPECT_EQ(casualty_area(at), 0.0);
  SurvivingObject above = at;
  above.impact_speed = 2.0 * (1 + 1e-9);
  EXPECT_GT(impact_kinetic_energy(above), 15.0);
  EXPECT_DOUBLE_EQ(casualty_area(above), 0.64);  // (0.6 + 0.2)^2
  SurvivingObject below = at;
  below.impact_speed = 2.0 * (1 - 1e-9);
  EXPECT_EQ(casualty_area(below), 0.0);
}

TEST(CasualtyArea, TotalsCountCopies) {
  std::vector<SurvivingObject> objects = {
      {"tank", 50.0, 1.0, 100.0, 2},     // 2 x 2.56
      {"plate", 2.0, 0.25, 30.0, 3},     // 3 x 1.21
      {"foil", 0.01, 0.5, 20.0, 100},    // 2 J each: harmless, counted in mass only
  };
  EXPECT_NEAR(total_casualty_area(objects), 2 * 2.56 + 3 * 1.21, 1e-12);
  EXPECT_NEAR(surviving_mass(objects), 100.0 + 6.0 + 1.0, 1e-12);
}

TEST(CasualtyArea, RejectsBadObjects) {
  EXPECT_THROW((void)casualty_area({"neg", -1.0, 1.0, 10.0, 1}), InputError);
  EXPECT_THROW((void)casualty_area({"nan", 1.0, std::nan(""), 10.0, 1}), InputError);
  EXPECT_THROW((void)casualty_area({"inf", 1.0, 1.0, INFINITY, 1}), InputError);
  EXPECT_THROW((void)casualty_area({"none", 1.0, 1.0, 10.0, 0}), InputError);
  try {
    (void)casualty_area({"strut", 1.0, -0.5, 10.0, 1});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("strut"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cross_section_m2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace deorbit

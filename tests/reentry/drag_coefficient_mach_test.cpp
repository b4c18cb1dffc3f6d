#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/reentry/drag_coefficient_mach.h"
#include "deorbit/reentry/fragment.h"
#include "deorbit/base/error.h"

namespace deorbit {
namespace {

// Henderson (1976) in the large-Reynolds-number limit: the branch values and the hypersonic limit.
TEST(DragCoefficientMach, HendersonBranches) {
  EXPECT_NEAR(sphere_drag_coefficient(0.0), 0.38, 1e-15);
  EXPECT_NEAR(sphere_drag_coefficient(0.5), 0.38 + 0.1 * 0.25 + 0.2 * std::pow(0.5, 8), 1e-15);
  EXPECT_NEAR(sphere_drag_coefficient(1.0), 0.68, 1e-15);
  EXPECT_NEAR(sphere_drag_coefficient(1.75), 0.9 + 0.34 / (1.75 * 1.75), 1e-15);
  EXPECT_NEAR(sphere_drag_coefficient(1.375), 0.5 * (0.68 + 0.9 + 0.34 / (1.75 * 1.75)), 1e-15);
  EXPECT_NEAR(sphere_drag_coefficient(25.0), 0.9 + 0.34 / 625.0, 1e-15);
  EXPECT_NEAR(mach_drag_factor(1e6), 1.0, 1e-9);
  EXPECT_NEAR(mach_drag_factor(0.0), 0.38 / 0.9, 1e-15);
}

// The table of docs/validation-reentry.md, to the three decimals printed there.
TEST(DragCoefficientMach, DocumentedTable) {
  struct Row {
    double mach, sphere, factor;
  };
  for (const Row& r : {Row{0, 0.380, 0.422}, Row{0.5, 0.406, 0.451}, Row{0.8, 0.478, 0.531}, Row{1.0, 0.680, 0.756},
                       Row{1.2, 0.768, 0.854}, Row{1.5, 0.901, 1.001}, Row{1.75, 1.011, 1.123},
                       Row{2, 0.985, 1.094}, Row{3, 0.938, 1.042}, Row{10, 0.903, 1.004}}) {
    EXPECT_NEAR(sphere_drag_coefficient(r.mach), r.sphere, 5e-4) << r.mach;
    EXPECT_NEAR(mach_drag_factor(r.mach), r.factor, 5e-4) << r.mach;
  }
}

TEST(DragCoefficientMach, ContinuousAndBounded) {
  double prev = sphere_drag_coefficient(0.0);
  for (double m = 0.001; m < 30; m += 0.001) {
    double cd = sphere_drag_coefficient(m);
    EXPECT_LT(std::abs(cd - prev), 2e-3) << m;
    EXPECT_GT(cd, 0.37);
    EXPECT_LT(cd, 1.02);
    prev = cd;
  }
  EXPECT_TRUE(std::isnan(sphere_drag_coefficient(NAN)));
}

TEST(Fragment, BallisticCoefficientAndValidation) {
  Fragment f{"panel", 100.0, 2.0, 1.25, 3};
  EXPECT_DOUBLE_EQ(f.ballistic_coefficient(), 40.0);
  EXPECT_NO_THROW(validate(f));
  for (auto bad : {Fragment{"a", 0, 1, 1, 1}, Fragment{"b", 1, -1, 1, 1}, Fragment{"c", 1, 1, NAN, 1},
                   Fragment{"d", 1, 1, 1, 0}}) {
    try {
      validate(bad);
      ADD_FAILURE() << bad.name;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("'" + bad.name + "'"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace deorbit

// The ISS object tree (examples/objects/iss.yaml, docs/iss-object-tree.md) flown by fly_object_tree from the breakup
// state of the default plan (as bench/object_flight_bench.cpp's BM_IssTree): the surviving-mass fraction and its
// sensitivity to the breakup altitude and the oxidation factor (docs/validation-demise.md, "ISS surviving mass and
// sensitivity"). Each figure is this tree's measured value held within 0.5 percentage points: the tests guard the
// tree and the flight against unnoticed change; they validate neither. Set DEORBIT_ISS_DUMP to print every object.
//
// The rule of thumb of issue 11 (10-40 % of a large spacecraft's mass survives): the baseline, 26.83 %, is inside
// it, and so is every variant measured here (16.3 % to 36.9 %). Inside the band is a plausibility check, not a
// validation: the band is wide and the tree's split of lumped mass (iss.yaml) is itself assumed.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/io/object_tree.h"
#include "deorbit/reentry/object_flight.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

using constants::deg;

std::vector<SpacecraftObject> iss_tree() {
  return load_objects_file(testing::source_path("examples/objects/iss.yaml").string());
}

// examples/iss-usdv.yaml's plan at its first release (95 km), as BM_IssTree.
EntryState breakup_state() {
  return entry_state_from(95e3, 7524.0, -0.58 * deg, -22.48 * deg, -118.80 * deg, 140.1 * deg);
}

struct Outcome {
  double percent;        // [%] of the tree's initial mass that reaches the ground
  double surviving_mass; // [kg]
};

Outcome fly(const std::vector<SpacecraftObject>& tree, const ObjectFlightSettings& settings = {}) {
  const TreeFlight f = fly_object_tree(tree, MaterialDatabase::embedded(), breakup_state(), settings);
  if (std::getenv("DEORBIT_ISS_DUMP") != nullptr)
    for (const auto& o : f.objects)
      std::printf("%-90s x%-5lld %9.2f kg %-18s landed %9.2f kg  demise %6.1f km\n", o.path.c_str(), o.count,
                  o.initial_mass, o.material.c_str(), o.landed_mass(), o.demise_altitude / 1e3);
  return {100.0 * f.surviving_mass / f.initial_mass, f.surviving_mass};
}

std::vector<SpacecraftObject> with_breakup_at(double altitude) {
  std::vector<SpacecraftObject> tree = iss_tree();
  tree.at(0).breakup_altitude = altitude;
  return tree;
}

TEST(IssDemise, SurvivingMassFractionIsInsideTheRuleOfThumb) {
  const Outcome o = fly(iss_tree());
  std::printf("ISS surviving mass: %.0f kg, %.2f %% of 419,725 kg\n", o.surviving_mass, o.percent);
  // Measured 26.83 %: inside the 10-40 % rule of thumb for large spacecraft (issue 11).
  EXPECT_NEAR(o.percent, 26.83, 0.5);
}

TEST(IssDemise, SensitivityToTheBreakupAltitude) {
  const double measured[] = {36.85, 26.83, 23.05};
  const double altitudes[] = {72e3, 78e3, 84e3};
  for (int i = 0; i < 3; ++i) {
    const double p = fly(with_breakup_at(altitudes[i])).percent;
    std::printf("breakup at %.0f km: %.2f %%\n", altitudes[i] / 1e3, p);
    EXPECT_NEAR(p, measured[i], 0.5) << altitudes[i];
  }
}

TEST(IssDemise, SensitivityToTheOxidationFactor) {
  ObjectFlightSettings s;
  const double measured[] = {26.83, 16.29};
  const double factors[] = {1.0, 1.5};
  for (int i = 0; i < 2; ++i) {
    s.oxidation_factor = factors[i];
    const double p = fly(iss_tree(), s).percent;
    std::printf("oxidation factor %.1f: %.2f %%\n", factors[i], p);
    EXPECT_NEAR(p, measured[i], 0.5) << factors[i];
  }
}

// The unitemised 44,473 kg is the largest single uncertainty of the tree (docs/iss-object-tree.md): the fraction
// of the itemised station alone.
TEST(IssDemise, WithoutTheUnitemisedRemainder) {
  std::vector<SpacecraftObject> tree = iss_tree();
  auto& children = tree.at(0).children;
  const auto before = children.size();
  std::erase_if(children, [](const SpacecraftObject& o) { return o.name == "unitemised stowage and equipment"; });
  ASSERT_EQ(children.size(), before - 1);
  EXPECT_NEAR(total_mass(tree.at(0)), 375252.0, 0.01);
  const Outcome o = fly(tree);
  std::printf("without the unitemised remainder: %.0f kg, %.2f %% of 375,252 kg\n", o.surviving_mass, o.percent);
  EXPECT_NEAR(o.percent, 30.78, 0.5);
}

}  // namespace
}  // namespace deorbit

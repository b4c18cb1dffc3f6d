// DeorbitPlanner: the perigee targets are met by the solved finite burns, the final ignition is placed by the
// objective, and infeasible plans say why.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/maneuver/deorbit_planner.h"
#include "maneuver/planner_case.h"

namespace deorbit {
namespace {

using Case = PlannerCase;

// Objective: close the breakup to a chosen longitude (a stand-in for the footprint margin; signed, larger better).
BreakupObjective near_longitude(double lon) {
  return [lon](const StateVector& b, double, bool) {
    Geodetic g = to_geodetic(FrameTransformer().transform(b, Frame::ITRF).r);
    return -std::abs(std::remainder(g.longitude - lon, constants::two_pi));
  };
}

TEST(DeorbitPlanner, MeetsPerigeeTargetsAndReachesBreakup) {
  Case c;
  DeorbitPlan plan = c.planner().plan(c.start, c.mass, near_longitude(-120 * constants::deg));
  ASSERT_TRUE(plan.feasible) << plan.verdict;
  ASSERT_EQ(plan.burns.size(), 3u);
  for (std::size_t i = 0; i < 2; ++i) {
    const PlannedBurn& b = plan.burns[i];
    EXPECT_NEAR(b.perigee_after, c.settings.target_perigees[i], c.settings.perigee_tolerance) << i;
    EXPECT_LE(b.iterations, 8) << i;
    // The finite burn costs a little more than the impulsive seed (gravity losses), never less.
    EXPECT_GT(b.delta_v, 0.98 * b.impulsive_delta_v) << i;
    EXPECT_LT(b.delta_v, 1.2 * b.impulsive_delta_v) << i;
    EXPECT_NEAR(b.propellant, b.burn.duration * b.burn.mass_flow(), 1e-6);
  }
  const PlannedBurn& f = plan.burns.back();
  EXPECT_TRUE(f.final);
  EXPECT_NEAR(f.perigee_after, c.settings.final_perigee, c.settings.perigee_tolerance);
  // Burns are spaced as asked and in time order.
  EXPECT_GE(plan.burns[1].burn.start - plan.burns[0].burn.start, c.settings.burn_spacing);
  EXPECT_GE(plan.burns[2].burn.start - plan.burns[1].burn.start, c.settings.burn_spacing);
  // Propellant bookkeeping and the breakup at its altitude.
  double used = 0;
  for (const auto& b : plan.burns) used += b.propellant;
  EXPECT_NEAR(plan.propellant_used, used, 1e-6);
  EXPECT_NEAR(plan.propellant_left, c.vehicle.propellant - used, 1e-6);
  EXPECT_NEAR(plan.breakup_mass, c.mass - used, 1.0);
  Geodetic g = to_geodetic(FrameTransformer().transform(plan.breakup, Frame::ITRF).r);
  EXPECT_NEAR(g.height, c.settings.breakup_altitude, 1.0);
  EXPECT_FALSE(plan.trajectory.empty());
  EXPECT_EQ(plan.trajectory.size(), plan.history.size());
  // The scan placed the breakup near the wanted longitude (the scan step is 300 s, about 18 deg of track; the
  // refinement brings it to well within that).
  EXPECT_GT(plan.objective, -3 * constants::deg);
}

TEST(DeorbitPlanner, ObjectiveMovesTheFinalIgnition) {
  Case c;
  c.settings.target_perigees = {180e3};
  DeorbitPlanner p = c.planner();
  DeorbitPlan a = p.plan(c.start, c.mass, near_longitude(0.0));
  DeorbitPlan b = p.plan(c.start, c.mass, near_longitude(constants::pi / 2));
  ASSERT_TRUE(a.feasible && b.feasible) << a.verdict << b.verdict;
  EXPECT_GT(std::abs(a.burns.back().burn.start - b.burns.back().burn.start), 300.0);
}

// Quick studies: the same plan with impulsive burns meets the same targets for less delta-v (no gravity losses).
TEST(DeorbitPlanner, ImpulsiveQuickStudy) {
  Case c;
  c.settings.target_perigees = {180e3};
  DeorbitPlan finite = c.planner().plan(c.start, c.mass, near_longitude(0.0));
  c.settings.impulsive = true;
  DeorbitPlan quick = c.planner().plan(c.start, c.mass, near_longitude(0.0));
  ASSERT_TRUE(finite.feasible && quick.feasible) << finite.verdict << quick.verdict;
  ASSERT_EQ(quick.burns.size(), 2u);
  EXPECT_NEAR(quick.burns[0].perigee_after, 180e3, c.settings.perigee_tolerance);
  EXPECT_NEAR(quick.burns[1].perigee_after, c.settings.final_perigee, c.settings.perigee_tolerance);
  EXPECT_LT(quick.burns[0].delta_v, finite.burns[0].delta_v);
  // The impulse is the Hohmann-type seed: the solved delta-v is within 1 % of it.
  EXPECT_NEAR(quick.burns[0].delta_v, quick.burns[0].impulsive_delta_v, 0.01 * quick.burns[0].impulsive_delta_v);
  EXPECT_NEAR(quick.breakup_mass, c.mass - quick.propellant_used, 1e-3);
}

TEST(DeorbitPlanner, NotEnoughPropellant) {
  Case c;
  c.vehicle.propellant = 500.0;
  DeorbitPlan plan = c.planner().plan(c.start, c.mass, near_longitude(0));
  EXPECT_FALSE(plan.feasible);
  EXPECT_NE(plan.verdict.find("not enough propellant"), std::string::npos) << plan.verdict;
}

TEST(DeorbitPlanner, BurnLongerThanAllowed) {
  Case c;
  c.settings.max_burn_duration = 120.0;
  DeorbitPlan plan = c.planner().plan(c.start, c.mass, near_longitude(0));
  EXPECT_FALSE(plan.feasible);
  EXPECT_NE(plan.verdict.find("longer than the 120 s allowed"), std::string::npos) << plan.verdict;
}

TEST(DeorbitPlanner, RefusesImpossibleSettings) {
  Case c;
  c.settings.target_perigees = {150e3, 200e3};
  EXPECT_THROW((void)c.planner(), InputError);
  c.settings.target_perigees = {150e3};
  c.settings.final_perigee = 160e3;
  EXPECT_THROW((void)c.planner(), InputError);
  Case d;
  d.vehicle.engines.clear();
  EXPECT_THROW((void)d.planner(), InputError);
}

}  // namespace
}  // namespace deorbit

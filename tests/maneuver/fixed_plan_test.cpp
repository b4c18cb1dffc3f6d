// fly_given_burns: a given burn plan flown as it is. A planner's own burns flown as given reproduce its plan; burns
// given by delta-v get it; each vehicle's propellant is checked; impossible plans are refused or say why.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "deorbit/base/error.h"
#include "deorbit/maneuver/fixed_plan.h"
#include "maneuver/planner_case.h"

namespace deorbit {
namespace {

// The planner's case with one lowering burn, and burns of its vehicle's engines.
struct Case : PlannerCase {
  Engine draco = vehicle.engines.front();
  Case() {
    settings.target_perigees = {180e3};
    settings.final_window = 3000.0;
    settings.final_scan_step = 600.0;
  }
  [[nodiscard]] std::vector<VehiclePropellant> tanks() const { return {{vehicle.name, vehicle.propellant}}; }
  [[nodiscard]] GivenBurn burn(const std::string& name, double after_start, double duration) const {
    return GivenBurn{FiniteBurn{name, start.epoch + after_start, duration, {draco}, AttitudeLaw::Retrograde}, {},
                     vehicle.name};
  }
};

const BreakupObjective none = [](const StateVector&, double, bool) { return 0.0; };

TEST(FixedPlan, ThePlannersBurnsFlownAsGivenReproduceItsPlan) {
  Case c;
  const DeorbitPlanner planner = c.planner();
  const DeorbitPlan planned = planner.plan(c.start, c.mass, none);
  ASSERT_TRUE(planned.feasible) << planned.verdict;
  std::vector<GivenBurn> given;
  for (const auto& b : planned.burns) given.push_back({b.burn, {}, c.vehicle.name});
  const DeorbitPlan flown = fly_given_burns(planner, c.start, c.mass, given, c.tanks(), none);
  ASSERT_TRUE(flown.feasible) << flown.verdict;
  ASSERT_EQ(flown.burns.size(), planned.burns.size());
  for (std::size_t i = 0; i < flown.burns.size(); ++i) {
    EXPECT_NEAR(flown.burns[i].propellant, planned.burns[i].propellant, 1e-9) << i;
    EXPECT_NEAR(flown.burns[i].delta_v, planned.burns[i].delta_v, 1e-9) << i;
    EXPECT_TRUE(std::isnan(flown.burns[i].target_perigee)) << i;
  }
  EXPECT_FALSE(flown.burns.front().final);
  EXPECT_TRUE(flown.burns.back().final);
  // The final burn's perigee is osculating at cut-off in both.
  EXPECT_NEAR(flown.burns.back().perigee_after, planned.burns.back().perigee_after, 1.0);
  // Same burns, same forces: the same breakup (the planner's replay and this flight integrate the same run).
  EXPECT_NEAR(flown.breakup.epoch - planned.breakup.epoch, 0.0, 1e-3);
  EXPECT_LT((flown.breakup.r - planned.breakup.r).norm(), 1.0);
  EXPECT_NEAR(flown.propellant_used, planned.propellant_used, 1e-6);
  EXPECT_NEAR(flown.propellant_left, planned.propellant_left, 1e-6);
  EXPECT_EQ(flown.trajectory.size(), planned.trajectory.size());
}

TEST(FixedPlan, ABurnGivenByDeltaVGetsIt) {
  Case c;
  GivenBurn first = c.burn("first", 600, 0);
  first.delta_v = 25.0;
  GivenBurn second = c.burn("second", 3 * 3600, 0);
  second.delta_v = 60.0;
  const DeorbitPlan p = fly_given_burns(c.planner(), c.start, c.mass, {second, first}, c.tanks(), none);
  ASSERT_TRUE(p.feasible) << p.verdict;
  ASSERT_EQ(p.burns.size(), 2u);
  EXPECT_EQ(p.burns[0].burn.name, "first");  // sorted by ignition
  EXPECT_NEAR(p.burns[0].delta_v, 25.0, 1e-9);
  EXPECT_NEAR(p.burns[1].delta_v, 60.0, 1e-9);
  // The second burn's mass is the stack's after the first: the rocket equation from there.
  EXPECT_NEAR(p.burns[1].mass_before, c.mass - p.burns[0].propellant, 1e-6);
  EXPECT_NEAR(p.burns[1].propellant, rocket_propellant(300.0, p.burns[1].mass_before, 60.0), 1e-6);
  EXPECT_NEAR(p.delta_v, 85.0, 1e-9);
  // Retrograde: each burn lowers the perigee.
  EXPECT_LT(p.burns[0].perigee_after, p.burns[0].perigee_before - 30e3);
  EXPECT_LT(p.burns[1].perigee_after, p.burns[1].perigee_before - 80e3);
  EXPECT_GT(p.breakup_mass, 0);
  EXPECT_NEAR(p.breakup_mass, c.mass - p.propellant_used, 1e-6);
}

TEST(FixedPlan, EachVehicleDrawsOnItsOwnPropellant) {
  Case c;
  // Two vehicles, 200 kg and 16,000 kg: a 60 s burn of 30 Dracos (245 kg) is too much for the small one.
  std::vector<VehiclePropellant> tanks{{"small", 200.0}, {c.vehicle.name, 16000.0}};
  GivenBurn b = c.burn("small burn", 600, 60);
  b.vehicle = "small";
  const DeorbitPlan p = fly_given_burns(c.planner(), c.start, c.mass, {b}, tanks, none);
  EXPECT_FALSE(p.feasible);
  EXPECT_NE(p.verdict.find("'small' has 200.0 kg left"), std::string::npos) << p.verdict;
  EXPECT_NEAR(p.propellant_used, 0.0, 1e-9);
  EXPECT_NEAR(p.propellant_left, 16200.0, 1e-9);
}

TEST(FixedPlan, AStackThatStaysUpIsInfeasibleAndSaysWhy) {
  Case c;
  c.settings.max_descent = 6 * 3600.0;
  const DeorbitPlan p = fly_given_burns(c.planner(), c.start, c.mass, {c.burn("trim", 600, 20)}, c.tanks(), none);
  EXPECT_FALSE(p.feasible);
  EXPECT_NE(p.verdict.find("does not come down to the breakup altitude within 6.0 h"), std::string::npos) << p.verdict;
  EXPECT_GT(p.propellant_used, 0);  // the burn was flown
}

TEST(FixedPlan, ABurnAfterTheFallIsInfeasibleAndSaysWhy) {
  Case c;
  c.mass = 100000.0;  // a lighter stack, so that 120 m/s take 4 t
  GivenBurn down = c.burn("down", 600, 0);
  down.delta_v = 120.0;
  const DeorbitPlan p =
      fly_given_burns(c.planner(), c.start, c.mass, {down, c.burn("late", 6 * 3600, 10)}, c.tanks(), none);
  EXPECT_FALSE(p.feasible);
  EXPECT_NE(p.verdict.find("before burn 'late'"), std::string::npos) << p.verdict;
}

TEST(FixedPlan, PlansThatCannotBeMeantAreRefused) {
  Case c;
  const DeorbitPlanner planner = c.planner();
  // Overlapping burns.
  EXPECT_THROW((void)fly_given_burns(planner, c.start, c.mass, {c.burn("a", 600, 300), c.burn("b", 800, 10)},
                                     c.tanks(), none),
               InputError);
  // A burn before the start.
  EXPECT_THROW((void)fly_given_burns(planner, c.start, c.mass, {c.burn("early", -60, 10)}, c.tanks(), none),
               InputError);
  // An unknown vehicle.
  GivenBurn stray = c.burn("stray", 600, 10);
  stray.vehicle = "nobody";
  EXPECT_THROW((void)fly_given_burns(planner, c.start, c.mass, {stray}, c.tanks(), none), InputError);
  // No burns.
  EXPECT_THROW((void)fly_given_burns(planner, c.start, c.mass, {}, c.tanks(), none), InputError);
}

}  // namespace
}  // namespace deorbit

// Finite and impulsive burns: the rocket equation in free space, the mass flow, and a short finite burn against
// the impulsive burn of the same delta-v.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/maneuver/burn.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/propagate/numerical_propagator.h"

namespace deorbit {
namespace {

const Epoch t0 = Epoch::from_iso("2030-01-01T00:00:00");

Engine draco() { return {"Draco", 400.0, 300.0, 30}; }

TEST(Engine, MassFlowAndRocketEquation) {
  Engine e = draco();
  EXPECT_DOUBLE_EQ(e.total_thrust(), 12000.0);
  EXPECT_NEAR(e.mass_flow(), 12000.0 / (300.0 * 9.80665), 1e-12);
  // Round trip of the rocket equation.
  double m = rocket_propellant(300.0, 450000.0, 50.0);
  EXPECT_NEAR(rocket_delta_v(300.0, 450000.0, 450000.0 - m), 50.0, 1e-9);
  std::vector<Engine> two{e, Engine{"Progress", 2950.0, 302.0, 1}};
  double q = e.mass_flow() + 2950.0 / (302.0 * 9.80665);
  EXPECT_NEAR(total_mass_flow(two), q, 1e-12);
  EXPECT_NEAR(effective_isp(two), (12000.0 + 2950.0) / (q * 9.80665), 1e-9);
}

TEST(Attitude, Directions) {
  Vec3 r(7e6, 0, 0), v(0, 7.5e3, 0);
  EXPECT_TRUE(thrust_direction(AttitudeLaw::Retrograde, r, v).isApprox(Vec3(0, -1, 0)));
  EXPECT_TRUE(thrust_direction(AttitudeLaw::Normal, r, v).isApprox(Vec3(0, 0, 1)));
  EXPECT_TRUE(thrust_direction(AttitudeLaw::RadialIn, r, v).isApprox(Vec3(-1, 0, 0)));
  for (auto law : {AttitudeLaw::Retrograde, AttitudeLaw::Prograde, AttitudeLaw::RadialIn, AttitudeLaw::RadialOut,
                   AttitudeLaw::Normal, AttitudeLaw::AntiNormal})
    EXPECT_EQ(attitude_law_from_string(to_string(law)), law);
  EXPECT_FALSE(attitude_law_from_string("sideways"));
}

// In free space a retrograde burn keeps the velocity on one line: the speed change is exactly the rocket equation's.
TEST(FiniteBurn, RocketEquationInFreeSpace) {
  FiniteBurn b{"test", t0 + 100.0, 600.0, {draco()}, AttitudeLaw::Retrograde};
  NumericalPropagatorSettings s;
  auto thrust = std::make_shared<ThrustForce>(std::vector<FiniteBurn>{b});
  s.forces = {thrust};
  s.floor_altitude = -1e9;
  s.position_tolerance = 1e-6;
  NumericalPropagator p(s);
  StateVector start{t0, Frame::GCRF, Vec3(7e6, 0, 0), Vec3(0, 7500.0, 0)};
  const double m0 = 20000.0;
  auto events = thrust->switch_events(t0);
  PropagationResult r = p.propagate(start, t0 + 1000.0, m0, events);
  ASSERT_EQ(r.status, PropagationStatus::ReachedEnd) << r.message;
  const double m1 = m0 - b.mass_flow() * 600.0;
  EXPECT_NEAR(r.mass, m1, 1e-6);
  EXPECT_NEAR(7500.0 - r.state.v.norm(), rocket_delta_v(300.0, m0, m1), 1e-6);
  EXPECT_NEAR(b.ideal_delta_v(m0), rocket_delta_v(300.0, m0, m1), 1e-9);
  // Both switches fired as events (the integrator restarted there).
  int fired = 0;
  for (const auto& e : r.events) fired += e.name == "test ignition" || e.name == "test cut-off";
  EXPECT_EQ(fired, 2);
}

// Under two-body gravity the mass after the burn still follows the flow; the energy drops by about v * delta-v.
TEST(FiniteBurn, MassAfterBurnInTwoBody) {
  FiniteBurn b{"deorbit", t0 + 300.0, 120.0, {draco()}, AttitudeLaw::Retrograde};
  NumericalPropagatorSettings s;
  auto thrust = std::make_shared<ThrustForce>(std::vector<FiniteBurn>{b});
  s.forces = {std::make_shared<PointMassGravity>(constants::mu_earth), thrust};
  NumericalPropagator p(s);
  double r0 = 6378137.0 + 220e3;
  StateVector start{t0, Frame::GCRF, Vec3(r0, 0, 0), Vec3(0, std::sqrt(constants::mu_earth / r0), 0)};
  PropagationResult r = p.propagate(start, t0 + 1000.0, 450000.0, thrust->switch_events(t0));
  ASSERT_EQ(r.status, PropagationStatus::ReachedEnd) << r.message;
  EXPECT_NEAR(r.mass, 450000.0 - 120.0 * b.mass_flow(), 1e-6);
}

// A 20 s burn and the impulsive burn of the same ideal delta-v at its middle give the same perigee to a few metres
// (the finite-burn loss of a 20 s arc of a 5,300 s orbit is of order (omega T)^2 / 24 of the delta-v).
TEST(FiniteBurn, ShortBurnMatchesImpulsive) {
  const double m0 = 450000.0, duration = 20.0;
  FiniteBurn b{"short", t0 + 1000.0, duration, {draco()}, AttitudeLaw::Retrograde};
  double dv = b.ideal_delta_v(m0);
  double r0 = 6378137.0 + 220e3;
  StateVector start{t0, Frame::GCRF, Vec3(r0, 0, 0), Vec3(0, std::sqrt(constants::mu_earth / r0), 0)};

  NumericalPropagatorSettings s;
  auto thrust = std::make_shared<ThrustForce>(std::vector<FiniteBurn>{b});
  s.forces = {std::make_shared<PointMassGravity>(constants::mu_earth), thrust};
  s.position_tolerance = 1e-6;
  PropagationResult finite = NumericalPropagator(s).propagate(start, t0 + 2000.0, m0, thrust->switch_events(t0));

  ImpulsiveBurn ib;
  ib.epoch = t0 + 1000.0 + duration / 2;
  ib.delta_v = dv;
  ib.isp = 300.0;
  NumericalPropagatorSettings s2;
  s2.forces = {std::make_shared<PointMassGravity>(constants::mu_earth)};
  s2.position_tolerance = 1e-6;
  std::vector<EventDetector<7>> ev{impulsive_burn_event(t0, ib)};
  PropagationResult impulsive = NumericalPropagator(s2).propagate(start, t0 + 2000.0, m0, ev);
  ASSERT_EQ(finite.status, PropagationStatus::ReachedEnd);
  ASSERT_EQ(impulsive.status, PropagationStatus::ReachedEnd);

  auto perigee = [](const StateVector& x) {
    KeplerianElements k = to_keplerian(x.r, x.v);
    return k.semi_major_axis * (1 - k.eccentricity);
  };
  double lowered = r0 - perigee(impulsive.state);
  EXPECT_GT(lowered, 1000.0);  // the burn did something: about 4 km lower
  EXPECT_NEAR(perigee(finite.state), perigee(impulsive.state), 5.0);
  EXPECT_NEAR(finite.mass, impulsive.mass, 1e-6);
}

TEST(FiniteBurn, RefusesBadEngines) {
  FiniteBurn b{"bad", t0, 10.0, {Engine{"x", 0.0, 300.0, 1}}, AttitudeLaw::Retrograde};
  EXPECT_THROW(ThrustForce(std::vector<FiniteBurn>{b}), InputError);
  b.engines[0].thrust = 100.0;
  b.duration = -1.0;
  EXPECT_THROW(ThrustForce(std::vector<FiniteBurn>{b}), InputError);
}

// A premature cut-off keeps the ignition, engines and attitude, and shortens the arc.
TEST(FiniteBurn, CutOffShortensTheArc) {
  FiniteBurn b{"final", Epoch::from_iso("2031-01-17T04:00:00Z"), 1800.0, {{"Draco", 400.0, 300.0, 30}}};
  const FiniteBurn c = cut_off_burn(b, 0.8);
  EXPECT_DOUBLE_EQ(c.duration, 1440.0);
  EXPECT_EQ(c.start - b.start, 0.0);
  EXPECT_EQ(c.engines[0].count, 30);
  EXPECT_NEAR(c.propellant(), 0.8 * b.propellant(), 1e-9);
  EXPECT_DOUBLE_EQ(cut_off_burn(b, 0.0).duration, 0.0);
  EXPECT_THROW((void)cut_off_burn(b, 1.2), InputError);
  EXPECT_THROW((void)cut_off_burn(b, -0.1), InputError);
}

// One engine out: the largest group loses one, the arc grows by the ratio of the flows, so the propellant (and, for
// one Isp, the ideal delta-v) stays; with engines of two Isps the delta-v follows the new mix.
TEST(FiniteBurn, EngineOutSpendsTheSamePropellant) {
  const double m0 = 460000.0;
  FiniteBurn b{"final", Epoch::from_iso("2031-01-17T04:00:00Z"), 1800.0, {{"Draco", 400.0, 300.0, 30}}};
  std::optional<FiniteBurn> out = engine_out_burn(b);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->engines[0].count, 29);
  EXPECT_NEAR(out->duration, 1800.0 * 30.0 / 29.0, 1e-9);
  EXPECT_EQ(out->start - b.start, 0.0);
  EXPECT_NEAR(out->propellant(), b.propellant(), 1e-9 * b.propellant());
  EXPECT_NEAR(out->ideal_delta_v(m0), b.ideal_delta_v(m0), 1e-9);

  FiniteBurn mixed{"final", b.start, 600.0, {{"small", 100.0, 220.0, 2}, {"main", 1000.0, 310.0, 3}}};
  out = engine_out_burn(mixed);
  ASSERT_TRUE(out.has_value());
  ASSERT_EQ(out->engines.size(), 2u);
  EXPECT_EQ(out->engines[0].count, 2);  // the group of three loses one
  EXPECT_EQ(out->engines[1].count, 2);
  EXPECT_NEAR(out->propellant(), mixed.propellant(), 1e-9 * mixed.propellant());
  const double prop = mixed.propellant();
  EXPECT_NEAR(out->ideal_delta_v(20000.0),
              rocket_delta_v(effective_isp(out->engines), 20000.0, 20000.0 - prop), 1e-9);
  EXPECT_LT(out->ideal_delta_v(20000.0), mixed.ideal_delta_v(20000.0));  // more of the low-Isp engines' flow

  FiniteBurn ones{"final", b.start, 100.0, {{"a", 500.0, 300.0, 1}, {"b", 500.0, 300.0, 1}}};
  out = engine_out_burn(ones);
  ASSERT_TRUE(out.has_value());
  ASSERT_EQ(out->engines.size(), 1u);
  EXPECT_EQ(out->engines[0].name, "b");
  EXPECT_NEAR(out->duration, 200.0, 1e-9);
  EXPECT_FALSE(engine_out_burn(FiniteBurn{"final", b.start, 100.0, {{"SKD", 2950.0, 302.0, 1}}}).has_value());
}

}  // namespace
}  // namespace deorbit

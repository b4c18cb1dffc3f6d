// Events: located on the dense output against analytic times (radius crossings, apsides, nodes, an epoch, a user
// function), state resets (impulsive burns) against the analytic solution, and the corner cases: an event at the
// start, at a step boundary, at the end, several in one step, two close sign changes inside one step, backward runs.
#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/propagate/ephemeris.h"
#include "deorbit/propagate/event_detector.h"
#include "deorbit/propagate/integrate.h"
#include "propagate/integrator_support.h"

namespace deorbit {
namespace {

using testing::kepler_at;
using testing::mu;
using testing::orbit_tolerances;
using testing::State7;
using testing::state_of;
using testing::time_since_periapsis;
using testing::TwoBody;

using State1 = OdeState<1>;

// An eccentric LEO orbit (perigee 6809 km, apogee 6947 km), starting 0.3 rad past perigee.
const KeplerianElements kOrbit{6878137.0, 0.01, 51.6 * constants::deg, 0.5, 1.0, 0.3};
const double kA = kOrbit.semi_major_axis, kE = kOrbit.eccentricity;
const double kN = std::sqrt(mu / (kA * kA * kA));
const double kPeriod = constants::two_pi / kN;
const double kStartSincePeriapsis = time_since_periapsis(kOrbit.true_anomaly, kA, kE);

IntegratorSettings<7> tight() {
  IntegratorSettings<7> s;
  s.tolerances = orbit_tolerances(1e-7, 1e-10, 1.5e-14);
  return s;
}

// [s] Times in [0, t_end) at which the orbit reaches eccentric anomaly E (mod 2 pi).
std::vector<double> times_at_eccentric_anomaly(double ecc_anomaly, double t_end) {
  const double m = ecc_anomaly - kE * std::sin(ecc_anomaly);
  double t = std::fmod(m / kN - kStartSincePeriapsis, kPeriod);
  if (t < 0) t += kPeriod;
  std::vector<double> out;
  for (; t < t_end; t += kPeriod) out.push_back(t);
  return out;
}

double eccentric_of_true(double nu) { return true_to_eccentric_anomaly(nu, kE); }

std::vector<double> event_times(const IntegrationResult<7>& r, int detector, int increasing = -1) {
  std::vector<double> t;
  for (const auto& e : r.events)
    if (e.detector == detector && (increasing < 0 || e.increasing == (increasing == 1))) t.push_back(e.t);
  return t;
}

void expect_times(const std::vector<double>& found, const std::vector<double>& expected, double tolerance,
                  const char* what) {
  ASSERT_EQ(found.size(), expected.size()) << what;
  for (std::size_t i = 0; i < found.size(); ++i) EXPECT_NEAR(found[i], expected[i], tolerance) << what << " #" << i;
}

// Largest |found - expected| over lists of equal length (0 if the lengths differ: expect_times reports that).
double worst_time_error(const std::vector<double>& found, const std::vector<double>& expected) {
  double worst = 0;
  if (found.size() != expected.size()) return 0;
  for (std::size_t i = 0; i < found.size(); ++i) worst = std::max(worst, std::abs(found[i] - expected[i]));
  return worst;
}

TEST(Events, RadiusCrossingsAreLocatedToBetterThanAMicrosecond) {
  // r = a where cos E = 0: going up at E = pi/2, down at E = 3 pi/2.
  const double t_end = 3 * kPeriod;
  std::vector<EventDetector<7>> det{radius_detector<7>(kA, EventDirection::Both, EventAction::Continue)};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), t_end, tight(), det);
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd) << r.message;
  const auto up = times_at_eccentric_anomaly(constants::pi / 2, t_end);
  const auto down = times_at_eccentric_anomaly(3 * constants::pi / 2, t_end);
  // Measured 2.6e-9 s going up, 5.4e-8 s going down (the goal was 1 us).
  expect_times(event_times(r, 0, 1), up, 1.5e-7, "upward");
  expect_times(event_times(r, 0, 0), down, 1.5e-7, "downward");
  const double worst =
      std::max(worst_time_error(event_times(r, 0, 1), up), worst_time_error(event_times(r, 0, 0), down));
  std::printf("[ figures  ] radius crossings: worst time error %.3e s over 3 revolutions\n", worst);
  // The state at the event lies on the sphere.
  for (const auto& e : r.events) EXPECT_NEAR(e.y.head<3>().norm(), kA, 1e-4);
}

TEST(Events, ApsidesAndNodes) {
  const double t_end = 2.5 * kPeriod;
  std::vector<EventDetector<7>> det{apsis_detector<7>(), node_detector<7>()};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), t_end, tight(), det);
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd);
  // Periapsis: increasing radial velocity; apoapsis: decreasing.
  const double bound = 5e-8;  // measured 1.6e-9, 2.0e-9, 2.0e-10, 1.8e-8 s
  const auto peri = times_at_eccentric_anomaly(0.0, t_end), apo = times_at_eccentric_anomaly(constants::pi, t_end);
  expect_times(event_times(r, 0, 1), peri, bound, "periapsis");
  expect_times(event_times(r, 0, 0), apo, bound, "apoapsis");
  // Ascending node where the argument of latitude is 0: true anomaly -omega; descending: pi - omega.
  const double w = kOrbit.arg_of_perigee;
  const auto asc = times_at_eccentric_anomaly(eccentric_of_true(-w), t_end);
  const auto desc = times_at_eccentric_anomaly(eccentric_of_true(constants::pi - w), t_end);
  expect_times(event_times(r, 1, 1), asc, bound, "ascending");
  expect_times(event_times(r, 1, 0), desc, bound, "descending");
  std::printf("[ figures  ] apsides and nodes: worst time errors %.3e, %.3e, %.3e, %.3e s\n",
              worst_time_error(event_times(r, 0, 1), peri), worst_time_error(event_times(r, 0, 0), apo),
              worst_time_error(event_times(r, 1, 1), asc), worst_time_error(event_times(r, 1, 0), desc));
  // Events come in time order.
  EXPECT_TRUE(std::is_sorted(r.events.begin(), r.events.end(),
                             [](const auto& a, const auto& b) { return a.t < b.t; }));
}

TEST(Events, DirectionFilter) {
  std::vector<EventDetector<7>> det{node_detector<7>(EventDirection::Increasing)};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), 3 * kPeriod, tight(), det);
  ASSERT_EQ(r.events.size(), 3u);
  for (const auto& e : r.events) {
    EXPECT_TRUE(e.increasing);
    EXPECT_GT(e.y[5], 0.0);  // going north
  }
}

TEST(Events, EpochDetectorStopsExactlyThere) {
  const Epoch e0 = Epoch::from_iso("2025-06-01T00:00:00Z");
  const State7 y0 = state_of(kOrbit);
  const double t_event = 1234.5678;
  std::vector<EventDetector<7>> det{epoch_detector<7>(e0, e0 + t_event)};
  auto r = integrate(TwoBody{}, e0, 0.0, y0, 5000.0, tight(), det);
  ASSERT_EQ(r.status, IntegrationStatus::StoppedByEvent);
  EXPECT_EQ(r.stop_detector, 0);
  EXPECT_NEAR(r.t, t_event, 1e-9);
  EXPECT_NEAR(r.epoch() - (e0 + t_event), 0.0, 1e-9);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].action, EventAction::Stop);
  const double dr = (r.y - kepler_at(e0, y0, t_event)).head<3>().norm();
  std::printf("[ figures  ] epoch detector: stopped %.3e s from the epoch, %.3e m from Kepler\n", r.t - t_event, dr);
  EXPECT_LT(dr, 2.5e-7);  // measured 8.0e-8 m
  EXPECT_NE(r.message.find("epoch"), std::string::npos);
}

TEST(Events, UserFunction) {
  // g = cos(2 pi t / 1000 s): roots at 250 s + k 500 s, alternating down and up.
  std::vector<EventDetector<7>> det{function_detector<7>(
      [](double t, const State7&) { return std::cos(constants::two_pi * t / 1000.0); }, EventDirection::Both,
      EventAction::Continue, "cosine")};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), 10000.0, tight(), det);
  ASSERT_EQ(r.events.size(), 20u);
  double worst = 0;
  for (std::size_t k = 0; k < r.events.size(); ++k) {
    worst = std::max(worst, std::abs(r.events[k].t - (250.0 + 500.0 * static_cast<double>(k))));
    EXPECT_NEAR(r.events[k].t, 250.0 + 500.0 * static_cast<double>(k), 1e-7);
    EXPECT_EQ(r.events[k].increasing, k % 2 == 1);
    EXPECT_EQ(r.events[k].name, "cosine");
  }
  std::printf("[ figures  ] user function: worst time error %.3e s (threshold 1e-7 s)\n", worst);
}

TEST(Events, StopWhenGoingDownThroughARadius) {
  std::vector<EventDetector<7>> det{radius_detector<7>(kA, EventDirection::Decreasing)};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), 10 * kPeriod, tight(), det);
  ASSERT_EQ(r.status, IntegrationStatus::StoppedByEvent);
  EXPECT_NEAR(r.t, times_at_eccentric_anomaly(3 * constants::pi / 2, kPeriod)[0], 1e-6);
  EXPECT_NEAR(r.y.head<3>().norm(), kA, 1e-4);
  EXPECT_LT(r.y.head<3>().dot(r.y.segment<3>(3)), 0.0);  // going down
}

// --- state resets -------------------------------------------------------------------------------------------

State7 burn(const State7& y, double dv) {
  State7 out = y;
  out.segment<3>(3) += dv * y.segment<3>(3).normalized();
  return out;
}

TEST(Events, ImpulsiveBurnByResetStateMatchesTheAnalyticSolution) {
  const Epoch e0 = Epoch::from_iso("2025-06-01T00:00:00Z");
  const State7 y0 = state_of(kOrbit);
  const double t_burn = 1000.0, t_end = 7000.0, dv = 10.0;
  EventDetector<7> d = epoch_detector<7>(t_burn, EventAction::ResetState, "burn");
  d.handler = [dv](const EventOccurrence<7>&, State7& y) {
    y = burn(y, dv);
    return EventAction::ResetState;
  };
  std::vector<EventDetector<7>> det{d};
  Ephemeris<7> eph(e0);
  auto r = integrate(TwoBody{}, e0, 0.0, y0, t_end, tight(), det, eph.recorder());
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd) << r.message;
  ASSERT_EQ(r.events.size(), 1u);  // the restart at the burn does not fire it again
  EXPECT_NEAR(r.events[0].t, t_burn, 1e-9);
  const State7 before = kepler_at(e0, y0, t_burn);
  const State7 after = burn(before, dv);
  const State7 expected = kepler_at(e0 + t_burn, after, t_end - t_burn);
  EXPECT_LT((r.y - expected).head<3>().norm(), 3e-6);  // measured 1.15e-6 m
  std::printf("[ figures  ] impulsive burn of 10 m/s by ResetState: final position error %.3e m\n",
              (r.y - expected).head<3>().norm());
  // The ephemeris holds both sides: before the burn, and after it from the burn on.
  EXPECT_LT((eph.state(t_burn - 1e-3) - kepler_at(e0, y0, t_burn - 1e-3)).segment<3>(3).norm(), 1e-6);
  EXPECT_LT((eph.state(t_burn) - after).segment<3>(3).norm(), 1e-6);
  EXPECT_LT((eph.state(e0 + 3000.0) - kepler_at(e0 + t_burn, after, 2000.0)).head<3>().norm(), 1e-3);
}

TEST(Events, BurnAtPeriapsisFiresOnceThoughItLeavesTheApsisFunctionAtZero) {
  // A tangential burn at periapsis keeps r . v = 0 there: the restart must not take it for a new periapsis.
  int burns = 0;
  EventDetector<7> d = apsis_detector<7>(EventDirection::Increasing, EventAction::Continue, "periapsis burn");
  d.handler = [&burns](const EventOccurrence<7>&, State7& y) {
    if (burns++ > 0) return EventAction::Continue;
    y = burn(y, 20.0);
    return EventAction::ResetState;
  };
  std::vector<EventDetector<7>> det{d};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), 2.2 * kPeriod, tight(), det);
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd);
  ASSERT_EQ(r.events.size(), 2u);  // the burn, then the next periapsis one (new) period later
  const double t_burn = r.events[0].t;
  EXPECT_NEAR(t_burn, times_at_eccentric_anomaly(0.0, kPeriod)[0], 1e-6);
  const State7 after = burn(kepler_at(Epoch(), state_of(kOrbit), t_burn), 20.0);
  const KeplerianElements k = to_keplerian(after.head<3>(), after.segment<3>(3), mu);
  const double new_period = constants::two_pi * std::sqrt(std::pow(k.semi_major_axis, 3) / mu);
  EXPECT_NEAR(r.events[1].t - t_burn, new_period, 2e-9);  // measured 6.7e-10 s
  std::printf("[ figures  ] periapsis burn: next periapsis %.3e s from one new period\n",
              r.events[1].t - t_burn - new_period);
}

TEST(Events, ResetStateUnchangedRestartsTheIntegration) {
  // A force switched on by an event: here the handler flips a flag read by f; the state is kept.
  bool thrusting = false;
  auto f = [&thrusting](double, const State1&, State1& d) { d[0] = thrusting ? 2.0 : 0.0; };
  EventDetector<1> on = epoch_detector<1>(10.0, EventAction::ResetState, "on");
  on.handler = [&thrusting](const EventOccurrence<1>&, State1&) {
    thrusting = true;
    return EventAction::ResetState;
  };
  EventDetector<1> off = epoch_detector<1>(15.0, EventAction::ResetState, "off");
  off.handler = [&thrusting](const EventOccurrence<1>&, State1&) {
    thrusting = false;
    return EventAction::ResetState;
  };
  std::vector<EventDetector<1>> det{on, off};
  IntegratorSettings<1> s;
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 100.0, s, det);
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd);
  EXPECT_NEAR(r.y[0], 10.0, 1e-12);  // 2 per second for exactly 5 s
  EXPECT_EQ(r.events.size(), 2u);
}

// --- the corner cases ---------------------------------------------------------------------------------------

TEST(Events, EventExactlyAtTheStartFiresOnce) {
  const State7 y0 = state_of(kOrbit);
  // An epoch event at t0, continuing: one event, at t0.
  {
    std::vector<EventDetector<7>> det{epoch_detector<7>(0.0, EventAction::Continue)};
    auto r = integrate(TwoBody{}, Epoch(), 0.0, y0, 3000.0, tight(), det);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].t, 0.0);
    EXPECT_TRUE(r.events[0].increasing);
    EXPECT_EQ(r.events[0].y, y0);
  }
  // A burn at t0: applied once, from the start.
  {
    EventDetector<7> d = epoch_detector<7>(0.0, EventAction::ResetState);
    d.handler = [](const EventOccurrence<7>&, State7& y) {
      y = burn(y, 5.0);
      return EventAction::ResetState;
    };
    std::vector<EventDetector<7>> det{d};
    auto r = integrate(TwoBody{}, Epoch(), 0.0, y0, 3000.0, tight(), det);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_LT((r.y - kepler_at(Epoch(), burn(y0, 5.0), 3000.0)).head<3>().norm(), 1e-4);
  }
  // Stop at t0: the run ends at once with the initial state.
  {
    std::vector<EventDetector<7>> det{epoch_detector<7>(0.0, EventAction::Stop)};
    auto r = integrate(TwoBody{}, Epoch(), 0.0, y0, 3000.0, tight(), det);
    EXPECT_EQ(r.status, IntegrationStatus::StoppedByEvent);
    EXPECT_EQ(r.t, 0.0);
    EXPECT_EQ(r.y, y0);
  }
  // Starting exactly on the ascending node (z = 0): the node fires once at t0, then half a period later.
  {
    KeplerianElements k = kOrbit;
    k.true_anomaly = constants::two_pi - k.arg_of_perigee;  // argument of latitude 0
    State7 on_node = state_of(k);
    on_node[2] = 0.0;
    std::vector<EventDetector<7>> det{node_detector<7>()};
    auto r = integrate(TwoBody{}, Epoch(), 0.0, on_node, 0.75 * kPeriod, tight(), det);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].t, 0.0);
    EXPECT_TRUE(r.events[0].increasing);
    EXPECT_FALSE(r.events[1].increasing);
    EXPECT_GT(r.events[1].t, 0.4 * kPeriod);
    // A detector for descending nodes only does not fire at the (ascending) start.
    std::vector<EventDetector<7>> down{node_detector<7>(EventDirection::Decreasing)};
    auto r2 = integrate(TwoBody{}, Epoch(), 0.0, on_node, 0.75 * kPeriod, tight(), down);
    ASSERT_EQ(r2.events.size(), 1u);
    EXPECT_EQ(r2.events[0].t, r.events[1].t);
  }
}

TEST(Events, BurnAndStopInABackwardRun) {
  const State7 y0 = state_of(kOrbit);
  EventDetector<7> d = epoch_detector<7>(-1000.0, EventAction::ResetState, "burn");
  d.handler = [](const EventOccurrence<7>&, State7& y) {
    y = burn(y, -7.0);
    return EventAction::ResetState;
  };
  std::vector<EventDetector<7>> det{d, epoch_detector<7>(-4000.0, EventAction::Stop, "stop")};
  Ephemeris<7> eph;
  auto r = integrate(TwoBody{}, Epoch(), 0.0, y0, -6000.0, tight(), det, eph.recorder());
  ASSERT_EQ(r.status, IntegrationStatus::StoppedByEvent);
  EXPECT_EQ(r.stop_detector, 1);
  EXPECT_NEAR(r.t, -4000.0, 1e-9);
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_TRUE(r.events[0].increasing);  // g = t - t_event increases with physical time in any run
  const State7 after = burn(kepler_at(Epoch(), y0, -1000.0), -7.0);
  EXPECT_LT((r.y - kepler_at(Epoch() - 1000.0, after, -3000.0)).head<3>().norm(), 1e-4);
  // In a backward run "after the burn" is earlier in time: the ephemeris gives that side at the burn.
  EXPECT_LT((eph.state(-1000.0) - after).segment<3>(3).norm(), 1e-6);
  EXPECT_EQ(eph.t_last(), -4000.0);
}

TEST(Events, ChainedRunsNeitherDoubleNorDropAnEventAtTheJoint) {
  // An event exactly at the end of a run belongs to the next run (runs cover [t0, t_end)).
  std::vector<EventDetector<7>> det{epoch_detector<7>(1000.0, EventAction::Continue)};
  auto first = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), 1000.0, tight(), det);
  EXPECT_TRUE(first.events.empty());
  auto second = integrate(TwoBody{}, Epoch(), 1000.0, first.y, 2000.0, tight(), det);
  ASSERT_EQ(second.events.size(), 1u);
  EXPECT_EQ(second.events[0].t, 1000.0);
}

TEST(Events, EventOnAStepBoundaryIsNotLost) {
  // Fixed 100 s steps: t = 300 s is the end of the third step and the start of the fourth.
  auto f = [](double, const State1&, State1& d) { d[0] = 1.0; };
  IntegratorSettings<1> s;
  s.step.fixed_step = 100.0;
  for (EventAction action : {EventAction::Continue, EventAction::ResetState, EventAction::Stop}) {
    std::vector<EventDetector<1>> det{epoch_detector<1>(300.0, action)};
    auto r = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, det);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].t, 300.0);
    EXPECT_NEAR(r.events[0].y[0], 300.0, 1e-9);
  }
  // Both roots of g = (t - 300)(t - 500), 300 on a boundary.
  std::vector<EventDetector<1>> det{function_detector<1>(
      [](double t, const State1&) { return (t - 300.0) * (t - 500.0); }, EventDirection::Both,
      EventAction::Continue)};
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, det);
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].t, 300.0);
  EXPECT_FALSE(r.events[0].increasing);
  EXPECT_NEAR(r.events[1].t, 500.0, 1e-7);
  EXPECT_TRUE(r.events[1].increasing);
}

TEST(Events, SeveralEventsInOneStepAreHandledInTimeOrder) {
  auto f = [](double, const State1&, State1& d) { d[0] = 1.0; };
  IntegratorSettings<1> s;
  s.step.fixed_step = 1000.0;  // one step holds them all
  std::vector<EventDetector<1>> det{epoch_detector<1>(600.0, EventAction::Continue, "c"),
                                    epoch_detector<1>(200.0, EventAction::Continue, "a"),
                                    epoch_detector<1>(400.0, EventAction::Continue, "b")};
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, det);
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.events[0].name, "a");
  EXPECT_EQ(r.events[1].name, "b");
  EXPECT_EQ(r.events[2].name, "c");
  for (const auto& e : r.events) EXPECT_NEAR(e.y[0], e.t, 1e-9);
}

TEST(Events, EventsWithinTheThresholdOfAResetFireTogether) {
  auto f = [](double, const State1&, State1& d) { d[0] = 1.0; };
  IntegratorSettings<1> s;
  s.step.fixed_step = 1000.0;
  EventDetector<1> jump = epoch_detector<1>(500.0, EventAction::ResetState, "jump");
  jump.handler = [](const EventOccurrence<1>&, State1& y) {
    y[0] += 1000.0;
    return EventAction::ResetState;
  };
  // 50 ns after the jump: inside its threshold (100 ns), so it fires with it, seeing the new state.
  std::vector<EventDetector<1>> det{epoch_detector<1>(500.0 + 5e-8, EventAction::Continue, "close"), jump,
                                    epoch_detector<1>(800.0, EventAction::Continue, "later")};
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, det);
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd);
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.events[0].name, "jump");
  EXPECT_EQ(r.events[1].name, "close");
  EXPECT_EQ(r.events[1].t, r.events[0].t);
  EXPECT_NEAR(r.events[1].y[0], 1500.0, 1e-6);
  EXPECT_EQ(r.events[2].name, "later");
  EXPECT_NEAR(r.y[0], 2000.0, 1e-9);
}

TEST(Events, TwoSignChangesInsideOneStepAreFoundThroughMaxCheck) {
  // g = (t - 400)(t - 430) has the same sign at both ends of a 1000 s step.
  auto f = [](double, const State1&, State1& d) { d[0] = 0.0; };
  IntegratorSettings<1> s;
  s.step.fixed_step = 1000.0;
  auto g = [](double t, const State1&) { return (t - 400.0) * (t - 430.0); };
  EventDetector<1> d = function_detector<1>(g, EventDirection::Both, EventAction::Continue);
  d.max_check = 1e6;
  auto missed = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, std::vector<EventDetector<1>>{d});
  EXPECT_TRUE(missed.events.empty());  // no sample between the roots: both missed
  d.max_check = 20.0;
  auto found = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, std::vector<EventDetector<1>>{d});
  ASSERT_EQ(found.events.size(), 2u);
  EXPECT_NEAR(found.events[0].t, 400.0, 1e-7);
  EXPECT_NEAR(found.events[1].t, 430.0, 1e-7);
}

TEST(Events, ASecondCrossingAfterAnExactZeroIsNotTakenForTheFirst) {
  // g = min(t - 400, 950 - t) on one 1000 s step sampled at 500 and 1000: the secant lands exactly on the root at
  // 400 (g = 0 there), and the next sign change (at 950) must be bracketed from just after it, not from the zero.
  auto f = [](double, const State1&, State1& d) { d[0] = 0.0; };
  IntegratorSettings<1> s;
  s.step.fixed_step = 1000.0;
  EventDetector<1> d = function_detector<1>([](double t, const State1&) { return std::min(t - 400.0, 950.0 - t); },
                                            EventDirection::Both, EventAction::Continue);
  d.max_check = 600.0;
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 1000.0, s, std::vector<EventDetector<1>>{d});
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].t, 400.0);
  EXPECT_NEAR(r.events[1].t, 950.0, 1e-7);
}

TEST(Events, TwoCloseRadiusCrossingsNearApogee) {
  // A sphere 10 m below apogee is crossed twice, about 32 s apart, typically inside one step.
  const double apogee = kA * (1 + kE);
  const double radius = apogee - 10.0;
  // r = a (1 - e cos E) = radius at E = pi -+ delta.
  const double cos_e = (1 - radius / kA) / kE;
  const double delta = constants::pi - std::acos(cos_e);
  const auto t_out = times_at_eccentric_anomaly(constants::pi - delta, kPeriod);
  const auto t_in = times_at_eccentric_anomaly(constants::pi + delta, kPeriod);
  EventDetector<7> d = radius_detector<7>(radius, EventDirection::Both, EventAction::Continue);
  d.max_check = 5.0;
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), kPeriod, tight(), std::vector<EventDetector<7>>{d});
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_NEAR(r.events[0].t, t_out[0], 8e-7);  // measured 1.3e-8 and 2.7e-7 s
  EXPECT_NEAR(r.events[1].t, t_in[0], 8e-7);
  std::printf("[ figures  ] two crossings 10 m below apogee: time errors %.3e, %.3e s\n", r.events[0].t - t_out[0],
              r.events[1].t - t_in[0]);
  EXPECT_TRUE(r.events[0].increasing);
  EXPECT_FALSE(r.events[1].increasing);
  EXPECT_NEAR(r.events[1].t - r.events[0].t, (2 * delta + 2 * kE * std::sin(delta)) / kN, 1e-6);  // Kepler
}

TEST(Events, BackwardRunFindsTheSameEventsWithPhysicalDirections) {
  const double t_end = -2.5 * kPeriod;
  std::vector<EventDetector<7>> det{apsis_detector<7>(), node_detector<7>(EventDirection::Increasing)};
  auto r = integrate(TwoBody{}, Epoch(), 0.0, state_of(kOrbit), t_end, tight(), det);
  ASSERT_EQ(r.status, IntegrationStatus::ReachedEnd);
  auto shift = [](std::vector<double> v) {  // times in (t_end, 0], newest first
    std::vector<double> out;
    for (double t : v) out.push_back(t - 3 * kPeriod);
    std::reverse(out.begin(), out.end());
    std::vector<double> in_range;
    for (double t : out)
      if (t > -2.5 * kPeriod && t <= 0) in_range.push_back(t);
    return in_range;
  };
  expect_times(event_times(r, 0, 1), shift(times_at_eccentric_anomaly(0.0, 3 * kPeriod)), 1e-6, "periapsis");
  expect_times(event_times(r, 0, 0), shift(times_at_eccentric_anomaly(constants::pi, 3 * kPeriod)), 1e-6,
               "apoapsis");
  const double w = kOrbit.arg_of_perigee;
  expect_times(event_times(r, 1), shift(times_at_eccentric_anomaly(eccentric_of_true(-w), 3 * kPeriod)), 1e-6,
               "ascending node");
  for (const auto& e : r.events) {
    if (e.detector == 1) {
      EXPECT_GT(e.y[5], 0.0);  // ascending, in physical time
    }
  }
}

}  // namespace
}  // namespace deorbit

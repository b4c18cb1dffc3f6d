// The driver's contract: typed outcomes for every way a run can end (never a throw, never a silent NaN), step
// control limits, step handlers, the reference epoch, and the Ephemeris.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/propagate/ephemeris.h"
#include "deorbit/propagate/integrate.h"

namespace deorbit {
namespace {

using State1 = OdeState<1>;
using State2 = OdeState<2>;

auto oscillator = [](double, const State2& y, State2& d) { d << y[1], -y[0]; };

IntegratorSettings<2> settings2(double tol = 1e-10) {
  IntegratorSettings<2> s;
  s.tolerances = Tolerances<2>::uniform(tol, tol);
  return s;
}

// --- failures are outcomes ------------------------------------------------------------------------------------

TEST(Integrate, NonFiniteDerivativeEndsTheRunWithTheLastGoodState) {
  // y' = 1 until t = 50, NaN after it (as a model evaluated outside its domain might give).
  auto f = [](double t, const State1&, State1& d) { d[0] = t < 50.0 ? 1.0 : std::numeric_limits<double>::quiet_NaN(); };
  IntegratorSettings<1> s;
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 100.0, s);
  EXPECT_EQ(r.status, IntegrationStatus::NonFiniteDerivative);
  EXPECT_FALSE(r.ok());
  EXPECT_LE(r.t, 50.0);
  EXPECT_GT(r.t, 49.0);  // smaller steps were tried before giving up
  EXPECT_TRUE(r.y.allFinite());
  EXPECT_NEAR(r.y[0], r.t, 1e-9);
  EXPECT_NE(r.message.find("not finite"), std::string::npos) << r.message;
  EXPECT_EQ(to_string(r.status), "non-finite derivative");
}

TEST(Integrate, NonFiniteDerivativeAtTheStart) {
  auto f = [](double, const State1&, State1& d) { d[0] = std::numeric_limits<double>::infinity(); };
  auto r = integrate(f, Epoch(), 0.0, State1(1.0), 10.0, IntegratorSettings<1>{});
  EXPECT_EQ(r.status, IntegrationStatus::NonFiniteDerivative);
  EXPECT_EQ(r.t, 0.0);
  EXPECT_EQ(r.y[0], 1.0);
}

TEST(Integrate, StepSizeUnderflowNearASingularity) {
  // y' = y^2, y(0) = 1 blows up at t = 1.
  auto f = [](double, const State1& y, State1& d) { d[0] = y[0] * y[0]; };
  IntegratorSettings<1> s;
  s.tolerances = Tolerances<1>::uniform(1e-10, 1e-10);
  s.step.min_step = 1e-6;
  auto r = integrate(f, Epoch(), 0.0, State1(1.0), 2.0, s);
  EXPECT_EQ(r.status, IntegrationStatus::StepSizeUnderflow) << r.message;
  EXPECT_LT(r.t, 1.0);
  EXPECT_GT(r.t, 0.99);
  EXPECT_NEAR(r.y[0], 1.0 / (1.0 - r.t), 1e-5 * r.y[0]);  // errors grow near the pole
  EXPECT_NE(r.message.find("min_step"), std::string::npos) << r.message;
}

TEST(Integrate, ExceptionsInsideTheModelBecomeModelError) {
  auto f = [](double t, const State1&, State1& d) {
    if (t > 20.0) throw InputError("atmosphere: altitude below the model's range");
    d[0] = 1.0;
  };
  auto r = integrate(f, Epoch(), 0.0, State1(0.0), 100.0, IntegratorSettings<1>{});
  EXPECT_EQ(r.status, IntegrationStatus::ModelError);
  EXPECT_LE(r.t, 20.0);
  EXPECT_NE(r.message.find("below the model's range"), std::string::npos);
  EXPECT_TRUE(r.y.allFinite());

  // From an event function, a handler and a step handler too.
  auto unit = [](double, const State1&, State1& d) { d[0] = 1.0; };
  EventDetector<1> bad_g = function_detector<1>([](double t, const State1&) {
    if (t > 5) throw std::runtime_error("g failed");
    return 1.0;
  });
  EXPECT_EQ(integrate(unit, Epoch(), 0.0, State1(0.0), 10.0, IntegratorSettings<1>{},
                      std::vector<EventDetector<1>>{bad_g})
                .status,
            IntegrationStatus::ModelError);
  EventDetector<1> bad_handler = epoch_detector<1>(3.0);
  bad_handler.handler = [](const EventOccurrence<1>&, State1&) -> EventAction { throw std::runtime_error("h"); };
  EXPECT_EQ(integrate(unit, Epoch(), 0.0, State1(0.0), 10.0, IntegratorSettings<1>{},
                      std::vector<EventDetector<1>>{bad_handler})
                .status,
            IntegrationStatus::ModelError);
  StepHandler<1> bad_step = [](const StepView<1>&) { throw std::runtime_error("disk full"); };
  auto r3 = integrate(unit, Epoch(), 0.0, State1(0.0), 10.0, IntegratorSettings<1>{}, {}, bad_step);
  EXPECT_EQ(r3.status, IntegrationStatus::ModelError);
  EXPECT_NE(r3.message.find("disk full"), std::string::npos);
}

TEST(Integrate, NonFiniteEventFunctionOrResetIsAModelError) {
  auto unit = [](double, const State1&, State1& d) { d[0] = 1.0; };
  EventDetector<1> nan_g =
      function_detector<1>([](double t, const State1&) { return t > 5 ? std::nan("") : 1.0; });
  auto r = integrate(unit, Epoch(), 0.0, State1(0.0), 10.0, IntegratorSettings<1>{}, std::vector{nan_g});
  EXPECT_EQ(r.status, IntegrationStatus::ModelError);
  EXPECT_NE(r.message.find("event function"), std::string::npos);
  EventDetector<1> nan_reset = epoch_detector<1>(3.0, EventAction::ResetState);
  nan_reset.handler = [](const EventOccurrence<1>&, State1& y) {
    y[0] = std::nan("");
    return EventAction::ResetState;
  };
  auto r2 = integrate(unit, Epoch(), 0.0, State1(0.0), 10.0, IntegratorSettings<1>{}, std::vector{nan_reset});
  EXPECT_EQ(r2.status, IntegrationStatus::ModelError);
  EXPECT_TRUE(r2.y.allFinite());
}

TEST(Integrate, InvalidInputIsReportedNotThrown) {
  auto bad = [](IntegratorSettings<2> s, State2 y0 = State2(1, 0), double t_end = 1.0) {
    return integrate(oscillator, Epoch(), 0.0, y0, t_end, s).status;
  };
  IntegratorSettings<2> s = settings2();
  EXPECT_EQ(bad(s, State2(std::nan(""), 0)), IntegrationStatus::InvalidInput);
  EXPECT_EQ(bad(s, State2(1, 0), std::numeric_limits<double>::infinity()), IntegrationStatus::InvalidInput);
  IntegratorSettings<2> neg = s;
  neg.tolerances.absolute[0] = -1;
  EXPECT_EQ(bad(neg), IntegrationStatus::InvalidInput);
  IntegratorSettings<2> zero = s;
  zero.tolerances = Tolerances<2>::uniform(0, 0);
  EXPECT_EQ(bad(zero), IntegrationStatus::InvalidInput);
  IntegratorSettings<2> steps = s;
  steps.step.min_step = 10;
  steps.step.max_step = 1;
  EXPECT_EQ(bad(steps), IntegrationStatus::InvalidInput);
  EventDetector<2> no_g;
  auto r = integrate(oscillator, Epoch(), 0.0, State2(1, 0), 1.0, s, std::vector{no_g});
  EXPECT_EQ(r.status, IntegrationStatus::InvalidInput);
  EXPECT_FALSE(r.message.empty());
}

TEST(Integrate, TooManySteps) {
  IntegratorSettings<2> s = settings2();
  s.step.max_steps = 5;
  auto r = integrate(oscillator, Epoch(), 0.0, State2(1, 0), 100.0, s);
  EXPECT_EQ(r.status, IntegrationStatus::TooManySteps);
  EXPECT_GT(r.t, 0.0);
  EXPECT_LT(r.t, 100.0);
}

// --- the ordinary path ----------------------------------------------------------------------------------------

TEST(Integrate, ZeroLengthRun) {
  auto r = integrate(oscillator, Epoch(), 5.0, State2(1, 0), 5.0, settings2());
  EXPECT_EQ(r.status, IntegrationStatus::ReachedEnd);
  EXPECT_EQ(r.t, 5.0);
  EXPECT_EQ(r.stats.accepted_steps, 0);
}

TEST(Integrate, ReferenceEpochAndOffsets) {
  // t counts from the reference; the run may start anywhere relative to it.
  const Epoch ref = Epoch::from_iso("2030-03-01T00:00:00Z");
  auto r = integrate(oscillator, ref, 100.0, State2(std::cos(100.0), -std::sin(100.0)), 110.0, settings2(1e-12));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.reference, ref);
  EXPECT_EQ(r.epoch(), ref + 110.0);
  EXPECT_NEAR(r.y[0], std::cos(110.0), 1e-10);
}

TEST(Integrate, StepLimitsAreRespected) {
  IntegratorSettings<2> s = settings2(1e-6);
  s.step.max_step = 0.05;
  double longest = 0;
  StepHandler<2> h = [&longest](const StepView<2>& v) { longest = std::max(longest, std::abs(v.t_end() - v.t_begin())); };
  auto r = integrate(oscillator, Epoch(), 0.0, State2(1, 0), 10.0, s, {}, h);
  ASSERT_TRUE(r.ok());
  EXPECT_LE(longest, 0.05 * (1 + 1e-12));
  EXPECT_GE(r.stats.accepted_steps, 200);
  // A given first step is taken as it is.
  IntegratorSettings<2> first = settings2(1e-6);
  first.step.initial_step = 1e-3;
  double first_length = 0;
  StepHandler<2> h2 = [&first_length](const StepView<2>& v) {
    if (first_length == 0) first_length = v.t_end() - v.t_begin();
  };
  (void)integrate(oscillator, Epoch(), 0.0, State2(1, 0), 1.0, first, {}, h2);
  EXPECT_DOUBLE_EQ(first_length, 1e-3);
}

TEST(Integrate, StepHandlerSeesContiguousPiecesAndPaysForDenseOutputOnlyWhenAsked) {
  std::vector<std::pair<double, double>> pieces;
  StepHandler<2> ends_only = [&pieces](const StepView<2>& v) { pieces.emplace_back(v.t_begin(), v.t_end()); };
  auto r = integrate(oscillator, Epoch(), 0.0, State2(1, 0), 10.0, settings2(), {}, ends_only);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(pieces.size(), static_cast<std::size_t>(r.stats.accepted_steps));
  EXPECT_EQ(pieces.front().first, 0.0);
  EXPECT_EQ(pieces.back().second, 10.0);
  for (std::size_t i = 1; i < pieces.size(); ++i) EXPECT_EQ(pieces[i].first, pieces[i - 1].second);
  const long attempts = r.stats.accepted_steps + r.stats.rejected_steps;
  EXPECT_EQ(r.stats.evaluations, 12 * attempts + 2);  // no dense output computed

  StepHandler<2> dense = [](const StepView<2>& v) { (void)v.state(0.5 * (v.t_begin() + v.t_end())); };
  auto r2 = integrate(oscillator, Epoch(), 0.0, State2(1, 0), 10.0, settings2(), {}, dense);
  EXPECT_EQ(r2.stats.evaluations, 12 * (r2.stats.accepted_steps + r2.stats.rejected_steps) + 2 +
                                      3 * r2.stats.accepted_steps);
}

TEST(Integrate, FixedStepsLandOnTheEnd) {
  IntegratorSettings<2> s;
  s.step.fixed_step = 0.1;
  auto r = integrate(oscillator, Epoch(), 0.0, State2(1, 0), 1.05, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.t, 1.05);
  EXPECT_EQ(r.stats.accepted_steps, 11);
  EXPECT_NEAR(r.y[0], std::cos(1.05), 1e-12);
  auto back = integrate(oscillator, Epoch(), 0.0, State2(1, 0), -3.0, s);
  EXPECT_EQ(back.stats.accepted_steps, 30);
  EXPECT_NEAR(back.y[0], std::cos(3.0), 1e-12);
}

TEST(Integrate, UsableWithAStatefulFunctor) {
  struct Counting {
    int calls = 0;
    void operator()(double, const State1& y, State1& d) {
      ++calls;
      d[0] = -y[0];
    }
  } f;
  auto r = integrate(f, Epoch(), 0.0, State1(1.0), 1.0, IntegratorSettings<1>{});
  EXPECT_EQ(f.calls, r.stats.evaluations);
}

// --- Ephemeris ------------------------------------------------------------------------------------------------

TEST(Ephemeris, GivesTheStateAnywhereInsideAndRefusesOutside) {
  const Epoch ref = Epoch::from_iso("2025-01-01T00:00:00Z");
  Ephemeris<2> eph(ref);
  EXPECT_TRUE(eph.empty());
  EXPECT_FALSE(eph.covers(0.0));
  auto r = integrate(oscillator, ref, 0.0, State2(1, 0), 20.0, settings2(1e-12), {}, eph.recorder());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(eph.direction(), 1);
  EXPECT_EQ(eph.epoch_first(), ref);
  EXPECT_EQ(eph.epoch_last(), ref + 20.0);
  for (double t = 0; t <= 20.0; t += 0.37) {
    EXPECT_NEAR(eph.state(t)[0], std::cos(t), 1e-10) << t;
    EXPECT_NEAR(eph.state(ref + t)[1], -std::sin(t), 1e-10) << t;
  }
  // Exactly at piece boundaries and the ends.
  for (std::size_t i = 0; i < eph.size(); ++i) {
    const double t = eph.piece(i).t_begin;
    EXPECT_NEAR(eph.state(t)[0], std::cos(t), 1e-10);
  }
  EXPECT_EQ(eph.state(20.0), r.y);
  EXPECT_THROW((void)eph.state(20.001), InputError);
  EXPECT_THROW((void)eph.state(ref - 1.0), InputError);
}

TEST(Ephemeris, AppendsAcrossRunsAndReferences) {
  const Epoch ref = Epoch::from_iso("2025-01-01T00:00:00Z");
  Ephemeris<2> eph(ref);
  auto first = integrate(oscillator, ref, 0.0, State2(1, 0), 5.0, settings2(1e-12), {}, eph.recorder());
  // The second run counts time from another reference, 5 s later.
  auto second = integrate(oscillator, ref + 5.0, 0.0, first.y, 5.0, settings2(1e-12), {}, eph.recorder());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(eph.t_last(), 10.0);
  EXPECT_NEAR(eph.state(7.5)[0], std::cos(7.5), 1e-10);
  // A gap or a change of direction is refused.
  Ephemeris<2> copy = eph;
  auto gap = integrate(oscillator, ref, 11.0, State2(1, 0), 12.0, settings2(), {}, copy.recorder());
  EXPECT_EQ(gap.status, IntegrationStatus::ModelError);  // the recorder's InputError, reported by the run
  Ephemeris<2> other = eph;
  EXPECT_THROW(other.append(DensePiece<2>{10.0, 9.0, {}}), InputError);
}

}  // namespace
}  // namespace deorbit

// integrate: the generic driver. Runs DOP853 (adaptive, or with fixed steps) on y' = f(t, y) from t0 to t_end,
// locates and handles events on the dense output, hands every step to a step handler (an Ephemeris records them),
// and ends with a typed outcome: reached the end, stopped by an event, or failed (with time, last good state and
// message). It never throws out of a run and never returns NaN silently.
//
// Time is a double [s] since a reference Epoch carried by the run (t = 0 at the reference); t0 and t_end may lie
// either side of it, and t_end < t0 integrates backward. A double resolves 1e-16 |t|, i.e. 1e-10 s after 10 days
// and 3e-9 s after a year: keep the reference near the run.
#pragma once

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "deorbit/propagate/dense_output.h"
#include "deorbit/propagate/dop853.h"
#include "deorbit/propagate/event_detector.h"
#include "deorbit/propagate/ode.h"
#include "deorbit/propagate/root_finding.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! How a run ended. The first two are outcomes (ok()); the others are failures with a message.
enum class IntegrationStatus {
  ReachedEnd,           //!< t_end reached
  StoppedByEvent,       //!< an event with action Stop ended the run
  StepSizeUnderflow,    //!< the tolerance needed a step below min_step (or below the time resolution)
  NonFiniteDerivative,  //!< f returned NaN or infinity and smaller steps did not avoid it
  TooManySteps,         //!< StepControl::max_steps attempts were spent
  ModelError,           //!< f, an event function, a handler or a step handler threw (its message is kept)
  InvalidInput,         //!< non-finite start, bad tolerances or step settings
};

//! "reached end", "stopped by event", ...
[[nodiscard]] std::string_view to_string(IntegrationStatus status);

//! Work done by a run.
struct IntegrationStats {
  long accepted_steps = 0;
  long rejected_steps = 0;    //!< by error control or a non-finite derivative
  long evaluations = 0;       //!< calls of f (12 per step attempt, 3 more per step whose dense output was used)
  long event_evaluations = 0; //!< calls of event functions g
  long events = 0;            //!< events fired
};

//! One event that fired, as kept in the run's log.
template <int N>
struct EventRecord {
  int detector = -1;        //!< index in the detector list
  std::string name;         //!< the detector's name
  double t = 0;             //!< [s] since the reference epoch
  Epoch epoch;              //!< reference + t
  OdeState<N> y;            //!< state at the event, before the handler's reset (if any)
  bool increasing = false;  //!< g increased through zero (physical time)
  EventAction action = EventAction::Continue;  //!< what the handler decided
};

//! The outcome of a run.
template <int N>
struct IntegrationResult {
  IntegrationStatus status = IntegrationStatus::InvalidInput;
  Epoch reference;           //!< the run's reference epoch (t = 0)
  double t = 0;              //!< [s] time of y: t_end, the stopping event, or the last good state of a failure
  OdeState<N> y = OdeState<N>::Zero();  //!< final state (after any reset at the stopping event)
  std::string message;       //!< empty for ReachedEnd; which event stopped the run; what failed, and when
  std::vector<EventRecord<N>> events;  //!< every event fired, in order
  int stop_detector = -1;    //!< for StoppedByEvent: index of the detector that stopped the run
  IntegrationStats stats;

  //! True for ReachedEnd and StoppedByEvent.
  [[nodiscard]] bool ok() const {
    return status == IntegrationStatus::ReachedEnd || status == IntegrationStatus::StoppedByEvent;
  }
  //! The epoch of the final state.
  [[nodiscard]] Epoch epoch() const { return reference + t; }
};

//! One accepted step (or the part of it before or after an event) as a step handler sees it. The dense output is
//! computed when first asked for (3 evaluations of f), so a handler that does not need it does not pay for it.
//! Valid only during the handler call.
template <int N>
class StepView {
 public:
  using DenseFn = const DenseStep<N>& (*)(void*);
  StepView(const Epoch& reference, double t_begin, double t_end, const OdeState<N>& y_end, DenseFn fn, void* ctx)
      : reference_(reference), t_begin_(t_begin), t_end_(t_end), y_end_(y_end), fn_(fn), ctx_(ctx) {}

  [[nodiscard]] const Epoch& reference() const { return reference_; }
  [[nodiscard]] double t_begin() const { return t_begin_; }  //!< [s] since the reference
  [[nodiscard]] double t_end() const { return t_end_; }      //!< [s] since the reference
  [[nodiscard]] const OdeState<N>& y_end() const { return y_end_; }  //!< state at t_end
  //! The interpolant of the whole step this piece belongs to.
  [[nodiscard]] const DenseStep<N>& dense() const { return fn_(ctx_); }
  //! Interpolated state at t [s] in [t_begin, t_end].
  [[nodiscard]] OdeState<N> state(double t) const { return dense()(t); }
  [[nodiscard]] DensePiece<N> piece() const { return {t_begin_, t_end_, dense()}; }

 private:
  const Epoch& reference_;
  double t_begin_, t_end_;
  const OdeState<N>& y_end_;
  DenseFn fn_;
  void* ctx_;
};

//! Called once per piece of the run, in order, before the events at the piece's end are handled.
template <int N>
using StepHandler = std::function<void(const StepView<N>&)>;

namespace detail {

inline int sign_of(double x) { return (x > 0) - (x < 0); }

//! Thrown inside a run to end it with a status; caught by the run itself, never escapes integrate().
struct RunFailure {
  IntegrationStatus status;
  std::string message;
};

template <int N, class Ode>
class Dop853Run {
 public:
  using State = OdeState<N>;

  Dop853Run(Ode& f, const Epoch& reference, double t0, const State& y0, double t_end,
            const IntegratorSettings<N>& settings, std::span<const EventDetector<N>> detectors,
            const StepHandler<N>& on_step)
      : f_(f), reference_(reference), t0_(t0), y0_(y0), t_end_(t_end), settings_(settings), detectors_(detectors),
        on_step_(on_step), runs_(detectors.size()) {
    result_.reference = reference;
    result_.t = t0;
    result_.y = y0;
  }

  IntegrationResult<N> run() {
    try {
      check_input();
      execute();
    } catch (const RunFailure& failure) {
      fail(failure.status, failure.message);
    } catch (const std::exception& e) {
      fail(IntegrationStatus::ModelError, fmt::format("in the step from t = {} s: {}", t_, e.what()));
    }
    return std::move(result_);
  }

 private:
  struct DetectorRun {
    double t_left = 0;   // last time g is known at
    double g_left = 0;   // g there
    int sign = 0;        // side of zero g is on (or was on before reaching zero); 0 = not yet known
    double last_event = std::numeric_limits<double>::quiet_NaN();
    bool scanned = false;  // the fields below hold the scan of the current step from t_left
    bool has_candidate = false;
    double cand_t = 0, cand_after = 0, cand_g_after = 0;
    int cand_sign_after = 0;
    bool cand_increasing = false;
    double end_g = 0;
    int end_sign = 0;
  };

  void fail(IntegrationStatus status, std::string message) {
    result_.status = status;
    result_.t = t_;
    result_.y = y_;
    result_.message = std::move(message);
  }

  void check_input() {
    t_ = t0_;
    y_ = y0_;
    const StepControl& c = settings_.step;
    auto invalid = [](std::string m) { throw RunFailure{IntegrationStatus::InvalidInput, std::move(m)}; };
    if (!std::isfinite(t0_) || !std::isfinite(t_end_)) invalid("t0 and t_end must be finite");
    if (!y0_.allFinite()) invalid("the initial state has a non-finite component");
    if (c.fixed_step < 0 || !std::isfinite(c.fixed_step)) invalid("fixed_step must be finite and >= 0");
    if (c.fixed_step == 0 && !settings_.tolerances.valid())
      invalid("tolerances must be finite, >= 0, and absolute + relative > 0 for every component");
    if (!(c.min_step >= 0) || !(c.max_step > 0) || c.min_step > c.max_step || !std::isfinite(c.min_step))
      invalid("need 0 <= min_step <= max_step and max_step > 0");
    if (!(c.initial_step >= 0) || !std::isfinite(c.initial_step)) invalid("initial_step must be finite and >= 0");
    if (!(c.safety > 0 && c.safety <= 1) || !(c.min_factor > 0 && c.min_factor < 1) || !(c.max_factor > 1))
      invalid("need 0 < safety <= 1, 0 < min_factor < 1 < max_factor");
    for (std::size_t i = 0; i < detectors_.size(); ++i) {
      const EventDetector<N>& d = detectors_[i];
      if (!d.g) invalid(fmt::format("event detector {} ('{}') has no function g", i, d.name));
      if (!(d.max_check > 0) || !(d.threshold > 0) || d.max_iterations < 1)
        invalid(fmt::format("event detector {} ('{}') needs max_check > 0, threshold > 0, max_iterations >= 1", i,
                            d.name));
    }
  }

  // f with counting; a non-finite result is left for the caller to see.
  void eval(double t, const State& y, State& dydt) {
    ++result_.stats.evaluations;
    f_(t, y, dydt);
  }

  double eval_g(std::size_t i, double t, const State& y) {
    ++result_.stats.event_evaluations;
    const double g = detectors_[i].g(t, y);
    if (!std::isfinite(g))
      throw RunFailure{IntegrationStatus::ModelError,
                       fmt::format("event function '{}' is not finite at t = {} s", detectors_[i].name, t)};
    return g;
  }

  void execute() {
    dir_ = t_end_ >= t0_ ? 1.0 : -1.0;
    const StepControl& c = settings_.step;
    const bool fixed = c.fixed_step > 0;
    auto counting = [this](double t, const State& y, State& dydt) { eval(t, y, dydt); };

    eval(t_, y_, f0_);
    if (!f0_.allFinite())
      throw RunFailure{IntegrationStatus::NonFiniteDerivative,
                       fmt::format("the derivative is not finite at the initial state (t = {} s)", t_)};
    for (std::size_t i = 0; i < runs_.size(); ++i) init_detector(i, t_, y_);
    if (t_end_ == t0_) {
      result_.status = IntegrationStatus::ReachedEnd;
      result_.t = t_;
      result_.y = y_;
      return;
    }

    double h;  // magnitude of the next step
    if (fixed)
      h = c.fixed_step;
    else if (c.initial_step > 0)
      h = std::min(c.initial_step, c.max_step);
    else
      h = std::max(Dop853<N>::initial_step(counting, t_, y_, f0_, dir_, c.max_step, settings_.tolerances),
                   c.min_step);
    bool last_rejected = false;
    long attempts = 0;
    double grid_origin = t_;  // fixed steps: t_ = grid_origin + grid_count h (restarted by a state reset)
    long grid_count = 0;
    const double uround = std::numeric_limits<double>::epsilon();

    while (t_ != t_end_) {
      if (attempts >= c.max_steps)
        throw RunFailure{IntegrationStatus::TooManySteps,
                         fmt::format("{} step attempts did not reach t_end = {} s", attempts, t_end_)};
      ++attempts;
      const double remaining = std::abs(t_end_ - t_);
      bool last;
      double t_new;
      if (fixed) {  // on the grid origin + k h, so that rounding does not accumulate into an extra tiny step
        t_new = grid_origin + dir_ * h * static_cast<double>(grid_count + 1);
        last = dir_ * (t_end_ - t_new) <= 1e-9 * h;
      } else {
        last = remaining <= 1.01 * h;
        t_new = t_ + dir_ * h;
      }
      if (last) t_new = t_end_;
      const double hs = t_new - t_;  // the step actually taken: t_ + hs == t_new exactly
      if (hs == 0.0)
        throw RunFailure{IntegrationStatus::StepSizeUnderflow,
                         fmt::format("step {} s is below the time resolution at t = {} s", h, t_)};
      const double err =
          stepper_.attempt(counting, t_, y_, f0_, hs, settings_.tolerances, !fixed, y_new_, f_new_);

      if (!(y_new_.allFinite() && f_new_.allFinite() && std::isfinite(err))) {
        const int stage = stepper_.first_nonfinite_stage();
        const double t_bad = stage >= 0 ? t_ + Dop853<N>::node(stage) * hs : t_new;
        ++result_.stats.rejected_steps;
        last_rejected = true;
        h = 0.25 * std::abs(hs);
        if (fixed || h < c.min_step || 0.1 * h <= std::abs(t_) * uround)
          throw RunFailure{IntegrationStatus::NonFiniteDerivative,
                           fmt::format("the derivative is not finite at t = {} s (step from t = {} s)", t_bad, t_)};
        continue;
      }

      if (!fixed) {
        const double fac11 = std::pow(err, 0.125);
        if (err > 1.0) {
          ++result_.stats.rejected_steps;
          last_rejected = true;
          h = std::abs(hs) / std::min(1.0 / c.min_factor, fac11 / c.safety);
          if (h < c.min_step || 0.1 * h <= std::abs(t_) * uround)
            throw RunFailure{IntegrationStatus::StepSizeUnderflow,
                             fmt::format("the tolerance needs a step of {} s (below min_step {} s) at t = {} s", h,
                                         c.min_step, t_)};
          continue;
        }
        const double fac = std::clamp(fac11 / c.safety, 1.0 / c.max_factor, 1.0 / c.min_factor);
        double h_next = std::min(std::abs(hs) / fac, c.max_step);
        if (last_rejected) h_next = std::min(h_next, std::abs(hs));
        last_rejected = false;
        // A step cut short to land on t_end says nothing about the step the problem wants: keep the longer one.
        h = std::max(last ? std::max(h_next, h) : h_next, c.min_step);
        h = std::min(h, c.max_step);
      }
      ++result_.stats.accepted_steps;
      dense_ready_ = false;
      step_h_ = hs;
      step_t0_ = t_;
      y_step0_ = y_;
      switch (after_step(t_new)) {
        case StepEnd::Stopped: return;
        case StepEnd::Restarted:
          grid_origin = t_;
          grid_count = 0;
          break;
        case StepEnd::Completed: ++grid_count; break;
      }
    }
    result_.status = IntegrationStatus::ReachedEnd;
    result_.t = t_;
    result_.y = y_;
  }

  // --- dense output of the current step, computed on demand -------------------------------------------------

  const DenseStep<N>& dense() {
    if (!dense_ready_) {
      auto counting = [this](double t, const State& y, State& dydt) { eval(t, y, dydt); };
      stepper_.dense_output(counting, step_t0_, y_step0_, y_new_, step_h_, dense_);
      dense_ready_ = true;
    }
    return dense_;
  }
  static const DenseStep<N>& dense_thunk(void* self) { return static_cast<Dop853Run*>(self)->dense(); }

  State state_in_step(double t) {
    if (t == step_t0_ + step_h_) return y_new_;
    if (t == step_t0_) return y_step0_;
    return dense()(t);
  }

  void emit_piece(double t_from, double t_to, const State& y_to) {
    if (!on_step_ || t_from == t_to) return;
    StepView<N> view(reference_, t_from, t_to, y_to, &Dop853Run::dense_thunk, this);
    on_step_(view);
  }

  // --- events -------------------------------------------------------------------------------------------------

  void init_detector(std::size_t i, double t, const State& y) {
    DetectorRun& d = runs_[i];
    d.t_left = t;
    d.g_left = eval_g(i, t, y);
    d.sign = sign_of(d.g_left);
    d.scanned = false;
  }

  bool fires(std::size_t i, bool increasing, double t) const {
    const EventDetector<N>& det = detectors_[i];
    const DetectorRun& d = runs_[i];
    if (!std::isnan(d.last_event) && std::abs(t - d.last_event) <= det.threshold) return false;  // same event
    return det.direction == EventDirection::Both || (det.direction == EventDirection::Increasing) == increasing;
  }

  // Scans detector i from its t_left to t1 (the end of the current step) for the first event that fires.
  void scan(std::size_t i, double t1) {
    const EventDetector<N>& det = detectors_[i];
    DetectorRun& d = runs_[i];
    d.scanned = true;
    d.has_candidate = false;
    double ta = d.t_left, ga = d.g_left;
    int sa = d.sign;
    auto g_at = [&](double t) { return eval_g(i, t, state_in_step(t)); };
    auto candidate = [&](double t_event, double after, double g_after, int sign_after) {
      d.has_candidate = true;
      d.cand_t = t_event;
      d.cand_after = after;
      d.cand_g_after = g_after;
      d.cand_sign_after = sign_after;
      d.cand_increasing = sign_after * dir_ > 0;
    };
    if (ta == t1) {
      d.end_g = ga;
      d.end_sign = sa;
      return;
    }
    if (ga == 0.0) {
      // g is exactly zero at t_left (at the start, after an event that hit an exact zero, or at a step end): look
      // one threshold further for the side it leaves to. Leaving to the side it did not come from (or from an
      // unknown side, at the start) is an event at t_left. Either way the bracket for later crossings starts at
      // the probe, so that a sign change further on is not mistaken for this zero.
      const double tp = std::abs(t1 - ta) <= det.threshold ? t1 : ta + dir_ * det.threshold;
      const double gp = g_at(tp);
      if (gp != 0.0) {
        const int s_after = sign_of(gp);
        if (s_after != sa && fires(i, s_after * dir_ > 0, ta)) {
          candidate(ta, tp, gp, s_after);
          return;
        }
        sa = s_after;
        ta = tp;
        ga = gp;
      }
    }
    const double span = t1 - ta;
    const double t_start = ta;
    const double n_real = std::ceil(std::abs(span) / det.max_check);
    const long n = std::max(1L, static_cast<long>(std::min(n_real, 1e7)));
    for (long k = 1; k <= n; ++k) {
      const double tb = k == n ? t1 : t_start + span * (static_cast<double>(k) / static_cast<double>(n));
      const double gb = g_at(tb);
      if (gb == 0.0) continue;  // zero counts with the side g came from
      const int sb = sign_of(gb);
      if (sa == 0) {  // g stayed exactly zero after t_left and left it here, to this side: an event at t_left
        if (fires(i, sb * dir_ > 0, d.t_left)) {
          candidate(d.t_left, tb, gb, sb);
          return;
        }
      } else if (sb != sa) {
        const RootBracket root = locate_sign_change(g_at, ta, ga, tb, gb, det.threshold, det.max_iterations);
        if (fires(i, sb * dir_ > 0, root.after)) {
          candidate(root.after, root.after, root.f_after, sb);
          return;
        }
      }
      sa = sb;
      ta = tb;
      ga = gb;
    }
    d.end_g = ga;
    if (ta != t1) d.end_g = 0.0;  // the last samples were exact zeros
    d.end_sign = sa;
  }

  void record(std::size_t i, double t, const State& y, bool increasing, EventAction action) {
    ++result_.stats.events;
    EventRecord<N> r;
    r.detector = static_cast<int>(i);
    r.name = detectors_[i].name;
    r.t = t;
    r.epoch = reference_ + t;
    r.y = y;
    r.increasing = increasing;
    r.action = action;
    result_.events.push_back(std::move(r));
  }

  // Calls detector i's handler for an event at t with state y (updated in place on ResetState).
  EventAction fire(std::size_t i, double t, State& y, bool increasing) {
    const EventDetector<N>& det = detectors_[i];
    EventAction action = det.action;
    const State before = y;
    if (det.handler) {
      EventOccurrence<N> occ{static_cast<int>(i), t, before, increasing};
      State changed = before;
      action = det.handler(occ, changed);
      if (action == EventAction::ResetState) {
        if (!changed.allFinite())
          throw RunFailure{IntegrationStatus::ModelError,
                           fmt::format("the handler of event '{}' returned a non-finite state at t = {} s", det.name,
                                       t)};
        y = changed;
      }
    }
    record(i, t, before, increasing, action);
    return action;
  }

  enum class StepEnd { Completed, Restarted, Stopped };

  // Handles the events of the step just accepted (t_ -> t1, state y_new_) and moves the run on.
  StepEnd after_step(double t1) {
    double piece_begin = t_;
    while (true) {
      std::size_t best = runs_.size();
      for (std::size_t i = 0; i < runs_.size(); ++i) {
        if (!runs_[i].scanned) scan(i, t1);
        if (runs_[i].has_candidate && (best == runs_.size() || dir_ * (runs_[i].cand_t - runs_[best].cand_t) < 0))
          best = i;
      }
      if (best == runs_.size()) break;

      const double t_e = runs_[best].cand_t;
      State y_e = state_in_step(t_e);
      emit_piece(piece_begin, t_e, y_e);
      piece_begin = t_e;
      EventAction action = fire(best, t_e, y_e, runs_[best].cand_increasing);
      accept_candidate(best);
      if (action == EventAction::Continue) continue;

      // Stop or ResetState: events of other detectors within their threshold of t_e fire now, at t_e, with the
      // state as it stands, or the restart would lose them.
      std::vector<std::size_t> group;
      for (std::size_t i = 0; i < runs_.size(); ++i)
        if (i != best && runs_[i].has_candidate && dir_ * (runs_[i].cand_t - t_e) <= detectors_[i].threshold)
          group.push_back(i);
      std::sort(group.begin(), group.end(), [this](std::size_t a, std::size_t b) {
        return dir_ * (runs_[a].cand_t - runs_[b].cand_t) < 0 || (runs_[a].cand_t == runs_[b].cand_t && a < b);
      });
      int stopper = action == EventAction::Stop ? static_cast<int>(best) : -1;
      for (std::size_t i : group) {
        const EventAction a = fire(i, t_e, y_e, runs_[i].cand_increasing);
        accept_candidate(i);
        if (a == EventAction::Stop && stopper < 0) stopper = static_cast<int>(i);
      }
      if (stopper >= 0) {
        result_.status = IntegrationStatus::StoppedByEvent;
        result_.t = t_e;
        result_.y = y_e;
        result_.stop_detector = stopper;
        result_.message = fmt::format("stopped by event '{}' at t = {} s", detectors_[static_cast<std::size_t>(stopper)].name, t_e);
        t_ = t_e;
        y_ = y_e;
        return StepEnd::Stopped;
      }
      // Restart at the event from the new state.
      t_ = t_e;
      y_ = y_e;
      eval(t_, y_, f0_);
      if (!f0_.allFinite())
        throw RunFailure{IntegrationStatus::NonFiniteDerivative,
                         fmt::format("the derivative is not finite at the state reset at t = {} s", t_)};
      for (std::size_t i = 0; i < runs_.size(); ++i) init_detector(i, t_, y_);
      return StepEnd::Restarted;
    }
    emit_piece(piece_begin, t1, y_new_);
    for (DetectorRun& d : runs_) {
      d.t_left = t1;
      d.g_left = d.end_g;
      d.sign = d.end_sign;
      d.scanned = false;
    }
    t_ = t1;
    y_ = y_new_;
    f0_ = f_new_;
    return StepEnd::Completed;
  }

  void accept_candidate(std::size_t i) {
    DetectorRun& d = runs_[i];
    d.last_event = d.cand_t;
    d.t_left = d.cand_after;
    d.g_left = d.cand_g_after;
    d.sign = d.cand_sign_after;
    d.has_candidate = false;
    d.scanned = false;
  }

  Ode& f_;
  const Epoch& reference_;
  double t0_;
  State y0_;
  double t_end_;
  const IntegratorSettings<N>& settings_;
  std::span<const EventDetector<N>> detectors_;
  const StepHandler<N>& on_step_;
  std::vector<DetectorRun> runs_;
  IntegrationResult<N> result_;

  double dir_ = 1.0;
  double t_ = 0;
  State y_ = State::Zero();
  State f0_ = State::Zero();
  Dop853<N> stepper_;
  State y_new_ = State::Zero(), f_new_ = State::Zero(), y_step0_ = State::Zero();
  double step_t0_ = 0, step_h_ = 0;
  DenseStep<N> dense_;
  bool dense_ready_ = false;
};

}  // namespace detail

//! Integrates y' = f(t, y) with DOP853 from (t0, y0) to t_end [s since `reference`], handling `events` on the way
//! and handing each piece of the run to `on_step` (use Ephemeris::recorder() to keep them all).
//!
//! Guarantees:
//! - The result is ReachedEnd with t == t_end exactly, StoppedByEvent at the event, or a failure status with the
//!   last accepted state, its time and a message; nothing is thrown out of it (exceptions from f, g and handlers
//!   become ModelError) and a non-finite state never comes back as a success.
//! - Each accepted step meets the tolerances in DOP853's norm (see Dop853::attempt); with
//!   settings.step.fixed_step > 0 steps have exactly that size instead (the last one cut to land on t_end).
//! - Events are handled as described in event_detector.h, located to their threshold on the 7th-order dense output.
//! - No heap allocation per step, except to record an event or to call a step handler that allocates.
//! f is called as f(t, y, dydt) (see OdeFunction). Detectors and settings are only read.
template <int N, class Ode>
  requires OdeFunction<Ode, N>
[[nodiscard]] IntegrationResult<N> integrate(Ode&& f, const Epoch& reference, double t0, const OdeState<N>& y0,
                                             double t_end, const IntegratorSettings<N>& settings,
                                             std::type_identity_t<std::span<const EventDetector<N>>> events = {},
                                             const std::type_identity_t<StepHandler<N>>& on_step = {}) {
  using OdeRef = std::remove_reference_t<Ode>;
  detail::Dop853Run<N, OdeRef> run(f, reference, t0, y0, t_end, settings, events, on_step);
  return run.run();
}

}  // namespace deorbit

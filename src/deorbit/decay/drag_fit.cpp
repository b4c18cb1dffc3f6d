#include "deorbit/decay/drag_fit.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/sgp4/sgp4.h"

namespace deorbit {
namespace {

double osculating_sma(const Vec3& r, const Vec3& v) {
  return 1.0 / (2.0 / r.norm() - v.squaredNorm() / constants::mu_earth);
}

struct Window {
  long first = 0, last = 0;  // sample indices, inclusive
};

struct Evaluation {
  bool decayed = false;          // the run reached the re-entry altitude inside the span: too much drag
  double objective = 0;          // [m] weighted mean residual (not set if decayed)
  std::vector<double> averages;  // [m] A_num per point (empty if decayed)
};

}  // namespace

std::string_view to_string(WindowBasis basis) {
  switch (basis) {
    case WindowBasis::FitSpread: return "fit-spread";
    case WindowBasis::ModelOnly: return "model-only";
    case WindowBasis::Prior: return "prior";
    case WindowBasis::SelfFit: return "self-fit";
  }
  return "?";
}

namespace {

// [s] The part of the self-fit span over which the element set's own SGP4 still runs, halved so that the fitted
// model (which decays the same way) is not brought down inside it: an element set whose SGP4 gives out within the
// day is one of an object with hours left.
double usable_self_fit_span(const MeanElements& e, double span) {
  const Sgp4 sgp4(e);
  constexpr int kProbes = 48;
  for (int j = 1; j <= kProbes; ++j) {
    const double t = span * j / kProbes;
    if (!sgp4.at(e.epoch + t).ok()) return 0.5 * span * (j - 1) / kProbes;
  }
  return span;
}

DragFit fit_on_points(std::span<const MeanElements> history, const DecayModel& model, const Spacecraft& craft,
                      const std::shared_ptr<const SpaceWeather>& weather, const EarthOrientation& eop,
                      const DragFitSettings& settings, bool& self_fit_attempted) {
  if (history.empty()) throw InputError("drag fit: no element set");
  const MeanElements& last = history.back();
  DragFit fit;
  // The span, with at least one earlier element set if the file has one.
  std::size_t begin = history.size() - 1;
  while (begin > 0 && last.epoch - history[begin - 1].epoch <= settings.span) --begin;
  if (begin == history.size() - 1 && begin > 0) --begin;
  const double period = constants::two_pi / last.mean_motion;  // [s]
  std::vector<const MeanElements*> sets;
  sets.push_back(&history[begin]);
  for (std::size_t i = begin + 1; i < history.size(); ++i)
    if (history[i].epoch - history[begin].epoch >= period) sets.push_back(&history[i]);
  fit.element_sets = static_cast<int>(sets.size());
  // The points of the fit: each element set at its epoch, through its own SGP4; with one element set and a
  // self-fit span, that set's own SGP4 at epochs over the span after it (the decay its B* and SGP4's atmosphere
  // encode, which B* converted to Cd A / m under NRLMSISE-00 does not reproduce: docs/validation-decay.md).
  struct Point {
    std::size_t set = 0;
    Epoch epoch;
  };
  std::vector<Point> points;
  for (std::size_t i = 0; i < sets.size(); ++i) points.push_back({i, sets[i]->epoch});
  if (sets.size() < 2 && settings.self_fit_span > 0) {
    // At least two orbits, or the fit would see the orbit's shape rather than its decay.
    const double span = usable_self_fit_span(*sets[0], settings.self_fit_span);
    fit.self_fit_span = span;
    if (span >= 2 * period) {
      const int k = std::max(2, settings.self_fit_points);
      for (int j = 1; j <= k; ++j) points.push_back({0, sets[0]->epoch + span * j / k});
      fit.self_fit = true;
      self_fit_attempted = true;
    } else {
      fit.self_fit_note = fmt::format("its SGP4 gives out {:.1f} h after its epoch: too little for a self-fit",
                                      2 * span / 3600.0);
    }
  }
  if (points.size() < 2) {
    fit.weak = true;
    fit.element_sets = 1;
    fit.log_scale_sigma = settings.prior_log_sigma;
    fit.window_basis = WindowBasis::Prior;
    return fit;
  }

  const Epoch t0 = points.front().epoch;
  const double step = settings.sample_step;
  const long n = static_cast<long>(std::floor((points.back().epoch - t0) / step));
  const Epoch t_end = t0 + static_cast<double>(n) * step;
  std::vector<Sgp4> sgp4;
  for (const MeanElements* e : sets) sgp4.emplace_back(*e);
  std::vector<Window> windows;
  std::vector<double> sgp4_average, weight;
  for (const Point& pt : points) {
    const MeanElements* e = sets[pt.set];
    const double p = constants::two_pi / e->mean_motion;
    const long width = std::max(1L, std::lround(p / step));
    long first = std::lround((pt.epoch - t0 - p / 2) / step);
    first = std::clamp(first, 0L, std::max(0L, n - width));
    Window w{first, std::min(n, first + width)};
    windows.push_back(w);
    double sum = 0;
    for (long i = w.first; i <= w.last; ++i) {
      Sgp4State s = sgp4[pt.set].at(t0 + static_cast<double>(i) * step);
      if (!s.ok()) throw InputError(fmt::format("drag fit: SGP4 fails on the element set of {}: {}", e->epoch.iso(TimeScale::UTC, 0), s.message));
      sum += osculating_sma(s.r, s.v);
    }
    sgp4_average.push_back(sum / static_cast<double>(w.last - w.first + 1));
    weight.push_back(pt.epoch - t0);
  }
  fit.sma_decay = sgp4_average.front() - sgp4_average.back();

  Sgp4State s0 = sgp4.front().at(t0);
  if (!s0.ok()) throw InputError(fmt::format("drag fit: SGP4 fails at {}: {}", t0.iso(TimeScale::UTC, 0), s0.message));
  const FrameTransformer frames(eop);
  const StateVector initial = frames.transform({t0, Frame::TEME, s0.r, s0.v}, Frame::GCRF);

  const auto nodes = std::make_shared<EarthRotationNodes>(eop);  // shared by every trial of the solver
  auto evaluate = [&](double log_scale) {
    ++fit.evaluations;
    NumericalPropagator propagator(decay_propagator_settings(model, craft, weather, std::exp(log_scale)), eop, nodes);
    std::vector<StateVector> states;
    states.reserve(static_cast<std::size_t>(n) + 1);
    const PropagationResult run = propagator.sample(initial, t_end, step, states);
    Evaluation ev;
    // Only a run that meets the re-entry altitude has decayed; any other early end is a failure of the run, not a
    // fact about the drag, and the fit cannot go on without it.
    if (run.status == PropagationStatus::ReachedFloor) {
      ev.decayed = true;
      return ev;
    }
    if (run.status != PropagationStatus::ReachedEnd || static_cast<long>(states.size()) < n + 1)
      throw InputError(fmt::format("drag fit: the numerical run with density scale factor {:.6g} from {} to {} {} "
                                   "({} of {} samples): {}",
                                   std::exp(log_scale), t0.iso(TimeScale::UTC, 0), t_end.iso(TimeScale::UTC, 0),
                                   to_string(run.status), states.size(), n + 1,
                                   run.message.empty() ? "no message" : run.message));
    double num = 0, den = 0;
    for (std::size_t j = 0; j < windows.size(); ++j) {
      double sum = 0;
      for (long i = windows[j].first; i <= windows[j].last; ++i) {
        const auto& s = states[static_cast<std::size_t>(i)];
        sum += osculating_sma(s.r, s.v);
      }
      ev.averages.push_back(sum / static_cast<double>(windows[j].last - windows[j].first + 1));
      double r = (ev.averages[j] - sgp4_average[j]) - (ev.averages[0] - sgp4_average[0]);
      num += weight[j] * r;
      den += weight[j];
    }
    ev.objective = num / den;
    return ev;
  };
  // f > 0: the model stays too high, more drag is needed. A run that decays inside the span counts as f < 0.
  auto sign_of = [](const Evaluation& e) { return e.decayed ? -1 : (e.objective > 0 ? 1 : -1); };

  const double lo_limit = std::log(1e-3), hi_limit = std::log(1e3), factor = std::log(2.0);
  double a = 0;
  Evaluation fa = evaluate(a);
  double b = a;
  Evaluation fb = fa;
  const int direction = sign_of(fa);
  while (sign_of(fb) == direction) {
    a = b;
    fa = fb;
    b = a + direction * factor;
    if (b < lo_limit || b > hi_limit)
      throw InputError(fmt::format("drag fit: no density scale factor in [1e-3, 1e3] reproduces the decay of the "
                                   "element sets from {} to {}",
                                   t0.iso(TimeScale::UTC, 0), points.back().epoch.iso(TimeScale::UTC, 0)));
    fb = evaluate(b);
  }
  // Illinois on ln k. A decayed run has no objective: bisect until neither end has decayed.
  int side = 0;
  std::optional<double> root;
  for (int it = 0; it < 60 && std::abs(b - a) > 1e-3; ++it) {
    double x;
    if (fa.decayed || fb.decayed) x = 0.5 * (a + b);
    else x = b - fb.objective * (b - a) / (fb.objective - fa.objective);
    Evaluation fx = evaluate(x);
    if (!fx.decayed && std::abs(fx.objective) < 1e-3) {  // [m]: far below any element set's noise
      root = x;
      break;
    }
    if (sign_of(fx) == sign_of(fb)) {
      b = x;
      fb = fx;
      if (side == -1 && !fa.decayed) fa.objective /= 2;
      side = -1;
    } else {
      a = x;
      fa = fx;
      if (side == 1 && !fb.decayed) fb.objective /= 2;
      side = 1;
    }
  }
  const double best_x = root.value_or(0.5 * (a + b));
  const Evaluation best = evaluate(best_x);
  if (best.decayed)
    throw InputError(fmt::format("drag fit: the fitted model decays before {}", points.back().epoch.iso(TimeScale::UTC, 0)));
  fit.density_scale = std::exp(best_x);

  // Per-point ln k from the local sensitivity of each residual to ln k (one more run, towards less drag if more
  // would bring the object down inside the span).
  constexpr double kDelta = 0.05;
  double delta = kDelta;
  Evaluation shifted = evaluate(best_x + delta);
  if (shifted.decayed) {
    delta = -kDelta;
    shifted = evaluate(best_x + delta);
  }
  double sum_w = 0, sum_sq = 0, sum_r2 = 0;
  const double arc = points.back().epoch - t0;
  for (std::size_t j = 0; j < points.size(); ++j) {
    DragFitPoint p;
    p.epoch = points[j].epoch;
    p.sgp4_sma = sgp4_average[j];
    p.model_sma = best.averages[j];
    p.residual = (best.averages[j] - sgp4_average[j]) - (best.averages[0] - sgp4_average[0]);
    sum_r2 += p.residual * p.residual;
    if (j > 0 && !shifted.decayed) {
      double r_shift = (shifted.averages[j] - sgp4_average[j]) - (shifted.averages[0] - sgp4_average[0]);
      double slope = (r_shift - p.residual) / delta;  // [m] per unit of ln k
      if (slope < 0) {
        p.log_scale = best_x - p.residual / slope;
        // Points early in the arc carry little drag signal: only those past a quarter of it count in the spread.
        if (weight[j] >= arc / 4) {
          p.in_spread = true;
          ++fit.spread_points;
          sum_w += slope * slope;
          sum_sq += slope * slope * (p.log_scale - best_x) * (p.log_scale - best_x);
        }
      }
    }
    fit.points.push_back(p);
  }
  fit.rms_residual = std::sqrt(sum_r2 / static_cast<double>(points.size()));
  // One point has no scatter to measure (with two element sets its ln k is the fit itself): rather than a spread
  // of zero passed off as measured, the fit says that the window rests on the model's spreads alone.
  if (fit.self_fit) {
    for (auto& p : fit.points) p.in_spread = false;
    fit.spread_points = 0;
    fit.log_scale_sigma = settings.self_fit_log_sigma;
    fit.window_basis = WindowBasis::SelfFit;
  } else if (fit.spread_points >= 2) {
    fit.log_scale_sigma = std::sqrt(sum_sq / sum_w);
    fit.window_basis = WindowBasis::FitSpread;
  } else {
    fit.log_scale_sigma = 0.0;
    fit.window_basis = WindowBasis::ModelOnly;
  }
  return fit;
}

}  // namespace

DragFit fit_drag(std::span<const MeanElements> history, const DecayModel& model, const Spacecraft& craft,
                 const std::shared_ptr<const SpaceWeather>& weather, const EarthOrientation& eop,
                 const DragFitSettings& settings) {
  bool self_fit_attempted = false;
  try {
    return fit_on_points(history, model, craft, weather, eop, settings, self_fit_attempted);
  } catch (const InputError& e) {
    // A history that cannot be fitted is the user's to know; a self-fit that fails (an element set that SGP4 and
    // the model cannot agree on within its day) falls back to the prior and says why.
    if (!self_fit_attempted) throw;
    DragFitSettings prior = settings;
    prior.self_fit_span = 0;
    DragFit fit = fit_on_points(history, model, craft, weather, eop, prior, self_fit_attempted);
    fit.self_fit_note = fmt::format("the self-fit failed ({})", e.what());
    return fit;
  }
}

}  // namespace deorbit

#include "deorbit/decay/reentry_prediction.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/transforms.h"

namespace deorbit {
namespace {

// Box-Muller on a 64-bit Mersenne twister: the same deviates on every platform (std::normal_distribution is not
// specified to be).
class NormalDeviates {
 public:
  explicit NormalDeviates(unsigned long long seed) : engine_(seed) {}
  double next() {
    constexpr double scale = 1.0 / 18446744073709551616.0;  // 2^-64
    double u1 = (static_cast<double>(engine_()) + 0.5) * scale;
    double u2 = (static_cast<double>(engine_()) + 0.5) * scale;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(constants::two_pi * u2);
  }

 private:
  std::mt19937_64 engine_;
};

struct MemberInput {
  double log_scale = 0, log_f107 = 0, log_ap = 0;
};

}  // namespace

ReentryRun run_to_reentry(const StateVector& initial, const DecayModel& model, const Spacecraft& craft,
                          std::shared_ptr<const SpaceWeather> weather, double density_scale, const Epoch& horizon,
                          const EarthOrientation& eop, RunRecording* rec, std::shared_ptr<EarthRotationNodes> nodes) {
  NumericalPropagator propagator(decay_propagator_settings(model, craft, std::move(weather), density_scale), eop,
                                 std::move(nodes));
  StepHandler<7> on_step;
  double sum = 0, low = 0;
  long count = 0;
  long bin = 0;
  long next_track = 0;
  std::deque<StateVector> track;
  if (rec) {
    on_step = [&](const StepView<7>& s) {
      if (rec->history_step > 0) {
        long b = static_cast<long>(std::floor(s.t_end() / rec->history_step));
        if (b != bin && count > 0) {
          rec->history.push_back({s.reference() + (static_cast<double>(bin) + 0.5) * rec->history_step, sum / count, low});
          sum = 0;
          count = 0;
        }
        bin = b;
        double h = to_geodetic(s.y_end().head<3>()).height;
        low = count == 0 ? h : std::min(low, h);
        sum += h;
        ++count;
      }
      if (rec->track_span > 0) {
        while (static_cast<double>(next_track) * rec->track_step <= s.t_end()) {
          double t = static_cast<double>(next_track) * rec->track_step;
          OrbitState y = s.state(std::max(t, s.t_begin()));
          track.push_back({s.reference() + t, Frame::GCRF, y.head<3>(), y.segment<3>(3)});
          while (!track.empty() && t - (track.front().epoch - s.reference()) > rec->track_span) track.pop_front();
          ++next_track;
        }
      }
    };
  }
  PropagationResult r = propagator.propagate(initial, horizon, 0, {}, on_step);
  if (rec && count > 0) rec->history.push_back({r.state.epoch, sum / count, low});
  if (rec) {
    rec->track.assign(track.begin(), track.end());
    if (rec->track_span > 0) rec->track.push_back(r.state);
  }
  if (!r.ok()) throw InputError(fmt::format("decay run failed: {}", r.message));
  ReentryRun out;
  out.reentered = r.status == PropagationStatus::ReachedFloor;
  out.epoch = r.state.epoch;
  out.state = r.state;
  const FrameTransformer frames(eop);
  out.point = to_geodetic(frames.transform(r.state, Frame::ITRF).r);
  return out;
}

ReentryPrediction predict_reentry(const StateVector& initial, const DecayModel& model, const Spacecraft& craft,
                                  const std::shared_ptr<const SpaceWeather>& weather, double density_scale,
                                  double fit_log_sigma, const Epoch& horizon, const EarthOrientation& eop,
                                  const EnsembleSettings& ensemble, const std::function<void(int, int)>& progress) {
  if (!weather) throw InputError("re-entry prediction: no space weather given");
  if (ensemble.members < 1) throw InputError("the ensemble needs at least one member");
  if (!(ensemble.confidence > 0 && ensemble.confidence < 1))
    throw InputError(fmt::format("the window confidence must be in (0, 1), got {}", ensemble.confidence));
  ReentryPrediction out;
  out.log_scale_sigma = std::hypot(fit_log_sigma, ensemble.model_log_sigma);
  const int total = ensemble.members;
  std::vector<MemberInput> inputs(static_cast<std::size_t>(total));
  NormalDeviates deviates(ensemble.seed);
  for (int i = 1; i < total; ++i) {
    auto& in = inputs[static_cast<std::size_t>(i)];
    in.log_scale = out.log_scale_sigma * deviates.next();
    in.log_f107 = ensemble.f107_log_sigma * deviates.next();
    in.log_ap = ensemble.ap_log_sigma * deviates.next();
  }
  // Run `total` is the nominal inputs under the members' settings (the control variate; only with members).
  const int runs_total = total > 1 ? total + 1 : 1;
  inputs.emplace_back();
  DecayModel member_model = model;
  member_model.max_step = ensemble.member_max_step;
  std::vector<ReentryRun> runs(static_cast<std::size_t>(runs_total));
  const auto nodes = std::make_shared<EarthRotationNodes>(eop);  // one store for all members and threads
  std::atomic<int> next{0};
  std::mutex progress_mutex;
  int done = 0;
  std::exception_ptr failure;
  auto worker = [&] {
    for (int i = next++; i < runs_total; i = next++) {
      try {
        const auto& in = inputs[static_cast<std::size_t>(i)];
        auto table = i == 0 || i == total || weather->is_constant()
                         ? weather
                         : weather->with_scaled_predictions(std::exp(in.log_f107), std::exp(in.log_ap));
        runs[static_cast<std::size_t>(i)] =
            run_to_reentry(initial, i == 0 ? model : member_model, craft, table,
                           density_scale * std::exp(in.log_scale), horizon, eop, nullptr, nodes);
      } catch (...) {
        std::lock_guard lock(progress_mutex);
        if (!failure) failure = std::current_exception();
        next = runs_total;
      }
      std::lock_guard lock(progress_mutex);
      ++done;
      if (progress) progress(done, runs_total);
    }
  };
  const int threads = std::clamp(ensemble.threads, 1, runs_total);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  out.nominal = runs.front();
  out.members.assign(runs.begin() + 1, runs.begin() + total);
  for (int i = 0; i < total; ++i) out.not_reentered += runs[static_cast<std::size_t>(i)].reentered ? 0 : 1;
  if (total > 1) {
    out.member_shift = out.nominal.epoch - runs.back().epoch;
    std::vector<double> times;  // [s] since the start; the horizon for members still in orbit
    times.push_back(out.nominal.epoch - initial.epoch);
    const double limit = horizon - initial.epoch;
    for (const auto& r : out.members)
      times.push_back(r.reentered ? std::min(limit, r.epoch - initial.epoch + out.member_shift) : limit);
    std::sort(times.begin(), times.end());
    // Quantile by linear interpolation between order statistics (Hyndman & Fan type 7).
    auto quantile = [&](double q) {
      double h = (static_cast<double>(times.size()) - 1) * q;
      auto lo = static_cast<std::size_t>(std::floor(h));
      std::size_t hi = std::min(lo + 1, times.size() - 1);
      return times[lo] + (h - static_cast<double>(lo)) * (times[hi] - times[lo]);
    };
    out.window_start = initial.epoch + quantile((1 - ensemble.confidence) / 2);
    out.window_end = initial.epoch + quantile((1 + ensemble.confidence) / 2);
  }
  return out;
}

}  // namespace deorbit

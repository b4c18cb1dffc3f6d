#include "deorbit/decay/decay_analysis.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/sgp4/sgp4.h"

namespace deorbit {

DecayAnalysis analyse_decay(const DecayRequest& request, const EarthOrientation& eop,
                            const std::function<void(int, int)>& progress) {
  if (request.element_sets.empty()) throw InputError("decay: no element set given");
  if (!request.weather) throw InputError("decay: no space weather given");
  DecayAnalysis out;
  std::vector<MeanElements> sets;
  for (const auto& e : request.element_sets) {
    if (request.as_of && e.epoch > *request.as_of) {
      ++out.element_sets_ignored;
      continue;
    }
    sets.push_back(e);
  }
  if (sets.empty()) {
    auto first = std::min_element(request.element_sets.begin(), request.element_sets.end(),
                                  [](const auto& a, const auto& b) { return a.epoch < b.epoch; });
    throw InputError(fmt::format("decay: --as-of {} is before every element set (the first is of {})",
                                 request.as_of->iso(TimeScale::UTC, 0), first->epoch.iso(TimeScale::UTC, 0)));
  }
  std::stable_sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) { return a.epoch < b.epoch; });
  // Element sets of one epoch: the later in the file (a correction) replaces the earlier.
  std::vector<MeanElements> unique;
  for (auto& e : sets) {
    if (!unique.empty() && unique.back().epoch == e.epoch) unique.back() = std::move(e);
    else unique.push_back(std::move(e));
  }
  out.element_sets_known = static_cast<int>(unique.size());
  out.elements = unique.back();

  out.weather = request.as_of && !request.weather->is_constant()
                    ? std::make_shared<const SpaceWeather>(request.weather->known_at(*request.as_of))
                    : request.weather;
  if (request.spacecraft) {
    out.spacecraft = *request.spacecraft;
  } else {
    out.spacecraft.mass = 1.0;
    out.spacecraft.drag_coefficient = 1.0;
    out.spacecraft.drag_area = ballistic_coefficient_from_bstar(out.elements.bstar);
  }

  Sgp4State s = Sgp4(out.elements).at(out.elements.epoch);
  if (!s.ok())
    throw InputError(fmt::format("decay: SGP4 fails on the element set of {}: {}",
                                 out.elements.epoch.iso(TimeScale::UTC, 0), s.message));
  const FrameTransformer frames(eop);
  out.initial = frames.transform({out.elements.epoch, Frame::TEME, s.r, s.v}, Frame::GCRF);
  const double height = to_geodetic(frames.transform(out.initial, Frame::ITRF).r).height;
  if (height <= request.model.reentry_altitude)
    throw InputError(fmt::format("decay: the object is {:.1f} km high at {}, already below the re-entry altitude of "
                                 "{:.0f} km",
                                 height / 1e3, out.elements.epoch.iso(TimeScale::UTC, 0),
                                 request.model.reentry_altitude / 1e3));

  out.fit = fit_drag(unique, request.model, out.spacecraft, out.weather, eop, request.fit);
  const Epoch horizon = out.elements.epoch + request.horizon;
  const bool record = request.history_step > 0 || request.track_span > 0;
  out.recording.history_step = request.history_step;
  out.recording.track_span = request.track_span;
  if (record && request.ensemble.members == 1) {
    // One run: the nominal itself records (lifetime runs take minutes; no second run).
    out.prediction.nominal = run_to_reentry(out.initial, request.model, out.spacecraft, out.weather,
                                            out.fit.density_scale, horizon, eop, &out.recording);
    out.prediction.not_reentered = out.prediction.nominal.reentered ? 0 : 1;
    out.prediction.log_scale_sigma = std::hypot(out.fit.log_scale_sigma, request.ensemble.model_log_sigma);
    if (progress) progress(1, 1);
    return out;
  }
  out.prediction = predict_reentry(out.initial, request.model, out.spacecraft, out.weather, out.fit.density_scale,
                                   out.fit.log_scale_sigma, horizon, eop, request.ensemble, progress);
  if (record)
    (void)run_to_reentry(out.initial, request.model, out.spacecraft, out.weather, out.fit.density_scale, horizon, eop,
                         &out.recording);
  return out;
}

}  // namespace deorbit

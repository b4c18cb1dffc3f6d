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
    out.spacecraft = spacecraft_from_bstar(out.elements.bstar);
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

  out.model = request.model;
  out.lunisolar_drift = lunisolar_perigee_drift(out.elements, request.horizon);
  out.model.sun_and_moon = request.sun_and_moon.value_or(out.lunisolar_drift > kLunisolarDriftThreshold);
  out.fit = fit_drag(unique, out.model, out.spacecraft, out.weather, eop, request.fit);
  const Epoch start = out.elements.epoch;
  out.horizon = start + request.horizon;
  const bool record = request.history_step > 0 || request.track_span > 0;
  out.recording.history_step = request.history_step;
  out.recording.track_span = request.track_span;
  const bool single = request.ensemble.members == 1;
  auto finish_single = [&](const ReentryRun& nominal) {
    out.prediction.nominal = nominal;
    out.prediction.not_reentered = nominal.reentered ? 0 : 1;
    out.prediction.log_scale_sigma = std::hypot(out.fit.log_scale_sigma, request.ensemble.model_log_sigma);
    if (progress) progress(1, 1);
  };

  // The nominal alone first: whether it re-enters before the horizon decides the horizon of the prediction. With
  // one member it is the prediction (and records).
  ReentryRun nominal = run_to_reentry(out.initial, out.model, out.spacecraft, out.weather, out.fit.density_scale,
                                      out.horizon, eop, single && record ? &out.recording : nullptr);
  if (!nominal.reentered && request.horizon_limit > request.horizon) {
    DecayModel longer = lifetime_decay_model();
    longer.sun_and_moon = out.model.sun_and_moon;
    longer.reentry_altitude = out.model.reentry_altitude;
    const ReentryRun extended =
        run_to_reentry(nominal.state, longer, out.spacecraft, out.weather, out.fit.density_scale,
                       start + request.horizon_limit, eop, single && record ? &out.recording : nullptr);
    out.horizon_extended = true;
    if (!extended.reentered) {
      // No re-entry before the limit: that is the answer; an ensemble would only say the same of every member.
      out.horizon = extended.epoch;
      finish_single(extended);
      return out;
    }
    out.horizon = std::min(start + request.horizon_limit, start + 2.0 * (extended.epoch - start));
    // A longer run may need the Sun and Moon that the horizon did not (the fit's day does not: metres).
    if (!request.sun_and_moon) {
      out.lunisolar_drift = lunisolar_perigee_drift(out.elements, out.horizon - start);
      out.model.sun_and_moon = out.model.sun_and_moon || out.lunisolar_drift > kLunisolarDriftThreshold;
    }
    if (single) {
      out.recording.history.clear();
      out.recording.track.clear();
      nominal = run_to_reentry(out.initial, out.model, out.spacecraft, out.weather, out.fit.density_scale,
                               out.horizon, eop, record ? &out.recording : nullptr);
    }
  }
  if (single) {
    finish_single(nominal);
    return out;
  }
  // Members later than the horizon would count as reaching it and cut the window there: give them room on both
  // sides of the nominal.
  if (nominal.reentered)
    out.horizon = std::max(out.horizon, std::min(start + request.horizon_limit, start + 2.0 * (nominal.epoch - start)));
  out.prediction = predict_reentry(out.initial, out.model, out.spacecraft, out.weather, out.fit.density_scale,
                                   out.fit.log_scale_sigma, out.horizon, eop, request.ensemble, progress);
  if (record)
    (void)run_to_reentry(out.initial, out.model, out.spacecraft, out.weather, out.fit.density_scale, out.horizon, eop,
                         &out.recording);
  return out;
}

}  // namespace deorbit

// The whole decay prediction of one object: element sets known at the as-of epoch, space weather as known then,
// the drag fit, the nominal re-entry and the ensemble window. Used by `deorbit decay` and the validation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "deorbit/decay/drag_fit.h"
#include "deorbit/decay/reentry_prediction.h"

namespace deorbit {

struct DecayRequest {
  std::vector<MeanElements> element_sets;    //!< of one object, any order (duplicated epochs: the later in the list)
  std::optional<Epoch> as_of;                //!< ignore element sets and space-weather observations after this
  std::shared_ptr<const SpaceWeather> weather;  //!< the full table (cut at as_of here)
  //! Mass, area and Cd if known. Without them Cd A / m comes from the last element set's B* (a 1 kg object with
  //! area B and Cd 1: only the product matters to drag).
  std::optional<Spacecraft> spacecraft;
  DecayModel model;
  DragFitSettings fit;
  EnsembleSettings ensemble;
  //! Sun and Moon in the decay model: empty = chosen by the orbit (lunisolar_perigee_drift over the horizon, or
  //! over the extended one, above kLunisolarDriftThreshold); true or false = as given.
  std::optional<bool> sun_and_moon;
  double horizon = 120.0 * 86400.0;  //!< [s] after the prediction epoch: runs still in orbit then stop there
  //! [s] after the prediction epoch. A nominal run still in orbit at the horizon is carried on with the lifetime
  //! setup (lifetime_decay_model) up to this limit; if it re-enters, the prediction is made again with the horizon
  //! at twice its remaining time (at most the limit); if not, "no re-entry before the limit" is the result. The
  //! ensemble's members run to twice the nominal's remaining time when that is past the horizon (at most the
  //! limit), so that the window is not cut at the horizon. Not above the horizon: neither.
  double horizon_limit = 3650.0 * 86400.0;
  //! What the nominal run records (a second run of the nominal inputs; none if both history_step and
  //! track_span are 0).
  double history_step = 0.0;  //!< [s] altitude history sampling; 0: none
  double track_span = 0.0;    //!< [s] final ground track before re-entry; 0: none
};

struct DecayAnalysis {
  MeanElements elements;                        //!< the element set at the prediction epoch (the last one known)
  int element_sets_known = 0;                   //!< [-] at as_of
  int element_sets_ignored = 0;                 //!< [-] after as_of
  Spacecraft spacecraft;                        //!< as used (Cd A / m before the scale factor)
  DecayModel model;                             //!< as used (with the Sun and Moon chosen)
  double lunisolar_drift = 0;                   //!< [m] lunisolar_perigee_drift over the runs' horizon
  Epoch horizon;                                //!< end of the runs: the request's horizon, or as extended
  bool horizon_extended = false;                //!< the nominal outlived the request's horizon (see horizon_limit)
  std::shared_ptr<const SpaceWeather> weather;  //!< as used (cut at as_of)
  StateVector initial;                          //!< GCRF state at the prediction epoch (SGP4 of the element set)
  DragFit fit;
  ReentryPrediction prediction;
  RunRecording recording;                       //!< of the nominal run (history and final track, if asked)
};

//! Throws InputError: no element set, as_of before every element set, an element set SGP4 rejects, the object
//! already below the re-entry altitude at the prediction epoch.
[[nodiscard]] DecayAnalysis analyse_decay(const DecayRequest& request, const EarthOrientation& eop,
                                          const std::function<void(int, int)>& progress = {});

}  // namespace deorbit

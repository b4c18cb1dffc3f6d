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
  double horizon = 120.0 * 86400.0;  //!< [s] after the prediction epoch: runs still in orbit then stop there
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

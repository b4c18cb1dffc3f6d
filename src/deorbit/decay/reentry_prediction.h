// Re-entry prediction: the nominal run of the decay model to the re-entry altitude, and an ensemble that disperses
// the fitted density scale factor and the predicted solar and geomagnetic activity to give a window.
//
// Ensemble member i (i >= 1; member 0 is the nominal run) draws three independent standard normal deviates
// z1..z3 (fixed seed: the same input gives the same window) and runs with
//   k_i = k * exp(sigma_k * z1),  sigma_k = sqrt(fit spread^2 + model_log_sigma^2),
//   predicted F10.7 (and its 81-day mean) * exp(f107_log_sigma * z2), predicted Ap and ap * exp(ap_log_sigma * z3).
// Observed space weather is never changed. The window is the (1 - confidence)/2 and (1 + confidence)/2 quantiles
// of the members' re-entry epochs (members that do not re-enter before the horizon count as latest).
//
// Speed: the members run with a longer largest step (member_max_step) than the nominal run. That moves every
// member's epoch by about the same amount (docs/validation-decay.md measures it), so one more run, the nominal
// inputs under the members' settings, measures that shift and the member epochs are corrected by it before the
// quantiles are taken (a control variate).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "deorbit/decay/decay_model.h"
#include "deorbit/frames/earth_rotation.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit {

//! One run to the re-entry altitude.
struct ReentryRun {
  bool reentered = false;  //!< false if the horizon came first
  Epoch epoch;             //!< re-entry epoch (or the horizon)
  StateVector state;       //!< GCRF state there
  Geodetic point;          //!< geodetic point there (WGS84, ITRF)
};

//! A sample of the decay history: the mean geodetic height of the integration steps in an interval.
struct AltitudeSample {
  Epoch epoch;
  double mean_height = 0;  //!< [m] mean of the step heights (geodetic, WGS84) in the interval
  double min_height = 0;   //!< [m] lowest step height in the interval
};

//! What a run may record besides its end.
struct RunRecording {
  //! One AltitudeSample per history_step [s] (heights from the GCRF position as if it were ITRF: the height
  //! depends on latitude only, and the GCRF and ITRF equators differ by precession-nutation, tens of metres).
  std::vector<AltitudeSample> history;
  double history_step = 3600.0;  //!< [s]; <= 0: no history
  //! GCRF states every track_step [s] over the last track_span [s] of the run (for the final ground track).
  std::vector<StateVector> track;
  double track_step = 30.0;  //!< [s]
  double track_span = 0.0;   //!< [s]; 0: no track
};

//! Runs `initial` with scale factor k until the re-entry altitude or `horizon`. `nodes`: Earth-rotation nodes made
//! from `eop` to share between runs (an ensemble shares one store), or null.
[[nodiscard]] ReentryRun run_to_reentry(const StateVector& initial, const DecayModel& model, const Spacecraft& craft,
                                        std::shared_ptr<const SpaceWeather> weather, double density_scale,
                                        const Epoch& horizon, const EarthOrientation& eop,
                                        RunRecording* recording = nullptr,
                                        std::shared_ptr<EarthRotationNodes> nodes = nullptr);

struct EnsembleSettings {
  int members = 100;            //!< [-] including the nominal run; 1 = nominal only (no window)
  double model_log_sigma = 0.15; //!< [-] spread of ln k added to the fit's: density-model error over the forecast
  double f107_log_sigma = 0.15;  //!< [-] spread of ln F10.7 on predicted days
  double ap_log_sigma = 0.5;     //!< [-] spread of ln Ap on predicted days
  double confidence = 0.90;      //!< [-] central fraction of the members inside the window
  unsigned long long seed = 20260;  //!< of the deviates
  int threads = 1;               //!< [-] worker threads
  double member_max_step = 600.0;  //!< [s] largest step of the members (the nominal uses the model's)
};

struct ReentryPrediction {
  ReentryRun nominal;
  std::vector<ReentryRun> members;  //!< members 1..N-1 (the nominal is member 0), as run (before the shift)
  double member_shift = 0;          //!< [s] nominal epoch minus the nominal inputs' epoch under member settings
  std::optional<Epoch> window_start, window_end;  //!< empty with a single member
  int not_reentered = 0;            //!< [-] members (nominal included) that reached the horizon
  double log_scale_sigma = 0;       //!< [-] sigma_k used
};

//! Nominal run and ensemble. `progress(done, total)` is called after each run (from worker threads, serialised).
[[nodiscard]] ReentryPrediction predict_reentry(const StateVector& initial, const DecayModel& model,
                                                const Spacecraft& craft,
                                                const std::shared_ptr<const SpaceWeather>& weather,
                                                double density_scale, double fit_log_sigma, const Epoch& horizon,
                                                const EarthOrientation& eop, const EnsembleSettings& ensemble,
                                                const std::function<void(int, int)>& progress = {});

}  // namespace deorbit

// Drag estimation from an element-set history: the density scale factor that makes the numerical decay model
// reproduce the orbit-averaged semi-major axis of SGP4 at every element-set epoch of the fit span.
//
// Like is compared with like: each element set gives, through SGP4, an osculating TEME trajectory; the numerical
// run starts from SGP4's state of the first element set of the span (converted to GCRF). At each element-set epoch
// both trajectories are sampled on the same instants over one orbital period and their osculating semi-major
// axes averaged, so that the short-period terms (J2: +-10 km) cancel. The residual of element set j is
// (A_num - A_sgp4)(t_j) - (A_num - A_sgp4)(t_0): the offset at the start (the mean-to-osculating mismatch of the
// starting state) is removed. The scale factor k solves sum_j w_j r_j(k) = 0 with w_j = t_j - t_0 (the longer
// the arc, the more it says about drag), by the Illinois method on ln k after bracketing.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "deorbit/decay/decay_model.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit {

struct DragFitSettings {
  double span = 5.0 * 86400.0;  //!< [s] element sets within this time before the last one feed the fit
  double sample_step = 60.0;    //!< [s] sampling of both trajectories for the orbit averages
  double prior_log_sigma = 0.5; //!< [-] spread of ln k when a single element set gives no fit (B* only)
  //! [s] with a single element set: fit k to that set's own SGP4 decay over this span after its epoch (0: no fit,
  //! the B* prior alone). The span is a day: long enough for a drag signal at any height that re-enters within
  //! months, short enough that the element set's SGP4 is still what it was fitted to be.
  double self_fit_span = 86400.0;
  int self_fit_points = 4;      //!< [-] points of that self-fit over its span
  //! [-] spread of ln k after a self-fit. Its points follow one element set's own SGP4, so their scatter measures
  //! nothing; this value is the scatter of ln (predicted / true remaining time) on the single-element-set validation
  //! set (docs/validation-decay.md), which includes the weather after the epoch.
  double self_fit_log_sigma = 0.2;
};

//! One element set of the fit: the orbit-averaged semi-major axes at its epoch.
struct DragFitPoint {
  Epoch epoch;
  double sgp4_sma = 0;   //!< [m] average osculating semi-major axis over one period from SGP4 of this element set
  double model_sma = 0;  //!< [m] the same from the numerical run with the fitted scale factor
  double residual = 0;   //!< [m] (model - sgp4) minus the same difference at the first point
  double log_scale = 0;  //!< [-] ln k this point alone would give (linearised); 0 for the first point
  bool in_spread = false;  //!< counted in DragFit::log_scale_sigma (past a quarter of the arc, with a drag signal)
};

//! What the spread of ln k handed to the ensemble (and so its window) rests on.
enum class WindowBasis {
  FitSpread,  //!< the measured scatter of at least two element sets' ln k (plus the ensemble's model spread)
  ModelOnly,  //!< fewer than two element sets usable for the spread: none measured (0); the ensemble's model
              //!< spread and the space-weather dispersion alone
  Prior,      //!< one element set, no fit: DragFitSettings::prior_log_sigma on the B* prior
  SelfFit,    //!< one element set fitted to its own SGP4 decay: DragFitSettings::self_fit_log_sigma
};

//! "fit-spread", "model-only", "prior", "self-fit" (the JSON and text output's names).
[[nodiscard]] std::string_view to_string(WindowBasis basis);

struct DragFit {
  double density_scale = 1;    //!< [-] k, multiplies the NRLMSISE-00 density (with the a-priori Cd A / m)
  //! [-] spread of ln k: the weighted scatter of the per-point values in the spread; 0 with fewer than two of them
  //! (see window_basis); prior_log_sigma when weak.
  double log_scale_sigma = 0;
  bool weak = false;           //!< true when one element set only and no self-fit (k = 1 on the prior)
  bool self_fit = false;       //!< one element set, fitted to its own SGP4 decay (DragFitSettings::self_fit_span)
  double self_fit_span = 0;    //!< [s] span of the self-fit: the settings', or shorter where SGP4 gives out sooner
  std::string self_fit_note;   //!< why one element set got no self-fit (empty: it got one, or it was not asked)
  int element_sets = 0;        //!< [-] number of element sets in the fit span
  int spread_points = 0;       //!< [-] element sets counted in the spread (DragFitPoint::in_spread)
  WindowBasis window_basis = WindowBasis::FitSpread;
  double rms_residual = 0;     //!< [m] of the residuals at the fitted k
  double sma_decay = 0;        //!< [m] decrease of SGP4's averaged semi-major axis over the span
  int evaluations = 0;         //!< numerical runs made
  std::vector<DragFitPoint> points;
};

//! Fits k on the element sets of `history` (one object, chronological; the last is the prediction epoch) within
//! settings.span before the last. One element set is fitted to its own SGP4 over settings.self_fit_span (shortened
//! to half the time its SGP4 runs, if that is shorter); with less than two orbits of that, or if the self-fit
//! fails, the B* prior is used and self_fit_note says why. Throws InputError if SGP4 fails on an element set of the span, if a trial run of
//! the numerical model fails (integration error, step limit: the message names the scale factor, the span, the
//! status and the integrator's reason; only a run that reaches the re-entry altitude counts as decayed), if no
//! scale factor in [1e-3, 1e3] reproduces the decay, or if the fitted model decays inside the span.
[[nodiscard]] DragFit fit_drag(std::span<const MeanElements> history, const DecayModel& model,
                               const Spacecraft& craft, const std::shared_ptr<const SpaceWeather>& weather,
                               const EarthOrientation& eop, const DragFitSettings& settings = {});

}  // namespace deorbit

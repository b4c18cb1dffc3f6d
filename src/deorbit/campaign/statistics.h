// The statistics of a Monte Carlo campaign: how sure "inside the zone" is, where the impacts fall, what the
// casualty expectation does. Methods and tests: docs/campaign-statistics.md.
//
// Distances on the ground are on a sphere of radius mean_earth_radius (6,371,008.8 m, the IUGG mean radius), as
// the footprint and the target zone measure them. Every sum runs over the runs in the order given (and over a run's
// impacts in their order), and every sort breaks ties by a total order: the same runs give bitwise the same
// statistics.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "deorbit/campaign/run_record.h"
#include "deorbit/reentry/track_frame.h"  // TrackFrame, TrackCoordinates, track_coordinates

namespace deorbit {

// ---------------------------------------------------------------------------------------------------------------
// Probabilities

//! A binomial proportion with a confidence interval.
struct BinomialInterval {
  double estimate = 0;  //!< successes / trials
  double lower = 0;
  double upper = 0;
};

//! The exact two-sided Clopper-Pearson (1934) interval: lower = the alpha/2 quantile of Beta(k, n-k+1) (0 for k = 0),
//! upper = the 1-alpha/2 quantile of Beta(k+1, n-k) (1 for k = n), alpha = 1 - confidence; Boost.Math ibeta_inv.
//! The interval covers the true proportion with probability at least `confidence`. Throws InputError for
//! trials <= 0, successes outside 0..trials, or confidence outside (0, 1).
[[nodiscard]] BinomialInterval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence = 0.95);

//! The exact one-sided Clopper-Pearson upper bound: the `confidence` quantile of Beta(k+1, n-k) (1 for k = n).
//! For k = 0 it is 1 - (1-confidence)^(1/n), the "rule of three" (about 3/n at 95 %) that certification statements
//! quote. Same errors as clopper_pearson.
[[nodiscard]] double clopper_pearson_upper_bound(std::int64_t successes, std::int64_t trials,
                                                 double confidence = 0.95);

//! An event probability estimated by importance sampling.
struct WeightedProbability {
  double estimate = 0;        //!< (1/n) sum w_i I_i, w_i = exp(log_weight_i): unbiased for the nominal probability
  double standard_error = 0;  //!< sqrt(sum (w_i I_i - estimate)^2 / (n (n-1))); +infinity for n = 1
  double lower = 0;           //!< estimate - z standard_error, clipped to [0, 1] (z: the normal quantile)
  double upper = 0;           //!< estimate + z standard_error, clipped to [0, 1]
  double effective_sample_size = 0;  //!< Kish: (sum w_i)^2 / sum w_i^2 over all n runs
};

//! The importance-sampling estimate of P(event) over the runs (each with its log_weight), with a two-sided normal
//! interval at `confidence`. Throws InputError for no runs, a non-finite log_weight, a weight that overflows, or
//! confidence outside (0, 1).
[[nodiscard]] WeightedProbability weighted_probability(std::span<const RunRecord> runs,
                                                       const std::function<bool(const RunRecord&)>& event,
                                                       double confidence = 0.95);

//! The lower empirical quantile of weighted values: the smallest value x such that the total weight of the values
//! <= x is at least p times the total weight (p = 0: the smallest value). Entries of zero weight are left out.
//! With unit weights this is the element at index ceil(p n) - 1 (0 for p = 0) of the sorted values.
//! Throws InputError for p outside [0, 1], a negative or non-finite weight or value, or no positive weight.
[[nodiscard]] double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double p);

// ---------------------------------------------------------------------------------------------------------------
// Campaign statistics

struct StatisticsSettings {
  TrackFrame track;                  //!< frame of the along/cross-track statistics and the level footprints
  double confidence = 0.95;          //!< of every probability interval
  double near_land_distance = 370e3; //!< [m] "near land" (NASA-STD-8719.14 4.7-1b's 370 km)
  std::vector<double> levels{0.99, 0.9973, 0.9999};  //!< fractions of the impacts the level footprints hold
  //! Fractions for the along/cross-track percentiles (0.135 % and 99.865 % are the 3-sigma tails).
  std::vector<double> percentiles{0.00135, 0.01, 0.05, 0.5, 0.95, 0.99, 0.99865};
  bool use_weights = false;          //!< importance sampling: weight each run by exp(log_weight)
  double density_cell_deg = 0.5;     //!< [deg] cell size of the impact-density grid (latitude and longitude)
  int histogram_bins_per_decade = 4; //!< of the expected-casualty histogram
  //! The impacts lie along one pass (a controlled re-entry and its contingencies): the track percentiles and level
  //! footprints are computed. False for an uncontrolled decay (a missed final burn), whose runs come down anywhere
  //! along the ground track: its impacts spread round the globe, where a track frame and a hull mean nothing.
  bool one_pass = true;
};

//! The probability of one event over the runs.
struct EventProbability {
  std::int64_t events = 0;  //!< runs with the event (not weighted)
  std::int64_t trials = 0;  //!< runs counted
  //! Plain Monte Carlo: the Clopper-Pearson interval at settings.confidence. With use_weights: the weighted
  //! estimator's estimate and normal interval (the same numbers as `weighted`).
  BinomialInterval interval;
  //! Plain Monte Carlo: clopper_pearson_upper_bound at settings.confidence. With use_weights: estimate plus the
  //! one-sided normal quantile times the standard error, at most 1.
  double upper_bound_one_sided = 0;
  std::optional<WeightedProbability> weighted;  //!< set with use_weights
};

//! A percentile of the pooled hazardous impacts in track coordinates.
struct TrackPercentile {
  double fraction = 0;  //!< p, 0..1
  double along = 0;     //!< [m] weighted_quantile of the along-track coordinates at p
  double cross = 0;     //!< [m] the same, cross-track
};

//! A footprint that holds a fraction of the pooled hazardous impacts. Method: in track coordinates, take the
//! weighted mean m and weighted covariance C of the impacts (each weighted by its count, times the run's weight
//! with use_weights); order the impacts by their Mahalanobis distance (x-m)^T C^-1 (x-m) (ties by run and impact
//! order; when C is singular, by the Euclidean distance); keep the nearest until their weight reaches `level` of the
//! total; the footprint is the convex hull of the kept points in the (along, cross) plane, its edges then mapped
//! back to the ground (densified to at most 10 km steps).
struct LevelFootprint {
  double level = 0;             //!< the fraction asked for
  double held = 0;              //!< the weight fraction of the impacts kept (>= level)
  std::int64_t points = 0;      //!< impact points kept
  std::vector<TrackCoordinates> hull;  //!< [m] counter-clockwise hull vertices in track coordinates (1 or 2 when
                                       //!< the kept points coincide or lie on a line)
  std::vector<std::pair<double, double>> ring;  //!< (lat, lon) [rad] of the hull on the ground, closed
  double along_min = 0, along_max = 0;  //!< [m] extent of the hull in track coordinates
  double cross_min = 0, cross_max = 0;  //!< [m]
};

//! One bin of the expected-casualty histogram.
struct CasualtyBin {
  double lower = 0;      //!< E_c bounds: [lower, upper); the zero bin has lower = upper = 0 and holds E_c = 0
  double upper = 0;
  std::int64_t runs = 0; //!< ok runs in the bin
  double fraction = 0;   //!< their weight fraction (runs / ok runs without weights)
};

//! The expected casualties E_c over the ok runs (each run weighted by exp(log_weight) with use_weights; the mean
//! and standard deviation are then the self-normalised weighted ones). Empty (runs = 0) without ok runs.
struct CasualtyStatistics {
  std::int64_t runs = 0;
  double mean = 0;
  double standard_deviation = 0;  //!< sqrt(sum w (E - mean)^2 / sum w) (the divisor is n without weights)
  std::vector<std::pair<double, double>> percentiles;  //!< (p, weighted_quantile) for p = 0.5, 0.9, 0.99, 0.999
  double max = 0;                 //!< the largest E_c of a run
  //! The zero bin, then log-spaced bins (histogram_bins_per_decade a decade) from the decade below the smallest
  //! positive E_c to the decade above the largest.
  std::vector<CasualtyBin> histogram;
};

//! A cell of the impact-density grid (only cells holding impacts are listed).
struct DensityCell {
  int row = 0;     //!< 0 at lat_min of the grid
  int column = 0;  //!< 0 at lon_min of the grid
  double lat_min = 0, lat_max = 0;  //!< [rad]
  double lon_min = 0, lon_max = 0;  //!< [rad] (may pass +-pi: the grid is unwrapped about the track reference)
  double impacts = 0;            //!< hazardous impact copies in the cell (not weighted)
  double impacts_per_run = 0;    //!< expected hazardous impact copies in the cell per run: (1/n_ok) sum w count
  double impacts_per_run_per_km2 = 0;  //!< impacts_per_run over the cell's area on the sphere [km^2]
};

//! Impact density on a latitude/longitude grid aligned to multiples of the cell size, over the bounding box of the
//! hazardous impacts of the ok runs. Longitudes are unwrapped to within pi of the track reference, so a grid across
//! the antimeridian stays in one piece.
struct DensityGrid {
  double cell = 0;                 //!< [rad] cell size
  double lat_min = 0, lon_min = 0; //!< [rad] south-west corner
  int rows = 0, columns = 0;
  std::vector<DensityCell> cells;  //!< non-empty cells, by row then column
};

struct CampaignStatistics {
  StatisticsSettings settings;
  std::int64_t runs = 0;         //!< all runs
  std::int64_t ok_runs = 0;
  std::int64_t failed_runs = 0;  //!< count as escapes, land impacts and near-land impacts (their outcome is unknown)
  //! P(every hazardous impact inside the zone): RunRecord::inside over all runs. With use_weights: 1 - escape (the
  //! estimate and the interval bounds), since the sampling aims at the escapes.
  EventProbability containment;
  //! P(some hazardous impact outside the zone, or the run failed): the complement event, estimated on its own.
  EventProbability escape;
  EventProbability land_impact;  //!< P(a hazardous impact on land), failed runs counted as events
  //! P(a hazardous impact closer than near_land_distance to land), failed runs counted as events.
  EventProbability near_land;
  std::int64_t hazardous_impacts = 0;   //!< impact copies pooled (ok runs, counts included)
  std::vector<TrackPercentile> track_percentiles;  //!< one per settings.percentiles (none without impacts or one_pass)
  std::vector<LevelFootprint> level_footprints;    //!< one per settings.levels (none without impacts or one_pass)
  //! (p, weighted_quantile) of the ok runs' breakup times [s] (from the campaign's reference epoch), one per
  //! settings.percentiles: the re-entry window.
  std::vector<std::pair<double, double>> breakup_time_percentiles;
  CasualtyStatistics casualties;
  DensityGrid density;           //!< empty (no cells) without hazardous impacts
};

//! The statistics of the runs (in any order; results follow the order given). Throws InputError for no runs, a
//! non-finite log_weight with use_weights, levels or percentiles outside (0, 1] / [0, 1], a cell size outside
//! (0, 90] deg, confidence outside (0, 1), or a non-finite impact position.
[[nodiscard]] CampaignStatistics summarize(std::span<const RunRecord> runs, const StatisticsSettings& settings);

}  // namespace deorbit

// Dispersions of a re-entry campaign: the uncertain inputs of one run (burn execution, atmosphere, initial state,
// breakup, object properties) and how each is drawn. Every default is documented in docs/campaign.md with its
// source or marked assumed. A run's inputs depend only on (seed, run): each quantity has its own stream of a
// counter-based generator (counter_rng.h).
//
// Importance sampling (rare events): a Gaussian quantity's standardised value z may be drawn from N(mu, s^2)
// instead of N(0, 1): shifted by `mu` sigmas towards the escapes (the design point, e.g. from a pilot campaign's
// regression) and widened by the tail scale s. The run then carries the log of the likelihood ratio
// nominal/proposal, ln w = sum over the sampled quantities of [ln s - z^2/2 + (z - mu)^2 / (2 s^2)], and estimators
// weight it by w (campaign/statistics.h). Reference: Rubinstein & Kroese, "Simulation and the Monte Carlo Method",
// 3rd ed. (2017), sec. 5.7 (importance sampling); the shift to the design point: Melchers & Beck, "Structural
// Reliability Analysis and Prediction", 3rd ed. (2018), sec. 3.5.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace deorbit {

struct Dispersions {
  // Burns (each burn flown by the campaign)
  //! [-] 1-sigma relative error of the delta-v the burn delivers (e.g. 0.01): thrust and propellant flow scaled
  //! together over the planned arc, so the whole arc (not only its end) carries the error.
  double burn_magnitude = 0;
  double burn_magnitude_bias = 0;   //!< [-] systematic delta-v error (a what-if: -0.01 = 1 % less delta-v)
  double burn_pointing = 0;         //!< [rad] 1-sigma of each of two pointing angles (in-plane, out-of-plane)
  double burn_ignition_time = 0;    //!< [s] 1-sigma of the ignition time
  //! [-] 1-sigma relative thrust error at the same Isp; the guidance cuts the burn off at the planned propellant (and
  //! so delta-v), so a stronger engine burns for a shorter time: the arc's length and placement change.
  double thrust = 0;
  double isp = 0;                   //!< [-] 1-sigma relative Isp error (the thrust is kept, the flow changes)
  double engine_out_probability = 0;  //!< [-] per burn: one engine fails at a uniform time in the burn
  // Atmosphere
  double density_log_sigma = 0;     //!< [-] sigma of ln(density scale): log-normal density error
  double f107_forecast = 0;         //!< [-] sigma of ln(factor) on the predicted F10.7 (and its 81-day mean)
  double ap_forecast = 0;           //!< [-] sigma of ln(factor) on the predicted Ap (log-normal: never negative)
  // Initial state (at the campaign's start), radial / along-track / cross-track 1-sigma
  std::array<double, 3> position_rtn{0, 0, 0};  //!< [m]
  std::array<double, 3> velocity_rtn{0, 0, 0};  //!< [m/s]
  //! A full position-velocity covariance in RTN instead of the sigmas above (e.g. from an OPM's covariance block):
  //! lower triangle by rows of the 6x6 matrix (R, T, N, R_dot, T_dot, N_dot) [m^2, m^2/s, m^2/s^2]. The draws are
  //! L z with L L^T = C (from the eigen-decomposition, so a semi-definite matrix works) and z the six standardised
  //! values of the quantity "state".
  std::optional<std::array<double, 21>> state_covariance;
  // Breakup and objects
  bool breakup_altitude_dispersed = false;
  double breakup_altitude_min = 72e3;  //!< [m] root breakup altitude uniform in [min, max] when dispersed
  double breakup_altitude_max = 84e3;  //!< [m]
  double release_altitude = 0;      //!< [m] half-width of a uniform shift of each `altitude` release
  double object_mass = 0;           //!< [-] half-width of a uniform relative change of each object kind's mass
  double object_area = 0;           //!< [-] half-width of a uniform relative change of each kind's cross-section
  double object_drag = 0;           //!< [-] half-width of a uniform relative change of every drag coefficient
  double material_heat = 0;         //!< [-] half-width of a uniform relative change of each material's heat of
                                    //!< fusion, specific heat and melting temperature (independently)
  // Sampling
  std::uint64_t seed = 1;
  double tail_scale = 1;            //!< importance sampling: Gaussian sigmas multiplied by this (1: plain MC)
  //! The Gaussian quantities whose sigmas tail_scale widens (names of gaussian_quantities()); empty: all of them.
  //! Widening only those that drive the footprint's ends keeps the weights from degenerating: each widened
  //! dimension multiplies the weights' second moment by s^2 / sqrt(2 s^2 - 1).
  std::vector<std::string> tail_quantities;
  //! Mean shifts [sigmas] of the proposal, by quantity name (a quantity with three axes shifts each by the value).
  std::map<std::string, double> tail_shift;
  //! True when runs are drawn from a proposal other than the nominal distribution (weights are not all 1).
  [[nodiscard]] bool importance_sampling() const { return tail_scale != 1 || !tail_shift.empty(); }

  //! Names of the Gaussian quantities, as tail_quantities takes them.
  [[nodiscard]] static const std::vector<std::string>& gaussian_quantities();

  //! True when no quantity is dispersed (every run is the nominal one).
  [[nodiscard]] bool none() const;
  //! The defaults of the `dispersions:` block (docs/campaign.md gives each one's source).
  [[nodiscard]] static Dispersions defaults();
};

//! The inputs of one run: nominal values are 0 (errors) or 1 (factors).
struct SampledInputs {
  std::int64_t run = 0;
  double delta_v_factor = 1;        //!< thrust and flow over the planned arc (delivered delta-v, to first order)
  double burn_pitch = 0;            //!< [rad] FiniteBurn::pitch (towards n x d: radial-out for a retrograde burn)
  double burn_yaw = 0;              //!< [rad] FiniteBurn::yaw (along n for a retrograde burn)
  double ignition_offset = 0;       //!< [s]
  double thrust_factor = 1;
  double isp_factor = 1;
  bool engine_out = false;
  double engine_out_fraction = 0;   //!< [-] of the burn's duration at which the engine fails
  double density_scale = 1;
  double f107_factor = 1;
  double ap_factor = 1;
  std::array<double, 3> position_rtn{0, 0, 0};  //!< [m]
  std::array<double, 3> velocity_rtn{0, 0, 0};  //!< [m/s]
  double breakup_altitude = -1;     //!< [m] root breakup altitude; < 0: the scenario's
  double release_shift = 0;         //!< [m] added to every `altitude` release (one shift per run)
  double drag_factor = 1;
  //! Per object kind (tree order, parents first; the stack of identical copies shares one factor)
  std::vector<double> mass_factors, area_factors;
  //! Per material (database order): heat of fusion, specific heat, melting temperature factors
  std::vector<std::array<double, 3>> material_factors;
  double log_weight = 0;            //!< ln(nominal / proposal density) at these inputs (importance sampling)

  //! A JSON object of the scalar inputs that differ from nominal (the store's record of them), fixed formatting.
  [[nodiscard]] std::string to_json() const;
  //! The per-kind and per-material factors in one list: mass_factors, area_factors, then material_factors.
  [[nodiscard]] std::vector<double> factors() const;
};

//! The symmetric 6x6 matrix of a covariance given as its lower triangle by rows (Dispersions::state_covariance,
//! Opm::covariance), and back.
[[nodiscard]] Eigen::Matrix<double, 6, 6> covariance_matrix(const std::array<double, 21>& lower);
[[nodiscard]] std::array<double, 21> covariance_lower_triangle(const Eigen::Matrix<double, 6, 6>& matrix);

//! L with L L^T = C for a covariance given as its lower triangle (Dispersions::state_covariance); throws InputError
//! when C is not positive semi-definite.
[[nodiscard]] Eigen::Matrix<double, 6, 6> covariance_factor(const std::array<double, 21>& lower);

//! The inputs of run `run`: a pure function of (dispersions, run, object kinds, materials).
[[nodiscard]] SampledInputs sample_inputs(const Dispersions& dispersions, std::int64_t run, std::size_t object_kinds,
                                          std::size_t materials);

}  // namespace deorbit

#include "deorbit/campaign/dispersions.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/campaign/counter_rng.h"

namespace deorbit {
namespace {

// One stream per quantity: adding a quantity never shifts the draws of the others.
enum Stream : std::uint64_t {
  kMagnitude = 1, kPointing, kIgnition, kThrust, kIsp, kEngineOut, kDensity, kF107, kAp, kPosition, kVelocity,
  kBreakup, kRelease, kDrag, kObjectMass, kObjectArea, kMaterial, kStateCovariance,
};

// A Gaussian draw of standard deviation sigma, widened by the proposal's tail scale when the quantity is one of
// the widened ones; adds its term of ln w.
struct GaussianSampler {
  const Dispersions& d;
  double log_weight = 0;
  double draw(CounterRng& rng, double sigma, const char* quantity) {
    if (!(sigma > 0)) return 0;
    const bool widened = d.tail_scale != 1 && (d.tail_quantities.empty() ||
                                               std::find(d.tail_quantities.begin(), d.tail_quantities.end(),
                                                         quantity) != d.tail_quantities.end());
    const double s = widened ? d.tail_scale : 1.0;
    const auto it = d.tail_shift.find(quantity);
    const double mu = it == d.tail_shift.end() ? 0.0 : it->second;
    const double u = rng.normal();
    const double z = mu + s * u;  // standardised value, drawn from N(mu, s^2)
    if (s != 1 || mu != 0) log_weight += std::log(s) - 0.5 * z * z + 0.5 * u * u;
    return sigma * z;
  }
};

}  // namespace

Eigen::Matrix<double, 6, 6> covariance_matrix(const std::array<double, 21>& lower) {
  Eigen::Matrix<double, 6, 6> c;
  for (int i = 0, k = 0; i < 6; ++i)
    for (int j = 0; j <= i; ++j, ++k) c(i, j) = c(j, i) = lower[static_cast<std::size_t>(k)];
  return c;
}

std::array<double, 21> covariance_lower_triangle(const Eigen::Matrix<double, 6, 6>& matrix) {
  std::array<double, 21> lower{};
  for (int i = 0, k = 0; i < 6; ++i)
    for (int j = 0; j <= i; ++j, ++k) lower[static_cast<std::size_t>(k)] = matrix(i, j);
  return lower;
}

Eigen::Matrix<double, 6, 6> covariance_factor(const std::array<double, 21>& lower) {
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix<double, 6, 6>> eigen(covariance_matrix(lower));
  Eigen::Matrix<double, 6, 1> values = eigen.eigenvalues();
  const double largest = values.cwiseAbs().maxCoeff();
  if (eigen.info() != Eigen::Success || !(largest > 0) || values.minCoeff() < -1e-9 * largest)
    throw InputError("dispersions: the state covariance is not positive semi-definite (or is zero)");
  values = values.cwiseMax(0.0).cwiseSqrt();
  return eigen.eigenvectors() * values.asDiagonal();
}

bool Dispersions::none() const {
  return burn_magnitude == 0 && burn_magnitude_bias == 0 && burn_pointing == 0 && burn_ignition_time == 0 && thrust == 0 && isp == 0 &&
         engine_out_probability == 0 && density_log_sigma == 0 && f107_forecast == 0 && ap_forecast == 0 &&
         position_rtn == std::array<double, 3>{0, 0, 0} && velocity_rtn == std::array<double, 3>{0, 0, 0} &&
         !state_covariance &&
         !breakup_altitude_dispersed && release_altitude == 0 && object_mass == 0 && object_area == 0 &&
         object_drag == 0 && material_heat == 0;
}

const std::vector<std::string>& Dispersions::gaussian_quantities() {
  static const std::vector<std::string> names{"burn_magnitude", "burn_pitch", "burn_yaw", "burn_ignition_time", "thrust", "isp",
                                              "density", "f107", "ap", "position", "velocity", "state"};
  return names;
}

Dispersions Dispersions::defaults() {
  constexpr double deg = 3.14159265358979323846 / 180;
  Dispersions d;
  d.burn_magnitude = 0.01;
  d.burn_pointing = 1.0 * deg;
  d.burn_ignition_time = 1.0;
  d.thrust = 0.02;
  d.isp = 0.01;
  d.engine_out_probability = 0;
  d.density_log_sigma = 0.15;
  d.f107_forecast = 0.10;
  d.ap_forecast = 0.30;
  d.position_rtn = {10, 30, 10};
  d.velocity_rtn = {0.03, 0.01, 0.01};
  d.breakup_altitude_dispersed = true;
  d.breakup_altitude_min = 72e3;
  d.breakup_altitude_max = 84e3;
  d.release_altitude = 2e3;
  d.object_mass = 0.10;
  d.object_area = 0.10;
  d.object_drag = 0.10;
  d.material_heat = 0.05;
  return d;
}

SampledInputs sample_inputs(const Dispersions& d, std::int64_t run, std::size_t object_kinds, std::size_t materials) {
  SampledInputs in;
  in.run = run;
  const auto seed = d.seed, r = static_cast<std::uint64_t>(run);
  auto stream = [&](Stream s) { return CounterRng(seed, r, s); };
  GaussianSampler gauss{d};
  {
    CounterRng g = stream(kMagnitude);
    in.delta_v_factor = 1 + d.burn_magnitude_bias + gauss.draw(g, d.burn_magnitude, "burn_magnitude");
  }
  {
    CounterRng g = stream(kPointing);
    in.burn_pitch = gauss.draw(g, d.burn_pointing, "burn_pitch");
    in.burn_yaw = gauss.draw(g, d.burn_pointing, "burn_yaw");
  }
  {
    CounterRng g = stream(kIgnition);
    in.ignition_offset = gauss.draw(g, d.burn_ignition_time, "burn_ignition_time");
  }
  {
    CounterRng g = stream(kThrust);
    in.thrust_factor = 1 + gauss.draw(g, d.thrust, "thrust");
  }
  {
    CounterRng g = stream(kIsp);
    in.isp_factor = 1 + gauss.draw(g, d.isp, "isp");
  }
  if (d.engine_out_probability > 0) {
    CounterRng g = stream(kEngineOut);
    in.engine_out = g.bernoulli(d.engine_out_probability);
    in.engine_out_fraction = g.uniform();
    if (!in.engine_out) in.engine_out_fraction = 0;
  }
  {
    CounterRng g = stream(kDensity);
    in.density_scale = std::exp(gauss.draw(g, d.density_log_sigma, "density"));
  }
  {
    CounterRng g = stream(kF107);
    in.f107_factor = std::exp(gauss.draw(g, d.f107_forecast, "f107"));
  }
  {
    CounterRng g = stream(kAp);
    in.ap_factor = std::exp(gauss.draw(g, d.ap_forecast, "ap"));
  }
  if (d.state_covariance) {
    CounterRng g = stream(kStateCovariance);
    Eigen::Matrix<double, 6, 1> z;
    for (int i = 0; i < 6; ++i) z[i] = gauss.draw(g, 1.0, "state");
    const Eigen::Matrix<double, 6, 1> x = covariance_factor(*d.state_covariance) * z;
    for (int i = 0; i < 3; ++i) {
      in.position_rtn[i] = x[i];
      in.velocity_rtn[i] = x[i + 3];
    }
  }
  {
    CounterRng g = stream(kPosition);
    for (int i = 0; i < 3; ++i) in.position_rtn[i] += gauss.draw(g, d.position_rtn[i], "position");
  }
  {
    CounterRng g = stream(kVelocity);
    for (int i = 0; i < 3; ++i) in.velocity_rtn[i] += gauss.draw(g, d.velocity_rtn[i], "velocity");
  }
  if (d.breakup_altitude_dispersed) {
    CounterRng g = stream(kBreakup);
    in.breakup_altitude = g.uniform(d.breakup_altitude_min, d.breakup_altitude_max);
  }
  if (d.release_altitude > 0) {
    CounterRng g = stream(kRelease);
    in.release_shift = g.uniform(-d.release_altitude, d.release_altitude);
  }
  if (d.object_drag > 0) {
    CounterRng g = stream(kDrag);
    in.drag_factor = 1 + g.uniform(-d.object_drag, d.object_drag);
  }
  if (d.object_mass > 0) {
    CounterRng g = stream(kObjectMass);
    in.mass_factors.resize(object_kinds);
    for (auto& f : in.mass_factors) f = 1 + g.uniform(-d.object_mass, d.object_mass);
  }
  if (d.object_area > 0) {
    CounterRng g = stream(kObjectArea);
    in.area_factors.resize(object_kinds);
    for (auto& f : in.area_factors) f = 1 + g.uniform(-d.object_area, d.object_area);
  }
  if (d.material_heat > 0) {
    CounterRng g = stream(kMaterial);
    in.material_factors.resize(materials);
    for (auto& m : in.material_factors)
      for (auto& f : m) f = 1 + g.uniform(-d.material_heat, d.material_heat);
  }
  in.log_weight = gauss.log_weight;
  return in;
}

std::string SampledInputs::to_json() const {
  // Shortest round-trip formatting ({}): the text is the same on every machine for the same doubles.
  std::string s = fmt::format("{{\"run\":{}", run);
  auto add = [&s](const char* key, double v, double nominal) {
    if (v != nominal) s += fmt::format(",\"{}\":{}", key, v);
  };
  add("delta_v_factor", delta_v_factor, 1);
  add("burn_pitch_rad", burn_pitch, 0);
  add("burn_yaw_rad", burn_yaw, 0);
  add("ignition_offset_s", ignition_offset, 0);
  add("thrust_factor", thrust_factor, 1);
  add("isp_factor", isp_factor, 1);
  if (engine_out) s += fmt::format(",\"engine_out_fraction\":{}", engine_out_fraction);
  add("density_scale", density_scale, 1);
  add("f107_factor", f107_factor, 1);
  add("ap_factor", ap_factor, 1);
  if (position_rtn != std::array<double, 3>{0, 0, 0})
    s += fmt::format(",\"position_rtn_m\":[{},{},{}]", position_rtn[0], position_rtn[1], position_rtn[2]);
  if (velocity_rtn != std::array<double, 3>{0, 0, 0})
    s += fmt::format(",\"velocity_rtn_mps\":[{},{},{}]", velocity_rtn[0], velocity_rtn[1], velocity_rtn[2]);
  if (breakup_altitude >= 0) s += fmt::format(",\"breakup_altitude_m\":{}", breakup_altitude);
  add("release_shift_m", release_shift, 0);
  add("drag_factor", drag_factor, 1);
  add("log_weight", log_weight, 0);
  s += "}";
  return s;
}

std::vector<double> SampledInputs::factors() const {
  std::vector<double> out(mass_factors);
  out.insert(out.end(), area_factors.begin(), area_factors.end());
  for (const auto& m : material_factors) out.insert(out.end(), m.begin(), m.end());
  return out;
}

}  // namespace deorbit

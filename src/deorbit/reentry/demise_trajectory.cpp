// Model and references: see demise_trajectory.h.
#include "deorbit/reentry/demise_trajectory.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/error.h"
#include "deorbit/reentry/drag_coefficient_mach.h"
#include "deorbit/reentry/heating.h"
#include "deorbit/reentry/rarefaction.h"

namespace deorbit {
namespace {

constexpr double earth_radius = 6371008.8;  // [m] IUGG mean radius
constexpr double earth_mu = 3.986004418e14;  // [m^3/s^2]

enum Index { H, V, GAMMA, THETA, TEMP, MASS, QIN, QRAD, N };
using State = std::array<double, N>;

struct Flow {
  double convective_flux = 0;  // [W/m^2] surface-averaged, oxidation factor included
  State rates{};
};

class Model {
 public:
  Model(const ThermalMaterial& material, double mass0, const DemiseSettings& settings)
      : material_(material), settings_(settings), min_mass_(mass0 * settings.demise_mass_fraction * 1e-3) {}

  double radius(double mass) const {
    return std::cbrt(3.0 * std::max(mass, min_mass_) / (4.0 * std::numbers::pi * material_.density));
  }

  Flow evaluate(const State& y) const {
    Flow out;
    double h = y[H], v = std::max(y[V], 1e-3), gamma = y[GAMMA];
    double mass = std::max(y[MASS], min_mass_);
    double r_body = radius(mass);
    double area = std::numbers::pi * r_body * r_body;
    double surface = 4.0 * area;
    Us76Properties air = us_standard_1976(std::max(h, 0.0));
    double kn = knudsen_number(air.number_density, 2.0 * r_body);

    double cd_cont = sphere_drag_coefficient(v / air.speed_of_sound);
    double cd = bridge(cd_cont, settings_.free_molecular_drag, kn);
    double drag = 0.5 * air.density * v * v * cd * area;

    double q_cont = stagnation_heat_flux_dkr(air.density, v, r_body);
    double q_fm = free_molecular_heat_flux(air.density, v, settings_.accommodation);
    out.convective_flux = settings_.oxidation_factor * tumbling_average_factor(HeatedShape::sphere) *
                          bridge(q_cont, q_fm, kn);
    double p_in = out.convective_flux * surface;
    double p_rad = radiated_heat_flux(material_.emissivity, std::max(y[TEMP], 0.0), settings_.ambient_temperature) *
                   surface;

    double r = earth_radius + h;
    double g = earth_mu / (r * r);
    out.rates[H] = v * std::sin(gamma);
    out.rates[V] = -drag / mass - g * std::sin(gamma);
    out.rates[GAMMA] = (v / r - g / v) * std::cos(gamma);
    out.rates[THETA] = v * std::cos(gamma) / r;
    ThermalRates th = y[MASS] > 0 ? thermal_rates(material_, {y[TEMP], y[MASS]}, p_in - p_rad) : ThermalRates{};
    out.rates[TEMP] = th.temperature;
    out.rates[MASS] = th.mass;
    out.rates[QIN] = p_in;
    out.rates[QRAD] = p_rad;
    return out;
  }

 private:
  const ThermalMaterial& material_;
  const DemiseSettings& settings_;
  double min_mass_;
};

State axpy(const State& y, double a, const State& k) {
  State out;
  for (int i = 0; i < N; ++i) out[i] = y[i] + a * k[i];
  return out;
}

// One classical RK4 step of length h from y (whose rates f1 are known), then melting settled (thermal.h).
State rk4_step(const Model& model, const ThermalMaterial& material, const State& y, const Flow& f1, double h) {
  Flow f2 = model.evaluate(axpy(y, 0.5 * h, f1.rates));
  Flow f3 = model.evaluate(axpy(y, 0.5 * h, f2.rates));
  Flow f4 = model.evaluate(axpy(y, h, f3.rates));
  State next;
  for (int i = 0; i < N; ++i)
    next[i] = y[i] + h / 6.0 * (f1.rates[i] + 2.0 * f2.rates[i] + 2.0 * f3.rates[i] + f4.rates[i]);
  ThermalState th{next[TEMP], next[MASS]};
  settle_melting(material, th);
  next[TEMP] = th.temperature;
  next[MASS] = th.mass;
  return next;
}

void check_settings(const DemiseSettings& s, const EntryConditions& e, double mass, double t0) {
  auto bad = [](const std::string& what) { throw InputError("demise_trajectory.cpp: fly_sphere: " + what); };
  if (!(mass > 0) || !std::isfinite(mass)) bad("mass must be finite and > 0 kg");
  if (!(t0 > 0) || !std::isfinite(t0)) bad("initial_temperature must be finite and > 0 K");
  if (!(e.altitude > 0) || !std::isfinite(e.altitude)) bad("entry altitude must be finite and > 0 m");
  if (!(e.speed > 0) || !std::isfinite(e.speed)) bad("entry speed must be finite and > 0 m/s");
  if (!(std::abs(e.flight_path_angle) < std::numbers::pi / 2)) bad("entry flight_path_angle must be within +-90 deg");
  if (!(s.step > 0) || !(s.max_time > s.step)) bad("step must be > 0 s and max_time larger than step");
  if (!(s.demise_mass_fraction > 0 && s.demise_mass_fraction < 1)) bad("demise_mass_fraction must be in (0, 1)");
  if (!(s.oxidation_factor >= 1) || !std::isfinite(s.oxidation_factor)) bad("oxidation_factor must be >= 1");
  if (!(s.free_molecular_drag > 0)) bad("free_molecular_drag must be > 0");
  if (!(s.sample_interval >= 0)) bad("sample_interval must be >= 0 s");
}

}  // namespace

DemiseResult fly_sphere(const ThermalMaterial& material, double mass, double initial_temperature,
                        const EntryConditions& entry, const DemiseSettings& settings) {
  material.validate();
  check_settings(settings, entry, mass, initial_temperature);
  Model model(material, mass, settings);
  DemiseResult result;
  State y{entry.altitude, entry.speed, entry.flight_path_angle, 0.0, initial_temperature, mass, 0.0, 0.0};
  double demise_mass = mass * settings.demise_mass_fraction;
  double t = 0, next_sample = 0, dt = settings.step;
  result.max_temperature = initial_temperature;

  auto sample = [&](const State& s, double time, double flux) {
    result.history.push_back({time, s[H], s[V], s[TEMP], s[MASS], flux});
  };
  auto finish = [&](const State& s, double time) {
    result.time = time;
    result.downrange = s[THETA] * earth_radius;
    result.heat_in = s[QIN];
    result.heat_radiated = s[QRAD];
    result.final_temperature = s[TEMP];
  };

  while (true) {
    Flow f1 = model.evaluate(y);
    result.peak_heat_flux = std::max(result.peak_heat_flux, f1.convective_flux);
    if (settings.sample_interval > 0 && t >= next_sample) {
      sample(y, t, f1.convective_flux);
      next_sample += settings.sample_interval;
    }
    // Near demise or impact the step halves (down to step / 1024) so that the crossing is located, and the heat
    // of the last step accounted, to a fraction of the step.
    double h = dt;
    State next = rk4_step(model, material, y, f1, h);
    while ((next[MASS] <= demise_mass || next[H] <= 0.0) && h > dt / 1024.0) {
      h *= 0.5;
      next = rk4_step(model, material, y, f1, h);
    }
    for (double x : next)
      if (!std::isfinite(x))
        throw InputError("demise_trajectory.cpp: fly_sphere: the state is not finite at t = " + std::to_string(t) +
                         " s (altitude " + std::to_string(y[H]) + " m, temperature " + std::to_string(y[TEMP]) +
                         " K, mass " + std::to_string(y[MASS]) + " kg)");
    if (result.melt_onset_altitude < 0 && next[TEMP] >= material.melting_temperature)
      result.melt_onset_altitude = next[H];
    result.max_temperature = std::max(result.max_temperature, next[TEMP]);

    if (next[MASS] <= demise_mass) {
      double s = (y[MASS] - demise_mass) / (y[MASS] - next[MASS]);
      State at = axpy(y, s, axpy(next, -1.0, y));  // y + s (next - y)
      result.demised = true;
      result.demise_altitude = at[H];
      result.final_mass = 0.0;
      finish(at, t + s * h);
      result.final_temperature = material.melting_temperature;
      if (settings.sample_interval > 0) sample(at, result.time, f1.convective_flux);
      return result;
    }
    if (next[H] <= 0.0) {
      double s = y[H] / (y[H] - next[H]);
      State at = axpy(y, s, axpy(next, -1.0, y));
      result.final_mass = at[MASS];
      result.impact_speed = at[V];
      finish(at, t + s * h);
      if (settings.sample_interval > 0) sample(at, result.time, f1.convective_flux);
      return result;
    }
    y = next;
    t += h;
    if (t > settings.max_time)
      throw InputError("demise_trajectory.cpp: fly_sphere: neither demise nor impact after max_time = " +
                       std::to_string(settings.max_time) + " s (altitude " + std::to_string(y[H]) + " m)");
  }
}

}  // namespace deorbit

#include "deorbit/reentry/thermal.h"

#include <algorithm>
#include <cmath>

#include "deorbit/base/error.h"
#include "deorbit/reentry/heating.h"

namespace deorbit {
namespace {

void require(bool ok, const std::string& material, const char* field, const char* expected) {
  if (!ok) throw InputError("thermal material '" + material + "': " + field + ": expected " + expected);
}

}  // namespace

void ThermalMaterial::validate() const {
  require(density > 0 && std::isfinite(density), name, "density", "a finite value > 0 kg/m^3");
  require(melting_temperature > 0 && std::isfinite(melting_temperature), name, "melting_temperature",
          "a finite value > 0 K");
  require(heat_of_fusion > 0 && std::isfinite(heat_of_fusion), name, "heat_of_fusion", "a finite value > 0 J/kg");
  require(static_cast<bool>(specific_heat_of_t) || (specific_heat > 0 && std::isfinite(specific_heat)), name,
          "specific_heat", "a finite value > 0 J/(kg K) or a function of temperature");
  require(emissivity >= 0 && emissivity <= 1, name, "emissivity", "a value in [0, 1]");
}

double ThermalMaterial::specific_heat_at(double temperature) const {
  if (!specific_heat_of_t) return specific_heat;
  double c = specific_heat_of_t(temperature);
  if (!(c > 0) || !std::isfinite(c))
    throw InputError("thermal material '" + name + "': specific_heat_of_t: not a finite value > 0 at T = " +
                     std::to_string(temperature) + " K");
  return c;
}

ThermalRates thermal_rates(const ThermalMaterial& material, const ThermalState& state, double net_power) {
  if (!std::isfinite(net_power)) throw InputError("thermal.cpp: thermal_rates: net heating power is not finite");
  if (!(state.mass > 0)) return {};
  if (state.temperature >= material.melting_temperature && net_power > 0)
    return {0.0, -net_power / material.heat_of_fusion};
  return {net_power / (state.mass * material.specific_heat_at(state.temperature)), 0.0};
}

double settle_melting(const ThermalMaterial& material, ThermalState& state) {
  if (!(state.temperature > material.melting_temperature) || !(state.mass > 0)) return 0.0;
  double excess = state.mass * material.specific_heat_at(material.melting_temperature) *
                  (state.temperature - material.melting_temperature);
  double melted = std::min(state.mass, excess / material.heat_of_fusion);
  state.mass -= melted;
  state.temperature = material.melting_temperature;
  return melted;
}

double implicit_thermal_step(const ThermalMaterial& material, ThermalState& state, double heat_input,
                             double radiating_area, double ambient_temperature, double dt) {
  if (!std::isfinite(heat_input) || !(dt >= 0))
    throw InputError("thermal.cpp: implicit_thermal_step: heat input not finite or negative step");
  if (!(state.mass > 0) || dt == 0) return 0.0;
  const double t0 = state.temperature, tm = material.melting_temperature;
  const double capacity = state.mass * material.specific_heat_at(t0);  // [J/K]
  const double k = material.emissivity * stefan_boltzmann * radiating_area;  // [W/K^4]
  const double ta4 = std::pow(ambient_temperature, 4);
  const double rad0 = k * (t0 * t0 * t0 * t0 - ta4);
  // theta-method: the radiated power weighted (1 - theta) at T0 and theta at T1. Trapezoidal (theta = 1/2, second
  // order) while the step is shorter than the radiative time constant C / (4 k T0^3); backward Euler (theta = 1,
  // L-stable) beyond it, where the trapezoid would ring.
  const double tau = capacity / std::max(4.0 * k * t0 * t0 * t0, 1e-300);
  const double theta = dt < tau ? 0.5 : 1.0;
  // f(T) = C (T - T0) - dt (P - (1 - theta) rad0 - theta k (T^4 - Ta^4)) increases with T and is convex (T > 0).
  auto f = [&](double t) {
    return capacity * (t - t0) - dt * (heat_input - (1.0 - theta) * rad0 - theta * k * (t * t * t * t - ta4));
  };
  if (f(tm) < 0) {  // even at T_m the step leaves energy over: melt with it
    double excess = -f(tm);
    double melted = std::min(state.mass, excess / material.heat_of_fusion);
    state.mass -= melted;
    state.temperature = tm;
    return melted;
  }
  // Newton from T_m (where f >= 0) downwards: for a convex increasing f the iterates stay right of the root and
  // converge monotonically.
  double t = tm;
  for (int i = 0; i < 60; ++i) {
    double slope = capacity + 4.0 * dt * theta * k * t * t * t;
    double next = t - f(t) / slope;
    if (next <= 0) next = 0.5 * t;  // the root is > 0 when f(0) < 0; keep T > 0 whatever
    bool converged = std::abs(next - t) <= 1e-9 * t;
    t = next;
    if (converged) break;
  }
  state.temperature = t;
  return 0.0;
}

}  // namespace deorbit

#include "deorbit/reentry/thermal.h"

#include <algorithm>
#include <cmath>

#include "deorbit/base/error.h"

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

}  // namespace deorbit

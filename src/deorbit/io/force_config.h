// The force-model file of `deorbit propagate --numerical --forces FILE.yaml`: which forces, which spacecraft, which
// integrator settings. Keys carry their unit in their name (mass_kg, drag_area_m2); unknown keys are refused.
#pragma once

#include <memory>
#include <string>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/propagate/numerical_propagator.h"

namespace deorbit {

//! Reads a force-model file and builds the propagator settings. `weather` feeds drag (SpaceWeather::embedded() with
//! a warning when the caller has none). Throws InputError naming file, line, column and key on any problem.
[[nodiscard]] NumericalPropagatorSettings read_force_config(const std::string& path,
                                                            std::shared_ptr<const SpaceWeather> weather);
//! The same from YAML text (label names it in messages).
[[nodiscard]] NumericalPropagatorSettings parse_force_config(const std::string& yaml, const std::string& label,
                                                             std::shared_ptr<const SpaceWeather> weather);

class YamlMap;
//! The same from a mapping inside a larger file (a scenario's `forces` section): errors name that file and line.
[[nodiscard]] NumericalPropagatorSettings force_config_from(const YamlMap& section,
                                                            std::shared_ptr<const SpaceWeather> weather);

//! The file format, for --help and docs: every key with its unit and default.
[[nodiscard]] std::string force_config_reference();

}  // namespace deorbit

// The planner's test case: a 250 km circular orbit at 51.6 deg, point-mass gravity and drag in an exponential
// atmosphere (quick and smooth), a 466 t stack with 30 Dracos and 16 t of propellant, two lowering burns.
#pragma once

#include <cmath>
#include <memory>

#include "deorbit/atmosphere/exponential.h"
#include "deorbit/base/constants.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/maneuver/deorbit_planner.h"

namespace deorbit {

inline const Epoch t0 = Epoch::from_iso("2030-01-01T00:00:00");

struct PlannerCase {
  NumericalPropagatorSettings forces;
  DeorbitVehicle vehicle{"test vehicle", {Engine{"Draco", 400.0, 300.0, 30}}, 16000.0};
  PlannerSettings settings;
  StateVector start;
  double mass = 466000.0;
  PlannerCase() {
    forces.forces = {std::make_shared<PointMassGravity>(constants::mu_earth),
                     std::make_shared<Drag>(std::make_shared<ExponentialAtmosphere>(), nullptr)};
    forces.spacecraft.drag_area = 1500.0;
    forces.spacecraft.drag_coefficient = 2.2;
    forces.position_tolerance = 0.1;
    settings.target_perigees = {200e3, 160e3};
    settings.final_perigee = 40e3;
    settings.burn_spacing = 3 * 3600.0;
    settings.final_window = 6000.0;
    settings.final_scan_step = 300.0;
    settings.max_burn_duration = 3600.0;
    settings.perigee_tolerance = 100.0;
    double r0 = constants::wgs84_a + 250e3, v0 = std::sqrt(constants::mu_earth / r0), i = 51.6 * constants::deg;
    start = {t0, Frame::GCRF, Vec3(r0, 0, 0), Vec3(0, v0 * std::cos(i), v0 * std::sin(i))};
  }
  [[nodiscard]] DeorbitPlanner planner() const { return DeorbitPlanner(forces, vehicle, settings); }
};

}  // namespace deorbit

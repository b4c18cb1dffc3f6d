// The quick plan scenario of the CLI tests (plan, contingencies): a Progress-class vehicle from a 230 km orbit, one
// lowering burn, a short final-ignition window (the footprint need not reach the zone in it: the tests check the
// outputs, not the verdict), listed fragments and a coarse gravity field; a whole plan takes a fraction of a second.
#pragma once

#include <string>

namespace deorbit::testing {

inline const std::string kQuick = R"(name: quick plan
orbit:
  keplerian: {epoch_utc: 2031-01-15T00:00:00, perigee_height_km: 228, apogee_height_km: 232, inclination_deg: 51.64,
              raan_deg: 120}
station: {name: test stack, mass_kg: 20000, drag_area_m2: 60, drag_coefficient: 2.2}
vehicles:
  - {name: tug, dry_mass_kg: 1000, propellant_kg: 2000, engines: [{name: main, thrust_n: 3000, isp_s: 300}]}
strategy:
  target_perigees_km: [200]
  burn_spacing_h: 2
  final_perigee_km: 20
  final_window_h: 3
  final_scan_step_s: 300
fragments:
  - {name: light, mass_kg: 5, ballistic_coefficient_kg_m2: 10, count: 3}
  - {name: heavy, mass_kg: 50, ballistic_coefficient_kg_m2: 500}
target_zone: {default: south-pacific}
forces:
  gravity: {field: egm96, degree: 4}
  drag: {atmosphere: nrlmsise00}
)";

}  // namespace deorbit::testing

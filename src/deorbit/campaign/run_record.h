// One run of a Monte Carlo campaign as it is stored and summed up: what was sampled, and what came down where.
// SI units and radians throughout; the store (campaign/run_store.h) and the statistics (campaign/statistics.h)
// read and write exactly these fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace deorbit {

//! A surviving object (or listed fragment) of one run on the ground.
struct ImpactRecord {
  int object = 0;               //!< index in the run's object list (tree objects, then fragments)
  double latitude = 0;          //!< [rad] geodetic
  double longitude = 0;         //!< [rad]
  double mass = 0;              //!< [kg] of one copy as it lands
  double kinetic_energy = 0;    //!< [J] of one copy at impact
  double casualty_area = 0;     //!< [m^2] of one copy (0 below the 15 J threshold)
  int count = 1;                //!< identical copies landing at this point
  //! Above the 15 J casualty threshold (NASA-STD-8719.14): counts for the footprint and the zone.
  [[nodiscard]] bool hazardous() const { return casualty_area > 0; }
};

enum class RunStatus : int {
  ok = 0,      //!< the run came down; its outcome is complete
  failed = 1,  //!< the run could not be completed (message says why); it counts as an escape from the zone
};

struct RunRecord {
  std::int64_t run = 0;       //!< run number, 0-based; with the seed it fixes every sampled input
  RunStatus status = RunStatus::ok;
  std::string message;        //!< why it failed (empty when ok)
  //! ln(p(x) / q(x)) of importance sampling (the nominal density over the sampling density at the inputs); 0 for
  //! plain Monte Carlo. A run's weight is exp(log_weight).
  double log_weight = 0;
  std::string inputs_json;    //!< the sampled scalar inputs, as a JSON object (campaign/dispersions.h)
  //! The sampled per-object and per-material factors (SampledInputs::factors()): mass factors of each object kind,
  //! then area factors, then 3 per material; empty when not dispersed.
  std::vector<double> input_factors;
  // Breakup (the root object's breakup, or the plan's breakup altitude without a tree)
  double breakup_time = 0;       //!< [s] since the campaign's reference epoch (the nominal breakup)
  double breakup_latitude = 0;   //!< [rad]
  double breakup_longitude = 0;  //!< [rad]
  double breakup_altitude = 0;   //!< [m]
  double breakup_speed = 0;      //!< [m/s] relative to the Earth
  double breakup_flight_path_angle = 0;  //!< [rad] relative to the Earth, negative descending
  // Outcome
  std::vector<ImpactRecord> impacts;   //!< every surviving object, hazardous or not
  double surviving_mass = 0;           //!< [kg] landed mass, counts included
  double expected_casualties = 0;      //!< [-] E_c of this run over the population grid
  bool inside = false;                 //!< ok, and every hazardous impact lies inside the target zone
  double min_margin = 0;               //!< [m] smallest distance of a hazardous impact inside the zone's edge (< 0 out)
  bool land_impact = false;            //!< a hazardous impact on land
  double min_distance_to_land = 0;     //!< [m] of the hazardous impacts (0 on land; +inf with none)
  [[nodiscard]] bool near_land(double distance = 370e3) const { return min_distance_to_land < distance; }
};

}  // namespace deorbit

// The scenario file of `deorbit plan` (YAML): the orbit, the stack and its deorbit vehicles, the strategy of the
// burns, the breakup, the fragments, the target zone, the force model and the outputs. Keys carry their unit in
// their name (mass_kg, altitude_km); unknown keys, missing values and impossible values are refused with the file,
// line, column and key. The format is documented in docs/plan.md and by `deorbit plan --explain`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/campaign/dispersions.h"
#include "deorbit/forces/spacecraft.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/maneuver/deorbit_planner.h"
#include "deorbit/maneuver/fixed_plan.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/reentry/fragment.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/reentry/spacecraft_object.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit {

//! Where the initial orbit comes from.
struct OrbitSource {
  enum class Kind { Embedded, Tle, Omm, Opm, Keplerian };
  Kind kind = Kind::Embedded;
  std::string file;                      //!< TLE/OMM/OPM path (resolved against the scenario's folder)
  std::optional<std::uint32_t> norad;    //!< catalogue number to pick from a TLE/OMM file
  // Keplerian elements in GCRF (osculating) at `epoch`:
  Epoch epoch;
  double perigee_height = 0;   //!< [m] above the WGS84 equatorial radius
  double apogee_height = 0;    //!< [m] same
  double inclination = 0;      //!< [rad]
  double raan = 0;             //!< [rad]
  double arg_of_perigee = 0;   //!< [rad]
  double true_anomaly = 0;     //!< [rad]
};

//! The target zone: the embedded default (Tiangong-2's announced South Pacific box), a polygon, or a GeoJSON file.
struct TargetZoneSpec {
  enum class Kind { Default, Polygon, GeoJson };
  Kind kind = Kind::Default;
  std::string name;                                     //!< for a polygon
  std::vector<std::pair<double, double>> vertices_deg;  //!< [deg] (latitude, longitude) of a polygon
  std::string file;                                     //!< GeoJSON path (resolved)
};

//! One deorbit vehicle docked to the station.
struct VehicleSpec {
  std::string name;
  double dry_mass = 0;          //!< [kg] without propellant
  double propellant = 0;        //!< [kg] usable for the deorbit burns
  std::vector<Engine> engines;  //!< engines used for the deorbit burns
};

//! The `contingencies` section: how `deorbit plan` flies what may go wrong with the final burn (docs/contingencies.md).
struct ContingencySpec {
  //! [-] probability that the final burn fails (is missed): with it, the NASA-STD-8719.14 4.7-1c check (this times
  //! the uncontrolled re-entry's expected casualties below 1e-4); none: the largest probability that passes.
  std::optional<double> failure_probability;
  double cutoff_step = 0.05;  //!< [-] step of the premature cut-off sweep, as a fraction of the final burn
};

struct OutputSpec {
  double trajectory_step = 60.0;   //!< [s] of the OEM, CZML and plot samples
  std::string plot_format = "svg"; //!< svg or png
};

struct Scenario {
  std::string file;                //!< where it was read from (a path or "embedded iss-usdv.yaml")
  std::string name;                //!< title of the run
  OrbitSource orbit;
  std::optional<Epoch> start;      //!< start of the plan; none: the orbit's epoch
  std::string station_name = "station";
  Spacecraft station;              //!< mass of the station alone; areas and coefficients of the whole stack
  std::vector<VehicleSpec> vehicles;
  PlannerSettings strategy;        //!< includes the breakup altitude
  //! A given burn plan (`burns:`), flown as it is instead of planned; empty: the planner finds the burns.
  std::vector<GivenBurn> burns;
  std::vector<Fragment> fragments;  //!< pieces assumed to reach the ground (may be empty with an object tree)
  //! The station as a tree of objects flown with heating and demise (reentry/object_flight.h); empty: none.
  std::vector<SpacecraftObject> objects;
  std::string objects_file;        //!< where the tree was read from (resolved), empty when none
  ObjectFlightSettings demise;     //!< settings of the tree's flight (the `demise` section)
  TargetZoneSpec target_zone;
  NumericalPropagatorSettings forces;  //!< without the stack (filled from `station`) and without thrust
  std::string forces_yaml;         //!< the forces section as read (for --explain)
  std::string space_weather_file;  //!< empty: the embedded table
  std::shared_ptr<const SpaceWeather> weather;  //!< the table read (shared by the stack's drag and the descent)
  double descent_position_tolerance = 1.0;  //!< [m]
  double descent_sample_step = 10.0;        //!< [s]
  ContingencySpec contingencies;
  OutputSpec outputs;
  //! The `dispersions` block of `deorbit campaign` (Dispersions::defaults() when the file has none).
  Dispersions dispersions = Dispersions::defaults();
  std::string text;                //!< the scenario's YAML text as read (a campaign store records it)

  //! [kg] station plus vehicles with their propellant.
  [[nodiscard]] double stack_mass() const;
  //! The vehicles as the planner sees them: all engines together, propellant pooled.
  [[nodiscard]] DeorbitVehicle deorbit_vehicle() const;
  //! Each vehicle's propellant, for a given burn plan.
  [[nodiscard]] std::vector<VehiclePropellant> propellant() const;
};

//! What the command line overrides in a scenario while it is read (so that a table given on the command line is the
//! only one read, and the embedded table is neither loaded nor warned about).
struct ScenarioOverrides {
  std::string space_weather_file;  //!< replaces the scenario's space_weather_file when not empty
  //! when neither names a file: the cached SW-All.csv of `deorbit data update` if there is one (announced on
  //! stderr; datasets/resolve.h), else the embedded table
  bool cached_space_weather = false;
};

//! Reads a scenario file. Throws InputError naming file, line, column and key.
[[nodiscard]] Scenario read_scenario(const std::string& path, const ScenarioOverrides& overrides = {});
//! Reads scenario text; relative file names resolve against `folder`.
[[nodiscard]] Scenario parse_scenario(const std::string& yaml, const std::string& label, const std::string& folder,
                                      const ScenarioOverrides& overrides = {});
//! The embedded default scenario (examples/iss-usdv.yaml).
[[nodiscard]] Scenario default_scenario(const ScenarioOverrides& overrides = {});

//! The scenario with every default filled in, as YAML that read_scenario accepts.
[[nodiscard]] std::string explain_scenario(const Scenario& scenario);

//! The initial state (GCRF) at the scenario's start: the orbit source at its own epoch (SGP4 and TEME -> GCRF for
//! an element set), then moved to `start` by the numerical propagator when the start differs. Throws InputError.
[[nodiscard]] StateVector initial_state(const Scenario& scenario, const EarthOrientation& eop);

}  // namespace deorbit

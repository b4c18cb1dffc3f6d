// The flight of a spacecraft's object tree (spacecraft_object.h) from an entry state to the ground: every object
// flown, heated, melted, released and counted, as the object-oriented re-entry tools (NASA DAS/ORSAT, ESA
// DRAMA-SESAM) do.
//
// Flight: 3-DOF point mass in the Earth-fixed (ITRF) frame over the rotating WGS84 Earth: gravity mu/r^2 with J2
// (EGM96's C20), Coriolis and centrifugal terms, drag against the windless co-rotating atmosphere of the U.S.
// Standard Atmosphere 1976 (geodetic height; density, number density, speed of sound). No lift (tumbling objects).
//
// Drag of a tumbling convex object, referred to its mean cross-section A_i = S/4 (spacecraft_object.h): continuum
// Cd(M) of Henderson's sphere law (drag_coefficient_mach.h), free-molecular Cd = 2 (diffuse, cold wall, hypersonic),
// bridged by Knudsen number (rarefaction.h) over the object's characteristic length. One law for all shapes: in
// both limits the orientation-averaged drag of ANY convex body referred to S/4 is the sphere's (Newtonian pressure
// Cp_max cos^2 on each windward element averages to Cp_max S/8 of force, i.e. Cd = Cp_max/2 on S/4, as for a
// sphere; free-molecular incident momentum cos(theta) averages to S/4, Cd = 2). docs/demise.md gives the derivation
// and what it leaves out (Reynolds-number effects, the wall's re-emission).
//
// Heating: heating.h's surface-averaged flux, F k_ox bridge(q_DKR(R_ref), q_fm, Kn) over the whole outer surface,
// F = 1/4 (tumbling_average_factor), R_ref = heating_reference_radius of the shape, minus grey-body radiation.
// Thermal: one temperature per object (thermal.h's lumped-mass model). A solid object heats its whole mass and,
// melting, keeps its shape and density (all dimensions scale as mass^(1/3)). A hollow object heats its shell only
// (density x material volume, at most its mass: the rest is contents carried along), keeps its outer dimensions
// while the wall melts, and has demised when the shell has (its contents go with it). Demise: when the melting
// mass falls below demise_mass_fraction of its initial value.
//
// The tree: an object is flown from its release, at initial_temperature (300 K, the DAS/ORSAT convention). A root
// object with children is the spacecraft held together: it flies with the mass of the whole stack and is heated only
// from its breakup on (ORSAT/DAS start heating at breakup); a root without children is a single object, heated from
// the start. An object carries the mass of its unreleased children (heating only its own); they leave it as their
// `release` says: at its breakup_altitude, at their own release_altitude (crossed downwards), or when it has
// demised, with its position and velocity; after its breakup an object goes on as the object of its own mass and
// shape (a root whose shape stands for a whole station should have a negligible own mass: put what is to be flown
// into children). Children still attached when it lands land inside it (its carried_mass), not as debris of their
// own. Identical objects (count) are flown once and counted: the children of counted objects too.
//
// Integration: the trajectory by classical RK4 with mass and size frozen over a step; the temperature by an implicit
// (backward Euler) step of the radiated power with the heat input averaged over the step (trapezoid), so that a thin
// shell, whose thermal time constant can be milliseconds, stays stable; melting takes the energy above the melting
// temperature (thermal.h). Step: at most `max_step` while faster than 1.5 km/s, `max_slow_step` below, and at most
// half the drag time V/a. Release altitudes, demise and ground impact are located inside the step (the step is
// redone to the interpolated time for altitude events). Below 300 m/s, falling within 11 deg of the vertical with
// drag within 2 % of gravity, an object not melting is in terminal descent: it is then stepped in altitude (250 m)
// at its terminal speed sqrt(2 m g / (rho Cd A)), cooling by radiation, without the max_time limit.
#pragma once

#include <string>
#include <vector>

#include "deorbit/base/vector.h"
#include "deorbit/reentry/heating.h"
#include "deorbit/reentry/material.h"
#include "deorbit/reentry/spacecraft_object.h"

namespace deorbit {

//! Where the tree's flight starts: Earth-fixed position and velocity relative to the rotating Earth (and so to the
//! windless atmosphere).
struct EntryState {
  Vec3 position = Vec3::Zero();  //!< [m] ITRF
  Vec3 velocity = Vec3::Zero();  //!< [m/s] ITRF, relative to the rotating Earth
};

//! The Earth-fixed entry state at geodetic `latitude`, `longitude` [rad] and height `altitude` [m], moving at
//! `speed` [m/s] relative to the Earth with `flight_path_angle` [rad] above the local horizontal (negative
//! downwards) towards `azimuth` [rad] clockwise from north. Throws InputError for values out of range.
[[nodiscard]] EntryState entry_state_from(double altitude, double speed, double flight_path_angle, double latitude,
                                          double longitude, double azimuth);

//! How the Earth is modelled: the real one, or a spherical non-rotating one (radius 6371.0088 km, no J2, height
//! above the sphere) to compare against the planar model of demise_trajectory.h.
enum class FlightEarth { wgs84_rotating, spherical_nonrotating };

struct ObjectFlightSettings {
  double accommodation = default_accommodation;        //!< [-] free-molecular energy accommodation
  double oxidation_factor = default_oxidation_factor;  //!< [-] multiplies the convective flux; 1 = off
  double ambient_temperature = 300.0;   //!< [K] radiative sink
  double initial_temperature = 300.0;   //!< [K] of every object at its release
  double free_molecular_drag = 2.0;     //!< [-] Cd on A_i in free-molecular flow
  double drag_factor = 1.0;             //!< [-] multiplies every drag coefficient (campaign dispersions)
  double demise_mass_fraction = 1e-3;   //!< [-] demised below this fraction of the initial melting mass
  double max_step = 0.5;                //!< [s] step while faster than 1.5 km/s
  double max_slow_step = 4.0;           //!< [s] step below 1.5 km/s
  double max_time = 7200.0;             //!< [s] error if an object is neither demised nor down by then
  double ground_altitude = 0.0;         //!< [m] geodetic height of impact
  double sample_interval = 0.0;         //!< [s] spacing of each object's history (0: none kept)
  FlightEarth earth = FlightEarth::wgs84_rotating;
};

//! One point of an object's history.
struct ObjectSample {
  double time = 0;         //!< [s] since the start of the tree's flight
  double altitude = 0;     //!< [m] geodetic (or above the sphere)
  double speed = 0;        //!< [m/s] relative to the Earth
  double temperature = 0;  //!< [K]
  double mass = 0;         //!< [kg] own mass of one copy
};

//! What happened to one object of the tree (all its `count` identical copies).
struct ObjectOutcome {
  std::string name;            //!< the object's name
  std::string path;            //!< names from the root, joined by " / "
  int parent = -1;             //!< index of the parent's outcome (-1 for a root)
  long long count = 1;         //!< copies this outcome stands for (counts multiplied down the tree)
  Shape shape = Shape::sphere;
  std::string material;
  bool hollow = false;
  double initial_mass = 0;     //!< [kg] own mass of one copy, without children
  double release_time = 0;     //!< [s] since the start of the flight
  double release_altitude = 0; //!< [m]
  double heating_start_altitude = 0;  //!< [m] where its heating began (a root spacecraft: its breakup)
  bool demised = false;
  double demise_altitude = 0;  //!< [m] when demised
  double melt_onset_altitude = -1;  //!< [m] where it first reached its melting temperature; -1: never
  double max_temperature = 0;  //!< [K]
  double final_mass = 0;       //!< [kg] own mass of one copy at impact, 0 when demised
  //! [kg] children still attached at impact (per copy): they land inside it, unheated, and are not separate debris
  //! (a surviving battery box with its cells). 0 when demised (whatever it carried then was released).
  double carried_mass = 0;
  double cross_section = 0;    //!< [m^2] mean cross-section A_i at impact (or at demise)
  double end_time = 0;         //!< [s] of demise or impact since the start
  // At impact (not demised):
  double impact_speed = 0;        //!< [m/s] relative to the ground
  double impact_latitude = 0;     //!< [rad] geodetic
  double impact_longitude = 0;    //!< [rad]
  double kinetic_energy = 0;      //!< [J] 1/2 (final_mass + carried_mass) v^2 of one copy
  Vec3 impact_position = Vec3::Zero();  //!< [m] ITRF (or the sphere's frame) at impact
  Vec3 impact_velocity = Vec3::Zero();  //!< [m/s] relative to the Earth at impact
  std::vector<ObjectSample> history;  //!< every sample_interval from release (when asked), and the end

  //! [kg] what one copy brings to the ground: final_mass + carried_mass.
  [[nodiscard]] double landed_mass() const { return final_mass + carried_mass; }
};

struct TreeFlight {
  std::vector<ObjectOutcome> objects;  //!< parents before children, in tree order
  double initial_mass = 0;             //!< [kg] of the whole tree (counts included)
  double surviving_mass = 0;           //!< [kg] sum of count x landed_mass()
  long long flights = 0;               //!< objects actually integrated (identical copies flown once)
};

//! Flies every root of `roots` from `start` (each root alone, from the same state). Throws InputError naming the
//! object for an unknown material, impossible dimensions or settings, an entry below the ground, or an object not
//! down within max_time.
[[nodiscard]] TreeFlight fly_object_tree(const std::vector<SpacecraftObject>& roots, const MaterialDatabase& materials,
                                         const EntryState& start, const ObjectFlightSettings& settings = {});

}  // namespace deorbit

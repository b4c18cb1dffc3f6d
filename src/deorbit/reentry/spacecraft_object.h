// The spacecraft as a tree of objects, as the object-oriented re-entry tools (NASA DAS/ORSAT, ESA DRAMA-SARA) model
// it: each object a simple shape of one material, released from its parent at the parent's breakup altitude (78 km
// by default, the ORSAT/DAS convention), at an altitude of its own, or when its parent has demised. This file holds
// the types and the geometry; io/object_tree.h reads them from YAML. Heating and demise are not modelled yet.
#pragma once

#include <string>
#include <vector>

#include "deorbit/reentry/material.h"

namespace deorbit {

enum class Shape { sphere, cylinder, box, flat_plate };
enum class Release {
  parent_breakup,  //!< when the parent breaks up, at the parent's breakup_altitude
  altitude,        //!< at its own release_altitude (solar arrays and radiators: 90-95 km)
  parent_demise,   //!< when the parent has melted away
};

//! [m] Breakup altitude of a parent whose file gives none: the ORSAT/DAS convention.
inline constexpr double kDefaultBreakupAltitude = 78e3;
//! Largest relative difference between a solid object's mass and density x volume (see check_mass).
inline constexpr double kMassTolerance = 0.10;

struct SpacecraftObject {
  std::string name;
  Shape shape = Shape::sphere;
  double diameter = 0;        //!< [m] sphere, cylinder
  double length = 0;          //!< [m] cylinder (along the axis), box, flat plate
  double width = 0;           //!< [m] box, flat plate
  double height = 0;          //!< [m] box
  double thickness = 0;       //!< [m] flat plate
  double wall_thickness = 0;  //!< [m] > 0: a closed hollow shell (sphere, cylinder with end caps, box)
  double mass = 0;            //!< [kg] one object, without its children
  std::string material;       //!< a name of the material database
  int count = 1;              //!< identical objects (each with the children below)
  //! Mass and dimensions taken as given (DAS convention), without the density x volume check: for lumped objects
  //! such as a rack or a battery box whose mean density is not the material's.
  bool mass_as_given = false;
  double breakup_altitude = kDefaultBreakupAltitude;  //!< [m] where it releases its parent_breakup children
  Release release = Release::parent_breakup;         //!< how it leaves its parent (unused for a root object)
  double release_altitude = 0;                        //!< [m] when release == Release::altitude
  std::vector<SpacecraftObject> children;

  [[nodiscard]] bool hollow() const { return wall_thickness > 0; }
};

[[nodiscard]] const char* to_string(Shape shape);
[[nodiscard]] const char* to_string(Release release);

//! [m^3] Volume enclosed by the outer surface.
[[nodiscard]] double outer_volume(const SpacecraftObject& object);
//! [m^3] Volume of material: the outer volume, less the inner cavity of a hollow object (inner dimensions are the
//! outer ones less twice the wall thickness).
[[nodiscard]] double material_volume(const SpacecraftObject& object);
//! [m^2] Outer surface area (a cylinder's includes its two end faces, a plate's its four edges).
[[nodiscard]] double surface_area(const SpacecraftObject& object);
//! [m^2] Mean cross-section A_i of the object tumbling at random: a quarter of its surface area, Cauchy's theorem
//! for convex bodies (the mean of the projected area over uniformly distributed orientations). For a sphere this is
//! pi r^2. A_i enters the casualty area A_c = (0.6 m + sqrt(A_i))^2.
[[nodiscard]] double mean_cross_section(const SpacecraftObject& object);

//! The mass check of an object against its material.
struct MassCheck {
  bool checked = false;     //!< false when the mass is taken as given
  bool consistent = true;
  double expected_min = 0;  //!< [kg] smallest mass the shape and material allow
  double expected_max = 0;  //!< [kg] largest
  std::string rule;         //!< the rule applied, for messages
};
//! Solid object: |m - rho V| <= kMassTolerance rho V. Hollow object: its shell alone weighs rho V_material, the rest
//! may be contents (a tank and its fluid), so (1 - tol) rho V_material <= m <= (1 + tol) rho V_outer. Objects with
//! mass_as_given are not checked.
[[nodiscard]] MassCheck check_mass(const SpacecraftObject& object, const Material& material);

//! Why the dimensions cannot describe the shape (e.g. a wall thicker than the radius), or empty when they can.
[[nodiscard]] std::string geometry_problem(const SpacecraftObject& object);

//! [kg] count x (mass + total mass of the children), recursively.
[[nodiscard]] double total_mass(const SpacecraftObject& object);
//! [m] The highest altitude at which anything leaves the root: its breakup altitude, or a higher release_altitude of
//! an object below it (solar arrays at 95 km). Where a flight of the tree must start at the latest.
[[nodiscard]] double first_release_altitude(const SpacecraftObject& root);
//! Number of objects in the tree, counts multiplied down the tree.
[[nodiscard]] long long total_count(const SpacecraftObject& object);

}  // namespace deorbit

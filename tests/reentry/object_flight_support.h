// Objects and entry states for the object-flight tests: a solid sphere of a material and mass, and an entry at 122 km
// on the sphere of radius 6371.0088 km (the non-rotating, spherical Earth the planar reference models use).
#pragma once

#include <cmath>
#include <numbers>
#include <string>

#include "deorbit/reentry/material.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/reentry/spacecraft_object.h"

namespace deorbit::testing {

//! A solid sphere of `material` with `mass` [kg], its diameter from the material's density.
inline SpacecraftObject solid_sphere(const std::string& material, double mass) {
  const Material& m = MaterialDatabase::embedded().material(material);
  SpacecraftObject o;
  o.name = material + " sphere";
  o.shape = Shape::sphere;
  o.material = material;
  o.mass = mass;
  o.diameter = std::cbrt(6.0 * mass / (std::numbers::pi * m.density));
  return o;
}

//! The entry at 122 km with `speed` [m/s] at flight-path angle `gamma` [rad] (negative: descending).
inline EntryState spherical_entry(double speed, double gamma) {
  EntryState e;
  e.position = Vec3(6371008.8 + 122e3, 0, 0);
  e.velocity = speed * Vec3(std::sin(gamma), std::cos(gamma), 0);
  return e;
}

}  // namespace deorbit::testing

#include "deorbit/reentry/spacecraft_object.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace deorbit {
namespace {

constexpr double pi = std::numbers::pi;

// The same shape with every dimension reduced by twice the wall (the cavity of a hollow object).
SpacecraftObject cavity(const SpacecraftObject& o) {
  SpacecraftObject in = o;
  const double w2 = 2 * o.wall_thickness;
  in.wall_thickness = 0;
  in.diameter = o.diameter - w2;
  in.length = o.length - w2;
  in.width = o.width - w2;
  in.height = o.height - w2;
  return in;
}

}  // namespace

const char* to_string(Shape shape) {
  switch (shape) {
    case Shape::sphere: return "sphere";
    case Shape::cylinder: return "cylinder";
    case Shape::box: return "box";
    case Shape::flat_plate: return "flat_plate";
  }
  return "?";
}

const char* to_string(Release release) {
  switch (release) {
    case Release::parent_breakup: return "parent_breakup";
    case Release::altitude: return "altitude";
    case Release::parent_demise: return "parent_demise";
  }
  return "?";
}

double outer_volume(const SpacecraftObject& o) {
  switch (o.shape) {
    case Shape::sphere: return pi / 6 * o.diameter * o.diameter * o.diameter;
    case Shape::cylinder: return pi / 4 * o.diameter * o.diameter * o.length;
    case Shape::box: return o.length * o.width * o.height;
    case Shape::flat_plate: return o.length * o.width * o.thickness;
  }
  return 0;
}

double material_volume(const SpacecraftObject& o) {
  if (!o.hollow()) return outer_volume(o);
  return outer_volume(o) - outer_volume(cavity(o));
}

double surface_area(const SpacecraftObject& o) {
  switch (o.shape) {
    case Shape::sphere: return pi * o.diameter * o.diameter;
    case Shape::cylinder: return pi * o.diameter * o.length + pi / 2 * o.diameter * o.diameter;
    case Shape::box: return 2 * (o.length * o.width + o.length * o.height + o.width * o.height);
    case Shape::flat_plate: return 2 * (o.length * o.width + (o.length + o.width) * o.thickness);
  }
  return 0;
}

double mean_cross_section(const SpacecraftObject& o) { return surface_area(o) / 4; }

MassCheck check_mass(const SpacecraftObject& o, const Material& m) {
  MassCheck c;
  if (o.mass_as_given) return c;
  c.checked = true;
  if (o.hollow()) {
    c.expected_min = (1 - kMassTolerance) * m.density * material_volume(o);
    c.expected_max = (1 + kMassTolerance) * m.density * outer_volume(o);
    c.rule = fmt::format("hollow {} of {}: at least its shell, density x material volume ({:.6g} kg), at most the "
                         "solid object ({:.6g} kg), within {:g} %",
                         to_string(o.shape), m.name, m.density * material_volume(o), m.density * outer_volume(o),
                         100 * kMassTolerance);
  } else {
    const double solid = m.density * outer_volume(o);
    c.expected_min = (1 - kMassTolerance) * solid;
    c.expected_max = (1 + kMassTolerance) * solid;
    c.rule = fmt::format("solid {} of {}: density x volume = {:.6g} kg within {:g} % (give wall_thickness_m for a "
                         "hollow object, or mass_as_given: true for a lumped one)",
                         to_string(o.shape), m.name, solid, 100 * kMassTolerance);
  }
  c.consistent = o.mass >= c.expected_min && o.mass <= c.expected_max;
  return c;
}

std::string geometry_problem(const SpacecraftObject& o) {
  if (!o.hollow()) return {};
  if (o.shape == Shape::flat_plate) return "a flat plate has no wall: its thickness_m is the whole plate";
  double smallest = 0;
  switch (o.shape) {
    case Shape::sphere: smallest = o.diameter; break;
    case Shape::cylinder: smallest = std::min(o.diameter, o.length); break;
    case Shape::box: smallest = std::min({o.length, o.width, o.height}); break;
    case Shape::flat_plate: break;
  }
  if (2 * o.wall_thickness >= smallest)
    return fmt::format("a wall of {:g} m leaves no cavity in a {} whose smallest dimension is {:g} m "
                       "(the wall must be under half of it)",
                       o.wall_thickness, to_string(o.shape), smallest);
  return {};
}

namespace {
double highest_release(const SpacecraftObject& o) {
  double h = 0;
  for (const auto& c : o.children) {
    if (c.release == Release::altitude) h = std::max(h, c.release_altitude);
    h = std::max(h, highest_release(c));
  }
  return h;
}
}  // namespace

double first_release_altitude(const SpacecraftObject& root) {
  return std::max(root.breakup_altitude, highest_release(root));
}

double total_mass(const SpacecraftObject& o) {
  double m = o.mass;
  for (const auto& c : o.children) m += total_mass(c);
  return o.count * m;
}

long long total_count(const SpacecraftObject& o) {
  long long n = 1;
  for (const auto& c : o.children) n += total_count(c);
  return o.count * n;
}

}  // namespace deorbit

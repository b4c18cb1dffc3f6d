#include "deorbit/io/object_tree.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"

namespace deorbit {
namespace {

// [m] Dimension bounds: a millimetre foil to the largest module truss; they catch unit slips (mm given as m).
constexpr double kMinDimension = 1e-6;
constexpr double kMaxDimension = 200;

struct Dimension {
  const char* key;
  double SpacecraftObject::*field;
};
constexpr std::array<Dimension, 5> kDimensions{{{"diameter_m", &SpacecraftObject::diameter},
                                                {"length_m", &SpacecraftObject::length},
                                                {"width_m", &SpacecraftObject::width},
                                                {"height_m", &SpacecraftObject::height},
                                                {"thickness_m", &SpacecraftObject::thickness}}};

std::vector<std::string> dimensions_of(Shape shape) {
  switch (shape) {
    case Shape::sphere: return {"diameter_m"};
    case Shape::cylinder: return {"diameter_m", "length_m"};
    case Shape::box: return {"length_m", "width_m", "height_m"};
    case Shape::flat_plate: return {"length_m", "width_m", "thickness_m"};
  }
  return {};
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Shape shape_of(const std::string& s) {
  if (s == "sphere") return Shape::sphere;
  if (s == "cylinder") return Shape::cylinder;
  if (s == "box") return Shape::box;
  return Shape::flat_plate;
}

}  // namespace

SpacecraftObject read_object(const YamlMap& map, const MaterialDatabase& materials, bool root) {
  SpacecraftObject o;
  if (!map.has("name")) map.error("name", "the object's name");
  o.name = map.text_or("name", "");
  if (o.name.empty()) map.error("name", "a non-empty name");

  if (!map.has("shape")) map.error("shape", "one of sphere, cylinder, box, flat_plate");
  o.shape = shape_of(map.text_or("shape", "", {"sphere", "cylinder", "box", "flat_plate"}));
  const auto wanted = dimensions_of(o.shape);
  for (const Dimension& d : kDimensions) {
    const bool used = std::find(wanted.begin(), wanted.end(), d.key) != wanted.end();
    if (used) {
      o.*d.field = map.number(d.key, "m", kMinDimension, kMaxDimension);
    } else if (map.has(d.key)) {
      map.error(d.key, fmt::format("no {} for a {}: its dimensions are {}", d.key, to_string(o.shape), join(wanted)));
    }
  }
  if (map.has("wall_thickness_m")) {
    if (o.shape == Shape::flat_plate)
      map.error("wall_thickness_m", "no wall_thickness_m for a flat_plate: thickness_m is the whole plate");
    o.wall_thickness = map.number("wall_thickness_m", "m", kMinDimension, kMaxDimension);
    if (std::string why = geometry_problem(o); !why.empty()) map.error("wall_thickness_m", why);
  }

  o.mass = map.number("mass_kg", "kg", 1e-6, 1e6);
  if (!map.has("material")) map.error("material", "a material name, one of " + join(materials.names()));
  o.material = map.text_or("material", "");
  const Material* material = materials.find(o.material);
  if (!material) map.error("material", "a material name, one of " + join(materials.names()));
  o.count = map.integer_or("count", 1, 1, 1000000);
  o.mass_as_given = map.flag_or("mass_as_given", false);

  MassCheck check = check_mass(o, *material);
  if (!check.consistent)
    map.error("mass_kg", fmt::format("a mass in [{:.6g}, {:.6g}] kg ({})", check.expected_min, check.expected_max,
                                     check.rule));

  o.breakup_altitude = 1e3 * map.number_or("breakup_altitude_km", kDefaultBreakupAltitude / 1e3, "km", 1, 200);

  if (root) {
    for (const char* key : {"release", "release_altitude_km"})
      if (map.has(key)) map.error(key, fmt::format("no {} for a top-level object: it is not released from a parent", key));
  } else {
    const std::string release =
        map.text_or("release", map.has("release_altitude_km") ? "altitude" : "parent_breakup",
                    {"parent_breakup", "altitude", "parent_demise"});
    if (release == "altitude") {
      o.release = Release::altitude;
      if (!map.has("release_altitude_km"))
        map.error("release_altitude_km", "the release altitude in km, for release: altitude");
      o.release_altitude = 1e3 * map.number("release_altitude_km", "km", 1, 200);
    } else {
      o.release = release == "parent_demise" ? Release::parent_demise : Release::parent_breakup;
      if (map.has("release_altitude_km"))
        map.error("release_altitude_km", "no release_altitude_km with release: " + release + " (or release: altitude)");
    }
  }

  for (const YamlMap& child : map.map_list("children")) o.children.push_back(read_object(child, materials, false));
  map.refuse_unknown_keys();
  return o;
}

std::vector<SpacecraftObject> read_object_list(const YamlMap& map, const std::string& key,
                                               const MaterialDatabase& materials) {
  std::vector<SpacecraftObject> out;
  for (const YamlMap& item : map.map_list(key)) out.push_back(read_object(item, materials, true));
  if (out.empty()) map.error(key, "a non-empty list of objects");
  return out;
}

EntryInput read_entry(const YamlMap& map) {
  auto value = [&map](const char* key, const char* unit, double min, double max, double scale) -> std::optional<double> {
    // number_or on an absent key only records it as known (for the list of keys in an unknown-key error).
    if (!map.has(key)) return (void)map.number_or(key, 0, unit, min, max), std::nullopt;
    return scale * map.number(key, unit, min, max);
  };
  EntryInput e;
  e.altitude = value("altitude_km", "km", 1, 1000, 1e3);
  e.speed = value("speed_mps", "m/s", 1, 20000, 1.0);
  e.flight_path_angle = value("flight_path_angle_deg", "deg", -90, 90, constants::deg);
  e.latitude = value("latitude_deg", "deg", -90, 90, constants::deg);
  e.longitude = value("longitude_deg", "deg", -180, 360, constants::deg);
  e.azimuth = value("azimuth_deg", "deg", 0, 360, constants::deg);
  map.refuse_unknown_keys();
  return e;
}

namespace {

ObjectsFile read_document(const YamlMap& y, const MaterialDatabase& materials) {
  ObjectsFile out;
  out.objects = read_object_list(y, "objects", materials);
  if (auto entry = y.map("entry")) out.entry = read_entry(*entry);
  y.refuse_unknown_keys();
  return out;
}

}  // namespace

ObjectsFile load_objects_document(const std::string& path, const MaterialDatabase& materials) {
  return read_document(YamlMap::load_file(path), materials);
}

ObjectsFile load_objects_document_text(const std::string& text, const std::string& label,
                                       const MaterialDatabase& materials) {
  return read_document(YamlMap::load_text(text, label), materials);
}

std::vector<SpacecraftObject> load_objects_file(const std::string& path, const MaterialDatabase& materials) {
  return load_objects_document(path, materials).objects;
}

std::vector<SpacecraftObject> load_objects_text(const std::string& text, const std::string& label,
                                                const MaterialDatabase& materials) {
  return load_objects_document_text(text, label, materials).objects;
}

}  // namespace deorbit

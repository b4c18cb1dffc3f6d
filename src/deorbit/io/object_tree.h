// Reader of spacecraft object trees (reentry/spacecraft_object.h) from YAML, units in the key names:
//
//   objects:
//     - name: tank
//       shape: cylinder            # sphere | cylinder | box | flat_plate
//       diameter_m: 1.0            # sphere, cylinder
//       length_m: 2.0              # cylinder, box, flat_plate
//       wall_thickness_m: 0.004    # optional: a closed hollow shell
//       mass_kg: 120
//       material: Ti-6Al-4V        # a name of the material database
//       count: 2                   # optional, default 1
//       breakup_altitude_km: 78    # optional, where it releases its children, default 78
//       children: [...]            # optional, objects with `release: parent_breakup | altitude | parent_demise`
//                                  # and `release_altitude_km` for `altitude`
//   entry:                         # optional, for `deorbit demise`: where the flight starts; every key optional
//     altitude_km: 122
//     speed_mps: 7500              # relative to the rotating Earth
//     flight_path_angle_deg: -0.1
//     latitude_deg: 0
//     longitude_deg: 0
//     azimuth_deg: 90              # clockwise from north
//
// Every error names file, line, column and key (docs/demise.md gives the whole format).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deorbit/io/yaml_map.h"
#include "deorbit/reentry/material.h"
#include "deorbit/reentry/spacecraft_object.h"

namespace deorbit {

//! The optional `entry` mapping of an objects file, SI units; what it leaves out stays empty (the command's
//! defaults or options fill it in).
struct EntryInput {
  std::optional<double> altitude;           //!< [m] geodetic
  std::optional<double> speed;              //!< [m/s] relative to the rotating Earth
  std::optional<double> flight_path_angle;  //!< [rad] above the local horizontal, negative downwards
  std::optional<double> latitude;           //!< [rad] geodetic
  std::optional<double> longitude;          //!< [rad]
  std::optional<double> azimuth;            //!< [rad] clockwise from north
};

//! An objects file: its root objects and its entry (empty when the file has none).
struct ObjectsFile {
  std::vector<SpacecraftObject> objects;
  EntryInput entry;
};

//! One object mapping and its children. A root object (not released from a parent) refuses the release keys.
//! Throws InputError at the offending key: unknown or missing keys, a dimension the shape does not have, values out
//! of range, an unknown material (the message lists the known ones), a mass that does not fit the shape and material
//! (see check_mass), a wall that leaves no cavity.
[[nodiscard]] SpacecraftObject read_object(const YamlMap& map, const MaterialDatabase& materials, bool root);
//! The non-empty list of root objects under `key` of `map` (so a scenario file can hold an object tree).
[[nodiscard]] std::vector<SpacecraftObject> read_object_list(const YamlMap& map, const std::string& key,
                                                             const MaterialDatabase& materials);
//! The `entry` mapping of an objects file: keys altitude_km [1, 1000], speed_mps [1, 20000],
//! flight_path_angle_deg [-90, 90], latitude_deg [-90, 90], longitude_deg [-180, 360], azimuth_deg [0, 360], each
//! optional; unknown keys refused. Throws InputError at the offending key.
[[nodiscard]] EntryInput read_entry(const YamlMap& map);
//! A file with the top-level keys `objects` (required) and `entry` (optional).
[[nodiscard]] ObjectsFile load_objects_document(const std::string& path,
                                                const MaterialDatabase& materials = MaterialDatabase::embedded());
//! The same from text; `label` names it in errors.
[[nodiscard]] ObjectsFile load_objects_document_text(const std::string& text, const std::string& label,
                                                     const MaterialDatabase& materials = MaterialDatabase::embedded());
//! The objects of load_objects_document (the entry is checked too).
[[nodiscard]] std::vector<SpacecraftObject> load_objects_file(
    const std::string& path, const MaterialDatabase& materials = MaterialDatabase::embedded());
//! The same from text; `label` names it in errors.
[[nodiscard]] std::vector<SpacecraftObject> load_objects_text(
    const std::string& text, const std::string& label, const MaterialDatabase& materials = MaterialDatabase::embedded());

}  // namespace deorbit

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
//
// Every error names file, line, column and key (docs/demise.md gives the whole format).
#pragma once

#include <string>
#include <vector>

#include "deorbit/io/yaml_map.h"
#include "deorbit/reentry/material.h"
#include "deorbit/reentry/spacecraft_object.h"

namespace deorbit {

//! One object mapping and its children. A root object (not released from a parent) refuses the release keys.
//! Throws InputError at the offending key: unknown or missing keys, a dimension the shape does not have, values out
//! of range, an unknown material (the message lists the known ones), a mass that does not fit the shape and material
//! (see check_mass), a wall that leaves no cavity.
[[nodiscard]] SpacecraftObject read_object(const YamlMap& map, const MaterialDatabase& materials, bool root);
//! The non-empty list of root objects under `key` of `map` (so a scenario file can hold an object tree).
[[nodiscard]] std::vector<SpacecraftObject> read_object_list(const YamlMap& map, const std::string& key,
                                                             const MaterialDatabase& materials);
//! A file whose only top-level key is `objects`.
[[nodiscard]] std::vector<SpacecraftObject> load_objects_file(
    const std::string& path, const MaterialDatabase& materials = MaterialDatabase::embedded());
//! The same from text; `label` names it in errors.
[[nodiscard]] std::vector<SpacecraftObject> load_objects_text(
    const std::string& text, const std::string& label, const MaterialDatabase& materials = MaterialDatabase::embedded());

}  // namespace deorbit

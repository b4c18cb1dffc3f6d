// Materials of the objects a spacecraft breaks into: the properties the aerothermal demise model needs (density,
// melting temperature, heat of fusion, specific heat, emissivity), each with the source it comes from. The shipped
// database is data/materials.txt (embedded); its format and sources are described there and in docs/demise.md.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deorbit/reentry/thermal.h"

namespace deorbit {

//! The source key of each value of a material (keys of MaterialDatabase::sources()).
struct MaterialSources {
  std::string density;
  std::string melting_temperature;
  std::string heat_of_fusion;
  std::string specific_heat;
  std::string emissivity;
};

struct Material {
  std::string name;
  double density = 0;              //!< [kg/m^3]
  double melting_temperature = 0;  //!< [K] liquidus
  double heat_of_fusion = 0;       //!< [J/kg]
  double emissivity = 0;           //!< [-] total hemispherical, hot oxidised surface where the source gives one
  //! (T [K], c_p [J/(kg K)]) with increasing T; a single entry is a constant specific heat.
  std::vector<std::pair<double, double>> specific_heat_table;
  MaterialSources sources;

  //! [J/(kg K)] at temperature T [K]: linear between the table's points, the end values beyond them.
  [[nodiscard]] double specific_heat(double temperature) const;
  //! True when the specific heat is a single value, not a table by temperature.
  [[nodiscard]] bool constant_specific_heat() const { return specific_heat_table.size() == 1; }
};

//! The material as the thermal model's parameters (thermal.h); its c(T) table when it has one. The result refers to
//! `material`, which must outlive it.
[[nodiscard]] ThermalMaterial thermal_properties(const Material& material);

class MaterialDatabase {
 public:
  //! The database shipped with the program (data/materials.txt), parsed once.
  [[nodiscard]] static const MaterialDatabase& embedded();
  //! Parses a database in the format of data/materials.txt; `label` names the text in errors. Throws InputError
  //! naming label, line, column and field for any malformed line, unknown source key, duplicate name or missing
  //! table.
  [[nodiscard]] static MaterialDatabase parse(std::string_view text, const std::string& label);

  //! The material called `name` (exact spelling). Throws InputError listing the known names if there is none.
  [[nodiscard]] const Material& material(std::string_view name) const;
  [[nodiscard]] const Material* find(std::string_view name) const;
  //! Material names in file order.
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] const std::vector<Material>& materials() const { return materials_; }
  //! Mutable access for variants of the database (campaign dispersions of the heat figures); names must stay.
  [[nodiscard]] std::vector<Material>& materials() { return materials_; }
  //! Source key -> citation text, one per `source` line.
  [[nodiscard]] const std::map<std::string, std::string>& sources() const { return sources_; }

 private:
  std::vector<Material> materials_;
  std::map<std::string, std::string> sources_;
};

}  // namespace deorbit

// The atmosphere of a descent: NRLMSISE-00 above 86 km (with space weather), the U.S. Standard Atmosphere 1976 below.
// 86 km is where the standard's lower part (hydrostatic, molecular-scale temperature) ends; the two models differ
// there by season and latitude (NRLMSISE-00 from -30 % to +22 % of the standard's 6.958e-6 kg/m^3 at 150 W, latitudes
// 60 S to 70 N, mid-January and mid-July 2025, noon UTC: docs/validation-reentry.md), so the descent restarts its
// integrator at the switch.
#pragma once

#include <memory>
#include <string_view>

#include "deorbit/atmosphere/atmosphere.h"
#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/us_standard_1976.h"

namespace deorbit {

class DescentAtmosphere final : public Atmosphere {
 public:
  static constexpr double switch_height = 86e3;  //!< [m] geodetic height of the switch between the models
  [[nodiscard]] AtmosphereState evaluate(const AtmosphereInput& in) const override;
  [[nodiscard]] std::string_view name() const override { return "nrlmsise00 above 86 km, us76 below"; }

 private:
  Nrlmsise00 upper_;
  UsStandardAtmosphere1976 lower_;
};

}  // namespace deorbit

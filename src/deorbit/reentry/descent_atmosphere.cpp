// References: Picone et al. (2002) for NRLMSISE-00; NOAA-S/T 76-1562 (U.S. Standard Atmosphere, 1976).
#include "deorbit/reentry/descent_atmosphere.h"

namespace deorbit {

AtmosphereState DescentAtmosphere::evaluate(const AtmosphereInput& in) const {
  return in.place.height >= switch_height ? upper_.evaluate(in) : lower_.evaluate(in);
}

}  // namespace deorbit

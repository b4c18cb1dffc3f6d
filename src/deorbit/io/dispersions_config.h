// The `dispersions:` block of a scenario (campaign/dispersions.h): how each uncertain input of a campaign run is
// drawn. Percent and degrees in the file, fractions and radians inside. The format and each default's source are in
// docs/campaign.md.
#pragma once

#include <string>

#include "deorbit/campaign/dispersions.h"
#include "deorbit/orbit/opm.h"

namespace deorbit {

class YamlMap;

//! Reads the block: `defaults: standard` (Dispersions::defaults(), the default) or `none` (nothing dispersed), then
//! each key given replaces its default. Throws InputError naming file, line and key.
[[nodiscard]] Dispersions dispersions_from(const YamlMap& block);

//! The covariance of an OPM in the RTN axes of its state, lower triangle by rows [m^2, m^2/s, m^2/s^2]: as given
//! when COV_REF_FRAME is RTN, rotated when it is an inertial frame. Throws InputError (naming `label`) when the OPM
//! has no covariance or it is in an Earth-fixed frame.
[[nodiscard]] std::array<double, 21> opm_covariance_rtn(const Opm& opm, const std::string& label);

//! Reads a file whose top level holds a `dispersions:` block (and nothing else), e.g. to try another set of
//! dispersions on the same scenario. Throws InputError naming file, line and key.
[[nodiscard]] Dispersions read_dispersions_file(const std::string& path);

//! The dispersions as a `dispersions:` block that dispersions_from reads back to the same values (for --explain and
//! the campaign store's identity).
[[nodiscard]] std::string dispersions_yaml(const Dispersions& d);

}  // namespace deorbit

// The reference frames deorbit knows. GCRF is the root of the tree; TEME exists only as SGP4's output.
#pragma once

#include <optional>
#include <string_view>

namespace deorbit {

enum class Frame {
  GCRF,     //!< Geocentric Celestial Reference Frame (IAU 2006/2000A, CIO based): the frame numerical work is done in
  EME2000,  //!< mean equator and equinox of J2000.0 (GCRF rotated by the IAU 2006 frame bias, about 23 mas)
  TEME,     //!< True Equator, Mean Equinox of date: the output frame of SGP4 (defined through GMST 1982)
  ITRF,     //!< International Terrestrial Reference Frame (Earth-fixed), polar motion applied from the EOP table
};

[[nodiscard]] std::string_view to_string(Frame frame);
//! Parses frame names as they appear in CCSDS files and on the command line (case-insensitive): GCRF, ICRF (taken
//! as GCRF for an Earth-centred state), EME2000/J2000, TEME, ITRF/ITRF2000/ITRF-93/ITRF2008/ITRF2014/ITRF2020.
[[nodiscard]] std::optional<Frame> parse_frame(std::string_view name);

}  // namespace deorbit

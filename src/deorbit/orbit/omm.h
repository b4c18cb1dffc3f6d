// CCSDS Orbit Mean-elements Message (CCSDS 502.0-B-3) for SGP4 element sets: readers for KVN and XML, and for
// the JSON and CSV forms CelesTrak serves (same keyword names); writer for KVN.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deorbit/orbit/mean_elements.h"
#include "deorbit/orbit/read_result.h"

namespace deorbit {

enum class OmmEncoding { KVN, XML, JSON, CSV };

//! Guesses the encoding from the first non-blank character(s): '<' XML, '[' or '{' JSON, "CCSDS_OMM_VERS" or
//! "COMMENT" or a "KEY = value" line KVN, otherwise CSV (a header line of keyword names).
[[nodiscard]] OmmEncoding detect_omm_encoding(std::string_view head);

//! Reads every element set in the text (one or many messages/records). Bad records are reported in issues and
//! skipped, or thrown (strict). Each issue names file, line, column (where known), keyword and what was expected;
//! a missing keyword is reported at the line where its record starts.
//!
//! Rules: KVN and XML are full messages, so their metadata is mandatory and must say CENTER_NAME = EARTH,
//! REF_FRAME = TEME, TIME_SYSTEM = UTC, MEAN_ELEMENT_THEORY = SGP4 (also "SGP/SGP4") or SGP4-XP; a keyword outside
//! tables 4-1..4-3 is an error. CelesTrak JSON and CSV imply that metadata (checked only if present) and ignore keys
//! that are not OMM keywords (date_fetched, Space-Track's extras). Everywhere: EPOCH, MEAN_MOTION, ECCENTRICITY,
//! INCLINATION, RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY, BSTAR, MEAN_MOTION_DOT and MEAN_MOTION_DDOT are
//! mandatory (SGP4-XP's BTERM/AGOM are refused: MeanElements has no place for them); 0 <= e < 1,
//! 0 <= i <= 180 deg, mean motion > 0; NORAD_CAT_ID up to 9 digits. Units, where given ([unit] in KVN, units="" in
//! XML), must be those of table 4-3, compared without case. GM, spacecraft, covariance and user-defined
//! blocks are recognised and skipped.
[[nodiscard]] ReadResult<MeanElements> read_omm(std::istream& in, const std::string& file_label,
                                                ReadOptions options = {},
                                                std::optional<OmmEncoding> encoding = std::nullopt);
//! As read_omm, the encoding detected from the content. Throws InputError naming the path if it cannot be opened.
[[nodiscard]] ReadResult<MeanElements> read_omm_file(const std::filesystem::path& path, ReadOptions options = {});

//! Writes one OMM in KVN (CCSDS 502.0-B-3, version 3.0): header, metadata (EARTH, TEME, UTC, MEAN_ELEMENT_THEORY =
//! SGP4, or SGP4-XP for ephemeris type 4; an empty name or designator is written UNKNOWN), mean elements and TLE
//! parameters with units, 15 significant digits: read_omm gives back the same values to 5e-15 relative.
void write_omm_kvn(std::ostream& out, const MeanElements& elements, const std::string& originator = "deorbit");

}  // namespace deorbit

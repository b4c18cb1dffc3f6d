// CCSDS Orbit Mean-elements Message (CCSDS 502.0-B-3) for SGP4 element sets: readers for KVN and XML, and for
// the JSON and CSV forms CelesTrak serves (same keyword names); writer for KVN.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "deorbit/orbit/mean_elements.h"
#include "deorbit/orbit/read_result.h"

namespace deorbit {

enum class OmmEncoding { KVN, XML, JSON, CSV };

//! Guesses the encoding from the first non-blank character(s): '<' XML, '[' or '{' JSON, "CCSDS_OMM_VERS" KVN,
//! otherwise CSV (a header line of keyword names).
[[nodiscard]] OmmEncoding detect_omm_encoding(std::string_view head);

//! Reads every element set in the text (one or many messages/records). Bad records are reported in issues and
//! skipped, or thrown (strict). Each issue names file, line, column (where known), keyword and what was expected.
[[nodiscard]] ReadResult<MeanElements> read_omm(std::istream& in, const std::string& file_label,
                                                ReadOptions options = {},
                                                std::optional<OmmEncoding> encoding = std::nullopt);
[[nodiscard]] ReadResult<MeanElements> read_omm_file(const std::filesystem::path& path, ReadOptions options = {});

//! Writes one OMM in KVN (CCSDS 502.0-B-3, version 3.0) with MEAN_ELEMENT_THEORY = SGP4, TEME, UTC.
void write_omm_kvn(std::ostream& out, const MeanElements& elements, const std::string& originator = "deorbit");

}  // namespace deorbit

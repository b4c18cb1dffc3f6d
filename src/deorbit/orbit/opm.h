// CCSDS Orbit Parameter Message (CCSDS 502.0-B-3 ODM Blue Book, section 3; versions 1.0 to 3.0 read) in KVN:
// reader of the state vector and spacecraft parameters, and writer (version 3.0).
#pragma once

#include <array>
#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "deorbit/frames/state_vector.h"
#include "deorbit/time/time_scale.h"

namespace deorbit {

//! What deorbit takes from an OPM. The osculating Keplerian block (a consistency aid that repeats the state),
//! maneuvers and user-defined parameters are recognised and skipped.
struct Opm {
  std::string originator;   //!< ORIGINATOR
  std::string object_name;  //!< OBJECT_NAME
  std::string object_id;    //!< OBJECT_ID, e.g. "1998-067A"
  StateVector state;        //!< [m, m/s] EPOCH, X..Z_DOT (km, km/s in the file) in REF_FRAME
  TimeScale time_system = TimeScale::UTC;  //!< TIME_SYSTEM of the file; the writer uses it again
  std::optional<double> mass_kg;           //!< [kg] MASS
  std::optional<double> drag_area_m2;      //!< [m^2] DRAG_AREA
  std::optional<double> drag_coeff;        //!< [-] DRAG_COEFF
  std::optional<double> srp_area_m2;       //!< [m^2] SOLAR_RAD_AREA
  std::optional<double> srp_coeff;         //!< [-] SOLAR_RAD_COEFF
  //! The 6x6 position-velocity covariance (CX_X ... CZ_DOT_Z_DOT, km and km/s in the file), lower triangle by rows
  //! in the order of the standard's table 3-3 (CX_X, CY_X, CY_Y, CZ_X, ..., CZ_DOT_Z_DOT) [m^2, m^2/s, m^2/s^2].
  std::optional<std::array<double, 21>> covariance;
  //! COV_REF_FRAME: "RTN" (also given as RSW or RIC) or a frame name; the state's REF_FRAME when the file has none.
  std::string covariance_frame;
};

//! Reads one OPM in KVN. CENTER_NAME must be EARTH; REF_FRAME any frame parse_frame knows; TIME_SYSTEM any scale
//! parse_time_scale knows. Units in brackets, where given, must be those of table 3-3. Throws InputError naming
//! file, line, column, keyword and what was expected at the first problem (missing keywords: the line of
//! CCSDS_OPM_VERS).
[[nodiscard]] Opm read_opm(std::istream& in, const std::string& file_label);
//! Throws InputError naming the path if the file cannot be opened.
[[nodiscard]] Opm read_opm_file(const std::filesystem::path& path);

//! Writes an OPM in KVN, version 3.0 (header, metadata, state vector, the spacecraft parameters that are set), with
//! 15 significant digits so that reading it back gives the same state to 5e-15 relative.
void write_opm_kvn(std::ostream& out, const Opm& opm);

}  // namespace deorbit

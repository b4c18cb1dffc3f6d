// CCSDS Orbit Ephemeris Message (CCSDS 502.0-B-3 ODM Blue Book, section 5; versions 1.0 to 3.0) in KVN: reader of
// the ephemeris segments. deorbit writes OEMs in io/ephemeris_writer.h; this reads them (and other tools' OEMs) back.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "deorbit/frames/state_vector.h"
#include "deorbit/time/time_scale.h"

namespace deorbit {

//! One segment: a metadata block and its ephemeris lines.
struct OemSegment {
  std::string object_name;                //!< OBJECT_NAME
  std::string object_id;                  //!< OBJECT_ID
  Frame frame = Frame::GCRF;              //!< REF_FRAME
  TimeScale time_system = TimeScale::UTC;  //!< TIME_SYSTEM
  Epoch start;                            //!< START_TIME
  Epoch stop;                             //!< STOP_TIME
  std::optional<Epoch> useable_start;     //!< USEABLE_START_TIME
  std::optional<Epoch> useable_stop;      //!< USEABLE_STOP_TIME
  std::string interpolation;              //!< INTERPOLATION (e.g. LAGRANGE, HERMITE), empty if absent
  int interpolation_degree = 0;           //!< INTERPOLATION_DEGREE, 0 if absent
  std::vector<StateVector> states;        //!< [m, m/s] (km, km/s in the file); accelerations, if given, are checked
                                          //!< as numbers and dropped
  int first_line = 0;                     //!< line of META_START, for messages
};

struct Oem {
  std::string originator;             //!< ORIGINATOR
  std::vector<OemSegment> segments;   //!< at least one
};

//! Reads one OEM in KVN. Each segment: META_START ... META_STOP with OBJECT_NAME, OBJECT_ID, CENTER_NAME (EARTH),
//! REF_FRAME, TIME_SYSTEM, START_TIME, STOP_TIME mandatory; then data lines "epoch x y z vx vy vz [ax ay az]" with
//! increasing epochs inside [START_TIME, STOP_TIME]; optional COVARIANCE_START ... COVARIANCE_STOP blocks are
//! skipped. Throws InputError naming file, line, column, field and what was expected at the first problem.
[[nodiscard]] Oem read_oem(std::istream& in, const std::string& file_label);
//! Throws InputError naming the path if the file cannot be opened.
[[nodiscard]] Oem read_oem_file(const std::filesystem::path& path);

}  // namespace deorbit

// Writers for ephemerides: CSV (deorbit's columns) and CCSDS OEM in KVN (CCSDS 502.0-B-3).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/orbit/mean_elements.h"

namespace deorbit {

//! CSV header "epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps", then one row per state (UTC ISO 8601, microseconds;
//! metres to the millimetre, m/s to the micrometre per second).
void write_states_csv(std::ostream& out, const std::vector<StateVector>& states);

//! One geodetic sample: the epoch and the WGS84 coordinates of the ITRF position.
struct GeodeticSample {
  Epoch epoch;
  Geodetic place;
};
//! CSV header "epoch_utc,lat_deg,lon_deg,alt_m", then one row per sample.
void write_geodetic_csv(std::ostream& out, const std::vector<GeodeticSample>& samples);

//! CCSDS OEM 3.0 KVN with one segment: header, metadata (object, frame, UTC) and data lines in km and km/s.
//! All states must share one frame. Throws InputError for an empty list or mixed frames.
void write_oem_kvn(std::ostream& out, const std::vector<StateVector>& states, const ObjectIdentity& object,
                   const std::string& originator = "deorbit", const std::string& comment = "");

//! The REF_FRAME value CCSDS (SANA registry) uses for a frame: GCRF, EME2000, TEME, ITRF2020.
[[nodiscard]] std::string ccsds_frame_name(Frame frame);

}  // namespace deorbit

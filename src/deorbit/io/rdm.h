// CCSDS Re-entry Data Message (RDM), CCSDS 508.1-B-1 (Blue Book, 2019), KVN encoding: the header, the metadata and
// the atmospheric re-entry parameters, with the optional state vector and spacecraft parameters. Ground-impact,
// covariance and OD blocks are not written (deorbit does not compute them) and are rejected when read.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "deorbit/base/vector.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

struct Rdm {
  // Header (all mandatory).
  std::string version = "1.0";  //!< CCSDS_RDM_VERS
  std::string creation_date;    //!< CREATION_DATE, ISO 8601 UTC text (empty: the current time when written)
  std::string originator = "deorbit";
  std::string message_id;       //!< MESSAGE_ID
  // Metadata. Mandatory: OBJECT_NAME, INTERNATIONAL_DESIGNATOR, CONTROLLED_REENTRY, CENTER_NAME, TIME_SYSTEM,
  // EPOCH_TZERO.
  std::string object_name;
  std::string international_designator;  //!< "YYYY-NNNP{PP}"
  std::optional<std::uint32_t> catalog_number;  //!< OBJECT_DESIGNATOR in CATALOG_NAME = SATCAT
  bool controlled_reentry = false;
  std::string center_name = "EARTH";
  std::string time_system = "UTC";  //!< only UTC is written and read
  Epoch epoch_tzero;                //!< EPOCH_TZERO: the epoch the relative times count from
  std::string ref_frame;            //!< REF_FRAME of the state vector (e.g. GCRF); empty: none
  std::string gravity_model;        //!< e.g. "EGM-96: 8D 8O"
  std::string atmospheric_model;    //!< e.g. "NRLMSISE-00"
  std::string n_body_perturbations;  //!< N_BODY_PERTURBATIONS, e.g. "SUN, MOON"; empty: none
  std::string solar_flux_prediction;  //!< SOLAR_FLUX_PREDICTION, free text
  bool solar_rad_pressure = false;
  bool intrack_thrust = false;
  std::vector<std::string> comments;  //!< COMMENT lines at the start of the data section
  // Atmospheric re-entry parameters. Mandatory: ORBIT_LIFETIME, REENTRY_ALTITUDE.
  double orbit_lifetime = 0;    //!< [s] from EPOCH_TZERO to the nominal re-entry (written in days)
  double reentry_altitude = 80e3;  //!< [m] (written in km)
  std::optional<double> orbit_lifetime_window_start, orbit_lifetime_window_end;  //!< [s] (days in the file)
  std::optional<Epoch> nominal_reentry_epoch, reentry_window_start, reentry_window_end;
  std::optional<double> confidence_level;  //!< [%] ORBIT_LIFETIME_CONFIDENCE_LEVEL of the windows
  // State vector (optional; EPOCH, X..Z_DOT in km and km/s in the file).
  std::optional<Epoch> state_epoch;
  Vec3 r = Vec3::Zero();  //!< [m]
  Vec3 v = Vec3::Zero();  //!< [m/s]
  // Spacecraft parameters (optional).
  std::optional<double> wet_mass;    //!< [kg]
  std::optional<double> drag_area;   //!< [m^2]
  std::optional<double> drag_coeff;  //!< [-]
};

//! Writes the message in KVN (keywords in the standard's order, units in brackets).
void write_rdm_kvn(std::ostream& out, const Rdm& rdm);

//! Reads a KVN RDM. Throws InputError naming source, line and keyword: a malformed line, an unknown or repeated
//! keyword, a wrong unit, a bad number or epoch, a missing mandatory keyword (line 0), TIME_SYSTEM other than UTC.
[[nodiscard]] Rdm read_rdm_kvn(std::istream& in, const std::string& source);

}  // namespace deorbit

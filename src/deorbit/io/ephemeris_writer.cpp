// Reference: CCSDS 502.0-B-3 "Orbit Data Messages" (OEM KVN, section 5); SANA registry for REF_FRAME names.
#include "deorbit/io/ephemeris_writer.h"

#include <chrono>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"

namespace deorbit {

void write_states_csv(std::ostream& out, const std::vector<StateVector>& states) {
  out << "epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n";
  for (const auto& s : states)
    out << fmt::format("{},{:.3f},{:.3f},{:.3f},{:.6f},{:.6f},{:.6f}\n", s.epoch.iso(TimeScale::UTC, 6), s.r.x(),
                       s.r.y(), s.r.z(), s.v.x(), s.v.y(), s.v.z());
}

void write_geodetic_csv(std::ostream& out, const std::vector<GeodeticSample>& samples) {
  out << "epoch_utc,lat_deg,lon_deg,alt_m\n";
  for (const auto& g : samples)
    out << fmt::format("{},{:.9f},{:.9f},{:.3f}\n", g.epoch.iso(TimeScale::UTC, 6), g.place.latitude / constants::deg,
                       g.place.longitude / constants::deg, g.place.height);
}

std::string ccsds_frame_name(Frame frame) {
  switch (frame) {
    case Frame::GCRF: return "GCRF";
    case Frame::EME2000: return "EME2000";
    case Frame::TEME: return "TEME";
    case Frame::ITRF: return "ITRF2020";  // the realisation IERS EOP 20 C04 is consistent with
  }
  return "?";
}

void write_oem_kvn(std::ostream& out, const std::vector<StateVector>& states, const ObjectIdentity& object,
                   const std::string& originator, const std::string& comment) {
  if (states.empty()) throw InputError("OEM: no states to write");
  for (const auto& s : states)
    if (s.frame != states.front().frame) throw InputError("OEM: all states of a segment must share one frame");
  auto now = std::chrono::system_clock::now();
  auto unix_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  Epoch created = Epoch::from_iso("1970-01-01T00:00:00Z") + static_cast<double>(unix_s);
  out << "CCSDS_OEM_VERS = 3.0\n";
  out << "CREATION_DATE = " << created.iso(TimeScale::UTC, 0) << "\n";
  out << "ORIGINATOR = " << originator << "\n\n";
  out << "META_START\n";
  if (!comment.empty()) out << "COMMENT " << comment << "\n";
  out << "OBJECT_NAME = " << (object.name.empty() ? "UNKNOWN" : object.name) << "\n";
  out << "OBJECT_ID = " << (object.international_designator.empty() ? "UNKNOWN" : object.international_designator)
      << "\n";
  out << "CENTER_NAME = EARTH\n";
  out << "REF_FRAME = " << ccsds_frame_name(states.front().frame) << "\n";
  out << "TIME_SYSTEM = UTC\n";
  out << "START_TIME = " << states.front().epoch.iso(TimeScale::UTC, 6) << "\n";
  out << "STOP_TIME = " << states.back().epoch.iso(TimeScale::UTC, 6) << "\n";
  out << "META_STOP\n\n";
  for (const auto& s : states)
    out << fmt::format("{} {:.6f} {:.6f} {:.6f} {:.9f} {:.9f} {:.9f}\n", s.epoch.iso(TimeScale::UTC, 6), s.r.x() / 1e3,
                       s.r.y() / 1e3, s.r.z() / 1e3, s.v.x() / 1e3, s.v.y() / 1e3, s.v.z() / 1e3);
}

}  // namespace deorbit

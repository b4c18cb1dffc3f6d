// Earth orientation parameters (IERS EOP 20 C04 as distributed by CelesTrak): UT1-UTC, polar motion,
// length of day, celestial pole offsets. Reference: CelesTrak "EOP-format", IERS Conventions (2010) ch. 5.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace deorbit {

class Epoch;

//! The values at one instant, SI units.
struct EopValues {
  double ut1_minus_utc = 0;  //!< [s] UT1 - UTC
  double lod = 0;            //!< [s] excess length of day
  double xp = 0;             //!< [rad] polar motion x
  double yp = 0;             //!< [rad] polar motion y
  double dx = 0;             //!< [rad] celestial pole offset dX w.r.t. IAU 2006/2000A
  double dy = 0;             //!< [rad] celestial pole offset dY w.r.t. IAU 2006/2000A
  double dpsi = 0;           //!< [rad] nutation correction dPsi w.r.t. IAU 1980
  double deps = 0;           //!< [rad] nutation correction dEpsilon w.r.t. IAU 1980
};

//! One daily row of the table (values at 0h UTC of the day).
struct EopRecord {
  int mjd = 0;  //!< [d] modified Julian date (UTC) of 0h of the day
  EopValues values;
  bool predicted = false;  //!< row from the file's PREDICTED section
};

//! A table of Earth orientation parameters, interpolated linearly between daily rows (UT1-UTC is interpolated
//! as UT1-TAI so that leap seconds do not smear). An empty table ("none") gives zeros, i.e. UT1 = UTC and no polar
//! motion or pole offsets, and warns once. Past either end of the table the end row is held, with one warning.
class EarthOrientation {
 public:
  //! An empty table. Prefer none() for the shared empty instance.
  EarthOrientation();
  explicit EarthOrientation(std::vector<EopRecord> records, std::string source = "");
  EarthOrientation(const EarthOrientation& other);
  EarthOrientation& operator=(const EarthOrientation& other);

  //! Reads CelesTrak's EOP-All.txt (fixed width, BEGIN OBSERVED / BEGIN PREDICTED) or EOP-All.csv (header line
  //! DATE,MJD,X,Y,UT1-UTC,...). Throws InputError naming file and line on a malformed row or a missing file.
  [[nodiscard]] static EarthOrientation read(const std::filesystem::path& path);
  //! The shared empty table: UT1 = UTC, no polar motion (warns once per process when used).
  [[nodiscard]] static const EarthOrientation& none();

  //! Values at the given instant (interpolated), or zeros for an empty table.
  [[nodiscard]] EopValues at(const Epoch& t) const;
  //! Values at a UTC modified Julian date [d] (avoids a circular conversion inside Epoch).
  [[nodiscard]] EopValues at_utc_mjd(double mjd_utc) const;

  [[nodiscard]] bool empty() const { return records_.empty(); }
  [[nodiscard]] const std::vector<EopRecord>& records() const { return records_; }
  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  std::vector<EopRecord> records_;
  std::string source_;
  mutable std::atomic<bool> warned_empty_{false};
  mutable std::atomic<bool> warned_range_{false};
};

}  // namespace deorbit

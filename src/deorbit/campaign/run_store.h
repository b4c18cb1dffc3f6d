// The campaign's store: one SQLite file (WAL journal) holding the scenario text, the seed, the program version, the
// dispersions and every completed run (its sampled inputs and outcome, impacts in their own table). Runs are written
// in transactions of whole runs, so a process killed at any moment leaves only complete runs behind, and a resumed
// campaign computes exactly the missing ones (a run's inputs depend only on the seed and its number).
//
// Tables (units in the column names; angles in radians, as computed, so that values round-trip exactly):
//   meta(key, value)
//   runs(run, status, message, log_weight, inputs, factors, breakup_time_s, breakup_latitude_rad,
//        breakup_longitude_rad, breakup_altitude_m, breakup_speed_mps, breakup_flight_path_angle_rad,
//        surviving_mass_kg, expected_casualties, inside, min_margin_m, land_impact, min_distance_to_land_m)
//   impacts(run, k, object, latitude_rad, longitude_rad, mass_kg, kinetic_energy_j, casualty_area_m2, count)
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "deorbit/campaign/run_record.h"

struct sqlite3;

namespace deorbit {

//! What identifies a campaign: a resumed campaign must have the same values (runs may grow).
struct CampaignIdentity {
  std::string scenario_text;     //!< the scenario file's text (or the embedded scenario's)
  std::string scenario_label;    //!< where it came from
  std::uint64_t seed = 1;
  std::string dispersions_text;  //!< the dispersions in force as YAML (with importance sampling and the judging zone)
  std::string program_version;
};

class RunStore {
 public:
  //! Creates a new store (`resume` false: the file must not exist) or opens an existing one (`resume` true: the
  //! file must exist and hold the same campaign). Throws InputError naming the file and the mismatch.
  RunStore(const std::filesystem::path& path, const CampaignIdentity& identity, bool resume);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  //! Opens an existing store read-only (statistics of a finished or interrupted campaign).
  static std::unique_ptr<RunStore> open_read_only(const std::filesystem::path& path);

  //! Run numbers already stored, increasing.
  [[nodiscard]] std::vector<std::int64_t> stored_runs() const;
  //! Writes whole runs in one transaction (a run already stored is an error: it would be a duplicate).
  void insert(std::span<const RunRecord> records);
  //! Every stored run with its impacts, by increasing run number.
  [[nodiscard]] std::vector<RunRecord> load() const;
  //! The meta table (scenario_text, scenario_label, seed, dispersions, program_version, runs_requested).
  [[nodiscard]] std::map<std::string, std::string> meta() const;
  void set_meta(const std::string& key, const std::string& value);
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  RunStore() = default;
  void exec(const char* sql) const;
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace deorbit

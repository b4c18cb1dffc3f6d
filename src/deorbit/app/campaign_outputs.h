// The outputs of `deorbit campaign`: report.json, the footprint and density GeoJSON, the density map and the
// summary on the terminal, all from the stored runs (so a resumed campaign reports exactly as an uninterrupted one).
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>

#include "deorbit/campaign/dispersions.h"
#include "deorbit/campaign/run_record.h"
#include "deorbit/campaign/statistics.h"
#include "deorbit/risk/target_zone.h"
#include "deorbit/time/epoch.h"

namespace deorbit::app {

struct CampaignReport {
  std::string scenario;            //!< where the scenario came from
  std::string store;               //!< the SQLite file
  std::int64_t runs_requested = 0;
  std::int64_t runs_this_session = 0;
  double cpu_this_session = 0;     //!< [s] CPU time of the runs computed in this session (all threads and ranks)
  double wall_this_session = 0;    //!< [s] wall time of those runs
  double wall_total = 0;           //!< [s] of the command, the nominal plan included
  int threads = 1;                 //!< per rank
  int ranks = 1;
  bool complete = false;
  Dispersions dispersions;
  std::string program_version;
  std::string contingency;         //!< of the final burn (--contingency), empty for the nominal burn
  RunRecord nominal;               //!< the run with every input at its nominal value
  Epoch final_ignition;            //!< of the nominal plan
  Epoch nominal_breakup;           //!< the campaign's reference epoch (breakup_time counts from it)
};

//! The frame of the along/cross-track statistics: centred on the nominal run's hazardous impacts (the normalised mean
//! of their unit vectors), the along-track axis pointing away from the point under the nominal breakup.
[[nodiscard]] TrackFrame nominal_track_frame(const RunRecord& nominal);

//! Writes report.json, footprint_levels.geojson, impact_density.geojson, impact_density.png into `dir` (each
//! atomically) and prints the summary; returns the written file names.
std::vector<std::string> write_campaign_outputs(const CampaignReport& report, std::span<const RunRecord> runs,
                                                const TargetZone& zone, const std::filesystem::path& dir,
                                                std::ostream& summary);

}  // namespace deorbit::app

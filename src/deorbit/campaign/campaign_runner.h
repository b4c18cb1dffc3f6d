// Runs the pending runs of a campaign on threads (this process) or on MPI ranks (mpi_runner.h), handing completed
// records to a sink on the calling thread (the store writer). Which thread or rank computes a run changes nothing
// in it: its inputs come from (seed, run) alone.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "deorbit/campaign/campaign_model.h"

namespace deorbit {

struct RunnerProgress {
  std::int64_t done = 0;   //!< runs completed in this session
  std::int64_t total = 0;  //!< runs pending at its start
  double elapsed = 0;      //!< [s] wall time since its start
  double cpu = 0;          //!< [s] CPU time of the runs themselves, summed over threads and ranks
};

struct RunnerSettings {
  int threads = 1;                 //!< worker threads in this process (>= 1)
  double flush_interval = 1.0;     //!< [s] completed runs reach the sink at least this often
  std::int64_t chunk = 8;          //!< runs handed out at a time (MPI: per request)
  //! Called on the calling thread after each flush.
  std::function<void(const RunnerProgress&)> progress;
  //! Set (by a signal handler) to stop: runs under way finish and are handed on, no new one starts.
  const std::atomic<bool>* stop = nullptr;
};

using RecordSink = std::function<void(std::vector<RunRecord>&& completed)>;

//! Computes `pending` on settings.threads threads. Returns the final progress (done < total when stopped).
RunnerProgress run_on_threads(const CampaignModel& model, const Dispersions& dispersions,
                              std::span<const std::int64_t> pending, const RunnerSettings& settings,
                              const RecordSink& sink);

//! [s] CPU time of the calling thread.
[[nodiscard]] double thread_cpu_seconds();

}  // namespace deorbit

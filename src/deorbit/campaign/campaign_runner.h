// Runs the pending runs of a campaign on threads (this process) or on MPI ranks (mpi_runner.h), handing completed
// records to a sink on the calling thread (the store writer). Which thread or rank computes a run changes nothing
// in it: its inputs come from (seed, run) alone.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
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

//! Worker threads that compute runs taken from a shared list of pending run numbers and collect the records; both
//! runners are built on it (MPI's rank 0 also hands chunks of the same list to the other ranks, and adds their
//! records). The destructor waits for the workers.
class RunPool {
 public:
  RunPool(const CampaignModel& model, const Dispersions& dispersions, std::span<const std::int64_t> pending,
          int threads, const std::atomic<bool>* stop);
  ~RunPool();
  RunPool(const RunPool&) = delete;
  RunPool& operator=(const RunPool&) = delete;

  //! The next up to n pending run numbers (none once stopped or done); thread-safe.
  [[nodiscard]] std::span<const std::int64_t> take(std::size_t n);
  //! Records computed elsewhere (another rank), with their CPU time [s].
  void add(std::vector<RunRecord>&& records, double cpu);
  //! Waits up to `wait` for every worker to finish, then hands the records collected so far to `sink` (when there
  //! are any) and reports: progress.done grows by their number, progress.cpu and .elapsed are brought up to date,
  //! settings.progress is called. Returns true when every worker has finished.
  bool hand_on(RunnerProgress& progress, const RunnerSettings& settings, const RecordSink& sink,
               std::chrono::duration<double> wait);

 private:
  const CampaignModel& model_;
  const Dispersions& dispersions_;
  std::span<const std::int64_t> pending_;
  const std::atomic<bool>* stop_;
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<RunRecord> completed_;
  double cpu_ = 0;
  int running_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<std::jthread> workers_;
};

//! Computes `pending` on settings.threads threads. Returns the final progress (done < total when stopped).
RunnerProgress run_on_threads(const CampaignModel& model, const Dispersions& dispersions,
                              std::span<const std::int64_t> pending, const RunnerSettings& settings,
                              const RecordSink& sink);

}  // namespace deorbit

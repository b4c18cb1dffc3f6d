// Campaign runs over MPI ranks (Open MPI): rank 0 owns the store and hands out runs in chunks on request (dynamic
// load balance: a slow node simply asks less often); every rank, rank 0 included, computes runs on its own threads.
// Completed records travel to rank 0, which alone writes them, so the store never sees two writers.
#pragma once

#include <string>

#include "deorbit/campaign/campaign_runner.h"

namespace deorbit {

//! True when this process was started by mpirun/mpiexec (Open MPI or a PMI launcher), even with a single rank.
[[nodiscard]] bool launched_by_mpi();

//! MPI for the life of the object: initialised at construction (MPI_THREAD_FUNNELED: only the main thread calls
//! MPI), finalised at destruction.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  //! Ends every rank with `code` (after an error on one rank).
  [[noreturn]] void abort(int code) const;
  //! Broadcasts a string from rank 0 (e.g. an error message, so every rank agrees to stop).
  [[nodiscard]] std::string broadcast(const std::string& from_root) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

//! Computes `pending` (significant on rank 0 only) over every rank. Rank 0 passes the sink (it receives every record,
//! its own and the other ranks'); other ranks pass none. Returns the progress (on rank 0: of the whole campaign).
RunnerProgress run_on_ranks(const MpiSession& mpi, const CampaignModel& model, const Dispersions& dispersions,
                            std::span<const std::int64_t> pending, const RunnerSettings& settings,
                            const RecordSink& sink);

//! A record as bytes and back (exact: doubles travel bit for bit). Exposed for tests.
[[nodiscard]] std::string encode_records(std::span<const RunRecord> records);
[[nodiscard]] std::vector<RunRecord> decode_records(const std::string& bytes);

}  // namespace deorbit

#include "deorbit/campaign/mpi_runner.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <fmt/format.h>
#include <mpi.h>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

enum Tag : int { kRequest = 1, kWork = 2, kResult = 3 };

class Writer {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put_string(const std::string& s) {
    put<std::uint64_t>(s.size());
    out += s;
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(const std::string& s) : s_(s) {}
  template <class T>
  T get() {
    T v;
    need(sizeof v);
    std::memcpy(&v, s_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string get_string() {
    const auto n = get<std::uint64_t>();
    need(n);
    std::string out = s_.substr(at_, n);
    at_ += n;
    return out;
  }
  [[nodiscard]] bool done() const { return at_ == s_.size(); }
  //! A count of items of at least `bytes_each` bytes that must still fit in the message (a corrupt count is an
  //! error, not a huge allocation).
  std::size_t count(std::size_t bytes_each) {
    const auto n = get<std::uint64_t>();
    if (n > (s_.size() - at_) / bytes_each) throw InputError("campaign: a run record received from another rank is truncated");
    return static_cast<std::size_t>(n);
  }

 private:
  void need(std::size_t n) const {
    if (s_.size() - at_ < n) throw InputError("campaign: a run record received from another rank is truncated");
  }
  const std::string& s_;
  std::size_t at_ = 0;
};

void send_bytes(const std::string& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

std::string receive_bytes(const MPI_Status& probed) {
  int n = 0;
  MPI_Get_count(&probed, MPI_BYTE, &n);
  std::string bytes(static_cast<std::size_t>(n), '\0');
  MPI_Recv(bytes.data(), n, MPI_BYTE, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

}  // namespace

std::string encode_records(std::span<const RunRecord> records) {
  Writer w;
  w.put<std::uint64_t>(records.size());
  for (const RunRecord& r : records) {
    w.put(r.run);
    w.put(static_cast<int>(r.status));
    w.put_string(r.message);
    w.put(r.log_weight);
    w.put_string(r.inputs_json);
    w.put<std::uint64_t>(r.input_factors.size());
    for (double f : r.input_factors) w.put(f);
    for (double v : {r.breakup_time, r.breakup_latitude, r.breakup_longitude, r.breakup_altitude, r.breakup_speed,
                     r.breakup_flight_path_angle, r.surviving_mass, r.expected_casualties, r.min_margin,
                     r.min_distance_to_land})
      w.put(v);
    w.put<std::uint8_t>(r.inside);
    w.put<std::uint8_t>(r.land_impact);
    w.put<std::uint64_t>(r.impacts.size());
    for (const ImpactRecord& i : r.impacts) {
      w.put(i.object);
      for (double v : {i.latitude, i.longitude, i.mass, i.kinetic_energy, i.casualty_area}) w.put(v);
      w.put(i.count);
    }
  }
  return std::move(w.out);
}

std::vector<RunRecord> decode_records(const std::string& bytes) {
  Reader in(bytes);
  std::vector<RunRecord> out(in.count(8));
  for (RunRecord& r : out) {
    r.run = in.get<std::int64_t>();
    r.status = static_cast<RunStatus>(in.get<int>());
    r.message = in.get_string();
    r.log_weight = in.get<double>();
    r.inputs_json = in.get_string();
    r.input_factors.resize(in.count(sizeof(double)));
    for (double& f : r.input_factors) f = in.get<double>();
    for (double* v : {&r.breakup_time, &r.breakup_latitude, &r.breakup_longitude, &r.breakup_altitude,
                      &r.breakup_speed, &r.breakup_flight_path_angle, &r.surviving_mass, &r.expected_casualties,
                      &r.min_margin, &r.min_distance_to_land})
      *v = in.get<double>();
    r.inside = in.get<std::uint8_t>() != 0;
    r.land_impact = in.get<std::uint8_t>() != 0;
    r.impacts.resize(in.count(2 * sizeof(int) + 5 * sizeof(double)));
    for (ImpactRecord& i : r.impacts) {
      i.object = in.get<int>();
      for (double* v : {&i.latitude, &i.longitude, &i.mass, &i.kinetic_energy, &i.casualty_area}) *v = in.get<double>();
      i.count = in.get<int>();
    }
  }
  if (!in.done()) throw InputError("campaign: a run record received from another rank has trailing bytes");
  return out;
}

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

MpiSession::MpiSession() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

std::string MpiSession::broadcast(const std::string& from_root) const {
  std::uint64_t n = from_root.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  std::string s = rank_ == 0 ? from_root : std::string(n, '\0');
  MPI_Bcast(s.data(), static_cast<int>(n), MPI_CHAR, 0, MPI_COMM_WORLD);
  return s;
}

RunnerProgress run_on_ranks(const MpiSession& mpi, const CampaignModel& model, const Dispersions& dispersions,
                            std::span<const std::int64_t> pending, const RunnerSettings& settings,
                            const RecordSink& sink) {
  auto stopped = [&] { return settings.stop && settings.stop->load(); };
  const std::int64_t chunk = std::max<std::int64_t>(1, settings.chunk) * std::max(1, settings.threads);

  if (mpi.rank() != 0) {
    // A worker: ask for runs, compute them on this rank's threads, send them back, until told there are no more.
    RunnerProgress mine;
    RunnerSettings local = settings;
    local.progress = nullptr;
    local.flush_interval = 3600;
    for (;;) {
      if (stopped()) break;
      int ask = 1;
      MPI_Send(&ask, 1, MPI_INT, 0, kRequest, MPI_COMM_WORLD);
      MPI_Status status;
      MPI_Probe(0, kWork, MPI_COMM_WORLD, &status);
      int n = 0;
      MPI_Get_count(&status, MPI_INT64_T, &n);
      std::vector<std::int64_t> runs(static_cast<std::size_t>(n));
      MPI_Recv(runs.data(), n, MPI_INT64_T, 0, kWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (runs.empty()) return mine;
      std::vector<RunRecord> done;
      RunnerProgress p = run_on_threads(model, dispersions, runs, local, [&done](std::vector<RunRecord>&& b) {
        for (auto& r : b) done.push_back(std::move(r));
      });
      mine.done += p.done;
      mine.cpu += p.cpu;
      Writer w;
      w.put(p.cpu);
      send_bytes(w.out + encode_records(done), 0, kResult);
    }
    // Stopped: tell rank 0 this rank asks for nothing more (an empty request).
    int none = 0;
    MPI_Send(&none, 1, MPI_INT, 0, kRequest, MPI_COMM_WORLD);
    return mine;
  }

  using Clock = std::chrono::steady_clock;
  RunnerProgress progress;
  progress.total = static_cast<std::int64_t>(pending.size());
  RunPool pool(model, dispersions, pending, settings.threads, settings.stop);
  bool local_done = false;

  int active_workers = mpi.size() - 1;
  auto last_flush = Clock::now();
  for (;;) {
    // Serve the other ranks.
    for (;;) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (!flag) break;
      if (status.MPI_TAG == kRequest) {
        int ask = 0;
        MPI_Recv(&ask, 1, MPI_INT, status.MPI_SOURCE, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (ask == 0) {  // a stopped worker
          --active_workers;
          continue;
        }
        const auto runs = pool.take(static_cast<std::size_t>(chunk));
        MPI_Send(runs.data(), static_cast<int>(runs.size()), MPI_INT64_T, status.MPI_SOURCE, kWork, MPI_COMM_WORLD);
        if (runs.empty()) --active_workers;
      } else if (status.MPI_TAG == kResult) {
        std::string bytes = receive_bytes(status);
        Reader head(bytes);
        const double their_cpu = head.get<double>();
        pool.add(decode_records(bytes.substr(sizeof(double))), their_cpu);
      } else {
        throw InputError(fmt::format("campaign: unexpected MPI message (tag {}) from rank {}", status.MPI_TAG,
                                     status.MPI_SOURCE));
      }
    }
    const bool finished = local_done && active_workers == 0;
    if (finished || Clock::now() - last_flush > std::chrono::duration<double>(settings.flush_interval)) {
      local_done = pool.hand_on(progress, settings, sink, std::chrono::duration<double>(0));
      last_flush = Clock::now();
    }
    if (finished) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return progress;
}

}  // namespace deorbit

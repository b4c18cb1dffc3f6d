#include "deorbit/campaign/campaign_runner.h"

#include <chrono>
#include <ctime>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

// [s] CPU time of the calling thread.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

RunPool::RunPool(const CampaignModel& model, const Dispersions& dispersions, std::span<const std::int64_t> pending,
                 int threads, const std::atomic<bool>* stop)
    : model_(model), dispersions_(dispersions), pending_(pending), stop_(stop), running_(threads) {
  if (threads < 1) throw InputError("campaign: the number of threads must be >= 1");
  for (int t = 0; t < threads; ++t)
    workers_.emplace_back([this] {
      for (;;) {
        const auto runs = take(1);
        if (runs.empty()) break;
        const double c0 = thread_cpu_seconds();
        RunRecord r = model_.run(model_.sample(dispersions_, runs.front()));
        const double c1 = thread_cpu_seconds();
        std::lock_guard lock(mutex_);
        completed_.push_back(std::move(r));
        cpu_ += c1 - c0;
      }
      std::lock_guard lock(mutex_);
      --running_;
      wake_.notify_all();
    });
}

RunPool::~RunPool() = default;  // the jthreads join; workers stop at the end of the list

std::span<const std::int64_t> RunPool::take(std::size_t n) {
  if (stop_ && stop_->load()) return {};
  const std::size_t a = std::min(next_.fetch_add(n), pending_.size());
  return pending_.subspan(a, std::min(n, pending_.size() - a));
}

void RunPool::add(std::vector<RunRecord>&& records, double cpu) {
  std::lock_guard lock(mutex_);
  for (auto& r : records) completed_.push_back(std::move(r));
  cpu_ += cpu;
}

bool RunPool::hand_on(RunnerProgress& progress, const RunnerSettings& settings, const RecordSink& sink,
                      std::chrono::duration<double> wait) {
  std::vector<RunRecord> batch;
  bool finished = false;
  {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return running_ == 0; });
    batch.swap(completed_);
    progress.cpu = cpu_;
    finished = running_ == 0;
  }
  progress.done += static_cast<std::int64_t>(batch.size());
  progress.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!batch.empty()) sink(std::move(batch));
  if (settings.progress) settings.progress(progress);
  return finished;
}

RunnerProgress run_on_threads(const CampaignModel& model, const Dispersions& dispersions,
                              std::span<const std::int64_t> pending, const RunnerSettings& settings,
                              const RecordSink& sink) {
  RunnerProgress progress;
  progress.total = static_cast<std::int64_t>(pending.size());
  RunPool pool(model, dispersions, pending, settings.threads, settings.stop);
  while (!pool.hand_on(progress, settings, sink, std::chrono::duration<double>(settings.flush_interval))) {
  }
  return progress;
}

}  // namespace deorbit

#include "deorbit/campaign/campaign_runner.h"

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>

#include "deorbit/base/error.h"

namespace deorbit {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

RunnerProgress run_on_threads(const CampaignModel& model, const Dispersions& dispersions,
                              std::span<const std::int64_t> pending, const RunnerSettings& settings,
                              const RecordSink& sink) {
  if (settings.threads < 1) throw InputError("campaign: the number of threads must be >= 1");
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  RunnerProgress progress;
  progress.total = static_cast<std::int64_t>(pending.size());

  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable wake;
  std::vector<RunRecord> completed;
  double cpu = 0;
  int running = settings.threads;
  auto stopped = [&] { return settings.stop && settings.stop->load(); };

  auto worker = [&] {
    for (;;) {
      if (stopped()) break;
      const std::size_t i = next.fetch_add(1);
      if (i >= pending.size()) break;
      const double c0 = thread_cpu_seconds();
      RunRecord r = model.run(model.sample(dispersions, pending[i]));
      const double c1 = thread_cpu_seconds();
      std::lock_guard lock(mutex);
      completed.push_back(std::move(r));
      cpu += c1 - c0;
    }
    std::lock_guard lock(mutex);
    --running;
    wake.notify_all();
  };
  std::vector<std::jthread> pool;
  for (int t = 0; t < settings.threads; ++t) pool.emplace_back(worker);

  const auto interval = std::chrono::duration<double>(settings.flush_interval);
  for (;;) {
    std::vector<RunRecord> batch;
    bool finished = false;
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, interval, [&] { return running == 0; });
      batch.swap(completed);
      finished = running == 0;
      progress.cpu = cpu;
    }
    progress.done += static_cast<std::int64_t>(batch.size());
    progress.elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!batch.empty()) sink(std::move(batch));
    if (settings.progress) settings.progress(progress);
    if (finished) break;
  }
  return progress;
}

}  // namespace deorbit

#include "deorbit/app/campaign_outputs.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/atomic_file.h"

namespace deorbit::app {

std::vector<std::string> write_campaign_outputs(const CampaignReport& report, const DeorbitPlan& plan,
                                                std::span<const RunRecord> runs, const TargetZone& zone,
                                                const EarthOrientation&, const std::filesystem::path& dir,
                                                std::ostream& summary) {
  (void)plan;
  (void)zone;
  std::int64_t inside = 0;
  for (const auto& r : runs) inside += r.inside;
  nlohmann::json j{{"runs", runs.size()}, {"inside", inside}, {"cpu_s", report.cpu_this_session}};
  write_file_atomically(dir / "report.json", [&](std::ostream& out) { out << j.dump(2) << '\n'; });
  summary << fmt::format("{} runs, {} inside, {:.3f} s CPU\n", runs.size(), inside, report.cpu_this_session);
  return {"report.json"};
}

}  // namespace deorbit::app

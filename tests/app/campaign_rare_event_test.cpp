// Importance sampling against brute force on a case where brute force is affordable (a 1 % escape probability):
// the same answer, and the precision of the brute force with at least 10 times fewer runs.
#include <cmath>

#include <gtest/gtest.h>

#include "support/run_command.h"
#include "support/test_data.h"

namespace {

using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;
namespace testing = deorbit::testing;

struct Escape {
  double p = 0, se = 0;
  long long runs = 0;
};

Escape escape_of(const std::string& args, const std::string& dir) {
  const std::string zone = testing::test_data("campaign/hazard-area-99.geojson").string();
  const std::string dispersions = testing::test_data("campaign/guidance-99.yaml").string();
  CommandResult r = run_deorbit("campaign --dispersions " + dispersions + " --zone " + zone + " -q -o " + dir + " " + args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto report = testing::read_json_file(dir + "/report.json");
  const auto& e = report["statistics"]["escape"];
  Escape out;
  out.p = e["probability"].get<double>();
  out.runs = e["runs"].get<long long>();
  // Brute force: the binomial standard error; importance sampling: the weighted estimator's own.
  out.se = e.contains("standard_error") ? e["standard_error"].get<double>()
                                        : std::sqrt(out.p * (1 - out.p) / static_cast<double>(out.runs));
  return out;
}

TEST(CampaignRareEventSlow, ImportanceSamplingAgreesWithBruteForceWithTenTimesFewerRuns) {
  const Escape brute = escape_of("--plain --runs 3000 --threads 2", testing::fresh_output_dir("rare-brute"));
  const Escape is = escape_of("--runs 300 --threads 2", testing::fresh_output_dir("rare-is"));
  // The case is where it was designed: about a 1 % escape probability.
  EXPECT_GT(brute.p, 0.003);
  EXPECT_LT(brute.p, 0.03);
  // The same answer within 3 combined standard errors.
  EXPECT_LT(std::abs(is.p - brute.p), 3 * std::hypot(is.se, brute.se))
      << "importance sampling " << is.p << " +- " << is.se << ", brute force " << brute.p << " +- " << brute.se;
  // With 10 times fewer runs, a standard error no larger than the brute force's.
  EXPECT_LE(is.se, brute.se) << "importance sampling " << is.se << " (300 runs), brute force " << brute.se
                             << " (3000 runs)";
}

}  // namespace

// `deorbit data` end to end, and what the other commands do with the cache: they read the cached space weather,
// EOP and element sets when no file is given, say so on stderr, and warn when the data are stale.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datasets/local_server.h"
#include "deorbit/datasets/cache.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace deorbit::datasets {
namespace {

using testing::file_text;
using testing::LocalServer;
using testing::run_deorbit;

const std::string kSw = "spaceweather/SW-All_2025-03-23.csv";
const std::string kEop = "spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt";

std::filesystem::path cache_with(const std::string& name, bool sw, bool eop) {
  const std::filesystem::path d = testing::fresh_output_dir("cli_" + name);
  std::filesystem::create_directories(d);
  if (sw) std::filesystem::copy_file(testing::test_data(kSw), d / "SW-All.csv");
  if (eop) std::filesystem::copy_file(testing::test_data(kEop), d / "EOP-All.csv");
  return d;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The support code gives every command of a test process an empty private cache, whatever the user downloaded.
TEST(DataCli, TestsRunWithAnEmptyPrivateCache) {
  const auto r = run_deorbit("data path");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::private_cache_dir() + "\n");
  EXPECT_TRUE(std::filesystem::is_empty(testing::private_cache_dir()));
  EXPECT_EQ(run_deorbit("data path --cache /some/where").out, "/some/where\n");
  testing::ScopedEnv own("DEORBIT_CACHE_DIR", "/own/cache");
  EXPECT_EQ(run_deorbit("data path").out, "/own/cache\n");
}

TEST(DataCli, ListsTheEmbeddedDataSets) {
  const auto r = run_deorbit("data list --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["cache"], testing::private_cache_dir());
  EXPECT_EQ(j["thresholds_days"]["space_weather"], 7);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& e : j["data_sets"]) by_name[e["name"]] = e;
  // Every file of data/ is listed, with the SHA-256 of its bytes.
  for (const auto& f : std::filesystem::directory_iterator(testing::source_path("data"))) {
    const std::string name = f.path().filename().string();
    if (name.find("README") != std::string::npos) continue;
    ASSERT_TRUE(by_name.count(name)) << name;
    EXPECT_EQ(by_name[name]["origin"], "embedded");
    EXPECT_EQ(by_name[name]["sha256"], sha256_hex(file_text(f.path().string()))) << name;
    EXPECT_FALSE(by_name[name]["what"].get<std::string>().empty()) << name;
    EXPECT_FALSE(by_name[name]["used_by"].get<std::string>().empty()) << name;
  }
  const auto& sw = by_name["space_weather_default.csv"];
  EXPECT_EQ(sw["first_day"], "2024-12-01");
  EXPECT_EQ(sw["last_observed_day"], "2026-01-14");
  EXPECT_EQ(sw["prediction_end_day"], "2041-10-31");
  EXPECT_TRUE(sw["in_use"]);
  EXPECT_GT(sw["age_days"].get<double>(), 0);
  EXPECT_EQ(by_name["iss_25544.tle"]["newest_epoch_day"], "2026-08-25");
  EXPECT_TRUE(by_name["egm96_20x20.txt"]["age_days"].is_null());
  // No EOP is embedded: listed as none, not in use.
  EXPECT_EQ(by_name["EOP-All.csv"]["origin"], "none");
  EXPECT_FALSE(by_name["EOP-All.csv"]["in_use"]);
}

TEST(DataCli, ListsTheCachedDataSets) {
  const auto cache = cache_with("list", true, true);
  std::filesystem::create_directories(cache / "gp");
  std::filesystem::copy_file(testing::test_data("sgp4/sample_omm.json"), cache / "gp" / "catnr-5.json");
  std::ofstream(cache / "gp" / "group-broken.json") << "[{\"OBJECT_NAME\": \"X\"}]\n";
  auto r = run_deorbit("data list --format json --cache " + cache.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto listed = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& e : listed["data_sets"]) by_name[e["name"]] = e;
  const auto& sw = by_name["SW-All.csv"];
  EXPECT_EQ(sw["origin"], "cached");
  EXPECT_EQ(sw["location"], (cache / "SW-All.csv").string());
  EXPECT_EQ(sw["first_day"], "1957-10-01");
  EXPECT_EQ(sw["last_observed_day"], "2025-03-23");
  EXPECT_EQ(sw["prediction_end_day"], "2041-10-31");
  EXPECT_TRUE(sw["stale"]);
  EXPECT_EQ(sw["sha256"], sha256_hex(file_text(testing::test_data(kSw).string())));
  EXPECT_FALSE(by_name["space_weather_default.csv"]["in_use"]);
  EXPECT_EQ(by_name["EOP-All.csv"]["last_observed_day"], "2025-01-10");
  EXPECT_EQ(by_name["EOP-All.csv"]["prediction_end_day"], "2025-07-10");
  EXPECT_EQ(by_name["gp/catnr-5.json"]["newest_epoch_day"], "2025-02-14");
  EXPECT_EQ(by_name["gp/catnr-5.json"]["detail"], "1 element set of 1 object");
  EXPECT_TRUE(contains(by_name["gp/group-broken.json"]["error"].get<std::string>(), "EPOCH"))
      << by_name["gp/group-broken.json"];

  r = run_deorbit("data list --cache " + cache.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Cache folder: " + cache.string() + "\n"));
  EXPECT_TRUE(contains(r.out, "SW-All.csv  " + (cache / "SW-All.csv").string() + "\n"));
  EXPECT_TRUE(contains(r.out, "  coverage  1957-10-01 .. observed 2025-03-23, predicted to 2041-10-31\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "days since the last observed day (STALE: run `deorbit data update`)")) << r.out;
  EXPECT_TRUE(contains(r.out, "(not used by default: the cached SW-All.csv takes its place)")) << r.out;
  EXPECT_TRUE(contains(r.out, "  ERROR     ")) << r.out;
}

TEST(DataCli, UpdateThroughTheCommand) {
  const std::string sw = file_text(testing::test_data(kSw).string()),
                    eop = file_text(testing::test_data(kEop).string());
  LocalServer server(testing::space_data(sw, eop));
  const auto cache = cache_with("update", false, false);
  auto r = run_deorbit("data update --cache " + cache.string() + " --source-url " + server.url());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "updated space weather: " + (cache / "SW-All.csv").string() +
                                  " (1957-10-01 .. observed 2025-03-23, predicted to 2041-10-31, 2.8 MB, sha256 " +
                                  sha256_hex(sw) + ")\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "updated Earth orientation: ")) << r.out;
  EXPECT_EQ(file_text((cache / "EOP-All.csv").string()), eop);

  // The environment variable gives the source as well; a 404 keeps the file and exits 1, the others still run.
  testing::ScopedEnv url("DEORBIT_DATA_URL", server.url().c_str());
  const int before = server.requests();
  r = run_deorbit("data update --eop --norad 25544 --retries 0 --cache " + cache.string());
  EXPECT_EQ(r.exit_code, 1);
  // The EOP file was written seconds ago: kept without a request.
  EXPECT_TRUE(contains(r.out, "kept Earth orientation: " + (cache / "EOP-All.csv").string() +
                                  " (written 0 min ago, less "
                                  "than the 60 min asked between downloads; --force downloads it anyway)\n"))
      << r.out;
  EXPECT_TRUE(contains(r.err, "deorbit: error: element sets of 25544: " + server.url() +
                                  "/NORAD/elements/gp.php?CATNR=25544&FORMAT=json: HTTP 404; nothing cached for it\n"))
      << r.err;
  EXPECT_EQ(server.requests(), before + 1);
}

TEST(DataCli, UpdateFailuresSayWhatHappened) {
  const auto cache = cache_with("update_fail", true, false);
  const std::string kept = "; kept the cached " + (cache / "SW-All.csv").string() + " as it was\n";
  auto r = run_deorbit("data update --space-weather --force --retries 0 --cache " + cache.string() + " --source-url " +
                       testing::closed_port_url());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "Couldn't connect to server" + kept)) << r.err;
  {
    LocalServer slow([](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    r = run_deorbit("data update --space-weather --force --timeout 0.5 --retries 0 --cache " + cache.string() +
                    " --source-url " + slow.url());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err, "timed out (0.5 s allowed)")) << r.err;
    EXPECT_TRUE(contains(r.err, kept)) << r.err;
  }
  EXPECT_EQ(file_text((cache / "SW-All.csv").string()), file_text(testing::test_data(kSw).string()));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(cache), {}), 1);
  EXPECT_EQ(run_deorbit("data update --timeout 0 --cache " + cache.string()).exit_code, 1);
  EXPECT_EQ(run_deorbit("data update --bogus").exit_code, 2);
}

// density is the quickest command that reads space weather and EOP.
const std::string kDensity = "density --model nrlmsise00 --epoch 2025-01-01T12:00:00Z --lat 51.6 --lon 0 --alt-km 420";

TEST(DataCli, CommandsTakeTheCachedFilesAndSaySo) {
  const auto cache = cache_with("commands", true, true);
  testing::ScopedEnv own("DEORBIT_CACHE_DIR", cache.string().c_str());
  const auto r = run_deorbit(kDensity);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["space_weather"], (cache / "SW-All.csv").string());
  EXPECT_TRUE(contains(r.err, "deorbit: space weather: cached " + (cache / "SW-All.csv").string() +
                                  " (1957-10-01 .. observed 2025-03-23, predicted to 2041-10-31; last observed day "))
      << r.err;
  EXPECT_TRUE(contains(r.err, "deorbit: Earth orientation: cached " + (cache / "EOP-All.csv").string())) << r.err;
  // The test files end in 2025: both are stale now.
  EXPECT_TRUE(contains(r.err, "(stale after 7): run `deorbit data update --space-weather`")) << r.err;
  EXPECT_TRUE(contains(r.err, "(stale after 30): run `deorbit data update --eop`")) << r.err;
  EXPECT_FALSE(contains(r.err, "embedded table")) << r.err;
  // The same figures as with the files given explicitly (which print no note).
  const auto given = run_deorbit(kDensity + " --space-weather " + testing::test_data(kSw).string() + " --eop " +
                                 testing::test_data(kEop).string());
  ASSERT_EQ(given.exit_code, 0) << given.err;
  const auto g = nlohmann::json::parse(given.out);
  EXPECT_EQ(g["density_kg_m3"], j["density_kg_m3"]);
  EXPECT_EQ(g["local_solar_time_h"], j["local_solar_time_h"]);
  EXPECT_FALSE(contains(given.err, "cached")) << given.err;
}

// plan (and campaign, through the same scenario reader): --space-weather > the scenario's file > the cached one.
TEST(DataCli, PlanTakesTheCachedSpaceWeatherAfterTheScenarios) {
  const auto cache = cache_with("plan", true, true);
  testing::ScopedEnv own("DEORBIT_CACHE_DIR", cache.string().c_str());
  auto r = run_deorbit("plan --explain");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "space_weather_file: \"" + (cache / "SW-All.csv").string() + "\"")) << r.out;
  EXPECT_TRUE(contains(r.err, "deorbit: space weather: cached " + (cache / "SW-All.csv").string())) << r.err;
  EXPECT_FALSE(contains(r.err, "embedded table")) << r.err;
  // The scenario's own file: the cached one is neither read nor announced.
  const std::string own_sw = testing::test_data(kSw).string();
  const std::string scenario = testing::write_temp_file(
      "own_sw.yaml", testing::edited_source_file("examples/iss-usdv.yaml",
                                                 {{"objects_file: objects/iss.yaml",
                                                   "space_weather_file: \"" + own_sw + "\"\nobjects_file: " +
                                                       testing::source_path("examples/objects/iss.yaml").string()}}));
  r = run_deorbit("plan --explain " + scenario);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "space_weather_file: \"" + own_sw + "\"")) << r.out;
  EXPECT_FALSE(contains(r.err, "space weather: cached")) << r.err;
}

// propagate takes the cached EOP for its frames (SGP4 path: no space weather read, none announced).
TEST(DataCli, PropagateTakesTheCachedEop) {
  const auto cache = cache_with("propagate", true, true);
  testing::ScopedEnv own("DEORBIT_CACHE_DIR", cache.string().c_str());
  const auto cached = run_deorbit("propagate --frame itrf --step 600");
  ASSERT_EQ(cached.exit_code, 0) << cached.err;
  EXPECT_TRUE(contains(cached.err, "deorbit: Earth orientation: cached " + (cache / "EOP-All.csv").string()))
      << cached.err;
  EXPECT_FALSE(contains(cached.err, "space weather")) << cached.err;
  const auto given = run_deorbit("propagate --frame itrf --step 600 --eop " + testing::test_data(kEop).string());
  ASSERT_EQ(given.exit_code, 0) << given.err;
  EXPECT_EQ(cached.out, given.out);
  testing::ScopedEnv empty("DEORBIT_CACHE_DIR", testing::private_cache_dir().c_str());
  EXPECT_NE(run_deorbit("propagate --frame itrf --step 600").out, cached.out);  // UT1 = UTC, no polar motion
}

TEST(DataCli, WithoutACacheTheEmbeddedDefaultsAsBefore) {
  const auto r = run_deorbit(kDensity);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["space_weather"], "embedded space_weather_default.csv");
  EXPECT_FALSE(contains(r.err, "cached")) << r.err;
  EXPECT_TRUE(contains(r.err, "using the embedded table")) << r.err;
}

TEST(DataCli, DecayTakesTheCachedElementSetsOfAnObject) {
  const auto all =
      nlohmann::json::parse(file_text(testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json").string()));
  const auto cache = cache_with("decay", true, false);
  std::filesystem::create_directories(cache / "gp");
  nlohmann::json history = nlohmann::json::array();
  for (std::size_t i = all.size() - 6; i < all.size(); ++i) history.push_back(all[i]);
  std::ofstream(cache / "gp" / "catnr-25544.json") << history.dump(1);
  testing::ScopedEnv own("DEORBIT_CACHE_DIR", cache.string().c_str());
  auto r = run_deorbit(
      "decay --norad 25544 --ensemble 1 --horizon-days 0.5 --horizon-limit-days 0.5 --no-progress --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["element_sets_known"], 6);
  EXPECT_EQ(j["prediction_epoch"].get<std::string>().substr(0, 19),
            all.back()["EPOCH"].get<std::string>().substr(0, 19));
  EXPECT_EQ(j["space_weather"], (cache / "SW-All.csv").string());
  EXPECT_TRUE(contains(r.err, "deorbit: element sets of 25544: cached " + (cache / "gp" / "catnr-25544.json").string() +
                                  " (6 element sets of 1 object, epochs 2025-03-08 .. 2025-03-09; newest "))
      << r.err;
  EXPECT_TRUE(contains(r.err, "(stale after 3): run `deorbit data update --norad 25544`")) << r.err;

  r = run_deorbit("decay --norad 99999 --no-progress");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "deorbit: error: no cached element set of catalogue number 99999 in " +
                                  (cache / "gp").string() + ": run `deorbit data update --norad 99999`"))
      << r.err;
  // Nothing cached for 25544: the embedded ISS element set, as before the cache.
  testing::ScopedEnv empty("DEORBIT_CACHE_DIR", testing::private_cache_dir().c_str());
  r = run_deorbit(
      "decay --norad 25544 --ensemble 1 --horizon-days 0.5 --horizon-limit-days 0.5 --no-progress --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["element_sets_known"], 1);
  EXPECT_FALSE(contains(r.err, "cached")) << r.err;
}

}  // namespace
}  // namespace deorbit::datasets

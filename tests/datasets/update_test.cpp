// `deorbit data update` in the library: each file is checked by the program's own reader before it replaces the
// cached one; on any failure the old file stays byte for byte and no temporary file is left.
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datasets/local_server.h"
#include "deorbit/datasets/cache.h"
#include "deorbit/datasets/update.h"
#include "deorbit/orbit/omm.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace deorbit::datasets {
namespace {

using testing::file_text;
using testing::LocalServer;

std::string sw_text() { return file_text(testing::test_data("spaceweather/SW-All_2025-03-23.csv").string()); }
// The reference set holds CelesTrak's EOP in the fixed-width form only; EarthOrientation::read tells the forms
// apart by content, so the server answers the EOP-All.csv path with it.
std::string eop_text() {
  return file_text(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt").string());
}
nlohmann::json iss_records() {
  return nlohmann::json::parse(file_text(testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json").string()));
}
nlohmann::json slice(const nlohmann::json& all, std::size_t from, std::size_t to) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = from; i < to; ++i) out.push_back(all[i]);
  return out;
}

// A fresh cache folder per test.
std::filesystem::path fresh_cache(const std::string& name) {
  const std::filesystem::path d = testing::fresh_output_dir("cache_" + name);
  std::filesystem::create_directories(d);
  return d;
}

std::vector<std::string> files_in(const std::filesystem::path& d) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(d))
    if (e.is_regular_file()) out.push_back(std::filesystem::relative(e.path(), d).string());
  std::sort(out.begin(), out.end());
  return out;
}

UpdateRequest request(const std::filesystem::path& cache, const std::string& url) {
  UpdateRequest rq;
  rq.cache = cache;
  rq.base_url = url;
  rq.download.timeout = 5;
  rq.download.retries = 0;
  return rq;
}

UpdateOutcome update_one(UpdateRequest rq) {
  auto out = update(rq);
  EXPECT_EQ(out.size(), 1u);
  return out.empty() ? UpdateOutcome{} : out.front();
}

TEST(DataUpdate, InstallsSpaceWeatherAndEop) {
  const std::string sw = sw_text(), eop = eop_text();
  LocalServer server(testing::space_data(sw, eop));
  const auto cache = fresh_cache("install");
  UpdateRequest rq = request(cache, server.url());
  rq.space_weather = rq.earth_orientation = true;
  const auto out = update(rq);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(out[0].ok) << out[0].error;
  EXPECT_TRUE(out[1].ok) << out[1].error;
  EXPECT_EQ(read_bytes(cache / "SW-All.csv"), sw);
  EXPECT_EQ(read_bytes(cache / "EOP-All.csv"), eop);
  EXPECT_NE(out[0].summary.find("1957-10-01 .. observed 2025-03-23, predicted to 2041-10-31"), std::string::npos)
      << out[0].summary;
  EXPECT_NE(out[0].summary.find("sha256 " + sha256_hex(sw)), std::string::npos);
  EXPECT_NE(out[1].summary.find("2000-01-01 .. observed 2025-01-10, predicted to 2025-07-10"), std::string::npos)
      << out[1].summary;
  EXPECT_EQ(files_in(cache), (std::vector<std::string>{"EOP-All.csv", "SW-All.csv"}));
}

// Every failure leaves the cached file as it was and no temporary file beside it, and says what happened.
struct Failure {
  std::string name;
  LocalServer::Handler handler;
  std::string expected;  // in the error message
};

TEST(DataUpdate, FailuresKeepTheOldFile) {
  const std::string sw = sw_text();
  // Cut in the middle of a line about two thirds into the file.
  std::string truncated = sw.substr(0, sw.size() * 2 / 3);
  if (truncated.back() == '\n') truncated.pop_back();
  const std::size_t cut_line = static_cast<std::size_t>(std::count(truncated.begin(), truncated.end(), '\n')) + 1;
  // Whole lines, but ending in 2024: older than the cached file.
  const std::string older = sw.substr(0, sw.find("\n2024-06-01,") + 1);
  std::vector<Failure> cases = {
      {"404", [](const httplib::Request&, httplib::Response& res) { res.status = 404; }, "HTTP 404"},
      {"garbage",
       [](const httplib::Request&, httplib::Response& res) {
         res.set_content("<html><body>Service unavailable, try later</body></html>\n", "text/html");
       },
       "/SpaceData/SW-All.csv"},
      {"truncated", [&](const httplib::Request&, httplib::Response& res) { res.set_content(truncated, "text/csv"); },
       "/SpaceData/SW-All.csv:" + std::to_string(cut_line) + ":"},
      {"older than the cache",
       [&](const httplib::Request&, httplib::Response& res) { res.set_content(older, "text/csv"); },
       "observed only to 2024-05-31, before the cached file's 2025-03-23"},
      {"cut transfer",
       [&](const httplib::Request&, httplib::Response& res) {
         res.set_content_provider(sw.size(), "text/csv", [&](std::size_t offset, std::size_t, httplib::DataSink& sink) {
           if (offset > 0) return false;
           sink.write(sw.data(), 5000);
           return true;
         });
       },
       "/SpaceData/SW-All.csv: "},
      {"slow",
       [](const httplib::Request&, httplib::Response& res) {
         std::this_thread::sleep_for(std::chrono::milliseconds(1200));
         res.set_content("late", "text/plain");
       },
       "timed out (0.3 s allowed)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    LocalServer server(c.handler);
    const auto cache = fresh_cache("fail");
    std::filesystem::copy_file(testing::test_data("spaceweather/SW-All_2025-03-23.csv"), cache / "SW-All.csv");
    UpdateRequest rq = request(cache, server.url());
    rq.space_weather = true;
    rq.download.timeout = 0.3;
    const UpdateOutcome o = update_one(rq);
    EXPECT_FALSE(o.ok);
    EXPECT_NE(o.error.find(c.expected), std::string::npos) << o.error;
    EXPECT_EQ(read_bytes(cache / "SW-All.csv"), sw);
    EXPECT_EQ(files_in(cache), std::vector<std::string>{"SW-All.csv"});
  }
}

TEST(DataUpdate, NoNetworkKeepsTheOldFile) {
  const auto cache = fresh_cache("refused");
  std::filesystem::copy_file(testing::test_data("spaceweather/SW-All_2025-03-23.csv"), cache / "SW-All.csv");
  UpdateRequest rq = request(cache, testing::closed_port_url());
  rq.space_weather = rq.earth_orientation = true;
  const auto out = update(rq);
  ASSERT_EQ(out.size(), 2u);
  for (const auto& o : out) {
    EXPECT_FALSE(o.ok);
    EXPECT_NE(o.error.find("onnect"), std::string::npos) << o.error;
  }
  EXPECT_EQ(read_bytes(cache / "SW-All.csv"), sw_text());
  EXPECT_EQ(files_in(cache), std::vector<std::string>{"SW-All.csv"});
}

TEST(DataUpdate, BadEopNamesTheUrlAndLine) {
  // A valid header, then a row with a letter where polar motion x belongs.
  const std::string bad =
      "DATE,MJD,X,Y,UT1-UTC,LOD,DPSI,DEPS,DX,DY,DAT,DATA_TYPE\n"
      "2004-04-06,53101,-0.140682,0.333309,-0.4399525,0.0015563,-0.052195,-0.003875,0,0,32,O\n"
      "2004-04-07,53102,abc,0.334000,-0.4415000,0.0015000,-0.052000,-0.003800,0,0,32,O\n";
  LocalServer server([&](const httplib::Request&, httplib::Response& res) { res.set_content(bad, "text/csv"); });
  const auto cache = fresh_cache("eop_bad");
  UpdateRequest rq = request(cache, server.url());
  rq.earth_orientation = true;
  const UpdateOutcome o = update_one(rq);
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.error.find(server.url() + "/SpaceData/EOP-All.csv:3"), std::string::npos) << o.error;
  EXPECT_EQ(o.error.find(".part"), std::string::npos) << o.error;
  EXPECT_TRUE(files_in(cache).empty());
}

TEST(DataUpdate, ElementSetsAreCheckedAndMergedIntoAHistory) {
  const nlohmann::json all = iss_records();
  int call = 0;
  LocalServer server([&](const httplib::Request&, httplib::Response& res) {
    // First answer: records 0-3; second: 2-6 (two already cached).
    res.set_content((call++ == 0 ? slice(all, 0, 4) : slice(all, 2, 7)).dump(4), "application/json");
  });
  const auto cache = fresh_cache("gp");
  UpdateRequest rq = request(cache, server.url());
  rq.norad = {25544};
  UpdateOutcome o = update_one(rq);
  ASSERT_TRUE(o.ok) << o.error;
  EXPECT_EQ(server.last_target(), "/NORAD/elements/gp.php?CATNR=25544&FORMAT=json");
  EXPECT_EQ(o.file, cache / "gp" / "catnr-25544.json");
  EXPECT_NE(o.summary.find("4 element sets of 1 object"), std::string::npos) << o.summary;
  o = update_one(rq);
  ASSERT_TRUE(o.ok) << o.error;
  EXPECT_NE(o.summary.find("7 element sets of 1 object"), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find("(3 new)"), std::string::npos) << o.summary;
  const auto sets = read_omm_file(o.file, {.strict = true}).records;
  ASSERT_EQ(sets.size(), 7u);
  for (std::size_t i = 1; i < sets.size(); ++i) EXPECT_LT(sets[i - 1].epoch, sets[i].epoch);
  EXPECT_EQ(files_in(cache), std::vector<std::string>{"gp/catnr-25544.json"});
}

TEST(DataUpdate, ElementSetsOlderThanTheKeptSpanAreDropped) {
  const nlohmann::json all = iss_records();
  // The first record (2024-09-15) and the last (2025-03-09): more than 30 days apart.
  nlohmann::json two = nlohmann::json::array({all.front(), all.back()});
  LocalServer server(
      [&](const httplib::Request&, httplib::Response& res) { res.set_content(two.dump(), "application/json"); });
  const auto cache = fresh_cache("gp_span");
  UpdateRequest rq = request(cache, server.url());
  rq.norad = {25544};
  const UpdateOutcome o = update_one(rq);
  ASSERT_TRUE(o.ok) << o.error;
  const auto sets = read_omm_file(o.file).records;
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].epoch, Epoch::from_iso(all.back()["EPOCH"].get<std::string>()));
}

TEST(DataUpdate, BadElementSetAnswersKeepTheOldFile) {
  const nlohmann::json all = iss_records();
  const auto cache = fresh_cache("gp_bad");
  std::filesystem::create_directories(cache / "gp");
  const std::string old = slice(all, 0, 2).dump(1) + "\n";
  { std::ofstream(cache / "gp" / "catnr-25544.json") << old; }
  nlohmann::json no_bstar = slice(all, 2, 3);
  no_bstar[0].erase("BSTAR");
  const std::string vanguard = file_text(testing::test_data("sgp4/sample_omm.json").string());
  std::vector<std::pair<std::string, std::string>> answers = {
      {"No GP data found\n", "/NORAD/elements/gp.php?CATNR=25544&FORMAT=json:1:"},  // CelesTrak's answer, status 200
      {no_bstar.dump(4), "BSTAR"},
      {vanguard, "holds catalogue number 5, not the 25544 asked for"},
      {slice(all, 2, 4).dump(4).substr(0, 300), "CATNR=25544&FORMAT=json:11:16: expected a well-formed JSON object"},
  };
  for (const auto& [body, expected] : answers) {
    SCOPED_TRACE(expected);
    LocalServer server(
        [&](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
    UpdateRequest rq = request(cache, server.url());
    rq.norad = {25544};
    const UpdateOutcome o = update_one(rq);
    EXPECT_FALSE(o.ok);
    EXPECT_NE(o.error.find(expected), std::string::npos) << o.error;
    EXPECT_EQ(read_bytes(cache / "gp" / "catnr-25544.json"), old);
    EXPECT_EQ(files_in(cache), std::vector<std::string>{"gp/catnr-25544.json"});
  }
}

// After an HTTP error answer nothing more is asked of the server (CelesTrak's usage policy).
TEST(DataUpdate, AnHttpErrorStopsTheRequests) {
  LocalServer server([](const httplib::Request&, httplib::Response& res) { res.status = 403; });
  const auto cache = fresh_cache("stop");
  UpdateRequest rq = request(cache, server.url());
  rq.space_weather = rq.earth_orientation = true;
  rq.norad = {25544};
  const auto out = update(rq);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_NE(out[0].error.find("/SpaceData/SW-All.csv: HTTP 403"), std::string::npos) << out[0].error;
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_FALSE(out[i].ok);
    EXPECT_EQ(out[i].error.rfind("not requested: " + server.url() + "/SpaceData/SW-All.csv: HTTP 403", 0), 0u)
        << out[i].error;
  }
  EXPECT_EQ(server.requests(), 1);
  EXPECT_TRUE(files_in(cache).empty());
}

// A file written less than min_interval ago is kept without a request; an older one is downloaded.
TEST(DataUpdate, RecentFilesAreNotFetchedAgain) {
  const std::string sw = sw_text();
  LocalServer server(testing::space_data(sw, eop_text()));
  const auto cache = fresh_cache("recent");
  std::filesystem::copy_file(testing::test_data("spaceweather/SW-All_2025-03-23.csv"), cache / "SW-All.csv");
  UpdateRequest rq = request(cache, server.url());
  rq.space_weather = true;
  rq.min_interval = 3600;
  UpdateOutcome o = update_one(rq);
  EXPECT_TRUE(o.ok);
  EXPECT_TRUE(o.kept);
  EXPECT_EQ(o.summary, "written 0 min ago, less than the 60 min asked between downloads");
  EXPECT_EQ(server.requests(), 0);
  std::filesystem::last_write_time(cache / "SW-All.csv",
                                   std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  o = update_one(rq);
  EXPECT_TRUE(o.ok) << o.error;
  EXPECT_FALSE(o.kept);
  EXPECT_EQ(server.requests(), 1);
}

TEST(DataUpdate, GroupsByName) {
  const std::string vanguard = file_text(testing::test_data("sgp4/sample_omm.json").string());
  LocalServer server(
      [&](const httplib::Request&, httplib::Response& res) { res.set_content(vanguard, "application/json"); });
  const auto cache = fresh_cache("group");
  UpdateRequest rq = request(cache, server.url());
  rq.groups = {"stations", "../etc"};
  const auto out = update(rq);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(out[0].ok) << out[0].error;
  EXPECT_EQ(out[0].file, cache / "gp" / "group-stations.json");
  EXPECT_FALSE(out[1].ok);
  EXPECT_NE(out[1].error.find("group name '../etc'"), std::string::npos) << out[1].error;
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(files_in(cache), std::vector<std::string>{"gp/group-stations.json"});
}

TEST(DataUpdate, SourceUrl) {
  testing::ScopedEnv none("DEORBIT_DATA_URL", nullptr);
  EXPECT_EQ(source_url(), "https://celestrak.org");
  EXPECT_EQ(source_url("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
  testing::ScopedEnv mirror("DEORBIT_DATA_URL", "http://mirror.example/celestrak");
  EXPECT_EQ(source_url(), "http://mirror.example/celestrak");
  EXPECT_EQ(source_url("http://given"), "http://given");
}

}  // namespace
}  // namespace deorbit::datasets

// Which file a command reads: explicit > cached > embedded; the staleness thresholds; the cache folder's rule; the
// file helpers (SHA-256, whole-or-nothing replacement).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datasets/local_server.h"
#include "deorbit/base/error.h"
#include "deorbit/datasets/cache.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/time/epoch.h"
#include "support/run_command.h"
#include "support/test_data.h"

namespace deorbit::datasets {
namespace {

// UTC MJDs of the test files' last observed days: SW-All_2025-03-23.csv and the EOP file of 2025-01-10.
constexpr double kSwLastObserved = 60757;   // 2025-03-23
constexpr double kEopLastObserved = 60685;  // 2025-01-10

std::filesystem::path cache_with(const std::string& name, bool sw, bool eop) {
  const std::filesystem::path d = testing::fresh_output_dir("resolve_" + name);
  std::filesystem::create_directories(d);
  if (sw) std::filesystem::copy_file(testing::test_data("spaceweather/SW-All_2025-03-23.csv"), d / "SW-All.csv");
  if (eop)
    std::filesystem::copy_file(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"),
                               d / "EOP-All.csv");
  return d;
}

TEST(DataResolve, DateOfMjd) {
  EXPECT_EQ(date_of_mjd(kSwLastObserved), "2025-03-23");
  EXPECT_EQ(date_of_mjd(kEopLastObserved + 0.99), "2025-01-10");
  EXPECT_EQ(date_of_mjd(36112), "1957-10-01");  // before UTC's start: still a calendar day
}

TEST(DataResolve, ExplicitFileWinsOverTheCache) {
  const auto cache = cache_with("explicit", true, true);
  const Resolution sw = resolve_space_weather("/given/sw.csv", cache, kSwLastObserved + 100);
  EXPECT_EQ(sw.file, "/given/sw.csv");
  EXPECT_FALSE(sw.cached);
  EXPECT_TRUE(sw.note.empty());
  EXPECT_TRUE(sw.stale.empty());  // an explicit file is the user's choice, old or not (e.g. with --as-of)
  EXPECT_EQ(resolve_earth_orientation("/given/eop.csv", cache, 0).file, "/given/eop.csv");
}

TEST(DataResolve, CachedFileBeforeTheEmbeddedDefault) {
  const auto cache = cache_with("cached", true, true);
  const Resolution sw = resolve_space_weather("", cache, kSwLastObserved + 2.5);
  EXPECT_EQ(sw.file, cache / "SW-All.csv");
  EXPECT_TRUE(sw.cached);
  EXPECT_EQ(sw.note,
            "space weather: cached " + (cache / "SW-All.csv").string() +
                " (1957-10-01 .. observed 2025-03-23, predicted to 2041-10-31; last observed day 2.5 days ago)");
  EXPECT_TRUE(sw.stale.empty());
  const Resolution eop = resolve_earth_orientation("", cache, kEopLastObserved + 10);
  EXPECT_EQ(eop.file, cache / "EOP-All.csv");
  EXPECT_TRUE(eop.stale.empty());
}

TEST(DataResolve, NothingCachedMeansTheEmbeddedDefault) {
  const auto cache = cache_with("empty", false, false);
  EXPECT_TRUE(resolve_space_weather("", cache, kSwLastObserved).file.empty());
  EXPECT_TRUE(resolve_earth_orientation("", cache, kSwLastObserved).file.empty());
  EXPECT_TRUE(resolve_space_weather("", cache / "does-not-exist", 0).file.empty());
}

TEST(DataResolve, StalenessThresholds) {
  const auto cache = cache_with("stale", true, true);
  EXPECT_TRUE(resolve_space_weather("", cache, kSwLastObserved + kSpaceWeatherStaleDays - 0.01).stale.empty());
  const Resolution sw = resolve_space_weather("", cache, kSwLastObserved + kSpaceWeatherStaleDays + 0.01);
  EXPECT_EQ(sw.stale, "the cached space weather " + (cache / "SW-All.csv").string() +
                          " was last observed on 2025-03-23, 7 days ago (stale after 7): run `deorbit data update "
                          "--space-weather`");
  EXPECT_TRUE(resolve_earth_orientation("", cache, kEopLastObserved + kEarthOrientationStaleDays - 0.01).stale.empty());
  const Resolution eop = resolve_earth_orientation("", cache, kEopLastObserved + 45);
  EXPECT_NE(eop.stale.find("was last observed on 2025-01-10, 45 days ago (stale after 30): run `deorbit data update "
                           "--eop`"),
            std::string::npos)
      << eop.stale;
}

TEST(DataResolve, CachedTableWithoutObservedDaysIsCalledStale) {
  // The test file's header and its first three daily-predicted rows.
  std::istringstream in(testing::file_text(testing::test_data("spaceweather/SW-All_2025-03-23.csv").string()));
  std::string text, line;
  int predicted = 0;
  while (std::getline(in, line))
    if (line.rfind("DATE,", 0) == 0 || (line.find(",PRD,") != std::string::npos && predicted++ < 3))
      text += line + "\n";
  const auto cache = cache_with("predicted_only", false, false);
  std::ofstream(cache / "SW-All.csv") << text;
  const Resolution r = resolve_space_weather("", cache, kSwLastObserved);
  EXPECT_EQ(r.file, cache / "SW-All.csv");
  EXPECT_NE(r.note.find("; no observed day)"), std::string::npos) << r.note;
  EXPECT_EQ(r.stale, "the cached space weather " + (cache / "SW-All.csv").string() +
                         " has no observed day: run `deorbit data update --space-weather`");
}

TEST(DataResolve, UnreadableCachedFileIsAnError) {
  const auto cache = cache_with("unreadable", false, false);
  std::ofstream(cache / "SW-All.csv") << "DATE,AP_AVG\nnot a date,4\n";
  try {
    (void)resolve_space_weather("", cache, 0);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the cached file " + (cache / "SW-All.csv").string()), std::string::npos)
        << e.what();
  }
}

TEST(DataResolve, ElementSetsOfAnObject) {
  const auto cache = cache_with("gp", false, false);
  const auto all =
      nlohmann::json::parse(testing::file_text(testing::test_data("tle/iss/iss_omm_2024-09_to_2025-03.json").string()));
  std::filesystem::create_directories(cache / "gp");
  try {
    (void)resolve_element_sets(25544, cache, 0);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("run `deorbit data update --norad 25544`"), std::string::npos) << e.what();
  }
  // The object's own file holds an older history than a group file: the newest element set wins.
  nlohmann::json own = nlohmann::json::array({all[0], all[1], all[2]});
  nlohmann::json group = nlohmann::json::array({all[3]});
  group.push_back(nlohmann::json::parse(testing::file_text(testing::test_data("sgp4/sample_omm.json").string()))[0]);
  std::ofstream(cache / "gp" / "catnr-25544.json") << own.dump();
  std::ofstream(cache / "gp" / "group-stations.json") << group.dump();
  const Epoch newest = Epoch::from_iso(all[3]["EPOCH"].get<std::string>());
  const double newest_mjd = newest.mjd(TimeScale::UTC);
  Resolution r = resolve_element_sets(25544, cache, newest_mjd + 1);
  EXPECT_EQ(r.file, cache / "gp" / "group-stations.json");
  EXPECT_TRUE(r.stale.empty());
  EXPECT_NE(r.note.find("1 element set of 1 object"), std::string::npos) << r.note;
  r = resolve_element_sets(25544, cache, newest_mjd + kElementSetStaleDays + 0.5);
  EXPECT_NE(r.stale.find("is 4 days old (stale after 3): run `deorbit data update --norad 25544`"), std::string::npos)
      << r.stale;
  // Equal newest epochs: the longer history (the object's file) wins.
  own.push_back(all[3]);
  std::ofstream(cache / "gp" / "catnr-25544.json") << own.dump();
  EXPECT_EQ(resolve_element_sets(25544, cache, newest_mjd).file, cache / "gp" / "catnr-25544.json");
  EXPECT_EQ(resolve_element_sets(5, cache, newest_mjd).file, cache / "gp" / "group-stations.json");
}

TEST(DataCache, FolderRule) {
  testing::ScopedEnv dir("DEORBIT_CACHE_DIR", nullptr);
  testing::ScopedEnv xdg("XDG_CACHE_HOME", nullptr);
  testing::ScopedEnv home("HOME", "/home/user");
  EXPECT_EQ(cache_folder(), "/home/user/.cache/deorbit");
  {
    testing::ScopedEnv relative("XDG_CACHE_HOME", "relative/cache");  // ignored: the XDG rule wants absolute paths
    EXPECT_EQ(cache_folder(), "/home/user/.cache/deorbit");
  }
  testing::ScopedEnv xdg_set("XDG_CACHE_HOME", "/xdg");
  EXPECT_EQ(cache_folder(), "/xdg/deorbit");
  testing::ScopedEnv dir_set("DEORBIT_CACHE_DIR", "/data/deorbit");
  EXPECT_EQ(cache_folder(), "/data/deorbit");
  EXPECT_EQ(cache_folder("/given"), "/given");
  testing::ScopedEnv no_home("HOME", nullptr);
  testing::ScopedEnv no_xdg("XDG_CACHE_HOME", nullptr);
  testing::ScopedEnv no_dir("DEORBIT_CACHE_DIR", nullptr);
  EXPECT_THROW((void)cache_folder(), InputError);
}

TEST(DataCache, Sha256) {
  // FIPS 180-4 example values (NIST CSRC "SHA256.pdf", one-block and empty messages).
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(DataCache, ReplaceIsWholeOrNothing) {
  const std::filesystem::path d = testing::fresh_output_dir("replace");
  const auto file = d / "sub" / "f.txt";
  replace_file_atomically(file, "one\n");  // creates the folder
  EXPECT_EQ(read_bytes(file), "one\n");
  EXPECT_THROW(replace_file_atomically(file, "two\n",
                                       [](const std::filesystem::path& tmp) {
                                         EXPECT_EQ(read_bytes(tmp), "two\n");  // the check reads the complete new file
                                         throw InputError("refused");
                                       }),
               InputError);
  EXPECT_EQ(read_bytes(file), "one\n");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(d / "sub"), {}), 1);
  replace_file_atomically(file, "three\n");
  EXPECT_EQ(read_bytes(file), "three\n");
}

}  // namespace
}  // namespace deorbit::datasets

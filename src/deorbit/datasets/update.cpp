#include "deorbit/datasets/update.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/datasets/cache.h"
#include "deorbit/datasets/coverage.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::datasets {
namespace {

std::string size_text(std::size_t bytes) {
  return bytes >= 1000000 ? fmt::format("{:.1f} MB", bytes / 1e6) : fmt::format("{:.1f} kB", bytes / 1e3);
}

// Messages of a reader name the file it read (the temporary file): name the URL instead.
std::string renamed(std::string message, const std::string& from, const std::string& to) {
  for (std::size_t at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size()))
    message.replace(at, from.size(), to);
  return message;
}

std::string update_space_weather(const UpdateRequest& rq, const std::string& url, const std::filesystem::path& file) {
  const std::string body = download(url, rq.download);
  const SpaceWeather fresh = SpaceWeather::parse(body, url);
  if (fresh.last_observed_mjd() <= 0) throw InputError(fmt::format("{}: no observed day in the file", url));
  std::optional<int> cached_last;
  if (std::filesystem::exists(file)) {
    try {
      cached_last = SpaceWeather::read(file).last_observed_mjd();
    } catch (const InputError&) {
      // an unreadable cache file is simply replaced
    }
  }
  if (cached_last && *cached_last > fresh.last_observed_mjd())
    throw InputError(fmt::format("{}: observed only to {}, before the cached file's {}", url,
                                 date_of_mjd(fresh.last_observed_mjd()), date_of_mjd(*cached_last)));
  // The summary is made before the file is installed: nothing may fail after it.
  const std::string summary =
      fmt::format("{}, {}, sha256 {}", coverage_text(coverage_of(fresh)), size_text(body.size()), sha256_hex(body));
  replace_file_atomically(file, body);
  return summary;
}

std::string update_earth_orientation(const UpdateRequest& rq, const std::string& url,
                                     const std::filesystem::path& file) {
  const std::string body = download(url, rq.download);
  std::string summary;
  // EarthOrientation reads files only: the check reads the temporary file before it becomes the cache file.
  replace_file_atomically(file, body, [&](const std::filesystem::path& tmp) {
    try {
      const EarthOrientation eop = EarthOrientation::read(tmp);
      const Coverage c = coverage_of(eop);
      if (!c.last_observed_mjd) throw InputError(fmt::format("{}: no observed day in the file", tmp.string()));
      summary = fmt::format("{}, {}, sha256 {}", coverage_text(c), size_text(body.size()), sha256_hex(body));
    } catch (const InputError& e) {
      throw InputError(renamed(e.what(), tmp.string(), url));
    }
  });
  return summary;
}

// The key of a record: catalogue number (a number in CelesTrak's JSON, a string in some others) and epoch text.
std::pair<long long, std::string> key_of(const nlohmann::json& r) {
  const auto& id = r.at("NORAD_CAT_ID");
  return {id.is_string() ? std::stoll(id.get<std::string>()) : id.get<long long>(), r.at("EPOCH").get<std::string>()};
}

// The JSON records of a checked OMM JSON text (the reader has already refused anything malformed).
nlohmann::json records_of(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  if (j.is_object()) j = nlohmann::json::array({j});
  return j;
}

std::string update_element_sets(const UpdateRequest& rq, const std::string& url, const std::filesystem::path& file,
                                std::optional<std::uint32_t> norad) {
  const std::string body = download(url, rq.download);
  std::istringstream in(body);
  // CelesTrak answers an unknown object or group with a plain-text line (e.g. "No GP data found"), status 200.
  const auto fresh = read_omm(in, url, {.strict = true}, OmmEncoding::JSON).records;
  if (fresh.empty()) throw InputError(fmt::format("{}: no element set in the answer", url));
  if (norad)
    for (const auto& e : fresh)
      if (e.object.catalogue_number != *norad)
        throw InputError(fmt::format("{}: holds catalogue number {}, not the {} asked for", url,
                                     e.object.catalogue_number.value_or(0), *norad));
  // Merge with the cached records: one per (object, epoch), the new copy kept.
  std::map<std::pair<long long, std::string>, nlohmann::json> merged;
  std::size_t before = 0;
  if (std::filesystem::exists(file)) {
    try {
      for (auto& r : records_of(read_bytes(file))) {
        merged[key_of(r)] = r;
        ++before;
      }
    } catch (const std::exception&) {
      merged.clear();  // an unreadable cache file is replaced by the new answer
      before = 0;
    }
  }
  for (auto& r : records_of(body)) merged[key_of(r)] = r;
  std::map<long long, Epoch> newest;
  for (const auto& [key, r] : merged) {
    const Epoch t = Epoch::from_iso(key.second);
    auto [it, inserted] = newest.emplace(key.first, t);
    if (!inserted && it->second < t) it->second = t;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, r] : merged)
    if (newest.at(key.first) - Epoch::from_iso(key.second) <= kElementSetKeepDays * 86400.0) out.push_back(r);
  const std::string text = out.dump(1) + "\n";
  std::istringstream check(text);
  const auto kept = read_omm(check, file.string(), {.strict = true}, OmmEncoding::JSON).records;
  const std::size_t added = merged.size() - std::min(merged.size(), before);
  const std::string summary =
      fmt::format("{} ({} new), sha256 {}", coverage_text(coverage_of(kept), true), added, sha256_hex(text));
  replace_file_atomically(file, text);
  return summary;
}

bool valid_group(const std::string& g) {
  return !g.empty() && g.size() <= 64 && std::all_of(g.begin(), g.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

std::string source_url(const std::string& given) {
  std::string url = given;
  if (url.empty())
    if (const char* e = std::getenv("DEORBIT_DATA_URL")) url = e;
  if (url.empty()) url = "https://celestrak.org";
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::vector<UpdateOutcome> update(const UpdateRequest& rq) {
  const std::string base = source_url(rq.base_url);
  std::vector<UpdateOutcome> out;
  std::string refused;  // the first HTTP error answer: no further request to that server (download.h)
  auto run = [&](std::string what, std::string url, std::filesystem::path file, const auto& work) {
    UpdateOutcome o{std::move(what), std::move(url), std::move(file), false, "", ""};
    if (!refused.empty()) {
      o.error = fmt::format("not requested: {} (the source asks clients to stop at an error answer)", refused);
      out.push_back(std::move(o));
      return;
    }
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(o.file, ec);
    if (!ec && rq.min_interval > 0) {
      const double age = std::chrono::duration<double>(std::filesystem::file_time_type::clock::now() - written).count();
      if (age >= 0 && age < rq.min_interval) {
        o.ok = o.kept = true;
        o.summary = fmt::format("written {:.0f} min ago, less than the {:.0f} min asked between downloads", age / 60,
                                rq.min_interval / 60);
        out.push_back(std::move(o));
        return;
      }
    }
    try {
      o.summary = work(o.url, o.file);
      o.ok = true;
    } catch (const DownloadError& e) {
      o.error = e.what();
      if (e.http_status() != 0) refused = e.what();
    } catch (const std::exception& e) {
      o.error = e.what();
    }
    out.push_back(std::move(o));
  };
  if (rq.space_weather)
    run("space weather", base + "/SpaceData/SW-All.csv", rq.cache / kSpaceWeatherFile,
        [&](const std::string& u, const std::filesystem::path& f) { return update_space_weather(rq, u, f); });
  if (rq.earth_orientation)
    run("Earth orientation", base + "/SpaceData/EOP-All.csv", rq.cache / kEarthOrientationFile,
        [&](const std::string& u, const std::filesystem::path& f) { return update_earth_orientation(rq, u, f); });
  for (std::uint32_t n : rq.norad)
    run(fmt::format("element sets of {}", n), fmt::format("{}/NORAD/elements/gp.php?CATNR={}&FORMAT=json", base, n),
        element_set_file(rq.cache, n),
        [&](const std::string& u, const std::filesystem::path& f) { return update_element_sets(rq, u, f, n); });
  for (const std::string& g : rq.groups) {
    if (!valid_group(g)) {
      out.push_back({fmt::format("element sets of group {}", g),
                     "",
                     {},
                     false,
                     "",
                     fmt::format("group name '{}': expected letters, digits, '-' or '_' (CelesTrak's names, e.g. "
                                 "stations)",
                                 g)});
      continue;
    }
    run(fmt::format("element sets of group {}", g),
        fmt::format("{}/NORAD/elements/gp.php?GROUP={}&FORMAT=json", base, g), group_file(rq.cache, g),
        [&](const std::string& u, const std::filesystem::path& f) {
          return update_element_sets(rq, u, f, std::nullopt);
        });
  }
  return out;
}

}  // namespace deorbit::datasets

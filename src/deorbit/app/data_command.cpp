#include "deorbit/app/data_command.h"

#include <cmath>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/error.h"
#include "deorbit/base/text.h"
#include "deorbit/datasets/cache.h"
#include "deorbit/datasets/list.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/datasets/update.h"

namespace deorbit::app {
namespace {

using nlohmann::json;

json day_or_null(const std::optional<double>& mjd) { return mjd ? json(datasets::date_of_mjd(*mjd)) : json(); }

json to_json(const std::filesystem::path& cache, const std::vector<datasets::DataSetEntry>& entries) {
  json list = json::array();
  for (const auto& e : entries)
    list.push_back({{"name", e.name},
                    {"origin", e.missing  ? "none"
                               : e.cached ? "cached"
                                          : "embedded"},
                    {"what", e.what},
                    {"source", e.source},
                    {"location", e.location},
                    {"first_day", day_or_null(e.coverage.first_mjd)},
                    {"last_observed_day", e.element_sets ? json() : day_or_null(e.coverage.last_observed_mjd)},
                    {"newest_epoch_day", e.element_sets ? day_or_null(e.coverage.last_observed_mjd) : json()},
                    {"prediction_end_day", day_or_null(e.coverage.prediction_end_mjd)},
                    {"detail", e.coverage.detail},
                    {"age_days", e.age_days ? json(*e.age_days) : json()},
                    {"stale", e.stale},
                    {"in_use", e.in_use},
                    {"bytes", e.bytes},
                    {"sha256", e.sha256},
                    {"used_by", e.used_by},
                    {"error", e.error.empty() ? json() : json(e.error)}});
  return {{"cache", cache.string()},
          {"thresholds_days",
           {{"space_weather", datasets::kSpaceWeatherStaleDays},
            {"earth_orientation", datasets::kEarthOrientationStaleDays},
            {"element_sets", datasets::kElementSetStaleDays}}},
          {"data_sets", list}};
}

void write_text(std::ostream& out, const std::filesystem::path& cache,
                const std::vector<datasets::DataSetEntry>& entries) {
  out << fmt::format("Cache folder: {}\n", cache.string());
  for (const auto& e : entries) {
    out << fmt::format("\n{}  {}{}\n", e.name, e.location,
                       e.in_use || e.missing ? "" : "  (not used by default: the cached SW-All.csv takes its place)");
    out << fmt::format("  what      {}\n  source    {}\n", e.what, e.source.empty() ? "-" : e.source);
    if (e.missing) {
      out << fmt::format("  used by   {}\n", e.used_by);
      continue;
    }
    if (!e.error.empty()) {
      out << fmt::format("  ERROR     {}\n", e.error);
    } else if (e.time_series) {
      out << fmt::format("  coverage  {}\n", datasets::coverage_text(e.coverage, e.element_sets));
      if (e.age_days)
        out << fmt::format("  age       {:.1f} days since the {}{}\n", *e.age_days,
                           e.element_sets ? "newest epoch" : "last observed day",
                           e.stale ? " (STALE: run `deorbit data update`)" : "");
    } else {
      out << "  coverage  - (a model: it does not age)\n";
    }
    out << fmt::format("  size      {} bytes, sha256 {}\n", e.bytes, e.sha256.empty() ? "-" : e.sha256);
    out << fmt::format("  used by   {}\n", e.used_by.empty() ? "-" : e.used_by);
  }
}

int run_list(const DataOptions& o) {
  const std::string format = text::upper(o.format);
  if (format != "TEXT" && format != "JSON")
    throw InputError(fmt::format("--format: expected text or json, got '{}'", o.format));
  const auto cache = datasets::cache_folder(o.cache_dir);
  const auto entries = datasets::list_data_sets(cache, datasets::now_mjd());
  if (format == "JSON")
    std::cout << to_json(cache, entries).dump(2) << '\n';
  else
    write_text(std::cout, cache, entries);
  return 0;
}

int run_update(const DataOptions& o) {
  if (!(o.timeout > 0) || !std::isfinite(o.timeout))
    throw InputError(fmt::format("--timeout must be a positive number of seconds, got {}", o.timeout));
  if (o.retries < 0 || o.retries > 10) throw InputError(fmt::format("--retries must be 0..10, got {}", o.retries));
  datasets::UpdateRequest rq;
  const bool any = o.space_weather || o.eop || !o.norad.empty() || !o.groups.empty();
  rq.space_weather = o.space_weather || !any;
  rq.earth_orientation = o.eop || !any;
  for (unsigned long n : o.norad) {
    if (n < 1 || n > 999999999ul) throw InputError(fmt::format("--norad: expected a catalogue number, got {}", n));
    rq.norad.push_back(static_cast<std::uint32_t>(n));
  }
  rq.groups = o.groups;
  rq.cache = datasets::cache_folder(o.cache_dir);
  rq.base_url = o.source_url;
  rq.download.timeout = o.timeout;
  rq.download.retries = o.retries;
  rq.min_interval = o.force ? 0 : 3600;
  int failed = 0;
  for (const auto& r : datasets::update(rq)) {
    if (r.ok) {
      std::cout << fmt::format("{} {}: {} ({})\n", r.kept ? "kept" : "updated", r.what, r.file.string(),
                               r.kept ? r.summary + "; --force downloads it anyway" : r.summary);
      continue;
    }
    ++failed;
    const bool kept = !r.file.empty() && std::filesystem::exists(r.file);
    std::cerr << fmt::format(
        "deorbit: error: {}: {}; {}\n", r.what, r.error,
        kept ? fmt::format("kept the cached {} as it was", r.file.string()) : std::string("nothing cached for it"));
  }
  std::cout << std::flush;
  return failed ? 1 : 0;
}

}  // namespace

void add_data_command(CLI::App& app, DataOptions& o, int& exit_code) {
  CLI::App* data = app.add_subcommand("data", "List the data sets in use; update the cached public data");
  data->require_subcommand(1);
  data->footer(
      "The program carries its model data (gravity, NRLMSISE-00, land, population, materials, the ISS element set)\n"
      "and a space-weather table that ages. `deorbit data update` downloads CelesTrak's current space weather,\n"
      "Earth orientation and element sets into a cache folder; commands then take the cached space weather and EOP\n"
      "whenever --space-weather or --eop is not given (explicit file > cached file > embedded), say on stderr which\n"
      "file they use and how old it is, and warn when it is stale: space weather more than 7 days, EOP more than 30\n"
      "days after its last observed day, element sets more than 3 days after their newest epoch. `deorbit decay\n"
      "--norad N` without --tle/--omm takes the cached element sets of N. docs/data.md.\n\n"
      "Cache folder: --cache DIR, else $DEORBIT_CACHE_DIR, else $XDG_CACHE_HOME/deorbit, else ~/.cache/deorbit.\n\n"
      "Examples:\n"
      "  deorbit data update                    # space weather and EOP\n"
      "  deorbit data update --norad 25544 --group stations\n"
      "  deorbit data list --format json\n"
      "  deorbit data path");

  CLI::App* path = data->add_subcommand("path", "Print the cache folder");
  path->add_option("--cache", o.cache_dir, "cache folder [default: see deorbit data --help]");
  path->callback([&o, &exit_code]() {
    std::cout << datasets::cache_folder(o.cache_dir).string() << '\n';
    exit_code = 0;
  });

  CLI::App* list = data->add_subcommand("list", "List every data set the program uses, embedded or cached");
  list->footer(
      "For each data set: what it is, its source, its coverage (first day, last observed day, end of the\n"
      "predictions; element sets: their epochs), its age (days since the last observed day or the newest epoch;\n"
      "STALE past the thresholds of `deorbit data --help`), its size and SHA-256, and the commands that use it.\n"
      "A cached file the program cannot read is listed with the reader's error.\n\n"
      "JSON keys: cache, thresholds_days, data_sets[] with name, origin (embedded, cached or none), what, source,\n"
      "location, first_day, last_observed_day, newest_epoch_day, prediction_end_day, detail, age_days, stale,\n"
      "in_use, bytes, sha256, used_by, error.");
  list->add_option("--cache", o.cache_dir, "cache folder [default: see deorbit data --help]");
  list->add_option("--format", o.format, "text or json")->capture_default_str();
  list->callback([&o, &exit_code]() { exit_code = run_list(o); });

  CLI::App* update = data->add_subcommand("update", "Download current space weather, EOP and element sets");
  update->footer(
      "Downloads, from CelesTrak (or --source-url / $DEORBIT_DATA_URL, same layout):\n"
      "  --space-weather   SpaceData/SW-All.csv    -> CACHE/SW-All.csv\n"
      "  --eop             SpaceData/EOP-All.csv   -> CACHE/EOP-All.csv\n"
      "  --norad N         NORAD/elements/gp.php?CATNR=N&FORMAT=json  -> CACHE/gp/catnr-N.json\n"
      "  --group NAME      NORAD/elements/gp.php?GROUP=NAME&FORMAT=json -> CACHE/gp/group-NAME.json\n"
      "With no selector: space weather and EOP. Each file is read by the program's own reader before it replaces\n"
      "the cached one (written beside it, synced, renamed): on any failure (HTTP status, timeout, refused\n"
      "connection, a parse error with its line) the old file stays and the error says what happened. Element sets\n"
      "are merged with those already cached (a history for `deorbit decay --norad N`; sets older than 30 days\n"
      "before the object's newest are dropped). Network failures (timeouts, refused or cut connections) are retried\n"
      "after 2, 4, 8 s. An HTTP error answer is not retried, and no further file is requested from the server:\n"
      "CelesTrak asks machine clients to stop at any answer but HTTP 200 (celestrak.org/usage-policy.php). libcurl\n"
      "honours http_proxy, https_proxy, no_proxy and ALL_PROXY. A file written less than an hour ago is kept\n"
      "without a request (the same policy asks clients not to fetch the same data over and over; it names once an\n"
      "hour for some of it); --force downloads it anyway.\n\n"
      "Exit codes: 0 every file updated; 1 one or more failed (the others are still tried, unless the server\n"
      "answered with an HTTP error); 2 bad command line.");
  update->add_flag("--space-weather", o.space_weather, "CelesTrak SW-All.csv");
  update->add_flag("--eop", o.eop, "CelesTrak EOP-All.csv");
  update->add_option("--norad", o.norad, "element sets of these catalogue numbers (OMM JSON)")->expected(1, -1);
  update->add_option("--group", o.groups, "element sets of these CelesTrak groups (e.g. stations)")->expected(1, -1);
  update->add_option("--cache", o.cache_dir, "cache folder [default: see deorbit data --help]");
  update->add_option("--source-url", o.source_url, "base URL [default: $DEORBIT_DATA_URL, else https://celestrak.org]");
  update->add_option("--timeout", o.timeout, "[s] one attempt, connect and transfer")->capture_default_str();
  update->add_flag("--force", o.force, "download even the files written less than an hour ago");
  update
      ->add_option("--retries", o.retries,
                   "further attempts after a network failure (timeout, refused or cut connection)")
      ->capture_default_str();
  update->callback([&o, &exit_code]() { exit_code = run_update(o); });
}

}  // namespace deorbit::app

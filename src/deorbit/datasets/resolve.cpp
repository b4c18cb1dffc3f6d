#include "deorbit/datasets/resolve.h"

#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/datasets/cache.h"
#include "deorbit/datasets/coverage.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::datasets {
namespace {

// The note and the staleness of a cached table, from its coverage.
Resolution describe(const std::string& what, const std::filesystem::path& file, const Coverage& c, double now,
                    double stale_days, const std::string& update_option) {
  Resolution r{file, true, "", ""};
  if (!c.last_observed_mjd) {  // a table of predictions only (not one that `deorbit data update` installs)
    r.note = fmt::format("{}: cached {} ({}; no observed day)", what, file.string(), coverage_text(c));
    r.stale = fmt::format("the cached {} {} has no observed day: run `deorbit data update {}`", what, file.string(),
                          update_option);
    return r;
  }
  const double age = now - *c.last_observed_mjd;
  r.note =
      fmt::format("{}: cached {} ({}; last observed day {:.1f} days ago)", what, file.string(), coverage_text(c), age);
  if (age > stale_days)
    r.stale = fmt::format(
        "the cached {} {} was last observed on {}, {:.0f} days ago (stale after {:g}): run "
        "`deorbit data update {}`",
        what, file.string(), date_of_mjd(*c.last_observed_mjd), age, stale_days, update_option);
  return r;
}

template <class Read>
Coverage checked(const std::filesystem::path& file, Read read) {
  try {
    return read();
  } catch (const InputError& e) {
    throw InputError(
        fmt::format("{} (the cached file {}: run `deorbit data update` again, or remove it)", e.what(), file.string()));
  }
}

std::uint32_t embedded_element_set_number() {
  std::istringstream in{std::string(*embedded_data("iss_25544.tle"))};
  TleReader reader(in, "embedded iss_25544.tle", {.strict = true});
  const auto e = reader.next();
  return e && e->object.catalogue_number ? *e->object.catalogue_number : 0;
}

void announce(const Resolution& r) {
  if (!r.note.empty()) std::cerr << "deorbit: " << r.note << '\n';
  if (!r.stale.empty()) warn(r.stale);
}

// Explicit > cached (read by Table::read to describe it) > nothing.
template <class Table>
Resolution resolve_table(const std::string& given, const std::filesystem::path& file, double now,
                         const std::string& what, double stale_days, const std::string& update_option) {
  if (!given.empty()) return {given, false, "", ""};
  if (!std::filesystem::exists(file)) return {};
  const Coverage c = checked(file, [&] { return coverage_of(Table::read(file)); });
  return describe(what, file, c, now, stale_days, update_option);
}

}  // namespace

Resolution resolve_space_weather(const std::string& given, const std::filesystem::path& cache, double now) {
  return resolve_table<SpaceWeather>(given, cache / kSpaceWeatherFile, now, "space weather", kSpaceWeatherStaleDays,
                                     "--space-weather");
}

Resolution resolve_earth_orientation(const std::string& given, const std::filesystem::path& cache, double now) {
  return resolve_table<EarthOrientation>(given, cache / kEarthOrientationFile, now, "Earth orientation",
                                         kEarthOrientationStaleDays, "--eop");
}

Resolution resolve_element_sets(std::uint32_t norad, const std::filesystem::path& cache, double now) {
  const std::filesystem::path folder = cache / kElementSetFolder;
  std::filesystem::path best;
  std::vector<MeanElements> best_sets;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const auto& p = entry.path();
    if (p.extension() != ".json") continue;
    std::vector<MeanElements> sets;
    for (auto& e : read_omm_file(p).records)
      if (e.object.catalogue_number == norad) sets.push_back(std::move(e));
    if (sets.empty()) continue;
    const double newest = coverage_of(sets).last_observed_mjd.value_or(0);
    const double best_newest = best_sets.empty() ? -1 : coverage_of(best_sets).last_observed_mjd.value_or(0);
    // The newest element set wins; at equal epochs, the longer history (decay fits the last 5 days).
    if (newest > best_newest || (newest == best_newest && sets.size() > best_sets.size())) {
      best = p;
      best_sets = std::move(sets);
    }
  }
  if (best.empty())
    throw InputError(
        fmt::format("no cached element set of catalogue number {} in {}: run `deorbit data update "
                    "--norad {}` (or give --tle or --omm)",
                    norad, folder.string(), norad));
  Coverage c = coverage_of(best_sets);
  Resolution r = describe(fmt::format("element sets of {}", norad), best, c, now, kElementSetStaleDays,
                          fmt::format("--norad {}", norad));
  const double age = now - *c.last_observed_mjd;
  r.note = fmt::format("element sets of {}: cached {} ({}; newest {:.1f} days old)", norad, best.string(),
                       coverage_text(c, true), age);
  if (!r.stale.empty())
    r.stale = fmt::format(
        "the newest cached element set of {} ({}) is {:.0f} days old (stale after {:g}): run "
        "`deorbit data update --norad {}`",
        norad, best.string(), age, kElementSetStaleDays, norad);
  return r;
}

std::string space_weather_file(const std::string& given) {
  if (!given.empty()) return given;
  const Resolution r = resolve_space_weather(given, cache_folder(), now_mjd());
  announce(r);
  return r.file.string();
}

std::string earth_orientation_file(const std::string& given) {
  if (!given.empty()) return given;
  const Resolution r = resolve_earth_orientation(given, cache_folder(), now_mjd());
  announce(r);
  return r.file.string();
}

void take_cached_files(std::string& space_weather_file, std::string& eop_file) {
  space_weather_file = datasets::space_weather_file(space_weather_file);
  eop_file = datasets::earth_orientation_file(eop_file);
}

EarthOrientation earth_orientation(const std::string& given) {
  const std::string file = earth_orientation_file(given);
  return file.empty() ? EarthOrientation() : EarthOrientation::read(file);
}

std::string data_identity(const std::string& space_weather_file, const std::string& eop_file) {
  const std::string sw = space_weather_file.empty() ? "embedded space_weather_default.csv, sha256 " +
                                                          sha256_hex(*embedded_data("space_weather_default.csv"))
                                                    : "sha256 " + sha256_hex(read_bytes(space_weather_file));
  const std::string eop = eop_file.empty() ? "none" : "sha256 " + sha256_hex(read_bytes(eop_file));
  return fmt::format("# space weather: {}\n# Earth orientation: {}", sw, eop);
}

std::string element_sets_file(const std::string& tle, const std::string& omm,
                              const std::optional<unsigned long>& norad) {
  if (!tle.empty() || !omm.empty() || !norad) return omm;
  if (*norad > 0xFFFFFFFFul) throw InputError(fmt::format("--norad: {} is not a catalogue number", *norad));
  const auto n = static_cast<std::uint32_t>(*norad);
  try {
    const Resolution r = resolve_element_sets(n, cache_folder(), now_mjd());
    announce(r);
    return r.file.string();
  } catch (const InputError&) {
    if (n == embedded_element_set_number()) return "";  // the embedded ISS element set, as before the cache
    throw;
  }
}

}  // namespace deorbit::datasets

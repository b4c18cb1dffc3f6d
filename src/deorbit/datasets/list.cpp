#include "deorbit/datasets/list.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/datasets/cache.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::datasets {
namespace {

struct Description {
  std::string_view name, what, source, used_by;
};

// Each embedded file's data/ header names its source in full; these are the short forms.
constexpr Description kEmbedded[] = {
    {"space_weather_default.csv", "space weather (F10.7, Ap): default when no file is given or cached",
     "CelesTrak SW-All.csv (NOAA SWPC, GFZ Potsdam, NRCan DRAO)",
     "decay, plan, campaign, density, propagate --numerical (drag)"},
    {"egm96_20x20.txt", "EGM96 gravity field, degree and order 20", "NASA GSFC and NIMA EGM96 (Lemoine et al. 1998)",
     "decay, plan, campaign, propagate --numerical"},
    {"nrlmsise00_coefficients.txt", "NRLMSISE-00 atmosphere coefficient tables",
     "NRL NRLMSISE-00 (Picone et al. 2002), block data via D. Brodowski's C port",
     "density, decay, plan, campaign, propagate --numerical (drag)"},
    {"natural_earth_land_110m.txt", "land polygons 1:110m (land mask of impacts)",
     "Natural Earth 4.1.0 (public domain)", "plan, campaign"},
    {"gpw_v4_population_count_rev11_2020_1_deg.asc", "population count 2020, 1 deg grid (casualty risk)",
     "CIESIN GPWv4 rev. 11 (NASA SEDAC, CC BY 4.0)", "plan, campaign, demise"},
    {"materials.txt", "material properties for the demise model",
     "SpaceMat, ASM/MatWeb, maker data sheets, CRC Handbook (one source per value)", "plan, campaign, demise"},
    {"iss_25544.tle", "ISS (NORAD 25544) element set: the default object", "CelesTrak GP element sets (US Space Force)",
     "propagate, decay, plan, campaign (default scenario)"},
    {"iss-usdv.yaml", "the default scenario (ISS deorbit by the US Deorbit Vehicle)", "deorbit examples/iss-usdv.yaml",
     "plan, campaign"},
    {"iss.yaml", "the ISS object tree of the default scenario", "deorbit examples/objects/iss.yaml", "plan, campaign"},
};

void set_age(DataSetEntry& e, double now, double stale_days) {
  if (!e.coverage.last_observed_mjd) return;
  e.age_days = now - *e.coverage.last_observed_mjd;
  e.stale = stale_days > 0 && *e.age_days > stale_days;
}

DataSetEntry embedded_entry(std::string_view name, std::string_view content, double now) {
  DataSetEntry e;
  e.name = std::string(name);
  e.location = fmt::format("embedded (data/{})", name);
  e.bytes = content.size();
  e.sha256 = sha256_hex(content);
  e.what = "embedded file";
  for (const auto& d : kEmbedded)
    if (d.name == name) {
      e.what = std::string(d.what);
      e.source = std::string(d.source);
      e.used_by = std::string(d.used_by);
    }
  if (name == "space_weather_default.csv") {
    e.time_series = true;
    e.coverage = coverage_of(SpaceWeather::parse(content, e.location));
    set_age(e, now, 0);
  } else if (name == "iss_25544.tle") {
    std::istringstream in{std::string(content)};
    TleReader reader(in, e.location, {.strict = true});
    std::vector<MeanElements> sets;
    while (auto s = reader.next()) sets.push_back(*s);
    e.time_series = e.element_sets = true;
    e.coverage = coverage_of(sets);
    set_age(e, now, 0);
  }
  return e;
}

// A cached file: described by the program's own reader, or its error.
template <class Describe>
DataSetEntry cached_entry(const std::filesystem::path& file, std::string name, std::string what, std::string source,
                          std::string used_by, double now, double stale_days, Describe describe) {
  DataSetEntry e;
  e.name = std::move(name);
  e.cached = true;
  e.what = std::move(what);
  e.source = std::move(source);
  e.used_by = std::move(used_by);
  e.location = file.string();
  e.time_series = true;
  try {
    const std::string bytes = read_bytes(file);
    e.bytes = bytes.size();
    e.sha256 = sha256_hex(bytes);
    e.coverage = describe();
    set_age(e, now, stale_days);
  } catch (const InputError& err) {
    e.error = err.what();
  }
  return e;
}

}  // namespace

std::vector<DataSetEntry> list_data_sets(const std::filesystem::path& cache, double now) {
  std::vector<DataSetEntry> out;
  for (std::string_view name : embedded_data_names()) out.push_back(embedded_entry(name, *embedded_data(name), now));

  const std::filesystem::path sw = cache / kSpaceWeatherFile;
  if (std::filesystem::exists(sw)) {
    out.push_back(cached_entry(sw, std::string(kSpaceWeatherFile), "space weather (F10.7, Ap), downloaded",
                               "CelesTrak https://celestrak.org/SpaceData/SW-All.csv",
                               "decay, plan, campaign, density, propagate --numerical (drag)", now,
                               kSpaceWeatherStaleDays, [&] { return coverage_of(SpaceWeather::read(sw)); }));
    if (out.back().error.empty())
      for (auto& e : out)
        if (e.name == "space_weather_default.csv") e.in_use = false;
  }
  const std::filesystem::path eop = cache / kEarthOrientationFile;
  const std::string eop_what = "Earth orientation (UT1-UTC, polar motion, IERS EOP 20 C04), downloaded";
  const std::string eop_source = "CelesTrak https://celestrak.org/SpaceData/EOP-All.csv";
  const std::string eop_users = "decay, plan, campaign, density, propagate";
  if (std::filesystem::exists(eop)) {
    out.push_back(cached_entry(eop, std::string(kEarthOrientationFile), eop_what, eop_source, eop_users, now,
                               kEarthOrientationStaleDays, [&] { return coverage_of(EarthOrientation::read(eop)); }));
  } else {
    // Nothing is embedded for it: say so, since the commands then take UT1 = UTC and no polar motion.
    DataSetEntry e;
    e.name = std::string(kEarthOrientationFile);
    e.missing = e.time_series = true;
    e.in_use = false;
    e.what = "Earth orientation (UT1-UTC, polar motion, IERS EOP 20 C04)";
    e.source = eop_source;
    e.used_by = eop_users;
    e.location = "none (not cached, none embedded): UT1 = UTC and no polar motion until `deorbit data update --eop`";
    out.push_back(std::move(e));
  }
  std::vector<std::filesystem::path> gp;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(cache / kElementSetFolder, ec))
    if (entry.path().extension() == ".json") gp.push_back(entry.path());
  std::sort(gp.begin(), gp.end());
  for (const auto& file : gp) {
    DataSetEntry e =
        cached_entry(file, std::string(kElementSetFolder) + "/" + file.filename().string(),
                     "element sets (OMM JSON), downloaded and merged",
                     "CelesTrak https://celestrak.org/NORAD/elements/gp.php", "decay --norad N", now,
                     kElementSetStaleDays, [&] { return coverage_of(read_omm_file(file, {.strict = true}).records); });
    e.element_sets = true;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace deorbit::datasets

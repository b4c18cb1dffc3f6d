#include "deorbit/app/density_command.h"

#include <cmath>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/atmosphere/exponential.h"
#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/space_weather.h"
#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/frames/solar_system.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::app {
namespace {

using json = nlohmann::ordered_json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// [h] local apparent solar time: the hour angle of the true Sun (analytic series) at the place, + 12 h.
double solar_time(const Epoch& t, double longitude, const EarthOrientation& eop) {
  Vec3 sun_itrf = FrameTransformer(eop).rotation(Frame::GCRF, Frame::ITRF, t) * sun_position_gcrf(t);
  return local_apparent_solar_time(longitude, std::atan2(sun_itrf.y(), sun_itrf.x()));
}

}  // namespace

int run_density(const DensityOptions& o, std::ostream& out) {
  const std::string model_name = text::upper(text::trim(o.model));
  std::unique_ptr<Atmosphere> model;
  if (model_name == "NRLMSISE00" || model_name == "NRLMSISE-00") model = std::make_unique<Nrlmsise00>(o.ap_history);
  else if (model_name == "US76") model = std::make_unique<UsStandardAtmosphere1976>();
  else if (model_name == "EXPONENTIAL") model = std::make_unique<ExponentialAtmosphere>();
  else throw InputError(fmt::format("--model: expected nrlmsise00, us76 or exponential, got '{}'", o.model));
  const bool dynamic = model->name() == "nrlmsise00";

  if (o.epoch.empty()) throw InputError("--epoch is required (ISO 8601 UTC, e.g. 2025-01-01T12:00:00Z)");
  const Epoch t = Epoch::from_iso(o.epoch);
  if (!(std::abs(o.lat_deg) <= 90.0))
    throw InputError(fmt::format("--lat: expected a geodetic latitude in [-90, 90] degrees, got {}", o.lat_deg));
  if (!std::isfinite(o.lon_deg)) throw InputError(fmt::format("--lon: expected a longitude in degrees, got {}", o.lon_deg));
  if (!std::isfinite(o.alt_km)) throw InputError(fmt::format("--alt-km: expected a height in km, got {}", o.alt_km));
  double lon = std::remainder(o.lon_deg, 360.0);  // (-180, 180]
  if (lon == -180.0) lon = 180.0;

  const int given = std::isfinite(o.f107) + std::isfinite(o.f107a) + std::isfinite(o.ap);
  if (given != 0 && given != 3) throw InputError("give all three of --f107, --f107a and --ap, or none");
  if (given == 3 && !o.space_weather_file.empty()) throw InputError("give --f107/--f107a/--ap or --space-weather, not both");
  if (given == 3 && !(o.f107 > 0 && o.f107a > 0 && o.ap >= 0))
    throw InputError(fmt::format("--f107 and --f107a must be > 0 sfu and --ap >= 0, got {}, {}, {}", o.f107, o.f107a, o.ap));

  AtmosphereInput in;
  in.epoch = t;
  in.place = {o.lat_deg * constants::deg, lon * constants::deg, o.alt_km * 1000.0};
  const EarthOrientation eop = datasets::earth_orientation(o.eop_file);
  in.local_solar_time = solar_time(t, in.place.longitude, eop.empty() ? EarthOrientation::none() : eop);

  json weather_source = nullptr;
  if (dynamic) {
    SpaceWeather weather;
    if (given == 3) weather = SpaceWeather::constant({o.f107, o.f107a, o.ap, {o.ap, o.ap, o.ap, o.ap, o.ap, o.ap, o.ap}});
    else if (auto file = datasets::space_weather_file(o.space_weather_file); !file.empty()) weather = SpaceWeather::read(file);
    else weather = SpaceWeather::embedded();  // warns once that it does
    in.weather = weather.at(t);
    weather_source = weather.source();
  } else if (given == 3 || !o.space_weather_file.empty()) {
    warn(fmt::format("the {} model does not use solar or geomagnetic activity: --f107/--f107a/--ap and "
                     "--space-weather are ignored",
                     model->name()));
  }

  const AtmosphereState state = model->evaluate(in);
  json j;
  j["model"] = std::string(model->name());
  j["epoch_utc"] = t.iso(TimeScale::UTC, 3) + "Z";
  j["latitude_deg"] = o.lat_deg;
  j["longitude_deg"] = lon;
  j["altitude_km"] = o.alt_km;
  j["local_solar_time_h"] = in.local_solar_time;
  j["f107"] = dynamic ? json(in.weather.f107_previous_day) : json(nullptr);
  j["f107a"] = dynamic ? json(in.weather.f107_81day_centred) : json(nullptr);
  j["ap"] = dynamic ? json(in.weather.ap_daily) : json(nullptr);
  j["ap_history"] = dynamic ? json(in.weather.ap_history) : json(nullptr);
  j["space_weather"] = weather_source;
  j["density_kg_m3"] = number_or_null(state.density);
  j["temperature_k"] = number_or_null(state.temperature);
  if (model->name() == "us76") {
    Us76Properties p = us_standard_1976(in.place.height);
    j["pressure_pa"] = number_or_null(p.pressure);
    j["speed_of_sound_mps"] = number_or_null(p.speed_of_sound);
  } else {
    j["pressure_pa"] = nullptr;
    j["speed_of_sound_mps"] = nullptr;
  }
  out << j.dump(2) << '\n';
  return 0;
}

void add_density_command(CLI::App& app, DensityOptions& o, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("density", "Print an atmosphere model's density at one place and time (JSON)");
  cmd->footer(
      "Print the neutral-atmosphere density (and temperature) of one model at one place and time, as one JSON\n"
      "object on stdout.\n\n"
      "Models:\n"
      "  nrlmsise00   NRLMSISE-00 (Picone et al. 2002): total mass density with anomalous oxygen (its gtd7d), and\n"
      "               temperature; depends on time, place and solar and geomagnetic activity.\n"
      "  us76         U.S. Standard Atmosphere 1976, 0-1000 km: height only; also pressure and speed of sound.\n"
      "  exponential  Vallado's exponential model (Table 8-4), 0-1000 km: height only, no temperature.\n\n"
      "Place and time: --epoch in ISO 8601 UTC; --lat and --lon in degrees (WGS84 geodetic latitude, east\n"
      "longitude); --alt-km, the height above the WGS84 ellipsoid in km. The local apparent solar time comes from\n"
      "the Sun's position (analytic series) at the epoch; --eop gives UT1 and polar motion for it (without, UT1 =\n"
      "UTC, which moves it by less than a second, and a warning says so). Below 0 km and above 1000 km the models\n"
      "extrapolate (see docs/validation-atmosphere.md); they do not fail.\n\n"
      "Activity (nrlmsise00 only), in the model's conventions: observed F10.7 of the previous UTC day [sfu], its\n"
      "81-day centred mean [sfu], and the daily Ap (or, with --ap-history, the 3-hourly ap history). Either give\n"
      "constant values with all three of --f107, --f107a and --ap, or read a CelesTrak file (SW-All.csv or\n"
      "SpaceWeather-All.txt) with --space-weather. With neither, the cached SW-All.csv of `deorbit data update`\n"
      "(stderr says which file and its age), else the embedded table (a CelesTrak extract with\n"
      "predictions to 2041) is used, and a warning says so.\n\n"
      "Output keys: model, epoch_utc, latitude_deg, longitude_deg, altitude_km, local_solar_time_h [h], f107,\n"
      "f107a, ap, ap_history (the NRLMSISE-00 7-element ap array), space_weather (where they came from),\n"
      "density_kg_m3 [kg/m^3], temperature_k [K], pressure_pa [Pa], speed_of_sound_mps [m/s]; null where the\n"
      "model has no such quantity or does not use the input.\n\n"
      "Exit codes: 0 success; 1 bad input (message on stderr); 2 a malformed command line (a missing or\n"
      "conflicting option).\n\n"
      "Examples:\n"
      "  deorbit density --model nrlmsise00 --epoch 2025-01-01T12:00:00Z --lat -41.35 --lon -4.76 \\\n"
      "      --alt-km 432.27 --f107 225.4 --f107a 200.3 --ap 86\n"
      "  deorbit density --model us76 --epoch 2025-01-01T12:00:00Z --lat 0 --lon 0 --alt-km 86");
  cmd->add_option("--model", o.model, "nrlmsise00, us76 or exponential")->capture_default_str();
  cmd->add_option("--epoch", o.epoch, "instant, ISO 8601 UTC (e.g. 2025-01-01T12:00:00Z)")->required();
  cmd->add_option("--lat", o.lat_deg, "[deg] geodetic latitude (WGS84), -90..90")->required();
  cmd->add_option("--lon", o.lon_deg, "[deg] east longitude")->required();
  cmd->add_option("--alt-km", o.alt_km, "[km] height above the WGS84 ellipsoid")->required();
  auto* f107 = cmd->add_option("--f107", o.f107, "[sfu] observed F10.7 of the previous UTC day (constant activity)");
  auto* f107a = cmd->add_option("--f107a", o.f107a, "[sfu] 81-day centred mean of observed F10.7 (constant activity)");
  auto* ap = cmd->add_option("--ap", o.ap, "[-] daily Ap, also used for every 3-hourly ap (constant activity)");
  f107->needs(f107a)->needs(ap);
  f107a->needs(f107)->needs(ap);
  ap->needs(f107)->needs(f107a);
  auto* sw = cmd->add_option("--space-weather", o.space_weather_file,
                             "CelesTrak space-weather file (SW-All.csv or SpaceWeather-All.txt) [default: the "
                             "cached one (deorbit data), else embedded]")
                 ->check(CLI::ExistingFile);
  sw->excludes(f107)->excludes(f107a)->excludes(ap);
  cmd->add_option("--eop", o.eop_file,
                  "Earth orientation file (CelesTrak EOP-All.txt or .csv) for UT1 and polar motion [default: the "
                  "cached one (deorbit data), else none]")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--ap-history", o.ap_history,
                "nrlmsise00: use the 3-hourly ap history (switch 9 = -1) instead of the daily Ap");
  cmd->callback([&]() { exit_code = run_density(o, std::cout); });
}

}  // namespace deorbit::app

#include "deorbit/app/propagate_command.h"

#include "deorbit/app/numerical_run.h"

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/ephemeris_writer.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/opm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/propagate/kepler_propagator.h"
#include "deorbit/sgp4/sgp4.h"

namespace deorbit::app {
namespace {

constexpr int kExitDecayed = 3;
constexpr std::size_t kMaxSamples = 50'000'000;

std::string describe(const MeanElements& e) {
  std::string id = e.object.catalogue_number ? std::to_string(*e.object.catalogue_number) : "no number";
  return fmt::format("'{}' ({}, epoch {})", e.object.name, id, e.epoch.iso(TimeScale::UTC, 3));
}

// Picks the element set: filtered by number or name; among several of one object, the one whose epoch is nearest
// to the start time (the user's intent when a file holds a history).
MeanElements select(std::vector<MeanElements> sets, const PropagateOptions& o, const std::string& source,
                    const std::optional<Epoch>& from) {
  std::vector<MeanElements> match;
  for (auto& e : sets) {
    if (o.norad && e.object.catalogue_number != o.norad) continue;
    if (!o.name.empty() && !text::equals_ci(text::trim(e.object.name), text::trim(o.name))) continue;
    match.push_back(std::move(e));
  }
  if (match.empty()) {
    std::string what = o.norad ? fmt::format("catalogue number {}", *o.norad)
                               : (o.name.empty() ? std::string("element sets") : fmt::format("name '{}'", o.name));
    throw InputError(fmt::format("{}: no {} found", source, what));
  }
  for (const auto& e : match) {
    if (e.object.catalogue_number != match.front().object.catalogue_number || e.object.name != match.front().object.name)
      throw InputError(fmt::format("{}: holds several objects ({} and {}, ...): choose one with --norad or --name",
                                   source, describe(match.front()), describe(e)));
  }
  if (!from) return match.back();
  auto best = std::min_element(match.begin(), match.end(), [&](const auto& a, const auto& b) {
    return std::abs(a.epoch - *from) < std::abs(b.epoch - *from);
  });
  return *best;
}

struct Source {
  std::variant<MeanElements, StateVector> orbit;
  ObjectIdentity object;
};

Source load_source(const PropagateOptions& o, const std::optional<Epoch>& from) {
  int given = !o.tle_file.empty() + !o.omm_file.empty() + !o.opm_file.empty();
  if (given > 1) throw InputError("give at most one of --tle, --omm and --opm");
  ReadOptions ro{.strict = o.strict};
  auto report = [](const std::vector<ParseIssue>& issues) {
    for (const auto& i : issues) warn("skipped a record: " + i.message());
  };
  if (!o.opm_file.empty()) {
    if (o.norad || !o.name.empty()) warn("--norad and --name are ignored with --opm (one object per OPM)");
    Opm opm = read_opm_file(o.opm_file);
    ObjectIdentity id;
    id.name = opm.object_name;
    id.international_designator = opm.object_id;
    return {opm.state, id};
  }
  if (!o.omm_file.empty()) {
    auto result = read_omm_file(o.omm_file, ro);
    report(result.issues);
    MeanElements e = select(std::move(result.records), o, o.omm_file, from);
    return {e, e.object};
  }
  if (!o.tle_file.empty()) {
    auto result = read_tle_file(o.tle_file, ro);
    report(result.issues);
    MeanElements e = select(std::move(result.records), o, o.tle_file, from);
    return {e, e.object};
  }
  std::istringstream embedded{std::string(*embedded_data("iss_25544.tle"))};
  TleReader reader(embedded, "embedded iss_25544.tle", {.strict = true});
  std::vector<MeanElements> sets;
  while (auto e = reader.next()) sets.push_back(*e);
  MeanElements e = select(std::move(sets), o, "embedded ISS element set", from);
  return {e, e.object};
}

}  // namespace

int run_propagate(const PropagateOptions& o) {
  if (!(o.step > 0) || !std::isfinite(o.step)) throw InputError(fmt::format("--step must be a positive number of seconds, got {}", o.step));
  std::string frame_name = text::upper(o.frame);
  bool geodetic = frame_name == "GEODETIC";
  std::optional<Frame> frame = geodetic ? Frame::ITRF : parse_frame(frame_name);
  if (!frame) throw InputError(fmt::format("--frame: expected teme, gcrf, itrf or geodetic, got '{}'", o.frame));
  std::string format = text::upper(o.format);
  if (format != "CSV" && format != "OEM") throw InputError(fmt::format("--format: expected csv or oem, got '{}'", o.format));
  if (geodetic && format == "OEM") throw InputError("--format oem needs a Cartesian frame (teme, gcrf or itrf), not geodetic");

  std::optional<Epoch> from;
  if (!o.from.empty()) from = Epoch::from_iso(o.from);
  Source src = load_source(o, from);
  EarthOrientation eop = datasets::earth_orientation(o.eop_file);
  FrameTransformer frames(eop);

  std::optional<Sgp4> sgp4;
  Epoch orbit_epoch;
  double period = 0;  // [s]
  if (auto* e = std::get_if<MeanElements>(&src.orbit)) {
    sgp4.emplace(*e);
    orbit_epoch = e->epoch;
    period = constants::two_pi / e->mean_motion;
  } else {
    const auto& s = std::get<StateVector>(src.orbit);
    orbit_epoch = s.epoch;
    double a = -constants::mu_earth / (2 * (s.v.squaredNorm() / 2 - constants::mu_earth / s.r.norm()));
    period = a > 0 ? constants::two_pi * std::sqrt(a * a * a / constants::mu_earth) : 5400.0;
  }
  Epoch start = from.value_or(orbit_epoch);
  Epoch stop = o.to.empty() ? start + std::ceil(period / o.step) * o.step : Epoch::from_iso(o.to);
  if (stop < start) throw InputError(fmt::format("--to ({}) is before --from ({})", stop.iso(), start.iso()));
  double span = stop - start;
  if (span / o.step > static_cast<double>(kMaxSamples))
    throw InputError(fmt::format("{} samples requested: more than {}; use a larger --step", span / o.step, kMaxSamples));

  std::vector<StateVector> states;
  int exit_code = 0;
  if (o.numerical) {
    NumericalRun run = run_numerical(src.orbit, start, stop, o.step, o.forces_file,
                                     datasets::space_weather_file(o.space_weather_file), eop);
    for (const auto& s : run.states) states.push_back(frames.transform(s, *frame));
    if (!run.ended_early.empty()) {
      warn(fmt::format("{}: {}; the ephemeris ends there", src.object.name, run.ended_early));
      exit_code = kExitDecayed;
    }
  }
  bool warned_far = false;
  auto n = o.numerical ? 0 : static_cast<std::size_t>(std::floor(span / o.step + 1e-9)) + 1;
  for (std::size_t i = 0; i < n; ++i) {
    Epoch t = start + static_cast<double>(i) * o.step;
    StateVector s;
    if (sgp4) {
      Sgp4State st = sgp4->at(t);
      if (!st.ok()) {
        warn(fmt::format("{}: {}; the ephemeris ends at the last valid state", src.object.name, st.message));
        exit_code = kExitDecayed;
        break;
      }
      if (st.far_from_epoch && !warned_far) {
        warn(fmt::format("{} is more than {:.0f} days from the element epoch {}: SGP4 errors grow quickly",
                         t.iso(TimeScale::UTC, 0), sgp4->options().far_from_epoch / 86400.0,
                         orbit_epoch.iso(TimeScale::UTC, 0)));
        warned_far = true;
      }
      s = {t, Frame::TEME, st.r, st.v};
    } else {
      const auto& s0 = std::get<StateVector>(src.orbit);
      StateVector inertial = s0.frame == Frame::ITRF ? frames.transform(s0, Frame::GCRF) : s0;
      s = propagate_kepler(inertial, t);
    }
    states.push_back(frames.transform(s, *frame));
  }

  auto write = [&](std::ostream& out) {
    if (format == "OEM") {
      std::string how = o.numerical ? "the numerical propagator"
                        : sgp4      ? "SGP4 from the element set"
                                    : "two-body motion from the OPM state";
      write_oem_kvn(out, states, src.object, "deorbit", "Propagated by deorbit with " + how);
    } else if (geodetic) {
      std::vector<GeodeticSample> g;
      g.reserve(states.size());
      for (const auto& s : states) g.push_back({s.epoch, to_geodetic(s.r)});
      write_geodetic_csv(out, g);
    } else {
      write_states_csv(out, states);
    }
  };
  if (states.empty()) throw InputError("no valid state in the requested interval");
  if (o.output.empty()) write(std::cout);
  else write_file_atomically(o.output, write);
  return exit_code;
}

void add_propagate_command(CLI::App& app, PropagateOptions& o, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("propagate", "Write an ephemeris of one object over a time span");
  cmd->footer(
      "Write an ephemeris of one object over a time span.\n\n"
      "The orbit comes from a TLE or CCSDS OMM file (propagated with SGP4, WGS-72, output in TEME and converted),\n"
      "from a CCSDS OPM state vector (propagated as two-body motion), or, with no file, from the embedded ISS\n"
      "element set. Times are ISO 8601 UTC (e.g. 2026-08-25T12:00:00Z). Without --from the ephemeris starts at the\n"
      "element epoch; without --to it covers one revolution.\n\n"
      "With --numerical the orbit is integrated (DOP853) under the forces of a YAML file (--forces; without it\n"
      "EGM96 20x20): gravity harmonics, NRLMSISE-00/US76/exponential drag with space weather, Sun, Moon, radiation\n"
      "pressure. An element set is first turned into SGP4's GCRF state at its epoch; an OPM state is used as it is.\n"
      "The run ends early (exit code 3) if the object falls to the file's floor altitude.\n\n"
      "Output columns: CSV epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps (metres, metres per second) or, for\n"
      "--frame geodetic, epoch_utc,lat_deg,lon_deg,alt_m (WGS84); OEM is CCSDS 502.0-B-3 KVN in km and km/s.\n"
      "ITRF velocities are relative to the rotating Earth.\n\n"
      "Exit codes: 0 success, 1 bad input (message on stderr), 2 bad command line, 3 the object decayed before\n"
      "--to (the ephemeris ends at its last valid state).\n\n"
      "Examples:\n"
      "  deorbit propagate --tle stations.tle --norad 25544 --from 2026-08-25T12:00:00Z \\\n"
      "      --to 2026-08-25T13:30:00Z --step 60 --frame geodetic -o iss.csv\n"
      "  deorbit propagate --numerical --forces examples/orekit/case-c.yaml --opm examples/orekit/iss-2025-01-01.opm \\\n"
      "      --space-weather SpaceWeather-All.txt --eop EOP-All.txt --from 2025-01-01T12:00:00Z \\\n"
      "      --to 2025-01-02T12:00:00Z --step 60 --frame gcrf --format csv");
  auto* tle = cmd->add_option("--tle", o.tle_file, "TLE file (2- or 3-line element sets)")->check(CLI::ExistingFile);
  auto* omm = cmd->add_option("--omm", o.omm_file, "CCSDS OMM file: KVN, XML, or CelesTrak JSON/CSV")->check(CLI::ExistingFile);
  auto* opm = cmd->add_option("--opm", o.opm_file, "CCSDS OPM (KVN) state vector file")->check(CLI::ExistingFile);
  tle->excludes(omm)->excludes(opm);
  omm->excludes(opm);
  add_catalogue_options(*cmd, o.catalogue)->excludes(tle)->excludes(omm)->excludes(opm);
  cmd->add_option("--norad", o.norad, "select the object with this catalogue number (NORAD_CAT_ID)");
  cmd->add_option("--name", o.name, "select the object with this name (case-insensitive)");
  cmd->add_option("--from", o.from, "start time, ISO 8601 UTC [default: the element epoch]");
  cmd->add_option("--to", o.to, "stop time, ISO 8601 UTC [default: one revolution after the start]");
  cmd->add_option("--step", o.step, "[s] time between samples")->capture_default_str();
  cmd->add_option("--frame", o.frame, "output frame: teme, gcrf, itrf or geodetic")->capture_default_str();
  cmd->add_option("--format", o.format, "output format: csv or oem (with --catalogue: csv or binary)")->capture_default_str();
  cmd->add_option("-o,--output", o.output, "output file, written whole or not at all [default: stdout]");
  cmd->add_option("--eop", o.eop_file,
                  "Earth orientation file (CelesTrak EOP-All.txt or .csv) for UT1 and polar motion "
                  "[default: the cached one (deorbit data), else none: UT1 = UTC, no polar motion]")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--strict", o.strict, "refuse the whole input file at its first bad record (default: skip it, warn)");
  auto* numerical = cmd->add_flag("--numerical", o.numerical,
                                  "use the numerical propagator (DOP853, the forces of --forces) instead of SGP4 or "
                                  "two-body; an element set starts it from SGP4's state at its epoch, in GCRF");
  cmd->add_option("--forces", o.forces_file, "force-model file (YAML) for --numerical [default: EGM96 20x20 only]")
      ->check(CLI::ExistingFile)
      ->needs(numerical);
  cmd->add_option("--space-weather", o.space_weather_file,
                  "space-weather file for drag (CelesTrak SW-All.csv or SpaceWeather-All.txt) [default: the cached "
                  "one (deorbit data), else embedded]")
      ->check(CLI::ExistingFile)
      ->needs(numerical);
  cmd->callback([&o, &exit_code, cmd]() {
    if (o.catalogue.file.empty()) {
      exit_code = run_propagate(o);
      return;
    }
    if (o.norad || !o.name.empty() || !o.eop_file.empty())
      throw InputError("--norad, --name and --eop do not apply to --catalogue");
    CatalogueOptions c = o.catalogue;
    c.from = o.from;
    c.to = o.to;
    c.step = o.step;
    c.format = o.format;
    c.output = o.output;
    c.strict = o.strict;
    c.frame = cmd->get_option("--frame")->count() > 0 ? o.frame : "teme";
    exit_code = run_catalogue(c);
  });
}

}  // namespace deorbit::app

// The commands as functions: plan, decay, demise and campaign run exactly as `deorbit plan|decay|demise|campaign`
// (app/*_command.h) into an output folder (a scratch one unless given), and their JSON reports come back as dicts,
// the plan's trajectory (trajectory.oem) as arrays. A scenario or objects dict is written as a JSON document (which
// is YAML) into the folder given as base_dir, so that relative paths inside it resolve as they would in a file there.
#include <csignal>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "bindings.h"
#include "deorbit/app/campaign_command.h"
#include "deorbit/app/decay_command.h"
#include "deorbit/app/demise_command.h"
#include "deorbit/app/plan_command.h"
#include "deorbit/base/error.h"
#include "deorbit/orbit/oem.h"

namespace deorbit::python {

namespace {

namespace fs = std::filesystem;

py::object read_json(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(fmt::format("{}: not written", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  return json_to_python(text.str());
}

// A file argument: None (the command's default), a path, or a dict written as a document into `folder`.
std::string document_path(py::handle value, const char* name, const std::optional<ScratchFolder>& folder) {
  if (value.is_none()) return {};
  if (py::isinstance<py::str>(value) || py::isinstance(value, py::module_::import("os").attr("PathLike")))
    return py::str(py::module_::import("os").attr("fspath")(value));
  if (!py::isinstance<py::dict>(value)) throw py::type_error(fmt::format("{}: expected a path or a dict", name));
  const fs::path file = folder->path() / fmt::format("{}.yaml", name);
  std::ofstream(file) << python_to_json(value) << '\n';
  return file.string();
}

std::optional<ScratchFolder> folder_for_dict(py::handle value, py::handle base_dir) {
  if (!py::isinstance<py::dict>(value)) return std::nullopt;
  return std::optional<ScratchFolder>(std::in_place, base_dir.is_none() ? fs::current_path()
                                                                        : fs::path(py::str(base_dir).cast<std::string>()));
}

// The output folder: the one given (kept), or a scratch one (removed after reading).
struct OutputFolder {
  std::optional<ScratchFolder> scratch;
  std::string path;
  explicit OutputFolder(py::handle given) {
    if (given.is_none()) path = scratch.emplace().path().string();
    else path = py::str(py::module_::import("os").attr("fspath")(given));
  }
};

py::dict trajectory_of(const fs::path& oem_file) {
  py::dict out;
  if (!fs::exists(oem_file)) return out;
  const Oem oem = read_oem_file(oem_file);
  py::list segments;
  for (const OemSegment& seg : oem.segments) {
    std::vector<Epoch> times;
    py::array_t<double> states({static_cast<py::ssize_t>(seg.states.size()), py::ssize_t{6}});
    for (std::size_t i = 0; i < seg.states.size(); ++i) {
      times.push_back(seg.states[i].epoch);
      for (int k = 0; k < 3; ++k)
        states.mutable_at(i, k) = seg.states[i].r[k], states.mutable_at(i, 3 + k) = seg.states[i].v[k];
    }
    py::dict s;
    s["object_name"] = seg.object_name;
    s["frame"] = std::string(to_string(seg.frame));
    s["times"] = epochs_to_datetime64(times);
    s["states"] = states;
    segments.append(s);
  }
  out["segments"] = segments;
  return out;
}

py::dict plan(py::handle scenario, py::handle output_dir, const std::string& space_weather, const std::string& eop,
              const std::string& population, bool contingencies, py::handle base_dir) {
  const std::optional<ScratchFolder> doc = folder_for_dict(scenario, base_dir);
  const OutputFolder out(output_dir);
  app::PlanOptions o;
  o.scenario_file = document_path(scenario, "scenario", doc);
  o.output_dir = out.path;
  o.space_weather_file = space_weather;
  o.eop_file = eop;
  o.population_file = population;
  o.contingencies = contingencies;
  int code = 0;
  {
    py::gil_scoped_release released;
    code = app::run_plan(o);
  }
  py::dict r;
  r["exit_code"] = code;
  r["report"] = read_json(fs::path(out.path) / "report.json");
  r["trajectory"] = trajectory_of(fs::path(out.path) / "trajectory.oem");
  r["output_dir"] = output_dir.is_none() ? py::object(py::none()) : py::object(py::str(out.path));
  return r;
}

py::object decay(const std::string& tle, const std::string& omm, std::optional<unsigned long> norad,
                 const std::string& space_weather, const std::string& eop, std::optional<int> ensemble,
                 const std::string& as_of, std::optional<double> mass, std::optional<double> area,
                 std::optional<double> cd, int threads, double horizon_days, double horizon_limit_days,
                 const std::string& sun_moon, bool lifetime, bool strict) {
  const ScratchFolder scratch;
  app::DecayOptions o;
  o.tle_file = tle;
  o.omm_file = omm;
  o.norad = norad;
  o.space_weather_file = space_weather;
  o.eop_file = eop;
  o.ensemble = ensemble;
  o.as_of = as_of;
  o.format = "json";
  o.output = (scratch.path() / "decay.json").string();
  o.mass = mass, o.area = area, o.cd = cd;
  o.threads = threads;
  o.horizon_days = horizon_days;
  o.horizon_limit_days = horizon_limit_days;
  o.sun_moon = sun_moon;
  o.lifetime = lifetime;
  o.strict = strict;
  o.no_progress = true;
  {
    py::gil_scoped_release released;
    app::run_decay(o);
  }
  return read_json(o.output);
}

py::dict demise(py::handle objects, py::handle output_dir, std::optional<double> entry_altitude_km,
                std::optional<double> entry_speed_mps, std::optional<double> flight_path_angle_deg,
                std::optional<double> latitude_deg, std::optional<double> longitude_deg,
                std::optional<double> azimuth_deg, std::optional<double> inclination_deg, const std::string& tle,
                const std::string& omm, const std::string& opm, const std::string& population,
                std::optional<double> year, const std::string& plot_format, py::handle base_dir) {
  const std::optional<ScratchFolder> doc = folder_for_dict(objects, base_dir);
  const OutputFolder out(output_dir);
  app::DemiseOptions o;
  o.objects_file = document_path(objects, "objects", doc);
  o.entry_altitude_km = entry_altitude_km;
  o.entry_speed_mps = entry_speed_mps;
  o.flight_path_angle_deg = flight_path_angle_deg;
  o.latitude_deg = latitude_deg;
  o.longitude_deg = longitude_deg;
  o.azimuth_deg = azimuth_deg;
  o.inclination_deg = inclination_deg;
  o.tle_file = tle, o.omm_file = omm, o.opm_file = opm;
  o.population_file = population;
  o.year = year;
  o.plot_format = plot_format;
  o.output_dir = out.path;
  {
    py::gil_scoped_release released;
    app::run_demise(o);
  }
  py::dict r;
  r["report"] = read_json(fs::path(out.path) / "demise.json");
  r["output_dir"] = output_dir.is_none() ? py::object(py::none()) : py::object(py::str(out.path));
  return r;
}

py::dict campaign(py::handle scenario, std::int64_t runs, int threads, py::handle output_dir, bool resume,
                  std::optional<std::int64_t> seed, const std::string& space_weather, const std::string& eop,
                  const std::string& population, const std::string& contingency, bool plain, py::handle base_dir) {
  const std::optional<ScratchFolder> doc = folder_for_dict(scenario, base_dir);
  const OutputFolder out(output_dir);
  app::CampaignOptions o;
  o.scenario_file = document_path(scenario, "scenario", doc);
  o.runs = runs;
  o.threads = threads;
  o.output_dir = out.path;
  o.resume = resume;
  o.seed = seed.value_or(-1);
  o.space_weather_file = space_weather;
  o.eop_file = eop;
  o.population_file = population;
  o.contingency = contingency;
  o.plain = plain;
  o.quiet = true;
  int code = 0;
  {
    py::gil_scoped_release released;
    // The command catches SIGINT and SIGTERM to stop cleanly (exit code 3); Python's handlers come back after.
    const auto previous_int = std::signal(SIGINT, SIG_DFL), previous_term = std::signal(SIGTERM, SIG_DFL);
    try {
      code = app::run_campaign(o);
    } catch (...) {
      std::signal(SIGINT, previous_int), std::signal(SIGTERM, previous_term);
      throw;
    }
    std::signal(SIGINT, previous_int), std::signal(SIGTERM, previous_term);
  }
  py::dict r;
  r["exit_code"] = code;
  r["report"] = read_json(fs::path(out.path) / "report.json");
  r["output_dir"] = output_dir.is_none() ? py::object(py::none()) : py::object(py::str(out.path));
  return r;
}

}  // namespace

void bind_commands(py::module_& m) {
  m.def("plan", &plan, py::arg("scenario") = py::none(), py::kw_only(), py::arg("output_dir") = py::none(),
        py::arg("space_weather") = "", py::arg("eop") = "", py::arg("population") = "",
        py::arg("contingencies") = true, py::arg("base_dir") = py::none(),
        "`deorbit plan`: scenario is a YAML path, a dict with the same keys, or None (the embedded ISS scenario). "
        "Returns {'exit_code': 0 (every fragment in the zone) or 4, 'report': report.json as a dict (keys in "
        "docs/plan.md), 'trajectory': {'segments': [{'object_name', 'frame', 'times' (datetime64[ns] UTC), "
        "'states' (N, 6) [m, m/s]}]} from trajectory.oem, 'output_dir'}. Without output_dir the files go to a "
        "scratch folder that is removed. Releases the GIL; prints the summary on stdout as the command does.");
  m.def("decay", &decay, py::kw_only(), py::arg("tle") = "", py::arg("omm") = "", py::arg("norad") = py::none(),
        py::arg("space_weather") = "", py::arg("eop") = "", py::arg("ensemble") = py::none(), py::arg("as_of") = "",
        py::arg("mass") = py::none(), py::arg("area") = py::none(), py::arg("cd") = py::none(),
        py::arg("threads") = 1, py::arg("horizon_days") = 0.0, py::arg("horizon_limit_days") = 0.0,
        py::arg("sun_moon") = "auto", py::arg("lifetime") = false, py::arg("strict") = false,
        "`deorbit decay --format json`: the re-entry prediction of one object (tle or omm file, norad to pick one; "
        "none = the embedded ISS) as a dict (keys in docs/decay.md). Releases the GIL.");
  m.def("demise", &demise, py::arg("objects"), py::kw_only(), py::arg("output_dir") = py::none(),
        py::arg("entry_altitude_km") = py::none(), py::arg("entry_speed_mps") = py::none(),
        py::arg("flight_path_angle_deg") = py::none(), py::arg("latitude_deg") = py::none(),
        py::arg("longitude_deg") = py::none(), py::arg("azimuth_deg") = py::none(),
        py::arg("inclination_deg") = py::none(), py::arg("tle") = "", py::arg("omm") = "", py::arg("opm") = "",
        py::arg("population") = "", py::arg("year") = py::none(), py::arg("plot_format") = "svg",
        py::arg("base_dir") = py::none(),
        "`deorbit demise`: an object tree (YAML path or dict) through re-entry. Returns {'report': demise.json as a "
        "dict (keys in docs/demise.md), 'output_dir'}. Releases the GIL.");
  m.def("campaign", &campaign, py::arg("scenario") = py::none(), py::kw_only(), py::arg("runs") = 1000,
        py::arg("threads") = 0, py::arg("output_dir") = py::none(), py::arg("resume") = false,
        py::arg("seed") = py::none(), py::arg("space_weather") = "", py::arg("eop") = "", py::arg("population") = "",
        py::arg("contingency") = "", py::arg("plain") = false, py::arg("base_dir") = py::none(),
        "`deorbit campaign`: Monte Carlo of a scenario's final burn, breakup and demise. Returns {'exit_code': 0, or "
        "3 when stopped by Ctrl-C, 'report': report.json as a dict (keys in docs/campaign.md), 'output_dir'}. "
        "Releases the GIL.");
}

}  // namespace deorbit::python

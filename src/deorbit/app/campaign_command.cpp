#include "deorbit/app/campaign_command.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deorbit/app/campaign_outputs.h"
#include "deorbit/app/plan_contingencies.h"
#include "deorbit/app/plan_command.h"
#include "deorbit/base/atomic_file.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/campaign/campaign_model.h"
#include "deorbit/campaign/campaign_runner.h"
#include "deorbit/campaign/mpi_runner.h"
#include "deorbit/campaign/run_store.h"
#include "deorbit/datasets/resolve.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/dispersions_config.h"
#include "deorbit/io/scenario.h"

namespace deorbit::app {
namespace {

using constants::deg;
using nlohmann::json;

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop.store(true); }

// [s] before the final ignition where a campaign starts: the ignition-time dispersion (seconds) never reaches it.
constexpr double kLeadTime = 600;

// A contingency of the final burn flown by every run instead of the nominal burn (docs/contingencies.md).
struct ContingencyChoice {
  enum class Kind { None, Cutoff, EngineOut, Missed };
  Kind kind = Kind::None;
  double fraction = 1;  // of the cut-off
  std::string text;     // as given (empty: none)
};

ContingencyChoice parse_contingency(const std::string& text) {
  ContingencyChoice c;
  c.text = text;
  if (text.empty()) return c;
  if (text == "engine-out") {
    c.kind = ContingencyChoice::Kind::EngineOut;
  } else if (text == "missed") {
    c.kind = ContingencyChoice::Kind::Missed;
  } else if (text.starts_with("cutoff:")) {
    c.kind = ContingencyChoice::Kind::Cutoff;
    const std::string f = text.substr(7);
    std::size_t used = 0;
    try {
      c.fraction = std::stod(f, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != f.size() || f.empty() || !(c.fraction > 0 && c.fraction < 1))
      throw InputError(fmt::format("--contingency cutoff:F: F is the fraction of the final burn flown, between 0 and 1 "
                                   "exclusive, got '{}'", f));
  } else {
    throw InputError(fmt::format("--contingency: expected cutoff:F, engine-out or missed, got '{}'", text));
  }
  return c;
}

// The nominal plan's state before its final burn, the burns flown from there (the final one as the contingency
// makes it), and the models of every run.
CampaignSetup make_setup(const Scenario& s, const StateVector& start, const DeorbitPlan& plan,
                         const EarthOrientation& eop, const TargetZone& zone, const PopulationGrid& grid,
                         const ContingencyChoice& contingency) {
  const FiniteBurn& final_burn = plan.burns.back().burn;
  CampaignSetup c;
  const Epoch campaign_start = final_burn.start - kLeadTime;
  std::vector<FiniteBurn> before;
  for (const auto& b : plan.burns)
    if (!b.final) before.push_back(b.burn);
  if (campaign_start - start.epoch > 0) {
    DeorbitPlanner planner(s.forces, s.deorbit_vehicle(), s.strategy, eop);
    PropagationResult r = planner.fly(start, s.stack_mass(), campaign_start, before);
    if (r.status != PropagationStatus::ReachedEnd)
      throw InputError(fmt::format("campaign: the nominal plan does not reach its final burn ({})", r.message));
    c.start = r.state;
    c.start_mass = r.mass;
  } else {
    c.start = FrameTransformer(eop).transform(start, Frame::GCRF);
    c.start_mass = s.stack_mass();
  }
  for (const auto& b : plan.burns) {
    if (!(b.burn.end() - c.start.epoch > 0)) continue;
    if (!b.final || contingency.kind == ContingencyChoice::Kind::None) {
      c.burns.push_back(b.burn);
    } else if (contingency.kind == ContingencyChoice::Kind::Cutoff) {
      c.burns.push_back(cut_off_burn(b.burn, contingency.fraction));
    } else if (contingency.kind == ContingencyChoice::Kind::Missed) {
      continue;  // no final burn: the stack decays
    } else if (contingency.kind == ContingencyChoice::Kind::EngineOut) {
      std::optional<FiniteBurn> out = engine_out_burn(b.burn);
      if (!out)
        throw InputError("campaign: --contingency engine-out: the final burn has a single engine, so one out is the "
                         "missed burn (`deorbit plan` reports it)");
      c.burns.push_back(*out);
    }
  }
  c.end = final_burn.start +
          (contingency.kind == ContingencyChoice::Kind::Missed ? kMissedBurnHorizon : s.strategy.max_descent);
  c.reference = plan.breakup.epoch;
  c.forces = s.forces;
  c.breakup_altitude = s.strategy.breakup_altitude;
  c.objects = s.objects;
  c.materials = MaterialDatabase::embedded();
  c.demise = s.demise;
  c.fragments = s.fragments;
  c.descent = scenario_descent_settings(s);
  c.eop = &eop;
  c.zone = &zone;
  c.land = &LandMask::embedded();
  c.population = &grid;
  c.population_growth = world_population_growth(population_year(plan.breakup.epoch));
  return c;
}

// Progress on stderr: a bar redrawn in place on a terminal, a line every 10 % (or minute) otherwise.
class ProgressBar {
 public:
  ProgressBar(std::int64_t already, std::int64_t total, bool quiet)
      : already_(already), total_(total), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}
  void operator()(const RunnerProgress& p) {
    if (quiet_) return;
    const std::int64_t done = already_ + p.done;
    const double rate = p.elapsed > 0 ? static_cast<double>(p.done) / p.elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
    const double frac = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1;
    const int width = 30, filled = static_cast<int>(frac * width);
    std::string line = fmt::format("[{}{}] {}/{} runs  {:.1f} runs/s  ETA {}", std::string(filled, '#'),
                                   std::string(width - filled, ' '), done, total_, rate, duration(eta));
    if (tty_) {
      std::cerr << '\r' << line << std::flush;
      drawn_ = true;
    } else if (p.done == p.total || frac >= next_report_ || p.elapsed >= next_time_) {
      std::cerr << line << '\n';
      while (next_report_ <= frac) next_report_ += 0.1;
      next_time_ = p.elapsed + 60;
    }
  }
  void finish() {
    if (drawn_) std::cerr << '\n';
  }

 private:
  static std::string duration(double s) {
    if (s < 60) return fmt::format("{:.0f} s", s);
    if (s < 3600) return fmt::format("{:.0f} min {:02.0f} s", std::floor(s / 60), std::fmod(s, 60));
    return fmt::format("{:.0f} h {:02.0f} min", std::floor(s / 3600), std::fmod(s / 60, 60));
  }
  std::int64_t already_, total_;
  bool quiet_, tty_, drawn_ = false;
  double next_report_ = 0.1, next_time_ = 60;
};

}  // namespace

int run_campaign(const CampaignOptions& o) {
  std::optional<MpiSession> mpi;
  if (launched_by_mpi()) mpi.emplace();
  const bool root = !mpi || mpi->rank() == 0;
  g_stop = false;
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);

  if (o.runs < 1) throw InputError("campaign: --runs must be at least 1");
  const ContingencyChoice contingency = parse_contingency(o.contingency);
  const ScenarioOverrides overrides{.space_weather_file = o.space_weather_file, .cached_space_weather = true};
  Scenario s = o.scenario_file.empty() ? default_scenario(overrides) : read_scenario(o.scenario_file, overrides);
  if (!o.dispersions_file.empty()) s.dispersions = read_dispersions_file(o.dispersions_file);
  if (o.seed >= 0) s.dispersions.seed = static_cast<std::uint64_t>(o.seed);
  if (o.tail_scale > 0) s.dispersions.tail_scale = o.tail_scale;
  if (o.plain) {
    s.dispersions.tail_scale = 1;
    s.dispersions.tail_shift.clear();
  }
  if (s.strategy.impulsive)
    throw InputError(fmt::format("{}: a campaign flies finite burns: set strategy.impulsive to false", s.file));

  EarthOrientation eop = datasets::earth_orientation(o.eop_file);
  const TargetZone zone = make_zone(s.target_zone);
  // The zone the runs are judged against: the scenario's, or a declared hazard area given apart from the aim.
  const TargetZone judged = o.zone_file.empty() ? zone : TargetZone::read_geojson(o.zone_file);
  std::optional<PopulationGrid> own_grid;
  if (!o.population_file.empty()) own_grid = PopulationGrid::read(o.population_file);
  const PopulationGrid& grid = own_grid ? *own_grid : PopulationGrid::embedded();

  const auto wall0 = std::chrono::steady_clock::now();
  const StateVector start = initial_state(s, eop);
  if (root && !o.quiet) std::cerr << "campaign: planning the nominal re-entry of " << s.name << "...\n";
  const DeorbitPlan plan = plan_scenario(s, start, eop, zone);
  if (!plan.feasible) throw InputError(fmt::format("campaign: the nominal plan is infeasible: {}", plan.verdict));
  const CampaignModel model(make_setup(s, start, plan, eop, judged, grid, contingency));

  // The store and the runs still to do (rank 0 alone; an error there stops every rank).
  const std::filesystem::path dir(o.output_dir);
  const std::filesystem::path db = o.db_file.empty() ? dir / "campaign.sqlite" : std::filesystem::path(o.db_file);
  std::unique_ptr<RunStore> store;
  std::vector<std::int64_t> pending;
  std::int64_t already = 0;
  std::string error;
  if (root) {
    try {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) throw InputError(fmt::format("{}: cannot create the output folder: {}", o.output_dir, ec.message()));
      if (db.has_parent_path()) std::filesystem::create_directories(db.parent_path(), ec);
      std::string judged_by = "# judged against the zone " + judged.name() + ":";
      for (const auto& [lat, lon] : judged.vertices()) judged_by += fmt::format(" ({}, {})", lat, lon);
      // A contingency is part of the campaign (a store of the nominal burn keeps its identity without one).
      if (!contingency.text.empty()) judged_by += "\n# contingency of the final burn: " + contingency.text;
      // So are the data (the cached files change with `deorbit data update`).
      judged_by += "\n" + datasets::data_identity(s.space_weather_file, eop.source());
      const CampaignIdentity identity{s.text, s.file, s.dispersions.seed,
                                      dispersions_yaml(s.dispersions) + judged_by + "\n", DEORBIT_VERSION};
      store = std::make_unique<RunStore>(db, identity, o.resume);
      std::int64_t requested = o.runs;
      store->set_meta("runs_requested", std::to_string(requested));
      std::vector<std::int64_t> stored = store->stored_runs();
      std::size_t at = 0;
      for (std::int64_t r = 0; r < requested; ++r) {
        while (at < stored.size() && stored[at] < r) ++at;
        if (at < stored.size() && stored[at] == r) {
          ++already;
          continue;
        }
        pending.push_back(r);
      }
    } catch (const InputError& e) {
      error = e.what();
    }
  }
  if (mpi) error = mpi->broadcast(error);
  if (!error.empty()) {
    if (!root) return 1;
    throw InputError(error);
  }

  RunnerSettings rs;
  rs.threads = o.threads > 0 ? o.threads : (mpi ? 1 : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  rs.stop = &g_stop;
  ProgressBar bar(already, already + static_cast<std::int64_t>(pending.size()), o.quiet || !root);
  rs.progress = [&bar](const RunnerProgress& p) { bar(p); };
  RecordSink sink = [&store](std::vector<RunRecord>&& batch) { store->insert(batch); };
  if (root && !o.quiet)
    std::cerr << fmt::format("campaign: {} runs stored, {} to go, on {} thread(s){}; store {}\n", already,
                             pending.size(), rs.threads, mpi ? fmt::format(" x {} ranks", mpi->size()) : "",
                             db.string());
  RunnerProgress progress;
  try {
    progress = mpi ? run_on_ranks(*mpi, model, s.dispersions, pending, rs, root ? sink : RecordSink{})
                   : run_on_threads(model, s.dispersions, pending, rs, sink);
  } catch (const std::exception& e) {
    // One rank failing (e.g. the store cannot be written) would leave the others waiting for it: end them all.
    // The runs already stored stay; --resume goes on.
    if (mpi && mpi->size() > 1) {
      std::cerr << "deorbit: error: " << e.what() << " (rank " << mpi->rank() << "; ending every rank)\n";
      mpi->abort(1);
    }
    throw;
  }
  bar.finish();
  if (!root) return 0;

  // A campaign of N runs is runs 0..N-1, also when a larger one was stored before (its statistics stay those of an
  // uninterrupted N-run campaign).
  std::vector<RunRecord> runs = store->load();
  std::erase_if(runs, [&o](const RunRecord& r) { return r.run >= o.runs; });
  if (runs.empty()) {  // stopped (Ctrl-C) before the first run was stored: no statistics to write
    std::cout << fmt::format("Stopped before the first of {} runs; `deorbit campaign ... --resume` starts from there.\n",
                             o.runs);
    return 3;
  }
  const bool complete = static_cast<std::int64_t>(runs.size()) >= o.runs;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  CampaignReport report;
  report.scenario = s.file;
  report.store = db.string();
  report.runs_requested = o.runs;
  report.runs_this_session = progress.done;
  report.cpu_this_session = progress.cpu;
  report.wall_this_session = progress.elapsed;
  report.wall_total = wall;
  report.threads = rs.threads;
  report.ranks = mpi ? mpi->size() : 1;
  report.complete = complete;
  report.dispersions = s.dispersions;
  report.program_version = DEORBIT_VERSION;
  report.contingency = contingency.text;
  report.nominal = model.run(SampledInputs{});
  report.final_ignition = plan.burns.back().burn.start;
  report.nominal_breakup = plan.breakup.epoch;
  write_campaign_outputs(report, runs, judged, dir, std::cout);
  if (!complete) {
    std::cout << fmt::format("Stopped after {} of {} runs; `deorbit campaign ... --resume` goes on from there.\n",
                             runs.size(), o.runs);
    return 3;
  }
  return 0;
}

void add_campaign_command(CLI::App& app, CampaignOptions& o, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("campaign", "Monte Carlo campaign: how sure the footprint is inside the zone");
  cmd->footer(
      "Plans the scenario's nominal re-entry (as `deorbit plan` does), then flies N runs from shortly before the final\n"
      "burn with the dispersions of the scenario's `dispersions:` block (burn execution, atmosphere, initial state,\n"
      "breakup altitude, object and material properties; defaults and sources in docs/campaign.md): each run burns,\n"
      "descends, breaks up and flies the object tree with demise. Runs are stored in SQLite as they finish; a\n"
      "campaign stopped by Ctrl-C or killed goes on with --resume, with results identical to an uninterrupted one.\n"
      "Under MPI (`mpirun -n K deorbit campaign ...`) rank 0 keeps the store and hands runs to every rank.\n\n"
      "Outputs in the folder of -o: report.json (containment probability with its Clopper-Pearson 95 % interval,\n"
      "land and near-land impact probabilities, along/cross-track percentiles, casualty expectation), \n"
      "footprint_levels.geojson (99, 99.73, 99.99 % footprints; not for a missed burn), impact_density.geojson and\n"
      "impact_density.png, and\n"
      "campaign.sqlite (every run's inputs and outcome; --db elsewhere). Format: docs/campaign.md.\n\n"
      "Exit codes: 0 all runs done, 1 bad input, 2 bad command line, 3 stopped before the end (resume to go on).\n\n"
      "Examples:\n"
      "  deorbit campaign --runs 1000\n"
      "  deorbit campaign examples/iss-usdv.yaml --runs 10000 --threads 2 -o iss-campaign\n"
      "  deorbit campaign examples/iss-usdv.yaml --runs 10000 -o iss-campaign --resume\n"
      "  deorbit campaign --contingency cutoff:0.8 --runs 1000 -o cutoff-80\n"
      "  deorbit campaign --contingency missed --runs 1000 -o missed   # re-entry window, E_c of the decay\n"
      "  mpirun -n 4 deorbit campaign examples/iss-usdv.yaml --runs 100000 -o big");
  cmd->add_option("scenario", o.scenario_file, "scenario file (YAML) [default: the embedded ISS scenario]")
      ->check(CLI::ExistingFile);
  cmd->add_option("-n,--runs", o.runs, "number of runs")->capture_default_str();
  cmd->add_option("-t,--threads", o.threads, "worker threads (per rank under MPI) [default: every core; 1 per rank]");
  cmd->add_option("--db", o.db_file, "SQLite store of the runs [default: OUTPUT/campaign.sqlite]");
  cmd->add_flag("--resume", o.resume, "go on with the runs of an existing store (same scenario, seed, dispersions)");
  cmd->add_option("-o,--output", o.output_dir, "output folder (created if needed)")->capture_default_str();
  cmd->add_option("--seed", o.seed, "seed of the dispersions [default: the scenario's dispersions.seed, else 1]");
  cmd->add_option("--tail-scale", o.tail_scale,
                  "importance sampling: Gaussian dispersions drawn with their sigmas times this (> 1), runs weighted "
                  "by the likelihood ratio [default: the scenario's, else 1 = plain Monte Carlo]")
      ->check(CLI::Range(1.0, 10.0));
  cmd->add_flag("--plain", o.plain, "plain Monte Carlo: ignore the scenario's importance-sampling settings");
  cmd->add_option("--dispersions", o.dispersions_file,
                  "YAML file with a dispersions: block that replaces the scenario's")
      ->check(CLI::ExistingFile);
  cmd->add_option("--zone", o.zone_file,
                  "GeoJSON polygon the runs are judged against (e.g. a declared hazard area) instead of the "
                  "scenario's target zone; the nominal plan still aims in the scenario's zone")
      ->check(CLI::ExistingFile);
  cmd->add_option("--space-weather", o.space_weather_file,
                  "space-weather file for drag [default: the scenario's, else the cached one (deorbit data), else "
                  "embedded]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--eop", o.eop_file, "Earth orientation file [default: the cached one (deorbit data), else none]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--population", o.population_file, "population-count grid (ESRI ASCII) [default: embedded GPWv4]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--contingency", o.contingency,
                  "fly a contingency of the final burn in every run: cutoff:F (cut off at fraction F of its duration), "
                  "engine-out (one engine out, the burn lengthened to the same propellant), or missed (no final burn: "
                  "the stack decays, for at most 60 days) [default: the nominal burn]");
  cmd->add_flag("-q,--quiet", o.quiet, "no progress on stderr");
  cmd->callback([&o, &exit_code]() { exit_code = run_campaign(o); });
}

}  // namespace deorbit::app

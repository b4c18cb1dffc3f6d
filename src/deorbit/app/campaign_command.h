// `deorbit campaign`: a Monte Carlo campaign of a scenario's controlled re-entry: the nominal plan, then N runs of
// the final burn, breakup and demise with sampled dispersions, on threads or MPI ranks, stored in SQLite (resumable),
// and the statistics of containment, land impact, footprint and casualty expectation.
#pragma once

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace deorbit::app {

struct CampaignOptions {
  std::string scenario_file;            // empty: the embedded default (examples/iss-usdv.yaml)
  std::int64_t runs = 1000;
  int threads = 0;                      // 0: every core (per rank under MPI)
  std::string db_file;                  // empty: OUTPUT/campaign.sqlite
  bool resume = false;
  std::string output_dir = "campaign-out";
  std::string space_weather_file;
  std::string eop_file;
  std::string population_file;
  std::int64_t seed = -1;               // < 0: the scenario's
  double tail_scale = 0;                // 0: the scenario's; > 1 importance sampling
  bool plain = false;                   // plain Monte Carlo: ignore the importance-sampling settings
  std::string dispersions_file;         // a file with a dispersions: block replacing the scenario's
  std::string zone_file;                // GeoJSON: containment against this zone (the plan still aims in its own)
  bool quiet = false;                   // no progress bar
  std::string contingency;              // empty, "cutoff:F" or "engine-out": the final burn as every run flies it
};

void add_campaign_command(CLI::App& app, CampaignOptions& options, int& exit_code);

//! Runs the command: 0 when every run was completed and stored (whatever the statistics say), 3 when it was stopped
//! (Ctrl-C) before the end (the stored runs are kept; --resume goes on). Throws InputError on bad input.
int run_campaign(const CampaignOptions& options);

}  // namespace deorbit::app

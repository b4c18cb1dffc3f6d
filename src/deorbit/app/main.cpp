// The `deorbit` command: plans and verifies the controlled re-entry of large spacecraft.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "deorbit/app/campaign_command.h"
#include "deorbit/app/data_command.h"
#include "deorbit/app/decay_command.h"
#include "deorbit/app/demise_command.h"
#include "deorbit/app/density_command.h"
#include "deorbit/app/plan_command.h"
#include "deorbit/app/propagate_command.h"
#include "deorbit/base/error.h"

int main(int argc, char** argv) {
  CLI::App app(
      "deorbit: plan and verify the controlled re-entry of large spacecraft.\n\n"
      "Units are SI (m, s, kg, rad inside; degrees and km only where a file format uses them), times are ISO 8601\n"
      "UTC, frames are named (TEME, GCRF, ITRF). Run 'deorbit COMMAND --help' for a command's manual.",
      "deorbit");
  app.require_subcommand(1);
  app.set_version_flag("--version", "deorbit " DEORBIT_VERSION);
  int exit_code = 0;
  deorbit::app::PlanOptions plan;
  deorbit::app::add_plan_command(app, plan, exit_code);
  deorbit::app::PropagateOptions propagate;
  deorbit::app::add_propagate_command(app, propagate, exit_code);
  deorbit::app::DecayOptions decay;
  deorbit::app::add_decay_command(app, decay, exit_code);
  deorbit::app::DemiseOptions demise;
  deorbit::app::add_demise_command(app, demise, exit_code);
  deorbit::app::DensityOptions density;
  deorbit::app::add_density_command(app, density, exit_code);
  deorbit::app::CampaignOptions campaign;
  deorbit::app::add_campaign_command(app, campaign, exit_code);
  deorbit::app::DataOptions data;
  deorbit::app::add_data_command(app, data, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the command-line error
    return code == 0 ? 0 : 2;  // one documented code for every command-line error
  } catch (const deorbit::InputError& e) {
    std::cerr << "deorbit: error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "deorbit: internal error: " << e.what() << '\n';
    return 1;
  }
  return exit_code;
}

#include "deorbit/io/dispersions_config.h"

#include <cmath>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/frame.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/yaml_map.h"

namespace deorbit {
namespace {

using constants::deg;

std::array<double, 3> triple(const YamlMap& m, const std::string& key, const std::array<double, 3>& fallback,
                             const char* unit, double max) {
  if (!m.has(key)) return fallback;
  std::vector<double> v = m.number_list(key, unit, 0, max);
  if (v.size() != 3) m.error(key, fmt::format("three 1-sigma values [radial, along-track, cross-track] in {}", unit));
  return {v[0], v[1], v[2]};
}

}  // namespace

std::array<double, 21> opm_covariance_rtn(const Opm& opm, const std::string& label) {
  if (!opm.covariance) throw InputError(fmt::format("{}: the OPM has no covariance block (CX_X ... CZ_DOT_Z_DOT)", label));
  if (opm.covariance_frame == "RTN") return *opm.covariance;
  const auto frame = parse_frame(opm.covariance_frame);
  if (!frame || *frame == Frame::ITRF)
    throw InputError(fmt::format("{}: COV_REF_FRAME {}: expected RTN (RSW, RIC) or an inertial frame (GCRF, EME2000, "
                                 "ICRF, TEME)",
                                 label, opm.covariance_frame));
  // Rotate into the RTN axes of the OPM's state (the velocity block by the same rotation: inertial velocity errors
  // along the RTN axes, as the campaign applies them).
  Eigen::Matrix<double, 6, 6> rot = Eigen::Matrix<double, 6, 6>::Zero();
  rot.topLeftCorner<3, 3>() = rot.bottomRightCorner<3, 3>() = rtn_axes(opm.state.r, opm.state.v);
  return covariance_lower_triangle(rot * covariance_matrix(*opm.covariance) * rot.transpose());
}

Dispersions dispersions_from(const YamlMap& y) {
  const std::string base = y.text_or("defaults", "standard", {"standard", "none"});
  Dispersions d = base == "standard" ? Dispersions::defaults() : Dispersions{};
  const double seed = y.number_or("seed", 1, "", 0, 9007199254740992.0);
  // A fraction would be cut silently: `seed: 1.5` and `seed: 1` would give the same runs.
  if (seed != std::floor(seed)) y.error("seed", "a whole number in [0, 9007199254740992]");
  d.seed = static_cast<std::uint64_t>(seed);
  if (auto b = y.map("burn")) {
    d.burn_magnitude = b->number_or("magnitude_percent", d.burn_magnitude * 100, "%", 0, 50) / 100;
    d.burn_magnitude_bias = b->number_or("magnitude_bias_percent", d.burn_magnitude_bias * 100, "%", -50, 50) / 100;
    d.burn_pointing = b->number_or("pointing_deg", d.burn_pointing / deg, "deg", 0, 30) * deg;
    d.burn_ignition_time = b->number_or("ignition_time_s", d.burn_ignition_time, "s", 0, 3600);
    d.thrust = b->number_or("thrust_percent", d.thrust * 100, "%", 0, 50) / 100;
    d.isp = b->number_or("isp_percent", d.isp * 100, "%", 0, 50) / 100;
    d.engine_out_probability = b->number_or("engine_out_probability", d.engine_out_probability, "", 0, 1);
    b->refuse_unknown_keys();
  }
  if (auto a = y.map("atmosphere")) {
    d.density_log_sigma = a->number_or("density_log_sigma", d.density_log_sigma, "", 0, 2);
    d.f107_forecast = a->number_or("f107_forecast_percent", d.f107_forecast * 100, "%", 0, 50) / 100;
    d.ap_forecast = a->number_or("ap_forecast_percent", d.ap_forecast * 100, "%", 0, 100) / 100;
    a->refuse_unknown_keys();
  }
  if (auto s = y.map("initial_state")) {
    d.position_rtn = triple(*s, "position_rtn_m", d.position_rtn, "m", 1e6);
    d.velocity_rtn = triple(*s, "velocity_rtn_mps", d.velocity_rtn, "m/s", 1e3);
    const bool sigmas = s->has("position_rtn_m") || s->has("velocity_rtn_mps");
    if (s->has("covariance_rtn") && s->has("covariance_opm"))
      s->error("covariance_opm", "one of covariance_rtn or covariance_opm");
    if (s->has("covariance_rtn")) {
      std::vector<double> c = s->number_list("covariance_rtn", "m^2, m^2/s, m^2/s^2", -1e12, 1e12);
      if (c.size() != 21)
        s->error("covariance_rtn", "the 21 elements of the lower triangle of the 6x6 RTN covariance, by rows");
      d.state_covariance.emplace();
      std::copy(c.begin(), c.end(), d.state_covariance->begin());
    } else if (s->has("covariance_opm")) {
      std::string file = s->text_or("covariance_opm", "");
      if (std::filesystem::path(file).is_relative() && !y.file().empty())
        file = (std::filesystem::path(y.file()).parent_path() / file).string();
      if (!std::filesystem::exists(file)) s->error("covariance_opm", "an existing CCSDS OPM (KVN) file with a covariance block");
      d.state_covariance = opm_covariance_rtn(read_opm_file(file), file);
    }
    if (d.state_covariance) {
      if (sigmas) s->error("position_rtn_m", "no sigmas beside a covariance (the covariance holds them)");
      d.position_rtn = {0, 0, 0};
      d.velocity_rtn = {0, 0, 0};
      try {
        (void)covariance_factor(*d.state_covariance);
      } catch (const InputError&) {
        s->error(s->has("covariance_rtn") ? "covariance_rtn" : "covariance_opm", "a positive semi-definite covariance");
      }
    }
    s->refuse_unknown_keys();
  }
  if (auto b = y.map("breakup")) {
    d.breakup_altitude_dispersed = b->flag_or("altitude_dispersed", d.breakup_altitude_dispersed);
    if (b->has("altitude_km")) {
      std::vector<double> v = b->number_list("altitude_km", "km", 1, 200);
      if (v.size() != 2 || !(v[0] <= v[1])) b->error("altitude_km", "[lowest, highest] in km, lowest <= highest");
      d.breakup_altitude_min = v[0] * 1e3;
      d.breakup_altitude_max = v[1] * 1e3;
    }
    d.release_altitude = b->number_or("release_altitude_km", d.release_altitude / 1e3, "km", 0, 50) * 1e3;
    b->refuse_unknown_keys();
  }
  if (auto o = y.map("objects")) {
    d.object_mass = o->number_or("mass_percent", d.object_mass * 100, "%", 0, 90) / 100;
    d.object_area = o->number_or("area_percent", d.object_area * 100, "%", 0, 90) / 100;
    d.object_drag = o->number_or("drag_percent", d.object_drag * 100, "%", 0, 90) / 100;
    d.material_heat = o->number_or("material_heat_percent", d.material_heat * 100, "%", 0, 50) / 100;
    o->refuse_unknown_keys();
  }
  if (auto i = y.map("importance_sampling")) {
    d.tail_scale = i->number_or("tail_scale", d.tail_scale, "", 1, 10);
    if (i->has("quantities")) d.tail_quantities = i->text_list("quantities", Dispersions::gaussian_quantities());
    if (auto shift = i->map("shift_sigma")) {
      d.tail_shift.clear();
      for (const auto& name : Dispersions::gaussian_quantities())
        if (shift->has(name)) d.tail_shift[name] = shift->number(name, "sigma", -10, 10);
      shift->refuse_unknown_keys();
    }
    i->refuse_unknown_keys();
  }
  y.refuse_unknown_keys();
  return d;
}

Dispersions read_dispersions_file(const std::string& path) {
  const YamlMap file = YamlMap::load_file(path);
  auto block = file.map("dispersions");
  if (!block) file.error("dispersions", "a dispersions: block (docs/campaign.md)");
  Dispersions d = dispersions_from(*block);
  file.refuse_unknown_keys();
  return d;
}

std::string dispersions_yaml(const Dispersions& d) {
  std::string o;
  auto add = [&o](const std::string& line) { o += line + "\n"; };
  add("dispersions:");
  add("  defaults: none   # every value below is given");
  add(fmt::format("  seed: {}", d.seed));
  add("  burn:");
  add(fmt::format("    magnitude_percent: {}", d.burn_magnitude * 100));
  add(fmt::format("    magnitude_bias_percent: {}", d.burn_magnitude_bias * 100));
  add(fmt::format("    pointing_deg: {}", d.burn_pointing / deg));
  add(fmt::format("    ignition_time_s: {}", d.burn_ignition_time));
  add(fmt::format("    thrust_percent: {}", d.thrust * 100));
  add(fmt::format("    isp_percent: {}", d.isp * 100));
  add(fmt::format("    engine_out_probability: {}", d.engine_out_probability));
  add("  atmosphere:");
  add(fmt::format("    density_log_sigma: {}", d.density_log_sigma));
  add(fmt::format("    f107_forecast_percent: {}", d.f107_forecast * 100));
  add(fmt::format("    ap_forecast_percent: {}", d.ap_forecast * 100));
  add("  initial_state:");
  if (!d.state_covariance) {
    add(fmt::format("    position_rtn_m: [{}, {}, {}]", d.position_rtn[0], d.position_rtn[1], d.position_rtn[2]));
    add(fmt::format("    velocity_rtn_mps: [{}, {}, {}]", d.velocity_rtn[0], d.velocity_rtn[1], d.velocity_rtn[2]));
  } else {
    std::string c;
    for (double v : *d.state_covariance) c += fmt::format("{}{}", c.empty() ? "" : ", ", v);
    add(fmt::format("    covariance_rtn: [{}]", c));
  }
  add("  breakup:");
  add(fmt::format("    altitude_dispersed: {}", d.breakup_altitude_dispersed));
  add(fmt::format("    altitude_km: [{}, {}]", d.breakup_altitude_min / 1e3, d.breakup_altitude_max / 1e3));
  add(fmt::format("    release_altitude_km: {}", d.release_altitude / 1e3));
  add("  objects:");
  add(fmt::format("    mass_percent: {}", d.object_mass * 100));
  add(fmt::format("    area_percent: {}", d.object_area * 100));
  add(fmt::format("    drag_percent: {}", d.object_drag * 100));
  add(fmt::format("    material_heat_percent: {}", d.material_heat * 100));
  add("  importance_sampling:");
  add(fmt::format("    tail_scale: {}", d.tail_scale));
  std::string q;
  for (const auto& name : d.tail_quantities) q += (q.empty() ? "" : ", ") + name;
  add(fmt::format("    quantities: [{}]   # empty: every Gaussian quantity", q));
  std::string shifts;
  for (const auto& [name, mu] : d.tail_shift) shifts += fmt::format("{}{}: {}", shifts.empty() ? "" : ", ", name, mu);
  add(fmt::format("    shift_sigma: {{{}}}", shifts));
  return o;
}

}  // namespace deorbit

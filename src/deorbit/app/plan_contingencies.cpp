#include "deorbit/app/plan_contingencies.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "deorbit/app/plan_command.h"
#include "deorbit/app/plan_demise.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/decay/decay_model.h"
#include "deorbit/decay/reentry_prediction.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/maneuver/engine.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/reentry/track_frame.h"
#include "deorbit/risk/casualty_area.h"

namespace deorbit::app {
namespace {

using constants::deg;
using nlohmann::json;

// Ensemble of the missed burn's re-entry window: the decay module's dispersions (density scale, predicted F10.7
// and Ap; reentry_prediction.h) with its default 90 % confidence, on fewer members than `deorbit decay`'s 100 to
// keep `deorbit plan` fast (the window's ends are then coarser quantiles).
constexpr int kWindowMembers = 20;
// [-] the bisection of the shortest safe cut-off stops below this interval.
constexpr double kBisectionResolution = 0.005;

std::string utc(const Epoch& t) { return t.iso(TimeScale::UTC, 3) + "Z"; }
json km_or_null(double m) { return std::isfinite(m) ? json(m / 1000.0) : json(nullptr); }

int engine_count(const FiniteBurn& b) {
  int n = 0;
  for (const auto& e : b.engines) n += e.count;
  return n;
}

// What the contingencies share: the stack just before the final ignition, the burns before the final one, the
// planner that flies them and the nominal track frame.
struct Flight {
  const Scenario& s;
  const EarthOrientation& eop;
  const TargetZone& zone;
  const PopulationGrid& grid;
  DeorbitPlanner planner;
  FrameTransformer frames;
  StateVector before;                // GCRF, at or before the final ignition
  double mass = 0;                   // [kg] there
  std::vector<FiniteBurn> others;    // the plan's burns other than the final one
  FiniteBurn final_burn;
  DescentSettings descent;           // impacts only, no samples
  double growth = 1;                 // population growth of the nominal re-entry year
  TrackFrame track;                  // of the nominal case, once flown

  ContingencyCase fly(const std::string& name, const FiniteBurn& burn, double fraction) const {
    ContingencyCase c;
    c.name = name;
    c.fraction = fraction;
    c.burn = burn;
    c.delta_v = rocket_delta_v(effective_isp(burn.engines), mass, mass - burn.propellant());
    std::vector<FiniteBurn> burns = others;
    burns.push_back(burn);
    PropagationResult r = planner.fly(before, mass, final_burn.start + planner.settings().max_descent, burns);
    if (r.status != PropagationStatus::ReachedFloor) {
      if (r.status == PropagationStatus::Failed)
        throw InputError(fmt::format("contingency '{}': the propagation failed: {}", name, r.message));
      return c;  // still up at the end of max_descent
    }
    c.reentered = true;
    c.breakup = r.state.epoch;
    std::vector<FragmentDescent> descents;
    if (!s.fragments.empty()) descents = descend(r.state, s.fragments, descent, eop);
    c.impacts = impacts_of(descents);
    std::optional<TreeFlight> tree;
    std::vector<Impact> object_impacts;
    std::vector<int> index;
    if (!s.objects.empty()) {
      const StateVector itrf = frames.transform(r.state, Frame::ITRF);
      tree = fly_scenario_tree(s, itrf, true);
      object_impacts = tree_impacts(*tree, itrf, &index);
      for (std::size_t k = 0; k < object_impacts.size(); ++k)
        if (tree->objects[index[k]].kinetic_energy > casualty_energy_threshold) c.impacts.push_back(object_impacts[k]);
    }
    c.footprint = make_footprint(c.impacts);
    c.containment = assess(zone, c.footprint);
    c.min_distance_to_land = min_distance_to_land(c.impacts);
    const LandingSet landing = landing_set(s, tree ? &*tree : nullptr, object_impacts, index, descents);
    c.risk = controlled_casualty_risk(landing.objects, landing.points, grid, growth);
    return c;
  }

  // Along-track places of the first and last impacts in the nominal track frame.
  void place(ContingencyCase& c) const {
    if (c.impacts.empty()) return;
    auto by_time = [](const Impact& a, const Impact& b) { return a.epoch < b.epoch; };
    auto [first, last] = std::minmax_element(c.impacts.begin(), c.impacts.end(), by_time);
    c.first_along = track_coordinates(first->latitude, first->longitude, track).along;
    c.last_along = track_coordinates(last->latitude, last->longitude, track).along;
  }
};

MissedBurn fly_missed(const Flight& f, const StateVector& nominal_breakup) {
  MissedBurn m;
  m.horizon = kMissedBurnHorizon;
  m.ignition = f.final_burn.start;
  // The stack at the missed ignition (any earlier burn is over by then for the plans the planner makes).
  PropagationResult at = f.planner.fly(f.before, f.mass, f.final_burn.start, f.others);
  if (at.status != PropagationStatus::ReachedEnd)
    throw InputError(fmt::format("contingency 'final burn missed': the plan does not reach its final ignition: {}",
                                 at.message));
  m.inclination = to_keplerian(at.state.r, at.state.v).inclination;
  // The decay: the scenario's forces with a decay prediction's integrator tolerance (decay_model.h: 10 m, whose
  // effect on re-entry dates docs/validation-decay.md measures; the plan's 1 mm cost 4 s more on ATV-1's 54-day
  // decay, and moved its re-entry by a minute).
  const Scenario& s = f.s;
  const DecayModel model = [&] {
    DecayModel d;
    d.reentry_altitude = s.strategy.breakup_altitude;
    return d;
  }();
  NumericalPropagatorSettings natural = s.forces;
  natural.floor_altitude = model.reentry_altitude;
  natural.position_tolerance = model.position_tolerance;
  const PropagationResult r =
      NumericalPropagator(natural, f.eop).propagate(at.state, f.final_burn.start + kMissedBurnHorizon, at.mass);
  if (r.status == PropagationStatus::Failed)
    throw InputError(fmt::format("contingency 'final burn missed': the propagation failed: {}", r.message));
  m.reentered = r.status == PropagationStatus::ReachedFloor;
  m.reentry = r.state.epoch;
  m.lifetime = r.state.epoch - f.final_burn.start;
  m.population_year = population_year(r.state.epoch);

  // The window: the decay module's ensemble from the same state, with its model's floor at the scenario's.
  if (m.reentered) {
    Spacecraft craft = s.forces.spacecraft;
    craft.mass = at.mass;
    EnsembleSettings ensemble;
    ensemble.members = kWindowMembers;
    const ReentryPrediction p = predict_reentry(at.state, model, craft, s.weather, 1.0, 0.0,
                                                f.final_burn.start + kMissedBurnHorizon, f.eop, ensemble);
    m.members = ensemble.members;
    m.confidence = ensemble.confidence;
    if (p.window_start && p.window_end) {
      // The ensemble's spread about its own nominal (the decay model's forces), moved onto the scenario forces' run.
      m.window_start = m.reentry + (*p.window_start - p.nominal.epoch);
      m.window_end = m.reentry + (*p.window_end - p.nominal.epoch);
    }
  }

  // What survives the uncontrolled entry: the tree flown (full steps) and the listed fragments from the decay's end
  // (a shallow entry). A stack still up at the horizon has no such state: the nominal breakup's stands in (the
  // standard's E_c applies whenever it comes down).
  const StateVector& entry = m.reentered ? r.state : nominal_breakup;
  std::vector<FragmentDescent> descents;
  if (!s.fragments.empty()) descents = descend(entry, s.fragments, f.descent, f.eop);
  std::optional<TreeFlight> tree;
  std::vector<Impact> object_impacts;
  std::vector<int> index;
  if (!s.objects.empty()) {
    const StateVector itrf = f.frames.transform(entry, Frame::ITRF);
    tree = fly_scenario_tree(s, itrf);
    object_impacts = tree_impacts(*tree, itrf, &index);
  }
  const std::vector<SurvivingObject> survivors =
      landing_set(s, tree ? &*tree : nullptr, object_impacts, index, descents).objects;
  for (const auto& o : survivors) m.surviving_mass += o.mass * o.count;
  m.risk = uncontrolled_casualty_risk(survivors, f.grid, m.inclination, world_population_growth(m.population_year));
  m.failure_probability = s.contingencies.failure_probability;
  const double ec = m.risk.expected_casualties;
  m.max_failure_probability = ec > 0 ? std::min(1.0, kFailedControlledEntryLimit / ec) : 1.0;
  if (m.failure_probability) {
    m.failure_product = *m.failure_probability * ec;
    m.passes = m.failure_product < kFailedControlledEntryLimit;
  }
  return m;
}

}  // namespace

Contingencies fly_contingencies(const Scenario& s, const DeorbitPlan& plan, const StateVector& start,
                                const EarthOrientation& eop, const TargetZone& zone, const PopulationGrid& grid) {
  const auto t0 = std::chrono::steady_clock::now();
  if (!plan.feasible || plan.burns.empty()) throw InputError("contingencies: the plan is not feasible");
  Flight f{s, eop, zone, grid, DeorbitPlanner(s.forces, s.deorbit_vehicle(), s.strategy, eop), FrameTransformer(eop),
           {}, 0, {}, plan.burns.back().burn, scenario_descent_settings(s), 1, {}};
  f.descent.sample_step = 1e6;  // impacts, not paths
  f.growth = world_population_growth(population_year(plan.breakup.epoch));
  for (std::size_t i = 0; i + 1 < plan.burns.size(); ++i) f.others.push_back(plan.burns[i].burn);
  // The plan's own trajectory sample at or before the final ignition (samples of the same run from the start, so
  // every contingency flies on from the nominal flight without replaying the days before it).
  const StateVector* at = nullptr;
  double at_mass = 0;
  for (std::size_t i = 0; i < plan.trajectory.size() && i < plan.history.size(); ++i) {
    if (plan.trajectory[i].epoch - f.final_burn.start > 0) break;
    at = &plan.trajectory[i];
    at_mass = plan.history[i].mass;
  }
  if (at) {
    f.before = *at;
    f.mass = at_mass;
  } else {
    PropagationResult r = f.planner.fly(start, s.stack_mass(), f.final_burn.start, f.others);
    if (r.status != PropagationStatus::ReachedEnd)
      throw InputError(fmt::format("contingencies: the plan does not reach its final ignition: {}", r.message));
    f.before = r.state;
    f.mass = r.mass;
  }

  Contingencies c;
  c.cutoff_step = s.contingencies.cutoff_step;
  c.max_burn_duration = s.strategy.max_burn_duration;
  c.engines_nominal = engine_count(f.final_burn);

  // The sweep, from the nominal down (the nominal first: its footprint gives the track frame).
  const int steps = static_cast<int>(std::floor(1.0 / c.cutoff_step + 1e-9));
  std::vector<double> fractions;
  for (int k = 1; k <= steps; ++k) fractions.push_back(std::min(1.0, k * c.cutoff_step));
  if (fractions.empty() || fractions.back() < 1.0 - 1e-9) fractions.push_back(1.0);
  auto cut = [&](double fraction) {
    ContingencyCase k = f.fly(fraction >= 1.0 ? "nominal" : fmt::format("cut-off at {:.1f} %", 100 * fraction),
                              fraction >= 1.0 ? f.final_burn : cut_off_burn(f.final_burn, fraction), fraction);
    return k;
  };
  ContingencyCase nominal = cut(1.0);
  f.track = {nominal.footprint.centroid_latitude, nominal.footprint.centroid_longitude, nominal.footprint.track_azimuth};
  for (std::size_t i = 0; i + 1 < fractions.size(); ++i) c.cutoffs.push_back(cut(fractions[i]));
  c.cutoffs.push_back(std::move(nominal));
  for (auto& k : c.cutoffs) f.place(k);

  // The shortest safe burn: the first sample from which every longer one is safe, refined by bisection against the
  // unsafe sample below it.
  std::size_t first_safe = c.cutoffs.size();
  while (first_safe > 0 && c.cutoffs[first_safe - 1].safe()) --first_safe;
  if (first_safe < c.cutoffs.size()) {
    if (first_safe == 0) {
      c.all_cutoffs_safe = true;
      c.shortest_safe_fraction = c.cutoffs.front().fraction;
    } else {
      double lo = c.cutoffs[first_safe - 1].fraction, hi = c.cutoffs[first_safe].fraction;
      while (hi - lo > kBisectionResolution) {
        const double mid = 0.5 * (lo + hi);
        ContingencyCase k = cut(mid);
        f.place(k);
        (k.safe() ? hi : lo) = mid;
        c.bisection.push_back(std::move(k));
      }
      c.shortest_safe_fraction = hi;
      c.shortest_safe_resolution = hi - lo;
    }
  }

  // One engine out.
  if (std::optional<FiniteBurn> out = engine_out_burn(f.final_burn)) {
    c.engines_out = engine_count(*out);
    c.engine_out = f.fly("one engine out", *out, out->duration / f.final_burn.duration);
    f.place(*c.engine_out);
  }

  c.missed = fly_missed(f, plan.breakup);
  c.run_time = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

namespace {

json case_json(const ContingencyCase& k) {
  json j{{"name", k.name},
         {"burn_fraction", k.fraction},
         {"duration_s", k.burn.duration},
         {"delta_v_mps", k.delta_v},
         {"propellant_kg", k.burn.propellant()},
         {"reentered", k.reentered},
         {"safe", k.safe()}};
  if (!k.reentered) return j;
  auto by_time = [](const Impact& a, const Impact& b) { return a.epoch < b.epoch; };
  j["breakup_utc"] = utc(k.breakup);
  if (!k.impacts.empty()) {
    auto [first, last] = std::minmax_element(k.impacts.begin(), k.impacts.end(), by_time);
    auto point = [](const Impact& i) {
      return json{{"lat_deg", i.latitude / deg}, {"lon_deg", i.longitude / deg}, {"epoch_utc", utc(i.epoch)}};
    };
    j["first_impact"] = point(*first);
    j["last_impact"] = point(*last);
    j["first_impact_along_track_km"] = k.first_along / 1000.0;
    j["last_impact_along_track_km"] = k.last_along / 1000.0;
  }
  j["impacts"] = k.impacts.size();
  j["along_track_extent_km"] = k.footprint.along_track_length / 1000.0;
  j["inside_target_zone"] = k.containment.inside;
  j["min_margin_km"] = k.impacts.empty() ? json(nullptr) : json(k.containment.min_margin / 1000.0);
  j["min_distance_to_land_km"] = km_or_null(k.min_distance_to_land);
  j["expected_casualties"] = k.risk.expected_casualties;
  return j;
}

}  // namespace

json contingencies_json(const Contingencies& c) {
  json j;
  json cut = json::array(), bis = json::array();
  for (const auto& k : c.cutoffs) cut.push_back(case_json(k));
  for (const auto& k : c.bisection) bis.push_back(case_json(k));
  j["cutoff_step_percent"] = 100 * c.cutoff_step;
  j["premature_cutoff"] = cut;
  j["bisection"] = bis;
  j["shortest_safe_fraction"] = c.shortest_safe_fraction ? json(*c.shortest_safe_fraction) : json(nullptr);
  j["shortest_safe_resolution"] = c.shortest_safe_resolution;
  j["all_cutoffs_safe"] = c.all_cutoffs_safe;
  j["engines_nominal"] = c.engines_nominal;
  if (c.engine_out) {
    json e = case_json(*c.engine_out);
    e["engines"] = c.engines_out;
    e["ignition"] = "unchanged (an operator might re-centre the longer burn)";
    e["exceeds_max_burn_duration"] = c.engine_out->burn.duration > c.max_burn_duration;
    e["max_burn_duration_s"] = c.max_burn_duration;
    j["engine_out"] = e;
  } else {
    j["engine_out"] = nullptr;
    j["engine_out_note"] = "the final burn has a single engine: one out is the missed burn";
  }
  const MissedBurn& m = c.missed;
  json missed{{"reentered", m.reentered},
              {"horizon_days", m.horizon / constants::seconds_per_day},
              {"ignition_utc", utc(m.ignition)},
              {"inclination_deg", m.inclination / deg},
              {"population_year", m.population_year},
              {"surviving_mass_kg", m.surviving_mass},
              {"casualty_area_m2", m.risk.casualty_area},
              {"expected_casualties", m.risk.expected_casualties},
              {"requirement", "NASA-STD-8719.14 4.7-1c: failure probability x uncontrolled E_c < 1e-4"},
              {"max_failure_probability", m.max_failure_probability}};
  missed["lifetime_days"] = m.reentered ? json(m.lifetime / constants::seconds_per_day) : json(nullptr);
  missed["reentry_utc"] = m.reentered ? json(utc(m.reentry)) : json(nullptr);
  if (m.window_start && m.window_end) {
    missed["window_start_utc"] = utc(*m.window_start);
    missed["window_end_utc"] = utc(*m.window_end);
  } else {
    missed["window_start_utc"] = nullptr;
    missed["window_end_utc"] = nullptr;
  }
  missed["window_members"] = m.members;
  missed["window_confidence"] = m.confidence;
  missed["failure_probability"] = m.failure_probability ? json(*m.failure_probability) : json(nullptr);
  missed["failure_product"] = m.failure_probability ? json(m.failure_product) : json(nullptr);
  missed["passes"] = m.failure_probability ? json(m.passes) : json(nullptr);
  j["missed_burn"] = missed;
  j["run_time_s"] = c.run_time;
  return j;
}

void print_contingencies(std::ostream& out, const Contingencies& c) {
  out << "  contingencies of the final burn (docs/contingencies.md):\n";
  out << fmt::format("    {:<22} {:>9} {:>9} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9}  {}\n", "case", "duration",
                     "delta-v", "first km", "last km", "extent", "margin", "land", "E_c", "verdict");
  auto row = [&](const ContingencyCase& k) {
    if (!k.reentered) {
      out << fmt::format("    {:<22} {:>7.0f} s {:>5.2f} m/s  does not re-enter within the planner's max_descent: "
                         "the missed burn below\n",
                         k.name, k.burn.duration, k.delta_v);
      return;
    }
    out << fmt::format("    {:<22} {:>7.0f} s {:>5.2f} m/s {:>10.0f} {:>10.0f} {:>6.0f} km {:>6.0f} km {:>6.0f} km {:>9.2g}  {}\n",
                       k.name, k.burn.duration, k.delta_v, k.first_along / 1000.0, k.last_along / 1000.0,
                       k.footprint.along_track_length / 1000.0, k.containment.min_margin / 1000.0,
                       k.min_distance_to_land / 1000.0, k.risk.expected_casualties, k.safe() ? "safe" : "UNSAFE");
  };
  for (const auto& k : c.cutoffs) row(k);
  if (c.engine_out) row(*c.engine_out);
  out << "    (first/last km: along track of the first and last impact from the nominal footprint's centroid)\n";
  if (c.shortest_safe_fraction)
    out << fmt::format("    shortest safe burn: {:.1f} % of the nominal{}\n", 100 * *c.shortest_safe_fraction,
                       c.all_cutoffs_safe ? " (every sampled cut-off is safe)"
                                          : fmt::format(" (bisection to {:.2f} %)", 100 * c.shortest_safe_resolution));
  else
    out << "    shortest safe burn: none (the nominal burn itself is not safe)\n";
  if (c.engine_out)
    out << fmt::format("    one engine out: {} of {} engines, burn lengthened to {:.0f} s for the same propellant, "
                       "ignition unchanged{}\n",
                       c.engines_out, c.engines_nominal, c.engine_out->burn.duration,
                       c.engine_out->burn.duration > c.max_burn_duration
                           ? fmt::format(" (LONGER than the {:.0f} s allowed)", c.max_burn_duration)
                           : "");
  else
    out << "    one engine out: the final burn has a single engine: that is the missed burn\n";
  const MissedBurn& m = c.missed;
  if (m.reentered) {
    out << fmt::format("    final burn missed: re-entry {} after {:.2f} days", utc(m.reentry), m.lifetime / constants::seconds_per_day);
    if (m.window_start && m.window_end)
      out << fmt::format(" (window {} to {}, {:.0f} %)", utc(*m.window_start), utc(*m.window_end), 100 * m.confidence);
    out << '\n';
  } else {
    out << fmt::format("    final burn missed: still up after {:.0f} days\n", m.horizon / constants::seconds_per_day);
  }
  out << fmt::format("      uncontrolled E_c {:.3g} (casualty area {:.1f} m^2, inclination {:.2f} deg); ",
                     m.risk.expected_casualties, m.risk.casualty_area, m.inclination / deg);
  if (m.failure_probability)
    out << fmt::format("NASA-STD-8719.14 4.7-1c: {:.3g} x {:.3g} = {:.3g} {} 1e-4: {}\n", *m.failure_probability,
                       m.risk.expected_casualties, m.failure_product, m.passes ? "<" : ">=", m.passes ? "PASS" : "FAIL");
  else
    out << fmt::format("4.7-1c passes for a failure probability below {:.3g}\n", m.max_failure_probability);
  out << fmt::format("    contingencies flown in {:.1f} s\n", c.run_time);
}

}  // namespace deorbit::app

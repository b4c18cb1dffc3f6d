#include "deorbit/campaign/campaign_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/forces/drag.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/propagate/event_detector.h"
#include "deorbit/risk/casualty_area.h"
#include "deorbit/risk/expected_casualties.h"

namespace deorbit {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::size_t count_nodes(const std::vector<SpacecraftObject>& objects) {
  std::size_t n = 0;
  for (const auto& o : objects) n += 1 + count_nodes(o.children);
  return n;
}

// Applies the per-kind factors in pre-order (the order of count_nodes) and the release shift.
void disperse_objects(std::vector<SpacecraftObject>& objects, const SampledInputs& in, std::size_t& k, bool roots) {
  for (auto& o : objects) {
    if (roots && in.breakup_altitude >= 0) o.breakup_altitude = in.breakup_altitude;
    if (!roots && o.release == Release::altitude) o.release_altitude += in.release_shift;
    if (k < in.mass_factors.size()) o.mass *= in.mass_factors[k];
    if (k < in.area_factors.size()) {
      // Geometrically similar: every length by sqrt(f) multiplies every area, and so A_i, by f.
      const double s = std::sqrt(in.area_factors[k]);
      for (double* d : {&o.diameter, &o.length, &o.width, &o.height, &o.thickness, &o.wall_thickness}) *d *= s;
    }
    ++k;
    disperse_objects(o.children, in, k, false);
  }
}

std::vector<FiniteBurn> disperse_burns(const std::vector<FiniteBurn>& nominal, const SampledInputs& in) {
  std::vector<FiniteBurn> out;
  for (FiniteBurn b : nominal) {
    b.start = b.start + in.ignition_offset;
    // Thrust error: cut off at the planned propellant. Delta-v error: thrust and flow scaled over the planned arc.
    b.duration /= in.thrust_factor;
    b.pitch += in.burn_pitch;
    b.yaw += in.burn_yaw;
    for (auto& e : b.engines) {
      e.thrust *= in.thrust_factor * in.delta_v_factor;
      e.isp *= in.isp_factor;
    }
    if (!in.engine_out || b.duration <= 0) {
      out.push_back(std::move(b));
      continue;
    }
    // One engine stops at the sampled fraction of the burn; the others fire to the planned cut-off (open loop).
    FiniteBurn after = b;
    after.name = b.name + " (engine out)";
    after.start = b.start + in.engine_out_fraction * b.duration;
    after.duration = (1 - in.engine_out_fraction) * b.duration;
    b.duration *= in.engine_out_fraction;
    auto it = std::find_if(after.engines.begin(), after.engines.end(), [](const Engine& e) { return e.count > 0; });
    if (it != after.engines.end() && --it->count == 0) after.engines.erase(it);
    out.push_back(std::move(b));
    if (!after.engines.empty()) out.push_back(std::move(after));
  }
  return out;
}

StateVector disperse_state(const StateVector& s, const SampledInputs& in) {
  const Mat3 to_rtn = rtn_axes(s.r, s.v);  // its transpose takes RTN components back to the state's frame
  StateVector out = s;
  out.r += to_rtn.transpose() * Vec3(in.position_rtn[0], in.position_rtn[1], in.position_rtn[2]);
  out.v += to_rtn.transpose() * Vec3(in.velocity_rtn[0], in.velocity_rtn[1], in.velocity_rtn[2]);
  return out;
}

}  // namespace

CampaignModel::CampaignModel(CampaignSetup setup) : setup_(std::move(setup)) {
  if (!setup_.zone || !setup_.land || !setup_.population || !setup_.eop)
    throw InputError("campaign: the target zone, land mask, population grid and EOP table must be given");
  if (setup_.objects.empty() && setup_.fragments.empty())
    throw InputError("campaign: the scenario has neither an object tree (objects_file) nor fragments to fly");
  if (!(setup_.start_mass > 0)) throw InputError("campaign: the stack mass at the campaign's start must be > 0 kg");
  kinds_ = count_nodes(setup_.objects) + setup_.fragments.size();
  nodes_ = std::make_shared<EarthRotationNodes>(*setup_.eop);
}

SampledInputs CampaignModel::sample(const Dispersions& dispersions, std::int64_t run) const {
  return sample_inputs(dispersions, run, kinds_, material_count());
}

RunRecord CampaignModel::run(const SampledInputs& in) const {
  RunRecord rec;
  rec.run = in.run;
  rec.log_weight = in.log_weight;
  rec.inputs_json = in.to_json();
  rec.input_factors = in.factors();
  rec.min_margin = -kInf;
  rec.min_distance_to_land = kInf;
  try {
    // The dispersed tree and its first release (where the propagation hands over to the tree's flight).
    std::vector<SpacecraftObject> objects = setup_.objects;
    std::size_t k = 0;
    disperse_objects(objects, in, k, true);
    double floor = setup_.breakup_altitude;
    if (!objects.empty()) {
      floor = 0;
      for (const auto& root : objects) floor = std::max(floor, first_release_altitude(root));
    }

    // The stack from the campaign's start to the breakup, with the dispersed burns and atmosphere.
    NumericalPropagatorSettings settings = setup_.forces;
    settings.floor_altitude = floor;
    std::shared_ptr<const SpaceWeather> weather = setup_.descent.space_weather;
    for (auto& f : settings.forces) {
      const auto* drag = dynamic_cast<const Drag*>(f.get());
      if (!drag) continue;
      std::shared_ptr<const SpaceWeather> w = drag->weather();
      if (in.f107_factor != 1 || in.ap_factor != 1) w = w->with_scaled_predictions(in.f107_factor, in.ap_factor);
      weather = w;
      f = std::make_shared<Drag>(drag->atmosphere(), w, drag->density_scale() * in.density_scale);
    }
    const StateVector start = disperse_state(setup_.start, in);
    std::vector<EventDetector<7>> events;
    std::vector<FiniteBurn> burns = disperse_burns(setup_.burns, in);
    std::erase_if(burns, [&](const FiniteBurn& b) { return !(b.end() - start.epoch > 0); });
    if (!burns.empty()) {
      auto thrust = std::make_shared<ThrustForce>(burns);
      events = thrust->switch_events(start.epoch);
      settings.forces.push_back(std::move(thrust));
    }
    NumericalPropagator propagator(std::move(settings), *setup_.eop, nodes_);
    PropagationResult flown = propagator.propagate(start, setup_.end, setup_.start_mass, events);
    if (flown.status != PropagationStatus::ReachedFloor)
      throw InputError(flown.status == PropagationStatus::Failed
                           ? "propagation failed: " + flown.message
                           : fmt::format("the stack did not come down to {:.1f} km before the campaign's end epoch",
                                         floor / 1e3));

    FrameTransformer frames(*setup_.eop);
    const StateVector breakup_itrf = frames.transform(flown.state, Frame::ITRF);
    const Geodetic place = to_geodetic(breakup_itrf.r);
    rec.breakup_time = flown.state.epoch - setup_.reference;
    rec.breakup_latitude = place.latitude;
    rec.breakup_longitude = place.longitude;
    rec.breakup_altitude = place.height;
    rec.breakup_speed = breakup_itrf.v.norm();
    rec.breakup_flight_path_angle = std::asin(breakup_itrf.r.normalized().dot(breakup_itrf.v.normalized()));

    std::vector<SurvivingObject> survivors;
    std::vector<ImpactPoint> points;
    auto add_impact = [&](int index, const SurvivingObject& so, double lat, double lon) {
      ImpactRecord ir;
      ir.object = index;
      ir.latitude = lat;
      ir.longitude = lon;
      ir.mass = so.mass;
      ir.kinetic_energy = impact_kinetic_energy(so);
      ir.casualty_area = casualty_area(so);
      ir.count = so.count;
      rec.impacts.push_back(ir);
      rec.surviving_mass += so.mass * so.count;
      survivors.push_back(so);
      points.push_back({lat, lon});
    };

    int index = 0;
    if (!objects.empty()) {
      MaterialDatabase materials = setup_.materials;
      auto& list = materials.materials();
      for (std::size_t m = 0; m < in.material_factors.size() && m < list.size(); ++m) {
        list[m].heat_of_fusion *= in.material_factors[m][0];
        for (auto& [t, cp] : list[m].specific_heat_table) cp *= in.material_factors[m][1];
        list[m].melting_temperature *= in.material_factors[m][2];
      }
      ObjectFlightSettings demise = setup_.demise;
      demise.drag_factor *= in.drag_factor;
      const TreeFlight tree = fly_object_tree(objects, materials, {breakup_itrf.r, breakup_itrf.v}, demise);
      for (const auto& o : tree.objects) {
        if (!o.demised) {
          const int count = static_cast<int>(std::min<long long>(o.count, std::numeric_limits<int>::max()));
          add_impact(index, {o.path, o.landed_mass(), o.cross_section, o.impact_speed, count}, o.impact_latitude,
                     o.impact_longitude);
        }
        ++index;
      }
    }
    if (!setup_.fragments.empty()) {
      std::vector<Fragment> fragments = setup_.fragments;
      for (auto& f : fragments) {
        if (k < in.mass_factors.size()) f.mass *= in.mass_factors[k];
        if (k < in.area_factors.size()) f.reference_area *= in.area_factors[k];
        ++k;
      }
      DescentSettings descent = setup_.descent;
      descent.sample_step = 1e6;  // impacts only
      descent.space_weather = weather;
      for (const auto& d : descend(flown.state, fragments, descent, *setup_.eop)) {
        const Fragment& f = fragments[d.impact.index];
        add_impact(index + d.impact.index, {f.name, f.mass, f.reference_area, d.impact.speed, f.count},
                   d.impact.latitude, d.impact.longitude);
      }
    }

    rec.expected_casualties =
        controlled_casualty_risk(survivors, points, *setup_.population, setup_.population_growth).expected_casualties;
    rec.inside = true;
    rec.min_margin = kInf;
    for (const auto& ir : rec.impacts) {
      if (!ir.hazardous()) continue;
      const double margin = setup_.zone->distance_to_edge(ir.latitude, ir.longitude);
      rec.min_margin = std::min(rec.min_margin, margin);
      if (!setup_.zone->contains(ir.latitude, ir.longitude)) rec.inside = false;
      const bool land = setup_.land->on_land(ir.latitude, ir.longitude);
      rec.land_impact = rec.land_impact || land;
      rec.min_distance_to_land =
          std::min(rec.min_distance_to_land, land ? 0.0 : setup_.land->distance_to_land(ir.latitude, ir.longitude));
    }
    rec.status = RunStatus::ok;
  } catch (const std::exception& e) {
    // A run that cannot be completed is an outcome (an escape for the statistics), not an end of the campaign.
    rec.status = RunStatus::failed;
    rec.message = e.what();
    rec.inside = false;
    rec.impacts.clear();
    rec.min_margin = -kInf;
    rec.min_distance_to_land = kInf;
  }
  return rec;
}

}  // namespace deorbit

#include "deorbit/io/force_config.h"

#include "deorbit/atmosphere/exponential.h"
#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/forces/drag.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/gravity_field.h"
#include "deorbit/forces/solar_radiation_pressure.h"
#include "deorbit/forces/third_body.h"
#include "deorbit/io/yaml_map.h"

namespace deorbit {
namespace {

NumericalPropagatorSettings build(const YamlMap& y, std::shared_ptr<const SpaceWeather> weather) {
  NumericalPropagatorSettings s;
  if (auto g = y.map("gravity")) {
    std::string field = g->text_or("field", "egm96");
    // The embedded EGM96 stops at degree 20; a file may go further.
    int degree = g->integer_or("degree", 20, 0, field == "egm96" ? 20 : 2190);
    int order = g->integer_or("order", degree, 0, degree);
    double mu = g->number_or("mu_m3_s2", 3.986004415e14, "m^3/s^2", 1e14, 1e15);
    GravityFallback fallback;
    fallback.altitude = g->number_or("fallback_altitude_m", fallback.altitude, "m", -1e7, 1e7);
    g->refuse_unknown_keys();
    if (degree == 0 || field == "point-mass") {
      s.forces.push_back(std::make_shared<PointMassGravity>(mu));
    } else if (field == "egm96") {
      s.forces.push_back(std::make_shared<SphericalHarmonicGravity>(egm96_embedded(), degree, order, fallback));
    } else {
      s.forces.push_back(
          std::make_shared<SphericalHarmonicGravity>(read_gravity_field(field), degree, order, fallback));
    }
  } else {
    s.forces.push_back(std::make_shared<PointMassGravity>(3.986004415e14));
  }
  if (auto d = y.map("drag")) {
    std::string model = d->text_or("atmosphere", "nrlmsise00", {"nrlmsise00", "us76", "exponential"});
    bool ap_history = d->flag_or("ap_history", false);
    double scale = d->number_or("density_scale", 1.0, "", 0.0, 100.0);
    d->refuse_unknown_keys();
    std::shared_ptr<const Atmosphere> atm;
    if (model == "nrlmsise00") atm = std::make_shared<Nrlmsise00>(ap_history);
    else if (model == "us76") atm = std::make_shared<UsStandardAtmosphere1976>();
    else atm = std::make_shared<ExponentialAtmosphere>();
    // Without a table Drag takes the embedded one and warns once per process (one warning, here as in the library).
    s.forces.push_back(std::make_shared<Drag>(atm, weather, scale));
  }
  for (const auto& body : y.text_list("third_bodies", {"sun", "moon"}))
    s.forces.push_back(std::make_shared<ThirdBody>(body == "sun" ? ThirdBody::Body::sun : ThirdBody::Body::moon));
  if (auto r = y.map("solar_radiation_pressure")) {
    SrpOptions o;
    std::string shadow = r->text_or("shadow", "conical-ellipsoid", {"none", "cylindrical", "conical-sphere", "conical-ellipsoid"});
    r->refuse_unknown_keys();
    o.shadow = shadow == "none" ? ShadowModel::none
               : shadow == "cylindrical" ? ShadowModel::cylindrical
               : shadow == "conical-sphere" ? ShadowModel::conical_sphere
                                            : ShadowModel::conical_ellipsoid;
    s.forces.push_back(std::make_shared<SolarRadiationPressure>(o));
  }
  if (auto sc = y.map("spacecraft")) {
    s.spacecraft.mass = sc->number_or("mass_kg", s.spacecraft.mass, "kg", 1e-6, 1e8);
    s.spacecraft.drag_area = sc->number_or("drag_area_m2", s.spacecraft.drag_area, "m^2", 0, 1e6);
    s.spacecraft.drag_coefficient = sc->number_or("drag_coefficient", s.spacecraft.drag_coefficient, "", 0, 10);
    s.spacecraft.srp_area = sc->number_or("srp_area_m2", s.spacecraft.srp_area, "m^2", 0, 1e6);
    s.spacecraft.srp_coefficient = sc->number_or("srp_coefficient", s.spacecraft.srp_coefficient, "", 0, 3);
    sc->refuse_unknown_keys();
  }
  if (auto i = y.map("integrator")) {
    s.position_tolerance = i->number_or("position_tolerance_m", s.position_tolerance, "m", 1e-12, 1e6);
    s.min_step = i->number_or("min_step_s", s.min_step, "s", 0, 1e5);
    s.max_step = i->number_or("max_step_s", s.max_step, "s", 1e-6, 1e6);
    s.floor_altitude = i->number_or("floor_altitude_m", s.floor_altitude, "m", -1e5, 1e7);
    i->refuse_unknown_keys();
  }
  y.refuse_unknown_keys();
  return s;
}

}  // namespace

NumericalPropagatorSettings read_force_config(const std::string& path, std::shared_ptr<const SpaceWeather> weather) {
  return build(YamlMap::load_file(path), std::move(weather));
}

NumericalPropagatorSettings parse_force_config(const std::string& yaml, const std::string& label,
                                               std::shared_ptr<const SpaceWeather> weather) {
  return build(YamlMap::load_text(yaml, label), std::move(weather));
}

NumericalPropagatorSettings force_config_from(const YamlMap& section, std::shared_ptr<const SpaceWeather> weather) {
  return build(section, std::move(weather));
}

std::string force_config_reference() {
  return R"(Force-model file (YAML); every section is optional:
  gravity:                      # absent: point mass with mu = 3.986004415e14 m^3/s^2
    field: egm96                # embedded EGM96 (to degree 20), point-mass, or a path to an EGM/ICGEM file
    degree: 20                  # 0 = point mass
    order: 20
    mu_m3_s2: 3.986004415e14    # point mass only
    fallback_altitude_m: 100000 # below it the field is truncated to degree and order 4
  drag:
    atmosphere: nrlmsise00      # nrlmsise00, us76 or exponential
    ap_history: false           # NRLMSISE-00 switch 9 = -1 (3-hourly ap history) instead of daily Ap
    density_scale: 1.0
  third_bodies: [sun, moon]
  solar_radiation_pressure:
    shadow: conical-ellipsoid   # none, cylindrical, conical-sphere, conical-ellipsoid
  spacecraft:
    mass_kg: 1000
    drag_area_m2: 1
    drag_coefficient: 2.2
    srp_area_m2: 1
    srp_coefficient: 1.3
  integrator:
    position_tolerance_m: 0.001 # Orekit's tolerance rule for the other components
    min_step_s: 0.001
    max_step_s: 300
    floor_altitude_m: 0         # the run ends when the geodetic height falls to it
)";
}

}  // namespace deorbit

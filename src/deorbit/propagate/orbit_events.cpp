// Reference: geodetic height after Karney (2011, through GeographicLib); shadow models of Montenbruck & Gill,
// "Satellite Orbits" (2000), sec. 3.4.2, as in forces/shadow.h.
#include "deorbit/propagate/orbit_events.h"

#include <cmath>
#include <utility>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/solar_system.h"

namespace deorbit {
namespace {

// The caches one detector keeps between evaluations of its g.
struct GeometryCache {
  explicit GeometryCache(std::shared_ptr<EarthRotationNodes> nodes) : rotation(std::move(nodes)) {}
  EarthRotationCache rotation;
  SolarSystemCache bodies;
};

std::shared_ptr<EarthRotationNodes> or_new(std::shared_ptr<EarthRotationNodes> nodes) {
  return nodes ? std::move(nodes) : std::make_shared<EarthRotationNodes>();
}

}  // namespace

std::shared_ptr<EarthRotationNodes> make_earth_rotation_nodes(const EarthOrientation& eop) {
  return std::make_shared<EarthRotationNodes>(eop);
}

EventDetector<7> altitude_detector(const Epoch& reference, double height, EventDirection direction,
                                   EventAction action, std::shared_ptr<EarthRotationNodes> nodes, std::string name) {
  if (!std::isfinite(height)) throw InputError("altitude detector: the height must be a finite number of metres");
  auto cache = std::make_shared<GeometryCache>(or_new(std::move(nodes)));
  EventDetector<7> d;
  d.name = std::move(name);
  d.direction = direction;
  d.action = action;
  d.g = [cache, reference, height](double t, const OdeState<7>& y) {
    const Vec3 r = y.head<3>();
    // The ellipsoid lies inside the sphere of its equatorial radius, so |r| - a never exceeds the geodetic height:
    // far above the crossing it has the right sign at a fraction of the cost.
    const double lower_bound = r.norm() - constants::wgs84_a - height;
    if (lower_bound > 20e3) return lower_bound;
    const EarthAttitude att = cache->rotation.at(reference + t);
    return to_geodetic(att.gcrf_to_itrf * r).height - height;
  };
  return d;
}

EventDetector<7> eclipse_detector(const Epoch& reference, EclipseBoundary boundary, ShadowModel model,
                                  EventDirection direction, EventAction action,
                                  std::shared_ptr<EarthRotationNodes> nodes, std::string name) {
  if (model == ShadowModel::none) throw InputError("eclipse detector: the shadow model 'none' has no eclipses");
  const double level = boundary == EclipseBoundary::penumbra ? 1.0 - 1e-9 : 1e-9;
  auto cache = std::make_shared<GeometryCache>(or_new(std::move(nodes)));
  EventDetector<7> d;
  d.name = name.empty() ? (boundary == EclipseBoundary::penumbra ? "penumbra boundary" : "umbra boundary")
                        : std::move(name);
  d.direction = direction;
  d.action = action;
  d.max_check = 30.0;  // a grazing pass through the penumbra lasts tens of seconds
  d.g = [cache, reference, model, level](double t, const OdeState<7>& y) {
    const Epoch at = reference + t;
    ForceContext ctx;
    ctx.r = y.head<3>();
    ctx.sun = cache->bodies.sun(at);
    // Most of an orbit is in full sunlight or deep shadow, which bounds decide in GCRF with no Earth rotation.
    const double inner = model == ShadowModel::conical_ellipsoid ? constants::wgs84_a * (1.0 - constants::wgs84_f)
                                                                 : constants::wgs84_a;
    if (model != ShadowModel::cylindrical)
      if (auto decided = sun_visible_fraction_bounds(ctx.r, ctx.sun, inner, constants::wgs84_a)) return *decided - level;
    if (model == ShadowModel::conical_ellipsoid) {
      const EarthAttitude att = cache->rotation.at(at);
      ctx.gcrf_to_itrf = att.gcrf_to_itrf;
      ctx.r_itrf = att.gcrf_to_itrf * ctx.r;
    }
    return sun_visible_fraction(ctx, model) - level;
  };
  return d;
}

}  // namespace deorbit

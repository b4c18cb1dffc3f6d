// Earth shadow: the fraction of the solar disc visible from a satellite (1 in sunlight, 0 in umbra).
// References: Montenbruck & Gill, "Satellite Orbits" (2000), sec. 3.4.2 (conical model: overlap of two discs,
// eq. 3.83-3.87; cylindrical model); the limb of an oblate Earth is found as Orekit's OccultationEngine does (the
// tangent point of the ellipsoid in the plane through the satellite, the Earth's centre and the Sun).
// Shared by SolarRadiationPressure and the eclipse event detectors of propagate/ (orbit_events.h).
#pragma once

#include <optional>

#include "deorbit/base/constants.h"
#include "deorbit/base/vector.h"
#include "deorbit/forces/force_model.h"

namespace deorbit {

inline constexpr double sun_radius = 6.957e8;  //!< [m] nominal solar radius (IAU 2015 B3), as Orekit uses

enum class ShadowModel {
  none,               //!< always in sunlight
  cylindrical,        //!< umbra is a cylinder of the Earth's equatorial radius behind the Earth; no penumbra
  conical_sphere,     //!< umbra and penumbra cones; the Earth a sphere of its equatorial radius
  conical_ellipsoid,  //!< umbra and penumbra; the Earth the WGS-84 ellipsoid (as Orekit in the reference cases)
};

//! Visible fraction 0..1 for a spherical occulting body at the origin: the overlap of the Sun's disc (apparent
//! radius asin(R_sun/|sun - r|)) with the Earth's (asin(R/|r|)) as seen from r. r and sun [m] in any one frame.
[[nodiscard]] double sun_visible_fraction_conical(const Vec3& r, const Vec3& sun, double earth_radius = constants::wgs84_a,
                                                  double solar_radius = sun_radius);

//! Visible fraction 0 or 1 in the cylindrical model (Sun at infinity, no penumbra).
[[nodiscard]] double sun_visible_fraction_cylindrical(const Vec3& r, const Vec3& sun,
                                                      double earth_radius = constants::wgs84_a);

//! Visible fraction 0..1 with an oblate ellipsoid (semi-major axis a, flattening f, symmetry axis z) at the origin.
//! r_body and sun_body [m] in the ellipsoid's frame (ITRF for the Earth). The Earth's apparent radius is the angle
//! from its centre to the limb point in the plane satellite-centre-Sun.
[[nodiscard]] double sun_visible_fraction_ellipsoid(const Vec3& r_body, const Vec3& sun_body,
                                                    double a = constants::wgs84_a, double f = constants::wgs84_f,
                                                    double solar_radius = sun_radius);

//! Visible fraction for the satellite and Sun of a force context (ctx.r, ctx.sun; ctx.r_itrf and ctx.gcrf_to_itrf for
//! the ellipsoid), Earth of WGS-84 size.
[[nodiscard]] double sun_visible_fraction(const ForceContext& ctx, ShadowModel model);

//! The visible fraction when simple bounds decide it, with no trigonometry: 1 when the Sun's disc clears a sphere of
//! radius `outer_radius` (so any Earth inside it), 0 when a sphere of radius `inner_radius` (inside the Earth) hides
//! it whole; empty in between (partial shadow, or too close to tell). r and sun [m] in any one frame, so it can be
//! asked in GCRF before the Earth's orientation is known. Where it answers, the full models answer the same.
[[nodiscard]] std::optional<double> sun_visible_fraction_bounds(const Vec3& r, const Vec3& sun, double inner_radius,
                                                                double outer_radius, double solar_radius = sun_radius);

//! Overlap helper: fraction of a disc of angular radius a left visible by a disc of angular radius b whose centre is
//! c away (all [rad]). 1 when c >= a + b; 0 when b covers a entirely.
[[nodiscard]] double disc_visible_fraction(double a, double b, double c);

}  // namespace deorbit

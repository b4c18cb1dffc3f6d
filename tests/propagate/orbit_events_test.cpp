// The public orbit detectors (geodetic altitude, eclipse entry and exit), the propagator's floor stop and its mass
// flow. Each event is checked against the model it watches, evaluated independently at the event's state, and the
// number of events against a brute-force scan of the same trajectory at 1 s.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/forces/gravity.h"
#include "deorbit/forces/shadow.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/solar_system.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/orbit/keplerian.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/propagate/orbit_events.h"

namespace deorbit {
namespace {

const Epoch start = Epoch::from_iso("2025-03-01T00:00:00Z");

// Two-body orbit (GCRF) with the given perigee and apogee heights over a sphere of the WGS84 equatorial radius.
StateVector orbit(double perigee_height, double apogee_height, double inclination = 51.6 * constants::pi / 180) {
  KeplerianElements k;
  const double rp = constants::wgs84_a + perigee_height, ra = constants::wgs84_a + apogee_height;
  k.semi_major_axis = 0.5 * (rp + ra);
  k.eccentricity = (ra - rp) / (ra + rp);
  k.inclination = inclination;
  k.raan = 0.3;
  k.arg_of_perigee = 1.0;
  k.true_anomaly = 2.0;
  auto [r, v] = to_cartesian(k, egm_mu);
  return {start, Frame::GCRF, r, v};
}

NumericalPropagator two_body(double floor = 0.0) {
  NumericalPropagatorSettings s;
  s.forces.push_back(std::make_shared<PointMassGravity>(egm_mu));
  s.position_tolerance = 1e-4;
  s.floor_altitude = floor;
  return NumericalPropagator(s);
}

double geodetic_height(const Epoch& t, const Vec3& r_gcrf) {
  return to_geodetic(FrameTransformer().rotation(Frame::GCRF, Frame::ITRF, t) * r_gcrf).height;
}

// Counts the sign changes of f over the run's trajectory, sampled every second from the run's dense output.
template <class F>
int brute_force_crossings(const NumericalPropagator& prop, const StateVector& s0, double span, F f) {
  std::vector<StateVector> samples;
  (void)prop.sample(s0, s0.epoch + span, 1.0, samples);
  int n = 0;
  for (std::size_t i = 1; i < samples.size(); ++i)
    if ((f(samples[i - 1]) > 0) != (f(samples[i]) > 0)) ++n;
  return n;
}

TEST(AltitudeDetector, FiresAtTheGeodeticHeightBothWays) {
  const NumericalPropagator prop = two_body();
  const StateVector s0 = orbit(250e3, 450e3);
  const double h = 300e3, span = 10800.0;
  EventDetector<7> d =
      altitude_detector(start, h, EventDirection::Both, EventAction::Continue, prop.earth_rotation_nodes());
  std::vector<EventDetector<7>> events{d};
  PropagationResult r = prop.propagate(s0, start + span, 0, events);
  ASSERT_EQ(r.status, PropagationStatus::ReachedEnd) << r.message;
  int fired = 0;
  bool last_increasing = false;
  double worst = 0;
  for (const auto& e : r.events) {
    if (e.detector != 0) continue;
    EXPECT_NEAR(geodetic_height(e.epoch, e.y.head<3>()), h, 1.5e-6) << e.epoch.iso();  // measured 4.9e-7 m
    worst = std::max(worst, std::abs(geodetic_height(e.epoch, e.y.head<3>()) - h));
    if (fired > 0) {
      EXPECT_NE(e.increasing, last_increasing) << "crossings alternate";
    }
    last_increasing = e.increasing;
    ++fired;
  }
  const int expected = brute_force_crossings(prop, s0, span, [&](const StateVector& s) {
    return geodetic_height(s.epoch, s.r) - h;
  });
  EXPECT_GE(expected, 3);
  EXPECT_EQ(fired, expected);
  std::printf("[ figures  ] altitude events: %d crossings of 300 km, worst height error %.3e m\n", fired, worst);
}

TEST(AltitudeDetector, DirectionFilterAndStop) {
  const NumericalPropagator prop = two_body();
  const StateVector s0 = orbit(250e3, 450e3);
  EventDetector<7> up = altitude_detector(start, 400e3, EventDirection::Increasing, EventAction::Stop,
                                          prop.earth_rotation_nodes(), "up through 400 km");
  std::vector<EventDetector<7>> events{up};
  PropagationResult r = prop.propagate(s0, start + 86400.0, 0, events);
  ASSERT_EQ(r.status, PropagationStatus::StoppedByEvent);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_TRUE(r.events[0].increasing);
  EXPECT_EQ(r.events[0].name, "up through 400 km");
  EXPECT_NEAR(geodetic_height(r.state.epoch, r.state.r), 400e3, 1e-8);  // round-off: 1e-10 to 3e-9 m measured
  std::printf("[ figures  ] stop going up through 400 km: height error %.3e m\n",
              geodetic_height(r.state.epoch, r.state.r) - 400e3);
  EXPECT_GT(r.state.r.dot(r.state.v), 0.0);  // going up
}

TEST(AltitudeDetector, WorksWithoutASharedNodeStore) {
  const NumericalPropagator prop = two_body();
  const StateVector s0 = orbit(250e3, 450e3);
  std::vector<EventDetector<7>> events{altitude_detector(start, 350e3, EventDirection::Decreasing)};
  PropagationResult r = prop.propagate(s0, start + 86400.0, 0, events);
  ASSERT_EQ(r.status, PropagationStatus::StoppedByEvent);
  EXPECT_NEAR(geodetic_height(r.state.epoch, r.state.r), 350e3, 1e-8);  // round-off: 1e-10 to 3e-9 m measured
  std::printf("[ figures  ] stop going down through 350 km: height error %.3e m\n",
              geodetic_height(r.state.epoch, r.state.r) - 350e3);
  EXPECT_LT(r.state.r.dot(r.state.v), 0.0);
}

TEST(AltitudeDetector, RefusesANonFiniteHeight) {
  EXPECT_THROW((void)altitude_detector(start, std::nan("")), InputError);
}

TEST(FloorAltitude, EndsTheRunAsATypedOutcomeAtTheFloor) {
  const NumericalPropagator prop = two_body(120e3);
  const StateVector s0 = orbit(60e3, 400e3);  // the perigee lies below the floor
  PropagationResult r = prop.propagate(s0, start + 86400.0);
  ASSERT_EQ(r.status, PropagationStatus::ReachedFloor) << r.message;
  EXPECT_NEAR(geodetic_height(r.state.epoch, r.state.r), 120e3, 1e-8);  // round-off: 1e-10 to 3e-9 m measured
  std::printf("[ figures  ] floor at 120 km: height error %.3e m\n", geodetic_height(r.state.epoch, r.state.r) - 120e3);
  EXPECT_LT(r.state.epoch - start, 6000.0);  // within the first revolution
}

TEST(FloorAltitude, RefusesAStartBelowIt) {
  const NumericalPropagator prop = two_body(500e3);
  EXPECT_THROW((void)prop.propagate(orbit(300e3, 400e3), start + 60.0), InputError);
}

TEST(EclipseDetector, EntriesAndExitsMatchTheShadowModel) {
  const NumericalPropagator prop = two_body();
  const StateVector s0 = orbit(400e3, 420e3);
  const double span = 10800.0;
  std::vector<EventDetector<7>> events{
      eclipse_detector(start, EclipseBoundary::penumbra, ShadowModel::conical_ellipsoid, EventDirection::Both,
                       EventAction::Continue, prop.earth_rotation_nodes()),
      eclipse_detector(start, EclipseBoundary::umbra, ShadowModel::conical_ellipsoid, EventDirection::Both,
                       EventAction::Continue, prop.earth_rotation_nodes())};
  PropagationResult r = prop.propagate(s0, start + span, 0, events);
  ASSERT_EQ(r.status, PropagationStatus::ReachedEnd);
  auto fraction = [](const Epoch& t, const Vec3& r_gcrf) {
    const Mat3 m = FrameTransformer().rotation(Frame::GCRF, Frame::ITRF, t);
    return sun_visible_fraction_ellipsoid(m * r_gcrf, m * sun_position_gcrf(t));
  };
  int fired[2] = {0, 0};
  double worst = 0, longest_delay = 0;
  for (const auto& e : r.events) {
    const double f = fraction(e.epoch, e.y.head<3>());
    // The event state lies just past the boundary, on the side the crossing goes to.
    EXPECT_NEAR(f, e.detector == 0 ? 1.0 : 0.0, 6e-7) << e.name << " at " << e.epoch.iso();  // measured 2.4e-7
    worst = std::max(worst, std::abs(f - (e.detector == 0 ? 1.0 : 0.0)));
    ++fired[e.detector];
  }
  // ISS-like orbit in March: in shadow on every revolution, so about 2 entries and 2 exits in 3 h.
  EXPECT_GE(fired[0], 3);
  EXPECT_EQ(fired[0], brute_force_crossings(prop, s0, span, [&](const StateVector& s) {
              return fraction(s.epoch, s.r) - (1.0 - 1e-9);
            }));
  EXPECT_EQ(fired[1], brute_force_crossings(prop, s0, span, [&](const StateVector& s) {
              return fraction(s.epoch, s.r) - 1e-9;
            }));
  // Entry: the fraction decreases. The umbra is entered after the penumbra, within a minute.
  for (std::size_t i = 0; i + 1 < r.events.size(); ++i)
    if (r.events[i].detector == 0 && !r.events[i].increasing) {
      EXPECT_EQ(r.events[i + 1].detector, 1);
      EXPECT_FALSE(r.events[i + 1].increasing);
      EXPECT_LT(r.events[i + 1].t - r.events[i].t, 20.0);  // measured 9.1 s at most
      longest_delay = std::max(longest_delay, r.events[i + 1].t - r.events[i].t);
    }
  std::printf("[ figures  ] eclipse events: %d penumbra and %d umbra boundaries, shadow fraction within %.3e of the "
              "boundary, umbra entered %.1f s after the penumbra at most\n",
              fired[0], fired[1], worst, longest_delay);
}

TEST(EclipseDetector, CylindricalShadowHasOneEdge) {
  const NumericalPropagator prop = two_body();
  const StateVector s0 = orbit(400e3, 420e3);
  std::vector<EventDetector<7>> events{eclipse_detector(start, EclipseBoundary::umbra, ShadowModel::cylindrical,
                                                        EventDirection::Decreasing, EventAction::Stop)};
  PropagationResult r = prop.propagate(s0, start + 86400.0, 0, events);
  ASSERT_EQ(r.status, PropagationStatus::StoppedByEvent);
  EXPECT_EQ(sun_visible_fraction_cylindrical(r.state.r, sun_position_gcrf(r.state.epoch)), 0.0);
  EXPECT_THROW((void)eclipse_detector(start, EclipseBoundary::umbra, ShadowModel::none), InputError);
}

TEST(NumericalPropagator, SharesEarthRotationNodesOnlyFromItsOwnTable) {
  NumericalPropagatorSettings s;
  s.forces.push_back(std::make_shared<PointMassGravity>(egm_mu));
  const NumericalPropagator first(s);
  const NumericalPropagator second(s, EarthOrientation::none(), first.earth_rotation_nodes());
  EXPECT_EQ(second.earth_rotation_nodes(), first.earth_rotation_nodes());
  const EarthOrientation other;
  EXPECT_THROW(NumericalPropagator(s, other, first.earth_rotation_nodes()), InputError);
}

// A force that only burns propellant, to check that the propagator integrates ForceModel::mass_rate.
class MassSink final : public ForceModel {
 public:
  [[nodiscard]] Vec3 acceleration(const ForceContext&) const override { return Vec3::Zero(); }
  [[nodiscard]] double mass_rate(const ForceContext& ctx) const override { return -1e-3 * ctx.mass; }
  [[nodiscard]] ForceNeeds needs() const override { return {}; }
  [[nodiscard]] std::string_view name() const override { return "mass sink"; }
};

TEST(NumericalPropagator, IntegratesTheMassRateOfForces) {
  NumericalPropagatorSettings s;
  s.forces = {std::make_shared<PointMassGravity>(egm_mu), std::make_shared<MassSink>()};
  const NumericalPropagator prop(s);
  PropagationResult r = prop.propagate(orbit(400e3, 420e3), start + 1000.0, 5000.0);
  ASSERT_EQ(r.status, PropagationStatus::ReachedEnd);
  EXPECT_NEAR(r.mass, 5000.0 * std::exp(-1.0), 4e-9);  // dm/dt = -m / 1000 s; measured 1.2e-9 kg
  std::printf("[ figures  ] mass rate: %.3e kg from m0 / e after 1000 s\n", r.mass - 5000.0 * std::exp(-1.0));
}

}  // namespace
}  // namespace deorbit

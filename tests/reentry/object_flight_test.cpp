// The object-tree flight (object_flight.h): agreement with the independent planar sphere model of
// demise_trajectory.h on its own spherical non-rotating Earth (a consistency check of the integration: the physics
// are the same), step convergence, the tree's release and counting rules, hollow objects, input errors.
#include <cmath>
#include <cstdio>
#include <numbers>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/error.h"
#include "deorbit/reentry/demise_trajectory.h"
#include "deorbit/reentry/drag_coefficient_mach.h"
#include "deorbit/reentry/object_flight.h"
#include "reentry/object_flight_support.h"

namespace deorbit {
namespace {

using testing::solid_sphere;

constexpr double deg = std::numbers::pi / 180.0;

// The planar model's entry (122 km, 7800 m/s, -0.1 deg) on the sphere of radius 6371.0088 km.
EntryState spherical_entry() { return testing::spherical_entry(7800.0, -0.1 * deg); }

struct Pair {
  DemiseResult planar;
  ObjectOutcome tree;
};

Pair fly_both(const std::string& material, double mass, double max_step = 0.5) {
  const Material& m = MaterialDatabase::embedded().material(material);
  DemiseSettings ds;
  ds.demise_mass_fraction = 1e-3;
  ds.sample_interval = 0;
  DemiseResult planar = fly_sphere(thermal_properties(m), mass, 300.0, {}, ds);
  ObjectFlightSettings fs;
  fs.earth = FlightEarth::spherical_nonrotating;
  fs.max_step = max_step;
  TreeFlight t = fly_object_tree({solid_sphere(material, mass)}, MaterialDatabase::embedded(), spherical_entry(), fs);
  return {planar, t.objects.at(0)};
}

// Consistency check (same physics, two integrations: coupled RK4 in altitude/speed/flight-path angle at 0.2 s, and
// Cartesian RK4 with the implicit temperature step at up to 0.5 s).
TEST(ObjectFlight, AgreesWithThePlanarSphereModelOnItsSphericalEarth) {
  // Measured at max_step 0.5 s (planar model at 0.2 s): Al 1 kg 78.902 vs 78.903 km; Ti-6Al-4V 5 kg 57.853 vs
  // 57.829 km; Stainless-304 30 kg survives with 5.164 vs 5.181 kg.
  Pair al = fly_both("Al-6061-T6", 1.0), ti = fly_both("Ti-6Al-4V", 5.0), ss = fly_both("Stainless-304", 30.0);
  std::printf("Al 1 kg: demise planar %.4f km tree %.4f km; melt onset %.3f / %.3f km\n",
              al.planar.demise_altitude / 1e3, al.tree.demise_altitude / 1e3, al.planar.melt_onset_altitude / 1e3,
              al.tree.melt_onset_altitude / 1e3);
  std::printf("Ti 5 kg: demise planar %.4f km tree %.4f km\n", ti.planar.demise_altitude / 1e3,
              ti.tree.demise_altitude / 1e3);
  std::printf("SS304 30 kg: final mass planar %.4f kg tree %.4f kg; impact %.2f / %.2f m/s\n", ss.planar.final_mass,
              ss.tree.final_mass, ss.planar.impact_speed, ss.tree.impact_speed);
  ASSERT_TRUE(al.planar.demised && al.tree.demised && ti.planar.demised && ti.tree.demised);
  EXPECT_NEAR(al.tree.demise_altitude, al.planar.demise_altitude, 10.0);
  EXPECT_NEAR(al.tree.melt_onset_altitude, al.planar.melt_onset_altitude, 20.0);  // measured 9 m
  EXPECT_NEAR(ti.tree.demise_altitude, ti.planar.demise_altitude, 50.0);
  ASSERT_FALSE(ss.tree.demised);
  ASSERT_FALSE(ss.planar.demised);
  EXPECT_NEAR(ss.tree.final_mass, ss.planar.final_mass, 0.04);
  EXPECT_NEAR(ss.tree.impact_speed, ss.planar.impact_speed, 1.0);
}

TEST(ObjectFlight, HalvingTheStepChangesLittle) {
  // Measured: Ti 5 kg 57.8531 km at 0.5 s, 57.8428 km at 0.25 s (10 m).
  Pair a = fly_both("Ti-6Al-4V", 5.0, 0.5), b = fly_both("Ti-6Al-4V", 5.0, 0.25);
  std::printf("Ti 5 kg: 0.5 s: %.4f km; 0.25 s: %.4f km\n", a.tree.demise_altitude / 1e3, b.tree.demise_altitude / 1e3);
  ASSERT_TRUE(a.tree.demised && b.tree.demised);
  EXPECT_NEAR(a.tree.demise_altitude, b.tree.demise_altitude, 25.0);
}

SpacecraftObject make(const std::string& name, Shape shape, const std::string& material, double mass) {
  SpacecraftObject o;
  o.name = name;
  o.shape = shape;
  o.material = material;
  o.mass = mass;
  o.mass_as_given = true;
  return o;
}

// A small spacecraft with the three release modes and counts down the tree.
SpacecraftObject small_spacecraft() {
  SpacecraftObject bus = make("bus", Shape::box, "Al-7075-T6", 60);
  bus.length = 1.2, bus.width = 1.0, bus.height = 1.0, bus.wall_thickness = 0.003;
  SpacecraftObject array = make("array", Shape::flat_plate, "Al-2024-T3", 11);
  array.length = 2.0, array.width = 1.0, array.thickness = 0.002, array.count = 2;
  array.release = Release::altitude, array.release_altitude = 95e3;
  SpacecraftObject box = make("electronics box", Shape::box, "Al-6061-T6", 8);
  box.length = 0.3, box.width = 0.2, box.height = 0.1, box.count = 3, box.breakup_altitude = 78e3;
  SpacecraftObject part = make("steel part", Shape::cylinder, "Stainless-304", 0.5);
  part.diameter = 0.04, part.length = 0.05, part.count = 2, part.release = Release::parent_demise;
  box.children.push_back(part);
  bus.children.push_back(array);
  bus.children.push_back(box);
  return bus;
}

const ObjectOutcome& find(const TreeFlight& t, const std::string& name) {
  for (const auto& o : t.objects)
    if (o.name == name) return o;
  throw std::runtime_error("no outcome " + name);
}

TEST(ObjectFlight, TreeReleaseAndCountingRules) {
  EntryState e = entry_state_from(122e3, 7500, -0.1 * deg, -40 * deg, -150 * deg, 120 * deg);
  TreeFlight t = fly_object_tree({small_spacecraft()}, MaterialDatabase::embedded(), e);
  for (const auto& o : t.objects)
    std::printf("%-40s x%lld released %.3f km, %s %.3f km, mass %.3f kg, Tmax %.0f K\n", o.path.c_str(), o.count,
                o.release_altitude / 1e3, o.demised ? "demised at" : "impact, heating from",
                (o.demised ? o.demise_altitude : o.heating_start_altitude) / 1e3, o.final_mass, o.max_temperature);
  ASSERT_EQ(t.objects.size(), 4u);
  EXPECT_EQ(t.flights, 4);
  EXPECT_EQ(t.objects[0].name, "bus");
  for (std::size_t i = 1; i < t.objects.size(); ++i) EXPECT_LT(t.objects[i].parent, static_cast<int>(i));
  const auto &bus = find(t, "bus"), &array = find(t, "array"), &box = find(t, "electronics box"),
             &part = find(t, "steel part");
  EXPECT_NEAR(bus.release_altitude, 122e3, 1.0);
  EXPECT_NEAR(bus.heating_start_altitude, 78e3, 1.0);  // the spacecraft is heated from its breakup on
  EXPECT_NEAR(array.release_altitude, 95e3, 1.0);
  EXPECT_NEAR(box.release_altitude, 78e3, 1.0);
  EXPECT_EQ(array.count, 2);
  EXPECT_EQ(box.count, 3);
  EXPECT_EQ(part.count, 6);  // 3 boxes x 2 parts, flown once
  EXPECT_EQ(part.path, "bus / electronics box / steel part");
  ASSERT_TRUE(box.demised);  // an 8 kg aluminium box melts away; its parts leave it there
  EXPECT_NEAR(part.release_altitude, box.demise_altitude, 1.0);
  EXPECT_NEAR(t.initial_mass, 60 + 2 * 11 + 3 * (8 + 2 * 0.5), 1e-9);
  double surviving = 0;
  for (const auto& o : t.objects) {
    EXPECT_LE(o.final_mass, o.initial_mass);
    if (!o.demised) {
      EXPECT_GT(o.impact_speed, 0);
      EXPECT_NEAR(o.kinetic_energy, 0.5 * o.final_mass * o.impact_speed * o.impact_speed, 1e-9 * o.kinetic_energy);
    }
    surviving += static_cast<double>(o.count) * o.final_mass;
  }
  EXPECT_DOUBLE_EQ(t.surviving_mass, surviving);
}

TEST(ObjectFlight, ImpactsLieDownrangeOfTheEntryOnTheRotatingEarth) {
  // 7300 m/s relative to the Earth towards azimuth 120 deg at 40 S: about 7.6 km/s inertial, sub-orbital.
  const double lat0 = -40 * deg, lon0 = -150 * deg, az0 = 120 * deg;
  EntryState e = entry_state_from(122e3, 7300, -0.1 * deg, lat0, lon0, az0);
  TreeFlight t = fly_object_tree({solid_sphere("Tungsten", 5.0)}, MaterialDatabase::embedded(), e);
  const ObjectOutcome& o = t.objects.at(0);
  ASSERT_FALSE(o.demised);
  EXPECT_DOUBLE_EQ(o.final_mass, 5.0);
  // Great-circle distance and initial bearing from the entry point to the impact.
  const double lat1 = o.impact_latitude, dlon = o.impact_longitude - lon0;
  const double dist = std::acos(std::sin(lat0) * std::sin(lat1) + std::cos(lat0) * std::cos(lat1) * std::cos(dlon));
  const double bearing = std::atan2(std::sin(dlon) * std::cos(lat1),
                                    std::cos(lat0) * std::sin(lat1) - std::sin(lat0) * std::cos(lat1) * std::cos(dlon));
  std::printf("W 5 kg: impact at %.3f, %.3f deg, %.0f km downrange, bearing %.2f deg, %.1f m/s after %.0f s\n",
              lat1 / deg, o.impact_longitude / deg, dist * 6371.0, bearing / deg, o.impact_speed, o.end_time);
  EXPECT_GT(dist * 6371.0, 300.0);
  EXPECT_LT(dist * 6371.0, 5000.0);
  EXPECT_NEAR(bearing, az0, 5 * deg);  // the Coriolis and J2 deflection is a few degrees at most
  EXPECT_GT(o.impact_speed, 20.0);
}

TEST(ObjectFlight, AThinHollowShellDemisesHigherThanTheSolidSphereOfItsMass) {
  const double mass = 20.0;
  SpacecraftObject solid = solid_sphere("Al-6061-T6", mass);
  SpacecraftObject shell = solid;
  shell.name = "shell";
  shell.diameter = 0.8;
  const double rho = MaterialDatabase::embedded().material("Al-6061-T6").density;
  // wall t for a shell of this mass: 4/3 pi (R^3 - (R - t)^3) rho = m
  const double r = 0.4;
  shell.wall_thickness = r - std::cbrt(r * r * r - 3.0 * mass / (4.0 * std::numbers::pi * rho));
  ObjectFlightSettings s;
  s.earth = FlightEarth::spherical_nonrotating;
  TreeFlight a = fly_object_tree({solid}, MaterialDatabase::embedded(), spherical_entry(), s);
  TreeFlight b = fly_object_tree({shell}, MaterialDatabase::embedded(), spherical_entry(), s);
  std::printf("Al 20 kg: solid %s %.3f km; shell (wall %.2f mm) %s %.3f km\n", a.objects[0].demised ? "demise" : "survive",
              a.objects[0].demise_altitude / 1e3, shell.wall_thickness * 1e3, b.objects[0].demised ? "demise" : "survive",
              b.objects[0].demise_altitude / 1e3);
  ASSERT_TRUE(b.objects[0].demised);
  EXPECT_GT(b.objects[0].demise_altitude, a.objects[0].demised ? a.objects[0].demise_altitude : 0.0);
}

TEST(ObjectFlight, BadInputIsNamed) {
  EntryState e = entry_state_from(122e3, 7500, -0.1 * deg, 0, 0, 90 * deg);
  SpacecraftObject o = solid_sphere("Iron", 1.0);
  o.material = "Unobtainium";
  try {
    (void)fly_object_tree({o}, MaterialDatabase::embedded(), e);
    FAIL() << "no error";
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("Unobtainium"), std::string::npos) << err.what();
  }
  EntryState low = e;
  low.position *= 0.97;  // 73 km below the surface
  EXPECT_THROW((void)fly_object_tree({solid_sphere("Iron", 1.0)}, MaterialDatabase::embedded(), low), InputError);
  EXPECT_THROW((void)entry_state_from(-1.0, 7500, 0, 0, 0, 0), InputError);
}

// With long steps a thin plate can melt away within one step: a demise, not an error (the size stays finite while
// the step is redone with the predicted end state).
TEST(ObjectFlight, AStepThatMeltsEverythingAtOnceIsADemise) {
  SpacecraftObject foil = make("foil", Shape::flat_plate, "Al-6061-T6", 0.0405);
  foil.length = 0.3, foil.width = 0.1, foil.thickness = 0.0005;
  ObjectFlightSettings s;
  s.max_step = 4.0;
  EntryState e = entry_state_from(95e3, 7500, -0.6 * deg, -30 * deg, -120 * deg, 140 * deg);
  TreeFlight t = fly_object_tree({foil}, MaterialDatabase::embedded(), e, s);
  ASSERT_TRUE(t.objects.at(0).demised);
  EXPECT_GT(t.objects[0].demise_altitude, 80e3);
}

// A light, large object (1 kg in a 10 m box) drifts down for hours at its terminal speed: the terminal descent
// brings it down (without the max_time limit) at sqrt(2 m g / (rho Cd A)) of the ground, Cd Henderson's low-Mach
// sphere value on A_i = S/4. Measured 0.5309 against 0.5302 m/s (0.13 %: the last step's V_t is taken 125 m up).
TEST(ObjectFlight, TerminalDescentLandsAtTheTerminalSpeed) {
  SpacecraftObject box = make("envelope", Shape::box, "Al-6061-T6", 1.0);
  box.length = box.width = box.height = 10.0;
  EntryState e = entry_state_from(95e3, 7500, -0.6 * deg, -30 * deg, -120 * deg, 140 * deg);
  TreeFlight t = fly_object_tree({box}, MaterialDatabase::embedded(), e);
  const ObjectOutcome& o = t.objects.at(0);
  ASSERT_FALSE(o.demised);
  const double g = 3.986004418e14 / o.impact_position.squaredNorm();
  const double cd = sphere_drag_coefficient(0.0);
  const double vt = std::sqrt(2.0 * 1.0 * g / (us_standard_1976(0.0).density * cd * mean_cross_section(box)));
  std::printf("1 kg 10 m box: impact %.4f m/s (sea-level terminal speed %.4f m/s) after %.0f s\n", o.impact_speed, vt,
              o.end_time);
  EXPECT_NEAR(o.impact_speed, vt, 0.003 * vt);
  EXPECT_GT(o.end_time, 7200.0);  // longer than max_time: the terminal descent has no such limit
  EXPECT_LT(o.kinetic_energy, 15.0);
}

}  // namespace
}  // namespace deorbit

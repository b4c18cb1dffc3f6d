// Demise of simple objects against what the published cross-tool comparisons allow us to check
// (docs/validation-demise.md, "Cross-tool comparison"). No retrievable table of demise altitudes from ORSAT, DAS,
// SCARAB, DRAMA-SESAM, SAM, PAMPERO or DEBRISK exists in our sources (the doc lists what was searched), so these
// tests hold the physical checks issue 11 names instead, with the sourced alloys of data/materials.txt: equal
// geometry orders the materials (aluminium demises above titanium, titanium above steel), a thin aluminium plate
// demises high, a body that never reaches its melting temperature survives whole. Spheres by the planar model
// (fly_sphere), every shape by the object-tree flight (fly_object_tree). The figures are regression values of our
// model, measured here.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "deorbit/reentry/demise_trajectory.h"
#include "deorbit/reentry/material.h"
#include "deorbit/reentry/object_flight.h"
#include "deorbit/reentry/spacecraft_object.h"
#include "deorbit/reentry/thermal.h"

namespace deorbit {
namespace {

// The database's material as the thermal model's parameters (c(T) from its table when it has one).
ThermalMaterial thermal(const Material& m) {
  ThermalMaterial t{m.name, m.density, m.melting_temperature, m.heat_of_fusion, m.specific_heat(300.0), {},
                    m.emissivity};
  if (!m.constant_specific_heat()) t.specific_heat_of_t = [&m](double temp) { return m.specific_heat(temp); };
  return t;
}

struct SphereRun {
  std::string material;
  double mass = 0;
  DemiseResult result;
};

// A solid sphere of `diameter` [m] of the named database material, flown from the default entry (122 km,
// -0.1 deg, 7.8 km/s) at 300 K.
SphereRun fly_solid_sphere(const char* material, double diameter) {
  const Material& m = MaterialDatabase::embedded().material(material);
  double mass = m.density * std::numbers::pi / 6.0 * diameter * diameter * diameter;
  SphereRun run{material, mass, fly_sphere(thermal(m), mass, 300.0)};
  std::printf("%-14s D %.2f m, %8.3f kg: %s %.3f km, melt onset %.3f km, max T %.1f K, final mass %.3f kg\n",
              material, diameter, mass, run.result.demised ? "demise" : "survives", run.result.demise_altitude / 1e3,
              run.result.melt_onset_altitude / 1e3, run.result.max_temperature, run.result.final_mass);
  return run;
}

// Equal diameter: aluminium (lightest, lowest melting) demises highest, then titanium (light but melting at
// 1933 K), then stainless steel (heaviest). Measured, not assumed: the order holds at 5 cm and 10 cm.
TEST(DemiseCrossTool, EqualDiameterSpheresAluminiumAboveTitaniumAboveSteel) {
  struct Case {
    double diameter;
    double al, ti, ss;  // measured demise altitudes [m], docs/validation-demise.md
  };
  for (const Case& c : {Case{0.05, 83.592e3, 77.122e3, 72.812e3}, Case{0.10, 77.171e3, 65.948e3, 56.893e3}}) {
    SphereRun al = fly_solid_sphere("Al-6061-T6", c.diameter);
    SphereRun ti = fly_solid_sphere("Ti-6Al-4V", c.diameter);
    SphereRun ss = fly_solid_sphere("Stainless-316", c.diameter);
    ASSERT_TRUE(al.result.demised);
    ASSERT_TRUE(ti.result.demised);
    ASSERT_TRUE(ss.result.demised);
    EXPECT_GT(al.result.demise_altitude, ti.result.demise_altitude);
    EXPECT_GT(ti.result.demise_altitude, ss.result.demise_altitude);
    EXPECT_GT(al.result.melt_onset_altitude, ti.result.melt_onset_altitude);
    EXPECT_GT(ti.result.melt_onset_altitude, ss.result.melt_onset_altitude);
    EXPECT_NEAR(al.result.demise_altitude, c.al, 100.0);
    EXPECT_NEAR(ti.result.demise_altitude, c.ti, 100.0);
    EXPECT_NEAR(ss.result.demise_altitude, c.ss, 100.0);
  }
}

// At 20 cm only the aluminium sphere demises; of the survivors the titanium one keeps the smaller fraction.
TEST(DemiseCrossTool, TwentyCentimetreSpheresOnlyAluminiumDemises) {
  SphereRun al = fly_solid_sphere("Al-6061-T6", 0.20);
  SphereRun ti = fly_solid_sphere("Ti-6Al-4V", 0.20);
  SphereRun ss = fly_solid_sphere("Stainless-316", 0.20);
  ASSERT_TRUE(al.result.demised);
  ASSERT_FALSE(ti.result.demised);
  ASSERT_FALSE(ss.result.demised);
  EXPECT_NEAR(al.result.demise_altitude, 58.815e3, 100.0);
  EXPECT_NEAR(ti.result.final_mass, 0.922, 0.01);
  EXPECT_NEAR(ss.result.final_mass, 5.222, 0.01);
  EXPECT_LT(ti.result.final_mass / ti.mass, ss.result.final_mass / ss.mass);
}

// A massive steel sphere (50 cm, 524 kg) never reaches its 1673 K liquidus: it lands whole.
TEST(DemiseCrossTool, MassiveSteelSphereNeverMeltsAndSurvivesWhole) {
  SphereRun ss = fly_solid_sphere("Stainless-316", 0.50);
  ASSERT_FALSE(ss.result.demised);
  EXPECT_LT(ss.result.melt_onset_altitude, 0.0);
  EXPECT_EQ(ss.result.final_mass, ss.mass);
  EXPECT_NEAR(ss.result.max_temperature, 1328.4, 1.0);  // measured 1328.4 K
  EXPECT_LT(ss.result.max_temperature, 1673.15 - 300.0);
}


// The two sphere models' demise criteria differ (fly_sphere 1e-4 of the mass, fly_object_tree 1e-3): the 10 cm
// aluminium sphere's demise by fly_sphere at the tree's threshold, to split the difference between the two in
// docs/validation-demise.md.
TEST(DemiseCrossTool, PlanarSphereAtTheTreesDemiseThreshold) {
  const Material& m = MaterialDatabase::embedded().material("Al-6061-T6");
  DemiseSettings s;
  s.demise_mass_fraction = 1e-3;
  DemiseResult r = fly_sphere(thermal(m), m.density * std::numbers::pi / 6.0 * 1e-3, 300.0, {}, s);
  std::printf("Al-6061-T6 D 0.10 m, demise below 1e-3 of the mass: %.3f km\n", r.demise_altitude / 1e3);
  ASSERT_TRUE(r.demised);
  EXPECT_NEAR(r.demise_altitude, 77.454e3, 100.0);  // measured 77.454 km (77.171 km below 1e-4)
}

// ---- Any shape: the object-tree flight (object_flight.h) ----

// One object of the named material whose mass is density x material volume (the mass check's centre).
SpacecraftObject object_of(std::string name, Shape shape, const char* material) {
  SpacecraftObject o;
  o.name = std::move(name);
  o.shape = shape;
  o.material = material;
  return o;
}

SpacecraftObject with_mass(SpacecraftObject o) {
  o.mass = MaterialDatabase::embedded().material(o.material).density * material_volume(o);
  return o;
}

SpacecraftObject solid_sphere(const char* material, double diameter) {
  SpacecraftObject o = object_of("sphere", Shape::sphere, material);
  o.diameter = diameter;
  return with_mass(o);
}

SpacecraftObject cylinder(const char* material, double diameter, double length, double wall = 0) {
  SpacecraftObject o = object_of("cylinder", Shape::cylinder, material);
  o.diameter = diameter;
  o.length = length;
  o.wall_thickness = wall;
  return with_mass(o);
}

SpacecraftObject box(const char* material, double length, double width, double height, double wall = 0) {
  SpacecraftObject o = object_of("box", Shape::box, material);
  o.length = length;
  o.width = width;
  o.height = height;
  o.wall_thickness = wall;
  return with_mass(o);
}

SpacecraftObject plate(const char* material, double length, double width, double thickness) {
  SpacecraftObject o = object_of("plate", Shape::flat_plate, material);
  o.length = length;
  o.width = width;
  o.thickness = thickness;
  return with_mass(o);
}

SpacecraftObject hollow_sphere(const char* material, double diameter, double wall) {
  SpacecraftObject o = object_of("hollow sphere", Shape::sphere, material);
  o.diameter = diameter;
  o.wall_thickness = wall;
  return with_mass(o);
}

// ORSAT's natural-decay entry (122 km, -0.1 deg) at 7.8 km/s relative to the rotating Earth, northwards from the
// equator: the Earth's rotation then adds only 14 m/s to the inertial speed, so the flight is close to that of
// fly_sphere (eastwards, 7.8 km/s relative to the ground would be 8.27 km/s inertial, above circular speed).
EntryState default_entry() {
  return entry_state_from(122e3, 7800.0, -0.1 * std::numbers::pi / 180.0, 0.0, 0.0, 0.0);
}

ObjectOutcome fly_alone(const SpacecraftObject& o, const ObjectFlightSettings& settings = {}) {
  TreeFlight f = fly_object_tree({o}, MaterialDatabase::embedded(), default_entry(), settings);
  EXPECT_EQ(f.objects.size(), 1u);
  const ObjectOutcome& r = f.objects.front();
  std::printf("%-14s %-13s %s %8.3f kg: %s %.3f km, melt onset %.3f km, max T %.1f K, final mass %.3f kg\n",
              r.material.c_str(), to_string(r.shape), r.hollow ? "hollow" : "solid ", r.initial_mass,
              r.demised ? "demise" : "survives", r.demise_altitude / 1e3, r.melt_onset_altitude / 1e3,
              r.max_temperature, r.final_mass);
  return r;
}

// A thin aluminium plate demises high: 93-96 km, against 78.5 km for the solid sphere of about the same mass (it
// brakes higher and heats over 25 times the surface per kilogram).
TEST(DemiseCrossTool, ThinAluminiumPlateDemisesHigh) {
  ObjectOutcome big = fly_alone(plate("Al-6061-T6", 0.5, 0.5, 0.002));
  ObjectOutcome small = fly_alone(plate("Al-6061-T6", 0.3, 0.3, 0.001));
  ObjectOutcome ball = fly_alone(solid_sphere("Al-6061-T6", 0.10));
  ASSERT_TRUE(big.demised);
  ASSERT_TRUE(small.demised);
  ASSERT_TRUE(ball.demised);
  // Measured; bound 30 m, three times the largest shift of a demise altitude when the steps are halved (9 m).
  EXPECT_NEAR(big.demise_altitude, 93.353e3, 30.0);
  EXPECT_NEAR(small.demise_altitude, 95.978e3, 30.0);
  EXPECT_NEAR(ball.demise_altitude, 78.526e3, 30.0);
  EXPECT_GT(big.demise_altitude, 90e3);
  EXPECT_GT(small.demise_altitude, big.demise_altitude);
  EXPECT_GT(big.demise_altitude, ball.demise_altitude + 10e3);
}

// Equal geometry, every solid shape: aluminium demises above titanium, titanium above stainless steel, and each
// starts melting higher too.
TEST(DemiseCrossTool, EqualGeometryAluminiumAboveTitaniumAboveSteelForEveryShape) {
  struct Case {
    const char* what;
    SpacecraftObject (*make)(const char*);
    double al, ti, ss;  // measured demise altitudes [m], docs/validation-demise.md
  };
  const Case cases[] = {
      {"sphere 10 cm", [](const char* m) { return solid_sphere(m, 0.10); }, 78.526e3, 67.243e3, 58.332e3},
      {"cylinder 5 x 10 cm", [](const char* m) { return cylinder(m, 0.05, 0.10); }, 83.437e3, 76.552e3, 72.164e3},
      {"cylinder 10 x 30 cm", [](const char* m) { return cylinder(m, 0.10, 0.30); }, 76.106e3, 63.546e3, 54.536e3},
      {"box 10 x 10 x 5 cm", [](const char* m) { return box(m, 0.10, 0.10, 0.05); }, 80.965e3, 70.568e3, 62.028e3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ObjectOutcome al = fly_alone(c.make("Al-6061-T6"));
    ObjectOutcome ti = fly_alone(c.make("Ti-6Al-4V"));
    ObjectOutcome ss = fly_alone(c.make("Stainless-316"));
    ASSERT_TRUE(al.demised && ti.demised && ss.demised);
    EXPECT_GT(al.demise_altitude, ti.demise_altitude);
    EXPECT_GT(ti.demise_altitude, ss.demise_altitude);
    EXPECT_GT(al.melt_onset_altitude, ti.melt_onset_altitude);
    EXPECT_GT(ti.melt_onset_altitude, ss.melt_onset_altitude);
    EXPECT_NEAR(al.demise_altitude, c.al, 30.0);
    EXPECT_NEAR(ti.demise_altitude, c.ti, 30.0);
    EXPECT_NEAR(ss.demise_altitude, c.ss, 30.0);
  }
}

// The same thin plate (50 x 50 cm, 2 mm) and thin shell (50 cm sphere, 2 mm wall) that demise high in aluminium
// never reach the melting temperature in titanium or steel: they brake high and radiate what they receive. They land
// whole.
TEST(DemiseCrossTool, ThinTitaniumAndSteelPlatesAndShellsNeverMelt) {
  ObjectOutcome al_shell = fly_alone(hollow_sphere("Al-6061-T6", 0.5, 0.002));
  ASSERT_TRUE(al_shell.demised);
  EXPECT_NEAR(al_shell.demise_altitude, 94.241e3, 30.0);
  struct Case {
    SpacecraftObject object;
    double max_temperature;  // measured [K]
  };
  const Case cases[] = {{plate("Ti-6Al-4V", 0.5, 0.5, 0.002), 1694.9},
                        {plate("Stainless-316", 0.5, 0.5, 0.002), 1404.4},
                        {hollow_sphere("Ti-6Al-4V", 0.5, 0.002), 1838.7},
                        {hollow_sphere("Stainless-316", 0.5, 0.002), 1520.2}};
  for (const Case& c : cases) {
    ObjectOutcome r = fly_alone(c.object);
    SCOPED_TRACE(r.material + " " + to_string(r.shape));
    const double melting = MaterialDatabase::embedded().material(r.material).melting_temperature;
    EXPECT_FALSE(r.demised);
    EXPECT_LT(r.melt_onset_altitude, 0.0);
    EXPECT_EQ(r.final_mass, r.initial_mass);
    EXPECT_NEAR(r.max_temperature, c.max_temperature, 1.0);
    EXPECT_LT(r.max_temperature, melting);
  }
}

// Larger cylinders: a closed hollow one (30 cm x 60 cm, 3 mm wall, a tank without contents) and a solid one
// (30 cm x 1 m). Aluminium loses the most, steel the least, in each.
TEST(DemiseCrossTool, HollowAndMassiveCylindersKeepMoreInTitaniumAndMoreInSteel) {
  ObjectOutcome al = fly_alone(cylinder("Al-6061-T6", 0.3, 0.6, 0.003));
  ObjectOutcome ti = fly_alone(cylinder("Ti-6Al-4V", 0.3, 0.6, 0.003));
  ObjectOutcome ss = fly_alone(cylinder("Stainless-316", 0.3, 0.6, 0.003));
  ASSERT_TRUE(al.demised);
  EXPECT_NEAR(al.demise_altitude, 93.149e3, 30.0);
  ASSERT_FALSE(ti.demised);
  ASSERT_FALSE(ss.demised);
  // Measured; bound 0.1 kg, twice the largest shift of a surviving mass when the steps are halved (0.043 kg).
  EXPECT_NEAR(ti.final_mass, 5.061, 0.1);
  EXPECT_NEAR(ss.final_mass, 15.170, 0.1);
  EXPECT_LT(ti.final_mass / ti.initial_mass, ss.final_mass / ss.initial_mass);

  ObjectOutcome al_solid = fly_alone(cylinder("Al-6061-T6", 0.3, 1.0));
  ObjectOutcome ti_solid = fly_alone(cylinder("Ti-6Al-4V", 0.3, 1.0));
  ObjectOutcome ss_solid = fly_alone(cylinder("Stainless-316", 0.3, 1.0));
  ASSERT_FALSE(al_solid.demised || ti_solid.demised || ss_solid.demised);
  EXPECT_NEAR(al_solid.final_mass, 8.181, 0.1);
  EXPECT_NEAR(ti_solid.final_mass, 183.288, 0.1);
  EXPECT_NEAR(ss_solid.final_mass, 434.977, 0.1);
  EXPECT_LT(al_solid.final_mass / al_solid.initial_mass, ti_solid.final_mass / ti_solid.initial_mass);
  EXPECT_LT(ti_solid.final_mass / ti_solid.initial_mass, ss_solid.final_mass / ss_solid.initial_mass);
}

// The bounds above against the integration: halving both step limits moves no demise altitude of these objects by
// more than 9 m and no surviving mass by more than 0.043 kg (measured).
TEST(DemiseCrossTool, HalvingTheStepMovesTheseFiguresLittle) {
  ObjectFlightSettings half;
  half.max_step = 0.25;
  half.max_slow_step = 2.0;
  double worst_altitude = 0, worst_mass = 0;
  for (const char* m : {"Al-6061-T6", "Ti-6Al-4V", "Stainless-316"}) {
    for (const SpacecraftObject& o :
         {solid_sphere(m, 0.10), plate(m, 0.5, 0.5, 0.002), plate(m, 0.3, 0.3, 0.001), cylinder(m, 0.05, 0.10),
          cylinder(m, 0.10, 0.30), box(m, 0.10, 0.10, 0.05), hollow_sphere(m, 0.5, 0.002),
          cylinder(m, 0.3, 0.6, 0.003), cylinder(m, 0.3, 1.0)}) {
      ObjectOutcome a = fly_alone(o), b = fly_alone(o, half);
      ASSERT_EQ(a.demised, b.demised);
      if (a.demised) worst_altitude = std::max(worst_altitude, std::abs(a.demise_altitude - b.demise_altitude));
      worst_mass = std::max(worst_mass, std::abs(a.final_mass - b.final_mass));
    }
  }
  std::printf("halved steps: largest change of a demise altitude %.1f m, of a surviving mass %.4f kg\n",
              worst_altitude, worst_mass);
  EXPECT_LT(worst_altitude, 15.0);
  EXPECT_LT(worst_mass, 0.07);
}

}  // namespace
}  // namespace deorbit

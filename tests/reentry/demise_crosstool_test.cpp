// Demise of simple objects against what the published cross-tool comparisons allow us to check
// (docs/validation-demise.md, "Cross-tool comparison"). No retrievable table of demise altitudes from ORSAT, DAS,
// SCARAB, DRAMA-SESAM, SAM, PAMPERO or DEBRISK exists in our sources (the doc lists what was searched), so these
// tests hold the physical checks issue 11 names instead, with the sourced alloys of data/materials.txt: equal
// geometry orders the materials (aluminium demises above titanium, titanium above steel), a body that never
// reaches its melting temperature survives whole. The figures are regression values of our model, measured here.
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/reentry/demise_trajectory.h"
#include "deorbit/reentry/material.h"
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

}  // namespace
}  // namespace deorbit

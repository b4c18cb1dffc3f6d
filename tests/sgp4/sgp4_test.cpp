// Behaviour of the Sgp4 class around the verified theory: refusals, decay, flags, options, thread safety.
// Element sets are taken from the SGP4 verification set (Vallado et al., AIAA 2006-6753), see
// tests/data/sgp4/PROVENANCE.md.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "deorbit/base/error.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

MeanElements elements(std::string_view line1, std::string_view line2) {
  return parse_tle(line1.substr(0, 69), line2.substr(0, 69), "", "test", 1, false);
}

// Near-Earth (00005, TEME example of the paper), a decaying one (28872), one that stops on its mean eccentricity
// (22312), a 12-hour resonant Molniya (08195) and a geosynchronous one (25954).
const char* k5_1 = "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753";
const char* k5_2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";
const char* k28872_1 = "1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534";
const char* k28872_2 = "2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708";
const char* k22312_1 = "1 22312U 93002D   06094.46235912  .99999999  81888-5  49949-3 0  3953";
const char* k22312_2 = "2 22312  62.1486  77.4698 0308723 267.9229  88.7392 15.95744531 98783";
const char* k8195_1 = "1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813";
const char* k8195_2 = "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656";
const char* k25954_1 = "1 25954U 99060A   04039.68057285 -.00000108  00000-0  00000-0 0  6847";
const char* k25954_2 = "2 25954   0.0004 243.8136 0001765  15.5294  22.7134  1.00271289 15615";

TEST(Sgp4, RefusesSgp4XpElementSets) {
  // The 2025 copy of the verification set adds 20413 with ephemeris type 4 (SGP4-XP), which SGP4 must refuse.
  std::ifstream in(testing::test_data("sgp4/SGP4-VER_vallado-2025.TLE"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  int found = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].rfind("1 20413", 0) != 0 || lines[i].size() < 63 || lines[i][62] != '4') continue;
    ++found;
    const MeanElements el = elements(lines[i], lines[i + 1]);
    ASSERT_EQ(el.ephemeris_type, 4);
    try {
      const Sgp4 sat(el);
      FAIL() << "an SGP4-XP element set was accepted";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("20413"), std::string::npos) << what;
      EXPECT_NE(what.find("SGP4-XP (ephemeris type 4)"), std::string::npos) << what;
      EXPECT_NE(what.find("SGP4 cannot propagate it"), std::string::npos) << what;
    }
    // The same elements as type 0 are an ordinary deep-space set.
    MeanElements as_sgp4 = el;
    as_sgp4.ephemeris_type = 0;
    EXPECT_TRUE(Sgp4(as_sgp4).propagate(1440.0).ok());
  }
  EXPECT_EQ(found, 1);
}

TEST(Sgp4, DecayIsAStatusWithTheEpochInTheMessage) {
  const Sgp4 sat(elements(k28872_1, k28872_2));
  const Sgp4State before = sat.propagate(50.0);
  EXPECT_TRUE(before.ok());
  EXPECT_TRUE(before.message.empty());

  const Sgp4State s = sat.propagate(55.0);
  EXPECT_EQ(s.status, Sgp4Status::Decayed);
  EXPECT_EQ(to_string(s.status), "decayed");
  // Epoch 2005-11-29T00:28:58.939 UTC (day 333.02012661) plus 55 min.
  EXPECT_EQ(s.epoch.iso(TimeScale::UTC, 3), "2005-11-29T01:23:58.939");
  EXPECT_NE(s.message.find("satellite decayed: radius below one Earth radius at 2005-11-29T01:23:58.939Z"),
            std::string::npos)
      << s.message;
  // For Decayed, r and v are what SGP4 computed: a position inside the Earth.
  EXPECT_TRUE(s.r.allFinite());
  EXPECT_TRUE(s.v.allFinite());
  EXPECT_LT(s.r.norm(), 6378135.0);

  // The same through at().
  const Sgp4State t = sat.at(sat.epoch() + 55.0 * 60.0);
  EXPECT_EQ(t.status, Sgp4Status::Decayed);
  EXPECT_EQ(t.message, s.message);
}

TEST(Sgp4, OtherErrorsLeaveNoState) {
  const Sgp4 sat(elements(k22312_1, k22312_2));
  const Sgp4State s = sat.propagate(494.2028672);
  EXPECT_EQ(s.status, Sgp4Status::MeanEccentricityOutOfRange);
  EXPECT_NE(s.message.find("mean eccentricity"), std::string::npos) << s.message;
  EXPECT_NE(s.message.find("2006-04-04T19:20:00.000Z"), std::string::npos) << s.message;
  EXPECT_TRUE(s.r.array().isNaN().all());
  EXPECT_TRUE(s.v.array().isNaN().all());
}

TEST(Sgp4, FlagsStatesFarFromEpoch) {
  const Sgp4 sat(elements(k5_1, k5_2));
  const double day = 1440.0;
  EXPECT_FALSE(sat.propagate(0.0).far_from_epoch);
  EXPECT_FALSE(sat.propagate(29.9 * day).far_from_epoch);
  EXPECT_FALSE(sat.propagate(-29.9 * day).far_from_epoch);
  EXPECT_TRUE(sat.propagate(30.1 * day).far_from_epoch);
  EXPECT_TRUE(sat.propagate(-30.1 * day).far_from_epoch);
  EXPECT_TRUE(sat.at(sat.epoch() + 31.0 * 86400.0).far_from_epoch);
  EXPECT_TRUE(sat.propagate(30.1 * day).ok());  // a flag, not an error

  Sgp4Options tight;
  tight.far_from_epoch = 3600.0;
  const Sgp4 sat2(elements(k5_1, k5_2), tight);
  EXPECT_FALSE(sat2.propagate(59.0).far_from_epoch);
  EXPECT_TRUE(sat2.propagate(61.0).far_from_epoch);
}

TEST(Sgp4, AtAndPropagateAgree) {
  const Sgp4 sat(elements(k8195_1, k8195_2));
  const Sgp4State a = sat.at(sat.epoch() + 5400.0);
  const Sgp4State b = sat.propagate(90.0);
  EXPECT_EQ(a.r, b.r);
  EXPECT_EQ(a.v, b.v);
  EXPECT_EQ(a.epoch, b.epoch);
  EXPECT_EQ(sat.at(sat.epoch()).r, sat.propagate(0.0).r);
  EXPECT_TRUE(sat.deep_space());
  EXPECT_EQ(sat.record().resonance, 2);
  EXPECT_FALSE(Sgp4(elements(k5_1, k5_2)).deep_space());
}

TEST(Sgp4, PaperTemeExampleInSiUnits) {
  // tcppver.out, case 5 at t = 0: 7022.46529266 -1400.08296755 0.03995155 km, 1.893841015 6.405893759
  // 4.534807250 km/s.
  const Sgp4State s = Sgp4(elements(k5_1, k5_2)).propagate(0.0);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s.r.x(), 7022465.29266, 1e-3);
  EXPECT_NEAR(s.r.y(), -1400082.96755, 1e-3);
  EXPECT_NEAR(s.r.z(), 39.95155, 1e-3);
  EXPECT_NEAR(s.v.x(), 1893.841015, 1e-3);
  EXPECT_NEAR(s.v.y(), 6405.893759, 1e-3);
  EXPECT_NEAR(s.v.z(), 4534.807250, 1e-3);
}

TEST(Sgp4, OrderOfCallsDoesNotMatterForTheResonanceIntegrator) {
  // The reference keeps integrator state between calls; ours recomputes from epoch: any order gives one answer.
  for (const auto& [l1, l2] : {std::pair{k8195_1, k8195_2}, std::pair{k25954_1, k25954_2}}) {
    const Sgp4 sat(elements(l1, l2));
    const std::vector<double> times{2880.0, -1440.0, 10000.0, 720.0, 10000.0, -5000.0, 0.0, 2880.0};
    std::vector<Sgp4State> first;
    for (double t : times) first.push_back(sat.propagate(t));
    const Sgp4 fresh(elements(l1, l2));
    for (std::size_t i = 0; i < times.size(); ++i) {
      const Sgp4State s = fresh.propagate(times[times.size() - 1 - i]);
      EXPECT_EQ(s.r, first[times.size() - 1 - i].r);
      EXPECT_EQ(s.v, first[times.size() - 1 - i].v);
    }
  }
}

TEST(Sgp4, ThreadSafe) {
  const Sgp4 sat(elements(k8195_1, k8195_2));
  std::vector<double> times;
  for (int i = 0; i < 400; ++i) times.push_back(-20000.0 + 100.0 * i);
  std::vector<Vec3> serial;
  for (double t : times) serial.push_back(sat.propagate(t).r);
  std::vector<std::vector<Vec3>> parallel(4, std::vector<Vec3>(times.size()));
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < parallel.size(); ++k) {
    threads.emplace_back([&, k] {
      for (std::size_t i = 0; i < times.size(); ++i) {
        constexpr std::size_t strides[] = {7, 11, 13, 17};  // coprime with 400: each thread its own order
        const std::size_t j = (i * strides[k] + 31 * k) % times.size();
        parallel[k][j] = sat.propagate(times[j]).r;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& p : parallel) {
    for (std::size_t i = 0; i < times.size(); ++i) EXPECT_EQ(p[i], serial[i]) << "t = " << times[i];
  }
}

TEST(Sgp4, GravityModelsAndOperationModes) {
  for (const auto& [l1, l2] : {std::pair{k5_1, k5_2}, std::pair{k8195_1, k8195_2}, std::pair{k25954_1, k25954_2}}) {
    const MeanElements el = elements(l1, l2);
    const Sgp4State ref = Sgp4(el).propagate(1440.0);
    ASSERT_TRUE(ref.ok());
    for (Sgp4Gravity g : {Sgp4Gravity::Wgs72Old, Sgp4Gravity::Wgs72, Sgp4Gravity::Wgs84}) {
      for (Sgp4OpsMode m : {Sgp4OpsMode::Improved, Sgp4OpsMode::Afspc}) {
        Sgp4Options o;
        o.gravity = g;
        o.mode = m;
        const Sgp4State s = Sgp4(el, o).propagate(1440.0);
        ASSERT_TRUE(s.ok());
        // Same theory, slightly different constants: close to the standard after a day (km level at most).
        EXPECT_LT((s.r - ref.r).norm(), 5000.0);
        if (g == Sgp4Gravity::Wgs84) {
          EXPECT_GT((s.r - ref.r).norm(), 1.0);
        }
      }
    }
  }
  EXPECT_NEAR(sgp4_gravity_constants(Sgp4Gravity::Wgs72).xke, 0.07436691613317, 1e-13);
  EXPECT_EQ(sgp4_gravity_constants(Sgp4Gravity::Wgs72Old).xke, 0.0743669161);
}

TEST(Sgp4, RefusesElementsOutOfRange) {
  MeanElements el = elements(k5_1, k5_2);
  el.eccentricity = 1.0;
  EXPECT_THROW(Sgp4{el}, InputError);
  el = elements(k5_1, k5_2);
  el.mean_motion = 0.0;
  EXPECT_THROW(Sgp4{el}, InputError);
  el = elements(k5_1, k5_2);
  el.inclination = std::nan("");
  EXPECT_THROW(Sgp4{el}, InputError);
}

TEST(Sgp4, StatusNames) {
  EXPECT_EQ(to_string(Sgp4Status::Ok), "ok");
  EXPECT_EQ(static_cast<int>(Sgp4Status::SemiLatusRectumNegative), 4);
  EXPECT_EQ(static_cast<int>(Sgp4Status::Decayed), 6);
  EXPECT_EQ(to_string(Sgp4Status::PerturbedEccentricityOutOfRange), "perturbed eccentricity out of range");
}

}  // namespace
}  // namespace deorbit

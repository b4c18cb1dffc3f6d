// The batch propagator (sgp4_batch.h) against the one-satellite path (Sgp4::at), state by state: over the whole
// 2025-10-03 active catalogue at instants from a day before to a week after its latest epoch, and over the Vallado
// verification set at the times tcppver.out lists (including the cases that end in an SGP4 error). Every kernel
// this CPU can run is checked (AVX-512, AVX2, scalar). Statuses must be equal; positions within 1e-5 m and velocities
// within 1e-8 m/s (the figures reached are printed, and recorded in docs/validation-sgp4.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "deorbit/base/error.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4_batch.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

constexpr double kTolPosition = 1.0e-5;  // [m]
constexpr double kTolVelocity = 1.0e-8;  // [m/s]

struct Differences {
  double dr = 0, dv = 0;     // [m], [m/s] largest component differences
  double dr_rel = 0;         // [-] largest |dr| / |r|
  std::string dr_where;
  std::size_t compared = 0, not_ok = 0;
};

// Compares every state of a batch result with Sgp4::at; adds to d.
void compare(const Sgp4Batch& batch, const std::vector<Epoch>& times, const Sgp4Ephemerides<double>& e,
             Differences& d) {
  for (std::size_t s = 0; s < batch.size(); ++s) {
    const Sgp4& sat = batch.satellite(s);
    for (std::size_t j = 0; j < times.size(); ++j) {
      const Sgp4State ref = sat.at(times[j]);
      const std::size_t i = e.index(s, j);
      ASSERT_EQ(e.status[i], ref.status) << "satellite " << sat.elements().object.name << " at "
                                         << times[j].iso() << ": " << ref.message;
      if (!ref.ok()) {
        ++d.not_ok;
        EXPECT_TRUE(std::isnan(e.x[i]) && std::isnan(e.vz[i])) << "a state that is not Ok must hold NaN";
        continue;
      }
      const double r[3] = {e.x[i], e.y[i], e.z[i]};
      const double v[3] = {e.vx[i], e.vy[i], e.vz[i]};
      for (int k = 0; k < 3; ++k) {
        const double dr = std::fabs(r[k] - ref.r[k]);
        const double dv = std::fabs(v[k] - ref.v[k]);
        if (dr > d.dr) {
          d.dr = dr;
          d.dr_where = std::to_string(sat.elements().object.catalogue_number.value_or(0)) + " at " +
                       std::to_string((times[j] - sat.epoch()) / 60.0) + " min";
        }
        d.dv = std::max(d.dv, dv);
        d.dr_rel = std::max(d.dr_rel, dr / ref.r.norm());
        ASSERT_LT(dr, kTolPosition) << sat.elements().object.name << " at " << times[j].iso() << " axis " << k;
        ASSERT_LT(dv, kTolVelocity) << sat.elements().object.name << " at " << times[j].iso() << " axis " << k;
      }
      ++d.compared;
    }
  }
}

std::vector<Sgp4Simd> kernels_here() {
  std::vector<Sgp4Simd> out;
  for (Sgp4Simd s : {Sgp4Simd::Avx512, Sgp4Simd::Avx2, Sgp4Simd::Scalar})
    if (sgp4_simd_supported(s)) out.push_back(s);
  return out;
}

void print(const std::string& what, Sgp4Simd simd, const Differences& d) {
  std::cout << std::scientific;
  std::cout.precision(3);
  std::cout << what << " [" << to_string(simd) << "]: " << d.compared << " states compared (" << d.not_ok
            << " not Ok, same status), largest differences " << d.dr << " m (" << d.dr_where << "), "
            << d.dv << " m/s, relative " << d.dr_rel << "\n"
            << std::defaultfloat;
}

const std::vector<MeanElements>& catalogue() {
  static const std::vector<MeanElements> sets =
      read_tle_file(testing::test_data("tle/active_2025-10-03_sample.tle"), {.strict = true}).records;
  return sets;
}

Epoch latest_epoch(const std::vector<MeanElements>& sets) {
  Epoch latest = sets.front().epoch;
  for (const auto& e : sets) latest = std::max(latest, e.epoch);
  return latest;
}

TEST(Sgp4Batch, ActiveCatalogueSampleEqualsTheOneSatellitePath) {
  const auto& sets = catalogue();  // every 16th object of the 2025-10-03 active catalogue (tests/data/tle)
  ASSERT_EQ(sets.size(), 804u);
  const Sgp4Batch batch(sets);
  EXPECT_TRUE(batch.rejected().empty());
  ASSERT_EQ(batch.size(), sets.size());
  std::cout << "active catalogue: " << batch.size() << " satellites, " << batch.deep_space_count()
            << " deep space (" << 100.0 * static_cast<double>(batch.deep_space_count()) / static_cast<double>(batch.size())
            << " %)\n";

  // 37 instants (not a multiple of 8 or 4: the last vector is partial) from -1 d to +7 d around the latest epoch,
  // with odd fractions of a second.
  const Epoch t0 = latest_epoch(sets);
  std::vector<Epoch> times;
  for (int k = 0; k < 37; ++k) times.push_back(t0 + (-86400.0 + k * 16800.0 + 0.123456789 * k));

  for (Sgp4Simd simd : kernels_here()) {
    const auto e = batch.propagate(times, {.threads = 0, .simd = simd});
    Differences d;
    compare(batch, times, e, d);
    print("active catalogue", simd, d);
    EXPECT_GT(d.compared, 29000u);  // 804 x 37 = 29,748 (object, instant) pairs, less those SGP4 refuses
  }
}

TEST(Sgp4Batch, ConsecutiveMinutesOverADay) {
  // The benchmark's sweep shape (one-minute steps) on 402 objects, every other one of the catalogue sample.
  const auto& all = catalogue();
  std::vector<MeanElements> sets;
  for (std::size_t i = 0; i < all.size(); i += 2) sets.push_back(all[i]);
  const Sgp4Batch batch(sets);
  const Epoch t0 = latest_epoch(all);
  std::vector<Epoch> times;
  for (int k = 0; k < 1440; ++k) times.push_back(t0 + 60.0 * k);
  for (Sgp4Simd simd : kernels_here()) {
    const auto e = batch.propagate(times, {.threads = 2, .simd = simd});
    Differences d;
    compare(batch, times, e, d);
    print("one-minute sweep", simd, d);
  }
}

// The verification set: line 2 carries start, stop and step [min] after column 69.
TEST(Sgp4Batch, ValladoVerificationSetEqualsTheOneSatellitePath) {
  std::ifstream in(testing::test_data("sgp4/SGP4-VER.TLE"));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
  }
  struct Case {
    MeanElements el;
    std::vector<double> minutes;
  };
  std::vector<Case> cases;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].rfind("1 ", 0) != 0 || lines[i + 1].rfind("2 ", 0) != 0) continue;
    Case c{parse_tle(lines[i].substr(0, 69), lines[i + 1].substr(0, 69), "", "SGP4-VER.TLE", static_cast<int>(i) + 1,
                     false),
           {0.0}};
    double start = 0, stop = 0, step = 0;
    std::istringstream(lines[i + 1].substr(69)) >> start >> stop >> step;
    double t = start;
    if (std::fabs(t) > 1.0e-8) t -= step;
    while (t < stop) {
      t += step;
      c.minutes.push_back(std::min(t, stop));
    }
    // And past the reference's last time, so that every error case also shows its later states.
    c.minutes.push_back(stop + 1440.0);
    cases.push_back(c);
    ++i;
  }
  ASSERT_EQ(cases.size(), 33u);

  std::vector<MeanElements> all;
  for (const auto& c : cases) all.push_back(c.el);
  const Sgp4Batch whole(all);
  // The element sets that Sgp4 refuses are the batch's rejected ones (two in this set).
  EXPECT_EQ(whole.rejected().size() + whole.size(), cases.size());
  for (const auto& r : whole.rejected()) EXPECT_THROW(Sgp4{cases[r.input_index].el}, InputError);
  std::cout << "verification set: " << whole.size() << " satellites, " << whole.rejected().size() << " refused\n";

  for (Sgp4Simd simd : kernels_here()) {
    Differences d;
    std::size_t errors = 0;
    for (const auto& c : cases) {
      const std::vector<MeanElements> one{c.el};
      const Sgp4Batch batch(one);
      if (batch.size() == 0) continue;
      std::vector<Epoch> times;
      for (double m : c.minutes) times.push_back(c.el.epoch + m * 60.0);
      const auto e = batch.propagate(times, {.threads = 1, .simd = simd});
      compare(batch, times, e, d);
      errors += static_cast<std::size_t>(std::count_if(e.status.begin(), e.status.end(),
                                                       [](Sgp4Status s) { return s != Sgp4Status::Ok; }));
    }
    print("verification set", simd, d);
    EXPECT_GT(d.not_ok, 0u);
    EXPECT_EQ(errors, d.not_ok);
  }
}

TEST(Sgp4Batch, ThreadsSlicesAndFloatGiveTheSameNumbers) {
  const auto& all = catalogue();
  std::vector<MeanElements> sets(all.begin(), all.begin() + 300);
  sets.insert(sets.end(), all.end() - 300, all.end());
  const Sgp4Batch batch(sets);
  const Epoch t0 = latest_epoch(all);
  std::vector<Epoch> times;
  for (int k = 0; k < 101; ++k) times.push_back(t0 + 97.0 * k);

  const auto one = batch.propagate(times, {.threads = 1});
  const auto many = batch.propagate(times, {.threads = 3});
  EXPECT_EQ(one.status, many.status);
  for (std::size_t i = 0; i < one.x.size(); ++i) {
    if (one.status[i] != Sgp4Status::Ok) continue;
    ASSERT_EQ(one.x[i], many.x[i]);
    ASSERT_EQ(one.vz[i], many.vz[i]);
  }

  // A slice of rows into caller arrays.
  const std::size_t first = 250, count = 100, n = times.size();
  std::vector<double> x(count * n), y(count * n), z(count * n), vx(count * n), vy(count * n), vz(count * n);
  std::vector<Sgp4Status> status(count * n);
  batch.propagate(times, first, count,
                  Sgp4BatchArrays<double>{x.data(), y.data(), z.data(), vx.data(), vy.data(), vz.data(),
                                          status.data()});
  for (std::size_t r = 0; r < count; ++r) {
    for (std::size_t j = 0; j < n; ++j) {
      ASSERT_EQ(status[r * n + j], one.status[one.index(first + r, j)]);
      if (status[r * n + j] == Sgp4Status::Ok) {
        ASSERT_EQ(y[r * n + j], one.y[one.index(first + r, j)]);
      }
    }
  }
  EXPECT_THROW(batch.propagate(times, 550, 51, Sgp4BatchArrays<double>{x.data(), y.data(), z.data(), vx.data(),
                                                                      vy.data(), vz.data(), status.data()}),
               InputError);

  // Float output is the double output rounded once.
  const auto f = batch.propagate_float(times, {.threads = 2});
  EXPECT_EQ(f.status, one.status);
  for (std::size_t i = 0; i < one.x.size(); ++i) {
    if (one.status[i] != Sgp4Status::Ok) continue;
    ASSERT_EQ(f.x[i], static_cast<float>(one.x[i]));
    ASSERT_EQ(f.vy[i], static_cast<float>(one.vy[i]));
  }
}

TEST(Sgp4Batch, RejectsWhatSgp4RefusesAndKeepsTheRest) {
  const auto& all = catalogue();
  std::vector<MeanElements> sets{all[0], all[1], all[2]};
  sets[1].ephemeris_type = 4;  // SGP4-XP
  const Sgp4Batch batch(sets);
  ASSERT_EQ(batch.size(), 2u);
  ASSERT_EQ(batch.rejected().size(), 1u);
  EXPECT_EQ(batch.rejected()[0].input_index, 1u);
  EXPECT_NE(batch.rejected()[0].message.find("SGP4-XP"), std::string::npos);
  EXPECT_EQ(batch.input_index(1), 2u);
  // No instants, no rows: nothing to do, no error.
  const auto e = batch.propagate(std::vector<Epoch>{});
  EXPECT_EQ(e.x.size(), 0u);
}

TEST(Sgp4Batch, DecayIsAStatusPerState) {
  // The ISS with a thousand times its drag: decays within days; the states after say so, and hold NaN.
  const auto& all = catalogue();
  auto iss = std::find_if(all.begin(), all.end(), [](const MeanElements& m) { return m.object.catalogue_number == 25544u; });
  ASSERT_NE(iss, all.end());
  MeanElements el = *iss;
  el.bstar *= 1000.0;
  const std::vector<MeanElements> sets{el};
  const Sgp4Batch batch(sets);
  ASSERT_EQ(batch.size(), 1u);
  std::vector<Epoch> times;
  for (int k = 0; k < 300; ++k) times.push_back(el.epoch + 3600.0 * k);
  for (Sgp4Simd simd : kernels_here()) {
    const auto e = batch.propagate(times, {.simd = simd});
    EXPECT_EQ(e.status.front(), Sgp4Status::Ok);
    EXPECT_NE(e.status.back(), Sgp4Status::Ok) << to_string(simd);
    Differences d;
    compare(batch, times, e, d);
    EXPECT_GT(d.not_ok, 0u);
  }
}

TEST(Sgp4Batch, ErrorsPersistAfterTheFirstOneIfAsked) {
  // Verification case 28872: below the surface at 55 min; SGP4 alone computes states again from 75 min on.
  std::ifstream in(testing::test_data("sgp4/SGP4-VER.TLE"));
  std::vector<std::string> l;
  for (std::string s; std::getline(in, s);) l.push_back(s);
  std::vector<MeanElements> sets;
  for (std::size_t i = 0; i + 1 < l.size(); ++i) {
    if (l[i].rfind("1 28872", 0) == 0)
      sets.push_back(parse_tle(l[i].substr(0, 69), l[i + 1].substr(0, 69), "", "SGP4-VER.TLE", 1, false));
  }
  ASSERT_EQ(sets.size(), 1u);
  const Sgp4Batch batch(sets);
  std::vector<Epoch> times;
  for (int k = -4; k <= 24; ++k) times.push_back(sets[0].epoch + 300.0 * k);
  for (Sgp4Simd simd : kernels_here()) {
    const auto pure = batch.propagate(times, {.simd = simd});
    const auto persist = batch.propagate(times, {.simd = simd, .errors_persist = true});
    int back_to_life = 0;
    for (std::size_t j = 0; j < times.size(); ++j) {
      const double minutes = (times[j] - sets[0].epoch) / 60.0;
      if (minutes < 55.0) {
        EXPECT_EQ(persist.status[j], pure.status[j]) << minutes;  // before epoch: each instant alone
        if (minutes >= 0.0) {
          EXPECT_EQ(persist.status[j], Sgp4Status::Ok) << minutes;
        }
      } else {
        EXPECT_EQ(persist.status[j], Sgp4Status::Decayed) << minutes;
        EXPECT_TRUE(std::isnan(persist.x[j]));
        back_to_life += pure.status[j] == Sgp4Status::Ok;
      }
    }
    EXPECT_GT(back_to_life, 0) << "the theory alone does not keep the object decayed";
  }
}

TEST(Sgp4Batch, DispatchNames) {
  EXPECT_EQ(to_string(Sgp4Simd::Avx512), "avx512");
  EXPECT_NE(sgp4_best_simd(), Sgp4Simd::Auto);
  EXPECT_TRUE(sgp4_simd_supported(Sgp4Simd::Scalar));
  std::cout << "best kernel on this CPU: " << to_string(sgp4_best_simd()) << "\n";
}

}  // namespace
}  // namespace deorbit

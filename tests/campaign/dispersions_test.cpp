// The counter-based generator (counter_rng.h) and the sampling of a run's inputs (dispersions.h): reproducibility
// of every draw from (seed, run, stream) alone, the moments of the draws against their distributions (bounds are
// 5 standard errors of each estimator at the sample size used), and the importance-sampling log weights against a
// likelihood ratio computed here from the Gaussian densities.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/campaign/counter_rng.h"
#include "deorbit/campaign/dispersions.h"

namespace deorbit {
namespace {

using constants::deg;

// Sample moments of a list of values.
struct Moments {
  double mean = 0, variance = 0, kurtosis = 0;  // kurtosis: m4 / m2^2 (3 for a normal distribution)
};

Moments moments(const std::vector<double>& x) {
  Moments m;
  const double n = static_cast<double>(x.size());
  for (double v : x) m.mean += v;
  m.mean /= n;
  double m2 = 0, m4 = 0;
  for (double v : x) {
    const double d2 = (v - m.mean) * (v - m.mean);
    m2 += d2;
    m4 += d2 * d2;
  }
  m.variance = m2 / (n - 1);
  m.kurtosis = (m4 / n) / ((m2 / n) * (m2 / n));
  return m;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const Moments ma = moments(a), mb = moments(b);
  double c = 0;
  for (std::size_t i = 0; i < a.size(); ++i) c += (a[i] - ma.mean) * (b[i] - mb.mean);
  return c / static_cast<double>(a.size() - 1) / std::sqrt(ma.variance * mb.variance);
}

std::vector<double> draws(std::uint64_t seed, std::uint64_t run, std::uint64_t stream, int n, bool normal) {
  CounterRng g(seed, run, stream);
  std::vector<double> out(static_cast<std::size_t>(n));
  for (double& v : out) v = normal ? g.normal() : g.uniform();
  return out;
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// ---------------------------------------------------------------------------------------------------------------
// CounterRng

TEST(CounterRng, SameKeyGivesTheSameSequenceAnyOtherKeyAnother) {
  const auto a = draws(42, 7, 3, 64, false), b = draws(42, 7, 3, 64, false);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(same_bits(a[i], b[i])) << i;
  // One key component changed: no draw of the first 64 coincides (a coincidence has probability ~64 * 2^-53).
  for (const auto& other : {draws(43, 7, 3, 64, false), draws(42, 8, 3, 64, false), draws(42, 7, 4, 64, false)}) {
    int equal = 0;
    for (std::size_t i = 0; i < a.size(); ++i) equal += a[i] == other[i];
    EXPECT_EQ(equal, 0);
  }
  // Normals too (Box-Muller keeps a spare: the pairing must not depend on anything but the key).
  const auto na = draws(42, 7, 3, 33, true), nb = draws(42, 7, 3, 33, true);
  for (std::size_t i = 0; i < na.size(); ++i) EXPECT_TRUE(same_bits(na[i], nb[i])) << i;
}

TEST(CounterRng, UniformMomentsAndOpenInterval) {
  constexpr int n = 400000;
  const auto u = draws(1, 0, 1, n, false);
  double lo = 1, hi = 0;
  for (double v : u) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_GT(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  const Moments m = moments(u);
  // Standard errors: mean sqrt(1/12 / n); variance sqrt((mu4 - sigma^4) / n) with mu4 = 1/80, sigma^4 = 1/144.
  const double se_mean = std::sqrt(1.0 / 12 / n), se_var = std::sqrt((1.0 / 80 - 1.0 / 144) / n);
  std::printf("uniform: mean %.6f (%.2f se), variance %.7f (%.2f se), min %.3g, max 1-%.3g\n", m.mean,
              (m.mean - 0.5) / se_mean, m.variance, (m.variance - 1.0 / 12) / se_var, lo, 1 - hi);
  EXPECT_NEAR(m.mean, 0.5, 5 * se_mean);
  EXPECT_NEAR(m.variance, 1.0 / 12, 5 * se_var);
  // Successive draws uncorrelated (standard error of a correlation 1/sqrt(n)).
  std::vector<double> a(u.begin(), u.end() - 1), b(u.begin() + 1, u.end());
  EXPECT_NEAR(correlation(a, b), 0.0, 5 / std::sqrt(n - 1.0));
  // Two streams of one run uncorrelated.
  EXPECT_NEAR(correlation(u, draws(1, 0, 2, n, false)), 0.0, 5 / std::sqrt(double(n)));
  // Quarter bins: counts binomial(n, 1/4).
  int bins[4]{};
  for (double v : u) ++bins[static_cast<int>(v * 4)];
  for (int c : bins) EXPECT_NEAR(c, n / 4.0, 5 * std::sqrt(n * 0.25 * 0.75));
}

TEST(CounterRng, NormalMoments) {
  constexpr int n = 400000;
  const Moments m = moments(draws(9, 123, 5, n, true));
  // Standard errors for N(0, 1): mean 1/sqrt(n), variance sqrt(2/n), kurtosis sqrt(24/n).
  std::printf("normal: mean %.5f (%.2f se), variance %.5f (%.2f se), kurtosis %.4f (%.2f se)\n", m.mean,
              m.mean * std::sqrt(n), m.variance, (m.variance - 1) / std::sqrt(2.0 / n), m.kurtosis,
              (m.kurtosis - 3) / std::sqrt(24.0 / n));
  EXPECT_NEAR(m.mean, 0.0, 5 / std::sqrt(double(n)));
  EXPECT_NEAR(m.variance, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(m.kurtosis, 3.0, 5 * std::sqrt(24.0 / n));
  // The two values of a Box-Muller pair are independent: consecutive draws uncorrelated.
  const auto z = draws(9, 123, 5, n, true);
  std::vector<double> even, odd;
  for (std::size_t i = 0; i + 1 < z.size(); i += 2) {
    even.push_back(z[i]);
    odd.push_back(z[i + 1]);
  }
  EXPECT_NEAR(correlation(even, odd), 0.0, 5 / std::sqrt(n / 2.0));
  std::vector<double> even2, odd2;  // ... and their squares (a correlation Box-Muller would show if misused)
  for (std::size_t i = 0; i < even.size(); ++i) {
    even2.push_back(even[i] * even[i]);
    odd2.push_back(odd[i] * odd[i]);
  }
  EXPECT_NEAR(correlation(even2, odd2), 0.0, 5 / std::sqrt(n / 2.0));
}

// ---------------------------------------------------------------------------------------------------------------
// sample_inputs

void expect_same(const SampledInputs& a, const SampledInputs& b) {
  EXPECT_EQ(a.run, b.run);
  const double sa[] = {a.delta_v_factor, a.burn_pitch, a.burn_yaw, a.ignition_offset, a.thrust_factor,
                       a.isp_factor, a.engine_out_fraction, a.density_scale, a.f107_factor, a.ap_factor,
                       a.position_rtn[0], a.position_rtn[1], a.position_rtn[2], a.velocity_rtn[0], a.velocity_rtn[1],
                       a.velocity_rtn[2], a.breakup_altitude, a.release_shift, a.drag_factor, a.log_weight};
  const double sb[] = {b.delta_v_factor, b.burn_pitch, b.burn_yaw, b.ignition_offset, b.thrust_factor,
                       b.isp_factor, b.engine_out_fraction, b.density_scale, b.f107_factor, b.ap_factor,
                       b.position_rtn[0], b.position_rtn[1], b.position_rtn[2], b.velocity_rtn[0], b.velocity_rtn[1],
                       b.velocity_rtn[2], b.breakup_altitude, b.release_shift, b.drag_factor, b.log_weight};
  for (std::size_t i = 0; i < std::size(sa); ++i) EXPECT_TRUE(same_bits(sa[i], sb[i])) << "scalar " << i;
  EXPECT_EQ(a.engine_out, b.engine_out);
  const auto fa = a.factors(), fb = b.factors();
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t i = 0; i < fa.size(); ++i) EXPECT_TRUE(same_bits(fa[i], fb[i])) << "factor " << i;
  EXPECT_EQ(a.to_json(), b.to_json());
}

Dispersions everything() {
  Dispersions d = Dispersions::defaults();
  d.engine_out_probability = 0.3;
  d.seed = 20261203;
  return d;
}

TEST(SampleInputs, IsAPureFunctionOfSeedAndRun) {
  const Dispersions d = everything();
  const SampledInputs alone = sample_inputs(d, 17, 5, 3);
  for (std::int64_t k = 0; k < 17; ++k) (void)sample_inputs(d, k, 5, 3);
  expect_same(alone, sample_inputs(d, 17, 5, 3));
  // Another run, another seed: different draws.
  EXPECT_NE(alone.delta_v_factor, sample_inputs(d, 18, 5, 3).delta_v_factor);
  Dispersions e = d;
  e.seed = d.seed + 1;
  EXPECT_NE(alone.delta_v_factor, sample_inputs(e, 17, 5, 3).delta_v_factor);
  EXPECT_EQ(alone.run, 17);
  EXPECT_EQ(alone.mass_factors.size(), 5u);
  EXPECT_EQ(alone.area_factors.size(), 5u);
  EXPECT_EQ(alone.material_factors.size(), 3u);
  EXPECT_EQ(alone.factors().size(), 5u + 5u + 9u);
}

TEST(SampleInputs, NothingDispersedGivesTheNominalRun) {
  Dispersions d;
  EXPECT_TRUE(d.none());
  d.tail_scale = 3;  // no Gaussian draw: no weight either
  d.seed = 99;       // neither the seed nor the scale disperses anything
  EXPECT_TRUE(d.none());
  for (std::int64_t run : {0, 1, 12345}) {
    const SampledInputs in = sample_inputs(d, run, 4, 2);
    EXPECT_EQ(in.delta_v_factor, 1.0);
    EXPECT_EQ(in.burn_pitch, 0.0);
    EXPECT_EQ(in.burn_yaw, 0.0);
    EXPECT_EQ(in.ignition_offset, 0.0);
    EXPECT_EQ(in.thrust_factor, 1.0);
    EXPECT_EQ(in.isp_factor, 1.0);
    EXPECT_FALSE(in.engine_out);
    EXPECT_EQ(in.density_scale, 1.0);
    EXPECT_EQ(in.f107_factor, 1.0);
    EXPECT_EQ(in.ap_factor, 1.0);
    EXPECT_EQ(in.position_rtn, (std::array<double, 3>{0, 0, 0}));
    EXPECT_EQ(in.velocity_rtn, (std::array<double, 3>{0, 0, 0}));
    EXPECT_LT(in.breakup_altitude, 0.0);
    EXPECT_EQ(in.release_shift, 0.0);
    EXPECT_EQ(in.drag_factor, 1.0);
    EXPECT_TRUE(in.factors().empty());
    EXPECT_EQ(in.log_weight, 0.0);
    EXPECT_EQ(in.to_json(), "{\"run\":" + std::to_string(run) + "}");
  }
  EXPECT_FALSE(Dispersions::defaults().none());
}

TEST(SampleInputs, AnySingleDispersionMakesNoneFalse) {
  const std::vector<std::function<void(Dispersions&)>> one{
      [](Dispersions& d) { d.burn_magnitude = 0.01; },      [](Dispersions& d) { d.burn_magnitude_bias = -0.01; },
      [](Dispersions& d) { d.burn_pointing = 0.01; },       [](Dispersions& d) { d.burn_ignition_time = 1; },
      [](Dispersions& d) { d.thrust = 0.01; },              [](Dispersions& d) { d.isp = 0.01; },
      [](Dispersions& d) { d.engine_out_probability = 1; }, [](Dispersions& d) { d.density_log_sigma = 0.1; },
      [](Dispersions& d) { d.f107_forecast = 0.1; },        [](Dispersions& d) { d.ap_forecast = 0.1; },
      [](Dispersions& d) { d.position_rtn[2] = 1; },        [](Dispersions& d) { d.velocity_rtn[1] = 0.01; },
      [](Dispersions& d) { d.breakup_altitude_dispersed = true; }, [](Dispersions& d) { d.release_altitude = 1e3; },
      [](Dispersions& d) { d.object_mass = 0.1; },          [](Dispersions& d) { d.object_area = 0.1; },
      [](Dispersions& d) { d.object_drag = 0.1; },          [](Dispersions& d) { d.material_heat = 0.1; },
  };
  for (std::size_t i = 0; i < one.size(); ++i) {
    Dispersions d;
    one[i](d);
    EXPECT_FALSE(d.none()) << "dispersion " << i;
    // ... and the run it gives differs from the nominal one in its record.
    EXPECT_NE(sample_inputs(d, 3, 2, 2).to_json() + std::to_string(sample_inputs(d, 3, 2, 2).factors().size()),
              "{\"run\":3}0")
        << "dispersion " << i;
  }
}

TEST(SampleInputs, ObjectKindsAndMaterialsDoNotShiftTheOtherDraws) {
  const Dispersions d = everything();
  for (std::int64_t run : {0, 5, 999}) {
    const SampledInputs few = sample_inputs(d, run, 2, 1), many = sample_inputs(d, run, 7, 4),
                        none = sample_inputs(d, run, 0, 0);
    SampledInputs scalars = many;
    scalars.mass_factors = few.mass_factors;
    scalars.area_factors = few.area_factors;
    scalars.material_factors = few.material_factors;
    expect_same(few, scalars);  // every scalar draw is the same
    EXPECT_EQ(none.to_json(), few.to_json());
    // Each kind's factor is the same whatever number of kinds follows it.
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_TRUE(same_bits(few.mass_factors[k], many.mass_factors[k]));
      EXPECT_TRUE(same_bits(few.area_factors[k], many.area_factors[k]));
    }
    for (int j = 0; j < 3; ++j) EXPECT_TRUE(same_bits(few.material_factors[0][j], many.material_factors[0][j]));
    // Mass and area are separate streams: not the same numbers.
    EXPECT_NE(many.mass_factors[0], many.area_factors[0]);
  }
}

// The store's record of the inputs: valid JSON whose numbers read back to the sampled doubles exactly.
TEST(SampleInputs, JsonRecordReadsBackExactly) {
  Dispersions d = everything();
  d.engine_out_probability = 1;  // every run has its engine-out fraction
  d.tail_scale = 1.5;            // and a log weight
  for (std::int64_t run : {0, 1, 77, 4096}) {
    const SampledInputs in = sample_inputs(d, run, 2, 1);
    const auto j = nlohmann::json::parse(in.to_json());
    EXPECT_EQ(j.at("run").get<std::int64_t>(), run);
    const std::pair<const char*, double> scalars[] = {
        {"delta_v_factor", in.delta_v_factor}, {"burn_pitch_rad", in.burn_pitch},
        {"burn_yaw_rad", in.burn_yaw}, {"ignition_offset_s", in.ignition_offset}, {"thrust_factor", in.thrust_factor},
        {"isp_factor", in.isp_factor}, {"engine_out_fraction", in.engine_out_fraction},
        {"density_scale", in.density_scale}, {"f107_factor", in.f107_factor}, {"ap_factor", in.ap_factor},
        {"breakup_altitude_m", in.breakup_altitude}, {"release_shift_m", in.release_shift},
        {"drag_factor", in.drag_factor}, {"log_weight", in.log_weight}};
    for (const auto& [key, value] : scalars)
      EXPECT_TRUE(same_bits(j.at(key).get<double>(), value)) << key << " of run " << run;
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(same_bits(j.at("position_rtn_m").at(i).get<double>(), in.position_rtn[i]));
      EXPECT_TRUE(same_bits(j.at("velocity_rtn_mps").at(i).get<double>(), in.velocity_rtn[i]));
    }
    EXPECT_EQ(j.size(), std::size(scalars) + 3);  // run, the scalars and the two vectors: nothing else
  }
}

// Every Gaussian quantity of a run as its standardised value z = x / sigma (log of the log-normal factors), with its
// sigma, recovered from the sampled inputs.
struct Standardised {
  std::vector<double> z;
};

Standardised standardise(const Dispersions& d, const SampledInputs& in) {
  Standardised s;
  s.z = {(in.delta_v_factor - 1 - d.burn_magnitude_bias) / d.burn_magnitude,
         in.burn_pitch / d.burn_pointing,
         in.burn_yaw / d.burn_pointing,
         in.ignition_offset / d.burn_ignition_time,
         (in.thrust_factor - 1) / d.thrust,
         (in.isp_factor - 1) / d.isp,
         std::log(in.density_scale) / d.density_log_sigma,
         std::log(in.f107_factor) / d.f107_forecast,
         std::log(in.ap_factor) / d.ap_forecast};
  for (int i = 0; i < 3; ++i) s.z.push_back(in.position_rtn[i] / d.position_rtn[i]);
  for (int i = 0; i < 3; ++i) s.z.push_back(in.velocity_rtn[i] / d.velocity_rtn[i]);
  return s;
}

TEST(SampleInputs, MomentsMatchTheConfiguredDispersions) {
  constexpr int n = 20000;
  const Dispersions d = everything();
  const std::vector<double> sigma{d.burn_magnitude,    d.burn_pointing,    d.burn_pointing,  d.burn_ignition_time,
                                  d.thrust,            d.isp,              d.density_log_sigma, d.f107_forecast,
                                  d.ap_forecast,       d.position_rtn[0],  d.position_rtn[1], d.position_rtn[2],
                                  d.velocity_rtn[0],   d.velocity_rtn[1],  d.velocity_rtn[2]};
  std::vector<std::vector<double>> z(sigma.size());
  std::vector<double> breakup, release, drag, mass, area, heat, engine_out, out_fraction;
  for (int run = 0; run < n; ++run) {
    const SampledInputs in = sample_inputs(d, run, 3, 2);
    const Standardised s = standardise(d, in);
    for (std::size_t i = 0; i < s.z.size(); ++i) z[i].push_back(s.z[i]);
    EXPECT_EQ(in.log_weight, 0.0);
    breakup.push_back(in.breakup_altitude);
    release.push_back(in.release_shift);
    drag.push_back(in.drag_factor);
    for (double f : in.mass_factors) mass.push_back(f);
    for (double f : in.area_factors) area.push_back(f);
    for (const auto& m : in.material_factors)
      for (double f : m) heat.push_back(f);
    engine_out.push_back(in.engine_out ? 1 : 0);
    if (in.engine_out) out_fraction.push_back(in.engine_out_fraction);
    else EXPECT_EQ(in.engine_out_fraction, 0.0);
  }
  // Gaussian quantities: standardised mean 0 and variance 1 within 5 standard errors (1/sqrt(n), sqrt(2/n)).
  double worst_mean = 0, worst_var = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const Moments m = moments(z[i]);
    worst_mean = std::max(worst_mean, std::abs(m.mean) * std::sqrt(n));
    worst_var = std::max(worst_var, std::abs(m.variance - 1) / std::sqrt(2.0 / n));
    EXPECT_NEAR(m.mean, 0.0, 5 / std::sqrt(double(n))) << "quantity " << i;
    EXPECT_NEAR(m.variance, 1.0, 5 * std::sqrt(2.0 / n)) << "quantity " << i;
  }
  std::printf("%zu Gaussian quantities over %d runs: largest |mean| %.2f se, largest |variance - 1| %.2f se\n",
              z.size(), n, worst_mean, worst_var);
  // Pitch and yaw independent.
  EXPECT_NEAR(correlation(z[1], z[2]), 0.0, 5 / std::sqrt(double(n)));
  // Uniform quantities: inside their interval, mean the centre and variance width^2 / 12 within 5 standard errors
  // (sqrt(w^2/12 / n) and w^2 sqrt(1/180 / n)).
  auto uniform = [](const std::vector<double>& x, double a, double b, const char* what) {
    const double w = b - a, nx = static_cast<double>(x.size());
    for (double v : x) {
      ASSERT_GE(v, a) << what;
      ASSERT_LE(v, b) << what;
    }
    const Moments m = moments(x);
    EXPECT_NEAR(m.mean, (a + b) / 2, 5 * std::sqrt(w * w / 12 / nx)) << what;
    EXPECT_NEAR(m.variance, w * w / 12, 5 * w * w * std::sqrt(1.0 / 180 / nx)) << what;
  };
  uniform(breakup, d.breakup_altitude_min, d.breakup_altitude_max, "breakup altitude");
  uniform(release, -d.release_altitude, d.release_altitude, "release shift");
  uniform(drag, 1 - d.object_drag, 1 + d.object_drag, "drag factor");
  uniform(mass, 1 - d.object_mass, 1 + d.object_mass, "mass factors");
  uniform(area, 1 - d.object_area, 1 + d.object_area, "area factors");
  uniform(heat, 1 - d.material_heat, 1 + d.material_heat, "material factors");
  uniform(out_fraction, 0, 1, "engine-out fraction");
  // Engine out: a binomial count.
  const double p = d.engine_out_probability;
  EXPECT_NEAR(moments(engine_out).mean, p, 5 * std::sqrt(p * (1 - p) / n));
}

TEST(SampleInputs, MagnitudeBiasShiftsEveryRun) {
  Dispersions d;
  d.burn_magnitude_bias = -0.01;
  for (std::int64_t run : {0, 1, 2}) EXPECT_EQ(sample_inputs(d, run, 0, 0).delta_v_factor, 0.99);
  d.burn_magnitude = 0.01;
  double sum = 0;
  constexpr int n = 20000;
  for (int run = 0; run < n; ++run) sum += sample_inputs(d, run, 0, 0).delta_v_factor;
  EXPECT_NEAR(sum / n, 0.99, 5 * 0.01 / std::sqrt(double(n)));
}

// ln of the density ratio N(x; 0, sigma^2) / N(x; 0, (s sigma)^2), from the densities themselves.
double log_density_ratio(double x, double sigma, double s) {
  auto pdf = [](double v, double sd) {
    return std::exp(-0.5 * (v / sd) * (v / sd)) / (sd * std::sqrt(2 * std::numbers::pi));
  };
  return std::log(pdf(x, sigma) / pdf(x, s * sigma));
}

TEST(SampleInputs, ImportanceWeightIsTheDensityRatio) {
  Dispersions d = everything();
  d.tail_scale = 2.0;
  constexpr int n = 2000;
  const std::vector<double> sigma{d.burn_magnitude,    d.burn_pointing,    d.burn_pointing,  d.burn_ignition_time,
                                  d.thrust,            d.isp,              d.density_log_sigma, d.f107_forecast,
                                  d.ap_forecast,       d.position_rtn[0],  d.position_rtn[1], d.position_rtn[2],
                                  d.velocity_rtn[0],   d.velocity_rtn[1],  d.velocity_rtn[2]};
  double worst = 0;
  std::vector<double> z0;
  for (int run = 0; run < n; ++run) {
    const SampledInputs in = sample_inputs(d, run, 3, 2);
    const Standardised s = standardise(d, in);
    double expected = 0;
    for (std::size_t i = 0; i < s.z.size(); ++i) expected += log_density_ratio(s.z[i] * sigma[i], sigma[i], 2.0);
    worst = std::max(worst, std::abs(in.log_weight - expected));
    // Measured: at most 5.5e-14 (the z recovered here carry the rounding of 1 + sigma z and of exp/log).
    EXPECT_NEAR(in.log_weight, expected, 2e-13) << "run " << run;
    z0.push_back(s.z[1]);
  }
  std::printf("tail scale 2: largest |ln w - ln(p/q)| over %d runs: %.3g\n", n, worst);
  // The draws are widened: the standardised pointing error has variance s^2 = 4 (within 5 se, sqrt(2/n) s^2).
  EXPECT_NEAR(moments(z0).variance, 4.0, 5 * 4 * std::sqrt(2.0 / n));
}

// The weights are unbiased: E_q[w] = 1. The variance of w under q is E_q[w^2] - 1 = (s / sqrt(2 - 1/s^2))^k - 1 for
// k independent Gaussian quantities each drawn at s sigma; the bound is 5 standard errors of the mean.
TEST(SampleInputs, ImportanceWeightsAverageToOne) {
  Dispersions d;
  d.burn_magnitude = 0.01;
  d.burn_pointing = 1 * deg;  // two quantities
  d.density_log_sigma = 0.15;
  d.tail_scale = 1.5;
  constexpr int n = 20000, k = 4;
  const double s = d.tail_scale, second = std::pow(s / std::sqrt(2 - 1 / (s * s)), k);
  double sum = 0, tail = 0;
  for (int run = 0; run < n; ++run) {
    const SampledInputs in = sample_inputs(d, run, 0, 0);
    const double w = std::exp(in.log_weight);
    sum += w;
    // A rare event of the nominal distribution: the pitch error beyond 3 sigma (probability erfc(3/sqrt 2)).
    if (std::abs(in.burn_pitch) > 3 * d.burn_pointing) tail += w;
  }
  const double se = std::sqrt((second - 1) / n);
  std::printf("tail scale %.1f, %d runs: mean weight %.5f (se %.4f); P(|pitch| > 3 sigma) %.6f vs %.6f\n", s, n,
              sum / n, se, tail / n, std::erfc(3 / std::sqrt(2.0)));
  EXPECT_NEAR(sum / n, 1.0, 5 * se);
  // The weighted tail estimate: its variance under q is E_q[1 w^2] - p^2 = second moment of the ratio over the tail
  // of one quantity times (the other three's factor); bounded here by 5 se computed from the sample itself.
  double tail2 = 0;
  for (int run = 0; run < n; ++run) {
    const SampledInputs in = sample_inputs(d, run, 0, 0);
    if (std::abs(in.burn_pitch) > 3 * d.burn_pointing) tail2 += std::exp(2 * in.log_weight);
  }
  const double p = std::erfc(3 / std::sqrt(2.0)), se_tail = std::sqrt((tail2 / n - p * p) / n);
  EXPECT_NEAR(tail / n, p, 5 * se_tail);
}

TEST(SampleInputs, StateCovarianceDrawsHaveThatCovariance) {
  // A correlated RTN covariance [m^2, m^2/s, m^2/s^2]: radial-along-track and along-track-velocity correlations.
  Dispersions d;
  d.state_covariance = std::array<double, 21>{100, 60, 400, 0, 0, 25, 0.1, -0.1, 0, 0.0004, 0, 0.2, 0, 0, 0.0009,
                                              0, 0, 0.05, 0, 0, 0.0001};
  const int n = 20000;
  double sum[6]{}, cross[6][6]{};
  for (int r = 0; r < n; ++r) {
    const SampledInputs in = sample_inputs(d, r, 0, 0);
    const double x[6] = {in.position_rtn[0], in.position_rtn[1], in.position_rtn[2],
                         in.velocity_rtn[0], in.velocity_rtn[1], in.velocity_rtn[2]};
    for (int i = 0; i < 6; ++i) {
      sum[i] += x[i];
      for (int j = 0; j < 6; ++j) cross[i][j] += x[i] * x[j];
    }
  }
  double worst = 0;
  for (int i = 0, k = 0; i < 6; ++i)
    for (int j = 0; j <= i; ++j, ++k) {
      const double cij = (*d.state_covariance)[static_cast<std::size_t>(k)];
      const double cii = (*d.state_covariance)[static_cast<std::size_t>(i * (i + 1) / 2 + i)];
      const double cjj = (*d.state_covariance)[static_cast<std::size_t>(j * (j + 1) / 2 + j)];
      const double estimate = cross[i][j] / n - sum[i] * sum[j] / (static_cast<double>(n) * n);
      const double se = std::sqrt((cii * cjj + cij * cij) / n);  // of a sample covariance of Gaussian data
      worst = std::max(worst, std::abs(estimate - cij) / se);
    }
  EXPECT_LT(worst, 5.0);  // in standard errors
  // A non-positive-semi-definite matrix is refused.
  std::array<double, 21> bad{};
  bad[0] = 1;
  bad[1] = 5;
  bad[2] = 1;
  EXPECT_THROW((void)covariance_factor(bad), InputError);
}

}  // namespace
}  // namespace deorbit

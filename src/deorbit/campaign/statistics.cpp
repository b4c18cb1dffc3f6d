// References: C. J. Clopper, E. S. Pearson, "The use of confidence or fiducial limits illustrated in the case of the
// binomial", Biometrika 26 (1934) 404-413 (the beta-quantile form); L. Kish, "Survey Sampling" (1965) (effective
// sample size); A. M. Andrew, "Another efficient algorithm for convex hulls in two dimensions", Inf. Proc. Letters
// 9 (1979) 216-219 (monotone chain). Beta and normal quantiles from Boost.Math.
#include "deorbit/campaign/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <fmt/format.h>

#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/base/vector.h"

namespace deorbit {
namespace {

using constants::deg;
using constants::pi;

void check_confidence(double confidence, const char* what) {
  if (!(confidence > 0 && confidence < 1))
    throw InputError(fmt::format("{}: confidence {}, expected a number in (0, 1)", what, confidence));
}

void check_binomial(std::int64_t successes, std::int64_t trials, double confidence, const char* what) {
  if (trials <= 0) throw InputError(fmt::format("{}: {} trials, expected at least 1", what, trials));
  if (successes < 0 || successes > trials)
    throw InputError(fmt::format("{}: {} successes in {} trials, expected 0..{}", what, successes, trials, trials));
  check_confidence(confidence, what);
}

double normal_quantile(double p) { return boost::math::quantile(boost::math::normal(), p); }

double run_weight(const RunRecord& r, const char* what) {
  if (!std::isfinite(r.log_weight))
    throw InputError(fmt::format("{}: run {}: log_weight {}, expected a finite number", what, r.run, r.log_weight));
  const double w = std::exp(r.log_weight);
  if (!std::isfinite(w))
    throw InputError(fmt::format("{}: run {}: log_weight {} overflows exp()", what, r.run, r.log_weight));
  return w;
}

// Andrew's monotone chain: the counter-clockwise hull without collinear vertices.
std::vector<TrackCoordinates> convex_hull(std::vector<TrackCoordinates> p) {
  auto less = [](const TrackCoordinates& a, const TrackCoordinates& b) {
    return a.along < b.along || (a.along == b.along && a.cross < b.cross);
  };
  std::sort(p.begin(), p.end(), less);
  p.erase(std::unique(p.begin(), p.end(),
                      [](const TrackCoordinates& a, const TrackCoordinates& b) {
                        return a.along == b.along && a.cross == b.cross;
                      }),
          p.end());
  if (p.size() <= 2) return p;
  auto turn = [](const TrackCoordinates& o, const TrackCoordinates& a, const TrackCoordinates& b) {
    return (a.along - o.along) * (b.cross - o.cross) - (a.cross - o.cross) * (b.along - o.along);
  };
  std::vector<TrackCoordinates> h(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && turn(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && turn(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  h.resize(k - 1);
  return h;
}

// The lower empirical quantiles at each p (see weighted_quantile), one sort for all.
std::vector<double> weighted_quantiles(std::vector<std::pair<double, double>> value_weight, const std::vector<double>& ps) {
  for (double p : ps)
    if (!(p >= 0 && p <= 1)) throw InputError(fmt::format("weighted quantile: p = {}, expected 0..1", p));
  for (std::size_t i = 0; i < value_weight.size(); ++i) {
    const auto& [v, w] = value_weight[i];
    if (!std::isfinite(v)) throw InputError(fmt::format("weighted quantile: value {} is {}", i, v));
    if (!std::isfinite(w) || w < 0)
      throw InputError(fmt::format("weighted quantile: weight {} is {}, expected a finite number >= 0", i, w));
  }
  std::erase_if(value_weight, [](const std::pair<double, double>& vw) { return vw.second == 0; });
  if (value_weight.empty()) throw InputError("weighted quantile: no value with a positive weight");
  std::sort(value_weight.begin(), value_weight.end());
  double total = 0;
  for (const auto& vw : value_weight) total += vw.second;
  std::vector<double> out;
  for (double p : ps) {
    const double target = p * total;
    double cumulative = 0;
    double q = value_weight.back().first;  // p = 1 where the running sum rounds below the total
    for (const auto& [v, w] : value_weight) {
      cumulative += w;
      if (cumulative >= target) {
        q = v;
        break;
      }
    }
    out.push_back(q);
  }
  return out;
}

struct PooledImpact {
  TrackCoordinates x;
  double lat = 0, lon = 0;  // [rad], lon unwrapped about the reference
  double weight = 0;        // count, times the run weight with use_weights
  double copies = 0;        // count
};

EventProbability event_probability(std::span<const RunRecord> runs, const std::function<bool(const RunRecord&)>& event,
                                   const StatisticsSettings& s) {
  EventProbability e;
  e.trials = static_cast<std::int64_t>(runs.size());
  for (const RunRecord& r : runs)
    if (event(r)) ++e.events;
  if (s.use_weights) {
    const WeightedProbability w = weighted_probability(runs, event, s.confidence);
    e.weighted = w;
    e.interval = {w.estimate, w.lower, w.upper};
    e.upper_bound_one_sided = std::min(1.0, w.estimate + normal_quantile(s.confidence) * w.standard_error);
  } else {
    e.interval = clopper_pearson(e.events, e.trials, s.confidence);
    e.upper_bound_one_sided = clopper_pearson_upper_bound(e.events, e.trials, s.confidence);
  }
  return e;
}

// The footprint of one level from the impacts in order of distance (see LevelFootprint).
LevelFootprint level_footprint(const std::vector<PooledImpact>& pool,
                               const std::vector<std::pair<double, std::size_t>>& order, double total, double level,
                               const TrackFrame& frame) {
  LevelFootprint f;
  f.level = level;
  std::vector<TrackCoordinates> kept;
  double held = 0;
  for (const auto& [d2, k] : order) {
    if (pool[k].weight <= 0) continue;
    held += pool[k].weight;
    kept.push_back(pool[k].x);
    if (held >= level * total) break;
  }
  f.held = std::min(1.0, held / total);
  f.points = static_cast<std::int64_t>(kept.size());
  f.hull = convex_hull(std::move(kept));
  f.along_min = f.cross_min = std::numeric_limits<double>::infinity();
  f.along_max = f.cross_max = -std::numeric_limits<double>::infinity();
  for (const TrackCoordinates& v : f.hull) {
    f.along_min = std::min(f.along_min, v.along);
    f.along_max = std::max(f.along_max, v.along);
    f.cross_min = std::min(f.cross_min, v.cross);
    f.cross_max = std::max(f.cross_max, v.cross);
  }
  // The hull's edges are straight in track coordinates: densify them so the ring on the ground follows them.
  constexpr double max_step = 10e3;  // [m]
  for (std::size_t k = 0; k < f.hull.size(); ++k) {
    const TrackCoordinates& a = f.hull[k];
    const TrackCoordinates& b = f.hull[(k + 1) % f.hull.size()];
    const double length = std::hypot(b.along - a.along, b.cross - a.cross);
    const int steps = std::max(1, static_cast<int>(std::ceil(length / max_step)));
    for (int j = 0; j < steps; ++j) {
      const double t = static_cast<double>(j) / steps;
      f.ring.push_back(from_track_coordinates({a.along + t * (b.along - a.along), a.cross + t * (b.cross - a.cross)}, frame));
    }
    if (f.hull.size() == 1) break;
  }
  f.ring.push_back(f.ring.front());
  return f;
}

std::vector<LevelFootprint> level_footprints(const std::vector<PooledImpact>& pool, const std::vector<double>& levels,
                                             const TrackFrame& frame) {
  double total = 0, ma = 0, mc = 0;
  for (const PooledImpact& i : pool) {
    total += i.weight;
    ma += i.weight * i.x.along;
    mc += i.weight * i.x.cross;
  }
  ma /= total;
  mc /= total;
  double caa = 0, ccc = 0, cac = 0;
  for (const PooledImpact& i : pool) {
    const double da = i.x.along - ma, dc = i.x.cross - mc;
    caa += i.weight * da * da;
    ccc += i.weight * dc * dc;
    cac += i.weight * da * dc;
  }
  caa /= total;
  ccc /= total;
  cac /= total;
  const double det = caa * ccc - cac * cac;
  const double trace = caa + ccc;
  const bool mahalanobis = trace > 0 && det > 1e-12 * trace * trace;
  std::vector<std::pair<double, std::size_t>> order(pool.size());
  for (std::size_t k = 0; k < pool.size(); ++k) {
    const double da = pool[k].x.along - ma, dc = pool[k].x.cross - mc;
    const double d2 = mahalanobis ? (ccc * da * da - 2 * cac * da * dc + caa * dc * dc) / det : da * da + dc * dc;
    order[k] = {d2, k};
  }
  std::sort(order.begin(), order.end());
  std::vector<LevelFootprint> out;
  for (double level : levels) out.push_back(level_footprint(pool, order, total, level, frame));
  return out;
}

CasualtyStatistics casualty_statistics(std::span<const RunRecord> runs, const StatisticsSettings& s) {
  CasualtyStatistics c;
  std::vector<std::pair<double, double>> values;  // (E_c, weight)
  for (const RunRecord& r : runs) {
    if (r.status != RunStatus::ok) continue;
    if (!std::isfinite(r.expected_casualties) || r.expected_casualties < 0)
      throw InputError(fmt::format("campaign statistics: run {}: expected_casualties {}, expected a finite number >= 0",
                                   r.run, r.expected_casualties));
    values.emplace_back(r.expected_casualties, s.use_weights ? run_weight(r, "campaign statistics") : 1.0);
  }
  c.runs = static_cast<std::int64_t>(values.size());
  if (values.empty()) return c;
  double total = 0, sum = 0;
  for (const auto& [e, w] : values) {
    total += w;
    sum += w * e;
    c.max = std::max(c.max, e);
  }
  if (!(total > 0)) throw InputError("campaign statistics: the weights of the ok runs sum to zero");
  c.mean = sum / total;
  double var = 0;
  for (const auto& [e, w] : values) var += w * (e - c.mean) * (e - c.mean);
  c.standard_deviation = std::sqrt(var / total);
  const std::vector<double> ps{0.5, 0.9, 0.99, 0.999};
  const std::vector<double> qs = weighted_quantiles(values, ps);
  for (std::size_t k = 0; k < ps.size(); ++k) c.percentiles.emplace_back(ps[k], qs[k]);

  double min_positive = std::numeric_limits<double>::infinity();
  for (const auto& [e, w] : values)
    if (e > 0) min_positive = std::min(min_positive, e);
  CasualtyBin zero;
  for (const auto& [e, w] : values)
    if (e == 0) {
      ++zero.runs;
      zero.fraction += w;
    }
  zero.fraction /= total;
  c.histogram.push_back(zero);
  if (std::isfinite(min_positive)) {
    const int per_decade = s.histogram_bins_per_decade;
    const int lo = static_cast<int>(std::floor(std::log10(min_positive)));
    const int hi = static_cast<int>(std::floor(std::log10(c.max))) + 1;
    const int bins = (hi - lo) * per_decade;
    const std::size_t first = c.histogram.size();
    for (int k = 0; k < bins; ++k) {
      CasualtyBin b;
      b.lower = std::pow(10.0, lo + static_cast<double>(k) / per_decade);
      b.upper = std::pow(10.0, lo + static_cast<double>(k + 1) / per_decade);
      c.histogram.push_back(b);
    }
    for (const auto& [e, w] : values) {
      if (e == 0) continue;
      int k = static_cast<int>(std::floor((std::log10(e) - lo) * per_decade));
      k = std::clamp(k, 0, bins - 1);
      // log10 rounds: settle the value on the side of the edge it lies on.
      while (k > 0 && e < c.histogram[first + static_cast<std::size_t>(k)].lower) --k;
      while (k < bins - 1 && e >= c.histogram[first + static_cast<std::size_t>(k)].upper) ++k;
      CasualtyBin& b = c.histogram[first + static_cast<std::size_t>(k)];
      ++b.runs;
      b.fraction += w;
    }
    for (std::size_t k = first; k < c.histogram.size(); ++k) c.histogram[k].fraction /= total;
  }
  return c;
}

DensityGrid density_grid(const std::vector<PooledImpact>& pool, double n_ok_runs, double cell_deg) {
  DensityGrid g;
  if (pool.empty()) return g;
  double lat_lo = std::numeric_limits<double>::infinity(), lon_lo = lat_lo;
  for (const PooledImpact& i : pool) {
    lat_lo = std::min(lat_lo, i.lat / deg);
    lon_lo = std::min(lon_lo, i.lon / deg);
  }
  const double lat0 = std::floor(lat_lo / cell_deg) * cell_deg;
  const double lon0 = std::floor(lon_lo / cell_deg) * cell_deg;
  struct Sum {
    double copies = 0, weight = 0;
  };
  std::map<std::pair<int, int>, Sum> sums;  // ordered: cells come out by row, then column
  for (const PooledImpact& i : pool) {
    const int row = std::max(0, static_cast<int>(std::floor((i.lat / deg - lat0) / cell_deg)));
    const int col = std::max(0, static_cast<int>(std::floor((i.lon / deg - lon0) / cell_deg)));
    Sum& s = sums[{row, col}];
    s.copies += i.copies;
    s.weight += i.weight;
    g.rows = std::max(g.rows, row + 1);
    g.columns = std::max(g.columns, col + 1);
  }
  g.cell = cell_deg * deg;
  g.lat_min = lat0 * deg;
  g.lon_min = lon0 * deg;
  for (const auto& [rc, s] : sums) {
    DensityCell c;
    c.row = rc.first;
    c.column = rc.second;
    c.lat_min = (lat0 + c.row * cell_deg) * deg;
    c.lat_max = std::min(pi / 2, (lat0 + (c.row + 1) * cell_deg) * deg);
    c.lon_min = (lon0 + c.column * cell_deg) * deg;
    c.lon_max = (lon0 + (c.column + 1) * cell_deg) * deg;
    c.impacts = s.copies;
    c.impacts_per_run = s.weight / n_ok_runs;
    const double area_km2 = mean_earth_radius * mean_earth_radius * (c.lon_max - c.lon_min) *
                            (std::sin(c.lat_max) - std::sin(c.lat_min)) / 1e6;
    c.impacts_per_run_per_km2 = c.impacts_per_run / area_km2;
    g.cells.push_back(c);
  }
  return g;
}

}  // namespace

BinomialInterval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence) {
  check_binomial(successes, trials, confidence, "Clopper-Pearson interval");
  const double k = static_cast<double>(successes), n = static_cast<double>(trials);
  const double alpha = 1.0 - confidence;
  BinomialInterval b;
  b.estimate = k / n;
  b.lower = successes == 0 ? 0.0 : boost::math::ibeta_inv(k, n - k + 1, alpha / 2);
  b.upper = successes == trials ? 1.0 : boost::math::ibeta_inv(k + 1, n - k, 1 - alpha / 2);
  return b;
}

double clopper_pearson_upper_bound(std::int64_t successes, std::int64_t trials, double confidence) {
  check_binomial(successes, trials, confidence, "Clopper-Pearson upper bound");
  const double k = static_cast<double>(successes), n = static_cast<double>(trials);
  return successes == trials ? 1.0 : boost::math::ibeta_inv(k + 1, n - k, confidence);
}

WeightedProbability weighted_probability(std::span<const RunRecord> runs,
                                         const std::function<bool(const RunRecord&)>& event, double confidence) {
  constexpr const char* what = "importance-sampling estimate";
  if (runs.empty()) throw InputError(fmt::format("{}: no runs", what));
  check_confidence(confidence, what);
  const auto n = static_cast<double>(runs.size());
  std::vector<double> terms;
  terms.reserve(runs.size());
  double sum = 0, w_sum = 0, w2_sum = 0;
  for (const RunRecord& r : runs) {
    const double w = run_weight(r, what);
    const double t = event(r) ? w : 0.0;
    terms.push_back(t);
    sum += t;
    w_sum += w;
    w2_sum += w * w;
  }
  WeightedProbability p;
  p.estimate = sum / n;
  if (runs.size() < 2) {
    p.standard_error = std::numeric_limits<double>::infinity();
  } else {
    double ss = 0;
    for (double t : terms) ss += (t - p.estimate) * (t - p.estimate);
    p.standard_error = std::sqrt(ss / (n * (n - 1)));
  }
  const double z = normal_quantile(1 - (1 - confidence) / 2);
  p.lower = std::isfinite(p.standard_error) ? std::clamp(p.estimate - z * p.standard_error, 0.0, 1.0) : 0.0;
  p.upper = std::isfinite(p.standard_error) ? std::clamp(p.estimate + z * p.standard_error, 0.0, 1.0) : 1.0;
  p.effective_sample_size = w2_sum > 0 ? w_sum * w_sum / w2_sum : 0.0;
  return p;
}

double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double p) {
  return weighted_quantiles(std::move(value_weight), std::vector<double>{p}).front();
}

CampaignStatistics summarize(std::span<const RunRecord> runs, const StatisticsSettings& settings) {
  constexpr const char* what = "campaign statistics";
  if (runs.empty()) throw InputError(fmt::format("{}: no runs", what));
  check_confidence(settings.confidence, what);
  for (double l : settings.levels)
    if (!(l > 0 && l <= 1)) throw InputError(fmt::format("{}: level {}, expected a fraction in (0, 1]", what, l));
  for (double p : settings.percentiles)
    if (!(p >= 0 && p <= 1)) throw InputError(fmt::format("{}: percentile {}, expected a fraction in [0, 1]", what, p));
  if (!(settings.density_cell_deg > 0 && settings.density_cell_deg <= 90))
    throw InputError(fmt::format("{}: density cell {} deg, expected (0, 90] deg", what, settings.density_cell_deg));
  if (settings.histogram_bins_per_decade < 1 || settings.histogram_bins_per_decade > 100)
    throw InputError(fmt::format("{}: {} histogram bins per decade, expected 1..100", what,
                                 settings.histogram_bins_per_decade));
  if (!(settings.near_land_distance >= 0))
    throw InputError(fmt::format("{}: near-land distance {} m, expected >= 0", what, settings.near_land_distance));

  CampaignStatistics st;
  st.settings = settings;
  st.runs = static_cast<std::int64_t>(runs.size());
  for (const RunRecord& r : runs) (r.status == RunStatus::ok ? st.ok_runs : st.failed_runs) += 1;

  auto ok = [](const RunRecord& r) { return r.status == RunStatus::ok; };
  st.escape = event_probability(runs, [&](const RunRecord& r) { return !(ok(r) && r.inside); }, settings);
  st.containment = event_probability(runs, [&](const RunRecord& r) { return ok(r) && r.inside; }, settings);
  if (settings.use_weights) {
    // The rare event is the escape, and importance sampling aims at it: containment is its complement (estimated
    // on its own, the mean weight's own error would put it above 1 or far from 1 - escape).
    const BinomialInterval& e = st.escape.interval;
    st.containment.interval = {1 - e.estimate, 1 - e.upper, 1 - e.lower};
    st.containment.upper_bound_one_sided = 1;
  }
  st.land_impact = event_probability(runs, [&](const RunRecord& r) { return !ok(r) || r.land_impact; }, settings);
  const double near = settings.near_land_distance;
  st.near_land = event_probability(runs, [&](const RunRecord& r) { return !ok(r) || r.near_land(near); }, settings);

  std::vector<PooledImpact> pool;
  for (const RunRecord& r : runs) {
    if (!ok(r)) continue;
    const double w = settings.use_weights ? run_weight(r, what) : 1.0;
    for (std::size_t k = 0; k < r.impacts.size(); ++k) {
      const ImpactRecord& i = r.impacts[k];
      if (!i.hazardous()) continue;
      if (!std::isfinite(i.latitude) || !std::isfinite(i.longitude) || std::abs(i.latitude) > pi / 2)
        throw InputError(fmt::format("{}: run {} impact {}: position ({}, {}) rad is not a point on the Earth", what,
                                     r.run, k, i.latitude, i.longitude));
      if (i.count < 0) throw InputError(fmt::format("{}: run {} impact {}: count {}, expected >= 0", what, r.run, k, i.count));
      if (i.count == 0) continue;
      PooledImpact p;
      p.x = track_coordinates(i.latitude, i.longitude, settings.track);
      p.lat = i.latitude;
      p.lon = settings.track.longitude + std::remainder(i.longitude - settings.track.longitude, 2 * pi);
      p.copies = i.count;
      p.weight = w * i.count;
      st.hazardous_impacts += i.count;
      pool.push_back(p);
    }
  }
  double pool_weight = 0;
  for (const PooledImpact& p : pool) pool_weight += p.weight;
  if (pool_weight > 0) {
    std::vector<std::pair<double, double>> along, cross;
    for (const PooledImpact& p : pool) {
      along.emplace_back(p.x.along, p.weight);
      cross.emplace_back(p.x.cross, p.weight);
    }
    const std::vector<double> qa = weighted_quantiles(std::move(along), settings.percentiles);
    const std::vector<double> qc = weighted_quantiles(std::move(cross), settings.percentiles);
    if (settings.one_pass) {
      for (std::size_t k = 0; k < settings.percentiles.size(); ++k)
        st.track_percentiles.push_back({settings.percentiles[k], qa[k], qc[k]});
      st.level_footprints = level_footprints(pool, settings.levels, settings.track);
    }
    st.density = density_grid(pool, static_cast<double>(st.ok_runs), settings.density_cell_deg);
  }
  std::vector<std::pair<double, double>> times;
  for (const RunRecord& r : runs)
    if (ok(r)) times.emplace_back(r.breakup_time, settings.use_weights ? run_weight(r, what) : 1.0);
  if (!times.empty()) {
    const std::vector<double> qt = weighted_quantiles(std::move(times), settings.percentiles);
    for (std::size_t k = 0; k < settings.percentiles.size(); ++k)
      st.breakup_time_percentiles.emplace_back(settings.percentiles[k], qt[k]);
  }
  st.casualties = casualty_statistics(runs, settings);
  return st;
}

}  // namespace deorbit

// Reference: U.S. Standard Atmosphere, 1976, NOAA-S/T 76-1562 (NOAA, NASA, USAF), Part 1: its constants and
// equations. Numbers below are the standard's, in SI units (the standard gives some per km: noted where kept);
// the constants were checked against those collected in rayference/ussa1976 src/ussa1976/constants.py (commit
// 1ab88a6b0571fe4fc1e8435050f8c456a0137542) and the M/M0 ratios against shenely/epicycle scripts/ussa76.py.
// Where the published description leaves a choice (the mixture weight in the eddy term, the gas a species
// diffuses through), the choice below is the one that reproduces the standard's Table VIII number densities:
// N2, O, O2 and H to 0.04 %, He to 0.11 %, Ar to 0.37 % (Ar is 0.004 % of the mass).
#include "deorbit/atmosphere/us_standard_1976.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

// ---- constants of the standard (Table 2 and sec. 1.2) -----------------------------------------------------------
constexpr double kG0 = 9.80665;         // [m/s^2] sea-level gravity
constexpr double kR0 = 6356766.0;       // [m] effective Earth radius for geopotential
constexpr double kRstar = 8.31432;      // [J/(mol K)] gas constant (the standard's value, not CODATA's)
constexpr double kM0 = 28.9644e-3;      // [kg/mol] sea-level mean molecular weight
constexpr double kBoltzmann = 1.380622e-23;  // [J/K]
constexpr double kAvogadro = 6.022169e23;    // [1/mol]
constexpr double kGamma = 1.40;
constexpr double kP0 = 101325.0;        // [Pa]
constexpr double kT0 = 288.15;          // [K]
constexpr double kZmin = -5000.0;       // [m] the standard's tables start here
constexpr double kZ7 = 86000.0;         // [m] the boundary of the two models

// Layers below 86 km (Table 4): geopotential base heights [m'] and molecular-temperature gradients [K/m'].
constexpr std::array<double, 8> kHb = {0.0, 11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0, 84852.0};
constexpr std::array<double, 7> kLb = {-0.0065, 0.0, 0.0010, 0.0028, 0.0, -0.0028, -0.0020};

// M/M0 from 80 to 86 km every 0.5 km (Table 8), for the kinetic temperature T = T_M M/M0.
constexpr std::array<double, 13> kMRatio = {1.000000, 0.999996, 0.999989, 0.999971, 0.999941, 0.999909, 0.999870,
                                            0.999829, 0.999786, 0.999741, 0.999694, 0.999641, 0.999579};

struct LowerLayers {
  std::array<double, 8> tb{};  // [K] molecular temperature at the base of each layer
  std::array<double, 8> pb{};  // [Pa] pressure at the base, from the hydrostatic equation layer by layer
};

const LowerLayers& lower_layers() {
  static const LowerLayers layers = [] {
    LowerLayers l;
    l.tb[0] = kT0;
    l.pb[0] = kP0;
    for (std::size_t b = 0; b < 7; ++b) {
      double dh = kHb[b + 1] - kHb[b];
      l.tb[b + 1] = l.tb[b] + kLb[b] * dh;
      l.pb[b + 1] = kLb[b] == 0.0 ? l.pb[b] * std::exp(-kG0 * kM0 * dh / (kRstar * l.tb[b]))
                                  : l.pb[b] * std::pow(l.tb[b] / l.tb[b + 1], kG0 * kM0 / (kRstar * kLb[b]));
    }
    return l;
  }();
  return layers;
}

Us76Properties lower(double z) {
  const LowerLayers& l = lower_layers();
  Us76Properties p;
  const double h = kR0 * z / (kR0 + z);
  std::size_t b = 0;
  while (b < 6 && h >= kHb[b + 1]) ++b;
  const double tm = l.tb[b] + kLb[b] * (h - kHb[b]);
  p.pressure = kLb[b] == 0.0 ? l.pb[b] * std::exp(-kG0 * kM0 * (h - kHb[b]) / (kRstar * l.tb[b]))
                             : l.pb[b] * std::pow(l.tb[b] / tm, kG0 * kM0 / (kRstar * kLb[b]));
  double ratio = 1.0;
  if (z > 80000.0) {
    double x = std::min((z - 80000.0) / 500.0, 12.0);
    auto i = std::min(static_cast<std::size_t>(x), std::size_t{11});
    ratio = kMRatio[i] + (x - static_cast<double>(i)) * (kMRatio[i + 1] - kMRatio[i]);
  }
  p.geopotential_height = h;
  p.molecular_temperature = tm;
  p.temperature = tm * ratio;
  p.mean_molecular_weight = kM0 * ratio;
  p.density = p.pressure * kM0 / (kRstar * tm);
  p.number_density = kAvogadro * p.pressure / (kRstar * p.temperature);
  p.speed_of_sound = std::sqrt(kGamma * kRstar * tm / kM0);
  return p;
}

// ---- 86 to 1000 km ------------------------------------------------------------------------------------------------

// Kinetic temperature above 86 km (four segments, the last with lambda of eq. 32) and its derivative, z in m.
constexpr double kT7 = 186.8673, kT9 = 240.0, kT10 = 360.0, kTinf = 1000.0;
constexpr double kZ8 = 91000.0, kZ9 = 110000.0, kZ10 = 120000.0, kZ12 = 1000000.0;
constexpr double kTc = 263.1905, kA = -76.3232, kSmallA = -19942.9;  // [K], [K], [m] elliptical segment
constexpr double kLk9 = 0.012;                                         // [K/m]
constexpr double kLambda = 0.01875e-3;                                 // [1/m]

double upper_temperature(double z) {
  if (z <= kZ8) return kT7;
  if (z <= kZ9) {
    double x = (z - kZ8) / kSmallA;
    return kTc + kA * std::sqrt(1.0 - x * x);
  }
  if (z <= kZ10) return kT9 + kLk9 * (z - kZ9);
  double xi = (z - kZ10) * (kR0 + kZ10) / (kR0 + z);
  return kTinf - (kTinf - kT10) * std::exp(-kLambda * xi);
}

double upper_temperature_gradient(double z) {
  if (z <= kZ8) return 0.0;
  if (z <= kZ9) {
    double x = (z - kZ8) / kSmallA;
    return -kA / kSmallA * x / std::sqrt(1.0 - x * x);
  }
  if (z <= kZ10) return kLk9;
  double q = (kR0 + kZ10) / (kR0 + z);
  double xi = (z - kZ10) * q;
  return kLambda * (kTinf - kT10) * q * q * std::exp(-kLambda * xi);
}

double gravity(double z) {
  double q = kR0 / (kR0 + z);
  return kG0 * q * q;
}

// Species above 86 km (Tables 6, 7 and 9): molecular weights [kg/mol], number densities at 86 km [1/m^3],
// diffusion constants a [1/(m s)] and b, thermal-diffusion factors alpha, vertical-transport constants Q, U, W
// (and q, u, w for O below 97 km) with Q, W in 1/km^3 and U in km as the standard gives them.
enum Species { N2, O, O2, Ar, He, kDiffusing };
constexpr std::array<double, kDiffusing> kMi = {28.0134e-3, 15.9994e-3, 31.9988e-3, 39.948e-3, 4.0026e-3};
constexpr double kMH = 1.00797e-3;
constexpr std::array<double, kDiffusing> kN7 = {1.129794e20, 8.6e16, 3.030898e19, 1.351400e18, 7.5817e14};
constexpr std::array<double, kDiffusing> kAi = {0.0, 6.986e20, 4.863e20, 4.487e20, 1.7e21};
constexpr std::array<double, kDiffusing> kBi = {0.0, 0.75, 0.75, 0.87, 0.691};
constexpr std::array<double, kDiffusing> kAlpha = {0.0, 0.0, 0.0, 0.0, -0.40};
constexpr std::array<double, kDiffusing> kQi = {0.0, -5.809644e-4, 1.366212e-4, 9.434079e-5, -2.457369e-4};
constexpr std::array<double, kDiffusing> kUi = {0.0, 56.90311, 86.0, 86.0, 86.0};
constexpr std::array<double, kDiffusing> kWi = {0.0, 2.706240e-5, 8.333333e-5, 8.333333e-5, 6.666667e-4};
constexpr double kQo = -3.416248e-3, kUo = 97.0, kWo = 5.008765e-4;  // O's second term, below 97 km
// Hydrogen (eqs. 38-40): diffusion constants, thermal-diffusion factor, flux [1/(m^2 s)], density at 500 km.
constexpr double kAH = 3.305e21, kBH = 0.5, kAlphaH = -0.25, kPhiH = 7.2e11, kNH500 = 8.0e10;
constexpr double kK7 = 120.0;  // [m^2/s] eddy diffusion coefficient below 95 km

// Eddy diffusion coefficient K: 120 m^2/s to 95 km, then falling to zero at 115 km.
double eddy(double z) {
  if (z < 95000.0) return kK7;
  if (z >= 115000.0) return 0.0;
  double x = (z - 95000.0) / 1000.0;
  return kK7 * std::exp(1.0 - 400.0 / (400.0 - x * x));
}

// d(y_i)/dz [1/m] with n_i = n_i(86 km) (T7/T) exp(-y_i) (eqs. 36-37). `below_100` selects the mean molecular
// weight of the mixing term: M0 up to 100 km (the air there is still mixed), M(N2) above, as the standard's
// N2 equation uses it; the diffusion coefficient of O and O2 is taken against N2, that of Ar and He against
// N2 + O + O2.
std::array<double, kDiffusing> rates(double z, const std::array<double, kDiffusing>& n, bool below_100) {
  const double t = upper_temperature(z), dtdz = upper_temperature_gradient(z), g = gravity(z);
  const double m = below_100 ? kM0 : kMi[N2];
  const double k = eddy(z);
  const double zk = z / 1000.0;
  std::array<double, kDiffusing> f{};
  f[N2] = m * g / (kRstar * t);
  for (int s = O; s < kDiffusing; ++s) {
    const double background = s == O || s == O2 ? n[N2] : n[N2] + n[O] + n[O2];
    double term;
    if (k > 0.0) {
      const double d = kAi[s] / background * std::pow(t / 273.15, kBi[s]);
      term = g / (kRstar * t) * (d / (d + k)) * (kMi[s] + m * k / d + kAlpha[s] * kRstar * dtdz / g);
    } else {
      term = g / (kRstar * t) * (kMi[s] + kAlpha[s] * kRstar * dtdz / g);
    }
    double v = 0.0;  // vertical transport, negligible above 150 km
    if (zk <= 150.0) {
      double du = zk - kUi[s];
      v = kQi[s] * du * du * std::exp(-kWi[s] * du * du * du);
      if (s == O && zk <= kUo) {
        double du2 = kUo - zk;
        v += kQo * du2 * du2 * std::exp(-kWo * du2 * du2 * du2);
      }
    }
    f[static_cast<std::size_t>(s)] = term + v / 1000.0;  // v is per km
  }
  return f;
}

// Density and total number density on a 100 m grid from 86 to 1000 km, and the ln-slopes beyond 1000 km.
struct UpperTable {
  static constexpr double kStep = 100.0;  // [m]
  std::vector<double> ln_rho, ln_n;
  std::vector<std::array<double, kDiffusing + 1>> species;  // [1/m^3] N2, O, O2, Ar, He, H at each node
  double slope_ln_rho = 0, slope_ln_n = 0;  // [1/m] at 1000 km
};

const UpperTable& upper_table() {
  static const UpperTable table = [] {
    UpperTable out;
    const std::size_t nodes = static_cast<std::size_t>(std::lround((kZ12 - kZ7) / UpperTable::kStep)) + 1;
    std::vector<std::array<double, kDiffusing>> n(nodes);
    std::array<double, kDiffusing> y{};  // the integrals y_i
    auto densities = [](double z, const std::array<double, kDiffusing>& yy) {
      std::array<double, kDiffusing> d{};
      const double ratio = kT7 / upper_temperature(z);
      for (std::size_t s = 0; s < kDiffusing; ++s) d[s] = kN7[s] * ratio * std::exp(-yy[s]);
      return d;
    };
    n[0] = densities(kZ7, y);
    // RK4 in steps of 10 m to 150 km (the species are coupled there through diffusion and mixing), 100 m above;
    // the step boundaries fall on 91, 95, 97, 100, 110, 115, 120 and 150 km, where the integrands change form.
    auto rk4 = [&](double z0, double h) {
      const bool below_100 = z0 + 0.5 * h <= 100000.0;
      auto add = [](const std::array<double, kDiffusing>& a, const std::array<double, kDiffusing>& b, double s) {
        std::array<double, kDiffusing> r{};
        for (std::size_t i = 0; i < kDiffusing; ++i) r[i] = a[i] + s * b[i];
        return r;
      };
      auto k1 = rates(z0, densities(z0, y), below_100);
      auto k2 = rates(z0 + h / 2, densities(z0 + h / 2, add(y, k1, h / 2)), below_100);
      auto k3 = rates(z0 + h / 2, densities(z0 + h / 2, add(y, k2, h / 2)), below_100);
      auto k4 = rates(z0 + h, densities(z0 + h, add(y, k3, h)), below_100);
      for (std::size_t i = 0; i < kDiffusing; ++i) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    };
    for (std::size_t node = 1; node < nodes; ++node) {
      const double z0 = kZ7 + static_cast<double>(node - 1) * UpperTable::kStep;
      if (z0 < 150000.0) {
        for (int sub = 0; sub < 10; ++sub) rk4(z0 + sub * 10.0, 10.0);
      } else {
        rk4(z0, UpperTable::kStep);
      }
      n[node] = densities(z0 + UpperTable::kStep, y);
    }

    // Hydrogen from 150 km (eqs. 38-40): tau(z) = int_500^z g M_H / (R* T); below 500 km the flux term
    // phi int_z^500 (T/T11)^(1+alpha) e^tau / D dz adds to n_H(500).
    std::vector<double> nh(nodes, 0.0);
    const std::size_t i150 = static_cast<std::size_t>(std::lround((150000.0 - kZ7) / UpperTable::kStep));
    const std::size_t i500 = static_cast<std::size_t>(std::lround((500000.0 - kZ7) / UpperTable::kStep));
    const double t11 = upper_temperature(500000.0);
    auto z_of = [](std::size_t i) { return kZ7 + static_cast<double>(i) * UpperTable::kStep; };
    auto tau_rate = [](double z) { return gravity(z) * kMH / (kRstar * upper_temperature(z)); };
    std::vector<double> tau(nodes, 0.0);
    // Simpson's rule on each grid interval (midpoint evaluated directly).
    auto interval = [](auto f, double a, double b) { return (b - a) / 6 * (f(a) + 4 * f((a + b) / 2) + f(b)); };
    for (std::size_t i = i500 + 1; i < nodes; ++i) tau[i] = tau[i - 1] + interval(tau_rate, z_of(i - 1), z_of(i));
    for (std::size_t i = i500; i-- > i150;) tau[i] = tau[i + 1] - interval(tau_rate, z_of(i), z_of(i + 1));
    auto flux_rate = [&](std::size_t i) {
      const auto& c = n[i];
      const double t = upper_temperature(z_of(i));
      const double d = kAH / (c[N2] + c[O] + c[O2] + c[Ar] + c[He]) * std::pow(t / 273.15, kBH);
      return kPhiH / d * std::pow(t / t11, 1.0 + kAlphaH) * std::exp(tau[i]);
    };
    double flux = 0.0;  // int_z^500 of the flux term, trapezoidal on the 100 m grid
    for (std::size_t i = i500 + 1; i-- > i150;) {
      if (i < i500) flux += 0.5 * UpperTable::kStep * (flux_rate(i) + flux_rate(i + 1));
      const double t = upper_temperature(z_of(i));
      nh[i] = (kNH500 + flux) * std::pow(t11 / t, 1.0 + kAlphaH) * std::exp(-tau[i]);
    }
    for (std::size_t i = i500 + 1; i < nodes; ++i)
      nh[i] = kNH500 * std::pow(t11 / upper_temperature(z_of(i)), 1.0 + kAlphaH) * std::exp(-tau[i]);

    out.ln_rho.resize(nodes);
    out.ln_n.resize(nodes);
    out.species.resize(nodes);
    for (std::size_t i = 0; i < nodes; ++i) {
      for (std::size_t s = 0; s < kDiffusing; ++s) out.species[i][s] = n[i][s];
      out.species[i][kDiffusing] = nh[i];
      double mass = nh[i] * kMH, count = nh[i];
      for (std::size_t s = 0; s < kDiffusing; ++s) {
        mass += n[i][s] * kMi[s];
        count += n[i][s];
      }
      out.ln_rho[i] = std::log(mass / kAvogadro);
      out.ln_n[i] = std::log(count);
    }
    out.slope_ln_rho = (out.ln_rho[nodes - 1] - out.ln_rho[nodes - 2]) / UpperTable::kStep;
    out.slope_ln_n = (out.ln_n[nodes - 1] - out.ln_n[nodes - 2]) / UpperTable::kStep;
    return out;
  }();
  return table;
}

Us76Properties upper(double z) {
  const UpperTable& table = upper_table();
  double ln_rho = 0, ln_n = 0;
  const std::size_t last = table.ln_rho.size() - 1;
  if (z >= kZ12) {
    ln_rho = table.ln_rho[last] + table.slope_ln_rho * (z - kZ12);
    ln_n = table.ln_n[last] + table.slope_ln_n * (z - kZ12);
  } else {
    double x = (z - kZ7) / UpperTable::kStep;
    auto i = std::min(static_cast<std::size_t>(x), last - 1);
    double w = x - static_cast<double>(i);
    ln_rho = table.ln_rho[i] + w * (table.ln_rho[i + 1] - table.ln_rho[i]);
    ln_n = table.ln_n[i] + w * (table.ln_n[i + 1] - table.ln_n[i]);
  }
  Us76Properties p;
  p.temperature = upper_temperature(z);
  p.density = std::exp(ln_rho);
  p.number_density = std::exp(ln_n);
  p.pressure = p.number_density * kBoltzmann * p.temperature;
  p.mean_molecular_weight = p.density * kAvogadro / p.number_density;
  p.molecular_temperature = p.temperature * kM0 / p.mean_molecular_weight;
  p.speed_of_sound = std::sqrt(kGamma * kRstar * p.temperature / p.mean_molecular_weight);
  p.geopotential_height = kR0 * z / (kR0 + z);
  return p;
}

}  // namespace

Us76Species us_standard_1976_species(double height) {
  if (!(height >= kZ7 && height <= kZ12))
    throw InputError(fmt::format("US Standard Atmosphere 1976 species: height {} m is outside 86-1000 km, where the "
                                 "standard computes them",
                                 height));
  const UpperTable& table = upper_table();
  const std::size_t last = table.species.size() - 1;
  const double x = (height - kZ7) / UpperTable::kStep;
  const auto i = std::min(static_cast<std::size_t>(x), last - 1);
  const double w = x - static_cast<double>(i);
  std::array<double, kDiffusing + 1> n{};
  for (std::size_t s = 0; s <= kDiffusing; ++s) {
    const double a = table.species[i][s], b = table.species[i + 1][s];
    // In log, as the totals; hydrogen is zero below 150 km, where the log has no meaning.
    n[s] = a > 0.0 && b > 0.0 ? std::exp(std::log(a) + w * (std::log(b) - std::log(a))) : a + w * (b - a);
  }
  return {n[N2], n[O], n[O2], n[Ar], n[He], n[kDiffusing]};
}

Us76Properties us_standard_1976(double height) {
  if (std::isnan(height)) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan, nan, nan, nan, nan, nan};
  }
  if (height < kZ7) return lower(std::max(height, kZmin));
  return upper(std::min(height, 1.0e9));  // far beyond any use, but keeps the extrapolation finite
}

AtmosphereState UsStandardAtmosphere1976::evaluate(const AtmosphereInput& in) const {
  Us76Properties p = us_standard_1976(in.place.height);
  return {p.density, p.temperature};
}

}  // namespace deorbit

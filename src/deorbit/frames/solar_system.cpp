// Sun: Montenbruck & Pfleger, "Astronomy on the Personal Computer", 4th ed. (2000), routine SUN200: Keplerian
// orbit of the Earth plus the perturbations by Venus, Mars, Jupiter, Saturn and the Moon (Newcomb-type series).
// Moon: Meeus (1998) ch. 47, the truncated ELP-2000/82 series (tables 47.A and 47.B), with the Simon et al. (1994)
// mean longitude without light time (as ERFA's eraMoon98). Ecliptic of date -> GCRF: IAU 2006 Fukushima-Williams
// bias-precession angles (ERFA eraPfw06).
#include "deorbit/frames/solar_system.h"

#include <erfa.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>

namespace deorbit {
namespace {

constexpr double kDeg = 0.017453292519943295769;  // [rad]
constexpr double kArcsec = kDeg / 3600.0;         // [rad]
constexpr double kTwoPi = 6.283185307179586477;
constexpr double kAu = 1.49597870700e11;          // [m] IAU 2012 astronomical unit
constexpr double kSecondsPerCentury = 86400.0 * 36525.0;
constexpr double kTtMinusTai = 32.184;  // [s]

// Julian centuries of TT since J2000.0 (2000-01-01T12:00:00 TT). Epoch counts TAI seconds from
// 2000-01-01T12:00:00 TAI, which reads 12:00:32.184 in TT, so TT seconds since J2000.0 are those plus 32.184.
// TDB differs from TT by < 2 ms, which moves the Moon by 2 m along its orbit: the series are evaluated in TT.
double centuries_tt(const Epoch& t) {
  return (static_cast<double>(t.tai_seconds()) + (t.tai_fraction() + kTtMinusTai)) / kSecondsPerCentury;
}

// [rad] a polynomial in degrees reduced to [0, 360) before conversion, so the large linear term keeps its digits.
double reduce_deg(double degrees) { return (degrees - 360.0 * std::floor(degrees / 360.0)) * kDeg; }

// Rotation from the mean ecliptic and equinox of date to GCRF: (Rz(-psi) Rx(phi) Rz(gamma))^T with the IAU 2006
// Fukushima-Williams angles, which include the frame bias (so the result is GCRF, not EME2000).
Mat3 ecliptic_of_date_to_gcrf(double t_centuries) {
  double gamb = 0, phib = 0, psib = 0, epsa = 0;
  eraPfw06(2451545.0, t_centuries * 36525.0, &gamb, &phib, &psib, &epsa);
  // ERFA's eraRz/eraRx rotate the frame: Rz(a) = [[c, s, 0], [-s, c, 0], [0, 0, 1]].
  const auto rz = [](double a) {
    Mat3 m;
    const double c = std::cos(a), s = std::sin(a);
    m << c, s, 0, -s, c, 0, 0, 0, 1;
    return m;
  };
  const auto rx = [](double a) {
    Mat3 m;
    const double c = std::cos(a), s = std::sin(a);
    m << 1, 0, 0, 0, c, s, 0, -s, c;
    return m;
  };
  return (rz(-psib) * rx(phib) * rz(gamb)).transpose();
}

Vec3 spherical_to_cartesian(double longitude, double latitude, double distance) {
  const double cb = std::cos(latitude);
  return {distance * cb * std::cos(longitude), distance * cb * std::sin(longitude), distance * std::sin(latitude)};
}

// Meeus table 47.A: multiples of D, M, M', F; longitude coefficient [1e-6 deg] (sine); distance [m] (cosine).
struct LunarTermLR {
  signed char d, m, mp, f;
  double l, r;
};
constexpr std::array<LunarTermLR, 60> kMoonLR{{
    {0, 0, 1, 0, 6288774, -20905355}, {2, 0, -1, 0, 1274027, -3699111}, {2, 0, 0, 0, 658314, -2955968},
    {0, 0, 2, 0, 213618, -569925},    {0, 1, 0, 0, -185116, 48888},     {0, 0, 0, 2, -114332, -3149},
    {2, 0, -2, 0, 58793, 246158},     {2, -1, -1, 0, 57066, -152138},   {2, 0, 1, 0, 53322, -170733},
    {2, -1, 0, 0, 45758, -204586},    {0, 1, -1, 0, -40923, -129620},   {1, 0, 0, 0, -34720, 108743},
    {0, 1, 1, 0, -30383, 104755},     {2, 0, 0, -2, 15327, 10321},      {0, 0, 1, 2, -12528, 0},
    {0, 0, 1, -2, 10980, 79661},      {4, 0, -1, 0, 10675, -34782},     {0, 0, 3, 0, 10034, -23210},
    {4, 0, -2, 0, 8548, -21636},      {2, 1, -1, 0, -7888, 24208},      {2, 1, 0, 0, -6766, 30824},
    {1, 0, -1, 0, -5163, -8379},      {1, 1, 0, 0, 4987, -16675},       {2, -1, 1, 0, 4036, -12831},
    {2, 0, 2, 0, 3994, -10445},       {4, 0, 0, 0, 3861, -11650},       {2, 0, -3, 0, 3665, 14403},
    {0, 1, -2, 0, -2689, -7003},      {2, 0, -1, 2, -2602, 0},          {2, -1, -2, 0, 2390, 10056},
    {1, 0, 1, 0, -2348, 6322},        {2, -2, 0, 0, 2236, -9884},       {0, 1, 2, 0, -2120, 5751},
    {0, 2, 0, 0, -2069, 0},           {2, -2, -1, 0, 2048, -4950},      {2, 0, 1, -2, -1773, 4130},
    {2, 0, 0, 2, -1595, 0},           {4, -1, -1, 0, 1215, -3958},      {0, 0, 2, 2, -1110, 0},
    {3, 0, -1, 0, -892, 3258},        {2, 1, 1, 0, -810, 2616},         {4, -1, -2, 0, 759, -1897},
    {0, 2, -1, 0, -713, -2117},       {2, 2, -1, 0, -700, 2354},        {2, 1, -2, 0, 691, 0},
    {2, -1, 0, -2, 596, 0},           {4, 0, 1, 0, 549, -1423},         {0, 0, 4, 0, 537, -1117},
    {4, -1, 0, 0, 520, -1571},        {1, 0, -2, 0, -487, -1739},       {2, 1, 0, -2, -399, 0},
    {0, 0, 2, -2, -381, -4421},       {1, 1, 1, 0, 351, 0},             {3, 0, -2, 0, -340, 0},
    {4, 0, -3, 0, 330, 0},            {2, -1, 2, 0, 327, 0},            {0, 2, 1, 0, -323, 1165},
    {1, 1, -1, 0, 299, 0},            {2, 0, 3, 0, 294, 0},             {2, 0, -1, -2, 0, 8752},
}};

// Meeus table 47.B: latitude coefficient [1e-6 deg] (sine).
struct LunarTermB {
  signed char d, m, mp, f;
  double b;
};
constexpr std::array<LunarTermB, 60> kMoonB{{
    {0, 0, 0, 1, 5128122}, {0, 0, 1, 1, 280602},  {0, 0, 1, -1, 277693},  {2, 0, 0, -1, 173237},
    {2, 0, -1, 1, 55413},  {2, 0, -1, -1, 46271}, {2, 0, 0, 1, 32573},    {0, 0, 2, 1, 17198},
    {2, 0, 1, -1, 9266},   {0, 0, 2, -1, 8822},   {2, -1, 0, -1, 8216},   {2, 0, -2, -1, 4324},
    {2, 0, 1, 1, 4200},    {2, 1, 0, -1, -3359},  {2, -1, -1, 1, 2463},   {2, -1, 0, 1, 2211},
    {2, -1, -1, -1, 2065}, {0, 1, -1, -1, -1870}, {4, 0, -1, -1, 1828},   {0, 1, 0, 1, -1794},
    {0, 0, 0, 3, -1749},   {0, 1, -1, 1, -1565},  {1, 0, 0, 1, -1491},    {0, 1, 1, 1, -1475},
    {0, 1, 1, -1, -1410},  {0, 1, 0, -1, -1344},  {1, 0, 0, -1, -1335},   {0, 0, 3, 1, 1107},
    {4, 0, 0, -1, 1021},   {4, 0, -1, 1, 833},    {0, 0, 1, -3, 777},     {4, 0, -2, 1, 671},
    {2, 0, 0, -3, 607},    {2, 0, 2, -1, 596},    {2, -1, 1, -1, 491},    {2, 0, -2, 1, -451},
    {0, 0, 3, -1, 439},    {2, 0, 2, 1, 422},     {2, 0, -3, -1, 421},    {2, 1, -1, 1, -366},
    {2, 1, 0, 1, -351},    {4, 0, 0, 1, 331},     {2, -1, 1, 1, 315},     {2, -2, 0, -1, 302},
    {0, 0, 1, 3, -283},    {2, 1, 1, -1, -229},   {1, 1, 0, -1, 223},     {1, 1, 0, 1, 223},
    {0, 1, -2, -1, -220},  {2, 1, -1, -1, -220},  {1, 0, 1, 1, -185},     {2, -1, -2, -1, 181},
    {0, 1, 2, 1, -177},    {4, 0, -2, -1, 176},   {4, -1, -1, -1, 166},   {1, 0, 1, -1, -164},
    {4, 0, 1, -1, 132},    {1, 0, -1, -1, -119},  {4, -1, 0, -1, 115},    {2, -2, 0, 1, 107},
}};

// Montenbruck & Pfleger, SUN200: perturbations of the Earth's orbit. Arguments earth * M3 + planet * M_planet,
// times T^t_power; coefficients of cos and sin for longitude [arcsec], radius [1e-6 au], latitude [arcsec]. The
// Venus terms include the Keplerian expansion of the Earth's orbit (planet = 0).
struct SolarTerm {
  signed char earth, planet, t_power;
  double dlc, dls, drc, drs, dbc, dbs;
};
constexpr SolarTerm kSunVenus[] = {
    {1, 0, 0, -0.22, 6892.76, -16707.37, -0.54, 0.00, 0.00}, {1, 0, 1, -0.06, -17.35, 42.04, -0.15, 0.00, 0.00},
    {1, 0, 2, -0.01, -0.05, 0.13, -0.02, 0.00, 0.00},        {2, 0, 0, 0.00, 71.98, -139.57, 0.00, 0.00, 0.00},
    {2, 0, 1, 0.00, -0.36, 0.70, 0.00, 0.00, 0.00},          {3, 0, 0, 0.00, 1.04, -1.75, 0.00, 0.00, 0.00},
    {0, -1, 0, 0.03, -0.07, -0.16, -0.07, 0.02, -0.02},      {1, -1, 0, 2.35, -4.23, -4.75, -2.64, 0.00, 0.00},
    {1, -2, 0, -0.10, 0.06, 0.12, 0.20, 0.02, 0.00},         {2, -1, 0, -0.06, -0.03, 0.20, -0.01, 0.01, -0.09},
    {2, -2, 0, -4.70, 2.90, 8.28, 13.42, 0.01, -0.01},       {3, -2, 0, 1.80, -1.74, -1.44, -1.57, 0.04, -0.06},
    {3, -3, 0, -0.67, 0.03, 0.11, 2.43, 0.01, 0.00},         {4, -2, 0, 0.03, -0.03, 0.10, 0.09, 0.01, -0.01},
    {4, -3, 0, 1.51, -0.40, -0.88, -3.36, 0.18, -0.10},      {4, -4, 0, -0.19, -0.09, -0.38, 0.77, 0.00, 0.00},
    {5, -3, 0, 0.76, -0.68, 0.30, 0.37, 0.01, 0.00},         {5, -4, 0, -0.14, -0.04, -0.11, 0.43, -0.03, 0.00},
    {5, -5, 0, -0.05, -0.07, -0.31, 0.21, 0.00, 0.00},       {6, -4, 0, 0.15, -0.04, -0.06, -0.21, 0.01, 0.00},
    {6, -5, 0, -0.03, -0.03, -0.09, 0.09, -0.01, 0.00},      {6, -6, 0, 0.00, -0.04, -0.18, 0.02, 0.00, 0.00},
    {7, -5, 0, -0.12, -0.03, -0.08, 0.31, -0.02, -0.01},
};
constexpr SolarTerm kSunMars[] = {
    {1, -1, 0, -0.22, 0.17, -0.21, -0.27, 0.00, 0.00}, {1, -2, 0, -1.66, 0.62, 0.16, 0.28, 0.00, 0.00},
    {2, -2, 0, 1.96, 0.57, -1.32, 4.55, 0.00, 0.01},   {2, -3, 0, 0.40, 0.15, -0.17, 0.46, 0.00, 0.00},
    {2, -4, 0, 0.53, 0.26, 0.09, -0.22, 0.00, 0.00},   {3, -3, 0, 0.05, 0.12, -0.35, 0.15, 0.00, 0.00},
    {3, -4, 0, -0.13, -0.48, 1.06, -0.29, 0.01, 0.00}, {3, -5, 0, -0.04, -0.20, 0.20, -0.04, 0.00, 0.00},
    {4, -4, 0, 0.00, -0.03, 0.10, 0.04, 0.00, 0.00},   {4, -5, 0, 0.05, -0.07, 0.20, 0.14, 0.00, 0.00},
    {4, -6, 0, -0.10, 0.11, -0.23, -0.22, 0.00, 0.00}, {5, -7, 0, -0.05, 0.00, 0.01, -0.14, 0.00, 0.00},
    {5, -8, 0, 0.05, 0.01, -0.02, 0.10, 0.00, 0.00},
};
constexpr SolarTerm kSunJupiter[] = {
    {-1, -1, 0, 0.01, 0.07, 0.18, -0.02, 0.00, -0.02}, {0, -1, 0, -0.31, 2.58, 0.52, 0.34, 0.02, 0.00},
    {1, -1, 0, -7.21, -0.06, 0.13, -16.27, 0.00, -0.02}, {1, -2, 0, -0.54, -1.52, 3.09, -1.12, 0.01, -0.17},
    {1, -3, 0, -0.03, -0.21, 0.38, -0.06, 0.00, -0.02}, {2, -1, 0, -0.16, 0.05, -0.18, -0.31, 0.01, 0.00},
    {2, -2, 0, 0.14, -2.73, 9.23, 0.48, 0.00, 0.00},    {2, -3, 0, 0.07, -0.55, 1.83, 0.25, 0.01, 0.00},
    {2, -4, 0, 0.02, -0.08, 0.25, 0.06, 0.00, 0.00},    {3, -2, 0, 0.01, -0.07, 0.16, 0.04, 0.00, 0.00},
    {3, -3, 0, -0.16, -0.03, 0.08, -0.64, 0.00, 0.00},  {3, -4, 0, -0.04, -0.01, 0.03, -0.17, 0.00, 0.00},
};
constexpr SolarTerm kSunSaturn[] = {
    {0, -1, 0, 0.00, 0.32, 0.01, 0.00, 0.00, 0.00},   {1, -1, 0, -0.08, -0.41, 0.97, -0.18, 0.00, -0.01},
    {1, -2, 0, 0.04, 0.10, -0.23, 0.10, 0.00, 0.00},  {2, -2, 0, 0.04, 0.10, -0.35, 0.13, 0.00, 0.00},
};

// Largest multiple of each argument in the tables: the arrays of powers below are sized from these, so a table
// edit can never index past them.
template <typename Table, typename Get>
constexpr int max_multiple(const Table& table, Get get) {
  int out = 0;
  for (const auto& term : table) out = std::max(out, get(term) < 0 ? -get(term) : get(term));
  return out;
}
constexpr int kMaxEarth = std::max({max_multiple(kSunVenus, [](const SolarTerm& t) { return int{t.earth}; }),
                                    max_multiple(kSunMars, [](const SolarTerm& t) { return int{t.earth}; }),
                                    max_multiple(kSunJupiter, [](const SolarTerm& t) { return int{t.earth}; }),
                                    max_multiple(kSunSaturn, [](const SolarTerm& t) { return int{t.earth}; })});
constexpr int kMaxVenus = max_multiple(kSunVenus, [](const SolarTerm& t) { return int{t.planet}; });
constexpr int kMaxMars = max_multiple(kSunMars, [](const SolarTerm& t) { return int{t.planet}; });
constexpr int kMaxJupiter = max_multiple(kSunJupiter, [](const SolarTerm& t) { return int{t.planet}; });
constexpr int kMaxSaturn = max_multiple(kSunSaturn, [](const SolarTerm& t) { return int{t.planet}; });
constexpr int kMaxMoonD = std::max(max_multiple(kMoonLR, [](const LunarTermLR& t) { return int{t.d}; }),
                                   max_multiple(kMoonB, [](const LunarTermB& t) { return int{t.d}; }));
constexpr int kMaxMoonM = std::max(max_multiple(kMoonLR, [](const LunarTermLR& t) { return int{t.m}; }),
                                   max_multiple(kMoonB, [](const LunarTermB& t) { return int{t.m}; }));
constexpr int kMaxMoonMp = std::max(max_multiple(kMoonLR, [](const LunarTermLR& t) { return int{t.mp}; }),
                                    max_multiple(kMoonB, [](const LunarTermB& t) { return int{t.mp}; }));
constexpr int kMaxMoonF = std::max(max_multiple(kMoonLR, [](const LunarTermLR& t) { return int{t.f}; }),
                                   max_multiple(kMoonB, [](const LunarTermB& t) { return int{t.f}; }));
static_assert(kMaxJupiter == 4 && kMaxMars == 8 && kMaxMoonMp == 4, "tables as published");

using Complex = std::complex<double>;

// e^{i k x} for k = -K..K, built from one sine and cosine by repeated multiplication: 240 terms then need no
// trigonometric call at all (the series costs ~0.3 us instead of ~3 us with a sin/cos per term).
template <int K>
struct Powers {
  std::array<Complex, 2 * K + 1> z;
  explicit Powers(double x) {
    const Complex e1(std::cos(x), std::sin(x));
    z[K] = 1.0;
    for (int k = 1; k <= K; ++k) {
      z[K + k] = z[K + k - 1] * e1;
      z[K - k] = std::conj(z[K + k]);
    }
  }
  [[nodiscard]] const Complex& operator[](int k) const { return z[K + k]; }
};

// Complex product without the NaN/Inf checks of operator* (which GCC keeps unless -ffast-math).
inline Complex mul(const Complex& a, const Complex& b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

}  // namespace

Vec3 sun_position_gcrf(const Epoch& t) {
  const double tc = centuries_tt(t);
  // Mean anomalies [rad] of Venus, the Earth, Mars, Jupiter, Saturn; Moon's mean elongation D, mean anomaly A and
  // argument of latitude U (Montenbruck & Pfleger, SUN200).
  const auto revolutions = [](double rev) { return kTwoPi * (rev - std::floor(rev)); };
  const double m2 = revolutions(0.1387306 + 162.5485917 * tc);
  const double m3 = revolutions(0.9931266 + 99.9973604 * tc);
  const double m4 = revolutions(0.0543250 + 53.1666028 * tc);
  const double m5 = revolutions(0.0551750 + 8.4293972 * tc);
  const double m6 = revolutions(0.8816500 + 3.3938722 * tc);
  const double d = revolutions(0.8274 + 1236.8531 * tc);
  const double a = revolutions(0.3749 + 1325.5524 * tc);
  const double u = revolutions(0.2591 + 1342.2278 * tc);

  const Powers<kMaxEarth> z3(m3);
  const Powers<kMaxVenus> z2(m2);
  const Powers<kMaxMars> z4(m4);
  const Powers<kMaxJupiter> z5(m5);
  const Powers<kMaxSaturn> z6(m6);
  const std::array<double, 3> t_power{1.0, tc, tc * tc};

  double dl = 0, dr = 0, db = 0;  // [arcsec], [1e-6 au], [arcsec]
  const auto add = [&](const SolarTerm& term, const Complex& zp) {
    const Complex z = mul(z3[term.earth], zp) * t_power[static_cast<std::size_t>(term.t_power)];
    dl += term.dlc * z.real() + term.dls * z.imag();
    dr += term.drc * z.real() + term.drs * z.imag();
    db += term.dbc * z.real() + term.dbs * z.imag();
  };
  for (const auto& term : kSunVenus) add(term, z2[term.planet]);
  for (const auto& term : kSunMars) add(term, z4[term.planet]);
  for (const auto& term : kSunJupiter) add(term, z5[term.planet]);
  for (const auto& term : kSunSaturn) add(term, z6[term.planet]);
  // Difference between the Earth-Moon barycentre and the centre of the Earth.
  // (arguments D, D -+ A, D -+ M3 by complex products: two sines and cosines instead of ten)
  const Complex zd(std::cos(d), std::sin(d)), za(std::cos(a), std::sin(a));
  const Complex d_minus_a = mul(zd, std::conj(za)), d_plus_a = mul(zd, za);
  const Complex d_minus_m3 = mul(zd, z3[-1]), d_plus_m3 = mul(zd, z3[1]);
  dl += 6.45 * zd.imag() - 0.42 * d_minus_a.imag() + 0.18 * d_plus_a.imag() + 0.17 * d_minus_m3.imag() -
        0.06 * d_plus_m3.imag();
  dr += 30.76 * zd.real() - 3.06 * d_minus_a.real() + 0.85 * d_plus_a.real() - 0.58 * d_plus_m3.real() +
        0.57 * d_minus_m3.real();
  db += 0.576 * std::sin(u);
  // Long-period perturbations.
  dl += 6.40 * std::sin(kTwoPi * (0.6983 + 0.0561 * tc)) + 1.87 * std::sin(kTwoPi * (0.5764 + 0.4174 * tc)) +
        0.27 * std::sin(kTwoPi * (0.4189 + 0.3306 * tc)) + 0.20 * std::sin(kTwoPi * (0.3581 + 2.4814 * tc));

  const double longitude = kTwoPi * 0.7859453 + m3 + ((6191.2 + 1.1 * tc) * tc + dl) * kArcsec;
  const double latitude = db * kArcsec;
  const double radius = (1.0001398 - 0.0000007 * tc + dr * 1e-6) * kAu;
  return ecliptic_of_date_to_gcrf(tc) * spherical_to_cartesian(longitude, latitude, radius);
}

Vec3 moon_position_gcrf(const Epoch& t) {
  const double tc = centuries_tt(t);
  // Fundamental arguments (Meeus eq. 47.1-47.5); the mean longitude is Simon et al. (1994), i.e. Meeus's value
  // without the 0.7" light-time correction, because the third-body force needs the geometric position.
  const double lp = reduce_deg(218.31665436 + (481267.88123421 + (-0.0015786 + (1.0 / 538841.0 - tc / 65194000.0) *
                                                                                   tc) * tc) * tc);
  const double d = reduce_deg(297.8501921 + (445267.1114034 + (-0.0018819 + (1.0 / 545868.0 - tc / 113065000.0) *
                                                                                tc) * tc) * tc);
  const double m = reduce_deg(357.5291092 + (35999.0502909 + (-0.0001536 + tc / 24490000.0) * tc) * tc);
  const double mp = reduce_deg(134.9633964 + (477198.8675055 + (0.0087414 + (1.0 / 69699.0 - tc / 14712000.0) *
                                                                                tc) * tc) * tc);
  const double f = reduce_deg(93.2720950 + (483202.0175233 + (-0.0036539 + (-1.0 / 3526000.0 + tc / 863310000.0) *
                                                                              tc) * tc) * tc);
  const double a1 = reduce_deg(119.75 + 131.849 * tc);     // Venus
  const double a2 = reduce_deg(53.09 + 479264.290 * tc);   // Jupiter
  const double a3 = reduce_deg(313.45 + 481266.484 * tc);  // sidereal motion of the Moon
  const double e = 1.0 - (0.002516 + 0.0000074 * tc) * tc;  // decreasing eccentricity of the Earth's orbit
  const std::array<double, 3> e_power{1.0, e, e * e};

  const Powers<kMaxMoonD> zd(d);
  const Powers<kMaxMoonM> zm(m);
  const Powers<kMaxMoonMp> zmp(mp);
  const Powers<kMaxMoonF> zf(f);

  // Additive terms (Meeus p. 338), in 1e-6 deg.
  // (L' -+ F, A1 -+ F, L' -+ M' by complex products)
  const Complex zlp(std::cos(lp), std::sin(lp)), za1(std::cos(a1), std::sin(a1));
  double sum_l = 3958.0 * za1.imag() + 1962.0 * mul(zlp, zf[-1]).imag() + 318.0 * std::sin(a2);
  double sum_r = 0.0;
  double sum_b = -2235.0 * zlp.imag() + 382.0 * std::sin(a3) + 175.0 * mul(za1, zf[-1]).imag() +
                 175.0 * mul(za1, zf[1]).imag() + 127.0 * mul(zlp, zmp[-1]).imag() - 115.0 * mul(zlp, zmp[1]).imag();
  // Smallest terms first, so the large ones are added last.
  for (auto it = kMoonLR.rbegin(); it != kMoonLR.rend(); ++it) {
    const Complex z = mul(mul(zd[it->d], zm[it->m]), mul(zmp[it->mp], zf[it->f]));
    const double scale = e_power[static_cast<std::size_t>(it->m < 0 ? -it->m : it->m)];
    sum_l += scale * it->l * z.imag();
    sum_r += scale * it->r * z.real();
  }
  for (auto it = kMoonB.rbegin(); it != kMoonB.rend(); ++it) {
    const Complex z = mul(mul(zd[it->d], zm[it->m]), mul(zmp[it->mp], zf[it->f]));
    sum_b += e_power[static_cast<std::size_t>(it->m < 0 ? -it->m : it->m)] * it->b * z.imag();
  }
  const double longitude = lp + sum_l * 1e-6 * kDeg;
  const double latitude = sum_b * 1e-6 * kDeg;
  const double distance = 385000560.0 + sum_r;  // [m]
  return ecliptic_of_date_to_gcrf(tc) * spherical_to_cartesian(longitude, latitude, distance);
}

}  // namespace deorbit

namespace deorbit {

Vec3 SolarSystemCache::Track::at(const Epoch& t) {
  double k = (static_cast<double>(t.tai_seconds()) + t.tai_fraction()) / static_cast<double>(spacing_);
  auto h0 = static_cast<std::int64_t>(std::floor(k));
  double u = k - static_cast<double>(h0);
  auto node_epoch = [this](std::int64_t h) { return Epoch::from_tai_seconds(h * spacing_); };
  if (!valid_ || h0 != h0_) {
    if (valid_ && h0 == h0_ + 1) {
      nodes_[0] = nodes_[1];
      nodes_[1] = nodes_[2];
      nodes_[2] = nodes_[3];
      nodes_[3] = f_(node_epoch(h0 + 2));
    } else {
      for (int i = 0; i < 4; ++i) nodes_[i] = f_(node_epoch(h0 - 1 + i));
    }
    h0_ = h0;
    valid_ = true;
  }
  double wa = -u * (u - 1) * (u - 2) / 6, wb = (u + 1) * (u - 1) * (u - 2) / 2;
  double wc = -(u + 1) * u * (u - 2) / 2, wd = (u + 1) * u * (u - 1) / 6;
  return wa * nodes_[0] + wb * nodes_[1] + wc * nodes_[2] + wd * nodes_[3];
}

}  // namespace deorbit

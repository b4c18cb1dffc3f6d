// NRLMSISE-00 (Picone, Hedin, Drob, Aikin 2002, JGR 107(A12) 1468), following the documented behaviour of the
// model's reference implementation (gtd7, gtd7d, gts7, globe7, glob7s, densu, densm and their switches).
//
// Written for speed without changing results beyond round-off:
// - everything that depends only on the inputs (Legendre functions, sines and cosines of local time, day of year,
//   UT and longitude) is computed once per call, not once per coefficient array;
// - phase angles that are coefficients (cos(dr*(doy - p[13])) and the like) are expanded as
//   cos(a)cos(b) + sin(a)sin(b), with cos(b), sin(b) computed once when the tables are loaded;
// - the temperature profile at a height (Bates profile, and the spline below 123.435 km) is evaluated once and
//   shared by all species; each species' density is then one exp().
// The model's rounded constants (dgtr = 1.74533e-2 and so on) are kept: its outputs depend on them.
#include "deorbit/atmosphere/nrlmsise00.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "deorbit/atmosphere/nrlmsise00_coefficients.h"
#include "deorbit/base/constants.h"

namespace deorbit {
namespace nrlmsise00 {
namespace {

constexpr double kDgtr = 1.74533e-2;  // [rad/deg]
constexpr double kDr = 1.72142e-2;    // [rad/d] 2 pi / 365
constexpr double kHr = 0.2618;        // [rad/h]
constexpr double kSr = 7.2722e-5;     // [rad/s]
constexpr double kRgas = 831.4;       // gas constant in the model's units (km, cm/s^2, K)
constexpr double kAmu = 1.66e-24;     // [g]
constexpr double kLn50 = 3.912023005428146;  // log(50): densu caps its exponential factors at 50

constexpr std::array<double, 4> kZn2 = {72.5, 55.0, 45.0, 32.5};
constexpr std::array<double, 5> kZn3 = {32.5, 20.0, 15.0, 10.0, 0.0};
constexpr double kZmix = 62.5;
constexpr std::array<double, 9> kAlpha = {-0.38, 0.0, 0.0, 0.0, 0.17, 0.0, -0.38, 0.0, 0.0};
constexpr std::array<double, 8> kAltl = {200.0, 300.0, 160.0, 250.0, 240.0, 450.0, 320.0, 450.0};

struct CosSin {
  double c = 1;
  double s = 0;
};
CosSin angle(double a) { return {std::cos(a), std::sin(a)}; }
// cos(A - B)
double cos_diff(const CosSin& a, const CosSin& b) { return a.c * b.c + a.s * b.s; }
// angle A + B
CosSin sum(const CosSin& a, const CosSin& b) { return {a.c * b.c - a.s * b.s, a.s * b.c + a.c * b.s}; }

// A coefficient array with its phase angles, ready for globe7 or glob7s.
struct Row {
  const double* p = nullptr;
  CosSin d13, d17x2, d31, d38x2;        // dr*p[13], 2dr*p[17], dr*p[31], 2dr*p[38]
  CosSin h124, h131;                    // hr*p[124], hr*p[131]
  CosSin s58, s71, s75, s79;            // sr*p[58], ...
  CosSin g63, g97, g118, g136;          // dgtr*p[63], ...
  CosSin d81, d86x2, d84, d88x2;        // glob7s only: dr*p[81], 2dr*p[86], dr*p[84], 2dr*p[88]
};

Row make_row(const double* p) {
  Row r;
  r.p = p;
  r.d13 = angle(kDr * p[13]);
  r.d17x2 = angle(2.0 * kDr * p[17]);
  r.d31 = angle(kDr * p[31]);
  r.d38x2 = angle(2.0 * kDr * p[38]);
  r.d81 = angle(kDr * p[81]);
  r.d86x2 = angle(2.0 * kDr * p[86]);
  r.d84 = angle(kDr * p[84]);
  r.d88x2 = angle(2.0 * kDr * p[88]);
  return r;
}

Row make_globe7_row(const double* p) {
  Row r = make_row(p);
  r.h124 = angle(kHr * p[124]);
  r.h131 = angle(kHr * p[131]);
  r.s58 = angle(kSr * p[58]);
  r.s71 = angle(kSr * p[71]);
  r.s75 = angle(kSr * p[75]);
  r.s79 = angle(kSr * p[79]);
  r.g63 = angle(kDgtr * p[63]);
  r.g97 = angle(kDgtr * p[97]);
  r.g118 = angle(kDgtr * p[118]);
  r.g136 = angle(kDgtr * p[136]);
  return r;
}

struct Tables {
  const Coefficients& c;
  Row pt, ps;
  std::array<Row, 9> pd;
  std::array<Row, 4> ptl;
  std::array<Row, 10> pma;
  // log(pdm[k][0] * pd[species][0]): the species' mean density at zlb, so that exp(g) and the profile share one
  // exp(); NaN when not positive (then the plain product is used).
  std::array<double, 9> log_db{};
};

const Tables& tables() {
  static const Tables t = [] {
    const Coefficients& c = coefficients();
    Tables out{c, make_globe7_row(c.pt.data()), make_globe7_row(c.ps.data()), {}, {}, {}};
    for (std::size_t i = 0; i < 9; ++i) out.pd[i] = make_globe7_row(c.pd[i].data());
    for (std::size_t i = 0; i < 4; ++i) out.ptl[i] = make_row(c.ptl[i].data());
    for (std::size_t i = 0; i < 10; ++i) out.pma[i] = make_row(c.pma[i].data());
    // pd row -> pdm row: He 0, O 1, N2 2, O2 3, Ar 4, H 5, N 6, anomalous O 7 (pd row 3 is TLB, no density).
    constexpr std::array<int, 9> pdm_row = {0, 1, 2, -1, 3, 4, 5, 6, 7};
    for (std::size_t i = 0; i < 9; ++i) {
      const double b = pdm_row[i] < 0 ? 0.0 : c.pdm[static_cast<std::size_t>(pdm_row[i])][0] * c.pd[i][0];
      out.log_db[i] = b > 0 ? std::log(b) : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
  }();
  return t;
}

// Switches as the reference's tselec makes them: sw for main effects, swc for cross terms.
struct Flags {
  std::array<double, 24> sw{};
  std::array<double, 24> swc{};
  std::array<double, 24> abs_sw{};
  int sw9 = 1;
  bool metric = false;
  bool standard = true;  // switches 1..23 all on (9 either way): lets globe7 drop its switch arithmetic
  explicit Flags(const Switches& s) {
    for (std::size_t i = 0; i < 24; ++i) {
      if (i != 9) {
        sw[i] = s.sw[i] == 1 ? 1.0 : 0.0;
        swc[i] = s.sw[i] > 0 ? 1.0 : 0.0;
      } else {
        sw[i] = s.sw[i];
        swc[i] = s.sw[i];
      }
      abs_sw[i] = std::fabs(sw[i]);
    }
    sw9 = s.sw[9];
    metric = s.sw[0] == 1;
    for (std::size_t i = 1; i < 24; ++i)
      if (i == 9 ? (s.sw[i] != 1 && s.sw[i] != -1) : s.sw[i] != 1) standard = false;
  }
};

// Values that depend only on inputs which change once a day or once in three hours (day of year, Ap, the ap
// history), kept per thread from one evaluation to the next.
struct DailyMemo {
  int doy = -1;
  CosSin dy1;
  double ap = std::numeric_limits<double>::quiet_NaN(), p43 = 0, p44 = 0, apdf = 0;
  std::array<double, 7> ap_array{};
  double p24 = std::numeric_limits<double>::quiet_NaN(), p25 = 0;
  std::array<double, 7> g0{};
};

DailyMemo& daily_memo() {
  thread_local DailyMemo m;
  return m;
}

// Everything one evaluation shares: inputs, switches, functions of the inputs, and the activity terms the
// reference keeps in globals (apdf, apt[0]: glob7s uses the values left by the latest globe7 call).
struct Context {
  const Input& in;
  const Flags& f;
  const Tables& tab;
  double plg[4][9] = {};
  CosSin tl1, tl2, tl3;  // hr*lst, 2hr*lst, 3hr*lst
  CosSin dy1, dy2;       // dr*doy, 2dr*doy
  CosSin ut;             // sr*sec
  CosSin lo1;            // dgtr*long
  CosSin utlo2;          // sr*sec + 2 dgtr*long
  double df = 0, dfa = 0;
  double apdf = 0, apt0 = 0;
  DailyMemo& memo = daily_memo();
  double gsurf = 0, re = 0;

  Context(const Input& input, const Flags& flags, const Tables& t) : in(input), f(flags), tab(t) {
    const double c = std::sin(in.g_lat * kDgtr);
    const double s = std::cos(in.g_lat * kDgtr);
    const double c2 = c * c, c4 = c2 * c2, s2 = s * s;
    plg[0][1] = c;
    plg[0][2] = 0.5 * (3.0 * c2 - 1.0);
    plg[0][3] = 0.5 * (5.0 * c * c2 - 3.0 * c);
    plg[0][4] = (35.0 * c4 - 30.0 * c2 + 3.0) / 8.0;
    plg[0][5] = (63.0 * c2 * c2 * c - 70.0 * c2 * c + 15.0 * c) / 8.0;
    plg[0][6] = (11.0 * c * plg[0][5] - 5.0 * plg[0][4]) / 6.0;
    plg[1][1] = s;
    plg[1][2] = 3.0 * c * s;
    plg[1][3] = 1.5 * (5.0 * c2 - 1.0) * s;
    plg[1][4] = 2.5 * (7.0 * c2 * c - 3.0 * c) * s;
    plg[1][5] = 1.875 * (21.0 * c4 - 14.0 * c2 + 1.0) * s;
    plg[1][6] = (11.0 * c * plg[1][5] - 6.0 * plg[1][4]) / 5.0;
    plg[2][2] = 3.0 * s2;
    plg[2][3] = 15.0 * s2 * c;
    plg[2][4] = 7.5 * (7.0 * c2 - 1.0) * s2;
    plg[2][5] = 3.0 * c * plg[2][4] - 2.0 * plg[2][3];
    plg[2][6] = (11.0 * c * plg[2][5] - 7.0 * plg[2][4]) / 4.0;
    plg[2][7] = (13.0 * c * plg[2][6] - 8.0 * plg[2][5]) / 5.0;
    plg[3][3] = 15.0 * s2 * s;
    plg[3][4] = 105.0 * s2 * s * c;
    plg[3][5] = (9.0 * c * plg[3][4] - 7. * plg[3][3]) / 2.0;
    plg[3][6] = (11.0 * c * plg[3][5] - 8. * plg[3][4]) / 3.0;

    // Multiple angles by the addition theorem: one sine and cosine per input.
    tl1 = angle(kHr * in.lst);
    tl2 = sum(tl1, tl1);
    tl3 = sum(tl2, tl1);
    if (memo.doy != in.doy) {
      memo.dy1 = angle(kDr * in.doy);
      memo.doy = in.doy;
    }
    dy1 = memo.dy1;
    dy2 = sum(dy1, dy1);
    ut = angle(kSr * in.sec);
    lo1 = angle(kDgtr * in.g_long);
    utlo2 = sum(ut, sum(lo1, lo1));
    df = in.f107 - in.f107A;
    dfa = in.f107A - 150.0;

    // Gravity and effective radius at the latitude (45 deg when switch 2 is off), as the reference's glatf.
    // cos(2 lat) from the Legendre argument unless switch 2 fixes the latitude at 45 deg.
    const double cc2 = f.sw[2] == 0 ? std::cos(2.0 * kDgtr * 45.0) : (s - c) * (s + c);
    gsurf = 980.616 * (1.0 - 0.0026373 * cc2);
    re = 2.0 * gsurf / (3.085462e-6 + 2.27e-9 * cc2) * 1.0e-5;
  }

  [[nodiscard]] double zeta(double zz, double zl) const { return (zz - zl) * (re + zl) / (re + zz); }

  double sg0(double ex, double p24, double p25) {
    // The reference's g0 for each ap of the history; the same (p[24], p[25]) recurs in every table.
    std::array<double, 7>& g0 = memo.g0;
    if (!(p24 == memo.p24 && p25 == memo.p25 && in.ap_array == memo.ap_array)) {
      const double a24 = std::fabs(p24);
      for (std::size_t i = 1; i < 7; ++i) {
        const double a = in.ap_array[i] - 4.0;
        g0[i] = a + (p25 - 1.0) * (a + (std::exp(-a24 * a) - 1.0) / a24);
      }
      memo.p24 = p24;
      memo.p25 = p25;
      memo.ap_array = in.ap_array;
    }
    const double ex2 = ex * ex, ex3 = ex2 * ex, ex4 = ex2 * ex2, ex8 = ex4 * ex4, ex12 = ex8 * ex4;
    const double ex19 = ex12 * ex4 * ex3;
    const double sumex = 1.0 + (1.0 - ex19) / (1.0 - ex) * std::sqrt(ex);
    return (g0[1] + (g0[2] * ex + g0[3] * ex2 + g0[4] * ex3 + (g0[5] * ex4 + g0[6] * ex12) * (1.0 - ex8) / (1.0 - ex))) /
           sumex;
  }

  double activity_apdf(double p43, double p44) {
    if (!(p43 == memo.p43 && p44 == memo.p44 && in.ap == memo.ap)) {
      const double apd = in.ap - 4.0;
      const double k = p43 < 0 ? 1.0e-5 : p43;
      memo.apdf = apd + (p44 - 1.0) * (apd + (std::exp(-k * apd) - 1.0) / k);
      memo.p43 = p43;
      memo.p44 = p44;
      memo.ap = in.ap;
    }
    return memo.apdf;
  }

  // The reference's globe7: G(L) for the upper thermosphere.
  double globe7(const Row& r) { return f.standard ? globe7_impl<true>(r) : globe7_impl<false>(r); }

  static constexpr std::array<double, 24> kOnes = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                   1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

  template <bool kStandard>
  double globe7_impl(const Row& r) {
    const double* p = r.p;
    const auto& sw = kStandard ? kOnes : f.sw;
    const auto& swc = kStandard ? kOnes : f.swc;
    const auto& abs_sw = kStandard ? kOnes : f.abs_sw;
    const double cd32 = cos_diff(dy1, r.d31);
    const double cd18 = cos_diff(dy2, r.d17x2);
    const double cd14 = cos_diff(dy1, r.d13);
    const double cd39 = cos_diff(dy2, r.d38x2);
    double t[14] = {};

    t[0] = p[19] * df * (1.0 + p[59] * dfa) + p[20] * df * df + p[21] * dfa + p[29] * (dfa * dfa);
    const double f1 = 1.0 + (p[47] * dfa + p[19] * df + p[20] * df * df) * swc[1];
    const double f2 = 1.0 + (p[49] * dfa + p[19] * df + p[20] * df * df) * swc[1];
    t[1] = (p[1] * plg[0][2] + p[2] * plg[0][4] + p[22] * plg[0][6]) + (p[14] * plg[0][2]) * dfa * swc[1] +
           p[26] * plg[0][1];
    t[2] = p[18] * cd32;
    t[3] = (p[15] + p[16] * plg[0][2]) * cd18;
    t[4] = f1 * (p[9] * plg[0][1] + p[10] * plg[0][3]) * cd14;
    t[5] = p[37] * plg[0][1] * cd39;
    if (sw[7] != 0) {
      const double t71 = (p[11] * plg[1][2]) * cd14 * swc[5];
      const double t72 = (p[12] * plg[1][2]) * cd14 * swc[5];
      t[6] = f2 * ((p[3] * plg[1][1] + p[4] * plg[1][3] + p[27] * plg[1][5] + t71) * tl1.c +
                   (p[6] * plg[1][1] + p[7] * plg[1][3] + p[28] * plg[1][5] + t72) * tl1.s);
    }
    if (sw[8] != 0) {
      const double t81 = (p[23] * plg[2][3] + p[35] * plg[2][5]) * cd14 * swc[5];
      const double t82 = (p[33] * plg[2][3] + p[36] * plg[2][5]) * cd14 * swc[5];
      t[7] = f2 * ((p[5] * plg[2][2] + p[41] * plg[2][4] + t81) * tl2.c +
                   (p[8] * plg[2][2] + p[42] * plg[2][4] + t82) * tl2.s);
    }
    if (sw[14] != 0) {
      t[13] = f2 * ((p[39] * plg[3][3] + (p[93] * plg[3][4] + p[46] * plg[3][6]) * cd14 * swc[5]) * tl3.s +
                    (p[40] * plg[3][3] + (p[94] * plg[3][4] + p[48] * plg[3][6]) * cd14 * swc[5]) * tl3.c);
    }

    if (f.sw9 == -1) {
      if (p[51] != 0) {
        double exp1 = std::exp(-10800.0 * std::fabs(p[51]) / (1.0 + p[138] * (45.0 - std::fabs(in.g_lat))));
        if (exp1 > 0.99999) exp1 = 0.99999;
        // The reference raises p[24] to 1e-4 in place before use; no table has it lower.
        apt0 = sg0(exp1, std::max(p[24], 1.0e-4), p[25]);
        t[8] = apt0 * (p[50] + p[96] * plg[0][2] + p[54] * plg[0][4] +
                       (p[125] * plg[0][1] + p[126] * plg[0][3] + p[127] * plg[0][5]) * cd14 * swc[5] +
                       (p[128] * plg[1][1] + p[129] * plg[1][3] + p[130] * plg[1][5]) * swc[7] * cos_diff(tl1, r.h131));
      }
    } else {
      apdf = activity_apdf(p[43], p[44]);
      if (sw[9] != 0) {
        t[8] = apdf * (p[32] + p[45] * plg[0][2] + p[34] * plg[0][4] +
                       (p[100] * plg[0][1] + p[101] * plg[0][3] + p[102] * plg[0][5]) * cd14 * swc[5] +
                       (p[121] * plg[1][1] + p[122] * plg[1][3] + p[123] * plg[1][5]) * swc[7] * cos_diff(tl1, r.h124));
      }
    }

    if (sw[10] != 0 && in.g_long > -1000.0) {
      if (sw[11] != 0) {
        t[10] = (1.0 + p[80] * dfa * swc[1]) *
                ((p[64] * plg[1][2] + p[65] * plg[1][4] + p[66] * plg[1][6] + p[103] * plg[1][1] + p[104] * plg[1][3] +
                  p[105] * plg[1][5] + swc[5] * (p[109] * plg[1][1] + p[110] * plg[1][3] + p[111] * plg[1][5]) * cd14) *
                     lo1.c +
                 (p[90] * plg[1][2] + p[91] * plg[1][4] + p[92] * plg[1][6] + p[106] * plg[1][1] + p[107] * plg[1][3] +
                  p[108] * plg[1][5] + swc[5] * (p[112] * plg[1][1] + p[113] * plg[1][3] + p[114] * plg[1][5]) * cd14) *
                     lo1.s);
      }
      if (sw[12] != 0) {
        t[11] = (1.0 + p[95] * plg[0][1]) * (1.0 + p[81] * dfa * swc[1]) * (1.0 + p[119] * plg[0][1] * swc[5] * cd14) *
                ((p[68] * plg[0][1] + p[69] * plg[0][3] + p[70] * plg[0][5]) * cos_diff(ut, r.s71));
        t[11] += swc[11] * (p[76] * plg[2][3] + p[77] * plg[2][5] + p[78] * plg[2][7]) * cos_diff(utlo2, r.s79) *
                 (1.0 + p[137] * dfa * swc[1]);
      }
      if (sw[13] != 0) {
        if (f.sw9 == -1) {
          if (p[51] != 0) {
            t[12] = apt0 * swc[11] * (1. + p[132] * plg[0][1]) *
                        ((p[52] * plg[1][2] + p[98] * plg[1][4] + p[67] * plg[1][6]) * cos_diff(lo1, r.g97)) +
                    apt0 * swc[11] * swc[5] * (p[133] * plg[1][1] + p[134] * plg[1][3] + p[135] * plg[1][5]) * cd14 *
                        cos_diff(lo1, r.g136) +
                    apt0 * swc[12] * (p[55] * plg[0][1] + p[56] * plg[0][3] + p[57] * plg[0][5]) * cos_diff(ut, r.s58);
          }
        } else {
          t[12] = apdf * swc[11] * (1.0 + p[120] * plg[0][1]) *
                      ((p[60] * plg[1][2] + p[61] * plg[1][4] + p[62] * plg[1][6]) * cos_diff(lo1, r.g63)) +
                  apdf * swc[11] * swc[5] * (p[115] * plg[1][1] + p[116] * plg[1][3] + p[117] * plg[1][5]) * cd14 *
                      cos_diff(lo1, r.g118) +
                  apdf * swc[12] * (p[83] * plg[0][1] + p[84] * plg[0][3] + p[85] * plg[0][5]) * cos_diff(ut, r.s75);
        }
      }
    }

    double tinf = p[30];
    for (std::size_t i = 0; i < 14; ++i) tinf += abs_sw[i + 1] * t[i];
    return tinf;
  }

  // The reference's glob7s: G(L) for the lower atmosphere (uses apdf, apt0 of the latest globe7).
  [[nodiscard]] double glob7s(const Row& r) const {
    const double* p = r.p;
    const auto& sw = f.sw;
    const auto& swc = f.swc;
    const double cd32 = cos_diff(dy1, r.d31);
    const double cd18 = cos_diff(dy2, r.d17x2);
    const double cd14 = cos_diff(dy1, r.d13);
    const double cd39 = cos_diff(dy2, r.d38x2);
    double t[14] = {};
    t[0] = p[21] * dfa;
    t[1] = p[1] * plg[0][2] + p[2] * plg[0][4] + p[22] * plg[0][6] + p[26] * plg[0][1] + p[14] * plg[0][3] +
           p[59] * plg[0][5];
    t[2] = (p[18] + p[47] * plg[0][2] + p[29] * plg[0][4]) * cd32;
    t[3] = (p[15] + p[16] * plg[0][2] + p[30] * plg[0][4]) * cd18;
    t[4] = (p[9] * plg[0][1] + p[10] * plg[0][3] + p[20] * plg[0][5]) * cd14;
    t[5] = (p[37] * plg[0][1]) * cd39;
    if (sw[7] != 0) {
      const double t71 = p[11] * plg[1][2] * cd14 * swc[5];
      const double t72 = p[12] * plg[1][2] * cd14 * swc[5];
      t[6] = (p[3] * plg[1][1] + p[4] * plg[1][3] + t71) * tl1.c + (p[6] * plg[1][1] + p[7] * plg[1][3] + t72) * tl1.s;
    }
    if (sw[8] != 0) {
      const double t81 = (p[23] * plg[2][3] + p[35] * plg[2][5]) * cd14 * swc[5];
      const double t82 = (p[33] * plg[2][3] + p[36] * plg[2][5]) * cd14 * swc[5];
      t[7] = (p[5] * plg[2][2] + p[41] * plg[2][4] + t81) * tl2.c + (p[8] * plg[2][2] + p[42] * plg[2][4] + t82) * tl2.s;
    }
    if (sw[14] != 0) t[13] = p[39] * plg[3][3] * tl3.s + p[40] * plg[3][3] * tl3.c;
    if (sw[9] != 0) {
      if (f.sw9 == 1) t[8] = apdf * (p[32] + p[45] * plg[0][2] * swc[2]);
      if (f.sw9 == -1) t[8] = (p[50] * apt0 + p[96] * plg[0][2] * apt0 * swc[2]);
    }
    if (!(sw[10] == 0 || sw[11] == 0 || in.g_long <= -1000.0)) {
      t[10] = (1.0 + plg[0][1] * (p[80] * swc[5] * cos_diff(dy1, r.d81) + p[85] * swc[6] * cos_diff(dy2, r.d86x2)) +
               p[83] * swc[3] * cos_diff(dy1, r.d84) + p[87] * swc[4] * cos_diff(dy2, r.d88x2)) *
              ((p[64] * plg[1][2] + p[65] * plg[1][4] + p[66] * plg[1][6] + p[74] * plg[1][1] + p[75] * plg[1][3] +
                p[76] * plg[1][5]) *
                   lo1.c +
               (p[90] * plg[1][2] + p[91] * plg[1][4] + p[92] * plg[1][6] + p[77] * plg[1][1] + p[78] * plg[1][3] +
                p[79] * plg[1][5]) *
                   lo1.s);
    }
    double tt = 0;
    for (std::size_t i = 0; i < 14; ++i) tt += f.abs_sw[i + 1] * t[i];
    return tt;
  }
};

// Natural cubic spline through n <= 5 nodes with end derivatives yp1, ypn (the reference's spline).
template <std::size_t N>
void spline(const std::array<double, N>& x, const std::array<double, N>& y, std::size_t n, double yp1, double ypn,
            std::array<double, N>& y2) {
  std::array<double, N> u{};
  if (yp1 > 0.99e30) {
    y2[0] = 0;
    u[0] = 0;
  } else {
    y2[0] = -0.5;
    u[0] = (3.0 / (x[1] - x[0])) * ((y[1] - y[0]) / (x[1] - x[0]) - yp1);
  }
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const double sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
    const double p = sig * y2[i - 1] + 2.0;
    y2[i] = (sig - 1.0) / p;
    u[i] = (6.0 * ((y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1])) / (x[i + 1] - x[i - 1]) -
            sig * u[i - 1]) /
           p;
  }
  double qn = 0, un = 0;
  if (!(ypn > 0.99e30)) {
    qn = 0.5;
    un = (3.0 / (x[n - 1] - x[n - 2])) * (ypn - (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]));
  }
  y2[n - 1] = (un - qn * u[n - 2]) / (qn * y2[n - 2] + 1.0);
  for (std::size_t k = n - 1; k-- > 0;) y2[k] = y2[k] * y2[k + 1] + u[k];
}

template <std::size_t N>
double splint(const std::array<double, N>& xa, const std::array<double, N>& ya, const std::array<double, N>& y2a,
              std::size_t n, double x) {
  std::size_t klo = 0, khi = n - 1;
  while (khi - klo > 1) {
    const std::size_t k = (khi + klo) / 2;
    if (xa[k] > x)
      khi = k;
    else
      klo = k;
  }
  const double h = xa[khi] - xa[klo];
  const double a = (xa[khi] - x) / h;
  const double b = (x - xa[klo]) / h;
  return a * ya[klo] + b * ya[khi] + ((a * a * a - a) * y2a[klo] + (b * b * b - b) * y2a[khi]) * h * h / 6.0;
}

// Integral of the spline from xa[0] to x (the reference's splini).
template <std::size_t N>
double splini(const std::array<double, N>& xa, const std::array<double, N>& ya, const std::array<double, N>& y2a,
              std::size_t n, double x) {
  double yi = 0;
  std::size_t klo = 0, khi = 1;
  while (x > xa[klo] && khi < n) {
    double xx = x;
    if (khi < n - 1) xx = x < xa[khi] ? x : xa[khi];
    const double h = xa[khi] - xa[klo];
    const double a = (xa[khi] - xx) / h;
    const double b = (xx - xa[klo]) / h;
    const double a2 = a * a, b2 = b * b;
    yi += ((1.0 - a2) * ya[klo] / 2.0 + b2 * ya[khi] / 2.0 +
           ((-(1.0 + a2 * a2) / 4.0 + a2 / 2.0) * y2a[klo] + (b2 * b2 / 4.0 - b2 / 2.0) * y2a[khi]) * h * h / 6.0) *
          h;
    ++klo;
    ++khi;
  }
  return yi;
}

// The thermosphere's temperature profile for one (tinf, tlb, s): Bates above za, a spline through the lower
// thermosphere nodes below (the reference's densu, split so that each height is evaluated once for all species).
class Thermosphere {
 public:
  struct Point {
    double alt = 0;
    double zg2 = 0;        // geopotential height above zlb
    double tt = 0;         // Bates temperature at max(alt, za)
    double tz = 0;         // temperature at alt
    double log_tlb_tt = 0;
    double yi = 0;         // integral of 1/T from za (below za only)
    double log_t1_tz = 0;  // (below za only)
    bool below = false;
  };

  Thermosphere(const Context& x, double tinf, double tlb, double s, double zlb, const std::array<double, 5>& zn1,
               const std::array<double, 5>& tn1, const std::array<double, 2>& tgn1)
      : x_(x), tinf_(tinf), tlb_(tlb), s_(s), zlb_(zlb), zn1_(zn1), tn1_(tn1), tgn1_(tgn1) {
    glb_zlb_ = x.gsurf / ((1.0 + zlb / x.re) * (1.0 + zlb / x.re));
  }

  [[nodiscard]] Point at(double alt) {
    Point pt;
    pt.alt = alt;
    const double za = zn1_[0];
    if (alt >= za) {
      pt.zg2 = x_.zeta(alt, zlb_);
      pt.tt = bates(pt.zg2);
      pt.tz = pt.tt;
      pt.log_tlb_tt = tinf_ == tlb_ ? 0.0 : pt.tt > 0 ? std::log(tlb_ / pt.tt) : 0.0;
    } else {
      // Below za the Bates part is evaluated at za: the same for every height, computed once.
      build_spline();
      pt.zg2 = zg2_za_;
      pt.tt = t1_;
      pt.tz = pt.tt;
      pt.log_tlb_tt = log_tlb_ta_;
      pt.below = true;
      const double zz = std::max(alt, zn1_[4]);
      const double xs = x_.zeta(zz, zn1_[0]) / zgdif_;
      pt.tz = 1.0 / splint(xs_, ys_, y2_, 5, xs);
      pt.yi = splini(xs_, ys_, y2_, 5, xs);
      pt.log_t1_tz = pt.tz > 0 ? std::log(t1_ / pt.tz) : 0.0;
    }
    return pt;
  }

  //! density(pt, exp(log_dlb), xm, alpha) with a single exp() for the boundary density and the profile.
  [[nodiscard]] double density_log(const Point& pt, double log_dlb, double xm, double alpha) const {
    if (pt.tt <= 0 || (pt.below && pt.tz <= 0)) return density(pt, std::exp(log_dlb), xm, alpha);
    return std::exp(log_dlb + exponent(pt, xm, alpha));
  }

  //! Density at the point of a species of mass xm with thermal diffusion alpha and density dlb at zlb.
  [[nodiscard]] double density(const Point& pt, double dlb, double xm, double alpha) const {
    const double gamma = xm * glb_zlb_ / (s_ * kRgas * tinf_);
    double e = -s_ * gamma * pt.zg2;
    if (e > kLn50 || pt.tt <= 0) e = kLn50;
    if (pt.tt <= 0) {
      // Only reachable with inputs far outside the model's range: keep the reference's form.
      double dens = dlb * std::pow(tlb_ / pt.tt, 1.0 + alpha + gamma) * std::exp(e);
      if (!pt.below) return dens;
      return dens * below_factor(pt, xm, alpha);
    }
    if (pt.below && pt.tz <= 0) {
      return dlb * std::exp((1.0 + alpha + gamma) * pt.log_tlb_tt + e) * below_factor(pt, xm, alpha);
    }
    return dlb * std::exp(exponent(pt, xm, alpha));
  }

 private:
  // log of density / dlb, for tt > 0 and (below za) tz > 0.
  [[nodiscard]] double exponent(const Point& pt, double xm, double alpha) const {
    const double gamma = xm * glb_zlb_ / (s_ * kRgas * tinf_);
    double e = -s_ * gamma * pt.zg2;
    if (e > kLn50) e = kLn50;
    double ex = (1.0 + alpha + gamma) * pt.log_tlb_tt + e;
    if (pt.below) {
      const double gamm = xm * glb_z1_ * zgdif_ / kRgas;
      double expl = gamm * pt.yi;
      if (expl > 50.0) expl = 50.0;
      ex += (1.0 + alpha) * pt.log_t1_tz - expl;
    }
    return ex;
  }

  [[nodiscard]] double below_factor(const Point& pt, double xm, double alpha) const {
    const double gamm = xm * glb_z1_ * zgdif_ / kRgas;
    double expl = gamm * pt.yi;
    if (expl > 50.0 || pt.tz <= 0) expl = 50.0;
    return std::pow(t1_ / pt.tz, 1.0 + alpha) * std::exp(-expl);
  }

  // Bates temperature at geopotential height zg2 above zlb (exact tinf for an isothermal profile).
  [[nodiscard]] double bates(double zg2) const {
    return tinf_ == tlb_ ? tinf_ : tinf_ - (tinf_ - tlb_) * std::exp(-s_ * zg2);
  }

  void build_spline() {
    if (spline_ready_) return;
    const double za = zn1_[0];
    const double re = x_.re;
    zg2_za_ = x_.zeta(za, zlb_);
    const double ta = bates(zg2_za_);
    log_tlb_ta_ = tinf_ == tlb_ ? 0.0 : ta > 0 ? std::log(tlb_ / ta) : 0.0;
    tn1_[0] = ta;
    tgn1_[0] = (tinf_ - ta) * s_ * ((re + zlb_) / (re + za)) * ((re + zlb_) / (re + za));
    const double z1 = zn1_[0], z2 = zn1_[4];
    t1_ = tn1_[0];
    const double t2 = tn1_[4];
    zgdif_ = x_.zeta(z2, z1);
    for (std::size_t k = 0; k < 5; ++k) {
      xs_[k] = x_.zeta(zn1_[k], z1) / zgdif_;
      ys_[k] = 1.0 / tn1_[k];
    }
    const double yd1 = -tgn1_[0] / (t1_ * t1_) * zgdif_;
    const double yd2 = -tgn1_[1] / (t2 * t2) * zgdif_ * (((re + z2) / (re + z1)) * ((re + z2) / (re + z1)));
    spline(xs_, ys_, 5, yd1, yd2, y2_);
    glb_z1_ = x_.gsurf / ((1.0 + z1 / re) * (1.0 + z1 / re));
    spline_ready_ = true;
  }

  const Context& x_;
  double tinf_, tlb_, s_, zlb_;
  std::array<double, 5> zn1_, tn1_;
  std::array<double, 2> tgn1_;
  double glb_zlb_ = 0;
  bool spline_ready_ = false;
  std::array<double, 5> xs_{}, ys_{}, y2_{};
  double zgdif_ = 1, t1_ = 0, glb_z1_ = 0, zg2_za_ = 0, log_tlb_ta_ = 0;
};

// Root mean density of the diffusive and fully mixed densities (the reference's dnet: turbopause correction).
double dnet(double dd, double dm, double zhm, double xmm, double xm) {
  double a = zhm / (xmm - xm);
  if (!(dm > 0 && dd > 0)) {
    if (dd == 0 && dm == 0) dd = 1;
    if (dm == 0) return dd;
    if (dd == 0) return dm;
  }
  const double ylog = a * std::log(dm / dd);
  if (ylog < -10.0) return dd;
  if (ylog > 10.0) return dm;
  a = dd * std::pow(1.0 + std::exp(ylog), 1.0 / a);
  return a;
}

// Chemistry and dissociation correction (the reference's ccor).
double ccor(double alt, double r, double h1, double zh) {
  double e = (alt - zh) / h1;
  if (e > 70) return 1.0;
  if (e < -70) return std::exp(r);
  e = r / (1.0 + std::exp(e));
  return std::exp(e);
}

// O and O2 chemistry and dissociation correction (the reference's ccor2).
double ccor2(double alt, double r, double h1, double zh, double h2) {
  const double e1 = (alt - zh) / h1;
  const double e2 = (alt - zh) / h2;
  if (e1 > 70 || e2 > 70) return 1.0;
  if (e1 < -70 && e2 < -70) return std::exp(r);
  return std::exp(r / (1.0 + 0.5 * (std::exp(e1) + std::exp(e2))));
}

struct ThermoResult {
  Output out;         // cgs
  double dm28 = 0;    // N2 fully mixed density at the altitude
  double tn1_4 = 0;   // temperature node at 72.5 km
  double tgn1_1 = 0;  // temperature gradient at 72.5 km
};

// The reference's gts7: the thermosphere, for alt >= 72.5 km. Always in cgs; gtd7 converts.
ThermoResult gts7(Context& x, double alt) {
  const Coefficients& c = x.tab.c;
  const auto& sw = x.f.sw;
  ThermoResult res;
  Output& o = res.out;
  const double za = c.pdl[1][15];
  const std::array<double, 5> zn1 = {za, 110.0, 100.0, 90.0, 72.5};
  const double z = alt;

  const double tinf = alt > zn1[0] ? c.ptm[0] * c.pt[0] * (1.0 + sw[16] * x.globe7(x.tab.pt)) : c.ptm[0] * c.pt[0];
  o.t[0] = tinf;
  const double g0 = alt > zn1[4] ? c.ptm[3] * c.ps[0] * (1.0 + sw[19] * x.globe7(x.tab.ps)) : c.ptm[3] * c.ps[0];
  const double tlb = c.ptm[1] * (1.0 + sw[17] * x.globe7(x.tab.pd[3])) * c.pd[3][0];
  const double s = g0 / (tinf - tlb);

  std::array<double, 5> tn1{};
  std::array<double, 2> tgn1{};
  if (alt < 300.0) {
    tn1[1] = c.ptm[6] * c.ptl[0][0] / (1.0 - sw[18] * x.glob7s(x.tab.ptl[0]));
    tn1[2] = c.ptm[2] * c.ptl[1][0] / (1.0 - sw[18] * x.glob7s(x.tab.ptl[1]));
    tn1[3] = c.ptm[7] * c.ptl[2][0] / (1.0 - sw[18] * x.glob7s(x.tab.ptl[2]));
    tn1[4] = c.ptm[4] * c.ptl[3][0] / (1.0 - sw[18] * sw[20] * x.glob7s(x.tab.ptl[3]));
    tgn1[1] = c.ptm[8] * c.pma[8][0] * (1.0 + sw[18] * sw[20] * x.glob7s(x.tab.pma[8])) * tn1[4] * tn1[4] /
              ((c.ptm[4] * c.ptl[3][0]) * (c.ptm[4] * c.ptl[3][0]));
  } else {
    tn1[1] = c.ptm[6] * c.ptl[0][0];
    tn1[2] = c.ptm[2] * c.ptl[1][0];
    tn1[3] = c.ptm[7] * c.ptl[2][0];
    tn1[4] = c.ptm[4] * c.ptl[3][0];
    tgn1[1] = c.ptm[8] * c.pma[8][0] * tn1[4] * tn1[4] / ((c.ptm[4] * c.ptl[3][0]) * (c.ptm[4] * c.ptl[3][0]));
  }

  res.tn1_4 = tn1[4];
  res.tgn1_1 = tgn1[1];
  const double zlb = c.ptm[5];
  Thermosphere th(x, tinf, tlb, s, zlb, zn1, tn1, tgn1);
  // Heights at which the profile is needed: the altitude and the turbopause heights; each evaluated once.
  std::array<Thermosphere::Point, 8> cache{};
  std::size_t cached = 0;
  auto point = [&](double h) -> const Thermosphere::Point& {
    for (std::size_t i = 0; i < cached; ++i)
      if (cache[i].alt == h) return cache[i];
    cache[cached] = th.at(h);
    return cache[cached++];
  };
  const Thermosphere::Point& pz = point(z);

  const double g28 = sw[21] * x.globe7(x.tab.pd[2]);
  const double zhf = c.pdl[1][24] * (1.0 + sw[5] * c.pdl[0][24] * x.plg[0][1] * cos_diff(x.dy1, x.tab.pt.d13));
  const double xmm = c.pdm[2][4];

  // N2
  const double db28 = c.pdm[2][0] * std::exp(g28) * c.pd[2][0];
  o.d[2] = th.density(pz, db28, 28.0, kAlpha[2]);
  const double zh28 = c.pdm[2][2] * zhf;
  const double zhm28 = c.pdm[2][3] * c.pdl[1][5];
  const double xmd = 28.0 - xmm;
  const double b28 = th.density(point(zh28), db28, xmd, kAlpha[2] - 1.0);
  if (sw[15] != 0 && z <= kAltl[2]) {
    res.dm28 = th.density(pz, b28, xmm, kAlpha[2]);
    o.d[2] = dnet(o.d[2], res.dm28, zhm28, xmm, 28.0);
  }

  // Diffusive density of a species that is not mixed at this height: one exp() for the boundary variation and the
  // profile (the reference's pdm * exp(g) * pd[0] then densu).
  auto species_density = [&](double log_db, double g, double db_mean, double xm, double alpha) {
    if (std::isnan(log_db)) return th.density(pz, db_mean * std::exp(g), xm, alpha);
    return th.density_log(pz, log_db + g, xm, alpha);
  };

  // He
  const double g4 = sw[21] * x.globe7(x.tab.pd[0]);
  const bool mixed_0 = sw[15] != 0 && z < kAltl[0];
  const double db04 = mixed_0 ? c.pdm[0][0] * std::exp(g4) * c.pd[0][0] : 0.0;
  o.d[0] = mixed_0 ? th.density(pz, db04, 4.0, kAlpha[0]) : species_density(x.tab.log_db[0], g4, c.pdm[0][0] * c.pd[0][0], 4.0, kAlpha[0]);
  if (mixed_0) {
    const double b04 = th.density(point(c.pdm[0][2]), db04, 4.0 - xmm, kAlpha[0] - 1.0);
    const double dm04 = th.density(pz, b04, xmm, 0.0);
    o.d[0] = dnet(o.d[0], dm04, zhm28, xmm, 4.0);
    const double rl = std::log(b28 * c.pdm[0][1] / b04);
    o.d[0] *= ccor(z, rl, c.pdm[0][5] * c.pdl[1][1], c.pdm[0][4] * c.pdl[1][0]);
  }

  // O
  const double g16 = sw[21] * x.globe7(x.tab.pd[1]);
  const bool mixed_1 = sw[15] != 0 && z <= kAltl[1];
  const double db16 = mixed_1 ? c.pdm[1][0] * std::exp(g16) * c.pd[1][0] : 0.0;
  o.d[1] = mixed_1 ? th.density(pz, db16, 16.0, kAlpha[1]) : species_density(x.tab.log_db[1], g16, c.pdm[1][0] * c.pd[1][0], 16.0, kAlpha[1]);
  if (mixed_1) {
    const double b16 = th.density(point(c.pdm[1][2]), db16, 16.0 - xmm, kAlpha[1] - 1.0);
    const double dm16 = th.density(pz, b16, xmm, 0.0);
    o.d[1] = dnet(o.d[1], dm16, zhm28, xmm, 16.0);
    const double rl = c.pdm[1][1] * c.pdl[1][16] * (1.0 + sw[1] * c.pdl[0][23] * (x.in.f107A - 150.0));
    o.d[1] *= ccor2(z, rl, c.pdm[1][5] * c.pdl[1][3], c.pdm[1][4] * c.pdl[1][2], c.pdm[1][5] * c.pdl[1][4]);
    o.d[1] *= ccor(z, c.pdm[1][3] * c.pdl[1][14], c.pdm[1][7] * c.pdl[1][13], c.pdm[1][6] * c.pdl[1][12]);
  }

  // O2
  const double g32 = sw[21] * x.globe7(x.tab.pd[4]);
  const bool mixed_3 = sw[15] != 0 && z <= kAltl[3];
  const double db32 = mixed_3 ? c.pdm[3][0] * std::exp(g32) * c.pd[4][0] : 0.0;
  o.d[3] = mixed_3 ? th.density(pz, db32, 32.0, kAlpha[3]) : species_density(x.tab.log_db[4], g32, c.pdm[3][0] * c.pd[4][0], 32.0, kAlpha[3]);
  if (sw[15] != 0) {
    if (mixed_3) {
      const double b32 = th.density(point(c.pdm[3][2]), db32, 32.0 - xmm, kAlpha[3] - 1.0);
      const double dm32 = th.density(pz, b32, xmm, 0.0);
      o.d[3] = dnet(o.d[3], dm32, zhm28, xmm, 32.0);
      const double rl = std::log(b28 * c.pdm[3][1] / b32);
      o.d[3] *= ccor(z, rl, c.pdm[3][5] * c.pdl[1][7], c.pdm[3][4] * c.pdl[1][6]);
    }
    const double rc32 = c.pdm[3][3] * c.pdl[1][23] * (1. + sw[1] * c.pdl[0][23] * (x.in.f107A - 150.));
    o.d[3] *= ccor2(z, rc32, c.pdm[3][7] * c.pdl[1][22], c.pdm[3][6] * c.pdl[1][21], c.pdm[3][7] * c.pdl[0][22]);
  }

  // Ar
  const double g40 = sw[21] * x.globe7(x.tab.pd[5]);
  const bool mixed_4 = sw[15] != 0 && z <= kAltl[4];
  const double db40 = mixed_4 ? c.pdm[4][0] * std::exp(g40) * c.pd[5][0] : 0.0;
  o.d[4] = mixed_4 ? th.density(pz, db40, 40.0, kAlpha[4]) : species_density(x.tab.log_db[5], g40, c.pdm[4][0] * c.pd[5][0], 40.0, kAlpha[4]);
  if (mixed_4) {
    const double b40 = th.density(point(c.pdm[4][2]), db40, 40.0 - xmm, kAlpha[4] - 1.0);
    const double dm40 = th.density(pz, b40, xmm, 0.0);
    o.d[4] = dnet(o.d[4], dm40, zhm28, xmm, 40.0);
    const double rl = std::log(b28 * c.pdm[4][1] / b40);
    o.d[4] *= ccor(z, rl, c.pdm[4][5] * c.pdl[1][9], c.pdm[4][4] * c.pdl[1][8]);
  }

  // H
  const double g1 = sw[21] * x.globe7(x.tab.pd[6]);
  const bool mixed_6 = sw[15] != 0 && z <= kAltl[6];
  const double db01 = mixed_6 ? c.pdm[5][0] * std::exp(g1) * c.pd[6][0] : 0.0;
  o.d[6] = mixed_6 ? th.density(pz, db01, 1.0, kAlpha[6]) : species_density(x.tab.log_db[6], g1, c.pdm[5][0] * c.pd[6][0], 1.0, kAlpha[6]);
  if (mixed_6) {
    const double b01 = th.density(point(c.pdm[5][2]), db01, 1.0 - xmm, kAlpha[6] - 1.0);
    const double dm01 = th.density(pz, b01, xmm, 0.0);
    o.d[6] = dnet(o.d[6], dm01, zhm28, xmm, 1.0);
    const double rl = std::log(b28 * c.pdm[5][1] * std::fabs(c.pdl[1][17]) / b01);
    o.d[6] *= ccor(z, rl, c.pdm[5][5] * c.pdl[1][11], c.pdm[5][4] * c.pdl[1][10]);
    o.d[6] *= ccor(z, c.pdm[5][3] * c.pdl[1][20], c.pdm[5][7] * c.pdl[1][19], c.pdm[5][6] * c.pdl[1][18]);
  }

  // N
  const double g14 = sw[21] * x.globe7(x.tab.pd[7]);
  const bool mixed_7 = sw[15] != 0 && z <= kAltl[7];
  const double db14 = mixed_7 ? c.pdm[6][0] * std::exp(g14) * c.pd[7][0] : 0.0;
  o.d[7] = mixed_7 ? th.density(pz, db14, 14.0, kAlpha[7]) : species_density(x.tab.log_db[7], g14, c.pdm[6][0] * c.pd[7][0], 14.0, kAlpha[7]);
  if (mixed_7) {
    const double b14 = th.density(point(c.pdm[6][2]), db14, 14.0 - xmm, kAlpha[7] - 1.0);
    const double dm14 = th.density(pz, b14, xmm, 0.0);
    o.d[7] = dnet(o.d[7], dm14, zhm28, xmm, 14.0);
    const double rl = std::log(b28 * c.pdm[6][1] * std::fabs(c.pdl[0][2]) / b14);
    o.d[7] *= ccor(z, rl, c.pdm[6][5] * c.pdl[0][1], c.pdm[6][4] * c.pdl[0][0]);
    o.d[7] *= ccor(z, c.pdm[6][3] * c.pdl[0][5], c.pdm[6][7] * c.pdl[0][4], c.pdm[6][6] * c.pdl[0][3]);
  }

  // Anomalous O: an isothermal profile at tho, with its own spline below za.
  const double g16h = sw[21] * x.globe7(x.tab.pd[8]);
  const double tho = c.pdm[7][9] * c.pdl[0][6];
  Thermosphere hot(x, tho, tho, s, zlb, zn1, tn1, tgn1);
  const double zsht = c.pdm[7][5];
  const double zmho = c.pdm[7][4];
  const double g_zmho = x.gsurf / ((1.0 + zmho / x.re) * (1.0 + zmho / x.re));
  const double zsho = kRgas * tho / (g_zmho * 16.0);
  // Its decay below zmho, folded into the same exp() as the boundary density and the profile.
  const double tail = -zsht / zsho * (std::exp(-(z - zmho) / zsht) - 1.);
  const Thermosphere::Point hz = hot.at(z);
  if (std::isnan(x.tab.log_db[8])) {
    o.d[8] = hot.density(hz, c.pdm[7][0] * std::exp(g16h) * c.pd[8][0], 16.0, kAlpha[8]) * std::exp(tail);
  } else {
    o.d[8] = hot.density_log(hz, x.tab.log_db[8] + g16h + tail, 16.0, kAlpha[8]);
  }

  o.d[5] = kAmu * (4.0 * o.d[0] + 16.0 * o.d[1] + 28.0 * o.d[2] + 32.0 * o.d[3] + 40.0 * o.d[4] + o.d[6] +
                   14.0 * o.d[7]);
  o.t[1] = pz.tz;  // the reference evaluates it at |alt|, and alt >= 72.5 here

  // Below 72.5 km gtd7 needs the N2 mixed density at 72.5 km even if switch 15 is off (the reference would
  // then read a stale global).
  if (!(sw[15] != 0 && z <= kAltl[2])) res.dm28 = th.density(pz, b28, xmm, kAlpha[2]);
  return res;
}

// One spline segment of the reference's densm: temperature at z from the n nodes zn (1/T splined in geopotential
// height), and the density scaled hydrostatically from the segment's top. xm = 0 gives the temperature only.
double densm_segment(const Context& x, double z, double dens, double xm, double& tz, const std::array<double, 5>& zn,
                     std::size_t n, const std::array<double, 5>& tn, const std::array<double, 2>& tgn) {
  const double re = x.re;
  const double z1 = zn[0], z2 = zn[n - 1];
  const double t1 = tn[0], t2 = tn[n - 1];
  const double zg = x.zeta(z, z1);
  const double zgdif = x.zeta(z2, z1);
  std::array<double, 5> xs{}, ys{}, y2{};
  for (std::size_t k = 0; k < n; ++k) {
    xs[k] = x.zeta(zn[k], z1) / zgdif;
    ys[k] = 1.0 / tn[k];
  }
  const double yd1 = -tgn[0] / (t1 * t1) * zgdif;
  const double yd2 = -tgn[1] / (t2 * t2) * zgdif * (((re + z2) / (re + z1)) * ((re + z2) / (re + z1)));
  spline(xs, ys, n, yd1, yd2, y2);
  const double xx = zg / zgdif;
  tz = 1.0 / splint(xs, ys, y2, n, xx);
  if (xm == 0.0) return dens;
  const double glb = x.gsurf / ((1.0 + z1 / re) * (1.0 + z1 / re));
  const double gamm = xm * glb * zgdif / kRgas;
  double expl = gamm * splini(xs, ys, y2, n, xx);
  if (expl > 50.0) expl = 50.0;
  return dens * (t1 / tz) * std::exp(-expl);
}

// Temperature and N2 density below 72.5 km (the reference's densm, its two calls at once): the density scaled
// from d0 at 72.5 km, and the temperature in tz.
double densm(const Context& x, double alt, double d0, double xm, double& tz, const std::array<double, 5>& tn2,
             const std::array<double, 2>& tgn2, const std::array<double, 5>& tn3, const std::array<double, 2>& tgn3) {
  static constexpr std::array<double, 5> zn2 = {kZn2[0], kZn2[1], kZn2[2], kZn2[3], 0.0};
  double dens = densm_segment(x, std::max(alt, kZn2[3]), d0, xm, tz, zn2, 4, tn2, tgn2);
  // At exactly 32.5 km the reference enters the lower segment with nodes it has not set (they are only set below
  // 32.5 km); that segment is the identity there, so it is skipped.
  if (alt >= kZn3[0]) return dens;
  return densm_segment(x, alt, dens, xm, tz, kZn3, 5, tn3, tgn3);
}

// gtd7 in cgs units (densities cm^-3, mass density g/cm^3).
Output gtd7_cgs(const Input& in, const Flags& flags) {
  const Tables& tab = tables();
  const Coefficients& c = tab.c;
  Context x(in, flags, tab);
  const auto& sw = flags.sw;

  const double altt = std::max(in.alt, kZn2[0]);
  const ThermoResult thermo = gts7(x, altt);
  Output o;
  o.t = thermo.out.t;
  if (in.alt >= kZn2[0]) {
    o.d = thermo.out.d;
    return o;
  }

  // Lower mesosphere and upper stratosphere, 32.5 to 72.5 km.
  const double xmm = c.pdm[2][4];
  std::array<double, 5> tn2{};  // 4 nodes used
  std::array<double, 2> tgn2{};
  std::array<double, 5> tn3{};
  std::array<double, 2> tgn3{};
  // The 72.5 km node and gradient continue the thermosphere's (computed by gts7 with its activity terms).
  tgn2[0] = thermo.tgn1_1;
  tn2[0] = thermo.tn1_4;
  tn2[1] = c.pma[0][0] * c.pavgm[0] / (1.0 - sw[20] * x.glob7s(tab.pma[0]));
  tn2[2] = c.pma[1][0] * c.pavgm[1] / (1.0 - sw[20] * x.glob7s(tab.pma[1]));
  tn2[3] = c.pma[2][0] * c.pavgm[2] / (1.0 - sw[20] * sw[22] * x.glob7s(tab.pma[2]));
  tgn2[1] = c.pavgm[8] * c.pma[9][0] * (1.0 + sw[20] * sw[22] * x.glob7s(tab.pma[9])) * tn2[3] * tn2[3] /
            ((c.pma[2][0] * c.pavgm[2]) * (c.pma[2][0] * c.pavgm[2]));
  tn3[0] = tn2[3];
  if (in.alt < kZn3[0]) {
    // Lower stratosphere and troposphere, below 32.5 km.
    tgn3[0] = tgn2[1];
    tn3[1] = c.pma[3][0] * c.pavgm[3] / (1.0 - sw[22] * x.glob7s(tab.pma[3]));
    tn3[2] = c.pma[4][0] * c.pavgm[4] / (1.0 - sw[22] * x.glob7s(tab.pma[4]));
    tn3[3] = c.pma[5][0] * c.pavgm[5] / (1.0 - sw[22] * x.glob7s(tab.pma[5]));
    tn3[4] = c.pma[6][0] * c.pavgm[6] / (1.0 - sw[22] * x.glob7s(tab.pma[6]));
    tgn3[1] = c.pma[7][0] * c.pavgm[7] * (1.0 + sw[22] * x.glob7s(tab.pma[7])) * tn3[4] * tn3[4] /
              ((c.pma[6][0] * c.pavgm[6]) * (c.pma[6][0] * c.pavgm[6]));
  }

  // Linear transition to full mixing below 62.5 km.
  double dmc = 0;
  if (in.alt > kZmix) dmc = 1.0 - (kZn2[0] - in.alt) / (kZn2[0] - kZmix);
  const Output& so = thermo.out;
  const double dz28 = so.d[2];
  const double dm28 = thermo.dm28;

  double tz = 0;
  double dmr = so.d[2] / dm28 - 1.0;
  o.d[2] = densm(x, in.alt, dm28, xmm, tz, tn2, tgn2, tn3, tgn3);
  o.d[2] = o.d[2] * (1.0 + dmr * dmc);
  dmr = so.d[0] / (dz28 * c.pdm[0][1]) - 1.0;
  o.d[0] = o.d[2] * c.pdm[0][1] * (1.0 + dmr * dmc);
  o.d[1] = 0;
  o.d[8] = 0;
  dmr = so.d[3] / (dz28 * c.pdm[3][1]) - 1.0;
  o.d[3] = o.d[2] * c.pdm[3][1] * (1.0 + dmr * dmc);
  dmr = so.d[4] / (dz28 * c.pdm[4][1]) - 1.0;
  o.d[4] = o.d[2] * c.pdm[4][1] * (1.0 + dmr * dmc);
  o.d[6] = 0;
  o.d[7] = 0;
  o.d[5] = kAmu * (4.0 * o.d[0] + 16.0 * o.d[1] + 28.0 * o.d[2] + 32.0 * o.d[3] + 40.0 * o.d[4] + o.d[6] +
                   14.0 * o.d[7]);
  o.t[1] = tz;
  return o;
}

void to_units(Output& o, const Flags& f) {
  if (!f.metric) return;
  for (std::size_t i = 0; i < 9; ++i) o.d[i] *= 1.0e6;
  o.d[5] /= 1000.0;
}

}  // namespace

namespace {

// Flags of the latest switch setting seen by this thread: callers keep one setting for many evaluations.
const Flags& flags_for(const Switches& switches) {
  thread_local Switches last = {};
  thread_local Flags flags{last};
  if (switches.sw != last.sw) {
    last = switches;
    flags = Flags(switches);
  }
  return flags;
}

}  // namespace

Output gtd7(const Input& in, const Switches& switches) {
  const Flags& flags = flags_for(switches);
  Output o = gtd7_cgs(in, flags);
  to_units(o, flags);
  return o;
}

namespace {

Output gtd7d_flags(const Input& in, const Flags& flags) {
  Output o = gtd7_cgs(in, flags);
  o.d[5] = kAmu * (4.0 * o.d[0] + 16.0 * o.d[1] + 28.0 * o.d[2] + 32.0 * o.d[3] + 40.0 * o.d[4] + o.d[6] +
                   14.0 * o.d[7] + 16.0 * o.d[8]);
  to_units(o, flags);
  return o;
}

}  // namespace

Output gtd7d(const Input& in, const Switches& switches) { return gtd7d_flags(in, flags_for(switches)); }

}  // namespace nrlmsise00

namespace {

// Day of year and UTC day boundaries of the latest day seen by this thread: a propagation stays within one day
// for thousands of calls, and the calendar conversion is the costly part of building the inputs.
struct UtcDay {
  std::int64_t start = std::numeric_limits<std::int64_t>::max();  // TAI seconds at 00:00 UTC
  std::int64_t end = std::numeric_limits<std::int64_t>::min();    // TAI seconds at the next 00:00 UTC
  Epoch start_epoch;
  int doy = 1;
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int day_of_year(int y, int m, int d) {
  static constexpr int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  return before[m - 1] + d + (m > 2 && is_leap(y) ? 1 : 0);
}

const UtcDay& utc_day(const Epoch& t) {
  thread_local UtcDay day;
  // A whole-second comparison keeps the fast path exact; day starts are whole TAI seconds after 1972.
  if (t.tai_seconds() >= day.start && t.tai_seconds() < day.end && day.start_epoch.tai_fraction() == 0.0) return day;
  const CalendarTime cal = t.calendar(TimeScale::UTC);
  const Epoch start = Epoch::from_calendar(TimeScale::UTC, {cal.year, cal.month, cal.day, 0, 0, 0.0});
  const CalendarTime next = (start + 90000.0).calendar(TimeScale::UTC);
  const Epoch end = Epoch::from_calendar(TimeScale::UTC, {next.year, next.month, next.day, 0, 0, 0.0});
  day.start_epoch = start;
  day.doy = day_of_year(cal.year, cal.month, cal.day);
  if (start.tai_fraction() == 0.0 && end.tai_fraction() == 0.0) {
    day.start = start.tai_seconds();
    day.end = end.tai_seconds();
  } else {
    day.start = std::numeric_limits<std::int64_t>::max();  // pre-1972 UTC: no cache
    day.end = std::numeric_limits<std::int64_t>::min();
  }
  return day;
}

}  // namespace

namespace {

nrlmsise00::Switches class_switches(bool use_ap_history) {
  nrlmsise00::Switches s;
  s.sw.fill(1);  // [0] = 1: SI output
  s.sw[9] = use_ap_history ? -1 : 1;
  return s;
}

}  // namespace

Nrlmsise00::Nrlmsise00(bool use_ap_history) : switches_(class_switches(use_ap_history)) {
  (void)nrlmsise00::coefficients();  // parse at construction, not in the first evaluation
}

nrlmsise00::Input Nrlmsise00::model_input(const AtmosphereInput& in) const {
  nrlmsise00::Input m;
  const UtcDay& day = utc_day(in.epoch);
  m.doy = day.doy;
  m.sec = in.epoch - day.start_epoch;
  m.alt = std::max(in.place.height, 0.0) / 1000.0;
  m.g_lat = in.place.latitude / constants::deg;
  m.g_long = in.place.longitude / constants::deg;
  m.lst = in.local_solar_time;
  m.f107A = in.weather.f107_81day_centred;
  m.f107 = in.weather.f107_previous_day;
  m.ap = in.weather.ap_daily;
  m.ap_array = in.weather.ap_history;
  return m;
}

AtmosphereState Nrlmsise00::evaluate(const AtmosphereInput& in) const {
  // The two switch settings this class uses, prepared once.
  static const nrlmsise00::Flags daily(class_switches(false)), history(class_switches(true));
  const nrlmsise00::Output o =
      nrlmsise00::gtd7d_flags(model_input(in), switches_.sw[9] == -1 ? history : daily);
  return {o.d[5], o.t[1]};
}

}  // namespace deorbit

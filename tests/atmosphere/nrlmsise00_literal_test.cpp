// The fast NRLMSISE-00 (src/deorbit/atmosphere/nrlmsise00.cpp) against a plain transcription of the model's
// documented algorithm, written here the way the reference implementation is organised (one globe7 per array with
// its own trigonometry, densu per call, densm twice, the activity terms as state left by the latest globe7), over
// a wide random grid of inputs and switch settings: the speed-ups must not change results beyond round-off.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>

#include <gtest/gtest.h>

#include "deorbit/atmosphere/nrlmsise00.h"
#include "deorbit/atmosphere/nrlmsise00_coefficients.h"

namespace deorbit {
namespace {

using nrlmsise00::Coefficients;
using nrlmsise00::Input;
using nrlmsise00::Output;
using nrlmsise00::Switches;

class Literal {
 public:
  Literal(const Input& in, const Switches& s) : in_(in), c_(nrlmsise00::coefficients()) {
    for (int i = 0; i < 24; ++i) {
      if (i != 9) {
        sw_[i] = s.sw[i] == 1 ? 1 : 0;
        swc_[i] = s.sw[i] > 0 ? 1 : 0;
      } else {
        sw_[i] = s.sw[i];
        swc_[i] = s.sw[i];
      }
    }
  }

  Output gtd7() {
    const double zn3[5] = {32.5, 20.0, 15.0, 10.0, 0.0};
    const double zn2[4] = {72.5, 55.0, 45.0, 32.5};
    const double zmix = 62.5;
    glatf(sw_[2] == 0 ? 45.0 : in_.g_lat);
    const double xmm = c_.pdm[2][4];
    const double alt = in_.alt;
    Output so = gts7(std::max(alt, zn2[0]));
    const double dm28m = sw_[0] != 0 ? dm28_ * 1.0e6 : dm28_;
    Output o;
    o.t = so.t;
    if (alt >= zn2[0]) {
      o.d = so.d;
      return o;
    }
    tgn2_[0] = tgn1_[1];
    tn2_[0] = tn1_[4];
    tn2_[1] = c_.pma[0][0] * c_.pavgm[0] / (1.0 - sw_[20] * glob7s(c_.pma[0].data()));
    tn2_[2] = c_.pma[1][0] * c_.pavgm[1] / (1.0 - sw_[20] * glob7s(c_.pma[1].data()));
    tn2_[3] = c_.pma[2][0] * c_.pavgm[2] / (1.0 - sw_[20] * sw_[22] * glob7s(c_.pma[2].data()));
    tgn2_[1] = c_.pavgm[8] * c_.pma[9][0] * (1.0 + sw_[20] * sw_[22] * glob7s(c_.pma[9].data())) * tn2_[3] * tn2_[3] /
               std::pow(c_.pma[2][0] * c_.pavgm[2], 2.0);
    tn3_[0] = tn2_[3];
    if (alt < zn3[0]) {
      tgn3_[0] = tgn2_[1];
      tn3_[1] = c_.pma[3][0] * c_.pavgm[3] / (1.0 - sw_[22] * glob7s(c_.pma[3].data()));
      tn3_[2] = c_.pma[4][0] * c_.pavgm[4] / (1.0 - sw_[22] * glob7s(c_.pma[4].data()));
      tn3_[3] = c_.pma[5][0] * c_.pavgm[5] / (1.0 - sw_[22] * glob7s(c_.pma[5].data()));
      tn3_[4] = c_.pma[6][0] * c_.pavgm[6] / (1.0 - sw_[22] * glob7s(c_.pma[6].data()));
      tgn3_[1] = c_.pma[7][0] * c_.pavgm[7] * (1.0 + sw_[22] * glob7s(c_.pma[7].data())) * tn3_[4] * tn3_[4] /
                 std::pow(c_.pma[6][0] * c_.pavgm[6], 2.0);
    }
    double dmc = 0;
    if (alt > zmix) dmc = 1.0 - (zn2[0] - alt) / (zn2[0] - zmix);
    const double dz28 = so.d[2];
    double tz = 0;
    double dmr = so.d[2] / dm28m - 1.0;
    o.d[2] = densm(alt, dm28m, xmm, tz, zn3, zn2) * (1.0 + dmr * dmc);
    dmr = so.d[0] / (dz28 * c_.pdm[0][1]) - 1.0;
    o.d[0] = o.d[2] * c_.pdm[0][1] * (1.0 + dmr * dmc);
    o.d[1] = 0;
    o.d[8] = 0;
    dmr = so.d[3] / (dz28 * c_.pdm[3][1]) - 1.0;
    o.d[3] = o.d[2] * c_.pdm[3][1] * (1.0 + dmr * dmc);
    dmr = so.d[4] / (dz28 * c_.pdm[4][1]) - 1.0;
    o.d[4] = o.d[2] * c_.pdm[4][1] * (1.0 + dmr * dmc);
    o.d[6] = 0;
    o.d[7] = 0;
    o.d[5] = 1.66e-24 * (4.0 * o.d[0] + 16.0 * o.d[1] + 28.0 * o.d[2] + 32.0 * o.d[3] + 40.0 * o.d[4] + o.d[6] +
                         14.0 * o.d[7]);
    if (sw_[0] != 0) o.d[5] /= 1000;
    (void)densm(alt, 1.0, 0, tz, zn3, zn2);
    o.t[1] = tz;
    return o;
  }

  Output gtd7d() {
    Output o = gtd7();
    o.d[5] = 1.66e-24 * (4.0 * o.d[0] + 16.0 * o.d[1] + 28.0 * o.d[2] + 32.0 * o.d[3] + 40.0 * o.d[4] + o.d[6] +
                         14.0 * o.d[7] + 16.0 * o.d[8]);
    if (sw_[0] != 0) o.d[5] /= 1000;
    return o;
  }

 private:
  static constexpr double dgtr = 1.74533e-2, dr = 1.72142e-2, hr = 0.2618, sr = 7.2722e-5, rgas = 831.4;

  void glatf(double lat) {
    const double c2 = std::cos(2.0 * dgtr * lat);
    gsurf_ = 980.616 * (1.0 - 0.0026373 * c2);
    re_ = 2.0 * gsurf_ / (3.085462e-6 + 2.27e-9 * c2) * 1.0e-5;
  }
  double zeta(double zz, double zl) const { return (zz - zl) * (re_ + zl) / (re_ + zz); }

  static double g0(double a, const double* p) {
    return a - 4.0 + (p[25] - 1.0) * (a - 4.0 + (std::exp(-std::sqrt(p[24] * p[24]) * (a - 4.0)) - 1.0) /
                                                     std::sqrt(p[24] * p[24]));
  }
  static double sumex(double ex) { return 1.0 + (1.0 - std::pow(ex, 19.0)) / (1.0 - ex) * std::pow(ex, 0.5); }
  static double sg0(double ex, const double* p, const std::array<double, 7>& ap) {
    return (g0(ap[1], p) + (g0(ap[2], p) * ex + g0(ap[3], p) * ex * ex + g0(ap[4], p) * std::pow(ex, 3.0) +
                            (g0(ap[5], p) * std::pow(ex, 4.0) + g0(ap[6], p) * std::pow(ex, 12.0)) *
                                (1.0 - std::pow(ex, 8.0)) / (1.0 - ex))) /
           sumex(ex);
  }

  double globe7(const double* pin) {
    std::array<double, 150> p{};
    std::copy(pin, pin + 150, p.begin());
    double t[15] = {};
    const double tloc = in_.lst;
    const double c = std::sin(in_.g_lat * dgtr), s = std::cos(in_.g_lat * dgtr);
    const double c2 = c * c, c4 = c2 * c2, s2 = s * s;
    plg_[0][1] = c;
    plg_[0][2] = 0.5 * (3.0 * c2 - 1.0);
    plg_[0][3] = 0.5 * (5.0 * c * c2 - 3.0 * c);
    plg_[0][4] = (35.0 * c4 - 30.0 * c2 + 3.0) / 8.0;
    plg_[0][5] = (63.0 * c2 * c2 * c - 70.0 * c2 * c + 15.0 * c) / 8.0;
    plg_[0][6] = (11.0 * c * plg_[0][5] - 5.0 * plg_[0][4]) / 6.0;
    plg_[1][1] = s;
    plg_[1][2] = 3.0 * c * s;
    plg_[1][3] = 1.5 * (5.0 * c2 - 1.0) * s;
    plg_[1][4] = 2.5 * (7.0 * c2 * c - 3.0 * c) * s;
    plg_[1][5] = 1.875 * (21.0 * c4 - 14.0 * c2 + 1.0) * s;
    plg_[1][6] = (11.0 * c * plg_[1][5] - 6.0 * plg_[1][4]) / 5.0;
    plg_[2][2] = 3.0 * s2;
    plg_[2][3] = 15.0 * s2 * c;
    plg_[2][4] = 7.5 * (7.0 * c2 - 1.0) * s2;
    plg_[2][5] = 3.0 * c * plg_[2][4] - 2.0 * plg_[2][3];
    plg_[2][6] = (11.0 * c * plg_[2][5] - 7.0 * plg_[2][4]) / 4.0;
    plg_[2][7] = (13.0 * c * plg_[2][6] - 8.0 * plg_[2][5]) / 5.0;
    plg_[3][3] = 15.0 * s2 * s;
    plg_[3][4] = 105.0 * s2 * s * c;
    plg_[3][5] = (9.0 * c * plg_[3][4] - 7. * plg_[3][3]) / 2.0;
    plg_[3][6] = (11.0 * c * plg_[3][5] - 8. * plg_[3][4]) / 3.0;
    if (!((sw_[7] == 0 && sw_[8] == 0) && sw_[14] == 0)) {
      stloc_ = std::sin(hr * tloc);
      ctloc_ = std::cos(hr * tloc);
      s2tloc_ = std::sin(2.0 * hr * tloc);
      c2tloc_ = std::cos(2.0 * hr * tloc);
      s3tloc_ = std::sin(3.0 * hr * tloc);
      c3tloc_ = std::cos(3.0 * hr * tloc);
    }
    const double cd32 = std::cos(dr * (in_.doy - p[31]));
    const double cd18 = std::cos(2.0 * dr * (in_.doy - p[17]));
    const double cd14 = std::cos(dr * (in_.doy - p[13]));
    const double cd39 = std::cos(2.0 * dr * (in_.doy - p[38]));
    const double df = in_.f107 - in_.f107A;
    dfa_ = in_.f107A - 150.0;
    t[0] = p[19] * df * (1.0 + p[59] * dfa_) + p[20] * df * df + p[21] * dfa_ + p[29] * std::pow(dfa_, 2.0);
    const double f1 = 1.0 + (p[47] * dfa_ + p[19] * df + p[20] * df * df) * swc_[1];
    const double f2 = 1.0 + (p[49] * dfa_ + p[19] * df + p[20] * df * df) * swc_[1];
    t[1] = (p[1] * plg_[0][2] + p[2] * plg_[0][4] + p[22] * plg_[0][6]) + (p[14] * plg_[0][2]) * dfa_ * swc_[1] +
           p[26] * plg_[0][1];
    t[2] = p[18] * cd32;
    t[3] = (p[15] + p[16] * plg_[0][2]) * cd18;
    t[4] = f1 * (p[9] * plg_[0][1] + p[10] * plg_[0][3]) * cd14;
    t[5] = p[37] * plg_[0][1] * cd39;
    if (sw_[7] != 0) {
      const double t71 = (p[11] * plg_[1][2]) * cd14 * swc_[5];
      const double t72 = (p[12] * plg_[1][2]) * cd14 * swc_[5];
      t[6] = f2 * ((p[3] * plg_[1][1] + p[4] * plg_[1][3] + p[27] * plg_[1][5] + t71) * ctloc_ +
                   (p[6] * plg_[1][1] + p[7] * plg_[1][3] + p[28] * plg_[1][5] + t72) * stloc_);
    }
    if (sw_[8] != 0) {
      const double t81 = (p[23] * plg_[2][3] + p[35] * plg_[2][5]) * cd14 * swc_[5];
      const double t82 = (p[33] * plg_[2][3] + p[36] * plg_[2][5]) * cd14 * swc_[5];
      t[7] = f2 * ((p[5] * plg_[2][2] + p[41] * plg_[2][4] + t81) * c2tloc_ +
                   (p[8] * plg_[2][2] + p[42] * plg_[2][4] + t82) * s2tloc_);
    }
    if (sw_[14] != 0) {
      t[13] = f2 * ((p[39] * plg_[3][3] + (p[93] * plg_[3][4] + p[46] * plg_[3][6]) * cd14 * swc_[5]) * s3tloc_ +
                    (p[40] * plg_[3][3] + (p[94] * plg_[3][4] + p[48] * plg_[3][6]) * cd14 * swc_[5]) * c3tloc_);
    }
    if (sw_[9] == -1) {
      if (p[51] != 0) {
        double exp1 = std::exp(-10800.0 * std::sqrt(p[51] * p[51]) /
                               (1.0 + p[138] * (45.0 - std::sqrt(in_.g_lat * in_.g_lat))));
        if (exp1 > 0.99999) exp1 = 0.99999;
        if (p[24] < 1.0e-4) p[24] = 1.0e-4;
        apt_ = sg0(exp1, p.data(), in_.ap_array);
        t[8] = apt_ * (p[50] + p[96] * plg_[0][2] + p[54] * plg_[0][4] +
                       (p[125] * plg_[0][1] + p[126] * plg_[0][3] + p[127] * plg_[0][5]) * cd14 * swc_[5] +
                       (p[128] * plg_[1][1] + p[129] * plg_[1][3] + p[130] * plg_[1][5]) * swc_[7] *
                           std::cos(hr * (tloc - p[131])));
      }
    } else {
      const double apd = in_.ap - 4.0;
      double p44 = p[43];
      const double p45 = p[44];
      if (p44 < 0) p44 = 1.0e-5;
      apdf_ = apd + (p45 - 1.0) * (apd + (std::exp(-p44 * apd) - 1.0) / p44);
      if (sw_[9] != 0) {
        t[8] = apdf_ * (p[32] + p[45] * plg_[0][2] + p[34] * plg_[0][4] +
                        (p[100] * plg_[0][1] + p[101] * plg_[0][3] + p[102] * plg_[0][5]) * cd14 * swc_[5] +
                        (p[121] * plg_[1][1] + p[122] * plg_[1][3] + p[123] * plg_[1][5]) * swc_[7] *
                            std::cos(hr * (tloc - p[124])));
      }
    }
    if (sw_[10] != 0 && in_.g_long > -1000.0) {
      if (sw_[11] != 0) {
        t[10] = (1.0 + p[80] * dfa_ * swc_[1]) *
                ((p[64] * plg_[1][2] + p[65] * plg_[1][4] + p[66] * plg_[1][6] + p[103] * plg_[1][1] +
                  p[104] * plg_[1][3] + p[105] * plg_[1][5] +
                  swc_[5] * (p[109] * plg_[1][1] + p[110] * plg_[1][3] + p[111] * plg_[1][5]) * cd14) *
                     std::cos(dgtr * in_.g_long) +
                 (p[90] * plg_[1][2] + p[91] * plg_[1][4] + p[92] * plg_[1][6] + p[106] * plg_[1][1] +
                  p[107] * plg_[1][3] + p[108] * plg_[1][5] +
                  swc_[5] * (p[112] * plg_[1][1] + p[113] * plg_[1][3] + p[114] * plg_[1][5]) * cd14) *
                     std::sin(dgtr * in_.g_long));
      }
      if (sw_[12] != 0) {
        t[11] = (1.0 + p[95] * plg_[0][1]) * (1.0 + p[81] * dfa_ * swc_[1]) *
                (1.0 + p[119] * plg_[0][1] * swc_[5] * cd14) *
                ((p[68] * plg_[0][1] + p[69] * plg_[0][3] + p[70] * plg_[0][5]) * std::cos(sr * (in_.sec - p[71])));
        t[11] += swc_[11] * (p[76] * plg_[2][3] + p[77] * plg_[2][5] + p[78] * plg_[2][7]) *
                 std::cos(sr * (in_.sec - p[79]) + 2.0 * dgtr * in_.g_long) * (1.0 + p[137] * dfa_ * swc_[1]);
      }
      if (sw_[13] != 0) {
        if (sw_[9] == -1) {
          if (p[51] != 0) {
            t[12] = apt_ * swc_[11] * (1. + p[132] * plg_[0][1]) *
                        ((p[52] * plg_[1][2] + p[98] * plg_[1][4] + p[67] * plg_[1][6]) *
                         std::cos(dgtr * (in_.g_long - p[97]))) +
                    apt_ * swc_[11] * swc_[5] * (p[133] * plg_[1][1] + p[134] * plg_[1][3] + p[135] * plg_[1][5]) *
                        cd14 * std::cos(dgtr * (in_.g_long - p[136])) +
                    apt_ * swc_[12] * (p[55] * plg_[0][1] + p[56] * plg_[0][3] + p[57] * plg_[0][5]) *
                        std::cos(sr * (in_.sec - p[58]));
          }
        } else {
          t[12] = apdf_ * swc_[11] * (1.0 + p[120] * plg_[0][1]) *
                      ((p[60] * plg_[1][2] + p[61] * plg_[1][4] + p[62] * plg_[1][6]) *
                       std::cos(dgtr * (in_.g_long - p[63]))) +
                  apdf_ * swc_[11] * swc_[5] * (p[115] * plg_[1][1] + p[116] * plg_[1][3] + p[117] * plg_[1][5]) *
                      cd14 * std::cos(dgtr * (in_.g_long - p[118])) +
                  apdf_ * swc_[12] * (p[83] * plg_[0][1] + p[84] * plg_[0][3] + p[85] * plg_[0][5]) *
                      std::cos(sr * (in_.sec - p[75]));
        }
      }
    }
    double tinf = p[30];
    for (int i = 0; i < 14; ++i) tinf += std::fabs(static_cast<double>(sw_[i + 1])) * t[i];
    return tinf;
  }

  double glob7s(const double* p) const {
    double t[14] = {};
    const double cd32 = std::cos(dr * (in_.doy - p[31]));
    const double cd18 = std::cos(2.0 * dr * (in_.doy - p[17]));
    const double cd14 = std::cos(dr * (in_.doy - p[13]));
    const double cd39 = std::cos(2.0 * dr * (in_.doy - p[38]));
    t[0] = p[21] * dfa_;
    t[1] = p[1] * plg_[0][2] + p[2] * plg_[0][4] + p[22] * plg_[0][6] + p[26] * plg_[0][1] + p[14] * plg_[0][3] +
           p[59] * plg_[0][5];
    t[2] = (p[18] + p[47] * plg_[0][2] + p[29] * plg_[0][4]) * cd32;
    t[3] = (p[15] + p[16] * plg_[0][2] + p[30] * plg_[0][4]) * cd18;
    t[4] = (p[9] * plg_[0][1] + p[10] * plg_[0][3] + p[20] * plg_[0][5]) * cd14;
    t[5] = (p[37] * plg_[0][1]) * cd39;
    if (sw_[7] != 0) {
      const double t71 = p[11] * plg_[1][2] * cd14 * swc_[5];
      const double t72 = p[12] * plg_[1][2] * cd14 * swc_[5];
      t[6] = (p[3] * plg_[1][1] + p[4] * plg_[1][3] + t71) * ctloc_ + (p[6] * plg_[1][1] + p[7] * plg_[1][3] + t72) * stloc_;
    }
    if (sw_[8] != 0) {
      const double t81 = (p[23] * plg_[2][3] + p[35] * plg_[2][5]) * cd14 * swc_[5];
      const double t82 = (p[33] * plg_[2][3] + p[36] * plg_[2][5]) * cd14 * swc_[5];
      t[7] = (p[5] * plg_[2][2] + p[41] * plg_[2][4] + t81) * c2tloc_ +
             (p[8] * plg_[2][2] + p[42] * plg_[2][4] + t82) * s2tloc_;
    }
    if (sw_[14] != 0) t[13] = p[39] * plg_[3][3] * s3tloc_ + p[40] * plg_[3][3] * c3tloc_;
    if (sw_[9] != 0) {
      if (sw_[9] == 1) t[8] = apdf_ * (p[32] + p[45] * plg_[0][2] * swc_[2]);
      if (sw_[9] == -1) t[8] = p[50] * apt_ + p[96] * plg_[0][2] * apt_ * swc_[2];
    }
    if (!(sw_[10] == 0 || sw_[11] == 0 || in_.g_long <= -1000.0)) {
      t[10] = (1.0 + plg_[0][1] * (p[80] * swc_[5] * std::cos(dr * (in_.doy - p[81])) +
                                   p[85] * swc_[6] * std::cos(2.0 * dr * (in_.doy - p[86]))) +
               p[83] * swc_[3] * std::cos(dr * (in_.doy - p[84])) + p[87] * swc_[4] * std::cos(2.0 * dr * (in_.doy - p[88]))) *
              ((p[64] * plg_[1][2] + p[65] * plg_[1][4] + p[66] * plg_[1][6] + p[74] * plg_[1][1] + p[75] * plg_[1][3] +
                p[76] * plg_[1][5]) *
                   std::cos(dgtr * in_.g_long) +
               (p[90] * plg_[1][2] + p[91] * plg_[1][4] + p[92] * plg_[1][6] + p[77] * plg_[1][1] + p[78] * plg_[1][3] +
                p[79] * plg_[1][5]) *
                   std::sin(dgtr * in_.g_long));
    }
    double tt = 0;
    for (int i = 0; i < 14; ++i) tt += std::fabs(static_cast<double>(sw_[i + 1])) * t[i];
    return tt;
  }

  static void spline(const double* x, const double* y, int n, double yp1, double ypn, double* y2) {
    double u[10];
    if (yp1 > 0.99e30) {
      y2[0] = 0;
      u[0] = 0;
    } else {
      y2[0] = -0.5;
      u[0] = (3.0 / (x[1] - x[0])) * ((y[1] - y[0]) / (x[1] - x[0]) - yp1);
    }
    for (int i = 1; i < n - 1; ++i) {
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
    for (int k = n - 2; k >= 0; --k) y2[k] = y2[k] * y2[k + 1] + u[k];
  }
  static double splint(const double* xa, const double* ya, const double* y2a, int n, double x) {
    int klo = 0, khi = n - 1;
    while (khi - klo > 1) {
      const int k = (khi + klo) / 2;
      if (xa[k] > x)
        khi = k;
      else
        klo = k;
    }
    const double h = xa[khi] - xa[klo];
    const double a = (xa[khi] - x) / h, b = (x - xa[klo]) / h;
    return a * ya[klo] + b * ya[khi] + ((a * a * a - a) * y2a[klo] + (b * b * b - b) * y2a[khi]) * h * h / 6.0;
  }
  static double splini(const double* xa, const double* ya, const double* y2a, int n, double x) {
    double yi = 0;
    int klo = 0, khi = 1;
    while (x > xa[klo] && khi < n) {
      double xx = x;
      if (khi < n - 1) xx = x < xa[khi] ? x : xa[khi];
      const double h = xa[khi] - xa[klo];
      const double a = (xa[khi] - xx) / h, b = (xx - xa[klo]) / h;
      const double a2 = a * a, b2 = b * b;
      yi += ((1.0 - a2) * ya[klo] / 2.0 + b2 * ya[khi] / 2.0 +
             ((-(1.0 + a2 * a2) / 4.0 + a2 / 2.0) * y2a[klo] + (b2 * b2 / 4.0 - b2 / 2.0) * y2a[khi]) * h * h / 6.0) *
            h;
      ++klo;
      ++khi;
    }
    return yi;
  }

  double densm(double alt, double d0, double xm, double& tz, const double* zn3, const double* zn2) {
    double xs[10], ys[10], y2out[10];
    double dens = d0;
    if (alt > zn2[0]) return xm == 0.0 ? tz : d0;
    double z = alt > zn2[3] ? alt : zn2[3];
    int mn = 4;
    double z1 = zn2[0], z2 = zn2[mn - 1], t1 = tn2_[0], t2 = tn2_[mn - 1];
    double zg = zeta(z, z1), zgdif = zeta(z2, z1);
    for (int k = 0; k < mn; ++k) {
      xs[k] = zeta(zn2[k], z1) / zgdif;
      ys[k] = 1.0 / tn2_[k];
    }
    double yd1 = -tgn2_[0] / (t1 * t1) * zgdif;
    double yd2 = -tgn2_[1] / (t2 * t2) * zgdif * std::pow((re_ + z2) / (re_ + z1), 2.0);
    spline(xs, ys, mn, yd1, yd2, y2out);
    double x = zg / zgdif;
    tz = 1.0 / splint(xs, ys, y2out, mn, x);
    if (xm != 0.0) {
      const double glb = gsurf_ / std::pow(1.0 + z1 / re_, 2.0);
      const double gamm = xm * glb * zgdif / rgas;
      double expl = gamm * splini(xs, ys, y2out, mn, x);
      if (expl > 50.0) expl = 50.0;
      dens = dens * (t1 / tz) * std::exp(-expl);
    }
    if (alt > zn3[0]) return xm == 0.0 ? tz : dens;
    z = alt;
    mn = 5;
    z1 = zn3[0];
    z2 = zn3[mn - 1];
    t1 = tn3_[0];
    t2 = tn3_[mn - 1];
    zg = zeta(z, z1);
    zgdif = zeta(z2, z1);
    for (int k = 0; k < mn; ++k) {
      xs[k] = zeta(zn3[k], z1) / zgdif;
      ys[k] = 1.0 / tn3_[k];
    }
    yd1 = -tgn3_[0] / (t1 * t1) * zgdif;
    yd2 = -tgn3_[1] / (t2 * t2) * zgdif * std::pow((re_ + z2) / (re_ + z1), 2.0);
    spline(xs, ys, mn, yd1, yd2, y2out);
    x = zg / zgdif;
    tz = 1.0 / splint(xs, ys, y2out, mn, x);
    if (xm != 0.0) {
      const double glb = gsurf_ / std::pow(1.0 + z1 / re_, 2.0);
      const double gamm = xm * glb * zgdif / rgas;
      double expl = gamm * splini(xs, ys, y2out, mn, x);
      if (expl > 50.0) expl = 50.0;
      dens = dens * (t1 / tz) * std::exp(-expl);
    }
    return xm == 0.0 ? tz : dens;
  }

  double densu(double alt, double dlb, double tinf, double tlb, double xm, double alpha, double& tz, double zlb,
               double s2, const double* zn1) {
    const int mn1 = 5;
    double xs[5] = {}, ys[5] = {}, y2out[5] = {};
    const double za = zn1[0];
    double z = alt > za ? alt : za;
    const double zg2 = zeta(z, zlb);
    const double tt = tinf - (tinf - tlb) * std::exp(-s2 * zg2);
    const double ta = tt;
    tz = tt;
    double result = tz;
    double z1 = 0, t1 = 0, zgdif = 0, x = 0;
    if (alt < za) {
      const double dta = (tinf - ta) * s2 * std::pow((re_ + zlb) / (re_ + za), 2.0);
      tgn1_[0] = dta;
      tn1_[0] = ta;
      z = alt > zn1[mn1 - 1] ? alt : zn1[mn1 - 1];
      z1 = zn1[0];
      const double z2 = zn1[mn1 - 1];
      t1 = tn1_[0];
      const double t2 = tn1_[mn1 - 1];
      const double zg = zeta(z, z1);
      zgdif = zeta(z2, z1);
      for (int k = 0; k < mn1; ++k) {
        xs[k] = zeta(zn1[k], z1) / zgdif;
        ys[k] = 1.0 / tn1_[k];
      }
      const double yd1 = -tgn1_[0] / (t1 * t1) * zgdif;
      const double yd2 = -tgn1_[1] / (t2 * t2) * zgdif * std::pow((re_ + z2) / (re_ + z1), 2.0);
      spline(xs, ys, mn1, yd1, yd2, y2out);
      x = zg / zgdif;
      tz = 1.0 / splint(xs, ys, y2out, mn1, x);
      result = tz;
    }
    if (xm == 0) return result;
    double glb = gsurf_ / std::pow(1.0 + zlb / re_, 2.0);
    const double gamma = xm * glb / (s2 * rgas * tinf);
    double expl = std::exp(-s2 * gamma * zg2);
    if (expl > 50.0) expl = 50.0;
    if (tt <= 0) expl = 50.0;
    const double densa = dlb * std::pow(tlb / tt, 1.0 + alpha + gamma) * expl;
    if (alt >= za) return densa;
    glb = gsurf_ / std::pow(1.0 + z1 / re_, 2.0);
    const double gamm = xm * glb * zgdif / rgas;
    expl = gamm * splini(xs, ys, y2out, mn1, x);
    if (expl > 50.0) expl = 50.0;
    if (tz <= 0) expl = 50.0;
    return densa * std::pow(t1 / tz, 1.0 + alpha) * std::exp(-expl);
  }

  static double dnet(double dd, double dm, double zhm, double xmm, double xm) {
    double a = zhm / (xmm - xm);
    if (!(dm > 0 && dd > 0)) {
      if (dd == 0 && dm == 0) dd = 1;
      if (dm == 0) return dd;
      if (dd == 0) return dm;
    }
    const double ylog = a * std::log(dm / dd);
    if (ylog < -10.0) return dd;
    if (ylog > 10.0) return dm;
    return dd * std::pow(1.0 + std::exp(ylog), 1.0 / a);
  }
  static double ccor(double alt, double r, double h1, double zh) {
    double e = (alt - zh) / h1;
    if (e > 70) return std::exp(0.0);
    if (e < -70) return std::exp(r);
    e = r / (1.0 + std::exp(e));
    return std::exp(e);
  }
  static double ccor2(double alt, double r, double h1, double zh, double h2) {
    const double e1 = (alt - zh) / h1, e2 = (alt - zh) / h2;
    if (e1 > 70 || e2 > 70) return std::exp(0.0);
    if (e1 < -70 && e2 < -70) return std::exp(r);
    return std::exp(r / (1.0 + 0.5 * (std::exp(e1) + std::exp(e2))));
  }
  double scalh(double alt, double xm, double temp) const {
    double g = gsurf_ / std::pow(1.0 + alt / re_, 2.0);
    return rgas * temp / (g * xm);
  }

  Output gts7(double alt) {
    double zn1[5] = {120.0, 110.0, 100.0, 90.0, 72.5};
    const double alpha[9] = {-0.38, 0.0, 0.0, 0.0, 0.17, 0.0, -0.38, 0.0, 0.0};
    const double altl[8] = {200.0, 300.0, 160.0, 250.0, 240.0, 450.0, 320.0, 450.0};
    Output o;
    const double za = c_.pdl[1][15];
    zn1[0] = za;
    const double tinf = alt > zn1[0] ? c_.ptm[0] * c_.pt[0] * (1.0 + sw_[16] * globe7(c_.pt.data())) : c_.ptm[0] * c_.pt[0];
    o.t[0] = tinf;
    const double g0v = alt > zn1[4] ? c_.ptm[3] * c_.ps[0] * (1.0 + sw_[19] * globe7(c_.ps.data())) : c_.ptm[3] * c_.ps[0];
    const double tlb = c_.ptm[1] * (1.0 + sw_[17] * globe7(c_.pd[3].data())) * c_.pd[3][0];
    const double s = g0v / (tinf - tlb);
    if (alt < 300.0) {
      tn1_[1] = c_.ptm[6] * c_.ptl[0][0] / (1.0 - sw_[18] * glob7s(c_.ptl[0].data()));
      tn1_[2] = c_.ptm[2] * c_.ptl[1][0] / (1.0 - sw_[18] * glob7s(c_.ptl[1].data()));
      tn1_[3] = c_.ptm[7] * c_.ptl[2][0] / (1.0 - sw_[18] * glob7s(c_.ptl[2].data()));
      tn1_[4] = c_.ptm[4] * c_.ptl[3][0] / (1.0 - sw_[18] * sw_[20] * glob7s(c_.ptl[3].data()));
      tgn1_[1] = c_.ptm[8] * c_.pma[8][0] * (1.0 + sw_[18] * sw_[20] * glob7s(c_.pma[8].data())) * tn1_[4] * tn1_[4] /
                 std::pow(c_.ptm[4] * c_.ptl[3][0], 2.0);
    } else {
      tn1_[1] = c_.ptm[6] * c_.ptl[0][0];
      tn1_[2] = c_.ptm[2] * c_.ptl[1][0];
      tn1_[3] = c_.ptm[7] * c_.ptl[2][0];
      tn1_[4] = c_.ptm[4] * c_.ptl[3][0];
      tgn1_[1] = c_.ptm[8] * c_.pma[8][0] * tn1_[4] * tn1_[4] / std::pow(c_.ptm[4] * c_.ptl[3][0], 2.0);
    }
    const double g28 = sw_[21] * globe7(c_.pd[2].data());
    const double zhf = c_.pdl[1][24] * (1.0 + sw_[5] * c_.pdl[0][24] * std::sin(dgtr * in_.g_lat) *
                                                  std::cos(dr * (in_.doy - c_.pt[13])));
    const double xmm = c_.pdm[2][4];
    const double z = alt;
    double tz = 0;
    const double zl = c_.ptm[5];
    // N2
    const double db28 = c_.pdm[2][0] * std::exp(g28) * c_.pd[2][0];
    o.d[2] = densu(z, db28, tinf, tlb, 28.0, alpha[2], o.t[1], zl, s, zn1);
    const double zh28 = c_.pdm[2][2] * zhf;
    const double zhm28 = c_.pdm[2][3] * c_.pdl[1][5];
    const double b28 = densu(zh28, db28, tinf, tlb, 28.0 - xmm, alpha[2] - 1.0, tz, zl, s, zn1);
    dm28_ = 0;
    if (sw_[15] != 0 && z <= altl[2]) {
      dm28_ = densu(z, b28, tinf, tlb, xmm, alpha[2], tz, zl, s, zn1);
      o.d[2] = dnet(o.d[2], dm28_, zhm28, xmm, 28.0);
    }
    // He
    const double g4 = sw_[21] * globe7(c_.pd[0].data());
    const double db04 = c_.pdm[0][0] * std::exp(g4) * c_.pd[0][0];
    o.d[0] = densu(z, db04, tinf, tlb, 4., alpha[0], o.t[1], zl, s, zn1);
    if (sw_[15] != 0 && z < altl[0]) {
      const double b04 = densu(c_.pdm[0][2], db04, tinf, tlb, 4. - xmm, alpha[0] - 1., o.t[1], zl, s, zn1);
      const double dm04 = densu(z, b04, tinf, tlb, xmm, 0., o.t[1], zl, s, zn1);
      o.d[0] = dnet(o.d[0], dm04, zhm28, xmm, 4.);
      const double rl = std::log(b28 * c_.pdm[0][1] / b04);
      o.d[0] *= ccor(z, rl, c_.pdm[0][5] * c_.pdl[1][1], c_.pdm[0][4] * c_.pdl[1][0]);
    }
    // O
    const double g16 = sw_[21] * globe7(c_.pd[1].data());
    const double db16 = c_.pdm[1][0] * std::exp(g16) * c_.pd[1][0];
    o.d[1] = densu(z, db16, tinf, tlb, 16., alpha[1], o.t[1], zl, s, zn1);
    if (sw_[15] != 0 && z <= altl[1]) {
      const double b16 = densu(c_.pdm[1][2], db16, tinf, tlb, 16.0 - xmm, alpha[1] - 1.0, o.t[1], zl, s, zn1);
      const double dm16 = densu(z, b16, tinf, tlb, xmm, 0., o.t[1], zl, s, zn1);
      o.d[1] = dnet(o.d[1], dm16, zhm28, xmm, 16.);
      const double rl = c_.pdm[1][1] * c_.pdl[1][16] * (1.0 + sw_[1] * c_.pdl[0][23] * (in_.f107A - 150.0));
      o.d[1] *= ccor2(z, rl, c_.pdm[1][5] * c_.pdl[1][3], c_.pdm[1][4] * c_.pdl[1][2], c_.pdm[1][5] * c_.pdl[1][4]);
      o.d[1] *= ccor(z, c_.pdm[1][3] * c_.pdl[1][14], c_.pdm[1][7] * c_.pdl[1][13], c_.pdm[1][6] * c_.pdl[1][12]);
    }
    // O2
    const double g32 = sw_[21] * globe7(c_.pd[4].data());
    const double db32 = c_.pdm[3][0] * std::exp(g32) * c_.pd[4][0];
    o.d[3] = densu(z, db32, tinf, tlb, 32., alpha[3], o.t[1], zl, s, zn1);
    if (sw_[15] != 0) {
      if (z <= altl[3]) {
        const double b32 = densu(c_.pdm[3][2], db32, tinf, tlb, 32. - xmm, alpha[3] - 1., o.t[1], zl, s, zn1);
        const double dm32 = densu(z, b32, tinf, tlb, xmm, 0., o.t[1], zl, s, zn1);
        o.d[3] = dnet(o.d[3], dm32, zhm28, xmm, 32.);
        const double rl = std::log(b28 * c_.pdm[3][1] / b32);
        o.d[3] *= ccor(z, rl, c_.pdm[3][5] * c_.pdl[1][7], c_.pdm[3][4] * c_.pdl[1][6]);
      }
      const double rc32 = c_.pdm[3][3] * c_.pdl[1][23] * (1. + sw_[1] * c_.pdl[0][23] * (in_.f107A - 150.));
      o.d[3] *= ccor2(z, rc32, c_.pdm[3][7] * c_.pdl[1][22], c_.pdm[3][6] * c_.pdl[1][21], c_.pdm[3][7] * c_.pdl[0][22]);
    }
    // Ar
    const double g40 = sw_[21] * globe7(c_.pd[5].data());
    const double db40 = c_.pdm[4][0] * std::exp(g40) * c_.pd[5][0];
    o.d[4] = densu(z, db40, tinf, tlb, 40., alpha[4], o.t[1], zl, s, zn1);
    if (sw_[15] != 0 && z <= altl[4]) {
      const double b40 = densu(c_.pdm[4][2], db40, tinf, tlb, 40. - xmm, alpha[4] - 1., o.t[1], zl, s, zn1);
      const double dm40 = densu(z, b40, tinf, tlb, xmm, 0., o.t[1], zl, s, zn1);
      o.d[4] = dnet(o.d[4], dm40, zhm28, xmm, 40.);
      const double rl = std::log(b28 * c_.pdm[4][1] / b40);
      o.d[4] *= ccor(z, rl, c_.pdm[4][5] * c_.pdl[1][9], c_.pdm[4][4] * c_.pdl[1][8]);
    }
    // H
    const double g1 = sw_[21] * globe7(c_.pd[6].data());
    const double db01 = c_.pdm[5][0] * std::exp(g1) * c_.pd[6][0];
    o.d[6] = densu(z, db01, tinf, tlb, 1., alpha[6], o.t[1], zl, s, zn1);
    if (sw_[15] != 0 && z <= altl[6]) {
      const double b01 = densu(c_.pdm[5][2], db01, tinf, tlb, 1. - xmm, alpha[6] - 1., o.t[1], zl, s, zn1);
      const double dm01 = densu(z, b01, tinf, tlb, xmm, 0., o.t[1], zl, s, zn1);
      o.d[6] = dnet(o.d[6], dm01, zhm28, xmm, 1.);
      const double rl = std::log(b28 * c_.pdm[5][1] * std::sqrt(c_.pdl[1][17] * c_.pdl[1][17]) / b01);
      o.d[6] *= ccor(z, rl, c_.pdm[5][5] * c_.pdl[1][11], c_.pdm[5][4] * c_.pdl[1][10]);
      o.d[6] *= ccor(z, c_.pdm[5][3] * c_.pdl[1][20], c_.pdm[5][7] * c_.pdl[1][19], c_.pdm[5][6] * c_.pdl[1][18]);
    }
    // N
    const double g14 = sw_[21] * globe7(c_.pd[7].data());
    const double db14 = c_.pdm[6][0] * std::exp(g14) * c_.pd[7][0];
    o.d[7] = densu(z, db14, tinf, tlb, 14., alpha[7], o.t[1], zl, s, zn1);
    if (sw_[15] != 0 && z <= altl[7]) {
      const double b14 = densu(c_.pdm[6][2], db14, tinf, tlb, 14. - xmm, alpha[7] - 1., o.t[1], zl, s, zn1);
      const double dm14 = densu(z, b14, tinf, tlb, xmm, 0., o.t[1], zl, s, zn1);
      o.d[7] = dnet(o.d[7], dm14, zhm28, xmm, 14.);
      const double rl = std::log(b28 * c_.pdm[6][1] * std::sqrt(c_.pdl[0][2] * c_.pdl[0][2]) / b14);
      o.d[7] *= ccor(z, rl, c_.pdm[6][5] * c_.pdl[0][1], c_.pdm[6][4] * c_.pdl[0][0]);
      o.d[7] *= ccor(z, c_.pdm[6][3] * c_.pdl[0][5], c_.pdm[6][7] * c_.pdl[0][4], c_.pdm[6][6] * c_.pdl[0][3]);
    }
    // anomalous O
    const double g16h = sw_[21] * globe7(c_.pd[8].data());
    const double db16h = c_.pdm[7][0] * std::exp(g16h) * c_.pd[8][0];
    const double tho = c_.pdm[7][9] * c_.pdl[0][6];
    const double dd = densu(z, db16h, tho, tho, 16., alpha[8], o.t[1], zl, s, zn1);
    const double zsht = c_.pdm[7][5], zmho = c_.pdm[7][4];
    const double zsho = scalh(zmho, 16.0, tho);
    o.d[8] = dd * std::exp(-zsht / zsho * (std::exp(-(z - zmho) / zsht) - 1.));
    o.d[5] = 1.66e-24 * (4.0 * o.d[0] + 16.0 * o.d[1] + 28.0 * o.d[2] + 32.0 * o.d[3] + 40.0 * o.d[4] + o.d[6] +
                         14.0 * o.d[7]);
    (void)densu(std::sqrt(alt * alt), 1.0, tinf, tlb, 0.0, 0.0, o.t[1], zl, s, zn1);
    if (sw_[0] != 0) {
      for (int i = 0; i < 9; ++i) o.d[i] *= 1.0e6;
      o.d[5] /= 1000;
    }
    return o;
  }

  const Input& in_;
  const Coefficients& c_;
  int sw_[24] = {};
  int swc_[24] = {};
  double gsurf_ = 0, re_ = 0, dm28_ = 0;
  double plg_[4][9] = {};
  double ctloc_ = 0, stloc_ = 0, c2tloc_ = 0, s2tloc_ = 0, c3tloc_ = 0, s3tloc_ = 0;
  double dfa_ = 0, apdf_ = 0, apt_ = 0;
  double tn1_[5] = {}, tn2_[4] = {}, tn3_[5] = {}, tgn1_[2] = {}, tgn2_[2] = {}, tgn3_[2] = {};
};

double rel(double a, double b) {
  if (a == b) return 0;
  return std::fabs(a - b) / std::max(std::fabs(a), std::fabs(b));
}

TEST(Nrlmsise00Literal, FastEqualsPlainTranscriptionToRoundOff) {
  std::mt19937_64 rng(20021468);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  double worst = 0;
  int cases = 0;
  for (int n = 0; n < 20000; ++n) {
    Input in;
    in.doy = 1 + static_cast<int>(u(rng) * 366);
    in.sec = u(rng) * 86400;
    // Mostly the thermosphere, with many points in the lower thermosphere and below 72.5 km.
    const double pick = u(rng);
    in.alt = pick < 0.4 ? 72.5 + u(rng) * 927.5 : pick < 0.7 ? 72.5 + u(rng) * 130 : pick < 0.95 ? u(rng) * 72.5 : 1000 + u(rng) * 1000;
    in.g_lat = -90 + 180 * u(rng);
    in.g_long = -180 + 360 * u(rng);
    in.lst = 24 * u(rng);
    in.f107A = 65 + 200 * u(rng);
    in.f107 = std::max(60.0, in.f107A + 80 * (u(rng) - 0.5));
    in.ap = 400 * u(rng) * u(rng);
    for (double& a : in.ap_array) a = 400 * u(rng) * u(rng);
    Switches sw;
    sw.sw[0] = u(rng) < 0.5 ? 0 : 1;
    sw.sw[9] = u(rng) < 0.5 ? 1 : -1;
    if (u(rng) < 0.2)  // some switch settings other than all-on: 0 and 2 (cross terms only)
      for (int i = 1; i < 24; ++i)
        if (i != 9 && u(rng) < 0.2) sw.sw[i] = u(rng) < 0.5 ? 0 : 2;
    if (sw.sw[15] != 1 && in.alt < 72.5) sw.sw[15] = 1;  // the reference reads a stale global there
    const Output fast = nrlmsise00::gtd7d(in, sw);
    const Output plain = Literal(in, sw).gtd7d();
    for (int i = 0; i < 9; ++i) {
      const double r = rel(fast.d[i], plain.d[i]);
      // Anomalous O below ~150 km underflows towards 1e-40 and below; compare relative where it is resolvable.
      if (i == 8 && std::fabs(plain.d[i]) < 1e-200) continue;
      EXPECT_LT(r, 4e-13) << "d[" << i << "] alt " << in.alt << " lat " << in.g_lat << " sw9 " << sw.sw[9];
      worst = std::max(worst, r);
    }
    for (int i = 0; i < 2; ++i) {
      const double r = rel(fast.t[i], plain.t[i]);
      EXPECT_LT(r, 4e-13) << "t[" << i << "] alt " << in.alt;
      worst = std::max(worst, r);
    }
    if (::testing::Test::HasFailure()) break;
    ++cases;
  }
  std::printf("fast vs plain transcription: %d random inputs, largest relative difference %.2e\n", cases, worst);
  EXPECT_EQ(cases, 20000);  // the bound 4e-13 above is 2.5x the measured 1.6e-13
}

}  // namespace
}  // namespace deorbit

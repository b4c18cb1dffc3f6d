// NRLMSISE-00 empirical model of the neutral atmosphere, 0 km to the exosphere.
// Reference: J. M. Picone, A. E. Hedin, D. P. Drob, A. C. Aikin, "NRLMSISE-00 empirical model of the atmosphere:
// Statistical comparisons and scientific issues", J. Geophys. Res. 107(A12), 1468 (2002); behaviour as documented
// for the model's reference implementation (NRL Fortran, and D. Brodowski's C port: gtd7, gtd7d, switches).
// Coefficients: data/nrlmsise00_coefficients.txt (source named there).
//
// Accuracy (docs/validation-nrlmsise00.md): the 17 standard test cases of the C port are reproduced to their printed
// 7 digits (largest difference 4.8e-7); Orekit 13.1's NRLMSISE00 density at 10 ISS points to its printed 7 digits
// (9.4e-8); the three CCMC profiles (single-precision Fortran, 4 digits) within 6.6e-4 in mass density and
// temperature. The speed-ups leave results within 2e-13 of a plain transcription of the algorithm.
#pragma once

#include <array>
#include <string_view>

#include "deorbit/atmosphere/atmosphere.h"

namespace deorbit {
namespace nrlmsise00 {

//! Inputs in the model's own conventions (the reference's nrlmsise_input).
struct Input {
  int year = 0;         //!< [-] year; ignored by the model
  int doy = 1;          //!< [d] day of year, 1..366
  double sec = 0;       //!< [s] UT seconds of the day
  double alt = 0;       //!< [km] geodetic altitude
  double g_lat = 0;     //!< [deg] geodetic latitude
  double g_long = 0;    //!< [deg] east longitude
  double lst = 0;       //!< [h] local apparent solar time
  double f107A = 150;   //!< [sfu] 81-day centred mean of F10.7
  double f107 = 150;    //!< [sfu] F10.7 of the previous day
  double ap = 4;        //!< [-] daily Ap (used when switches[9] != -1)
  //! [-] used only when switches[9] == -1: daily Ap; 3-hour ap now; 3, 6 and 9 h before; mean of the eight 3-hour
  //! values 12 to 33 h before; mean of the eight 36 to 57 h before.
  std::array<double, 7> ap_array{4, 4, 4, 4, 4, 4, 4};
};

//! The reference's 24 switches. [0]: units of the output (0: cm^-3 and g/cm^3, 1: m^-3 and kg/m^3); [1..23]:
//! 0 off, 1 on, 2 main effects off but cross terms on; [9]: 1 daily Ap, -1 the 3-hourly ap history (ap_array).
//! The default is the reference test driver's: [0] = 0 (cgs), all others 1.
struct Switches {
  std::array<int, 24> sw{0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
};

//! Outputs as the reference's nrlmsise_output.
struct Output {
  //! Number densities [cm^-3] (m^-3 with switches[0] = 1) of He, O, N2, O2, Ar; [5] total mass density [g/cm^3]
  //! (kg/m^3 with switches[0] = 1); H, N, anomalous O. O, H and N are zero below 72.5 km.
  std::array<double, 9> d{};
  //! [K] exospheric temperature; temperature at the altitude.
  std::array<double, 2> t{};
};

//! The reference gtd7: total mass density d[5] without anomalous oxygen. Heights below 0 km extrapolate the lowest
//! spline as the reference does (no longer physical below about -10 km: the temperature turns negative); use
//! Nrlmsise00, which evaluates them at 0 km. Never throws.
[[nodiscard]] Output gtd7(const Input& in, const Switches& switches = {});
//! The reference gtd7d: as gtd7, but d[5] includes anomalous oxygen ("effective total mass density for drag").
[[nodiscard]] Output gtd7d(const Input& in, const Switches& switches = {});

}  // namespace nrlmsise00

//! NRLMSISE-00 behind the Atmosphere interface: total mass density including anomalous oxygen (gtd7d), in kg/m^3,
//! and the temperature at the height, in K.
//!
//! Conventions: latitude and longitude in degrees; day of year and seconds of day of the UTC day (Orekit takes
//! them in UT1, |UT1-UTC| < 0.9 s, a density difference below 1e-6); the local apparent solar time of the input;
//! F10.7 of the previous day and its 81-day centred mean; daily Ap (switch 9 = 1, Orekit's default) or, with
//! use_ap_history, the 3-hourly ap history (switch 9 = -1). Other switches are 1.
//!
//! Heights: below 72.5 km the model's lower-atmosphere part applies (as the reference). Heights below 0 km are
//! evaluated at 0 km (the model's lowest node), so evaluation never throws and stays finite underground.
class Nrlmsise00 final : public Atmosphere {
 public:
  explicit Nrlmsise00(bool use_ap_history = false);
  [[nodiscard]] AtmosphereState evaluate(const AtmosphereInput& in) const override;
  [[nodiscard]] std::string_view name() const override { return "nrlmsise00"; }

  //! The model's inputs for an evaluation (what evaluate passes to gtd7d), for checks and diagnostics.
  [[nodiscard]] nrlmsise00::Input model_input(const AtmosphereInput& in) const;
  //! The switches evaluate uses (units switch 1: SI).
  [[nodiscard]] const nrlmsise00::Switches& switches() const { return switches_; }

 private:
  nrlmsise00::Switches switches_;
};

}  // namespace deorbit

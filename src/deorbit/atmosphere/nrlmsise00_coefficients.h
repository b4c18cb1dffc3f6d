// NRLMSISE-00 coefficient tables (the model's block data GTD7BK), parsed once from the embedded
// data/nrlmsise00_coefficients.txt. Reference: Picone, Hedin, Drob, Aikin (2002), "NRLMSISE-00 empirical model of
// the atmosphere", JGR 107(A12) 1468; the values are the public C port's (source, path and commit in the data file).
#pragma once

#include <array>
#include <string_view>

namespace deorbit::nrlmsise00 {

//! The ten coefficient arrays, in the C port's layout (row-major; C pd[9][150] is the Fortran PD(150,9)).
struct Coefficients {
  std::array<double, 150> pt{};                       //!< exospheric temperature
  std::array<std::array<double, 150>, 9> pd{};        //!< densities: He, O, N2, TLB, O2, Ar, H, N, anomalous O
  std::array<double, 150> ps{};                       //!< 120 km temperature gradient S
  std::array<std::array<double, 25>, 2> pdl{};        //!< turbopause and chemistry corrections
  std::array<std::array<double, 100>, 4> ptl{};       //!< lower thermosphere node temperatures TN1(2..5)
  std::array<std::array<double, 100>, 10> pma{};      //!< middle atmosphere node temperatures and gradients
  std::array<double, 100> sam{};                      //!< semiannual multipliers (unused by the model)
  std::array<double, 10> ptm{};                       //!< lower boundary values
  std::array<std::array<double, 10>, 8> pdm{};        //!< lower boundary densities and turbopause parameters
  std::array<double, 10> pavgm{};                     //!< middle atmosphere averages
};

//! The embedded tables, parsed on first use (thread-safe static initialisation). A malformed embedded file is a
//! build defect and throws std::logic_error naming the line.
[[nodiscard]] const Coefficients& coefficients();

//! Parses text in the layout of data/nrlmsise00_coefficients.txt; every array must appear once with exactly its
//! declared number of values. Throws std::logic_error naming the line on any departure.
[[nodiscard]] Coefficients parse_coefficients(std::string_view text);

}  // namespace deorbit::nrlmsise00

// Earth gravity field: fully normalised spherical-harmonic coefficients and readers for their published file forms.
// References: NGA/NIMA EGM96 release (egm96_to360.ascii, Lemoine et al. 1998, NASA/TP-1998-206861); NGA EGM2008
// release (EGM2008_to2190_TideFree, Pavlis et al. 2012); ICGEM format, Barthelmes & Foerste, "The ICGEM-format",
// GFZ Potsdam (2011, and version 2.0 of 2023).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace deorbit {

//! Fully normalised (4 pi, geodesy) coefficients: C_nm, S_nm with N_nm = sqrt((2 - delta_m0)(2n+1)(n-m)!/(n+m)!).
//! C00 = 1; degree 1 is zero (origin at the centre of mass). Coefficients are static (no secular rates, no tides).
struct GravityField {
  std::string name;            //!< model name, e.g. "EGM96"
  std::string source;          //!< where it was read from (path, or "embedded:<file>")
  double mu = 0;               //!< [m^3/s^2] GM of the model
  double radius = 0;           //!< [m] reference radius a of the model
  int degree = 0;              //!< highest degree held
  std::string tide_system;     //!< "tide_free", "zero_tide", "mean_tide" or "unknown"
  std::vector<double> c;       //!< C_nm at index(n, m)
  std::vector<double> s;       //!< S_nm at index(n, m)

  [[nodiscard]] static constexpr std::size_t index(int n, int m) {
    return static_cast<std::size_t>(n) * static_cast<std::size_t>(n + 1) / 2 + static_cast<std::size_t>(m);
  }
  [[nodiscard]] double C(int n, int m) const { return c[index(n, m)]; }
  [[nodiscard]] double S(int n, int m) const { return s[index(n, m)]; }

  //! A field of the given degree with C00 = 1 and all other coefficients zero.
  [[nodiscard]] static GravityField zero(int degree, double mu, double radius, std::string name = "");
};

//! GM and reference radius of EGM96 and EGM2008 (NGA release notes): 3.986004415e14 m^3/s^2, 6378136.3 m.
inline constexpr double egm_mu = 3.986004415e14;
inline constexpr double egm_radius = 6378136.3;

//! Options for the EGM text form, which carries no header with constants.
struct EgmTextOptions {
  std::string name = "EGM";     //!< model name to record
  double mu = egm_mu;           //!< [m^3/s^2]
  double radius = egm_radius;   //!< [m]
  std::string tide_system = "tide_free";
  int max_degree = -1;          //!< read up to this degree (-1: all); rows beyond it are skipped
};

//! Reads the NGA coefficient-file form: one row per coefficient "n m Cnm Snm [sigmaC sigmaS]", whitespace separated,
//! exponents with E or Fortran D, as in egm96_to360.ascii and EGM2008_to2190_TideFree. Blank lines and lines starting
//! with '#' are skipped. Rows for degrees 0 and 1 may be present or not (C00 is set to 1 either way). Missing rows
//! leave zeros; a repeated (n, m), m > n or a malformed number throws InputError naming file, line and column.
[[nodiscard]] GravityField parse_egm_text(std::string_view text, const std::string& source,
                                         const EgmTextOptions& options = {});

//! Reads the ICGEM .gfc form: a header up to "end_of_head" (modelname, earth_gravity_constant, radius, max_degree,
//! norm, tide_system, errors) and "gfc n m C S [sigmas]" rows. Time-variable models are read as static: "gfct" gives
//! its reference value (ICGEM 2.0 files repeat gfct per interval: the first is kept); "trnd", "dot", "acos" and
//! "asin" rows are skipped with one warning. norm "unnormalized" is converted to fully normalised. max_degree = -1
//! reads all.
[[nodiscard]] GravityField parse_icgem(std::string_view text, const std::string& source, int max_degree = -1);

//! Reads a file in either form: ICGEM if it has a "begin_of_head" or "end_of_head" line, EGM text otherwise (then
//! options give GM, radius and name). Throws InputError if the file cannot be read or parsed.
[[nodiscard]] GravityField read_gravity_field(const std::filesystem::path& path, const EgmTextOptions& options = {});

//! EGM96 to degree and order 20, embedded in the program (data/egm96_20x20.txt, taken from the NGA/NASA release).
[[nodiscard]] const GravityField& egm96_embedded();

}  // namespace deorbit

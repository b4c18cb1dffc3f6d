// Spherical-harmonic gravity, evaluated in the body-fixed frame by Pines' singularity-free formulation with fully
// normalised Helmholtz (derived Legendre) polynomials.
// References: S. Pines, "Uniform representation of the gravitational potential and its derivatives", AIAA Journal
// 11(11), 1973; J. B. Lundberg and B. E. Schutz, "Recursion formulas of Legendre functions for use with nonsingular
// geopotential models", J. Guidance 11(1), 1988; R. A. Eckman, A. J. Brown, D. R. Adamo, "Normalization of
// gravitational acceleration models", NASA JSC-CN-23097 (2011).
//
// Why Pines: the acceleration comes out directly in Cartesian coordinates, from x/r, y/r, z/r with no latitude,
// longitude or trigonometric call, and it has no singularity at the poles (spherical-coordinate gradients, as in
// the Holmes-Featherstone or plain Legendre forms, divide by cos(latitude)). The column recursion in n at fixed m is
// the standard fully normalised one (stable forward recursion, as in Holmes & Featherstone 2002 without their
// 1e-280 scaling, which only degrees above ~1500 need). Agrees with a long-double direct Legendre evaluation to
// 7e-16 of |g| and 2.5e-15 of the non-central part, at degrees 20, 100 and 360 (tests/forces/gravity_test.cpp).
#pragma once

#include <vector>

#include "deorbit/base/vector.h"
#include "deorbit/forces/gravity_field.h"

namespace deorbit {

//! A gravity field truncated to (degree, order) with every recursion factor precomputed. Evaluation allocates
//! nothing after the first call on a thread (a per-thread workspace grows once) and is safe to call from many
//! threads at once. Cost on one core (2.1 GHz EPYC): 0.7 us at 20 x 20, 8 us at 70 x 70, 17 us at 100 x 100
//! (bench/gravity_bench.cpp).
class SphericalHarmonics {
 public:
  //! Throws InputError if degree or order exceed the field's degree, order > degree, or degree > max_degree.
  SphericalHarmonics(const GravityField& field, int degree, int order);

  //! [m/s^2] gradient of the potential at r [m] (body-fixed frame of the field: ITRF for the Earth), including the
  //! central term -GM r/|r|^3. r must not be the origin.
  [[nodiscard]] Vec3 acceleration(const Vec3& r) const;
  //! [m/s^2] as acceleration() without the central term (the non-spherical part only).
  [[nodiscard]] Vec3 perturbation(const Vec3& r) const;
  //! [m^2/s^2] potential U = GM/r (1 + sum ...), positive (acceleration = grad U).
  [[nodiscard]] double potential(const Vec3& r) const;

  [[nodiscard]] int degree() const { return degree_; }
  [[nodiscard]] int order() const { return order_; }
  [[nodiscard]] double mu() const { return mu_; }
  [[nodiscard]] double radius() const { return radius_; }

  //! Highest degree accepted: the unscaled recursion stays within double range up to here (tested at 360).
  static constexpr int max_degree = 900;

 private:
  Vec3 evaluate(const Vec3& r, bool central) const;

  int degree_, order_;
  double mu_, radius_;
  // Column m (0 <= m <= order + 1) holds rows n = m..degree at offset column_start_[m] + (n - m).
  std::vector<std::size_t> column_start_;
  std::vector<double> alpha_, beta_;  // Abar_nm = alpha u Abar_(n-1)m - beta Abar_(n-2)m, for n >= m + 2
  std::vector<double> c_, s_;         // coefficients (columns 0..order)
  std::vector<double> dfactor_;       // dAbar_nm/du = dfactor Abar_n(m+1)
  std::vector<double> diagonal_;      // Abar_mm = diagonal_[m] Abar_(m-1)(m-1)
  std::vector<double> subdiagonal_;   // Abar_(m+1)m = subdiagonal_[m] u Abar_mm
};

}  // namespace deorbit

// Pines' formulation with normalised Helmholtz polynomials (references in spherical_harmonics.h).
//
// With s = x/r, t = y/r, u = z/r and rho_n = GM/r^2 (a/r)^n, the potential is
//   U = r sum_n rho_n sum_m Abar_nm(u) D_nm,   D_nm = C_nm re_m + S_nm im_m,   re_m + i im_m = (s + i t)^m,
// where Abar_nm(u) = Pbar_nm(sin lat) / cos^m lat is a polynomial in u (no singularity at the poles). Treating U as a
// function of r, s, t, u, its gradient is
//   g = (a1, a2, a3) + a4 (s, t, u),
//   a1 = sum rho_n m Abar_nm (C re_(m-1) + S im_(m-1)),   a2 = sum rho_n m Abar_nm (S re_(m-1) - C im_(m-1)),
//   a3 = sum rho_n dAbar_nm/du D_nm,                      a4 = -sum rho_n (n + m + 1) Abar_nm D_nm - u a3,
// with dAbar_nm/du = sqrt((n - m)(n + m + 1) / (m == 0 ? 2 : 1)) Abar_n(m+1).
#include "deorbit/forces/spherical_harmonics.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

struct Workspace {
  std::vector<double> rho, column_a, column_b, re, im;
};

// One per thread, grown to the largest field seen: no allocation on the evaluation path after the first call.
Workspace& workspace(int degree, int order) {
  thread_local Workspace w;
  const auto n = static_cast<std::size_t>(degree) + 2;
  if (w.rho.size() < n) {
    w.rho.resize(n);
    w.column_a.resize(n);
    w.column_b.resize(n);
  }
  const auto m = static_cast<std::size_t>(order) + 2;
  if (w.re.size() < m) {
    w.re.resize(m);
    w.im.resize(m);
  }
  return w;
}

}  // namespace

SphericalHarmonics::SphericalHarmonics(const GravityField& field, int degree, int order)
    : degree_(degree), order_(order), mu_(field.mu), radius_(field.radius) {
  if (degree < 0 || order < 0 || order > degree)
    throw InputError("gravity: need 0 <= order <= degree, got degree " + std::to_string(degree) + ", order " +
                     std::to_string(order));
  if (degree > field.degree)
    throw InputError("gravity: degree " + std::to_string(degree) + " requested but the field " + field.name +
                     " (" + field.source + ") stops at degree " + std::to_string(field.degree));
  if (degree > max_degree)
    throw InputError("gravity: degree " + std::to_string(degree) + " above the supported maximum " +
                     std::to_string(max_degree));
  if (!(field.mu > 0) || !(field.radius > 0)) throw InputError("gravity: field " + field.name + " has no GM or radius");

  const int columns = std::min(order + 1, degree) + 1;  // derivative of column `order` needs column order + 1
  column_start_.resize(static_cast<std::size_t>(columns) + 1);
  std::size_t size = 0;
  for (int m = 0; m < columns; ++m) {
    column_start_[static_cast<std::size_t>(m)] = size;
    size += static_cast<std::size_t>(degree - m + 1);
  }
  column_start_[static_cast<std::size_t>(columns)] = size;
  alpha_.assign(size, 0.0);
  beta_.assign(size, 0.0);
  c_.assign(size, 0.0);
  s_.assign(size, 0.0);
  dfactor_.assign(size, 0.0);
  diagonal_.assign(static_cast<std::size_t>(columns) + 1, 0.0);
  subdiagonal_.assign(static_cast<std::size_t>(columns) + 1, 0.0);

  for (int m = 0; m < columns; ++m) {
    const double md = m;
    diagonal_[static_cast<std::size_t>(m)] = m == 0 ? 1.0 : m == 1 ? std::sqrt(3.0) : std::sqrt((2 * md + 1) / (2 * md));
    subdiagonal_[static_cast<std::size_t>(m)] = std::sqrt(2 * md + 3);
    for (int n = m; n <= degree; ++n) {
      const std::size_t k = column_start_[static_cast<std::size_t>(m)] + static_cast<std::size_t>(n - m);
      const double nd = n;
      if (n >= m + 2) {
        alpha_[k] = std::sqrt((2 * nd + 1) * (2 * nd - 1) / ((nd - md) * (nd + md)));
        beta_[k] = std::sqrt((2 * nd + 1) * (nd + md - 1) * (nd - md - 1) / ((nd - md) * (nd + md) * (2 * nd - 3)));
      }
      dfactor_[k] = std::sqrt((nd - md) * (nd + md + 1) / (m == 0 ? 2.0 : 1.0));
      if (m <= order && n >= 2) {
        c_[k] = field.C(n, m);
        s_[k] = field.S(n, m);
      }
    }
  }
}

Vec3 SphericalHarmonics::acceleration(const Vec3& r) const { return evaluate(r, true); }
Vec3 SphericalHarmonics::perturbation(const Vec3& r) const { return evaluate(r, false); }

Vec3 SphericalHarmonics::evaluate(const Vec3& position, bool central) const {
  const int big_n = degree_, big_m = order_;
  Workspace& w = workspace(big_n, big_m);
  const double r2 = position.squaredNorm();
  const double r = std::sqrt(r2);
  const double inv_r = 1.0 / r;
  const double s = position.x() * inv_r, t = position.y() * inv_r, u = position.z() * inv_r;

  // rho_n = GM/r^2 (a/r)^n
  const double q = radius_ * inv_r;
  double* rho = w.rho.data();
  rho[0] = mu_ * inv_r * inv_r;
  for (int n = 1; n <= big_n; ++n) rho[n] = rho[n - 1] * q;
  // (s + i t)^m
  double* re = w.re.data();
  double* im = w.im.data();
  re[0] = 1.0;
  im[0] = 0.0;
  for (int m = 1; m <= big_m; ++m) {
    re[m] = s * re[m - 1] - t * im[m - 1];
    im[m] = s * im[m - 1] + t * re[m - 1];
  }

  // Column 0 of Abar.
  double* a_col = w.column_a.data();
  double* b_col = w.column_b.data();
  a_col[0] = 1.0;
  if (big_n >= 1) a_col[1] = subdiagonal_[0] * u;
  for (int n = 2; n <= big_n; ++n) {
    const std::size_t k = column_start_[0] + static_cast<std::size_t>(n);
    a_col[n] = alpha_[k] * u * a_col[n - 1] - beta_[k] * a_col[n - 2];
  }
  double sectoral = 1.0;  // Abar_mm

  double a1 = 0, a2 = 0, a3 = 0, a4 = 0;
  for (int m = 0; m <= big_m; ++m) {
    // Column m + 1, needed for dAbar_nm/du.
    const int m1 = m + 1;
    if (m1 <= big_n) {
      const double diag = sectoral * diagonal_[static_cast<std::size_t>(m1)];
      b_col[m] = 0.0;  // Abar_m(m+1) = 0
      b_col[m1] = diag;
      if (m1 + 1 <= big_n) b_col[m1 + 1] = subdiagonal_[static_cast<std::size_t>(m1)] * u * diag;
      const std::size_t start = column_start_[static_cast<std::size_t>(m1)] - static_cast<std::size_t>(m1);
      for (int n = m1 + 2; n <= big_n; ++n) {
        const std::size_t k = start + static_cast<std::size_t>(n);
        b_col[n] = alpha_[k] * u * b_col[n - 1] - beta_[k] * b_col[n - 2];
      }
      sectoral = diag;
    } else {
      b_col[m] = 0.0;
    }

    // Sums over n for this order; degrees 0 and 1 carry no perturbation (C00 is the central term, added below).
    double sum_ac = 0, sum_as = 0, sum_bc = 0, sum_bs = 0, sum_gc = 0, sum_gs = 0;
    const std::size_t start = column_start_[static_cast<std::size_t>(m)] - static_cast<std::size_t>(m);
    const int n0 = m < 2 ? 2 : m;
    double nm1 = n0 + m + 1;
    for (int n = n0; n <= big_n; ++n, nm1 += 1.0) {
      const std::size_t k = start + static_cast<std::size_t>(n);
      const double wa = rho[n] * a_col[n];
      const double wb = rho[n] * dfactor_[k] * b_col[n];
      const double c = c_[k], sn = s_[k];
      sum_ac += wa * c;
      sum_as += wa * sn;
      sum_gc += nm1 * wa * c;
      sum_gs += nm1 * wa * sn;
      sum_bc += wb * c;
      sum_bs += wb * sn;
    }
    if (m > 0) {
      const double md = m;
      a1 += md * (sum_ac * re[m - 1] + sum_as * im[m - 1]);
      a2 += md * (sum_as * re[m - 1] - sum_ac * im[m - 1]);
    }
    a3 += sum_bc * re[m] + sum_bs * im[m];
    a4 += sum_gc * re[m] + sum_gs * im[m];
    std::swap(a_col, b_col);
  }
  a4 = -a4 - u * a3;
  if (central) a4 -= rho[0];  // -GM/r^2 along r: the point-mass term, n = m = 0
  return {a1 + a4 * s, a2 + a4 * t, a3 + a4 * u};
}

double SphericalHarmonics::potential(const Vec3& position) const {
  // Same recursion, summing Abar_nm D_nm only (not on the hot path: used by tests and energy checks).
  const double r = position.norm();
  const double s = position.x() / r, t = position.y() / r, u = position.z() / r;
  const double q = radius_ / r;
  std::vector<double> column(static_cast<std::size_t>(degree_) + 2), next(column.size());
  column[0] = 1.0;
  if (degree_ >= 1) column[1] = subdiagonal_[0] * u;
  for (int n = 2; n <= degree_; ++n) {
    const std::size_t k = column_start_[0] + static_cast<std::size_t>(n);
    column[static_cast<std::size_t>(n)] =
        alpha_[k] * u * column[static_cast<std::size_t>(n) - 1] - beta_[k] * column[static_cast<std::size_t>(n) - 2];
  }
  double sectoral = 1.0, re = 1.0, im = 0.0, sum = 0.0;
  for (int m = 0; m <= order_; ++m) {
    double qn = 1.0, column_sum = 0.0, column_sum_s = 0.0;
    for (int n = 0; n < m; ++n) qn *= q;
    const std::size_t start = column_start_[static_cast<std::size_t>(m)] - static_cast<std::size_t>(m);
    for (int n = m; n <= degree_; ++n, qn *= q) {
      if (n < 2) continue;
      const std::size_t k = start + static_cast<std::size_t>(n);
      column_sum += qn * column[static_cast<std::size_t>(n)] * c_[k];
      column_sum_s += qn * column[static_cast<std::size_t>(n)] * s_[k];
    }
    sum += column_sum * re + column_sum_s * im;
    // next order
    const double re_next = s * re - t * im;
    im = s * im + t * re;
    re = re_next;
    const int m1 = m + 1;
    if (m1 > degree_ || m1 > order_) break;
    sectoral *= diagonal_[static_cast<std::size_t>(m1)];
    next[static_cast<std::size_t>(m1)] = sectoral;
    if (m1 + 1 <= degree_) next[static_cast<std::size_t>(m1) + 1] = subdiagonal_[static_cast<std::size_t>(m1)] * u * sectoral;
    const std::size_t start1 = column_start_[static_cast<std::size_t>(m1)] - static_cast<std::size_t>(m1);
    for (int n = m1 + 2; n <= degree_; ++n) {
      const std::size_t k = start1 + static_cast<std::size_t>(n);
      next[static_cast<std::size_t>(n)] =
          alpha_[k] * u * next[static_cast<std::size_t>(n) - 1] - beta_[k] * next[static_cast<std::size_t>(n) - 2];
    }
    column.swap(next);
  }
  return mu_ / r * (1.0 + sum);
}

}  // namespace deorbit

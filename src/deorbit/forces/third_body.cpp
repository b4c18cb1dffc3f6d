// Third-body attraction: Montenbruck & Gill (2000) eq. 3.37, indirect term by Battin (1999) sec. 8.4.
#include "deorbit/forces/third_body.h"

#include <cmath>

#include "deorbit/frames/solar_system.h"

namespace deorbit {

Vec3 third_body_acceleration(const Vec3& r, const Vec3& s, double mu) {
  const double q = r.dot(r - 2.0 * s) / s.squaredNorm();  // |s - r|^2 = |s|^2 (1 + q)
  const double one_q = 1.0 + q;
  const double sqrt_one_q = std::sqrt(one_q);
  const double f = q * (3.0 + q * (3.0 + q)) / (1.0 + one_q * sqrt_one_q);  // (1 + q)^(3/2) - 1, no cancellation
  const Vec3 d = r - s;
  const double d2 = d.squaredNorm();
  return (-mu / (d2 * std::sqrt(d2))) * (r + f * s);
}

ThirdBody::ThirdBody(Body body, double mu)
    : body_(body), mu_(mu > 0 ? mu : (body == Body::sun ? mu_sun : mu_moon)) {}

Vec3 ThirdBody::acceleration(const ForceContext& ctx) const {
  return third_body_acceleration(ctx.r, body_ == Body::sun ? ctx.sun : ctx.moon, mu_);
}

}  // namespace deorbit

// Engines and the rocket equation. Reference: Tsiolkovsky's equation as in Sutton & Biblarz, "Rocket Propulsion
// Elements", 9th ed., eq. 4-7 (delta-v = Isp g0 ln(m0 / m1)), with g0 the standard gravity of the CGPM (1901).
#pragma once

#include <cmath>
#include <span>
#include <string>

namespace deorbit {

//! [m/s^2] standard gravity g0, which turns a specific impulse in seconds into an exhaust velocity.
inline constexpr double standard_gravity = 9.80665;

//! A group of identical engines that fire together.
struct Engine {
  std::string name;     //!< e.g. "Draco"
  double thrust = 0;    //!< [N] thrust of one engine (vacuum)
  double isp = 0;       //!< [s] specific impulse (vacuum)
  int count = 1;        //!< [-] engines of this kind firing together

  [[nodiscard]] double total_thrust() const { return thrust * count; }                   //!< [N]
  [[nodiscard]] double mass_flow() const { return total_thrust() / (isp * standard_gravity); }  //!< [kg/s] > 0
};

//! [N] summed thrust of a set of engines.
[[nodiscard]] inline double total_thrust(std::span<const Engine> engines) {
  double f = 0;
  for (const auto& e : engines) f += e.total_thrust();
  return f;
}

//! [kg/s] summed propellant flow of a set of engines.
[[nodiscard]] inline double total_mass_flow(std::span<const Engine> engines) {
  double q = 0;
  for (const auto& e : engines) q += e.mass_flow();
  return q;
}

//! [s] effective specific impulse of engines firing together (total thrust over total weight flow).
[[nodiscard]] inline double effective_isp(std::span<const Engine> engines) {
  double q = total_mass_flow(engines);
  return q > 0 ? total_thrust(engines) / (q * standard_gravity) : 0.0;
}

//! [m/s] ideal delta-v of burning from mass m0 down to m1 [kg] with specific impulse isp [s].
[[nodiscard]] inline double rocket_delta_v(double isp, double m0, double m1) {
  return isp * standard_gravity * std::log(m0 / m1);
}

//! [kg] propellant that gives delta_v [m/s] to a vehicle of initial mass m0 [kg] with specific impulse isp [s].
[[nodiscard]] inline double rocket_propellant(double isp, double m0, double delta_v) {
  return m0 * (1.0 - std::exp(-delta_v / (isp * standard_gravity)));
}

}  // namespace deorbit

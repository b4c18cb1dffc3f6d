// ForceModel: one contribution to a spacecraft's acceleration, summed by the numerical propagator in GCRF.
#pragma once

#include <string_view>

#include "deorbit/base/vector.h"
#include "deorbit/forces/spacecraft.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! Everything a force may need at one evaluation, computed once by the propagator and shared by all forces.
struct ForceContext {
  Epoch epoch;                       //!< instant of the evaluation
  Vec3 r = Vec3::Zero();             //!< [m] position, GCRF
  Vec3 v = Vec3::Zero();             //!< [m/s] velocity, GCRF
  double mass = 0;                   //!< [kg] current mass (changes during burns)
  Mat3 gcrf_to_itrf = Mat3::Identity();  //!< rotation GCRF -> ITRF at epoch (r_itrf = M r_gcrf)
  Vec3 r_itrf = Vec3::Zero();        //!< [m] position, ITRF
  double earth_rotation_rate = 7.292115146706979e-5;  //!< [rad/s] about the ITRF z axis (LOD-corrected)
  Vec3 sun = Vec3::Zero();           //!< [m] Sun position, GCRF
  Vec3 moon = Vec3::Zero();          //!< [m] Moon position, GCRF
  const Spacecraft* spacecraft = nullptr;  //!< areas and coefficients
};

//! Which bodies' positions a force reads from the context, so the propagator computes only those.
struct ForceNeeds {
  bool sun = false;
  bool moon = false;
};

class ForceModel {
 public:
  virtual ~ForceModel() = default;
  //! What the force reads besides the state and the Earth's orientation. The default asks for everything.
  [[nodiscard]] virtual ForceNeeds needs() const { return {true, true}; }
  //! [m/s^2] acceleration in GCRF.
  [[nodiscard]] virtual Vec3 acceleration(const ForceContext& ctx) const = 0;
  //! [kg/s] rate of change of the spacecraft's mass (negative while an engine burns); 0 for natural forces.
  [[nodiscard]] virtual double mass_rate(const ForceContext& /*ctx*/) const { return 0.0; }
  [[nodiscard]] virtual std::string_view name() const = 0;
};

}  // namespace deorbit

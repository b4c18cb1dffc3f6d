// Ordinary differential equations y' = f(t, y) over a fixed-size state: the vocabulary shared by the integrators,
// the dense output, the event detectors and the driver `integrate` (integrate.h).
//
// Time t is a double [s] counted from a reference Epoch that the driver carries (t = 0 at the reference), so
// outputs can be turned back into Epochs. The state is a column vector of N doubles; for an orbit it is
// position [m], velocity [m/s] (GCRF) and mass [kg], N = 7, but nothing here knows that.
#pragma once

#include <concepts>
#include <limits>

#include <Eigen/Core>

namespace deorbit {

//! A state of N components (for an orbit: x, y, z [m], vx, vy, vz [m/s], mass [kg]). Fixed size: no heap.
template <int N>
using OdeState = Eigen::Matrix<double, N, 1>;

//! The right-hand side: `f(t, y, dydt)` writes y'(t) into dydt. t [s] since the reference epoch, units of dydt
//! are those of y per second. It may throw; the driver then ends with IntegrationStatus::ModelError.
template <class F, int N>
concept OdeFunction = requires(F& f, double t, const OdeState<N>& y, OdeState<N>& dydt) { f(t, y, dydt); };

//! Per-component error tolerances of an adaptive step, Orekit's convention: the local error estimate e_i of
//! component i must satisfy |e_i| <= absolute_i + relative_i * max(|y_i(t)|, |y_i(t + h)|) in the RMS sense
//! (DOP853's norm, see Dop853). Units of `absolute` are those of the component ([m], [m/s], [kg] for an orbit).
template <int N>
struct Tolerances {
  OdeState<N> absolute = OdeState<N>::Constant(1e-6);  //!< [component units] absolute tolerance, > 0 or 0
  OdeState<N> relative = OdeState<N>::Constant(1e-12);  //!< [-] relative tolerance, >= 0

  //! The same absolute and relative tolerance for every component.
  [[nodiscard]] static Tolerances uniform(double absolute, double relative) {
    return {OdeState<N>::Constant(absolute), OdeState<N>::Constant(relative)};
  }
  //! True when every figure is finite, none negative, and each component has some tolerance (abs + rel > 0).
  [[nodiscard]] bool valid() const {
    return absolute.allFinite() && relative.allFinite() && (absolute.array() >= 0).all() &&
           (relative.array() >= 0).all() && ((absolute + relative).array() > 0).all();
  }
};

//! Step-size control of the adaptive integrator. The defaults are those of Hairer's DOP853.
struct StepControl {
  double initial_step = 0;    //!< [s] magnitude of the first step; 0 = chosen automatically (Hairer's HINIT)
  double min_step = 0;        //!< [s] below this magnitude a needed step fails with StepSizeUnderflow (the last
                              //!< step, cut to reach t_end or an event, may be shorter)
  double max_step = std::numeric_limits<double>::infinity();  //!< [s] upper bound on the step magnitude
  double safety = 0.9;        //!< [-] safety factor on the optimal step
  double min_factor = 0.333;  //!< [-] a new step is at least min_factor times the last one
  double max_factor = 6.0;    //!< [-] and at most max_factor times
  long max_steps = 10'000'000;  //!< steps (accepted + rejected) before failing with TooManySteps
  //! [s] fixed step magnitude; > 0 switches error control off and takes steps of exactly this size (the last one
  //! cut to land on t_end). Used for convergence tests and for comparisons with fixed-step tools.
  double fixed_step = 0;
};

//! Everything the driver needs besides the problem: tolerances and step control.
template <int N>
struct IntegratorSettings {
  Tolerances<N> tolerances;
  StepControl step;
};

}  // namespace deorbit

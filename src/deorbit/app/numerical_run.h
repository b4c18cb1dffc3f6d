// The numerical path of `deorbit propagate`: a force-model file, a start state, sampled output.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "deorbit/frames/state_vector.h"
#include "deorbit/orbit/mean_elements.h"
#include "deorbit/time/earth_orientation.h"

namespace deorbit::app {

struct NumericalRun {
  std::vector<StateVector> states;  //!< GCRF samples from start to stop at the step (fewer if the run ended early)
  std::string ended_early;          //!< why the run stopped before stop (empty if it did not)
};

//! Starts from an element set (SGP4 at its epoch, converted TEME -> GCRF) or a state vector (as given), moves to
//! `start` if it differs from the state's epoch, then samples to `stop` every `step` [s]. Throws InputError on bad
//! input (force file, space-weather file, a state below the floor).
[[nodiscard]] NumericalRun run_numerical(const std::variant<MeanElements, StateVector>& orbit, const Epoch& start,
                                         const Epoch& stop, double step, const std::string& forces_file,
                                         const std::string& space_weather_file, const EarthOrientation& eop);

}  // namespace deorbit::app

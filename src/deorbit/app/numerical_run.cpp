#include "deorbit/app/numerical_run.h"

#include <memory>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/io/force_config.h"
#include "deorbit/propagate/numerical_propagator.h"
#include "deorbit/sgp4/sgp4.h"

namespace deorbit::app {

NumericalRun run_numerical(const std::variant<MeanElements, StateVector>& orbit, const Epoch& start, const Epoch& stop,
                           double step, const std::string& forces_file, const std::string& space_weather_file,
                           const EarthOrientation& eop) {
  std::shared_ptr<const SpaceWeather> weather;
  if (!space_weather_file.empty()) weather = std::make_shared<const SpaceWeather>(SpaceWeather::read(space_weather_file));
  NumericalPropagatorSettings settings = forces_file.empty()
                                             ? parse_force_config("gravity: {field: egm96, degree: 20}\n",
                                                                  "default force model", weather)
                                             : read_force_config(forces_file, weather);
  NumericalPropagator propagator(settings, eop);
  FrameTransformer frames(eop);

  StateVector initial;
  if (const auto* e = std::get_if<MeanElements>(&orbit)) {
    Sgp4State s = Sgp4(*e).at(e->epoch);
    if (!s.ok()) throw InputError(fmt::format("cannot start from the element set: {}", s.message));
    initial = frames.transform({e->epoch, Frame::TEME, s.r, s.v}, Frame::GCRF);
  } else {
    initial = frames.transform(std::get<StateVector>(orbit), Frame::GCRF);
  }

  NumericalRun out;
  if (initial.epoch != start) {
    PropagationResult to_start = propagator.propagate(initial, start);
    if (to_start.status != PropagationStatus::ReachedEnd)
      throw InputError(fmt::format("cannot reach the start time {}: {}", start.iso(), to_start.message));
    initial = to_start.state;
  }
  PropagationResult r = propagator.sample(initial, stop, step, out.states);
  if (r.status != PropagationStatus::ReachedEnd) out.ended_early = r.message.empty() ? std::string(to_string(r.status)) : r.message;
  return out;
}

}  // namespace deorbit::app

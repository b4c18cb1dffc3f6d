#include "deorbit/propagate/integrate.h"

namespace deorbit {

std::string_view to_string(IntegrationStatus status) {
  switch (status) {
    case IntegrationStatus::ReachedEnd: return "reached end";
    case IntegrationStatus::StoppedByEvent: return "stopped by event";
    case IntegrationStatus::StepSizeUnderflow: return "step size underflow";
    case IntegrationStatus::NonFiniteDerivative: return "non-finite derivative";
    case IntegrationStatus::TooManySteps: return "too many steps";
    case IntegrationStatus::ModelError: return "model error";
    case IntegrationStatus::InvalidInput: return "invalid input";
  }
  return "unknown";
}

}  // namespace deorbit

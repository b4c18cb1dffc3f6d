// Warnings to the user. The default sink is stderr; a program or test may redirect it.
#pragma once

#include <functional>
#include <string>

namespace deorbit {

using WarningSink = std::function<void(const std::string&)>;

//! Reports a warning through the current sink ("deorbit: warning: ..." on stderr by default). Thread-safe.
void warn(const std::string& message);

//! Replaces the sink; returns the previous one. An empty function restores stderr.
WarningSink set_warning_sink(WarningSink sink);

}  // namespace deorbit

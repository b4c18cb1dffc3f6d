#include "deorbit/base/log.h"

#include <iostream>
#include <mutex>

namespace deorbit {
namespace {
std::mutex sink_mutex;
WarningSink& current_sink() {
  static WarningSink sink;
  return sink;
}
}  // namespace

void warn(const std::string& message) {
  std::lock_guard lock(sink_mutex);
  if (current_sink()) current_sink()(message);
  else std::cerr << "deorbit: warning: " << message << '\n';
}

WarningSink set_warning_sink(WarningSink sink) {
  std::lock_guard lock(sink_mutex);
  WarningSink old = std::move(current_sink());
  current_sink() = std::move(sink);
  return old;
}

}  // namespace deorbit

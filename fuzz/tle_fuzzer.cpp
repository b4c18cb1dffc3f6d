// libFuzzer target: the TLE reader must never crash, hang or accept garbage silently, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "deorbit/base/error.h"
#include "deorbit/orbit/tle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (bool checksum : {true, false}) {
    std::istringstream in(text);
    deorbit::TleReader reader(in, "fuzz", {.strict = false, .verify_checksum = checksum});
    while (auto e = reader.next()) {
      try {  // whatever parsed must format again (or be refused with an InputError)
        auto lines = deorbit::format_tle(*e);
        (void)deorbit::parse_tle(lines.first, lines.second);
      } catch (const deorbit::InputError&) {
      }
    }
  }
  return 0;
}

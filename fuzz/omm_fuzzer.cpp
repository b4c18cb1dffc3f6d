// libFuzzer target: the OMM readers (KVN, XML, JSON, CSV) must never crash or hang, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "deorbit/base/error.h"
#include "deorbit/orbit/omm.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (auto encoding : {deorbit::OmmEncoding::KVN, deorbit::OmmEncoding::XML, deorbit::OmmEncoding::JSON,
                        deorbit::OmmEncoding::CSV}) {
    std::istringstream in(text);
    try {
      auto result = deorbit::read_omm(in, "fuzz", {}, encoding);
      for (const auto& e : result.records) {
        std::ostringstream out;
        deorbit::write_omm_kvn(out, e);
      }
    } catch (const deorbit::InputError&) {
    }
  }
  return 0;
}

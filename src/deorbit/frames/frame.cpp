#include "deorbit/frames/frame.h"

#include "deorbit/base/text.h"

namespace deorbit {

std::string_view to_string(Frame frame) {
  switch (frame) {
    case Frame::GCRF: return "GCRF";
    case Frame::EME2000: return "EME2000";
    case Frame::TEME: return "TEME";
    case Frame::ITRF: return "ITRF";
  }
  return "?";
}

std::optional<Frame> parse_frame(std::string_view name) {
  std::string n = text::upper(text::trim(name));
  if (n == "GCRF" || n == "ICRF") return Frame::GCRF;
  if (n == "EME2000" || n == "J2000") return Frame::EME2000;
  if (n == "TEME") return Frame::TEME;
  if (n == "ITRF" || n == "ITRF2000" || n == "ITRF-93" || n == "ITRF-97" || n == "ITRF2005" || n == "ITRF2008" ||
      n == "ITRF2014" || n == "ITRF2020")
    return Frame::ITRF;
  return std::nullopt;
}

}  // namespace deorbit

#include "deorbit/maneuver/attitude.h"

#include <array>
#include <utility>

namespace deorbit {
namespace {

constexpr std::array<std::pair<AttitudeLaw, std::string_view>, 6> kNames{{
    {AttitudeLaw::Retrograde, "retrograde"},
    {AttitudeLaw::Prograde, "prograde"},
    {AttitudeLaw::RadialIn, "radial-in"},
    {AttitudeLaw::RadialOut, "radial-out"},
    {AttitudeLaw::Normal, "normal"},
    {AttitudeLaw::AntiNormal, "anti-normal"},
}};

}  // namespace

Vec3 thrust_direction(AttitudeLaw law, const Vec3& r, const Vec3& v) {
  switch (law) {
    case AttitudeLaw::Retrograde: return -v.normalized();
    case AttitudeLaw::Prograde: return v.normalized();
    case AttitudeLaw::RadialIn: return -r.normalized();
    case AttitudeLaw::RadialOut: return r.normalized();
    case AttitudeLaw::Normal: return r.cross(v).normalized();
    case AttitudeLaw::AntiNormal: return -r.cross(v).normalized();
  }
  return -v.normalized();
}

std::string_view to_string(AttitudeLaw law) {
  for (const auto& [l, n] : kNames)
    if (l == law) return n;
  return "?";
}

std::optional<AttitudeLaw> attitude_law_from_string(std::string_view name) {
  for (const auto& [l, n] : kNames)
    if (n == name) return l;
  return std::nullopt;
}

}  // namespace deorbit

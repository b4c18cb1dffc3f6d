// CZML Packet reference: github.com/AnalyticalGraphicsInc/czml-writer/wiki/Packet (and Position, Path, Polyline,
// Polygon, Clock pages).
#include "deorbit/io/czml.h"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/error.h"

namespace deorbit {
namespace {

using json = nlohmann::json;

std::string iso(const Epoch& t) { return t.iso(TimeScale::UTC, 6) + "Z"; }
std::string interval(const Epoch& a, const Epoch& b) { return iso(a) + "/" + iso(b); }

const char* arc_type(EdgeShape e) { return e == EdgeShape::rhumb ? "RHUMB" : "GEODESIC"; }
json colour(const Rgba& c) { return {{"rgba", {c.r, c.g, c.b, c.a}}}; }
json solid(const Rgba& c) { return {{"solidColor", {{"color", colour(c)}}}}; }

json label(const std::string& text, const CzmlStyle& style) {
  return {{"text", text},
          {"show", style.label},
          {"font", "14px sans-serif"},
          {"fillColor", colour(style.colour)},
          {"horizontalOrigin", "LEFT"},
          {"pixelOffset", {{"cartesian2", {10, 0}}}}};
}

json point(const CzmlStyle& style) {
  return {{"pixelSize", 3 * style.width}, {"color", colour(style.colour)}, {"outlineColor", colour({0, 0, 0, 255})},
          {"outlineWidth", 1}};
}

void check_style(const std::string& id, const CzmlStyle& style) {
  if (!(style.width > 0 && style.width <= 100))
    throw InputError(fmt::format("CZML object '{}': width {} px, expected 0..100", id, style.width));
}

// [lon deg, lat deg, height m, ...] as CZML cartographicDegrees.
json cartographic_degrees(const std::string& id, const std::vector<Geodetic>& places) {
  json a = json::array();
  for (std::size_t i = 0; i < places.size(); ++i) {
    const Geodetic& g = places[i];
    if (!std::isfinite(g.latitude) || !std::isfinite(g.longitude) || !std::isfinite(g.height) ||
        std::abs(g.latitude) > std::numbers::pi / 2 + 1e-12)
      throw InputError(fmt::format("CZML object '{}': place {} (lat {}, lon {} rad, height {} m) is not a place on Earth",
                                   id, i, g.latitude, g.longitude, g.height));
    constexpr double deg = 180.0 / std::numbers::pi;
    a.push_back(std::round(std::remainder(g.longitude * deg, 360.0) * 1e7) / 1e7);
    a.push_back(std::round(g.latitude * deg * 1e7) / 1e7);
    a.push_back(std::round(g.height * 1e3) / 1e3);
  }
  return a;
}

}  // namespace

CzmlDocument::CzmlDocument(std::string name, const Epoch& start, const Epoch& stop, double multiplier)
    : packets_(json::array()), start_(start), stop_(stop) {
  if (!(stop > start)) throw InputError(fmt::format("CZML clock: stop {} is not after start {}", iso(stop), iso(start)));
  if (!std::isfinite(multiplier) || multiplier <= 0)
    throw InputError(fmt::format("CZML clock: multiplier {}, expected a positive number", multiplier));
  packets_.push_back({{"id", "document"},
                      {"name", std::move(name)},
                      {"version", "1.0"},
                      {"clock",
                       {{"interval", interval(start, stop)},
                        {"currentTime", iso(start)},
                        {"multiplier", multiplier},
                        {"range", "LOOP_STOP"},
                        {"step", "SYSTEM_CLOCK_MULTIPLIER"}}}});
}

json& CzmlDocument::new_packet(const std::string& id, const std::string& name) {
  if (id.empty() || id == "document") throw InputError(fmt::format("CZML object id '{}': expected a non-empty id other than 'document'", id));
  for (const json& p : packets_)
    if (p["id"] == id) throw InputError(fmt::format("CZML object id '{}' is used twice", id));
  packets_.push_back({{"id", id}, {"name", name}});
  return packets_.back();
}

void CzmlDocument::add_trajectory(const std::string& id, const std::string& name,
                                  const std::vector<TrajectorySample>& samples, Frame frame, const CzmlStyle& style,
                                  int interpolation_degree) {
  check_style(id, style);
  if (frame != Frame::ITRF && frame != Frame::GCRF)
    throw InputError(fmt::format("CZML trajectory '{}': frame {}, expected ITRF (FIXED) or GCRF (INERTIAL)", id, to_string(frame)));
  if (samples.size() < 2) throw InputError(fmt::format("CZML trajectory '{}': {} samples, expected at least 2", id, samples.size()));
  if (interpolation_degree < 1 || interpolation_degree > 9)
    throw InputError(fmt::format("CZML trajectory '{}': interpolation degree {}, expected 1..9", id, interpolation_degree));
  const Epoch& t0 = samples.front().epoch;
  json cartesian = json::array();
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const TrajectorySample& s = samples[i];
    if (i > 0 && !(s.epoch > samples[i - 1].epoch))
      throw InputError(fmt::format("CZML trajectory '{}': sample {} at {} is not after the one before", id, i, iso(s.epoch)));
    if (!s.position.allFinite()) throw InputError(fmt::format("CZML trajectory '{}': sample {} position is not finite", id, i));
    cartesian.push_back(std::round((s.epoch - t0) * 1e6) / 1e6);  // [s] SI seconds after the epoch
    for (int k = 0; k < 3; ++k) cartesian.push_back(std::round(s.position[k] * 1e3) / 1e3);  // [m], to the mm
  }
  const double span = samples.back().epoch - t0;
  json packet = {
      {"availability", interval(t0, samples.back().epoch)},
      {"position",
       {{"epoch", iso(t0)},
        {"referenceFrame", frame == Frame::ITRF ? "FIXED" : "INERTIAL"},
        {"interpolationAlgorithm", "LAGRANGE"},
        {"interpolationDegree", interpolation_degree},
        {"cartesian", std::move(cartesian)}}},
      {"path",
       {{"material", solid(style.colour)},
        {"width", style.width},
        {"leadTime", 0},
        {"trailTime", span},
        {"resolution", std::max(1.0, std::min(60.0, span / 1000.0))}}},
      {"point", point(style)},
      {"label", label(name, style)}};
  new_packet(id, name).update(packet);
}

void CzmlDocument::add_marker(const std::string& id, const std::string& name, const Geodetic& place,
                              const Epoch& from, const CzmlStyle& style) {
  check_style(id, style);
  if (from > stop_) throw InputError(fmt::format("CZML marker '{}': shown from {}, after the clock stop {}", id, iso(from), iso(stop_)));
  json packet = {{"position", {{"cartographicDegrees", cartographic_degrees(id, {place})}}},
                 {"point", point(style)},
                 {"label", label(name, style)}};
  if (from > start_) packet["availability"] = interval(from, stop_);
  new_packet(id, name).update(packet);
}

void CzmlDocument::add_polyline(const std::string& id, const std::string& name, const std::vector<Geodetic>& places,
                                const CzmlStyle& style, EdgeShape edges) {
  check_style(id, style);
  if (places.size() < 2) throw InputError(fmt::format("CZML polyline '{}': {} places, expected at least 2", id, places.size()));
  json packet = {{"polyline",
                  {{"positions", {{"cartographicDegrees", cartographic_degrees(id, places)}}},
                   {"arcType", arc_type(edges)},
                   {"width", style.width},
                   {"material", solid(style.colour)}}}};
  new_packet(id, name).update(packet);
}

void CzmlDocument::add_polygon(const std::string& id, const std::string& name, const std::vector<Geodetic>& ring,
                               const CzmlStyle& style, EdgeShape edges) {
  check_style(id, style);
  if (ring.size() < 3) throw InputError(fmt::format("CZML polygon '{}': {} places, expected at least 3", id, ring.size()));
  Rgba outline = style.colour;
  outline.a = 255;
  // An explicit height lets Cesium draw the outline, which it cannot on ground-clamped polygons. One height for
  // all (not perPositionHeight): with per-position heights Cesium joins the places by straight chords and ignores
  // arcType, so a latitude/longitude box would bulge poleward.
  json packet = {{"polygon",
                  {{"positions", {{"cartographicDegrees", cartographic_degrees(id, ring)}}},
                   {"height", ring.front().height},
                   {"arcType", arc_type(edges)},
                   {"material", solid(style.colour)},
                   {"outline", true},
                   {"outlineColor", colour(outline)},
                   {"outlineWidth", style.width}}}};
  new_packet(id, name).update(packet);
}

void CzmlDocument::write(const std::filesystem::path& path) const {
  write_file_atomically(path, [&](std::ostream& out) { out << packets_.dump() << '\n'; });
}

void write_czml(const CzmlDocument& document, const std::filesystem::path& path) { document.write(path); }

}  // namespace deorbit

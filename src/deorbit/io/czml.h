// CZML documents for CesiumJS (CZML Guide and Packet reference, github.com/AnalyticalGraphicsInc/czml-writer/wiki):
// a clock, sampled trajectories, markers, polylines and polygons on the globe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "deorbit/base/vector.h"
#include "deorbit/frames/frame.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/time/epoch.h"

namespace deorbit {

//! A colour with opacity, 8 bits per channel (CZML "rgba").
struct Rgba {
  std::uint8_t r = 255;
  std::uint8_t g = 255;
  std::uint8_t b = 255;
  std::uint8_t a = 255;  //!< 255 opaque, 0 invisible
};

//! How an object is drawn.
struct CzmlStyle {
  Rgba colour;             //!< line, point, label colour; polygon fill (give some transparency) and outline
  double width = 2.0;      //!< [px] line width; markers and the moving point of a trajectory are 3x as wide
  bool label = true;       //!< show the name beside the marker or the moving point
};

//! How Cesium joins consecutive places of a polyline or polygon.
enum class EdgeShape {
  geodesic,  //!< shortest path on the ellipsoid (footprints, ground distances)
  rhumb,     //!< constant bearing: a latitude/longitude box keeps its parallels (as GIS tools draw GeoJSON)
};

//! One position of a trajectory.
struct TrajectorySample {
  Epoch epoch;
  Vec3 position;  //!< [m] in the trajectory's frame (ITRF or GCRF)
};

//! A CZML document: a document packet with the clock, then one packet per object, in the order added.
//! Times are written as ISO 8601 UTC with a 'Z' (microseconds); sample times as seconds after the object's epoch.
//! Ids must be unique and not "document". Every add_* throws InputError for bad input (named by id).
class CzmlDocument {
 public:
  //! The clock runs from start to stop (LOOP_STOP), starting at start, multiplier simulated seconds per real second.
  CzmlDocument(std::string name, const Epoch& start, const Epoch& stop, double multiplier = 60.0);

  //! A moving object: position samples (at least 2, epochs strictly increasing, finite) interpolated by Cesium with
  //! Lagrange polynomials of the given degree (1..9). frame ITRF -> CZML referenceFrame FIXED; GCRF -> INERTIAL
  //! (Cesium's ICRF; GCRF axes are ICRF's). Drawn as a point with a trailing path over the whole trajectory;
  //! available (shown) from the first to the last sample.
  void add_trajectory(const std::string& id, const std::string& name, const std::vector<TrajectorySample>& samples,
                      Frame frame, const CzmlStyle& style, int interpolation_degree = 5);

  //! A point marker at a place (height above the ellipsoid), shown from `from` on (the breakup point appears at
  //! the breakup), or always when from is the clock start.
  void add_marker(const std::string& id, const std::string& name, const Geodetic& place, const Epoch& from,
                  const CzmlStyle& style);

  //! A polyline through the places in order (at least 2), always shown.
  void add_polyline(const std::string& id, const std::string& name, const std::vector<Geodetic>& places,
                    const CzmlStyle& style, EdgeShape edges = EdgeShape::geodesic);

  //! A filled polygon with an outline (at least 3 places, open ring), at the height of the first place, always shown.
  //! A zone given as a latitude/longitude box needs EdgeShape::rhumb: geodesic edges between two corners at
  //! 45 S bulge to about 50 S over 70 degrees of longitude.
  void add_polygon(const std::string& id, const std::string& name, const std::vector<Geodetic>& ring,
                   const CzmlStyle& style, EdgeShape edges = EdgeShape::geodesic);

  //! The document as a JSON array (document packet first).
  [[nodiscard]] const nlohmann::json& packets() const { return packets_; }

  //! Writes the document to path, atomically. InputError when the file cannot be written.
  void write(const std::filesystem::path& path) const;

 private:
  nlohmann::json& new_packet(const std::string& id, const std::string& name);

  nlohmann::json packets_;
  Epoch start_;
  Epoch stop_;
};

//! Same as document.write(path).
void write_czml(const CzmlDocument& document, const std::filesystem::path& path);

}  // namespace deorbit

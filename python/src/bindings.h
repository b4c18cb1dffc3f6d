// Shared by the binding files of the deorbit Python module (_deorbit): one bind_* function per area, and the
// conversions they all use (times from Python, JSON documents, scratch folders).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "deorbit/frames/frame.h"
#include "deorbit/time/earth_orientation.h"
#include "deorbit/time/epoch.h"

namespace deorbit::python {

namespace py = pybind11;

void bind_time(py::module_& m);      // errors, Epoch, EarthOrientation, frame transforms (bind_time.cpp)
void bind_sgp4(py::module_& m);      // element sets, OPM, batch SGP4 (bind_sgp4.cpp)
void bind_models(py::module_& m);    // density, the numerical propagator (bind_models.cpp)
void bind_commands(py::module_& m);  // plan, decay, demise, campaign (bind_commands.cpp)

//! One instant from an Epoch, an ISO 8601 string (UTC), a datetime (naive = UTC) or a numpy datetime64 (UTC).
[[nodiscard]] Epoch to_epoch(py::handle value);
//! Instants from one of the above or a sequence or numpy datetime64 array of them (numpy arrays are read as UTC).
[[nodiscard]] std::vector<Epoch> to_epochs(py::handle values);
//! The instants as numpy datetime64[ns] (UTC; an instant inside a leap second reads as the next second's start).
[[nodiscard]] py::array epochs_to_datetime64(const std::vector<Epoch>& epochs);
//! "UTC", "TAI", "TT", "GPS" or "UT1" (any case); InputError for anything else.
[[nodiscard]] TimeScale scale_from(const std::string& name);
//! A frame name as parse_frame reads it; InputError for anything else.
[[nodiscard]] Frame frame_from(const std::string& name);
//! The table given, or the empty one (UT1 = UTC, no polar motion).
[[nodiscard]] inline const EarthOrientation& eop_or_none(const EarthOrientation* eop) {
  return eop ? *eop : EarthOrientation::none();
}

//! A Python object (dict, list, ...) from JSON text.
[[nodiscard]] py::object json_to_python(const std::string& text);
//! A Python dict or list as JSON text (indented, so that messages about it name useful lines).
[[nodiscard]] std::string python_to_json(py::handle value);

//! A fresh folder under `parent` (the system's temporary folder when empty), removed with its content when the
//! object goes away.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::filesystem::path& parent = {});
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace deorbit::python

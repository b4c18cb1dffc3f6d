// Errors, Epoch (with datetime and numpy datetime64), EarthOrientation and frame transforms on arrays; and the
// conversions the other binding files share (bindings.h).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <system_error>

#include <fmt/format.h>
#include <pybind11/operators.h>

#include "bindings.h"
#include "deorbit/base/error.h"
#include "deorbit/base/constants.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/frames/state_vector.h"
#include "deorbit/frames/transforms.h"

namespace deorbit::python {

namespace {

constexpr std::int64_t ns_per_day = 86'400'000'000'000;
constexpr double unix_epoch_mjd = 40587.0;     // 1970-01-01 as a modified Julian date
constexpr double unix_epoch_jd = 2440587.5;    // and as a Julian date
constexpr double utc_si_seconds_mjd = 41317.0;  // 1972-01-01, since when UTC counts SI seconds

Epoch from_unix_ns(std::int64_t ns) {
  if (ns == std::numeric_limits<std::int64_t>::min()) throw InputError("times: NaT (not a time) cannot be an instant");
  std::int64_t day = ns / ns_per_day, rest = ns % ns_per_day;
  if (rest < 0) rest += ns_per_day, --day;
  const double mjd = unix_epoch_mjd + static_cast<double>(day);
  // Before 1972 a UTC second was not an SI second (UTC drifted against TAI): the day fraction goes through ERFA.
  if (mjd < utc_si_seconds_mjd)
    return Epoch::from_mjd(TimeScale::UTC, mjd, static_cast<double>(rest) / static_cast<double>(ns_per_day));
  // From 1972, seconds of a UTC day are SI seconds since its midnight (up to a leap second, which datetime64
  // cannot name): whole seconds and nanoseconds added apart are exact, a day fraction in one double is not (1e-11 s).
  return Epoch::from_mjd(TimeScale::UTC, mjd) +
         static_cast<double>(rest / 1'000'000'000) + static_cast<double>(rest % 1'000'000'000) * 1e-9;
}

std::int64_t to_unix_ns(const Epoch& e) {
  const JulianDate jd = e.jd(TimeScale::UTC);
  const auto days = static_cast<std::int64_t>(std::llround(jd.whole - unix_epoch_jd));
  return days * ns_per_day + std::llround(jd.fraction * static_cast<double>(ns_per_day));
}

Epoch from_datetime(py::handle dt) {
  py::object utc = py::reinterpret_borrow<py::object>(dt);
  if (!dt.attr("tzinfo").is_none() && !dt.attr("utcoffset")().is_none())
    utc = dt.attr("astimezone")(py::module_::import("datetime").attr("timezone").attr("utc"));
  CalendarTime c;
  c.year = utc.attr("year").cast<int>();
  c.month = utc.attr("month").cast<int>();
  c.day = utc.attr("day").cast<int>();
  c.hour = utc.attr("hour").cast<int>();
  c.minute = utc.attr("minute").cast<int>();
  c.second = utc.attr("second").cast<double>() + utc.attr("microsecond").cast<double>() * 1e-6;
  return Epoch::from_calendar(TimeScale::UTC, c);
}

bool is_datetime64_array(py::handle h) {
  return py::isinstance<py::array>(h) && py::reinterpret_borrow<py::array>(h).dtype().kind() == 'M';
}

// numpy datetime64 values of any unit as int64 nanoseconds since 1970 (one copy, contiguous).
py::array_t<std::int64_t> as_unix_ns(py::handle values) {
  py::object ns = py::module_::import("numpy").attr("asarray")(values, "datetime64[ns]");
  return py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>(ns.attr("view")("int64"));
}

// ParseIssue fields as attributes of the Python exception (the message stays the whole text).
void raise_input_error(const py::object& type, const InputError& e) {
  py::object error = type(e.what());
  const ParseIssue& issue = e.issue();
  error.attr("file") = issue.file;
  error.attr("line") = issue.line;
  error.attr("column") = issue.column;
  error.attr("field") = issue.field;
  PyErr_SetObject(type.ptr(), error.ptr());
}

}  // namespace

TimeScale scale_from(const std::string& name) {
  if (auto s = parse_time_scale(name)) return *s;
  throw InputError(fmt::format("scale: expected UTC, TAI, TT, GPS or UT1, found '{}'", name));
}

Frame frame_from(const std::string& name) {
  if (auto f = parse_frame(name)) return *f;
  throw InputError(fmt::format("frame: expected GCRF, EME2000, TEME or ITRF, found '{}'", name));
}

Epoch to_epoch(py::handle value) {
  if (py::isinstance<Epoch>(value)) return value.cast<Epoch>();
  if (py::isinstance<py::str>(value)) return Epoch::from_iso(value.cast<std::string>());
  py::module_ datetime = py::module_::import("datetime");
  if (py::isinstance(value, datetime.attr("datetime"))) return from_datetime(value);
  if (py::isinstance(value, py::module_::import("numpy").attr("datetime64"))) return from_unix_ns(as_unix_ns(value).at());
  throw py::type_error(fmt::format("expected an Epoch, an ISO 8601 string, a datetime or a numpy datetime64, got {}",
                                   py::str(py::type::of(value)).cast<std::string>()));
}

std::vector<Epoch> to_epochs(py::handle values) {
  std::vector<Epoch> out;
  if (is_datetime64_array(values)) {
    auto ns = as_unix_ns(values);
    const std::int64_t* p = ns.data();
    out.reserve(static_cast<std::size_t>(ns.size()));
    for (py::ssize_t i = 0; i < ns.size(); ++i) out.push_back(from_unix_ns(p[i]));
    return out;
  }
  if (py::isinstance<py::str>(values) || !py::isinstance<py::sequence>(values)) return {to_epoch(values)};
  for (py::handle v : values) out.push_back(to_epoch(v));
  return out;
}

py::array epochs_to_datetime64(const std::vector<Epoch>& epochs) {
  py::array_t<std::int64_t> ns(static_cast<py::ssize_t>(epochs.size()));
  std::int64_t* p = ns.mutable_data();
  for (std::size_t i = 0; i < epochs.size(); ++i) p[i] = to_unix_ns(epochs[i]);
  return ns.attr("view")("datetime64[ns]");
}

py::object json_to_python(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

std::string python_to_json(py::handle value) {
  // Dates and times (as PyYAML reads them from a scenario) become ISO 8601 text, which the readers take.
  const py::cpp_function iso([](py::handle v) -> py::object {
    if (py::hasattr(v, "isoformat")) return v.attr("isoformat")();
    throw py::type_error(fmt::format("cannot write a {} into a document", py::str(py::type::of(v)).cast<std::string>()));
  });
  return py::module_::import("json").attr("dumps")(value, py::arg("indent") = 2, py::arg("default") = iso).cast<std::string>();
}

ScratchFolder::ScratchFolder(const std::filesystem::path& parent) {
  std::string pattern = ((parent.empty() ? std::filesystem::temp_directory_path() : parent) / "deorbit-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw InputError(fmt::format("cannot make a scratch folder under {}: {}", pattern,
                                 std::error_code(errno, std::generic_category()).message()));
  path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
  std::error_code ignored;  // a folder that cannot be removed is left behind, never an exception from a destructor
  std::filesystem::remove_all(path_, ignored);
}

void bind_time(py::module_& m) {
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  input_error.doc() =
      "Bad input: the message names file:line:column: field, what was expected and what was found.\n"
      "Attributes file, line, column, field (empty or 0 where unknown).";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      raise_input_error(input_error, e);
    }
  });
  static py::exception<void> input_warning(m, "InputWarning", PyExc_UserWarning);
  input_warning.doc() = "A record a reader skipped (read_tle, read_omm with strict=False); the message names where.";

  py::class_<EarthOrientation, std::shared_ptr<EarthOrientation>>(
      m, "EarthOrientation",
      "Earth orientation parameters (UT1-UTC, polar motion, dX/dY, length of day) from a CelesTrak EOP-All file.\n"
      "Functions that take eop=None use none: UT1 = UTC, no polar motion.")
      .def_static("read", [](const std::string& path) { return std::make_shared<EarthOrientation>(EarthOrientation::read(path)); },
                  py::arg("path"), "Reads a CelesTrak EOP-All file (CSV or text). Raises InputError naming file and line.")
      .def_static("from_rows",
                  [](const std::vector<py::dict>& rows, const std::string& source) {
                    constexpr double arcsec = 3.14159265358979323846 / (180.0 * 3600.0);
                    std::vector<EopRecord> records;
                    for (const py::dict& row : rows) {
                      auto get = [&](const char* key) { return row.contains(key) ? row[key].cast<double>() : 0.0; };
                      EopValues v{get("ut1_minus_utc"), get("lod"), get("xp_arcsec") * arcsec, get("yp_arcsec") * arcsec,
                                  get("dx_arcsec") * arcsec, get("dy_arcsec") * arcsec, get("dpsi_arcsec") * arcsec,
                                  get("deps_arcsec") * arcsec};
                      if (!row.contains("mjd")) throw InputError("from_rows: every row needs its mjd (UTC day)");
                      records.push_back({row["mjd"].cast<int>(), v, false});
                    }
                    return std::make_shared<EarthOrientation>(std::move(records), source);
                  },
                  py::arg("rows"), py::arg("source") = "Python rows",
                  "A table from daily rows: dicts with mjd (UTC day) and any of ut1_minus_utc [s], lod [s], "
                  "xp_arcsec, yp_arcsec, dx_arcsec, dy_arcsec, dpsi_arcsec, deps_arcsec (0 when absent).");

  py::class_<Epoch>(m, "Epoch",
                    "One instant (TAI seconds since J2000 inside, exact to below a nanosecond); UTC, TAI, TT, GPS and "
                    "UT1 are views.\n\nEpoch(value, scale='UTC', eop=None): value is an ISO 8601 string (read in "
                    "`scale`), a datetime (naive = UTC; aware ones are converted), a numpy datetime64 (UTC) or an "
                    "Epoch.")
      .def(py::init([](py::handle value, const std::string& scale, const EarthOrientation* eop) {
             if (py::isinstance<py::str>(value))
               return Epoch::from_iso(value.cast<std::string>(), scale_from(scale), eop_or_none(eop));
             return to_epoch(value);
           }),
           py::arg("value"), py::arg("scale") = "UTC", py::arg("eop") = py::none())
      .def_static("from_jd", [](double jd1, double jd2, const std::string& scale, const EarthOrientation* eop) {
             return Epoch::from_jd(scale_from(scale), jd1, jd2, eop_or_none(eop));
           },
           py::arg("jd1"), py::arg("jd2") = 0.0, py::arg("scale") = "TT", py::arg("eop") = py::none(),
           "From a two-part Julian date jd1 + jd2 in `scale`.")
      .def_static("from_mjd", [](double mjd, const std::string& scale, const EarthOrientation* eop) {
             const double whole = std::floor(mjd);
             return Epoch::from_mjd(scale_from(scale), whole, mjd - whole, eop_or_none(eop));
           },
           py::arg("mjd"), py::arg("scale") = "UTC", py::arg("eop") = py::none(),
           "From a modified Julian date in `scale`.")
      .def_static("from_tai_seconds", [](double seconds) {
             const double whole = std::floor(seconds);
             return Epoch::from_tai_seconds(static_cast<std::int64_t>(whole), seconds - whole);
           },
           py::arg("seconds"), "From TAI seconds since 2000-01-01T12:00:00 TAI.")
      .def("iso", [](const Epoch& e, const std::string& scale, int decimals, const EarthOrientation* eop) {
             return e.iso(scale_from(scale), decimals, eop_or_none(eop));
           },
           py::arg("scale") = "UTC", py::arg("decimals") = 6, py::arg("eop") = py::none(),
           "ISO 8601 'YYYY-MM-DDThh:mm:ss.ffffff' in `scale` (no suffix); 60.x inside a UTC leap second.")
      .def("jd", [](const Epoch& e, const std::string& scale, const EarthOrientation* eop) {
             const JulianDate jd = e.jd(scale_from(scale), eop_or_none(eop));
             return py::make_tuple(jd.whole, jd.fraction);
           },
           py::arg("scale") = "TT", py::arg("eop") = py::none(),
           "Two-part Julian date (whole ending in .5, fraction of the day) in `scale`.")
      .def("mjd", [](const Epoch& e, const std::string& scale, const EarthOrientation* eop) {
             return e.mjd(scale_from(scale), eop_or_none(eop));
           },
           py::arg("scale") = "UTC", py::arg("eop") = py::none(), "Modified Julian date [d] in `scale`.")
      .def_property_readonly("tai_seconds", [](const Epoch& e) {
             return static_cast<double>(e.tai_seconds()) + e.tai_fraction();
           },
           "[s] TAI seconds since 2000-01-01T12:00:00 TAI (a float: about 1e-7 s resolution in 2025).")
      .def("to_datetime", [](const Epoch& e) {
             py::module_ dt = py::module_::import("datetime");
             const std::int64_t us = (to_unix_ns(e) + 500) / 1000 - ((to_unix_ns(e) + 500) % 1000 < 0 ? 1 : 0);
             return dt.attr("datetime")(1970, 1, 1, py::arg("tzinfo") = dt.attr("timezone").attr("utc")) +
                    dt.attr("timedelta")(py::arg("microseconds") = us);
           },
           "An aware datetime in UTC, rounded to the microsecond (a leap second reads as the next second's start).")
      .def("to_datetime64", [](const Epoch& e) -> py::object { return epochs_to_datetime64({e}).attr("__getitem__")(0); },
           "numpy datetime64[ns] in UTC (a leap second reads as the next second's start).")
      .def("__add__", [](const Epoch& e, double dt) { return e + dt; }, py::is_operator())
      .def("__radd__", [](const Epoch& e, double dt) { return e + dt; }, py::is_operator())
      .def("__sub__", [](const Epoch& e, double dt) { return e - dt; }, py::is_operator())
      .def("__sub__", [](const Epoch& a, const Epoch& b) { return a - b; }, py::is_operator(),
           "[s] elapsed SI seconds from b to a.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def("__hash__", [](const Epoch& e) { return py::hash(py::make_tuple(e.tai_seconds(), e.tai_fraction())); })
      .def("__repr__", [](const Epoch& e) { return fmt::format("Epoch('{}Z')", e.iso(TimeScale::UTC, 9)); })
      .def("__str__", [](const Epoch& e) { return e.iso(TimeScale::UTC, 6) + "Z"; });

  m.def("to_datetime64", [](py::handle times) { return epochs_to_datetime64(to_epochs(times)); }, py::arg("times"),
        "Instants (Epochs, strings, datetimes) as a numpy datetime64[ns] array in UTC.");
  m.def("epochs", [](py::handle times) { return to_epochs(times); }, py::arg("times"),
        "Instants (numpy datetime64 array read as UTC, Epochs, ISO strings, datetimes) as a list of Epoch.");

  m.def("transform",
        [](py::array_t<double, py::array::c_style | py::array::forcecast> states, py::handle times,
           const std::string& from, const std::string& to, const EarthOrientation* eop) {
          if (states.ndim() < 1 || states.shape(states.ndim() - 1) != 6)
            throw InputError("states: expected an array of shape (..., 6): x, y, z [m], vx, vy, vz [m/s]");
          const auto n = static_cast<std::size_t>(states.size() / 6);
          const std::vector<Epoch> epochs = to_epochs(times);
          if (epochs.size() != 1 && epochs.size() != n)
            throw InputError(fmt::format("times: expected 1 or {} instants (one per state), got {}", n, epochs.size()));
          const Frame source = frame_from(from), target = frame_from(to);
          py::array_t<double> out(std::vector<py::ssize_t>(states.shape(), states.shape() + states.ndim()));
          const double* in = states.data();
          double* o = out.mutable_data();
          {
            py::gil_scoped_release released;
            const FrameTransformer frames(eop_or_none(eop));
            for (std::size_t i = 0; i < n; ++i) {
              const double* s = in + 6 * i;
              const StateVector sv{epochs.size() == 1 ? epochs[0] : epochs[i], source, Vec3(s[0], s[1], s[2]),
                                   Vec3(s[3], s[4], s[5])};
              const StateVector r = frames.transform(sv, target);
              for (int k = 0; k < 3; ++k) o[6 * i + k] = r.r[k], o[6 * i + 3 + k] = r.v[k];
            }
          }
          return out;
        },
        py::arg("states"), py::arg("times"), py::arg("from_frame"), py::arg("to_frame"), py::arg("eop") = py::none(),
        "States (..., 6) [m, m/s] at `times` (one instant, or one per state) from one frame to another (GCRF, "
        "EME2000, TEME, ITRF). ITRF velocities are relative to the rotating Earth. Returns a new array.");

  m.def("geodetic",
        [](py::array_t<double, py::array::c_style | py::array::forcecast> itrf) {
          if (itrf.ndim() < 1 || itrf.shape(itrf.ndim() - 1) < 3)
            throw InputError("itrf: expected an array of shape (..., 3) or (..., 6): ITRF x, y, z [m] first");
          const py::ssize_t width = itrf.shape(itrf.ndim() - 1), n = itrf.size() / width;
          std::vector<py::ssize_t> shape(itrf.shape(), itrf.shape() + itrf.ndim());
          shape.back() = 3;
          py::array_t<double> out(shape);
          const double* in = itrf.data();
          double* o = out.mutable_data();
          {
            py::gil_scoped_release released;
            for (py::ssize_t i = 0; i < n; ++i) {
              const double* r = in + width * i;
              const Geodetic g = to_geodetic(Vec3(r[0], r[1], r[2]));
              o[3 * i] = g.latitude / constants::deg, o[3 * i + 1] = g.longitude / constants::deg, o[3 * i + 2] = g.height;
            }
          }
          return out;
        },
        py::arg("itrf"),
        "WGS84 geodetic latitude [deg], east longitude [deg] and height [m] of ITRF positions (..., 3) or states "
        "(..., 6); a new array (..., 3).");
}

}  // namespace deorbit::python

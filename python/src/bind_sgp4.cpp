// Element sets (TLE, OMM), OPM state vectors, and batch SGP4 of a whole catalogue into numpy arrays.
#include <algorithm>
#include <cstdlib>
#include <new>
#include <atomic>
#include <exception>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "bindings.h"
#include "deorbit/base/error.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/opm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4_batch.h"

namespace deorbit::python {

namespace {

// Skipped records become InputWarnings (one per record, naming where), so that a catalogue with a bad line loads.
std::vector<MeanElements> warn_issues(ReadResult<MeanElements> result) {
  if (!result.issues.empty()) {
    py::object warn = py::module_::import("warnings").attr("warn");
    py::object category = py::module_::import("deorbit._deorbit").attr("InputWarning");
    for (const ParseIssue& issue : result.issues) warn(issue.message(), category, 2);
  }
  return std::move(result.records);
}

Sgp4Simd simd_from(const std::string& name) {
  for (Sgp4Simd s : {Sgp4Simd::Auto, Sgp4Simd::Avx512, Sgp4Simd::Avx2, Sgp4Simd::Scalar})
    if (to_string(s) == name) return s;
  throw InputError(fmt::format("simd: expected auto, avx512, avx2 or scalar, found '{}'", name));
}

std::shared_ptr<Sgp4Batch> make_batch(const std::vector<MeanElements>& elements, const std::string& gravity,
                                      const std::string& mode) {
  Sgp4Options options;
  if (gravity == "wgs72") options.gravity = Sgp4Gravity::Wgs72;
  else if (gravity == "wgs72old") options.gravity = Sgp4Gravity::Wgs72Old;
  else if (gravity == "wgs84") options.gravity = Sgp4Gravity::Wgs84;
  else throw InputError(fmt::format("gravity: expected wgs72, wgs72old or wgs84, found '{}'", gravity));
  if (mode == "i") options.mode = Sgp4OpsMode::Improved;
  else if (mode == "a") options.mode = Sgp4OpsMode::Afspc;
  else throw InputError(fmt::format("mode: expected 'i' (improved) or 'a' (AFSPC), found '{}'", mode));
  py::gil_scoped_release released;
  return std::make_shared<Sgp4Batch>(elements, options);
}

// m states from six component arrays (c[k * m + i]) to x, y, z, vx, vy, vz of each state in turn (out[6 * i + k]).
// Two states at a time with SSE2 (any x86-64), and with streaming stores: the output is written once and not read
// back here, so it need not pass through the cache nor be read for ownership first. (Plain stores measured slower
// even on the 804-object sample, whose 65 MB output fits this machine's last-level cache.)
void interleave(const double* c, std::size_t m, double* out) {
  std::size_t i = 0;
#ifdef __SSE2__
  if (reinterpret_cast<std::uintptr_t>(out) % 16 == 0) {
    for (; i + 2 <= m; i += 2) {
      const __m128d x = _mm_loadu_pd(c + i), y = _mm_loadu_pd(c + m + i), z = _mm_loadu_pd(c + 2 * m + i);
      const __m128d vx = _mm_loadu_pd(c + 3 * m + i), vy = _mm_loadu_pd(c + 4 * m + i), vz = _mm_loadu_pd(c + 5 * m + i);
      double* o = out + 6 * i;
      _mm_stream_pd(o, _mm_unpacklo_pd(x, y));
      _mm_stream_pd(o + 2, _mm_unpacklo_pd(z, vx));
      _mm_stream_pd(o + 4, _mm_unpacklo_pd(vy, vz));
      _mm_stream_pd(o + 6, _mm_unpackhi_pd(x, y));
      _mm_stream_pd(o + 8, _mm_unpackhi_pd(z, vx));
      _mm_stream_pd(o + 10, _mm_unpackhi_pd(vy, vz));
    }
    _mm_sfence();  // the streamed stores are visible before the caller reads the array
  }
#endif
  for (; i < m; ++i)
    for (std::size_t k = 0; k < 6; ++k) out[6 * i + k] = c[k * m + i];
}

// A new output array on memory of its own (std::aligned_alloc, freed through a capsule the array owns) rather than
// numpy's: numpy advises large arrays for transparent huge pages, and on a machine whose memory is fragmented the
// sweep's first touch of them then waits for the kernel to compact memory (measured with
// bench/python_sgp4_bench.py: 7.9 M/s into numpy's arrays, 16.6 M/s into these, 22 M/s for C++'s new vectors).
template <class T>
py::array_t<T> new_array(const std::vector<py::ssize_t>& shape) {
  std::size_t count = 1;
  for (py::ssize_t d : shape) count *= static_cast<std::size_t>(d);
  const std::size_t bytes = std::max<std::size_t>(64, (count * sizeof(T) + 63) / 64 * 64);
  void* memory = std::aligned_alloc(64, bytes);
  if (!memory) throw std::bad_alloc();
  py::capsule owner(memory, [](void* p) { std::free(p); });
  return py::array_t<T>(shape, static_cast<T*>(memory), owner);
}

// States of every row at every instant as (rows, times, 6) and the status as (rows, times), into new arrays or the
// caller's (out). The batch writes one array per component; rows go through it in slices small enough to stay in
// the core's cache (about 2^14 states) and are interleaved from there, so that the sweep costs one pass over the
// output, as the C++ batch into its own arrays does.
py::tuple propagate_batch(const Sgp4Batch& batch, py::handle times, unsigned threads, const std::string& simd,
                          bool errors_persist, py::object out) {
  const std::vector<Epoch> epochs = to_epochs(times);
  const std::size_t rows = batch.size(), n = epochs.size();
  const std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n), 6};
  py::array_t<double> states;
  py::array_t<std::int8_t> status;
  if (out.is_none()) {
    states = new_array<double>(shape);
    status = new_array<std::int8_t>({shape[0], shape[1]});
  } else {
    auto pair = out.cast<std::pair<py::array, py::array>>();
    const auto ok = py::array::c_style;
    if (!py::isinstance<py::array_t<double, ok>>(pair.first) || !py::isinstance<py::array_t<std::int8_t, ok>>(pair.second))
      throw InputError("out: expected (states, status) as C-contiguous float64 and int8 arrays");
    states = py::reinterpret_borrow<py::array_t<double>>(pair.first);
    status = py::reinterpret_borrow<py::array_t<std::int8_t>>(pair.second);
    if (states.ndim() != 3 || states.shape(0) != shape[0] || states.shape(1) != shape[1] || states.shape(2) != 6 ||
        status.ndim() != 2 || status.shape(0) != shape[0] || status.shape(1) != shape[1] || !states.writeable() ||
        !status.writeable())
      throw InputError(fmt::format("out: expected writeable arrays of shapes ({}, {}, 6) and ({}, {})", rows, n, rows, n));
  }
  // Each worker takes slices of rows in turn and runs the batch on them alone (threads = 1) into its own scratch:
  // a slow worker (a core shared with other work) holds up only its own slices.
  const Sgp4BatchOptions options{1, simd_from(simd), errors_persist};
  const std::size_t workers = std::min<std::size_t>(
      threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads, std::max<std::size_t>(rows, 1));
  double* o = states.mutable_data();
  std::int8_t* o_status = status.mutable_data();
  {
    py::gil_scoped_release released;
    if (n != 0 && rows != 0) {
      const std::size_t slice = std::min(rows, std::max<std::size_t>(1, (std::size_t{1} << 14) / n));
      std::atomic<std::size_t> next{0};
      auto work = [&] {
        std::vector<double> soa(6 * slice * n);
        std::vector<Sgp4Status> codes(slice * n);
        for (std::size_t first; (first = next.fetch_add(slice)) < rows;) {
          const std::size_t count = std::min(slice, rows - first), m = count * n;
          double* c = soa.data();
          batch.propagate(epochs, first, count,
                          Sgp4BatchArrays<double>{c, c + m, c + 2 * m, c + 3 * m, c + 4 * m, c + 5 * m, codes.data()},
                          options);
          interleave(c, m, o + 6 * first * n);
          std::int8_t* s = o_status + first * n;
          for (std::size_t i = 0; i < m; ++i) s[i] = static_cast<std::int8_t>(codes[i]);
        }
      };
      std::vector<std::exception_ptr> errors(workers);
      std::vector<std::thread> pool;
      for (std::size_t w = 1; w < workers; ++w)
        pool.emplace_back([&, w] {
          try {
            work();
          } catch (...) {
            errors[w] = std::current_exception();
            next.store(rows);  // the others stop at their next slice
          }
        });
      try {
        work();
      } catch (...) {
        errors[0] = std::current_exception();
        next.store(rows);
      }
      for (std::thread& t : pool) t.join();
      for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    }
  }
  return py::make_tuple(states, status);
}

py::object optional_or_none(const std::optional<double>& v) { return v ? py::object(py::float_(*v)) : py::none(); }

}  // namespace

void bind_sgp4(py::module_& m) {
  py::class_<MeanElements>(m, "MeanElements",
                           "One SGP4 element set (TLE or OMM) in SI units: angles in rad, mean motion in rad/s, B* "
                           "in 1/earth radii. A copy: changing it changes nothing elsewhere.")
      .def_property_readonly("name", [](const MeanElements& e) { return e.object.name; })
      .def_property_readonly("international_designator", [](const MeanElements& e) { return e.object.international_designator; })
      .def_property_readonly("catalogue_number", [](const MeanElements& e) { return e.object.catalogue_number; },
                             "NORAD catalogue number (None when the record has none).")
      .def_property_readonly("classification", [](const MeanElements& e) { return std::string(1, e.object.classification); })
      .def_property_readonly("epoch", [](const MeanElements& e) { return e.epoch; }, "Epoch of the elements (a copy).")
      .def_readonly("mean_motion", &MeanElements::mean_motion, "[rad/s] Kozai mean motion")
      .def_readonly("eccentricity", &MeanElements::eccentricity)
      .def_readonly("inclination", &MeanElements::inclination, "[rad] TEME of epoch")
      .def_readonly("raan", &MeanElements::raan, "[rad]")
      .def_readonly("arg_of_perigee", &MeanElements::arg_of_perigee, "[rad]")
      .def_readonly("mean_anomaly", &MeanElements::mean_anomaly, "[rad]")
      .def_readonly("bstar", &MeanElements::bstar, "[1/earth radii]")
      .def_readonly("mean_motion_dot", &MeanElements::mean_motion_dot, "[rad/s^2] as published")
      .def_readonly("mean_motion_ddot", &MeanElements::mean_motion_ddot, "[rad/s^3] as published")
      .def_readonly("ephemeris_type", &MeanElements::ephemeris_type)
      .def_readonly("element_set_number", &MeanElements::element_set_number)
      .def_readonly("rev_at_epoch", &MeanElements::rev_at_epoch)
      .def("tle_lines", [](const MeanElements& e) { return format_tle(e); }, "The two 69-column TLE lines.")
      .def("__repr__", [](const MeanElements& e) {
        return fmt::format("MeanElements(name='{}', catalogue_number={}, epoch='{}Z')", e.object.name,
                           e.object.catalogue_number ? std::to_string(*e.object.catalogue_number) : "None",
                           e.epoch.iso(TimeScale::UTC, 6));
      });

  m.def("read_tle",
        [](const std::string& path, bool strict, bool verify_checksum) {
          ReadResult<MeanElements> read;
          {
            py::gil_scoped_release released;
            read = read_tle_file(path, ReadOptions{strict, verify_checksum});
          }
          return warn_issues(std::move(read));
        },
        py::arg("path"), py::arg("strict") = false, py::arg("verify_checksum") = true,
        "Every element set of a 2- or 3-line TLE file. A bad record is skipped with an InputWarning naming "
        "file:line:column: field (strict=True raises InputError instead).");
  m.def("parse_tle",
        [](const std::string& line1, const std::string& line2, const std::string& name) { return parse_tle(line1, line2, name); },
        py::arg("line1"), py::arg("line2"), py::arg("name") = "", "One element set from its two lines.");
  m.def("read_omm",
        [](const std::string& path, bool strict) {
          ReadResult<MeanElements> read;
          {
            py::gil_scoped_release released;
            read = read_omm_file(path, ReadOptions{strict, true});
          }
          return warn_issues(std::move(read));
        },
        py::arg("path"), py::arg("strict") = false,
        "Every element set of a CCSDS OMM file (KVN, XML, or CelesTrak JSON or CSV; detected from the content). Bad "
        "records as in read_tle.");

  py::class_<Opm>(m, "Opm", "A CCSDS OPM's state vector and spacecraft parameters (SI units; a copy).")
      .def_readonly("originator", &Opm::originator)
      .def_readonly("object_name", &Opm::object_name)
      .def_readonly("object_id", &Opm::object_id)
      .def_property_readonly("epoch", [](const Opm& o) { return o.state.epoch; })
      .def_property_readonly("frame", [](const Opm& o) { return std::string(to_string(o.state.frame)); })
      .def_property_readonly("state", [](const Opm& o) {
            py::array_t<double> s(6);
            for (int k = 0; k < 3; ++k) s.mutable_at(k) = o.state.r[k], s.mutable_at(3 + k) = o.state.v[k];
            return s;
          },
          "[m, m/s] x, y, z, vx, vy, vz in `frame` (a new array).")
      .def_property_readonly("time_system", [](const Opm& o) { return std::string(to_string(o.time_system)); })
      .def_property_readonly("mass_kg", [](const Opm& o) { return optional_or_none(o.mass_kg); })
      .def_property_readonly("drag_area_m2", [](const Opm& o) { return optional_or_none(o.drag_area_m2); })
      .def_property_readonly("drag_coeff", [](const Opm& o) { return optional_or_none(o.drag_coeff); })
      .def_property_readonly("srp_area_m2", [](const Opm& o) { return optional_or_none(o.srp_area_m2); })
      .def_property_readonly("srp_coeff", [](const Opm& o) { return optional_or_none(o.srp_coeff); })
      .def_property_readonly("covariance", [](const Opm& o) -> py::object {
            if (!o.covariance) return py::none();
            py::array_t<double> c({6, 6});
            for (int i = 0, k = 0; i < 6; ++i)
              for (int j = 0; j <= i; ++j, ++k) c.mutable_at(i, j) = c.mutable_at(j, i) = (*o.covariance)[k];
            return c;
          },
          "6x6 position-velocity covariance [m^2, m^2/s, m^2/s^2] (None when the file has none).")
      .def_readonly("covariance_frame", &Opm::covariance_frame)
      .def("__repr__", [](const Opm& o) {
        return fmt::format("Opm(object_name='{}', epoch='{}Z', frame='{}')", o.object_name,
                           o.state.epoch.iso(TimeScale::UTC, 6), to_string(o.state.frame));
      });
  m.def("read_opm", [](const std::string& path) { return read_opm_file(path); }, py::arg("path"),
        py::call_guard<py::gil_scoped_release>(),
        "One CCSDS OPM (KVN). Raises InputError naming file:line:column: keyword.");

  py::class_<Sgp4Batch, std::shared_ptr<Sgp4Batch>>(
      m, "Sgp4Batch",
      "SGP4/SDP4 for a whole catalogue: initialised once, propagated to any list of instants in one call (vector "
      "kernel, no Python loop). Element sets SGP4 refuses (SGP4-XP, out of range) are left out: see rejected and "
      "input_index.")
      .def(py::init(&make_batch), py::arg("elements"), py::arg("gravity") = "wgs72", py::arg("mode") = "i",
           "gravity: wgs72 (standard), wgs72old or wgs84; mode: 'i' (improved) or 'a' (AFSPC).")
      .def("__len__", &Sgp4Batch::size)
      .def_property_readonly("input_index", [](const Sgp4Batch& b) {
            py::array_t<std::int64_t> idx(static_cast<py::ssize_t>(b.size()));
            for (std::size_t i = 0; i < b.size(); ++i) idx.mutable_at(static_cast<py::ssize_t>(i)) = static_cast<std::int64_t>(b.input_index(i));
            return idx;
          },
          "Row i's position in the list given to the constructor.")
      .def_property_readonly("rejected", [](const Sgp4Batch& b) {
            py::list out;
            for (const Sgp4BatchRejection& r : b.rejected()) out.append(py::make_tuple(r.input_index, r.message));
            return out;
          },
          "(input index, reason) of each element set left out.")
      .def_property_readonly("deep_space_count", &Sgp4Batch::deep_space_count)
      .def("elements", [](const Sgp4Batch& b, std::size_t i) {
            if (i >= b.size()) throw py::index_error(fmt::format("row {} of a batch of {}", i, b.size()));
            return b.elements(i);
          },
          py::arg("row"))
      .def("propagate", &propagate_batch, py::arg("times"), py::arg("threads") = 1u, py::arg("simd") = "auto",
           py::arg("errors_persist") = false, py::arg("out") = py::none(),
           "States at every instant: (states, status). states: float64 (rows, times, 6) TEME x, y, z [m], vx, vy, "
           "vz [m/s], NaN where status != 0; status: int8 (rows, times), 0 ok, 1-4 the SGP4 errors, 6 decayed. times: "
           "numpy datetime64 array (UTC) or a sequence of Epochs. threads: 0 = every core. out: (states, status) arrays "
           "of those shapes and dtypes to fill instead of new ones (they are returned). Releases the GIL.");
  m.def("sgp4_status_name", [](int code) { return std::string(to_string(static_cast<Sgp4Status>(code))); },
        py::arg("code"), "The name of an SGP4 status code.");
}

}  // namespace deorbit::python

#include "deorbit/app/catalogue_command.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"
#include "deorbit/orbit/omm.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4_batch.h"

namespace deorbit::app {
namespace {

static_assert(std::endian::native == std::endian::little, "the binary catalogue format is little-endian");

constexpr std::uint64_t kMaxStates = 4'000'000'000ULL;
constexpr std::size_t kSliceRows = 512;  // objects propagated and written at a time (bounded memory)

//! True when the text looks like TLEs: among its first non-blank lines, a line 1 followed by a line 2.
bool looks_like_tle(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path));
  std::vector<std::string> lines;
  for (std::string line; lines.size() < 3 && std::getline(in, line);) {
    std::string_view t = text::trim(line);
    if (t.empty() || t.front() == '#') continue;
    lines.emplace_back(t);
  }
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].rfind("1 ", 0) == 0 && lines[i + 1].rfind("2 ", 0) == 0 && lines[i].size() >= 60) return true;
  }
  return false;
}

std::vector<MeanElements> read_catalogue(const CatalogueOptions& o, std::string& kind) {
  const ReadOptions ro{.strict = o.strict};
  ReadResult<MeanElements> r;
  if (looks_like_tle(o.file)) {
    kind = "TLE";
    r = read_tle_file(o.file, ro);
  } else {
    kind = "OMM";
    r = read_omm_file(o.file, ro);
  }
  for (const auto& issue : r.issues) warn("skipped a record: " + issue.message());
  if (r.records.empty()) throw InputError(fmt::format("{}: no element set found", o.file));
  return std::move(r.records);
}

//! Runs fn(begin, end) on [0, n) split among threads.
template <class Fn>
void parallel_rows(std::size_t n, unsigned threads, Fn fn) {
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, n)));
  if (threads <= 1) {
    fn(std::size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  const std::size_t per = (n + threads - 1) / threads;
  for (unsigned t = 1; t < threads; ++t) {
    const std::size_t b = std::min(n, t * per), e = std::min(n, (t + 1) * per);
    pool.emplace_back([&fn, b, e] { fn(b, e); });
  }
  fn(std::size_t{0}, std::min(n, per));
  for (auto& th : pool) th.join();
}

struct Counts {
  std::uint64_t states = 0, ok = 0, decayed = 0, other = 0;
};

template <class Real>
struct Slice {
  std::vector<Real> x, y, z, vx, vy, vz;
  std::vector<Sgp4Status> status;
  explicit Slice(std::size_t n) : x(n), y(n), z(n), vx(n), vy(n), vz(n), status(n) {}
  Sgp4BatchArrays<Real> arrays() { return {x.data(), y.data(), z.data(), vx.data(), vy.data(), vz.data(), status.data()}; }
};

void count(const std::vector<Sgp4Status>& status, std::size_t n, Counts& c) {
  for (std::size_t i = 0; i < n; ++i) {
    ++c.states;
    if (status[i] == Sgp4Status::Ok) ++c.ok;
    else if (status[i] == Sgp4Status::Decayed) ++c.decayed;
    else ++c.other;
  }
}

std::string norad_text(const MeanElements& e) {
  return e.object.catalogue_number ? std::to_string(*e.object.catalogue_number) : std::string();
}

void write_csv(std::ostream& out, const Sgp4Batch& batch, const std::vector<Epoch>& times, unsigned threads,
               Counts& counts) {
  std::vector<std::string> stamps(times.size());
  for (std::size_t j = 0; j < times.size(); ++j) stamps[j] = times[j].iso(TimeScale::UTC, 6);
  out << "norad,epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps,status\n";
  const std::size_t n = times.size();
  Slice<double> s(kSliceRows * n);
  std::vector<std::string> text(kSliceRows);
  for (std::size_t first = 0; first < batch.size(); first += kSliceRows) {
    const std::size_t rows = std::min(kSliceRows, batch.size() - first);
    batch.propagate(times, first, rows, s.arrays(), {.threads = threads, .errors_persist = true});
    parallel_rows(rows, threads, [&](std::size_t b, std::size_t e) {
      fmt::memory_buffer buf;
      for (std::size_t r = b; r < e; ++r) {
        buf.clear();
        const std::string norad = norad_text(batch.elements(first + r));
        for (std::size_t j = 0; j < n; ++j) {
          const std::size_t i = r * n + j;
          if (s.status[i] == Sgp4Status::Ok) {
            fmt::format_to(std::back_inserter(buf), "{},{},{:.3f},{:.3f},{:.3f},{:.6f},{:.6f},{:.6f},0\n", norad,
                           stamps[j], s.x[i], s.y[i], s.z[i], s.vx[i], s.vy[i], s.vz[i]);
          } else {
            fmt::format_to(std::back_inserter(buf), "{},{},,,,,,,{}\n", norad, stamps[j], static_cast<int>(s.status[i]));
          }
        }
        text[r].assign(buf.data(), buf.size());
      }
    });
    for (std::size_t r = 0; r < rows; ++r) out << text[r];
    count(s.status, rows * n, counts);
  }
}

template <class T>
void put(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class Real>
void write_binary(std::ostream& out, const Sgp4Batch& batch, const std::vector<Epoch>& times, unsigned threads,
                  Counts& counts) {
  const Epoch start = times.front();
  const std::size_t n = times.size();
  // Header (64 bytes).
  out.write("DEORBCAT", 8);
  put(out, std::uint32_t{1});                       // version
  put(out, static_cast<std::uint32_t>(sizeof(Real)));  // bytes per value
  put(out, static_cast<std::uint64_t>(batch.size()));
  put(out, static_cast<std::uint64_t>(n));
  char stamp[32] = {};
  const std::string iso = start.iso(TimeScale::UTC, 6) + "Z";
  std::memcpy(stamp, iso.data(), std::min<std::size_t>(iso.size(), sizeof stamp - 1));
  out.write(stamp, sizeof stamp);
  // Instants, seconds since the start.
  for (const Epoch& t : times) put(out, t - start);
  // Object table: catalogue number, flags, element epoch minus start.
  for (std::size_t r = 0; r < batch.size(); ++r) {
    const MeanElements& e = batch.elements(r);
    put(out, static_cast<std::uint32_t>(e.object.catalogue_number.value_or(0)));
    put(out, static_cast<std::uint32_t>(batch.satellite(r).deep_space() ? 1 : 0));
    put(out, e.epoch - start);
  }
  // One record per object: x, y, z, vx, vy, vz (n values each), then n status bytes.
  Slice<Real> s(kSliceRows * n);
  std::vector<std::uint8_t> status(n);
  for (std::size_t first = 0; first < batch.size(); first += kSliceRows) {
    const std::size_t rows = std::min(kSliceRows, batch.size() - first);
    batch.propagate(times, first, rows, s.arrays(), {.threads = threads, .errors_persist = true});
    for (std::size_t r = 0; r < rows; ++r) {
      for (const std::vector<Real>* c : {&s.x, &s.y, &s.z, &s.vx, &s.vy, &s.vz})
        out.write(reinterpret_cast<const char*>(c->data() + r * n), static_cast<std::streamsize>(n * sizeof(Real)));
      for (std::size_t j = 0; j < n; ++j) status[j] = static_cast<std::uint8_t>(s.status[r * n + j]);
      out.write(reinterpret_cast<const char*>(status.data()), static_cast<std::streamsize>(n));
    }
    count(s.status, rows * n, counts);
  }
}

}  // namespace

CLI::Option* add_catalogue_options(CLI::App& cmd, CatalogueOptions& o) {
  CLI::Option* cat = cmd.add_option("--catalogue", o.file,
                                    "sweep every element set of this TLE or OMM file with batch SGP4 (see below)")
                         ->check(CLI::ExistingFile);
  cmd.add_option("--threads", o.threads, "--catalogue: worker threads [default: 0 = all cores]");
  cmd.add_option("--precision", o.precision, "--catalogue --format binary: double or float values")
      ->capture_default_str();
  cmd.footer(cmd.get_footer() + "\n\n" +
      "Catalogue mode (--catalogue FILE):\n"
      "  Every element set in FILE (TLE, or CCSDS OMM as KVN, XML, JSON or CSV: told apart by content) is\n"
      "  propagated with the batch SGP4 path (vectorised, --threads cores) from --from to --to every --step\n"
      "  seconds. Defaults: from the latest element epoch in the file, for one day, every 60 s. Output is TEME\n"
      "  (--frame teme only), in metres and metres per second:\n"
      "    --format csv     norad,epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps,status  (one line per object and instant;\n"
      "                     status 0 = ok, else the SGP4 error code: 1 mean eccentricity, 2 mean motion,\n"
      "                     3 perturbed eccentricity, 4 semi-latus rectum, 6 decayed; the state fields are then\n"
      "                     empty)\n"
      "    --format binary  little-endian header, instants, object table, then per object x,y,z,vx,vy,vz arrays\n"
      "                     (--precision double or float) and a status byte per instant: see\n"
      "                     docs/catalogue-format.md. Needs -o.\n"
      "  An object stays failed: after its first error at or after its element epoch (decay, most often), every\n"
      "  later instant carries that status, although SGP4 alone may compute a state there again.\n"
      "  Element sets SGP4 cannot use (SGP4-XP, elements out of range) are left out with a warning. Counts of\n"
      "  states per outcome go to stderr; the exit code is 0 unless the input or command line is bad.\n"
      "  Example: deorbit propagate --catalogue active.tle --format binary --precision float -o sweep.bin");
  return cat;
}

int run_catalogue(const CatalogueOptions& o) {
  if (!(o.step > 0) || !std::isfinite(o.step))
    throw InputError(fmt::format("--step must be a positive number of seconds, got {}", o.step));
  const std::string format = text::upper(o.format);
  if (format != "CSV" && format != "BINARY")
    throw InputError(fmt::format("--format: with --catalogue expected csv or binary, got '{}'", o.format));
  const std::string precision = text::upper(o.precision);
  if (precision != "DOUBLE" && precision != "FLOAT")
    throw InputError(fmt::format("--precision: expected double or float, got '{}'", o.precision));
  if (precision == "FLOAT" && format != "BINARY") throw InputError("--precision float applies to --format binary only");
  if (text::upper(o.frame) != "TEME")
    throw InputError(fmt::format("--frame: --catalogue writes TEME only (SGP4's frame), got '{}'", o.frame));
  if (format == "BINARY" && o.output.empty()) throw InputError("--format binary needs an output file (-o)");

  std::string kind;
  const std::vector<MeanElements> sets = read_catalogue(o, kind);
  const Sgp4Batch batch(sets);
  for (const auto& r : batch.rejected()) warn(fmt::format("left out: {}", r.message));
  if (batch.size() == 0) throw InputError(fmt::format("{}: no element set SGP4 can propagate", o.file));

  Epoch latest = batch.elements(0).epoch;
  for (std::size_t i = 0; i < batch.size(); ++i) latest = std::max(latest, batch.elements(i).epoch);
  const Epoch start = o.from.empty() ? latest : Epoch::from_iso(o.from);
  const Epoch stop = o.to.empty() ? start + 86400.0 : Epoch::from_iso(o.to);
  if (stop < start) throw InputError(fmt::format("--to ({}) is before --from ({})", stop.iso(), start.iso()));
  const auto n = static_cast<std::size_t>(std::floor((stop - start) / o.step + 1e-9)) + 1;
  if (static_cast<double>(n) * static_cast<double>(batch.size()) > static_cast<double>(kMaxStates))
    throw InputError(fmt::format("{} objects x {} instants is more than {} states; use a larger --step or a shorter span",
                                 batch.size(), n, kMaxStates));
  std::vector<Epoch> times;
  times.reserve(n);
  for (std::size_t j = 0; j < n; ++j) times.push_back(start + static_cast<double>(j) * o.step);

  // Flag sweeps far from the element epochs (as Sgp4 flags single states).
  const double far = Sgp4Options{}.far_from_epoch;
  std::size_t far_count = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Epoch& e = batch.elements(i).epoch;
    if (std::fabs(times.front() - e) > far || std::fabs(times.back() - e) > far) ++far_count;
  }
  if (far_count)
    warn(fmt::format("{} of {} objects are propagated more than {:.0f} days from their element epoch: SGP4 errors "
                     "grow quickly",
                     far_count, batch.size(), far / 86400.0));

  const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
  Counts counts;
  auto write = [&](std::ostream& out) {
    if (format == "CSV") write_csv(out, batch, times, threads, counts);
    else if (precision == "FLOAT") write_binary<float>(out, batch, times, threads, counts);
    else write_binary<double>(out, batch, times, threads, counts);
  };
  if (o.output.empty()) {
    write(std::cout);
    std::cout.flush();
  } else {
    write_file_atomically(o.output, write);
  }
  std::cerr << fmt::format(
      "deorbit: {} {} objects ({} deep space, {} left out) x {} instants from {}Z every {} s ({} kernel, {} threads): "
      "{} states, {} ok, {} decayed, {} other SGP4 errors\n",
      batch.size(), kind, batch.deep_space_count(), batch.rejected().size(), n, start.iso(TimeScale::UTC, 3), o.step,
      to_string(sgp4_best_simd()), threads, counts.states, counts.ok, counts.decayed, counts.other);
  return 0;
}

}  // namespace deorbit::app

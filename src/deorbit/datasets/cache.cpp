#include "deorbit/datasets/cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "deorbit/base/error.h"

namespace deorbit::datasets {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// Writes all bytes to a descriptor, through short writes and interruptions.
void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw InputError(fmt::format("{}: write failed: {}", path.string(), std::strerror(errno)));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::filesystem::path cache_folder(const std::string& given) {
  if (!given.empty()) return given;
  if (std::string d = env("DEORBIT_CACHE_DIR"); !d.empty()) return d;
  if (std::string x = env("XDG_CACHE_HOME"); !x.empty() && std::filesystem::path(x).is_absolute())
    return std::filesystem::path(x) / "deorbit";
  if (std::string h = env("HOME"); !h.empty()) return std::filesystem::path(h) / ".cache" / "deorbit";
  throw InputError("no cache folder: set HOME, XDG_CACHE_HOME or DEORBIT_CACHE_DIR, or give --cache DIR");
}

std::filesystem::path element_set_file(const std::filesystem::path& cache, std::uint32_t norad) {
  return cache / kElementSetFolder / fmt::format("catnr-{}.json", norad);
}

std::filesystem::path group_file(const std::filesystem::path& cache, const std::string& group) {
  return cache / kElementSetFolder / fmt::format("group-{}.json", group);
}

double now_mjd() {
  const double unix_seconds =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  return 40587.0 + unix_seconds / 86400.0;  // MJD 40587 is 1970-01-01, the Unix epoch
}

std::string date_of_mjd(double mjd) {
  // Proleptic Gregorian calendar (std::chrono), valid for any day: UTC's 1960 start does not matter for a date.
  const std::chrono::year_month_day d{
      std::chrono::sys_days{std::chrono::days{static_cast<long>(std::floor(mjd)) - 40587}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw InputError("SHA-256: OpenSSL's EVP_Digest failed");
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("{}: read failed", path.string()));
  return ss.str();
}

void replace_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                             const std::function<void(const std::filesystem::path&)>& check) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create the folder: {}", folder.string(), ec.message()));
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += fmt::format(".part{:08x}", rd());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError(fmt::format("{}: cannot create: {}", tmp.string(), std::strerror(errno)));
  try {
    try {
      write_all(fd, bytes, tmp);
      // The data must be on the disk before the rename makes it the file: a crash then leaves the old or the new.
      if (::fsync(fd) != 0) throw InputError(fmt::format("{}: fsync failed: {}", tmp.string(), std::strerror(errno)));
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0) throw InputError(fmt::format("{}: close failed: {}", tmp.string(), std::strerror(errno)));
    if (check) check(tmp);
    std::filesystem::rename(tmp, path);
  } catch (const std::filesystem::filesystem_error& e) {
    std::filesystem::remove(tmp, ec);
    throw InputError(fmt::format("{}: cannot replace: {}", path.string(), e.code().message()));
  } catch (...) {
    std::filesystem::remove(tmp, ec);
    throw;
  }
  // The rename itself is durable once the folder's entry is synced (best effort: some file systems refuse it).
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

}  // namespace deorbit::datasets

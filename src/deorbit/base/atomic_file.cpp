#include "deorbit/base/atomic_file.h"

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp{:08x}", rd());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw InputError(fmt::format("{}: cannot open for writing", path.string()));
      write(out);
      out.flush();
      if (!out) throw InputError(fmt::format("{}: write failed (disk full?)", path.string()));
    }
    std::filesystem::rename(tmp, path);
  } catch (const std::filesystem::filesystem_error& e) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw InputError(fmt::format("{}: cannot write: {}", path.string(), e.code().message()));
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw;
  }
}

}  // namespace deorbit

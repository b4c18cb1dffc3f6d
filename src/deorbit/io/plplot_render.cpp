#include "deorbit/io/plplot_render.h"

#include <plplot.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "deorbit/base/atomic_file.h"
#include "deorbit/base/error.h"

namespace deorbit::plplot {
namespace {

// PLplot keeps its streams in global tables: one figure at a time.
std::mutex plplot_mutex;

// PLplot asks on the terminal for a device it does not know: check first that the driver is installed.
bool driver_installed(const char* name) {
  // plgDevs fills caller-owned arrays of at most n entries and sets n to the count.
  std::vector<const char*> menu(256), names(256);
  const char** menu_data = menu.data();
  const char** names_data = names.data();
  int n = static_cast<int>(names.size());
  plgDevs(&menu_data, &names_data, &n);
  for (int i = 0; i < n; ++i)
    if (std::string_view(names[static_cast<std::size_t>(i)]) == name) return true;
  return false;
}

// The bytes PLplot writes go to a memory stream; the file is then written atomically in one go.
struct MemoryOutput {
  char* data = nullptr;
  std::size_t size = 0;
  ~MemoryOutput() { std::free(data); }
};

}  // namespace

std::string plain_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '#') out += '#';
  }
  return out;
}

void render(const char* driver, const std::filesystem::path& path, const std::string& what,
            const std::function<void()>& draw) {
  MemoryOutput bytes;
  {
    std::lock_guard lock(plplot_mutex);
    if (!driver_installed(driver))
      throw InputError(fmt::format("{}: {}: PLplot's {} driver is not installed{}", path.string(), what, driver,
                                   std::string_view(driver) == "pngcairo" ? " (Debian: plplot-driver-cairo)" : ""));
    std::FILE* out = open_memstream(&bytes.data, &bytes.size);
    if (out == nullptr) throw InputError(fmt::format("{}: {}: cannot allocate an output buffer", path.string(), what));
    PLINT previous = 0, stream = 0;
    plgstrm(&previous);
    plmkstrm(&stream);  // a fresh stream, made current; plend1 below frees it and closes `out`
    plsdev(driver);
    plsfile(out);
    draw();
    plend1();
    plsstrm(previous);
  }
  if (bytes.data == nullptr || bytes.size == 0)
    throw InputError(fmt::format("{}: {}: PLplot's {} driver produced no output", path.string(), what, driver));
  write_file_atomically(path, [&](std::ostream& os) { os.write(bytes.data, static_cast<std::streamsize>(bytes.size)); });
}

}  // namespace deorbit::plplot

// What every PLplot figure of io/ shares: one figure at a time (PLplot keeps global state), a private stream, the
// bytes written atomically, the colour palette and PLplot's text escapes. Internal to io/.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "deorbit/io/plot.h"

namespace deorbit::plplot {

//! Okabe and Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
//! (Their yellow is left out: it is too faint on white.)
inline constexpr std::array<Rgb, 6> palette{{{0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {230, 159, 0},
                                            {86, 180, 233}, {204, 121, 167}}};

//! PLplot reads '#' as the start of an escape sequence (#u superscript, ...); this doubles it ("##" is a '#').
[[nodiscard]] std::string plain_text(std::string_view text);

//! Draws a figure with PLplot's `driver` ("svg" or "pngcairo") and writes it to path atomically. Holds the PLplot
//! lock, opens a fresh stream with the device and output set, calls draw() (which sets the page, calls plinit and
//! draws), then ends the stream. InputError when the driver is not installed, nothing is produced, or the file
//! cannot be written; `what` names the figure in the message ("plot", "density map").
void render(const char* driver, const std::filesystem::path& path, const std::string& what,
            const std::function<void()>& draw);

}  // namespace deorbit::plplot

// Line plots (altitude against time and the like) as SVG or PNG, drawn by PLplot (plplot.sourceforge.net).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "deorbit/time/epoch.h"

namespace deorbit {

//! A colour, 8 bits per channel.
struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
};

//! How one series is drawn.
struct LineStyle {
  std::optional<Rgb> colour;  //!< none: the next colour of a colour-blind-safe palette (Okabe and Ito)
  double width = 2.0;         //!< [px] line width (PNG pixels; SVG user units)
  bool dashed = false;        //!< short dashes instead of a solid line
};

//! One line of a plot. Give the abscissae either as numbers (x) or as instants (times), the same count as y.
//! Values are plotted as given: convert to the display unit (km, days) before, and say it in the axis label.
struct Series {
  std::string name;          //!< legend entry
  std::vector<double> x;     //!< abscissae, for a numeric x axis
  std::vector<Epoch> times;  //!< abscissae as instants, for a time axis labelled in UTC
  std::vector<double> y;     //!< ordinates
  LineStyle style;
};

//! A plot of lines on one pair of axes, with a title, axis labels and a legend. Text is plain UTF-8.
//! The x axis is a time axis when the series give times (all series must then give times).
struct LinePlot {
  std::string title;
  std::string x_label;          //!< e.g. "Date (UTC)" or "Time since burn [min]"
  std::string y_label;          //!< e.g. "Altitude [km]"
  std::vector<Series> series;   //!< at least one, each with at least one point
  std::string time_format;      //!< strftime-style labels of a time axis (UTC); empty: chosen from the span
                                //!< ("%Y-%m-%d" beyond 3 d, "%m-%d %H:%M" beyond 12 h, else "%H:%M:%S")
  bool legend = true;           //!< legend box in the upper right corner (series with an empty name are left out)
  int width_px = 1000;          //!< [px] image width (PNG pixels; SVG viewBox units), 200..10000
  int height_px = 600;          //!< [px] image height, 200..10000
};

//! Draws the plot into path, atomically (nothing is left half-written). The format follows the extension:
//! ".svg" (PLplot's svg driver: text stays text) or ".png" (PLplot's pngcairo driver, anti-aliased).
//! Thread-safe: PLplot's global state is guarded and each call uses a private PLplot stream.
//! Throws InputError for an unknown extension, no series, an empty series, x/times/y of different lengths,
//! a mix of numeric and time axes, a non-finite value, or a size out of range; and when the file cannot be written.
void write_plot(const LinePlot& plot, const std::filesystem::path& path);

}  // namespace deorbit

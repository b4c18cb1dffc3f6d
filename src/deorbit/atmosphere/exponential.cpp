// Reference: Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed. (2013), Table 8-4, "Exponential
// Atmospheric Model"; the same numbers are in the 3rd ed. (2007), p. 564. Values as given there (km, kg/m^3, km).
#include "deorbit/atmosphere/exponential.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace deorbit {
namespace {

constexpr double km = 1000.0;
constexpr double kLowest = -5.0 * km;  // [m] extrapolation floor, as for the US Standard Atmosphere 1976

constexpr std::array<ExponentialBand, 28> kTable = {{
    {0 * km, 1.225, 7.249 * km},          {25 * km, 3.899e-2, 6.349 * km},     {30 * km, 1.774e-2, 6.682 * km},
    {40 * km, 3.972e-3, 7.554 * km},      {50 * km, 1.057e-3, 8.382 * km},     {60 * km, 3.206e-4, 7.714 * km},
    {70 * km, 8.770e-5, 6.549 * km},      {80 * km, 1.905e-5, 5.799 * km},     {90 * km, 3.396e-6, 5.382 * km},
    {100 * km, 5.297e-7, 5.877 * km},     {110 * km, 9.661e-8, 7.263 * km},    {120 * km, 2.438e-8, 9.473 * km},
    {130 * km, 8.484e-9, 12.636 * km},    {140 * km, 3.845e-9, 16.149 * km},   {150 * km, 2.070e-9, 22.523 * km},
    {180 * km, 5.464e-10, 29.740 * km},   {200 * km, 2.789e-10, 37.105 * km},  {250 * km, 7.248e-11, 45.546 * km},
    {300 * km, 2.418e-11, 53.628 * km},   {350 * km, 9.518e-12, 53.298 * km},  {400 * km, 3.725e-12, 58.515 * km},
    {450 * km, 1.585e-12, 60.828 * km},   {500 * km, 6.967e-13, 63.822 * km},  {600 * km, 1.454e-13, 71.835 * km},
    {700 * km, 3.614e-14, 88.667 * km},   {800 * km, 1.170e-14, 124.64 * km},  {900 * km, 5.245e-15, 181.05 * km},
    {1000 * km, 3.019e-15, 268.00 * km},
}};

}  // namespace

const std::array<ExponentialBand, 28>& vallado_exponential_table() { return kTable; }

double exponential_density(double height) {
  if (std::isnan(height)) return std::numeric_limits<double>::quiet_NaN();
  const double h = std::max(height, kLowest);
  // The band whose base is the last one at or below h (the first band also serves below 0 km).
  auto it = std::upper_bound(kTable.begin(), kTable.end(), h,
                             [](double x, const ExponentialBand& b) { return x < b.base_height; });
  const ExponentialBand& band = it == kTable.begin() ? kTable.front() : *(it - 1);
  return band.base_density * std::exp(-(h - band.base_height) / band.scale_height);
}

AtmosphereState ExponentialAtmosphere::evaluate(const AtmosphereInput& in) const {
  return {exponential_density(in.place.height), std::numeric_limits<double>::quiet_NaN()};
}

}  // namespace deorbit

// The two atmospheres of a descent at their switch (86 km): the table of docs/validation-reentry.md, measured with
// the command it names (`deorbit density`, embedded space weather, no EOP file).
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "deorbit/atmosphere/us_standard_1976.h"
#include "support/run_command.h"

namespace deorbit {
namespace {

TEST(AtmosphereSwitch, Nrlmsise00AgainstUs76At86Km) {
  const double us76 = us_standard_1976(86e3).density;
  EXPECT_NEAR(us76, 6.958e-6, 5e-10);  // printed to 4 digits
  struct Cell {
    const char* date;
    double latitude_deg, percent;  // NRLMSISE-00 / US76 - 1, as printed (0.1 %)
  };
  for (const Cell& c : {Cell{"2025-01-15", -60, 12.4}, Cell{"2025-01-15", -38, 7.8}, Cell{"2025-01-15", 0, 3.9},
                        Cell{"2025-01-15", 45, -15.5}, Cell{"2025-01-15", 70, -29.5}, Cell{"2025-07-15", -60, -24.9},
                        Cell{"2025-07-15", -38, -18.1}, Cell{"2025-07-15", 0, -3.1}, Cell{"2025-07-15", 45, 1.1},
                        Cell{"2025-07-15", 70, 21.6}}) {
    auto r = testing::run_deorbit(fmt::format("density --model nrlmsise00 --epoch {}T12:00:00Z --lat {} --lon -150 "
                                              "--alt-km 86",
                                              c.date, c.latitude_deg));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const double rho = nlohmann::json::parse(r.out)["density_kg_m3"].get<double>();
    EXPECT_NEAR(100 * (rho / us76 - 1), c.percent, 0.05) << c.date << " " << c.latitude_deg;
  }
}

}  // namespace
}  // namespace deorbit

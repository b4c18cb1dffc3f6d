// End to end through reentry/ and risk/: fragments from a breakup over the South Pacific, their footprint, its
// containment in the default zone and its distance to land.
#include <cmath>
#include <cstdio>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/frames/transforms.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/reentry/descent.h"
#include "deorbit/reentry/footprint.h"
#include "deorbit/risk/land.h"
#include "deorbit/risk/target_zone.h"

namespace deorbit {
namespace {

using constants::deg;

StateVector breakup_state(const Epoch& epoch) {
  const double lat = -38 * deg, lon = -150 * deg, speed = 7300.0, fpa = 1.5 * deg, heading = 110 * deg;
  Vec3 r = to_itrf({lat, lon, 78e3});
  const Vec3 up(std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat));
  const Vec3 east(-std::sin(lon), std::cos(lon), 0.0);
  const Vec3 north = up.cross(east);
  Vec3 v = speed * (std::cos(fpa) * (std::cos(heading) * north + std::sin(heading) * east) - std::sin(fpa) * up);
  return {epoch, Frame::ITRF, r, v};
}

TEST(FootprintInZone, SouthPacificBreakup) {
  const Epoch epoch = Epoch::from_iso("2031-01-15T10:00:00Z");
  std::vector<Fragment> frags{{"light panel", 50.0, 4.0, 1.2, 20},
                              {"truss segment", 800.0, 3.0, 1.0, 6},
                              {"dense tank", 2000.0, 1.5, 0.9, 2}};
  auto descents = descend(breakup_state(epoch), frags, {});
  Footprint fp = make_footprint(impacts_of(descents));
  ASSERT_EQ(fp.impacts.size(), 3u);
  Containment c = assess(TargetZone::south_pacific_default(), fp);
  const LandMask& land = LandMask::embedded();
  double nearest = 1e300;
  for (const Impact& i : fp.impacts) nearest = std::min(nearest, land.distance_to_land(i.latitude, i.longitude));
  std::printf("footprint: %.3f km long, %.4f km wide, track azimuth %.4f deg; inside the default zone: %s, margin "
              "%.3f km (impact %d); nearest land %.2f km\n",
              fp.along_track_length / 1e3, fp.cross_track_width / 1e3, fp.track_azimuth / deg,
              c.inside ? "yes" : "no", c.min_margin / 1e3, c.worst_impact, nearest / 1e3);
  // The fragments fall along the track (heading 110 deg at breakup): long and narrow. The figures of
  // docs/validation-reentry.md, to the precision printed there.
  EXPECT_NEAR(fp.along_track_length, 940.1e3, 100.0);
  EXPECT_NEAR(fp.cross_track_width, 3.68e3, 10.0);
  EXPECT_NEAR(fp.track_azimuth / deg, 103.20, 0.01);
  EXPECT_TRUE(c.inside);
  EXPECT_EQ(c.worst_impact, 2);
  EXPECT_NEAR(c.min_margin, 436.0e3, 100.0);
  EXPECT_NEAR(nearest, 3105e3, 1e3);
}

}  // namespace
}  // namespace deorbit

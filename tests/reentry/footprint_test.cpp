#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "deorbit/base/constants.h"
#include "deorbit/reentry/footprint.h"

namespace deorbit {
namespace {

using constants::deg;

Impact at(double lat_deg, double lon_deg, double heading_deg) {
  Impact i;
  i.latitude = lat_deg * deg;
  i.longitude = lon_deg * deg;
  i.heading = heading_deg * deg;
  return i;
}

// Known points: five impacts along the equator heading east, one of them 1 deg north of it.
TEST(Footprint, AlongAndCrossTrackOnTheEquator) {
  std::vector<Impact> imp{at(0, 0, 90), at(0, 2.5, 90), at(0, 5, 90), at(1, 7.5, 90), at(0, 10, 90)};
  Footprint fp = make_footprint(imp);
  const double R = mean_earth_radius;
  EXPECT_NEAR(fp.track_azimuth, 90 * deg, 1e-12);
  // The track through the centroid is tilted slightly by the northern point's pull on the centroid: the along-track
  // length is 6.1e-6 longer than the 10 deg arc, the width 1.9e-4 wider than the 1 deg offset.
  EXPECT_NEAR(fp.along_track_length, 10 * deg * R, 10 * deg * R * 1.5e-5);
  EXPECT_NEAR(fp.cross_track_width, 1 * deg * R, 1 * deg * R * 5e-4);
  ASSERT_EQ(fp.impacts.size(), 5u);
  // The hull holds the four extreme points (the two middle equatorial points lie on its southern edge).
  ASSERT_GE(fp.outline.size(), 4u);
  EXPECT_EQ(fp.outline.front(), fp.outline.back());
}

// A track heading due north: length is the latitude spread, width the longitude spread (scaled by cos lat).
TEST(Footprint, NorthboundTrackExactValues) {
  std::vector<Impact> imp{at(-1, 0, 0), at(1, 0, 0), at(0, 0.5, 0), at(0, -0.5, 0)};
  Footprint fp = make_footprint(imp);
  const double R = mean_earth_radius;
  EXPECT_NEAR(fp.track_azimuth, 0.0, 1e-12);
  EXPECT_NEAR(fp.centroid_latitude, 0.0, 1e-12);
  EXPECT_NEAR(fp.centroid_longitude, 0.0, 1e-12);
  EXPECT_NEAR(fp.along_track_length, 2 * deg * R, 1e-6);
  EXPECT_NEAR(fp.cross_track_width, 1 * deg * R, 1e-6);
  ASSERT_EQ(fp.outline.size(), 5u);  // a diamond, closed
  for (std::size_t k = 0; k + 1 < fp.outline.size(); ++k) {
    // Counter-clockwise seen from above: each step turns left around the centroid.
    auto [a_lat, a_lon] = fp.outline[k];
    auto [b_lat, b_lon] = fp.outline[k + 1];
    EXPECT_GT(a_lon * b_lat - a_lat * b_lon, 0.0);
  }
}

// Headings average on the circle: 350 and 10 deg give north, not 180.
TEST(Footprint, CircularMeanHeadingAndDegenerateCases) {
  std::vector<Impact> two{at(-1, 0, 350), at(1, 0, 10)};
  Footprint fp = make_footprint(two);
  EXPECT_NEAR(fp.track_azimuth, 0.0, 1e-12);
  EXPECT_NEAR(fp.along_track_length, 2 * deg * mean_earth_radius, 1e-6);
  EXPECT_NEAR(fp.cross_track_width, 0.0, 1e-6);
  EXPECT_EQ(fp.outline.size(), 3u);
  Footprint one = make_footprint(std::vector<Impact>{at(-40, -120, 100)});
  EXPECT_EQ(one.along_track_length, 0.0);
  EXPECT_EQ(one.outline.size(), 2u);
  Footprint none = make_footprint({});
  EXPECT_TRUE(none.outline.empty());
  // Collinear impacts along a meridian: the outline is the segment's ends, closed.
  std::vector<Impact> line{at(-2, 30, 0), at(-1, 30, 0), at(0, 30, 0), at(1, 30, 0)};
  Footprint l = make_footprint(line);
  EXPECT_NEAR(l.cross_track_width, 0.0, 1e-6);
  EXPECT_GE(l.outline.size(), 3u);
  EXPECT_EQ(l.outline.front(), l.outline.back());
}

// Across the antimeridian: longitudes 179 and -179 are 2 deg apart, not 358. The length is the great-circle arc
// between them, 2.44 m shorter than the 2 deg of the 30 S parallel.
TEST(Footprint, AcrossTheAntimeridian) {
  std::vector<Impact> imp{at(-30, 179, 90), at(-30, -179, 90)};
  Footprint fp = make_footprint(imp);
  const double s = std::sin(30 * deg), c = std::cos(30 * deg);
  EXPECT_NEAR(fp.along_track_length, mean_earth_radius * std::acos(s * s + c * c * std::cos(2 * deg)), 1e-3);
}

}  // namespace
}  // namespace deorbit

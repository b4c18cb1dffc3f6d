// Cross-check with Orekit 13.1: tests/data/orekit-reference/README.md gives the ISS state Orekit's SGP4
// (TLEPropagator) computed at 2025-01-01T12:00:00 UTC from a published element set, in TEME and, through
// Orekit's TEME -> GCRF chain, in GCRF.
#include <cstdio>

#include <gtest/gtest.h>

#include "deorbit/frames/transforms.h"
#include "deorbit/orbit/tle.h"
#include "deorbit/sgp4/sgp4.h"
#include "support/test_data.h"

namespace deorbit {
namespace {

TEST(OrekitStartState, Sgp4TemeAgreesToMicrometresAndGcrfToAMetre) {
  MeanElements e = parse_tle("1 25544U 98067A   24366.81307813  .00027763  00000-0  48311-3 0  9997",
                             "2 25544  51.6382  56.2039 0006091  28.0496 332.0820 15.50544003489205");
  Epoch t0 = Epoch::from_iso("2025-01-01T12:00:00Z");
  Sgp4State s = Sgp4(e).at(t0);
  ASSERT_TRUE(s.ok());
  const Vec3 orekit_teme_r(591337.072970, -5085590.160698, -4476867.201327);
  const Vec3 orekit_teme_v(5936.702900599, 3558.837156413, -3257.742320896);
  double dr = (s.r - orekit_teme_r).norm(), dv = (s.v - orekit_teme_v).norm();
  // Orekit prints 1e-6 m and 1e-9 m/s; measured 5.6e-6 m and 6.4e-9 m/s.
  EXPECT_LT(dr, 1.2e-5);
  EXPECT_LT(dv, 1.3e-8);

  auto eop = EarthOrientation::read(testing::test_data("spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"));
  StateVector gcrf = FrameTransformer(eop).transform({t0, Frame::TEME, s.r, s.v}, Frame::GCRF);
  const Vec3 orekit_gcrf_r(552012.464072, -5088971.465786, -4478046.272060);
  const Vec3 orekit_gcrf_v(5948.574568045, 3525.474953144, -3272.328663339);
  double gr = (gcrf.r - orekit_gcrf_r).norm(), gv = (gcrf.v - orekit_gcrf_v).norm();
  std::printf("vs Orekit: TEME |dr| = %.2e m |dv| = %.2e m/s; GCRF |dr| = %.3f m |dv| = %.2e m/s\n", dr, dv, gr, gv);
  // Orekit derives TEME from its true-of-date frame; deorbit follows Vallado et al. (GMST 1982 through the
  // pseudo-Earth-fixed frame). The two TEME definitions differ here by about 1 m (30 mas): see docs/validation.md.
  // Measured 0.980 m and 9.3e-4 m/s: held 2 cm and 2e-5 m/s above, since the figure is a difference of
  // definitions, so any change in our chain moves it.
  EXPECT_NEAR(gr, 0.980, 0.02);
  EXPECT_NEAR(gv, 9.31e-4, 2e-5);
}

}  // namespace
}  // namespace deorbit

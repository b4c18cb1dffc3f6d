#include <sstream>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/io/ephemeris_writer.h"

namespace deorbit {
namespace {

std::vector<StateVector> two_states(Frame f) {
  Epoch t = Epoch::from_iso("2026-08-25T12:00:00Z");
  return {{t, f, Vec3(6778137.0, 1.0, -2.5), Vec3(0.5, 7668.558, 1.25)},
          {t + 60.5, f, Vec3(6700000.0, 1000.0, 2000.0), Vec3(-1.0, 7600.0, 10.0)}};
}

TEST(EphemerisWriter, CsvColumnsAndUnits) {
  std::ostringstream out;
  write_states_csv(out, two_states(Frame::GCRF));
  EXPECT_EQ(out.str(),
            "epoch_utc,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n"
            "2026-08-25T12:00:00.000000,6778137.000,1.000,-2.500,0.500000,7668.558000,1.250000\n"
            "2026-08-25T12:01:00.500000,6700000.000,1000.000,2000.000,-1.000000,7600.000000,10.000000\n");
  std::ostringstream g;
  write_geodetic_csv(g, {{Epoch::from_iso("2026-08-25T12:00:00Z"), {-0.5, 1.0, 420e3}}});
  EXPECT_EQ(g.str(), "epoch_utc,lat_deg,lon_deg,alt_m\n2026-08-25T12:00:00.000000,-28.647889757,57.295779513,420000.000\n");
}

TEST(EphemerisWriter, OemKvnInKilometres) {
  ObjectIdentity id{"ISS (ZARYA)", "1998-067A", 25544, 'U'};
  std::ostringstream out;
  write_oem_kvn(out, two_states(Frame::TEME), id, "deorbit", "test");
  std::string s = out.str();
  EXPECT_EQ(s.rfind("CCSDS_OEM_VERS = 3.0\n", 0), 0u);
  for (const char* line : {"\nORIGINATOR = deorbit\n", "\nCOMMENT test\n", "\nOBJECT_NAME = ISS (ZARYA)\n",
                           "\nOBJECT_ID = 1998-067A\n", "\nREF_FRAME = TEME\n", "\nTIME_SYSTEM = UTC\n",
                           "\nSTART_TIME = 2026-08-25T12:00:00.000000\n", "\nSTOP_TIME = 2026-08-25T12:01:00.500000\n",
                           "\n2026-08-25T12:00:00.000000 6778.137000 0.001000 -0.002500 0.000500000 7.668558000 0.001250000\n"})
    EXPECT_NE(s.find(line), std::string::npos) << line;
  EXPECT_EQ(ccsds_frame_name(Frame::ITRF), "ITRF2020");
  EXPECT_EQ(ccsds_frame_name(Frame::EME2000), "EME2000");
}

TEST(EphemerisWriter, OemRefusesEmptyOrMixedFrames) {
  std::ostringstream out;
  EXPECT_THROW(write_oem_kvn(out, {}, {}), InputError);
  auto mixed = two_states(Frame::GCRF);
  mixed[1].frame = Frame::ITRF;
  EXPECT_THROW(write_oem_kvn(out, mixed, {}), InputError);
}

}  // namespace
}  // namespace deorbit

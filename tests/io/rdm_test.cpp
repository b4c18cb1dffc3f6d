#include "deorbit/io/rdm.h"

#include <sstream>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

Rdm sample() {
  Rdm r;
  r.message_id = "deorbit/45601/1";
  r.object_name = "CZ-5B R/B";
  r.international_designator = "2020-027C";
  r.catalog_number = 45601;
  r.epoch_tzero = Epoch::from_iso("2020-05-06T10:24:48.123456");
  r.ref_frame = "GCRF";
  r.gravity_model = "EGM-96: 8D 8O";
  r.atmospheric_model = "NRLMSISE-00";
  r.comments = {"nominal and 90 % window from a 100-member ensemble"};
  r.orbit_lifetime = 5.25 * 86400;
  r.orbit_lifetime_window_start = 4.5 * 86400;
  r.orbit_lifetime_window_end = 6.0 * 86400;
  r.nominal_reentry_epoch = r.epoch_tzero + r.orbit_lifetime;
  r.reentry_window_start = r.epoch_tzero + *r.orbit_lifetime_window_start;
  r.reentry_window_end = r.epoch_tzero + *r.orbit_lifetime_window_end;
  r.confidence_level = 90;
  r.state_epoch = r.epoch_tzero;
  r.r = {6578137.5, -1234.25, 42.125};
  r.v = {1.5, 7712.25, -3.0};
  r.drag_area = 0.0123;
  return r;
}

TEST(Rdm, WritesMandatoryKeywordsAndReadsBack) {
  std::ostringstream out;
  write_rdm_kvn(out, sample());
  const std::string text = out.str();
  for (const char* key : {"CCSDS_RDM_VERS", "CREATION_DATE", "ORIGINATOR", "MESSAGE_ID", "OBJECT_NAME",
                          "INTERNATIONAL_DESIGNATOR", "CONTROLLED_REENTRY", "CENTER_NAME", "TIME_SYSTEM",
                          "EPOCH_TZERO", "ORBIT_LIFETIME", "REENTRY_ALTITUDE"})
    EXPECT_TRUE(text.rfind(key, 0) == 0 || text.find(std::string("\n") + key + " ") != std::string::npos) << key;
  EXPECT_NE(text.find("REENTRY_ALTITUDE                = 80 [km]"), std::string::npos) << text;
  std::istringstream in(text);
  Rdm back = read_rdm_kvn(in, "written.rdm");
  const Rdm s = sample();
  EXPECT_EQ(back.object_name, s.object_name);
  EXPECT_EQ(back.international_designator, s.international_designator);
  EXPECT_EQ(back.catalog_number, s.catalog_number);
  EXPECT_FALSE(back.controlled_reentry);
  EXPECT_EQ(back.epoch_tzero, s.epoch_tzero);
  EXPECT_NEAR(back.orbit_lifetime, s.orbit_lifetime, 1e-9);
  EXPECT_DOUBLE_EQ(back.reentry_altitude, 80e3);
  EXPECT_NEAR(*back.nominal_reentry_epoch - *s.nominal_reentry_epoch, 0.0, 1e-6);
  EXPECT_NEAR(*back.reentry_window_start - *s.reentry_window_start, 0.0, 1e-6);
  EXPECT_NEAR(*back.reentry_window_end - *s.reentry_window_end, 0.0, 1e-6);
  EXPECT_DOUBLE_EQ(*back.confidence_level, 90.0);
  EXPECT_NEAR((back.r - s.r).norm(), 0.0, 1e-6);
  EXPECT_NEAR((back.v - s.v).norm(), 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(*back.drag_area, 0.0123);
  ASSERT_EQ(back.comments.size(), 1u);
  EXPECT_EQ(back.comments[0], s.comments[0]);
}

// SATCAT names carry brackets ("DELTA 2 R/B(2) [PAM-D]"): free text keeps them, they are no unit.
TEST(Rdm, FreeTextWithBracketsReadsBackWhole) {
  Rdm s = sample();
  s.object_name = "DELTA 2 R/B(2) [PAM-D]";
  s.n_body_perturbations = "SUN, MOON";
  std::ostringstream out;
  write_rdm_kvn(out, s);
  std::istringstream in(out.str());
  const Rdm back = read_rdm_kvn(in, "written.rdm");
  EXPECT_EQ(back.object_name, s.object_name);
  EXPECT_EQ(back.n_body_perturbations, "SUN, MOON");
}

std::string without(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind(key + " ", 0) != 0) out += line + "\n";
  return out;
}

TEST(Rdm, MissingMandatoryKeywordIsNamed) {
  std::ostringstream out;
  write_rdm_kvn(out, sample());
  for (const char* key : {"MESSAGE_ID", "CONTROLLED_REENTRY", "EPOCH_TZERO", "ORBIT_LIFETIME", "REENTRY_ALTITUDE"}) {
    std::istringstream in(without(out.str(), key));
    try {
      (void)read_rdm_kvn(in, "cut.rdm");
      ADD_FAILURE() << "accepted a message without " << key;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  }
}

TEST(Rdm, BadUnitValueAndKeywordAreRejectedWithLine) {
  const std::string head =
      "CCSDS_RDM_VERS = 1.0\nCREATION_DATE = 2020-05-06T00:00:00\nORIGINATOR = X\nMESSAGE_ID = X-1\n"
      "OBJECT_NAME = A\nINTERNATIONAL_DESIGNATOR = 2020-027C\nCONTROLLED_REENTRY = NO\nCENTER_NAME = EARTH\n"
      "TIME_SYSTEM = UTC\nEPOCH_TZERO = 2020-05-06T00:00:00\n";
  auto message = [&](const std::string& tail) {
    std::istringstream in(head + tail);
    try {
      (void)read_rdm_kvn(in, "bad.rdm");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("ORBIT_LIFETIME = 5 [km]\nREENTRY_ALTITUDE = 80 [km]\n").find("bad.rdm:11"), std::string::npos);
  EXPECT_NE(message("ORBIT_LIFETIME = five [d]\nREENTRY_ALTITUDE = 80 [km]\n").find("ORBIT_LIFETIME"), std::string::npos);
  EXPECT_NE(message("ORBIT_LIFETIME = 5 [d]\nREENTRY_ALTITUDE = 80 [km]\nIMPACT_COLOUR = RED\n").find("bad.rdm:13"),
            std::string::npos);
  EXPECT_EQ(message("ORBIT_LIFETIME = 5 [d]\nREENTRY_ALTITUDE = 80 [km]\n"), "accepted");
}

}  // namespace
}  // namespace deorbit

#include "deorbit/io/rdm.h"

#include <cmath>
#include <istream>
#include <map>
#include <ostream>
#include <set>

#include <fmt/format.h>

#include "deorbit/base/error.h"
#include "deorbit/base/text.h"
#include "deorbit/orbit/ccsds_kvn.h"

namespace deorbit {
namespace {

constexpr double kDay = 86400.0;

std::string yes_no(bool b) { return b ? "YES" : "NO"; }

}  // namespace

void write_rdm_kvn(std::ostream& out, const Rdm& rdm) {
  auto put = [&](const char* key, const std::string& value, const char* unit = nullptr) {
    out << fmt::format("{:<32}= {}", key, value);
    if (unit) out << " [" << unit << ']';
    out << '\n';
  };
  auto real = [](double x) { return ccsds::format_real(x); };
  auto epoch = [](const Epoch& t) { return ccsds::format_epoch(t, TimeScale::UTC); };
  put("CCSDS_RDM_VERS", rdm.version);
  put("CREATION_DATE", rdm.creation_date.empty() ? ccsds::creation_date_now() : rdm.creation_date);
  put("ORIGINATOR", ccsds::kvn_text(rdm.originator, "UNKNOWN"));
  put("MESSAGE_ID", ccsds::kvn_text(rdm.message_id, "UNKNOWN"));
  put("OBJECT_NAME", ccsds::kvn_text(rdm.object_name, "UNKNOWN"));
  put("INTERNATIONAL_DESIGNATOR", ccsds::kvn_text(rdm.international_designator, "UNKNOWN"));
  if (rdm.catalog_number) {
    put("CATALOG_NAME", "SATCAT");
    put("OBJECT_DESIGNATOR", std::to_string(*rdm.catalog_number));
  }
  put("CONTROLLED_REENTRY", yes_no(rdm.controlled_reentry));
  put("CENTER_NAME", rdm.center_name);
  put("TIME_SYSTEM", rdm.time_system);
  put("EPOCH_TZERO", epoch(rdm.epoch_tzero));
  if (!rdm.ref_frame.empty()) put("REF_FRAME", rdm.ref_frame);
  if (!rdm.gravity_model.empty()) put("GRAVITY_MODEL", ccsds::kvn_text(rdm.gravity_model, ""));
  if (!rdm.atmospheric_model.empty()) put("ATMOSPHERIC_MODEL", ccsds::kvn_text(rdm.atmospheric_model, ""));
  if (!rdm.n_body_perturbations.empty()) put("N_BODY_PERTURBATIONS", ccsds::kvn_text(rdm.n_body_perturbations, ""));
  if (!rdm.solar_flux_prediction.empty()) put("SOLAR_FLUX_PREDICTION", ccsds::kvn_text(rdm.solar_flux_prediction, ""));
  put("SOLAR_RAD_PRESSURE", yes_no(rdm.solar_rad_pressure));
  put("INTRACK_THRUST", yes_no(rdm.intrack_thrust));
  for (const auto& c : rdm.comments) out << "COMMENT " << ccsds::kvn_text(c, "") << '\n';
  put("ORBIT_LIFETIME", real(rdm.orbit_lifetime / kDay), "d");
  put("REENTRY_ALTITUDE", real(rdm.reentry_altitude / 1e3), "km");
  if (rdm.orbit_lifetime_window_start) put("ORBIT_LIFETIME_WINDOW_START", real(*rdm.orbit_lifetime_window_start / kDay), "d");
  if (rdm.orbit_lifetime_window_end) put("ORBIT_LIFETIME_WINDOW_END", real(*rdm.orbit_lifetime_window_end / kDay), "d");
  if (rdm.nominal_reentry_epoch) put("NOMINAL_REENTRY_EPOCH", epoch(*rdm.nominal_reentry_epoch));
  if (rdm.reentry_window_start) put("REENTRY_WINDOW_START", epoch(*rdm.reentry_window_start));
  if (rdm.reentry_window_end) put("REENTRY_WINDOW_END", epoch(*rdm.reentry_window_end));
  if (rdm.confidence_level) put("ORBIT_LIFETIME_CONFIDENCE_LEVEL", real(*rdm.confidence_level), "%");
  if (rdm.state_epoch) {
    put("EPOCH", epoch(*rdm.state_epoch));
    const char* names[] = {"X", "Y", "Z"};
    for (int i = 0; i < 3; ++i) put(names[i], real(rdm.r[i] / 1e3), "km");
    const char* dots[] = {"X_DOT", "Y_DOT", "Z_DOT"};
    for (int i = 0; i < 3; ++i) put(dots[i], real(rdm.v[i] / 1e3), "km/s");
  }
  if (rdm.wet_mass) put("WET_MASS", real(*rdm.wet_mass), "kg");
  if (rdm.drag_area) put("DRAG_AREA", real(*rdm.drag_area), "m**2");
  if (rdm.drag_coeff) put("DRAG_COEFF", real(*rdm.drag_coeff));
}

Rdm read_rdm_kvn(std::istream& in, const std::string& source) {
  // keyword -> expected unit ("" = none allowed or dimensionless)
  static const std::map<std::string, std::string> known = {
      {"CCSDS_RDM_VERS", ""}, {"CREATION_DATE", ""}, {"ORIGINATOR", ""}, {"MESSAGE_ID", ""},
      {"OBJECT_NAME", ""}, {"INTERNATIONAL_DESIGNATOR", ""}, {"CATALOG_NAME", ""}, {"OBJECT_DESIGNATOR", ""},
      {"OBJECT_TYPE", ""}, {"OBJECT_OWNER", ""}, {"OBJECT_OPERATOR", ""}, {"CONTROLLED_REENTRY", ""},
      {"CENTER_NAME", ""}, {"TIME_SYSTEM", ""}, {"EPOCH_TZERO", ""}, {"REF_FRAME", ""}, {"REF_FRAME_EPOCH", ""},
      {"EPHEMERIS_NAME", ""}, {"GRAVITY_MODEL", ""}, {"ATMOSPHERIC_MODEL", ""}, {"SOLAR_FLUX_PREDICTION", ""},
      {"N_BODY_PERTURBATIONS", ""}, {"SOLAR_RAD_PRESSURE", ""}, {"EARTH_TIDES", ""}, {"INTRACK_THRUST", ""},
      {"DRAG_PARAMETERS_SOURCE", ""}, {"DRAG_PARAMETERS_ALTITUDE", "km"}, {"REENTRY_UNCERTAINTY_METHOD", ""},
      {"REENTRY_DISINTEGRATION", ""}, {"IMPACT_UNCERTAINTY_METHOD", ""}, {"PREVIOUS_MESSAGE_ID", ""},
      {"PREVIOUS_MESSAGE_EPOCH", ""}, {"NEXT_MESSAGE_EPOCH", ""}, {"ORBIT_LIFETIME", "d"},
      {"REENTRY_ALTITUDE", "km"}, {"ORBIT_LIFETIME_WINDOW_START", "d"}, {"ORBIT_LIFETIME_WINDOW_END", "d"},
      {"NOMINAL_REENTRY_EPOCH", ""}, {"REENTRY_WINDOW_START", ""}, {"REENTRY_WINDOW_END", ""},
      {"ORBIT_LIFETIME_CONFIDENCE_LEVEL", "%"}, {"EPOCH", ""}, {"X", "km"}, {"Y", "km"}, {"Z", "km"},
      {"X_DOT", "km/s"}, {"Y_DOT", "km/s"}, {"Z_DOT", "km/s"}, {"WET_MASS", "kg"}, {"DRAG_AREA", "m**2"},
      {"DRAG_COEFF", ""}};
  static const std::set<std::string, std::less<>> free_text = {
      "ORIGINATOR", "MESSAGE_ID", "OBJECT_NAME", "OBJECT_OWNER", "OBJECT_OPERATOR", "EPHEMERIS_NAME",
      "GRAVITY_MODEL", "ATMOSPHERIC_MODEL", "SOLAR_FLUX_PREDICTION", "N_BODY_PERTURBATIONS",
      "DRAG_PARAMETERS_SOURCE", "REENTRY_UNCERTAINTY_METHOD", "REENTRY_DISINTEGRATION", "IMPACT_UNCERTAINTY_METHOD",
      "PREVIOUS_MESSAGE_ID"};
  struct Value {
    std::string text;
    int line = 0, column = 0;
  };
  std::map<std::string, Value> values;
  Rdm rdm;
  std::string line;
  int number = 0;
  auto fail = [&](int at, int column, const std::string& key, const std::string& expected, const std::string& found) {
    throw InputError(ParseIssue{source, at, column, key, expected, found});
  };
  while (std::getline(in, line)) {
    ++number;
    text::chomp_cr(line);
    ccsds::KvnLine l = ccsds::lex_kvn_line(line);
    if (l.kind == ccsds::KvnLine::Kind::Blank) continue;
    if (l.kind == ccsds::KvnLine::Kind::Comment) {
      if (values.count("ORBIT_LIFETIME") == 0 && values.count("EPOCH_TZERO") != 0) {
        std::string_view c = text::trim(line);
        c.remove_prefix(7);
        rdm.comments.emplace_back(text::trim(c));
      }
      continue;
    }
    if (l.kind == ccsds::KvnLine::Kind::Malformed) fail(number, 1, l.keyword, "KEYWORD = value", line);
    auto k = known.find(l.keyword);
    if (k == known.end())
      fail(number, l.keyword_column, l.keyword, "a keyword of CCSDS 508.1-B-1 (RDM) that deorbit reads", l.keyword);
    if (values.count(l.keyword)) fail(number, l.keyword_column, l.keyword, "the keyword once", "a repetition");
    // Free text ("DELTA 2 R/B(2) [PAM-D]") keeps its brackets: units belong to numbers only (CCSDS 502.0-B-3 7.4.7).
    if (free_text.count(l.keyword)) {
      values[l.keyword] = {l.raw_value, number, l.value_column};
      continue;
    }
    if (l.has_unit && !ccsds::same_unit(l.unit, k->second))
      fail(number, l.unit_column, l.keyword, k->second.empty() ? "no unit" : "unit [" + k->second + "]", l.unit);
    values[l.keyword] = {l.value, number, l.value_column};
  }
  for (const char* key : {"CCSDS_RDM_VERS", "CREATION_DATE", "ORIGINATOR", "MESSAGE_ID", "OBJECT_NAME",
                          "INTERNATIONAL_DESIGNATOR", "CONTROLLED_REENTRY", "CENTER_NAME", "TIME_SYSTEM",
                          "EPOCH_TZERO", "ORBIT_LIFETIME", "REENTRY_ALTITUDE"})
    if (!values.count(key)) fail(0, 0, key, "this mandatory keyword", "none");
  auto text_of = [&](const char* key) { return values.at(key).text; };
  auto real = [&](const char* key) {
    const Value& v = values.at(key);
    auto x = text::parse_double(v.text);
    if (!x || !std::isfinite(*x)) fail(v.line, v.column, key, "a number", v.text);
    return *x;
  };
  auto epoch = [&](const char* key) {
    const Value& v = values.at(key);
    try {
      return Epoch::from_iso(v.text);
    } catch (const InputError&) {
      fail(v.line, v.column, key, "an ISO 8601 epoch", v.text);
    }
    return Epoch();
  };
  auto yes_no_of = [&](const char* key) {
    const Value& v = values.at(key);
    if (v.text == "YES") return true;
    if (v.text != "NO") fail(v.line, v.column, key, "YES or NO", v.text);
    return false;
  };
  rdm.version = text_of("CCSDS_RDM_VERS");
  rdm.creation_date = text_of("CREATION_DATE");
  rdm.originator = text_of("ORIGINATOR");
  rdm.message_id = text_of("MESSAGE_ID");
  rdm.object_name = text_of("OBJECT_NAME");
  rdm.international_designator = text_of("INTERNATIONAL_DESIGNATOR");
  if (values.count("OBJECT_DESIGNATOR")) {
    const Value& v = values.at("OBJECT_DESIGNATOR");
    auto n = text::parse_double(v.text);
    if (!n || *n < 0 || *n != std::floor(*n) || *n > 4294967295.0) fail(v.line, v.column, "OBJECT_DESIGNATOR", "a catalogue number", v.text);
    rdm.catalog_number = static_cast<std::uint32_t>(*n);
  }
  rdm.controlled_reentry = yes_no_of("CONTROLLED_REENTRY");
  rdm.center_name = text_of("CENTER_NAME");
  rdm.time_system = text_of("TIME_SYSTEM");
  if (rdm.time_system != "UTC") {
    const Value& v = values.at("TIME_SYSTEM");
    fail(v.line, v.column, "TIME_SYSTEM", "UTC", v.text);
  }
  rdm.epoch_tzero = epoch("EPOCH_TZERO");
  if (values.count("REF_FRAME")) rdm.ref_frame = text_of("REF_FRAME");
  if (values.count("GRAVITY_MODEL")) rdm.gravity_model = text_of("GRAVITY_MODEL");
  if (values.count("ATMOSPHERIC_MODEL")) rdm.atmospheric_model = text_of("ATMOSPHERIC_MODEL");
  if (values.count("N_BODY_PERTURBATIONS")) rdm.n_body_perturbations = text_of("N_BODY_PERTURBATIONS");
  if (values.count("SOLAR_FLUX_PREDICTION")) rdm.solar_flux_prediction = text_of("SOLAR_FLUX_PREDICTION");
  if (values.count("SOLAR_RAD_PRESSURE")) rdm.solar_rad_pressure = yes_no_of("SOLAR_RAD_PRESSURE");
  if (values.count("INTRACK_THRUST")) rdm.intrack_thrust = yes_no_of("INTRACK_THRUST");
  rdm.orbit_lifetime = real("ORBIT_LIFETIME") * kDay;
  rdm.reentry_altitude = real("REENTRY_ALTITUDE") * 1e3;
  if (values.count("ORBIT_LIFETIME_WINDOW_START")) rdm.orbit_lifetime_window_start = real("ORBIT_LIFETIME_WINDOW_START") * kDay;
  if (values.count("ORBIT_LIFETIME_WINDOW_END")) rdm.orbit_lifetime_window_end = real("ORBIT_LIFETIME_WINDOW_END") * kDay;
  if (values.count("NOMINAL_REENTRY_EPOCH")) rdm.nominal_reentry_epoch = epoch("NOMINAL_REENTRY_EPOCH");
  if (values.count("REENTRY_WINDOW_START")) rdm.reentry_window_start = epoch("REENTRY_WINDOW_START");
  if (values.count("REENTRY_WINDOW_END")) rdm.reentry_window_end = epoch("REENTRY_WINDOW_END");
  if (values.count("ORBIT_LIFETIME_CONFIDENCE_LEVEL")) rdm.confidence_level = real("ORBIT_LIFETIME_CONFIDENCE_LEVEL");
  if (values.count("EPOCH")) {
    rdm.state_epoch = epoch("EPOCH");
    const char* names[] = {"X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT"};
    for (int i = 0; i < 6; ++i) {
      if (!values.count(names[i])) fail(0, 0, names[i], "the full state vector with EPOCH", "none");
      double x = real(names[i]) * 1e3;
      if (i < 3) rdm.r[i] = x;
      else rdm.v[i - 3] = x;
    }
  }
  if (values.count("WET_MASS")) rdm.wet_mass = real("WET_MASS");
  if (values.count("DRAG_AREA")) rdm.drag_area = real("DRAG_AREA");
  if (values.count("DRAG_COEFF")) rdm.drag_coeff = real("DRAG_COEFF");
  return rdm;
}

}  // namespace deorbit

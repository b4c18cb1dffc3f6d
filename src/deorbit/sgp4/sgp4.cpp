// Reference: Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753.
//
// The SI / Epoch face of the SGP4 kernel: unit conversions, input checks and messages.
#include "deorbit/sgp4/sgp4.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

//! "20413 (SL-12 R/B)", "20413", "SL-12 R/B" or "at epoch 2005-12-29T19:00:00Z": what the user knows it by.
std::string describe(const MeanElements& el) {
  std::string id;
  if (el.object.catalogue_number) id = std::to_string(*el.object.catalogue_number);
  if (!el.object.name.empty()) id = id.empty() ? el.object.name : fmt::format("{} ({})", id, el.object.name);
  if (id.empty()) id = "with epoch " + el.epoch.iso(TimeScale::UTC, 3) + "Z";
  return id;
}

std::string status_message(Sgp4Status status, const Epoch& t, double minutes) {
  std::string what;
  switch (status) {
    case Sgp4Status::Ok: return {};
    case Sgp4Status::MeanEccentricityOutOfRange:
      what = "mean eccentricity left [-0.001, 1) (drag drove it out of range)";
      break;
    case Sgp4Status::MeanMotionNotPositive: what = "mean motion fell to zero or below"; break;
    case Sgp4Status::PerturbedEccentricityOutOfRange:
      what = "eccentricity with lunar-solar periodics left [0, 1]";
      break;
    case Sgp4Status::SemiLatusRectumNegative: what = "semi-latus rectum became negative"; break;
    case Sgp4Status::Decayed: what = "satellite decayed: radius below one Earth radius"; break;
  }
  return fmt::format("{} at {}Z ({:.6f} min from epoch; SGP4 error {})", what, t.iso(TimeScale::UTC, 3), minutes,
                     static_cast<int>(status));
}

}  // namespace

Sgp4::Sgp4(const MeanElements& elements, Sgp4Options options) : elements_(elements), options_(options) {
  const MeanElements& el = elements_;
  if (el.ephemeris_type == 4) {
    throw InputError(fmt::format("element set {} is SGP4-XP (ephemeris type 4); SGP4 cannot propagate it",
                                 describe(el)));
  }
  const bool finite = std::isfinite(el.mean_motion) && std::isfinite(el.eccentricity) &&
                      std::isfinite(el.inclination) && std::isfinite(el.raan) && std::isfinite(el.arg_of_perigee) &&
                      std::isfinite(el.mean_anomaly) && std::isfinite(el.bstar);
  if (!finite) throw InputError(fmt::format("element set {}: an element is not a finite number", describe(el)));
  if (!(el.mean_motion > 0.0)) {
    throw InputError(fmt::format("element set {}: mean motion {} rad/s is not positive", describe(el),
                                 el.mean_motion));
  }
  if (!(el.eccentricity >= 0.0 && el.eccentricity < 1.0)) {
    throw InputError(fmt::format("element set {}: eccentricity {} is outside [0, 1)", describe(el),
                                 el.eccentricity));
  }

  // Epoch as days since 1949-12-31 0h UTC, formed as the reference code forms it: the Julian date summed into one
  // double first (a 40-microsecond grid), then 2433281.5 subtracted. The epoch enters only the lunar-solar terms and
  // sidereal time of deep-space orbits; keeping the reference's rounding makes those match it to the last digit
  // (forming it exactly would move verification case 23333, e = 0.97, by 4 mm at perigee).
  const JulianDate jd = el.epoch.jd(TimeScale::UTC);
  Sgp4Elements in;
  in.epoch_days = (jd.whole + jd.fraction) - 2433281.5;
  in.bstar = el.bstar;
  in.ecco = el.eccentricity;
  in.inclo = el.inclination;
  in.nodeo = el.raan;
  in.argpo = el.arg_of_perigee;
  in.mo = el.mean_anomaly;
  in.no_kozai = el.mean_motion * 60.0;  // rad/s -> rad/min
  const Sgp4Status status = sgp4_initialise(in, sgp4_gravity_constants(options_.gravity), options_.mode, record_);
  if (status != Sgp4Status::Ok) {
    throw InputError(fmt::format("element set {} cannot be propagated: SGP4 initialisation failed: {}", describe(el),
                                 status_message(status, el.epoch, 0.0)));
  }
}

Sgp4State Sgp4::propagate(double minutes_since_epoch) const {
  return make_state(elements_.epoch + minutes_since_epoch * 60.0, minutes_since_epoch);
}

Sgp4State Sgp4::at(const Epoch& t) const { return make_state(t, (t - elements_.epoch) / 60.0); }

Sgp4State Sgp4::make_state(const Epoch& t, double minutes) const {
  const Sgp4KernelState k = sgp4_propagate(record_, minutes);
  Sgp4State s;
  s.status = k.status;
  s.epoch = t;
  s.r = Vec3(k.r_km[0], k.r_km[1], k.r_km[2]) * 1000.0;
  s.v = Vec3(k.v_km_s[0], k.v_km_s[1], k.v_km_s[2]) * 1000.0;
  s.far_from_epoch = std::fabs(minutes * 60.0) > options_.far_from_epoch;
  s.message = status_message(k.status, t, minutes);
  return s;
}

}  // namespace deorbit

// Model and references: see object_flight.h.
#include "deorbit/reentry/object_flight.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include <fmt/format.h>

#include "deorbit/atmosphere/us_standard_1976.h"
#include "deorbit/base/constants.h"
#include "deorbit/base/error.h"
#include "deorbit/frames/geodetic.h"
#include "deorbit/reentry/drag_coefficient_mach.h"
#include "deorbit/reentry/rarefaction.h"
#include "deorbit/reentry/thermal.h"

namespace deorbit {
namespace {

using constants::earth_rotation_rate;
using constants::mu_earth;
using constants::wgs84_a;
using constants::wgs84_f;

// EGM96 zonal J2 = -sqrt(5) C20, C20 = -4.84165371736e-4 (normalised; the EGM96 coefficient file, NIMA TR8350.2).
constexpr double j2 = 1.08262668355e-3;
constexpr double spherical_radius = 6371008.8;  // [m] IUGG mean radius, as demise_trajectory.h
constexpr double slow_speed = 1500.0;           // [m/s] below: max_slow_step
constexpr double terminal_speed_limit = 300.0;  // [m/s] below, and in equilibrium: terminal descent
constexpr double terminal_altitude_step = 250.0;  // [m] altitude step of the terminal descent
constexpr double wgs84_b = wgs84_a * (1.0 - wgs84_f);

// The object as the equations see it at one moment (one copy).
struct Body {
  double flight_mass = 0;    // [kg] own mass (melting + contents) + the children it still carries
  double cross_section = 0;  // [m^2] A_i
  double surface = 0;        // [m^2] S
  double ref_radius = 0;     // [m] heating reference radius
  double length = 0;         // [m] characteristic length for the Knudsen number (2 R_ref)
  bool heated = true;
};

struct Aero {
  Vec3 acceleration = Vec3::Zero();
  double altitude = 0;
  double drag_acceleration = 0;  // [m/s^2] |drag| / m
  double heat_input = 0;         // [W] convective power on the whole surface (0 when not heated)
};

class Equations {
 public:
  Equations(const ObjectFlightSettings& s) : s_(s), rotating_(s.earth == FlightEarth::wgs84_rotating) {}

  double altitude(const Vec3& r) const {
    double rn = r.norm();
    if (!rotating_) return rn - spherical_radius;
    // Height above the ellipsoid along the radius: within a metre of the geodetic height below 150 km (the angle
    // between the radius and the normal is at most 0.19 deg).
    double sin_lat = r.z() / rn;
    double cos2 = 1.0 - sin_lat * sin_lat;
    double rc = wgs84_a * wgs84_b / std::sqrt(wgs84_b * wgs84_b * cos2 + wgs84_a * wgs84_a * sin_lat * sin_lat);
    return rn - rc;
  }

  Aero evaluate(const Vec3& r, const Vec3& v, const Body& b) const {
    Aero out;
    double rn = r.norm();
    out.altitude = altitude(r);
    Vec3 g = -mu_earth / (rn * rn * rn) * r;
    if (rotating_) {
      double zr2 = (r.z() / rn) * (r.z() / rn);
      double k = 1.5 * j2 * (wgs84_a / rn) * (wgs84_a / rn);
      g.x() *= 1.0 + k * (1.0 - 5.0 * zr2);
      g.y() *= 1.0 + k * (1.0 - 5.0 * zr2);
      g.z() *= 1.0 + k * (3.0 - 5.0 * zr2);
      const Vec3 w(0, 0, earth_rotation_rate);
      g -= 2.0 * w.cross(v) + w.cross(w.cross(r));
    }
    Us76Properties air = us_standard_1976(std::max(out.altitude, 0.0));
    double speed = v.norm();
    double kn = knudsen_number(air.number_density, b.length);
    double cd = drag_coefficient(air, speed, kn);
    double q = 0.5 * air.density * speed * speed;
    out.drag_acceleration = q * cd * b.cross_section / b.flight_mass;
    out.acceleration = g;
    if (speed > 0) out.acceleration -= (out.drag_acceleration / speed) * v;
    if (b.heated) {
      double q_cont = stagnation_heat_flux_dkr(air.density, speed, b.ref_radius);
      double q_fm = free_molecular_heat_flux(air.density, speed, s_.accommodation);
      out.heat_input = s_.oxidation_factor * 0.25 * bridge(q_cont, q_fm, kn) * b.surface;
    }
    return out;
  }

  //! Cd on A_i: Henderson's continuum sphere law at the Mach number, bridged to free-molecular by Knudsen number.
  double drag_coefficient(const Us76Properties& air, double speed, double knudsen) const {
    return s_.drag_factor * bridge(sphere_drag_coefficient(speed / air.speed_of_sound), s_.free_molecular_drag, knudsen);
  }

 private:
  const ObjectFlightSettings& s_;
  bool rotating_;
};

HeatedShape heated_shape(Shape s) {
  switch (s) {
    case Shape::sphere: return HeatedShape::sphere;
    case Shape::cylinder: return HeatedShape::cylinder;
    case Shape::box: return HeatedShape::box;
    case Shape::flat_plate: return HeatedShape::flat_plate;
  }
  return HeatedShape::sphere;
}

double reference_radius(const SpacecraftObject& o) {
  switch (o.shape) {
    case Shape::sphere:
    case Shape::cylinder: return heating_reference_radius(heated_shape(o.shape), 0.5 * o.diameter, 0);
    case Shape::box: {
      double d[3] = {o.length, o.width, o.height};
      std::sort(d, d + 3, std::greater<>());
      return heating_reference_radius(HeatedShape::box, d[0], d[1]);
    }
    case Shape::flat_plate: return heating_reference_radius(HeatedShape::flat_plate, o.length, o.width);
  }
  return 0;
}

void check_settings(const ObjectFlightSettings& s) {
  auto bad = [](const std::string& what) { throw InputError("object_flight.cpp: fly_object_tree: " + what); };
  auto finite = [](double x) { return std::isfinite(x); };
  if (!(s.accommodation > 0 && s.accommodation <= 1)) bad("accommodation must be in (0, 1]");
  if (!(s.oxidation_factor >= 1) || !finite(s.oxidation_factor)) bad("oxidation_factor must be finite and >= 1");
  if (!(s.ambient_temperature > 0) || !finite(s.ambient_temperature)) bad("ambient_temperature must be > 0 K");
  if (!(s.initial_temperature > 0) || !finite(s.initial_temperature)) bad("initial_temperature must be > 0 K");
  if (!(s.free_molecular_drag > 0) || !finite(s.free_molecular_drag)) bad("free_molecular_drag must be > 0");
  if (!(s.drag_factor > 0) || !finite(s.drag_factor)) bad("drag_factor must be > 0");
  if (!(s.demise_mass_fraction > 0 && s.demise_mass_fraction < 1)) bad("demise_mass_fraction must be in (0, 1)");
  if (!(s.max_step > 0) || !(s.max_slow_step > 0) || !finite(s.max_step) || !finite(s.max_slow_step))
    bad("max_step and max_slow_step must be finite and > 0 s");
  if (!(s.max_time > 0) || !finite(s.max_time)) bad("max_time must be finite and > 0 s");
  if (!finite(s.ground_altitude) || s.ground_altitude < -1e4 || s.ground_altitude > 1e5)
    bad("ground_altitude must be within -10 km and 100 km");
  if (!(s.sample_interval >= 0) || !finite(s.sample_interval)) bad("sample_interval must be >= 0 s");
}

// A child waiting to leave its parent, and when.
struct PendingChild {
  const SpacecraftObject* object;
  double altitude;  // [m] release when the parent crosses it downwards; -inf: only at the parent's demise or end
};

struct Launch {
  const SpacecraftObject* object;
  Vec3 r, v;
  double time;
  long long count;
  int parent;
  std::string path;
  bool root;
};

class TreeFlyer {
 public:
  TreeFlyer(const MaterialDatabase& materials, const ObjectFlightSettings& s)
      : materials_(materials), s_(s), eq_(s) {}

  void fly(const Launch& launch, TreeFlight& out);

 private:
  const MaterialDatabase& materials_;
  const ObjectFlightSettings& s_;
  Equations eq_;
};

void TreeFlyer::fly(const Launch& L, TreeFlight& out) {
  const SpacecraftObject& o = *L.object;
  const Material* mat = materials_.find(o.material);
  if (!mat) throw InputError(fmt::format("object '{}': material '{}' is not in the material database", L.path, o.material));
  if (std::string problem = geometry_problem(o); !problem.empty())
    throw InputError(fmt::format("object '{}': {}", L.path, problem));
  if (!(o.mass > 0) || !std::isfinite(o.mass)) throw InputError(fmt::format("object '{}': mass must be > 0 kg", L.path));
  const ThermalMaterial tm = thermal_properties(*mat);
  tm.validate();

  const int index = static_cast<int>(out.objects.size());
  out.objects.emplace_back();
  ++out.flights;
  {
    ObjectOutcome& oc = out.objects.back();
    oc.name = o.name;
    oc.path = L.path;
    oc.parent = L.parent;
    oc.count = L.count;
    oc.shape = o.shape;
    oc.material = o.material;
    oc.hollow = o.hollow();
    oc.initial_mass = o.mass;
    oc.release_time = L.time;
  }
  auto outcome = [&]() -> ObjectOutcome& { return out.objects[index]; };

  // Melting mass: a solid object's whole mass; a hollow object's shell (its contents ride along).
  const double melt0 = o.hollow() ? std::min(o.mass, mat->density * material_volume(o)) : o.mass;
  const double contents = o.mass - melt0;
  const double a_i0 = mean_cross_section(o), s0 = surface_area(o), rref0 = reference_radius(o);

  std::vector<PendingChild> pending;
  const bool spacecraft = L.root && !o.children.empty();  // held together and unheated until its breakup
  for (const auto& c : o.children) {
    double alt = -std::numeric_limits<double>::infinity();
    if (c.release == Release::parent_breakup) alt = o.breakup_altitude;
    if (c.release == Release::altitude) alt = c.release_altitude;
    pending.push_back({&c, alt});
  }
  double carried = 0;
  for (const auto& p : pending) carried += total_mass(*p.object);

  Vec3 r = L.r, v = L.v;
  double t = L.time;
  ThermalState th{s_.initial_temperature, melt0};
  bool heated = !spacecraft;
  double heating_start_alt = eq_.altitude(r);
  const double demise_mass = melt0 * s_.demise_mass_fraction;

  auto body = [&]() {
    Body b;
    // A step may melt everything at once (th.mass 0 before the demise test): keep the size finite and > 0.
    double scale = o.hollow() ? 1.0 : std::cbrt(std::max(th.mass, 1e-6 * melt0) / melt0);
    b.flight_mass = th.mass + contents + carried;
    b.cross_section = a_i0 * scale * scale;
    b.surface = s0 * scale * scale;
    b.ref_radius = rref0 * scale;
    b.length = 2.0 * b.ref_radius;
    b.heated = heated;
    return b;
  };
  std::vector<Launch> releases;
  auto release_where = [&](auto&& pred) {
    for (auto it = pending.begin(); it != pending.end();) {
      if (pred(*it)) {
        const SpacecraftObject& c = *it->object;
        carried -= total_mass(c);
        releases.push_back({&c, r, v, t, L.count * c.count, index, L.path + " / " + c.name, false});
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
  };
  double max_temperature = th.temperature;
  double next_sample = t;
  auto sample = [&](double alt) {
    outcome().history.push_back({t, alt, v.norm(), th.temperature, th.mass + contents});
  };
  // Events at or above the start altitude happen at the start.
  double h = eq_.altitude(r);
  outcome().release_altitude = h;
  auto fire_events = [&](double alt) {
    if (spacecraft && !heated && alt <= o.breakup_altitude + 1e-6) {
      heated = true;
      heating_start_alt = alt;
    }
    release_where([&](const PendingChild& p) { return alt <= p.altitude + 1e-6; });
  };
  fire_events(h);
  if (!spacecraft) heating_start_alt = h;
  auto land = [&]() {
    ObjectOutcome& oc = outcome();
    Body end = body();
    oc.final_mass = th.mass + contents;
    oc.cross_section = end.cross_section;
    oc.impact_speed = v.norm();
    if (s_.earth == FlightEarth::wgs84_rotating) {
      Geodetic g = to_geodetic(r);
      oc.impact_latitude = g.latitude;
      oc.impact_longitude = g.longitude;
    } else {
      oc.impact_latitude = std::asin(r.z() / r.norm());
      oc.impact_longitude = std::atan2(r.y(), r.x());
    }
    oc.carried_mass = carried;
    oc.kinetic_energy = 0.5 * oc.landed_mass() * v.squaredNorm();
    oc.impact_position = r;
    oc.impact_velocity = v;
    oc.end_time = t;
    if (s_.sample_interval > 0) sample(eq_.altitude(r));
    pending.clear();  // children still attached land inside it
  };

  auto finish_children = [&]() {
    release_where([](const PendingChild&) { return true; });
  };

  // Terminal descent: falling straight down with drag balancing gravity, the object is carried by the air at its
  // terminal speed V_t(h) = sqrt(2 m g / (rho Cd A)) (no heating at these speeds; radiative cooling only). Stepping
  // the equations of motion there would take steps of half the drag time V/g (0.1 s at 2 m/s): instead the fall is
  // stepped in altitude, 250 m at a time, with V_t at the middle of each step.
  auto terminal_descent = [&]() {
    double h_now = eq_.altitude(r);
    while (true) {
      const Body b = body();  // a release on the way changes the flight mass
      double next_event = s_.ground_altitude;
      for (const auto& p : pending)
        if (p.altitude < h_now) next_event = std::max(next_event, p.altitude);
      if (spacecraft && !heated && o.breakup_altitude < h_now) next_event = std::max(next_event, o.breakup_altitude);
      const double target = std::max(next_event, h_now - terminal_altitude_step);
      const double mid = 0.5 * (h_now + target);
      const Vec3 up = r.normalized();
      const double g_here = mu_earth / r.squaredNorm();
      Us76Properties air = us_standard_1976(std::max(mid, 0.0));
      const double kn = knudsen_number(air.number_density, b.length);
      double vt = std::max(v.norm(), 1e-3);
      for (int i = 0; i < 3; ++i) {  // Cd depends on the Mach number of V_t: a few fixed-point rounds
        double cd = eq_.drag_coefficient(air, vt, kn);
        vt = std::sqrt(2.0 * b.flight_mass * g_here / (air.density * cd * b.cross_section));
      }
      const double dt = (h_now - target) / vt;
      r -= (h_now - target) * up;
      v = -vt * up;
      if (heated)
        implicit_thermal_step(tm, th, 0.0, b.surface, s_.ambient_temperature, dt);
      t += dt;
      h_now = eq_.altitude(r);
      if (s_.sample_interval > 0 && t >= next_sample) {
        sample(h_now);
        next_sample = t + s_.sample_interval;
      }
      if (target <= s_.ground_altitude) {
        land();
        return;
      }
      if (target == next_event) fire_events(h_now);  // a release: the children leave, the body keeps falling
    }
  };

  if (h <= s_.ground_altitude) {
    // Released at (or below) the ground: it lands where it is, unheated.
    land();
    outcome().max_temperature = th.temperature;
    outcome().heating_start_altitude = h;
  } else {
    Aero a0 = eq_.evaluate(r, v, body());
    while (true) {
      if (s_.sample_interval > 0 && t >= next_sample) {
        sample(a0.altitude);
        next_sample += s_.sample_interval;
      }
      if (t - L.time > s_.max_time)
        throw InputError(fmt::format("object '{}': neither demised nor on the ground {} s after its release (altitude "
                                     "{:.0f} m, speed {:.1f} m/s)",
                                     L.path, s_.max_time, a0.altitude, v.norm()));
      double speed = v.norm();
      if (speed < terminal_speed_limit && th.temperature < tm.melting_temperature) {
        const Vec3 up = r.normalized();
        const double g_here = mu_earth / r.squaredNorm();
        if (-v.dot(up) > 0.98 * speed && std::abs(a0.drag_acceleration - g_here) < 0.02 * g_here) {
          terminal_descent();
          break;
        }
      }
      double cap = speed > slow_speed ? s_.max_step : s_.max_slow_step;
      double dt = std::min(cap, 0.5 * speed / std::max(a0.drag_acceleration, 9.80665));
      dt = std::max(dt, 1e-4);
      Body b = body();

      // The next altitude event below: a pending release, the spacecraft's breakup, the ground.
      double next_event = s_.ground_altitude;
      for (const auto& p : pending)
        if (p.altitude < a0.altitude) next_event = std::max(next_event, p.altitude);
      if (spacecraft && !heated && o.breakup_altitude < a0.altitude) next_event = std::max(next_event, o.breakup_altitude);

      auto rk4 = [&](double step, Vec3& r1, Vec3& v1) {
        Aero k2 = eq_.evaluate(r + 0.5 * step * v, v + 0.5 * step * a0.acceleration, b);
        Vec3 v2 = v + 0.5 * step * a0.acceleration;
        Aero k3 = eq_.evaluate(r + 0.5 * step * v2, v + 0.5 * step * k2.acceleration, b);
        Vec3 v3 = v + 0.5 * step * k2.acceleration;
        Aero k4 = eq_.evaluate(r + step * v3, v + step * k3.acceleration, b);
        Vec3 v4 = v + step * k3.acceleration;
        r1 = r + step / 6.0 * (v + 2.0 * v2 + 2.0 * v3 + v4);
        v1 = v + step / 6.0 * (a0.acceleration + 2.0 * k2.acceleration + 2.0 * k3.acceleration + k4.acceleration);
      };
      Vec3 r1, v1;
      rk4(dt, r1, v1);
      double h1 = eq_.altitude(r1);
      bool event = false;
      if (h1 <= next_event) {
        // Redo the step to the crossing (twice: the second pass corrects the curvature of h(t) in the step).
        double step = dt;
        for (int pass = 0; pass < 2; ++pass) {
          double frac = (a0.altitude - next_event) / (a0.altitude - h1);
          step = std::clamp(step * frac, 1e-6, dt);
          rk4(step, r1, v1);
          h1 = eq_.altitude(r1);
        }
        dt = step;
        event = true;
      }
      Aero a1 = eq_.evaluate(r1, v1, b);
      for (int i = 0; i < 3; ++i)
        if (!std::isfinite(r1[i]) || !std::isfinite(v1[i]))
          throw InputError(fmt::format("object '{}': the state is not finite {:.3f} s after release (altitude {:.0f} m)",
                                       L.path, t - L.time, a0.altitude));

      // Thermal step over dt with the mean heat input of the step.
      double mass_before = th.mass;
      if (heated) {
        const ThermalState before = th;
        implicit_thermal_step(tm, th, 0.5 * (a0.heat_input + a1.heat_input), b.surface, s_.ambient_temperature, dt);
        if (th.mass != before.mass && !o.hollow()) {
          // A melting solid shrinks during the step: redo it with the heat input and surface averaged between the
          // start and the predicted end (second order; with the start's size alone the error is first order).
          Body end = body();
          double p1 = eq_.evaluate(r1, v1, end).heat_input;
          th = before;
          implicit_thermal_step(tm, th, 0.5 * (a0.heat_input + p1), 0.5 * (b.surface + end.surface),
                                s_.ambient_temperature, dt);
        }
      }
      if (outcome().melt_onset_altitude < 0 && th.temperature >= tm.melting_temperature)
        outcome().melt_onset_altitude = h1;
      max_temperature = std::max(max_temperature, th.temperature);

      if (th.mass <= demise_mass) {
        double f = (mass_before - demise_mass) / (mass_before - th.mass);
        r = r + f * (r1 - r);
        v = v + f * (v1 - v);
        t += f * dt;
        th.mass = 0;
        th.temperature = tm.melting_temperature;
        double alt = eq_.altitude(r);
        ObjectOutcome& oc = outcome();
        oc.demised = true;
        oc.demise_altitude = alt;
        oc.final_mass = 0;
        oc.cross_section = b.cross_section;
        oc.end_time = t;
        if (s_.sample_interval > 0) sample(alt);
        finish_children();
        break;
      }
      r = r1;
      v = v1;
      t += dt;
      if (event) fire_events(h1);
      if (h1 <= s_.ground_altitude + 1e-3) {
        land();
        break;
      }
      // The end-of-step rates serve as the next step's first stage unless the body changed (melting, a release).
      a0 = (event || th.mass != mass_before) ? eq_.evaluate(r, v, body()) : a1;
    }
    outcome().max_temperature = max_temperature;
    outcome().heating_start_altitude = heating_start_alt;
  }

  // Children fly after their parent (parents come first in the list); identical copies were flown once.
  for (const auto& launch : releases) fly(launch, out);
}

}  // namespace

EntryState entry_state_from(double altitude, double speed, double flight_path_angle, double latitude,
                            double longitude, double azimuth) {
  auto bad = [](const std::string& what) { throw InputError("entry state: " + what); };
  if (!std::isfinite(altitude) || altitude <= 0 || altitude > 1e6) bad("altitude must be within 0 and 1000 km");
  if (!std::isfinite(speed) || speed <= 0 || speed > 2e4) bad("speed must be within 0 and 20 km/s");
  if (!(std::abs(flight_path_angle) < 0.5 * std::numbers::pi)) bad("flight path angle must be within +-90 deg");
  if (!(std::abs(latitude) <= 0.5 * std::numbers::pi)) bad("latitude must be within +-90 deg");
  if (!std::isfinite(longitude) || !std::isfinite(azimuth)) bad("longitude and azimuth must be finite");
  Geodetic g{latitude, longitude, altitude};
  EntryState e;
  e.position = to_itrf(g);
  // Local east, north, up at the geodetic place.
  const double sl = std::sin(latitude), cl = std::cos(latitude), so = std::sin(longitude), co = std::cos(longitude);
  const Vec3 east(-so, co, 0), north(-sl * co, -sl * so, cl), up(cl * co, cl * so, sl);
  const double horizontal = speed * std::cos(flight_path_angle);
  e.velocity = horizontal * (std::cos(azimuth) * north + std::sin(azimuth) * east) +
               speed * std::sin(flight_path_angle) * up;
  return e;
}

TreeFlight fly_object_tree(const std::vector<SpacecraftObject>& roots, const MaterialDatabase& materials,
                           const EntryState& start, const ObjectFlightSettings& settings) {
  check_settings(settings);
  if (!start.position.allFinite() || !start.velocity.allFinite())
    throw InputError("object_flight.cpp: fly_object_tree: the entry state is not finite");
  {
    Equations eq(settings);
    double h = eq.altitude(start.position);
    if (!(h > settings.ground_altitude))
      throw InputError(fmt::format("object_flight.cpp: fly_object_tree: the entry state is {:.0f} m high, not above "
                                   "the ground ({:.0f} m)", h, settings.ground_altitude));
  }
  TreeFlight out;
  TreeFlyer flyer(materials, settings);
  for (const auto& root : roots) {
    if (root.count < 1) throw InputError(fmt::format("object '{}': count must be >= 1", root.name));
    out.initial_mass += total_mass(root);
    flyer.fly({&root, start.position, start.velocity, 0.0, root.count, -1, root.name, true}, out);
  }
  for (const auto& o : out.objects) out.surviving_mass += static_cast<double>(o.count) * o.landed_mass();
  return out;
}

}  // namespace deorbit

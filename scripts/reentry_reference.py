#!/usr/bin/env python3
"""Independent reference for deorbit's fragment descent (docs/validation-reentry.md, tests/reentry).

Integrates the same physical model as src/deorbit/reentry/descent.cpp, written separately and in another frame:
the equations of motion in the rotating Earth-fixed frame (Coriolis and centrifugal terms, constant rotation rate
7.292115146706979e-5 rad/s) instead of GCRF with IAU 2006/2000A; gravity = point mass + J2 only (EGM96 C20,
GM 3.986004415e14, a 6378136.3 m); U.S. Standard Atmosphere 1976 below 86 km from its layer equations
(NOAA-S/T 76-1562, sec. 1.2; density P M0 / (R* T_M), speed of sound sqrt(1.4 R* T_M / M0)); Henderson (1976)
Cd(M) in the large-Reynolds limit scaled by the hypersonic Cd; WGS84 geodetic height by Bowring iteration;
classical RK4 with a fixed step, the ground crossing found by bisection on re-integrated sub-steps.

Usage: /usr/bin/python3 scripts/reentry_reference.py [STEP_S]   (pure Python, no packages; about 10 s)
Prints, per fragment: time from breakup to impact [s], geodetic latitude and longitude [deg], speed [m/s].
"""
import math
import sys

OMEGA = 7.292115146706979e-5
GM = 3.986004415e14
AE = 6378136.3
J2 = 4.84165371736e-4 * math.sqrt(5.0)  # -C20 (fully normalised) * sqrt(5)
WGS_A = 6378137.0
WGS_F = 1.0 / 298.257223563
WGS_E2 = WGS_F * (2.0 - WGS_F)

# U.S. Standard Atmosphere 1976 below 86 km: geopotential base heights [m'], lapse rates [K/m'].
G0, R0, RSTAR, M0, GAMMA = 9.80665, 6356766.0, 8.31432, 28.9644e-3, 1.40
HB = [0.0, 11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0, 84852.0]
LB = [-0.0065, 0.0, 0.0010, 0.0028, 0.0, -0.0028, -0.0020]
TB, PB = [288.15], [101325.0]
for i in range(7):
    dh = HB[i + 1] - HB[i]
    t1 = TB[i] + LB[i] * dh
    if LB[i] == 0.0:
        p1 = PB[i] * math.exp(-G0 * M0 * dh / (RSTAR * TB[i]))
    else:
        p1 = PB[i] * (TB[i] / t1) ** (G0 * M0 / (RSTAR * LB[i]))
    TB.append(t1)
    PB.append(p1)


def us76(z):
    """density [kg/m^3], speed of sound [m/s] at geometric height z [m] (0..86 km, continued below 0)."""
    h = R0 * z / (R0 + z)
    i = 0
    while i < 6 and h >= HB[i + 1]:
        i += 1
    tm = TB[i] + LB[i] * (h - HB[i])
    if LB[i] == 0.0:
        p = PB[i] * math.exp(-G0 * M0 * (h - HB[i]) / (RSTAR * TB[i]))
    else:
        p = PB[i] * (TB[i] / tm) ** (G0 * M0 / (RSTAR * LB[i]))
    return p * M0 / (RSTAR * tm), math.sqrt(GAMMA * RSTAR * tm / M0)


def henderson(m):
    if m <= 1.0:
        return 0.38 + 0.1 * m * m + 0.2 * m ** 8
    if m >= 1.75:
        return 0.9 + 0.34 / (m * m)
    f = (m - 1.0) / 0.75
    return (1 - f) * 0.68 + f * (0.9 + 0.34 / 1.75 ** 2)


def geodetic(x, y, z):
    lon = math.atan2(y, x)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - WGS_E2))
    for _ in range(6):
        n = WGS_A / math.sqrt(1 - WGS_E2 * math.sin(lat) ** 2)
        h = p / math.cos(lat) - n
        lat = math.atan2(z, p * (1 - WGS_E2 * n / (n + h)))
    n = WGS_A / math.sqrt(1 - WGS_E2 * math.sin(lat) ** 2)
    if abs(lat) < math.radians(80):
        h = p / math.cos(lat) - n
    else:
        h = z / math.sin(lat) - n * (1 - WGS_E2)
    return lat, lon, h


def to_ecef(lat, lon, h):
    n = WGS_A / math.sqrt(1 - WGS_E2 * math.sin(lat) ** 2)
    return [(n + h) * math.cos(lat) * math.cos(lon), (n + h) * math.cos(lat) * math.sin(lon),
            (n * (1 - WGS_E2) + h) * math.sin(lat)]


def deriv(s, k):
    """s = [x, y, z, vx, vy, vz] Earth-fixed; k = Cd_hyp A / m."""
    x, y, z, vx, vy, vz = s
    r2 = x * x + y * y + z * z
    r = math.sqrt(r2)
    f = 1.5 * J2 * (AE * AE / r2)
    zz = 5.0 * z * z / r2
    gxy = -GM / (r2 * r) * (1 + f * (1 - zz))
    gz = -GM / (r2 * r) * (1 + f * (3 - zz))
    ax = gxy * x + 2 * OMEGA * vy + OMEGA * OMEGA * x
    ay = gxy * y - 2 * OMEGA * vx + OMEGA * OMEGA * y
    az = gz * z
    h = geodetic(x, y, z)[2]
    rho, a = us76(h)
    v = math.sqrt(vx * vx + vy * vy + vz * vz)
    d = -0.5 * rho * k * henderson(v / a) / 0.9 * v
    return [vx, vy, vz, ax + d * vx, ay + d * vy, az + d * vz]


def rk4(s, dt, k):
    k1 = deriv(s, k)
    k2 = deriv([a + 0.5 * dt * b for a, b in zip(s, k1)], k)
    k3 = deriv([a + 0.5 * dt * b for a, b in zip(s, k2)], k)
    k4 = deriv([a + dt * b for a, b in zip(s, k3)], k)
    return [a + dt / 6 * (b + 2 * c + 2 * d + e) for a, b, c, d, e in zip(s, k1, k2, k3, k4)]


def fall(s0, k, dt):
    t, s = 0.0, list(s0)
    while True:
        n = rk4(s, dt, k)
        if geodetic(*n[:3])[2] <= 0.0:
            lo, hi = 0.0, dt
            for _ in range(50):
                mid = 0.5 * (lo + hi)
                if geodetic(*rk4(s, mid, k)[:3])[2] > 0.0:
                    lo = mid
                else:
                    hi = mid
            e = rk4(s, hi, k)
            return t + hi, e
        t, s = t + dt, n


def breakup():
    """78 km over the South Pacific (38 S, 150 W), 7300 m/s relative to the ground, 1.5 deg down, heading 110 deg."""
    lat, lon, h = math.radians(-38.0), math.radians(-150.0), 78e3
    speed, fpa, hdg = 7300.0, math.radians(1.5), math.radians(110.0)
    r = to_ecef(lat, lon, h)
    up = [math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)]
    east = [-math.sin(lon), math.cos(lon), 0.0]
    north = [-math.sin(lat) * math.cos(lon), -math.sin(lat) * math.sin(lon), math.cos(lat)]
    v = [speed * (math.cos(fpa) * (math.cos(hdg) * n_ + math.sin(hdg) * e_) - math.sin(fpa) * u_)
         for n_, e_, u_ in zip(north, east, up)]
    return r + v


FRAGMENTS = [("light panel", 50.0, 4.0, 1.2), ("truss segment", 800.0, 3.0, 1.0), ("dense tank", 2000.0, 1.5, 0.9)]

if __name__ == "__main__":
    dt = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    s0 = breakup()
    for name, m, area, cd in FRAGMENTS:
        t, e = fall(s0, cd * area / m, dt)
        lat, lon, _ = geodetic(*e[:3])
        speed = math.sqrt(e[3] ** 2 + e[4] ** 2 + e[5] ** 2)
        print(f"{name:14s} t={t:.4f} s lat={math.degrees(lat):.7f} lon={math.degrees(lon):.7f} speed={speed:.4f} m/s")

#!/usr/bin/env python3
"""Independent reference for deorbit's population grid and uncontrolled expected casualties
(docs/validation-risk.md, tests/risk/population_grid_test.cpp and expected_casualties_test.cpp).

Written separately from src/deorbit/risk: reads the embedded GPWv4 grid with plain string splitting (the '#' header
lines skipped), takes the WGS84 zone areas from the closed form A = (b^2 dlon / 2) [q(phi2) - q(phi1)],
q = sin/(1 - e^2 sin^2) + atanh(e sin)/e (Snyder, Map Projections: A Working Manual, eq. 3-12) instead of
GeographicLib's authalic latitude, and weights each 1 deg latitude band by the time a circular orbit spends in it,
(asin(sin phi2 / sin i) - asin(sin phi1 / sin i)) / pi.

Usage: /usr/bin/python3 scripts/population_reference.py   (pure Python, no packages; about 1 s)
Prints the world population of the grid, its NODATA cells, the fullest cell, and the orbit-averaged population
density [people per km^2] for a few inclinations.
"""
import math
import os

A = 6378137.0
F = 1.0 / 298.257223563
B = A * (1.0 - F)
E = math.sqrt(F * (2.0 - F))


def q(phi):
    s = math.sin(phi)
    return s / (1.0 - E * E * s * s) + math.atanh(E * s) / E


def zone(south, north, dlon):
    return 0.5 * B * B * dlon * (q(north) - q(south))


def fraction(south, north, inc):
    si = math.sin(inc)
    if si == 0.0:
        side = lambda p: 0.0 if p < 0 else (1.0 if p > 0 else 0.5)
        return side(north) - side(south)
    cdf = lambda p: math.asin(max(-1.0, min(1.0, math.sin(p) / si))) / math.pi + 0.5
    return cdf(north) - cdf(south)


def main():
    path = os.path.join(os.path.dirname(__file__), "..", "data", "gpw_v4_population_count_rev11_2020_1_deg.asc")
    with open(path, encoding="ascii") as f:
        lines = [line for line in f.read().splitlines() if line.strip() and not line.startswith("#")]
    header = dict(line.split() for line in lines[:6])
    assert header == {"ncols": "360", "nrows": "180", "xllcorner": "-180", "yllcorner": "-90", "cellsize": "1",
                      "NODATA_value": "-9999"}, header
    rows = [[float(v) for v in line.split()] for line in lines[6:]]
    assert len(rows) == 180 and all(len(r) == 360 for r in rows)
    people = [sum(v for v in r if v != -9999) for r in rows]
    nodata = sum(1 for r in rows for v in r if v == -9999)
    print(f"world population {math.fsum(people):.6f}, NODATA cells {nodata}")
    count, row, col = max((v, r, c) for r, vs in enumerate(rows) for c, v in enumerate(vs))
    north = 90 - row
    area = zone(math.radians(north - 1), math.radians(north), math.radians(1))
    print(f"fullest cell row {row} column {col}: {count:.0f} people, {area:.6f} m^2, "
          f"{count / area * 1e6:.10f} per km^2")
    whole = zone(-math.pi / 2, math.pi / 2, 2 * math.pi)
    print(f"ellipsoid area {whole:.1f} m^2, world mean density {math.fsum(people) / whole * 1e6:.9f} per km^2")
    for inc_deg in (51.6, 90.0, 28.5, 97.5, 0.0):
        inc = math.radians(inc_deg)
        density = 0.0
        for r, p in enumerate(people):
            n = 90 - r
            band = zone(math.radians(n - 1), math.radians(n), 2 * math.pi)
            density += fraction(math.radians(n - 1), math.radians(n), inc) * p / band
        print(f"inclination {inc_deg:5.1f} deg: {density * 1e6:.9f} people per km^2")


if __name__ == "__main__":
    main()

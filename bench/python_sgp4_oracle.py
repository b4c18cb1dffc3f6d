#!/usr/bin/python3
"""Writes the python-sgp4 oracle that tests/sgp4/sgp4_batch_test.cpp (Sgp4BatchKernel.AgreesWithPythonSgp4) compares deorbit's batch SGP4 with.

Run with Debian's /usr/bin/python3 and its python3-sgp4 package (the pure-Python port of Vallado's SGP4; install it
with `apt-get install python3-sgp4` when missing):

    /usr/bin/python3 bench/python_sgp4_oracle.py CATALOGUE.tle tests/data/python-sgp4/active_2025-10-03_sample.txt

Objects: every 40th element set of the catalogue (the first, the 41st, ...), the ISS (25544), TJS-7 (49115, a
geostationary object at 0.16 deg inclination, where Lyddane's branch makes small differences grow), and every element
set in 12-hour resonance (Molniya type: SGP4's resonance branch for e >= 0.5 and a period near 12 h), which every
40th object alone would not cover. Each is initialised as python-sgp4's Satrec.twoline2rv(line1, line2, WGS72)
(opsmode 'i') and propagated
  - to fixed minutes since its epoch (Satrec.sgp4_tsince): the propagation alone;
  - to fixed UTC instants around the catalogue's latest epoch (Satrec.sgp4(jd, fr)): with python-sgp4's own time
    arithmetic (its epoch as a Julian date pair, the day fraction rounded to the TLE's 8 digits).

The output carries the two TLE lines of every object, so the test needs only this file. Format (one item a line):
    # comment
    utc ISO                                one per UTC instant, before the first object
    object NORAD NAME
    1 ...                                  TLE line 1, as in the catalogue
    2 ...                                  TLE line 2
    T MINUTES ERROR X Y Z VX VY VZ         sgp4_tsince(MINUTES)
    U ISO ERROR X Y Z VX VY VZ             sgp4(jday(ISO))
TEME, km and km/s, each number in Python's shortest round-trip form (repr), so it reads back to the same double.
ERROR is python-sgp4's error code (0: no error; then the six numbers are written only when it is 0).
"""
import argparse
import datetime
import importlib.metadata
import math
import sys

from sgp4.api import WGS72, Satrec, jday

from sgp4_peers import read_tles  # same folder

MINUTES = [-1440.0, 0.0, 97.5, 150.0, 720.0, 1440.0, 4320.0, 10080.0]
UTC = ["2025-10-02T21:00:00Z", "2025-10-04T00:00:00Z", "2025-10-05T12:34:56Z", "2025-10-10T00:00:00Z"]
EVERY = 40
ISS = "25544"
LOW_INCLINATION_GEO = "49115"  # TJS-7, 0.16 deg: Lyddane's branch, where small differences grow most


def twelve_hour_resonant(sat):
    # The resonance test of SGP4's deep-space initialisation (dsinit): 12 h for these mean motions [rad/min] and e.
    return 8.26e-3 <= sat.no_kozai <= 9.24e-3 and sat.ecco >= 0.5


def state_row(tag, when, error, r, v):
    if error != 0:
        return f"{tag} {when} {error}"
    return f"{tag} {when} 0 " + " ".join(repr(float(x)) for x in (*r, *v))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalogue", help="TLE file (2- or 3-line)")
    parser.add_argument("output")
    args = parser.parse_args()

    tles = read_tles(args.catalogue)
    chosen = []
    for k, (name, l1, l2) in enumerate(tles):
        sat = Satrec.twoline2rv(l1, l2, WGS72)
        if k % EVERY == 0 or l1[2:7] in (ISS, LOW_INCLINATION_GEO) or twelve_hour_resonant(sat):
            chosen.append((name, l1, l2, sat))
    if not any(l1[2:7] == ISS for _, l1, _, _ in chosen):
        sys.exit(f"{args.catalogue}: no element set of the ISS ({ISS})")

    deep = sum(1 for *_, sat in chosen if 2.0 * math.pi / sat.no_kozai >= 225.0)
    resonant = sum(1 for *_, sat in chosen if twelve_hour_resonant(sat))
    version = importlib.metadata.version("sgp4")
    today = datetime.date.today().isoformat()
    with open(args.output, "w") as out:
        out.write(f"# python-sgp4 {version} (pure Python), Satrec.twoline2rv(line1, line2, WGS72), opsmode 'i'; "
                  f"written {today} by bench/python_sgp4_oracle.py\n")
        out.write(f"# from {len(tles)} element sets: every {EVERY}th, the ISS, 49115 and the 12 h resonant ones: "
                  f"{len(chosen)} objects, {deep} deep space, {resonant} in 12 h resonance\n")
        out.write("# T: sgp4_tsince(minutes); U: sgp4(jd, fr) at a UTC instant; TEME km, km/s; "
                  "columns: tag, time, error, x, y, z, vx, vy, vz\n")
        for iso in UTC:
            out.write(f"utc {iso}\n")
        for name, l1, l2, sat in chosen:
            out.write(f"object {l1[2:7].strip()} {name}\n{l1}\n{l2}\n")
            for m in MINUTES:
                out.write(state_row("T", repr(m), *sat.sgp4_tsince(m)) + "\n")
            for iso in UTC:
                t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
                jd, fr = jday(t.year, t.month, t.day, t.hour, t.minute, t.second)
                out.write(state_row("U", iso, *sat.sgp4(jd, fr)) + "\n")
    print(f"{args.output}: {len(chosen)} objects ({deep} deep space, {resonant} in 12 h resonance), "
          f"{len(MINUTES)} + {len(UTC)} times each", file=sys.stderr)


if __name__ == "__main__":
    main()

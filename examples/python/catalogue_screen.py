#!/usr/bin/python3
"""Screen a whole TLE catalogue against one object with batch SGP4: every object's distance to it every minute
for a day, in numpy arrays, no per-object loop; prints the objects that come within the screening distance.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/catalogue_screen.py \\
        tests/data/tle/active_2025-10-03_sample.tle --norad 25544 --km 100

The times start at the catalogue's latest element epoch. SGP4 element sets are good to about a kilometre at epoch
and drift by kilometres per day: this is a coarse screen, not a conjunction assessment.
"""
import argparse
import time
import warnings

import numpy as np

import deorbit


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tle", help="TLE catalogue (2- or 3-line)")
    ap.add_argument("--norad", type=int, default=25544, help="the object screened against (default: the ISS)")
    ap.add_argument("--km", type=float, default=100.0, help="screening distance [km]")
    ap.add_argument("--hours", type=float, default=24.0)
    ap.add_argument("--step", type=float, default=60.0, help="[s]")
    ap.add_argument("--threads", type=int, default=0, help="0 = every core")
    a = ap.parse_args()

    elements = deorbit.read_tle(a.tle)
    batch = deorbit.Sgp4Batch(elements)
    start = max(e.epoch for e in elements)
    times = deorbit.to_datetime64([start + a.step * k for k in range(int(a.hours * 3600 / a.step) + 1)])
    t0 = time.perf_counter()
    states, status = batch.propagate(times, threads=a.threads)
    elapsed = time.perf_counter() - t0
    numbers = np.array([batch.elements(i).catalogue_number or 0 for i in range(len(batch))])
    hits = np.flatnonzero(numbers == a.norad)
    if hits.size == 0:
        raise SystemExit(f"{a.tle}: no object {a.norad}")
    target = hits[0]
    distance = np.linalg.norm(states[:, :, :3] - states[target, :, :3], axis=2) / 1e3  # NaN where not propagated
    distance[target] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the target's own row is all NaN
        closest = np.nanmin(np.where(status == 0, distance, np.nan), axis=1)
    order = np.argsort(np.nan_to_num(closest, nan=np.inf))
    print(f"{len(batch)} objects x {len(times)} instants ({states.shape[0] * states.shape[1] / 1e6:.2f} M states) in "
          f"{elapsed:.3f} s; {int((status != 0).sum())} states not propagated")
    print(f"within {a.km:g} km of {batch.elements(target).name or a.norad} from {start}:")
    for row in order:
        if not closest[row] <= a.km:
            break
        k = int(np.nanargmin(np.where(status[row] == 0, distance[row], np.nan)))
        e = batch.elements(row)
        print(f"  {e.catalogue_number:>6} {e.name:24s} {closest[row]:8.1f} km at {times[k]}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Plan a controlled re-entry from Python and plot it: altitude against time and the ground track with the
fragments' impact points.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/plan_plot.py [SCENARIO.yaml] [-o plan.png]

Without a scenario it plans the embedded ISS scenario (examples/iss-usdv.yaml). Needs matplotlib (Debian's
python3-matplotlib) and the deorbit module (built into build/python, or installed with `cmake --install build`).
"""
import argparse

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt
import numpy as np

import deorbit


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario", nargs="?", help="scenario YAML (default: the embedded ISS scenario)")
    ap.add_argument("-o", "--output", default="plan.png", help="the figure (PNG, SVG or PDF)")
    a = ap.parse_args()

    result = deorbit.plan(a.scenario, contingencies=False)
    report = result["report"]
    fig, (alt_ax, map_ax) = plt.subplots(2, 1, figsize=(10, 9))
    for segment in result["trajectory"]["segments"]:
        times, states = segment["times"], segment["states"]
        itrf = deorbit.transform(states, times, segment["frame"], "ITRF")
        lat, lon, height = deorbit.geodetic(itrf).T
        alt_ax.plot(times, height / 1e3, lw=1, label=segment["object_name"])
        # Break the track where it crosses the antimeridian.
        lon = np.where(np.abs(np.diff(lon, prepend=lon[0])) > 180, np.nan, lon)
        map_ax.plot(lon, lat, lw=0.8)
    alt_ax.set_ylabel("geodetic height [km]")
    inside = "inside" if report.get("inside_target_zone") else "NOT inside"
    alt_ax.set_title(f"{report['name']}: every surviving piece {inside} the target zone")
    alt_ax.grid(alpha=0.3)
    impacts = report.get("impacts", [])
    if impacts:
        map_ax.scatter([i["lon_deg"] for i in impacts], [i["lat_deg"] for i in impacts], s=12, c="red", zorder=3,
                       label="fragment impacts")
        map_ax.legend(loc="lower left")
    footprint = report.get("footprint") or {}
    outline = footprint.get("outline_lat_lon_deg")
    if outline:
        lat_o, lon_o = np.array(outline).T
        map_ax.plot(lon_o, lat_o, c="red", lw=1)
    map_ax.set_xlim(-180, 180)
    map_ax.set_ylim(-90, 90)
    map_ax.set_xlabel("longitude [deg]")
    map_ax.set_ylabel("latitude [deg]")
    map_ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(a.output, dpi=120)
    print(f"{report['verdict']}\nwrote {a.output}")


if __name__ == "__main__":
    main()

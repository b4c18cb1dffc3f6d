#!/usr/bin/python3
"""SGP4 of a whole catalogue from Python: deorbit's module against the C++ batch it wraps, and python-sgp4's
SatrecArray on the same work, in one run.

Work (as build/bench/sgp4_bench): every object of a TLE catalogue x 1,440 one-minute steps from the latest element
epoch, TEME position and velocity of each kept in memory. Default catalogue: tests/data/tle/active_2025-10-03_sample.tle
(804 objects); give the whole CelesTrak catalogue with --tle.

  C++ batch          build/bench/sgp4_bench, Sgp4Batch/<best kernel>/double/threads:1 (into preallocated arrays)
  Python, out=       deorbit.Sgp4Batch.propagate(times, out=(states, status)): into preallocated numpy arrays of
                     shape (objects, 1440, 6) and (objects, 1440), as the C++ bench does
  Python, new        deorbit.Sgp4Batch.propagate(times): new arrays each call (their first touch is timed too)
  C++ new arrays     sgp4_bench's Sgp4BatchNewArrays (Sgp4Batch::propagate(times) returning Sgp4Ephemerides): the
                     reference for Python's new-array call
  threads:0 rows     the C++ batch and Python out= on every core (threads=0)
  python-sgp4        Debian's python3-sgp4 SatrecArray.sgp4(jd, fr) (pure Python in Debian's 2.15: slow, so timed on
                     --python-objects objects spread over the catalogue; its rate is per propagation)

Rounds alternate the programs (--rounds, default 5) so that the machine's load falls on all of them alike; the
median of each is reported, in propagations per wall-clock second and per CPU second (single-thread runs; the CPU
figure is the less sensitive to other work on a shared machine), with the Python/C++ ratios. Agreement: the largest
position and velocity difference between deorbit's Python output and python-sgp4 on the python-sgp4 subset (same UTC
instants, WGS-72, mode 'i'), and the status codes compared.

Run:  /usr/bin/python3 bench/python_sgp4_bench.py [--build-dir build] [--tle FILE] [--rounds 5]
(builds the sgp4_bench and deorbit_python targets when missing). Writes <build>/bench-python/results.json.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_build(build, jobs):
    bench = os.path.join(build, "bench", "sgp4_bench")
    module_dir = os.path.join(build, "python")
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        subprocess.run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"], check=True)
    subprocess.run(["cmake", "--build", build, "-j", str(jobs), "--target", "sgp4_bench", "deorbit_python"], check=True,
                   stdout=subprocess.DEVNULL)
    return bench, module_dir


def cxx_round(bench, tle, kernel, threads=1, new_arrays=False):
    """One run of the C++ batch: (propagations per wall second, per CPU second)."""
    name = "Sgp4BatchNewArrays/best" if new_arrays else f"Sgp4Batch/{kernel}"
    out = subprocess.run([bench, f"--benchmark_filter={name}/double/threads:{threads}/",
                          "--benchmark_format=json"], env=dict(os.environ, DEORBIT_BENCH_TLE=tle), check=True,
                         capture_output=True, text=True)
    b = json.loads(out.stdout)["benchmarks"][0]
    return b["items_per_second"], b["items_per_second"] * b["real_time"] / b["cpu_time"]


def best_kernel(bench, tle):
    out = subprocess.run([bench, "--benchmark_filter=Sgp4Batch/.*/double/threads:1/", "--benchmark_min_time=0.01",
                          "--benchmark_format=json"], env=dict(os.environ, DEORBIT_BENCH_TLE=tle), check=True,
                         capture_output=True, text=True)
    return next(b["name"].split("/")[1] for b in json.loads(out.stdout)["benchmarks"] if not b.get("error_occurred"))


def timed(call, count):
    """(propagations per wall second, per CPU second of this thread) of one call."""
    w0, c0 = time.perf_counter(), time.thread_time()
    call()
    w1, c1 = time.perf_counter(), time.thread_time()
    return count / (w1 - w0), count / (c1 - c0)


def julian_pairs(times):
    ns = (times - np.datetime64("1970-01-01", "ns")).astype("int64")
    day = 86_400_000_000_000
    return 2440587.5 + (ns // day).astype(float), (ns % day) / 86400e9


def median_range(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--tle", default=os.path.join(ROOT, "tests", "data", "tle", "active_2025-10-03_sample.tle"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--python-objects", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    build = os.path.abspath(a.build_dir)
    tle = os.path.abspath(a.tle)
    bench, module_dir = ensure_build(build, a.jobs)
    sys.path.insert(0, module_dir)
    import deorbit
    from sgp4.api import WGS72, Satrec, SatrecArray, accelerated

    elements = deorbit.read_tle(tle)
    batch = deorbit.Sgp4Batch(elements)
    latest = max(e.epoch for e in elements)
    times = deorbit.to_datetime64([latest + 60.0 * k for k in range(1440)])
    count = len(batch) * len(times)
    kernel = best_kernel(bench, tle)
    log(f"{tle}: {len(batch)} objects ({batch.deep_space_count} deep space, {len(batch.rejected)} refused) x "
        f"{len(times)} instants from {latest} = {count / 1e6:.1f} M propagations; C++ kernel {kernel}")

    # python-sgp4 subset: every k-th line pair of the file (the same element sets deorbit read).
    lines = [l.rstrip("\r\n") for l in open(tle)]
    pairs = [(lines[i], lines[i + 1]) for i in range(len(lines) - 1)
             if lines[i].startswith("1 ") and lines[i + 1].startswith("2 ")]
    assert len(pairs) == len(elements)
    rows = np.linspace(0, len(pairs) - 1, min(a.python_objects, len(pairs))).astype(int)
    satrecs = SatrecArray([Satrec.twoline2rv(*pairs[r], WGS72) for r in rows])
    jd, fr = julian_pairs(times)

    out = batch.propagate(times)  # the preallocated arrays, touched once
    results = {"cxx": [], "py_out": [], "cxx_new": [], "py_new": [], "cxx_all": [], "py_out_all": [], "python_sgp4": []}
    for k in range(a.rounds):
        results["cxx"].append(cxx_round(bench, tle, kernel))
        results["py_out"].append(timed(lambda: batch.propagate(times, out=out), count))
        results["cxx_new"].append(cxx_round(bench, tle, kernel, new_arrays=True))
        results["cxx_all"].append(cxx_round(bench, tle, kernel, threads=0))
        results["py_out_all"].append(timed(lambda: batch.propagate(times, out=out, threads=0), count))
        results["py_new"].append(timed(lambda: batch.propagate(times), count))
        results["python_sgp4"].append(timed(lambda: satrecs.sgp4(jd, fr), len(rows) * len(times)))
        log(f"round {k + 1}/{a.rounds}: " + ", ".join(f"{n} {v[-1][0] / 1e6:.2f} M/s" for n, v in results.items()))

    # Agreement on the python-sgp4 subset.
    states, status = batch.propagate(times)
    err, r, v = satrecs.sgp4(jd, fr)
    ok = (err == 0) & (status[rows] == 0)
    dr = np.linalg.norm(states[rows][..., :3] - r * 1e3, axis=-1)[ok].max()
    dv = np.linalg.norm(states[rows][..., 3:] - v * 1e3, axis=-1)[ok].max()
    same_status = bool((err == status[rows]).all())

    summary = {}
    for name, values in results.items():
        summary[name] = {"wall": median_range([w for w, _ in values]), "cpu": median_range([c for _, c in values])}
    labels = {"cxx": f"C++ batch ({kernel}, double, preallocated)", "py_out": "Python Sgp4Batch.propagate(out=...)",
              "cxx_new": "C++ batch returning new arrays (Sgp4Ephemerides)",
              "py_new": "Python Sgp4Batch.propagate() (new arrays)",
              "cxx_all": f"C++ batch, threads:0 ({os.cpu_count()} threads)",
              "py_out_all": f"Python propagate(out=..., threads=0) ({os.cpu_count()} threads)",
              "python_sgp4": f"python-sgp4 SatrecArray ({'C++' if accelerated else 'pure Python'}; {len(rows)} objects)"}
    print(f"work: {len(batch)} objects x {len(times)} instants ({count / 1e6:.2f} M propagations), one thread unless "
          f"said; medians of {a.rounds} rounds, load average {os.getloadavg()[0]:.1f}; x C++ against the C++ row of the "
          f"same kind (preallocated, new arrays, or as many threads; python-sgp4 against the preallocated one)")
    print(f"{'program':58s} {'M prop/s (min..max)':>22s} {'x C++':>6s} {'M prop/CPU s':>13s} {'x C++':>6s}")
    for name, s in summary.items():
        w, c = s["wall"], s["cpu"]
        ref = summary["cxx_all"] if name.endswith("_all") else summary["cxx"]
        if name == "py_new":
            ref = summary["cxx_new"]
        if name.endswith("_all"):
            print(f"{labels[name]:58s} {w['median'] / 1e6:8.2f} ({w['min'] / 1e6:.2f}..{w['max'] / 1e6:.2f}) "
                  f"{w['median'] / ref['wall']['median']:6.3f}")
            continue
        print(f"{labels[name]:58s} {w['median'] / 1e6:8.2f} ({w['min'] / 1e6:.2f}..{w['max'] / 1e6:.2f}) "
              f"{w['median'] / ref['wall']['median']:6.3f} {c['median'] / 1e6:13.2f} "
              f"{c['median'] / ref['cpu']['median']:6.3f}")
    print(f"agreement with python-sgp4 over {int(ok.sum())} states: |dr| <= {dr:.2e} m, |dv| <= {dv:.2e} m/s; "
          f"same status everywhere: {same_status}")
    os.makedirs(os.path.join(build, "bench-python"), exist_ok=True)
    with open(os.path.join(build, "bench-python", "results.json"), "w") as f:
        json.dump({"tle": tle, "objects": len(batch), "instants": len(times), "kernel": kernel, "summary": summary,
                   "agreement": {"dr_m": dr, "dv_mps": dv, "states": int(ok.sum()), "same_status": same_status}},
                  f, indent=2)


if __name__ == "__main__":
    main()

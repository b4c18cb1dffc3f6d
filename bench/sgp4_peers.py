#!/usr/bin/python3
"""SGP4 throughput of deorbit side by side with other SGP4 programs, in one run, on the same work.

Work: every object of a TLE catalogue (default tests/data/tle/active_2025-10-03_sample.tle, every 16th object) x 1,440 one-minute steps
from the latest element epoch. Programs:

  deorbit      build/bench/sgp4_bench: the batch API (best kernel of this CPU) on one thread and on all cores,
               and the one-satellite API (Sgp4::at) in a loop
  satellite.js 7.1.0 from npm (installed here into build/bench-peers): propagate(satrec, Date) in a loop, and its
               WebAssembly BulkPropagator (single-thread runtime, and the multi-thread runtime on all cores)
  python-sgp4  Debian's python3-sgp4 (pure Python; installed with apt-get when missing): timed on a subset
               (--python-objects objects x 1,440 steps) and used for agreement: the largest position and velocity
               difference between deorbit's batch output (`deorbit propagate --catalogue ... --format binary`) and
               python-sgp4 (WGS-72, mode 'i') over that subset

Each measurement is repeated (--repeats, default 3) and the median is reported; the machine may be shared, so the
spread is printed too. Run from anywhere:  /usr/bin/python3 bench/sgp4_peers.py [--build-dir build] [--jobs 2]
It configures and builds the needed targets when they are missing. Prints one table; writes
<build>/bench-peers/results.json.
"""
import argparse
import importlib.util
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SATJS_VERSION = "7.1.0"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("+ " + " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def ensure_build(build, jobs):
    bench = os.path.join(build, "bench", "sgp4_bench")
    app = os.path.join(build, "deorbit")
    if not (os.path.exists(bench) and os.path.exists(app)):
        if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
            run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"])
        run(["cmake", "--build", build, "-j", str(jobs), "--target", "sgp4_bench", "deorbit_app"])
    return bench, app


def ensure_satellitejs(folder):
    pkg = os.path.join(folder, "node_modules", "satellite.js", "package.json")
    if os.path.exists(pkg) and json.load(open(pkg)).get("version") == SATJS_VERSION:
        return
    os.makedirs(folder, exist_ok=True)
    run(["npm", "install", "--prefix", folder, "--no-audit", "--no-fund", f"satellite.js@{SATJS_VERSION}"],
        stdout=subprocess.DEVNULL)


def ensure_python_sgp4():
    if importlib.util.find_spec("sgp4") is not None:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(sudo + ["apt-get", "install", "-y", "-qq", "python3-sgp4"], env=env, stdout=subprocess.DEVNULL)


def read_tles(path):
    """(name, line1, line2) of every element set, 2- or 3-line."""
    lines = [l.rstrip("\r\n") for l in open(path)]
    out = []
    i = 0
    while i + 1 < len(lines):
        if lines[i].startswith("1 ") and lines[i + 1].startswith("2 "):
            name = lines[i - 1].strip() if i > 0 and not lines[i - 1].startswith(("1 ", "2 ")) else ""
            out.append((name, lines[i], lines[i + 1]))
            i += 2
        else:
            i += 1
    return out


def median_spread(values):
    return statistics.median(values), min(values), max(values)


def measure_deorbit(bench, repeats, tle):
    env = dict(os.environ, DEORBIT_BENCH_TLE=tle)
    # The best kernel of this CPU: the first batch kernel whose run does not report an error.
    out = subprocess.run([bench, "--benchmark_filter=Sgp4Batch/.*/double/threads:1/", "--benchmark_min_time=0.01",
                          "--benchmark_format=json"], env=env, check=True, capture_output=True, text=True)
    kernel = None
    for b in json.loads(out.stdout)["benchmarks"]:
        if not b.get("error_occurred") and kernel is None:
            kernel = b["name"].split("/")[1]
    results = {}
    cpu_rates = {}
    filt = f"Sgp4Batch/{kernel}/double/threads:(1|0)/|Sgp4/OneSatellitePath"
    out = subprocess.run([bench, f"--benchmark_filter={filt}", f"--benchmark_repetitions={repeats}",
                          "--benchmark_format=json"], env=env, check=True, capture_output=True, text=True)
    data = json.loads(out.stdout)
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b["run_name"]
        results.setdefault(name, []).append(b["items_per_second"])
        items = b["items_per_second"] * b["real_time"]  # per iteration (times in ms: the ratio is what counts)
        cpu_rates.setdefault(name, []).append(items / b["cpu_time"])
    log(out.stderr.strip())
    rows = []
    for name, rates in results.items():
        threads = 1 if "threads:1" in name or "OneSatellite" in name else os.cpu_count()
        label = "deorbit Sgp4::at loop (one-satellite API)" if "OneSatellite" in name else \
            f"deorbit batch ({kernel}, double)"
        rows.append({"program": label, "threads": threads, "rates": rates, "ours": True, "name": name,
                     "cpu_rates": cpu_rates[name] if threads == 1 else None})
    return rows, kernel


def measure_satellitejs(folder, tle, repeats, stride):
    script = os.path.join(ROOT, "bench", "sgp4_peers_satellitejs.mjs")
    rows = []
    threads = os.cpu_count()
    for mode, label, nthreads in [("loop", "satellite.js propagate() loop", 1),
                                  ("bulk", "satellite.js BulkPropagator (WASM)", 1),
                                  ("bulk-mt", "satellite.js BulkPropagator (WASM, threads)", threads)]:
        # One extra first run: it warms up the JIT and is dropped.
        out = subprocess.run(["node", script, folder, tle, mode, str(repeats + 1), "1440", str(stride), str(threads)],
                             check=True, capture_output=True, text=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rates = [r["propagations"] / s for s in r["seconds"][1:]]
        cpu = [r["propagations"] / s for s in r["cpu_seconds"][1:]] if nthreads == 1 else None
        rows.append({"program": label, "threads": nthreads, "rates": rates, "ours": False,
                     "objects": r["objects"], "cpu_rates": cpu})
        log(f"{label}: {r['objects']} objects, seconds {r['seconds']}")
    return rows


def python_subset(tles, count):
    stride = max(1, len(tles) // count)
    return tles[::stride][:count]


def measure_python_sgp4(subset, start_jd, repeats):
    from sgp4.api import Satrec, WGS72
    sats = [Satrec.twoline2rv(l1, l2, WGS72) for _, l1, l2 in subset]
    jd0, fr0 = start_jd
    steps = [(jd0, fr0 + k * 60.0 / 86400.0) for k in range(1440)]
    rates, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for s in sats:
            for jd, fr in steps:
                s.sgp4(jd, fr)
        rates.append(len(sats) * len(steps) / (time.perf_counter() - t0))
        cpu.append(len(sats) * len(steps) / (time.process_time() - c0))
    return {"program": f"python-sgp4 (pure Python, {len(sats)} objects)", "threads": 1, "rates": rates,
            "ours": False, "cpu_rates": cpu}


def read_catalogue_binary(path):
    """The binary format of docs/catalogue-format.md."""
    data = open(path, "rb").read()
    assert data[:8] == b"DEORBCAT", "not a deorbit catalogue file"
    version, vbytes, n_obj, n_t = struct.unpack_from("<IIQQ", data, 8)
    start = data[32:64].split(b"\0")[0].decode()
    at = 64
    times = struct.unpack_from(f"<{n_t}d", data, at)
    at += 8 * n_t
    objects = []
    for _ in range(n_obj):
        norad, flags, epoch_offset = struct.unpack_from("<IId", data, at)
        objects.append((norad, flags, epoch_offset))
        at += 16
    fmt = "d" if vbytes == 8 else "f"
    records = []
    for _ in range(n_obj):
        comps = []
        for _ in range(6):
            comps.append(struct.unpack_from(f"<{n_t}{fmt}", data, at))
            at += vbytes * n_t
        status = data[at:at + n_t]
        at += n_t
        records.append((comps, status))
    return start, times, objects, records


def agreement(app, subset, workdir):
    """Largest differences between deorbit's batch output and python-sgp4 over the subset, every instant."""
    from sgp4.api import Satrec, WGS72, jday
    tle = os.path.join(workdir, "agreement.tle")
    with open(tle, "w") as f:
        for name, l1, l2 in subset:
            f.write(f"{name}\n{l1}\n{l2}\n")
    out = os.path.join(workdir, "agreement.bin")
    # One day from the latest epoch of the subset, every minute (the command's defaults), as float64.
    run([app, "propagate", "--catalogue", tle, "--format", "binary", "-o", out], stderr=subprocess.DEVNULL)
    start, times, objects, records = read_catalogue_binary(out)
    y, mo, d = int(start[0:4]), int(start[5:7]), int(start[8:10])
    h, mi, s = int(start[11:13]), int(start[14:16]), float(start[17:].rstrip("Z"))
    jd0, fr0 = jday(y, mo, d, h, mi, s)
    # Two comparisons: python-sgp4 at the same UTC instants (its own time handling: sgp4(jd, fr)), and at the same
    # minutes since the element epoch (sgp4_tsince, with deorbit's minutes), which compares the propagation alone.
    result = {"objects": len(subset), "start": start, "deep_space": sum(1 for o in objects if o[1] & 1)}
    for key in ("utc", "tsince"):
        max_dr = max_dv = 0.0
        where = ""
        compared = status_mismatch = 0
        for (name, l1, l2), (norad, flags, epoch_offset), (comps, status) in zip(subset, objects, records):
            sat = Satrec.twoline2rv(l1, l2, WGS72)
            for j, dt in enumerate(times):
                if key == "utc":
                    e, r, v = sat.sgp4(jd0, fr0 + dt / 86400.0)
                else:
                    e, r, v = sat.sgp4_tsince((dt - epoch_offset) / 60.0)
                ours_ok = status[j] == 0
                if (e == 0) != ours_ok:
                    status_mismatch += 1
                    continue
                if not ours_ok:
                    continue
                dr = max(abs(comps[k][j] - r[k] * 1000.0) for k in range(3))
                dv = max(abs(comps[3 + k][j] - v[k] * 1000.0) for k in range(3))
                if dr > max_dr:
                    max_dr, where = dr, f"{norad} at +{dt / 60:.0f} min"
                max_dv = max(max_dv, dv)
                compared += 1
        result[key] = {"states": compared, "max_position_m": max_dr, "max_velocity_mps": max_dv, "where": where,
                       "status_mismatches": status_mismatch}
    return result


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    p.add_argument("--jobs", type=int, default=2, help="parallel build jobs if a build is needed")
    p.add_argument("--tle", default=os.path.join(ROOT, "tests", "data", "tle", "active_2025-10-03_sample.tle"),
                   help="TLE catalogue (default: the 804-object sample the repository carries; pass a whole catalogue)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--satjs-stride", type=int, default=1, help="satellite.js: every n-th object (1 = all)")
    p.add_argument("--python-objects", type=int, default=200)
    args = p.parse_args()

    build = os.path.abspath(args.build_dir)
    tle = os.path.abspath(args.tle)
    peers = os.path.join(build, "bench-peers")
    bench, app = ensure_build(build, args.jobs)
    ensure_satellitejs(peers)
    ensure_python_sgp4()
    if shutil.which("node") is None:
        sys.exit("node is needed for satellite.js")

    tles = read_tles(tle)
    rows, kernel = measure_deorbit(bench, args.repeats, tle)
    rows += measure_satellitejs(peers, tle, args.repeats, args.satjs_stride)
    subset = python_subset(tles, args.python_objects)
    from sgp4.api import Satrec, WGS72
    latest = max((Satrec.twoline2rv(l1, l2, WGS72) for _, l1, l2 in tles), key=lambda s: s.jdsatepoch + s.jdsatepochF)
    rows.append(measure_python_sgp4(subset, (latest.jdsatepoch, latest.jdsatepochF), args.repeats))
    agree = agreement(app, subset, peers)

    for r in rows:
        r["median"], r["min"], r["max"] = median_spread(r["rates"])
        r["cpu_median"] = statistics.median(r["cpu_rates"]) if r.get("cpu_rates") else None
    fastest = max((r for r in rows if not r["ours"]), key=lambda r: r["median"])
    fastest_1t = max((r for r in rows if not r["ours"] and r["threads"] == 1), key=lambda r: r["median"])
    fastest_cpu = max((r for r in rows if not r["ours"] and r["cpu_median"]), key=lambda r: r["cpu_median"])

    print(f"\nSGP4 throughput: {len(tles)} objects x 1,440 one-minute steps ({os.path.basename(tle)}), "
          f"medians of {args.repeats} runs")
    print(f"Machine: {cpu_model()}, {os.cpu_count()} hardware threads; deorbit kernel: {kernel}; load average "
          f"{os.getloadavg()[0]:.2f} at the end")
    print("Wall-clock rates, and for single-thread runs also propagations per CPU second (robust on a loaded "
          "machine).\n")
    head = (f"{'program':46} {'threads':>7} {'propagations/s':>15} {'(min..max)':>17} {'x fastest':>10} "
            f"{'per CPU s':>11} {'x fastest':>10}")
    print(head)
    print("-" * len(head))
    for r in sorted(rows, key=lambda r: -r["median"]):
        spread = f"{r['min'] / 1e6:.2f}..{r['max'] / 1e6:.2f} M"
        cpu = f"{r['cpu_median'] / 1e6:>9.2f} M {r['cpu_median'] / fastest_cpu['cpu_median']:>9.2f}x" \
            if r["cpu_median"] else f"{'-':>11} {'-':>10}"
        print(f"{r['program']:46} {r['threads']:>7} {r['median'] / 1e6:>13.2f} M {spread:>17} "
              f"{r['median'] / fastest['median']:>9.2f}x {cpu}")
    print(f"\nFastest peer: {fastest['program']} ({fastest['median'] / 1e6:.2f} M/s); fastest single-thread peer: "
          f"{fastest_1t['program']} ({fastest_1t['median'] / 1e6:.2f} M/s, "
          f"{fastest_cpu['cpu_median'] / 1e6:.2f} M per CPU second).")
    for r in rows:
        if r["ours"] and "batch" in r["program"]:
            same = fastest_1t if r["threads"] == 1 else fastest
            extra = f" (per CPU second: {r['cpu_median'] / fastest_cpu['cpu_median']:.1f}x)" if r["cpu_median"] else ""
            print(f"  {r['program']}, {r['threads']} thread(s): {r['median'] / same['median']:.1f}x "
                  f"{'the fastest single-thread peer' if r['threads'] == 1 else 'the fastest peer'}{extra}")
    print(f"\nAgreement of deorbit's batch output (propagate --catalogue, binary, double) with python-sgp4 (WGS-72, "
          f"'i') over {agree['objects']} objects ({agree['deep_space']} deep space), one day every minute from "
          f"{agree['start']}:")
    for key, what in (("utc", "same UTC instants, sgp4(jd, fr)"), ("tsince", "same minutes from epoch, sgp4_tsince")):
        a = agree[key]
        print(f"  {what}: {a['states']} states, largest position difference {a['max_position_m']:.3e} m "
              f"({a['where']}), velocity {a['max_velocity_mps']:.3e} m/s; {a['status_mismatches']} states with a "
              f"different error status")
    with open(os.path.join(peers, "results.json"), "w") as f:
        json.dump({"rows": rows, "agreement": agree, "kernel": kernel, "cpu": cpu_model(), "objects": len(tles),
                   "repeats": args.repeats}, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Campaign speed and scaling, side by side in one run (docs/performance.md, "Monte Carlo campaigns"):
#   1. a 10^4-run campaign of the default ISS scenario on 2 threads (goal: under 5 minutes wall on 2 cores);
#   2. the same N runs on 1 and 2 threads, and on 1 and 2 MPI ranks of one thread each, with the run tables compared.
# Usage: bench/campaign_scaling.sh [BIG_RUNS=10000] [SCALING_RUNS=1000]   (from the repository root, after a build)
set -euo pipefail
BIG=${1:-10000}
N=${2:-1000}
BIN=${DEORBIT:-./build/deorbit}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

# The canonical dump of a store's run tables (doubles exactly, as %a would print them).
dump() {
  python3 - "$1" <<'PY'
import sqlite3, sys, hashlib
c = sqlite3.connect(sys.argv[1])
h = hashlib.sha256()
for t, order in (("runs", "run"), ("impacts", "run, k")):
    for row in c.execute(f"select * from {t} order by {order}"):
        h.update(repr([x.hex() if isinstance(x, float) else x for x in row]).encode())
print(h.hexdigest()[:16])
PY
}

run() {  # label, then the command; prints wall, CPU (user+sys of every process), runs per CPU second, dump
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$OUT/time" "$@" >"$OUT/log" 2>&1
  t1=$(date +%s.%N)
  local dir
  dir=$(grep -o 'written to [^:]*' "$OUT/log" | sed 's/written to //')
  python3 - "$label" "$t0" "$t1" "$OUT/time" "$dir/report.json" "$(dump "$dir/campaign.sqlite")" <<'PY'
import json, sys
label, t0, t1, tf, rep, digest = sys.argv[1:]
user, sys_ = map(float, open(tf).read().split()[-2:])
r = json.load(open(rep))["campaign"]
print(f"| {label} | {r['runs_this_session']} | {float(t1) - float(t0):.1f} s | {r['wall_s_this_session']:.1f} s | "
      f"{r['cpu_s_this_session']:.1f} s | {r['runs_per_cpu_second']:.1f} | {user + sys_:.1f} s | {digest} |")
PY
}

echo "| campaign | runs | wall (command) | wall (runs) | CPU (runs) | runs per CPU s | CPU (process) | run tables |"
echo "|---|---|---|---|---|---|---|---|"
run "ISS default, 2 threads" "$BIN" campaign --runs "$BIG" --threads 2 -q -o "$OUT/big"
run "1 thread" "$BIN" campaign --runs "$N" --threads 1 -q -o "$OUT/t1"
run "2 threads" "$BIN" campaign --runs "$N" --threads 2 -q -o "$OUT/t2"
if command -v mpirun >/dev/null; then
  run "MPI 1 rank x 1 thread" mpirun --oversubscribe -n 1 "$BIN" campaign --runs "$N" --threads 1 -q -o "$OUT/m1"
  run "MPI 2 ranks x 1 thread" mpirun --oversubscribe -n 2 "$BIN" campaign --runs "$N" --threads 1 -q -o "$OUT/m2"
fi

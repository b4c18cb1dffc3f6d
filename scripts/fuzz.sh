#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 600), starting from the
# seed corpus in fuzz/corpus/<target>. New inputs go to build-fuzz/corpus/<target>; crashes to build-fuzz/crashes.
#   scripts/fuzz.sh [SECONDS] [tle|omm ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}; shift || true
targets=("$@"); ((${#targets[@]})) || targets=(tle omm)
bash scripts/setup.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEORBIT_FUZZ=ON \
  -DDEORBIT_TESTS=OFF -DDEORBIT_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")
mkdir -p build-fuzz/crashes
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  echo "fuzzing $t for $seconds s" >&2
  ./build-fuzz/fuzz/fuzz_$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="build-fuzz/crashes/$t-" "build-fuzz/corpus/$t" "fuzz/corpus/$t" 2>&1 | tail -n 3
done

#!/usr/bin/env bash
# One entry point for newcomers and CI.
#   scripts/dev.sh run    install what is missing, build, run the main job on its embedded default
#   scripts/dev.sh test   install what is missing, build, run every test (plain build, with the Python module's
#                         pytest suite, then ASan+UBSan build, which leaves the Python module out)
#   scripts/dev.sh build  install what is missing and build (Release) only
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}

build() {  # build DIR BUILD_TYPE [extra cmake args...]
  local dir=$1 type=$2; shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

bash scripts/setup.sh
case "${1:-run}" in
  build)
    build build Release ;;
  run)
    build build Release
    ./build/deorbit plan ;;
  test)
    build build Release
    ctest --test-dir build --output-on-failure -j "$JOBS"
    build build-asan Debug -DDEORBIT_SANITIZE=ON
    # Test suites named *Slow (long validation runs) run in the optimised build only.
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
      LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp" \
      ctest --test-dir build-asan --output-on-failure -j "$JOBS" -E 'Slow\.' ;;
  *)
    echo "usage: scripts/dev.sh run|test|build" >&2; exit 2 ;;
esac

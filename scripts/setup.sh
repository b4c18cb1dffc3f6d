#!/usr/bin/env bash
# Installs the Debian 12 packages deorbit needs to build and test. Idempotent: installs only what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  liberfa-dev libgeographiclib-dev libeigen3-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libpugixml-dev
  libsleef-dev libs2-dev libboost-dev
  libsqlite3-dev librandom123-dev libopenmpi-dev openmpi-bin
  libplplot-dev plplot-driver-cairo
  libcurl4-openssl-dev libssl-dev libcpp-httplib-dev
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pytest python3-sgp4 python3-matplotlib python3-yaml mypy
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

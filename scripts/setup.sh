#!/usr/bin/env bash
# Installs what aieconv needs (Debian 12 packages), configures and builds it.
# Sourced by the user-facing scripts; safe to run again (it only does what is
# missing). Environment: BUILD_DIR (default: build), AIECONV_JOBS (default: 2).
set -euo pipefail

AIECONV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$AIECONV_ROOT/build}"
AIECONV_JOBS="${AIECONV_JOBS:-2}"
LLVM_PREFIX=/usr/lib/llvm-22

REQUIRED_PACKAGES=(
  cmake ninja-build g++ python3 libgtest-dev
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22
)

install_missing_packages() {
  local missing=()
  for package in "${REQUIRED_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "aieconv: installing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

configure_and_build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    echo "aieconv: configuring in $BUILD_DIR" >&2
    cmake -G Ninja -S "$AIECONV_ROOT" -B "$BUILD_DIR" \
      -DCMAKE_BUILD_TYPE=Release \
      -DMLIR_DIR="$LLVM_PREFIX/lib/cmake/mlir" \
      -DLLVM_EXTERNAL_LIT="$LLVM_PREFIX/bin/lit" >/dev/null
  fi
  echo "aieconv: building (ninja -j$AIECONV_JOBS)" >&2
  ninja -C "$BUILD_DIR" -j"$AIECONV_JOBS" >&2
}

install_missing_packages
configure_and_build

#!/usr/bin/env bash
# Runs every test of aieconv: installs missing packages, builds, then runs
# ctest (GoogleTest units and the lit suite), which prints the summary line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$BUILD_DIR"
ctest --output-on-failure -j"$AIECONV_JOBS" "$@"

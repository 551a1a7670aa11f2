#!/usr/bin/env bash
# Prints the layer NAME of a bench suite as a SPEC that `aieconv run --conv`
# takes ("NAME: key=value,..."), without the suite's occurrence count
# ("NAME xN:"). Usage: suite-layer.sh SUITE NAME
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 SUITE NAME" >&2
  exit 2
fi
suite="$1" name="$2"
# Layer names hold letters, digits, '_', '-' and '.'; the dot is escaped.
pattern="${name//./\\.}"
line="$(sed -nE "s/^${pattern}( +x[0-9]+)? *:/${name}:/p" "$suite")"
if [ -z "$line" ]; then
  echo "$0: no layer '$name' in $suite" >&2
  exit 1
fi
echo "$line"

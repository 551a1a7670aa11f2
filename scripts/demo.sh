#!/usr/bin/env bash
# The main job on a built-in example: builds aieconv, then compiles the
# seed's innermost convolution into a registry-checked ukernel call and
# prints what happened.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
example="$AIECONV_ROOT/examples/seed-inner-conv.mlir"
echo "== input: $example"
cat "$example"
echo
echo "== aieconv-opt --aieconv-conv-to-matmul --aieconv-lower-to-ukernels (on tensors, then bufferized)"
"$BUILD_DIR/bin/aieconv-opt" "$example" \
  --aieconv-conv-to-matmul --aieconv-lower-to-ukernels \
  --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
  --aieconv-lower-to-ukernels --canonicalize 2>&1
echo
echo "== strict=true: a matmul that no ukernel variant fits is an error"
if "$BUILD_DIR/bin/aieconv-opt" "$example" --aieconv-conv-to-matmul \
    --aieconv-lower-to-ukernels="strict=true" >/dev/null 2>"$BUILD_DIR/strict.log"; then
  echo "unexpected: strict mode accepted the example" >&2
  exit 1
fi
grep "error:" "$BUILD_DIR/strict.log"

#!/usr/bin/env bash
# The main job on built-in examples: builds aieconv, shows today's
# innermost conv becoming a registry-checked ukernel call, then compiles,
# runs and checks ResNet-50's res2a_b2b layer and prints its report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

example="$AIECONV_ROOT/examples/seed-inner-conv.mlir"
echo "== 1. The innermost conv of today's conv tiling ($example)"
echo "   aieconv-opt --aieconv-conv-to-matmul --aieconv-lower-to-ukernels, bufferize, lower again:"
"$BUILD_DIR/bin/aieconv-opt" "$example" \
  --aieconv-conv-to-matmul --aieconv-lower-to-ukernels \
  --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
  --aieconv-lower-to-ukernels --canonicalize 2>&1 | grep -E "remark|call @|func.func private"
echo "   with strict=true, a matmul no ukernel variant fits is an error:"
if "$BUILD_DIR/bin/aieconv-opt" "$example" --aieconv-conv-to-matmul \
    --aieconv-lower-to-ukernels="strict=true" >/dev/null 2>"$BUILD_DIR/strict.log"; then
  echo "unexpected: strict mode accepted the example" >&2
  exit 1
fi
grep "error:" "$BUILD_DIR/strict.log"

layer="$("$AIECONV_ROOT/scripts/suite-layer.sh" \
  "$AIECONV_ROOT/bench/resnet50.txt" res2a_b2b)"
echo
echo "== 2. aieconv run on ResNet-50 $layer"
"$BUILD_DIR/bin/aieconv" run --conv "$layer" --device npu1 --strategy auto

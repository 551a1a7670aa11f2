// MobileNetV2 pw_192_64 on npu1 under decompose: its matmul calls add onto
// their accumulator, so each core tile starts with a zero-fill call. The
// cost model charges that call per tile (the conv-patch calls of
// im2col-l1 start the tile themselves and need none); without it the
// model was 7% optimistic here.
// RUN: aieconv run --json --strategy decompose --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=192,oc=64,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-3][0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "symbol": "zero_f32_
// CHECK-DAG: "call.kind": "matmul"

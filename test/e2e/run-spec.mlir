// Small layers of every op and both types, compiled by the whole pipeline,
// run on the host with the host ukernels and checked against the reference.
// A mismatch would exit with 1 and fail the RUN line.

// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,type=i8,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: aieconv run --json --conv "op=conv2d_nchw_fchw,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: aieconv run --json --conv "op=conv2d_nchw_fchw,type=i8,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3" | FileCheck %s
// RUN: aieconv run --json --conv "op=depthwise_nhwc_hwc,ih=6,iw=6,ic=16,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: aieconv run --json --conv "op=depthwise_nhwc_hwc,type=i8,ih=6,iw=6,ic=16,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: aieconv run --json --conv "op=conv1d_nwc_wcf,iw=16,ic=8,oc=8,kw=3" | FileCheck %s
// RUN: aieconv run --json --conv "op=conv1d_nwc_wcf,type=i8,iw=16,ic=8,oc=8,kw=3" | FileCheck %s
// The same on npu2, and with a stride.
// RUN: aieconv run --json --device npu2 --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=3,kw=3,pad=1" | FileCheck %s
// RUN: aieconv run --json --device npu2 --conv "op=conv2d_nhwc_hwcf,type=i8,ih=9,iw=9,ic=16,oc=16,kh=3,kw=3,stride=2" | FileCheck %s

// CHECK: {
// CHECK-DAG: "correct": true
// CHECK-DAG: "max_abs_error":
// CHECK-DAG: "max_rel_error":
// CHECK-DAG: "tolerance":
// CHECK-DAG: "macs":
// CHECK-DAG: "strategy": "auto"
// CHECK-DAG: "device": "npu{{[12]}}"
// CHECK-DAG: "ukernel_calls":
// CHECK-DAG: "pipeline_seconds":
// CHECK-DAG: "l1_bytes":
// CHECK-DAG: "l2_bytes":
// CHECK: }

// A 1x1 layer with a 512-channel reduction, forced onto a cascade mapping:
// each column's 4 cores split the reduction (128 channels each, their
// weights resident) and pass partial sums down the cascade. The host runs
// the very calls, chain links passing their sums through the emulated
// stream, and matches the reference; the simulator times the chain as one
// task on the column's cores; the cost model stays within 10% of it.
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=28,toc=64,icb=128,acc=2,resident=1,cores=cascade,split=channels --conv "op=conv2d_nhwc_hwcf,n=1,ih=28,iw=28,ic=512,oc=128,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "grid.core_split": "cascade"
// CHECK-DAG: "l1.steps_per_tile": "4"

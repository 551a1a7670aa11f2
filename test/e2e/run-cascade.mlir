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

// With the memtile holding each core's block on its own (l2icb = icb), the
// blocks come through the columns' shims side by side.
// RUN: aieconv run --json --strategy im2col-l1 --tile th=2,tw=8,toc=64,icb=256,l2icb=256,acc=2,resident=1,cores=cascade,split=channels --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=1024,oc=256,kh=1,kw=1" | FileCheck %s --check-prefix=BLOCKS

// BLOCKS-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// BLOCKS-DAG: "correct": true
// BLOCKS-DAG: "l2.chunks": "4"

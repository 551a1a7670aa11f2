// ResNet-50 res2a_b2a on npu2 in one round: each core computes 2 rows of
// 56 pixels x 64 channels in 2 steps of 32 input channels, each step one
// 28 KiB input chunk per column, which the 8 columns read at their share
// of DDR's 63 B/cycle: about 3.3k cycles a chunk against the call's 2004.
// The second step waits for its chunk, so the first output leaves after
// both chunks are in, and all writes (784 KiB, about 12.7k cycles of DDR)
// come after it. The cost model paces the first tile's later chunks by
// the shim's reads: 20711 cycles, within 2% of the simulation (it had
// 19843, 6% optimistic, taking the second step at the core's pace).
// RUN: aieconv run --json --device npu2 --strategy im2col-l1 --tile th=2,tw=56,toc=64,icb=32,acc=1,resident=0,l2icb=32,columns=8,rows=4,cores=share-weights,split=rows,last=8 --conv "op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=64,oc=64,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "correct": true
// CHECK-DAG: "cycles": 21108,
// CHECK-DAG: "analytic_cycles": 20711,
// CHECK-DAG: "grid.rounds": "1"
// CHECK-DAG: "l2.chunks": "2"
// CHECK-DAG: "l1.last_step_parts": "8"

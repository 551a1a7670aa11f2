// ResNet-50 res4b_b2a's 196 pixels as one row on npu1: each column takes
// 52 pixels (the last 40) and its four cores 64 output channels each, in
// 16 steps of 64 input channels. A step needs four weight slices of
// 64 x 64 x 2 B, each broadcast to one core row across the columns. They
// are dealt one per column, each memtile sending one slice a step: 16 x
// (8192 B / 4 B/cycle + 32) = 33280 cycles on its channel to the cores.
// Dealt by the shims' bytes alone, the edge column (less input) took two
// slices in some steps and its channel paced the array: 50672 cycles,
// the cost model 7% optimistic.
// RUN: aieconv compile --device npu1 --conv "op=conv2d_nhwc_hwcf,n=1,ih=1,iw=196,ic=1024,oc=256,kh=1,kw=1" --strategy im2col-l1 --tile th=1,tw=52,toc=64,icb=64,acc=1,resident=0,l2icb=64,columns=4,rows=4,cores=share-input,split=rows -o %t.mlir
// RUN: aieconv-sim %t.mlir --resources | FileCheck %s

// CHECK: cycles: 45168
// CHECK: analytic_cycles: 45284 (error 0.25
// CHECK: busy mem0.mm2s.1: [[SLICES:0\.7368[0-9]+]]
// CHECK: busy mem1.mm2s.1: [[SLICES]]
// CHECK: busy mem2.mm2s.1: [[SLICES]]
// CHECK: busy mem3.mm2s.1: [[SLICES]]

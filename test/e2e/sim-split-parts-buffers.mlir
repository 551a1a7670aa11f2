// ResNet-50 res3a_b1 on npu2 in 4 rounds of 7 x 8-pixel tiles (28 = 3 x 8
// + 4: each column's last tile holds half the data), the last step of the
// last round's tiles split in 2 (`last=2`; 64 calls of the half-width
// symbol, 2 for each of the 32 cores). Each part drains to a memtile
// buffer of its own, as the earlier rounds' two output chunks do, so each
// buffer takes one drain a tile, its slots a full tile's part and an edge
// tile's part in turn, and the busiest memtile pool needs 13 buffer
// descriptors, as without the split. When the parts shared one buffer they
// alternated its slots: full and edge parts met in both, and each slot
// needed a descriptor per size.
// RUN: aieconv run --json --device npu2 --strategy im2col-l1 --tile th=7,tw=8,toc=64,icb=64,acc=1,resident=1,l2icb=64,columns=8,rows=4,cores=share-input,split=rows,last=2 --conv "op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=256,oc=512,kh=1,kw=1,stride=2" | FileCheck %s

// CHECK-DAG: "correct": true
// CHECK-DAG: "memtile": 13,
// CHECK-DAG: "whole_tiles": "none"
// CHECK-DAG: "cycles": 36312,
// CHECK-DAG: "l2.output_chunks": "2"
// CHECK-DAG: "l1.last_step_parts": "2"
// CHECK:      "ukernel_calls": 544,
// CHECK:          "calls": 64,
// CHECK-NEXT:     "symbol": "conv2d_bf16_bf16_f32_1x56x32_1x1x64_s1x1_d1x1_4x8x8"

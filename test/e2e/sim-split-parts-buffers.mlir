// ResNet-50 res3a_b1 on npu2 in 4 rounds of 7 x 8-pixel tiles (28 = 3 x 8
// + 4: each column's last tile holds half the data), its last step split
// in 2 (`last=2`). Each part drains to a memtile buffer of its own, as the
// output chunks do, so each buffer takes one drain a tile, its slots a full
// tile's part and an edge tile's part in turn, and the busiest memtile pool
// needs 19 buffer descriptors, as without the split. When the parts shared
// one buffer they alternated its slots: full and edge parts met in both,
// 31 descriptors, and the program moved whole output tiles (40746 cycles).
// RUN: aieconv run --json --device npu2 --strategy im2col-l1 --tile th=7,tw=8,toc=64,icb=64,acc=1,resident=1,l2icb=64,columns=8,rows=4,cores=share-input,split=rows,last=2 --conv "op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=256,oc=512,kh=1,kw=1,stride=2" | FileCheck %s

// CHECK-DAG: "correct": true
// CHECK-DAG: "memtile": 19,
// CHECK-DAG: "whole_tiles": "none"
// CHECK-DAG: "cycles": 36630,
// CHECK-DAG: "l1.last_step_parts": "2"

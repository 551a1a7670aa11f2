// A 3x3 conv of 16 channels on 14 x 14 in i8 on npu1, each column's 4
// cores splitting the rows in tiles of 4 x 4 pixels x 16 channels while
// the columns split the channels: every core tile gets its own window
// (6 rows x 6 columns, which the columns share, so each is fetched by a
// shim of its own rather than with its neighbours as one hull), and along
// each axis the four tiles' windows hold 5, 6, 6 and 3 of their 6 rows or
// columns of data: moving only the input's data would give a memtile more
// buffer descriptors than its pool holds, so the input moves in whole
// tiles, padding included, while the output still leaves clipped to the
// layer, and the report says so. From DDR: 16 windows of 6 x 6 x 16 x 1 B
// and the 3x3 x 16 x 16 weights, 16 x 576 + 2304 = 11520 bytes; to DDR,
// 14 x 14 x 16 x 4 = 12544 (of 16 tiles of 4 x 4 x 16 x 4 B = 16384).
// RUN: aieconv compile --device npu1 --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=16,oc=16,kh=3,kw=3,pad=1,type=i8" --strategy im2col-l1 --tile th=4,tw=4,toc=16,icb=16,acc=2,resident=0,l2icb=16,columns=4,rows=4,cores=share-weights,split=channels -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s
// RUN: aieconv-sim %t.mlir | FileCheck %s --check-prefix=TEXT

// CHECK: "bytes":{"l3_l2":11520,
// CHECK-SAME: "l2_l3":12544,
// CHECK: "over_budget":false,"whole_tiles":"input"

// TEXT: buffer_descriptors: memtile {{[0-9]+}} of 24
// TEXT-SAME: whole tiles, padding included, move from DDR

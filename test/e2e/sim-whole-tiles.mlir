// MobileNetV2 dw_960_7 in bf16 on npu1, each column's 4 cores splitting
// the rows in tiles of 2 x 8 pixels x 16 channels. Every core tile gets its
// own window (4 rows x 10 columns), and the four hold 3, 4, 4 and 2 rows of
// data: moving only the input's data would give a memtile more buffer
// descriptors than its pool holds, so the input moves in whole tiles,
// padding included, while the output still leaves clipped to the layer,
// and the report says so. From DDR, per block of 16 channels: 4 windows of
// 4 x 10 x 16 x 2 B and the 3x3 x 16 weights, 60 x (4 x 1280 + 288) =
// 324480 bytes; to DDR, 7 x 7 x 960 x 4 = 188160 (of 60 x 4 tiles of
// 2 x 8 x 16 x 4 B = 245760).
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=7,iw=7,ic=960,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=2,tw=8,toc=16,icb=16,acc=2,resident=0,l2icb=0,columns=4,rows=4,cores=share-weights,split=channels -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s
// RUN: aieconv-sim %t.mlir | FileCheck %s --check-prefix=TEXT

// CHECK: "bytes":{"l3_l2":324480,
// CHECK-SAME: "l2_l3":188160,
// CHECK: "over_budget":false,"whole_tiles":"input"

// TEXT: buffer_descriptors: memtile {{[0-9]+}} of 24
// TEXT-SAME: whole tiles, padding included, move from DDR

// MobileNetV2 dw_576_14 in bf16 on npu1, in core tiles of 3 rows x 8
// pixels x 16 channels: a 14 x 14 image takes 5 x 2 of them, the last row
// of tiles keeping 2 of its 3 rows, the last column 6 of its 8 pixels.
// Clipping the drains to what the layer keeps would give the memtiles more
// buffer descriptors than a pool holds, so the output goes to DDR in whole
// tiles, padding included: 15 rows x 16 pixels x 576 channels x 4 B =
// 552960 bytes (the layer keeps 14 x 14 x 576 x 4 = 451584), and the
// report says so.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=576,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=3,tw=8,toc=16,icb=16,acc=2,resident=0,l2icb=0,columns=4,rows=4,cores=share-weights,split=channels -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s
// RUN: aieconv run --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=576,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=3,tw=8,toc=16,icb=16,acc=2,resident=0,l2icb=0,columns=4,rows=4,cores=share-weights,split=channels | FileCheck %s --check-prefix=TEXT

// CHECK: "l2_l3":552960,
// CHECK: "over_budget":false,"whole_tiles":"output"

// TEXT: dma       whole tiles, padding included, for the output

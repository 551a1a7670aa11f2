// MobileNetV2 dw_960_7 in bf16 on npu1, in core tiles of 7 x 4 pixels x 16
// channels: the input is zero-padded to 9 x 10 (the 3x3 window's border,
// and whole tiles), then relaid out in blocks of 16 channels. The memtile
// takes from DDR only the input's data and pads its transfers to the
// cores itself: of a tile's 9 x 6 window, the 7 rows x 5 columns of data
// (first tile) or 7 x 4 (second), for 60 channel blocks, 2 B each, plus
// the 3x3 x 960 weights: 60 x 7 x 9 x 16 x 2 + 17280 = 138240 bytes. The
// cores get the whole windows, zeros included: 60 x 2 x 9 x 6 x 16 x 2 +
// 17280 = 224640.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=7,iw=7,ic=960,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=7,tw=4,toc=16,icb=16,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s

// CHECK: "bytes":{"l3_l2":138240,"l2_l1":224640,
// CHECK: "whole_tiles":"none"

// With 24 channels, the second block of 16 holds 8 of the layer's: the
// memtile still takes only the data rows and columns, of whole blocks (the
// rest of the last block comes with them): 2 blocks x 7 x (5 + 4) x 16 x 2
// + 3 x 3 x 32 x 2 = 4608 bytes; the cores get the whole windows, 7488.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=7,iw=7,ic=24,kh=3,kw=3,pad=1" --strategy im2col-l1 --tile th=7,tw=4,toc=16,icb=16,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows -o %t.odd.mlir
// RUN: aieconv-sim %t.odd.mlir --json | FileCheck %s --check-prefix=ODD

// ODD: "bytes":{"l3_l2":4608,"l2_l1":7488,
// ODD: "whole_tiles":"none"

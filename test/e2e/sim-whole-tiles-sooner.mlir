// MobileNetV2 dw_960_7 in i8 on npu1, in core tiles of 2 rows x 8 pixels x
// 16 channels, the 4 cores of a column sharing the input, the columns
// splitting the channels. Every tile's output keeps 7 of its 8 pixels and
// the last row of tiles 1 of its 2 rows: moving only the data, a memtile
// pool would need 25 buffer descriptors of 24. Either kind alone moving
// whole tiles fits (output: 22, input: 23); the output has less padding
// (57600 bytes against 66240) but this layer is bound by its i32 writes,
// so whole inputs run sooner (9298 cycles against 10052 when written), and
// the simulator takes them: the writes stay clipped to the layer's
// 7 x 7 x 960 x 4 = 188160 bytes.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=7,iw=7,ic=960,kh=3,kw=3,pad=1,type=i8" --strategy im2col-l1 --tile th=2,tw=8,toc=16,icb=16,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=channels -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s

// CHECK: "l2_l3":188160,
// CHECK: "memtile":23,{{.*}}"over_budget":false,"whole_tiles":"input"

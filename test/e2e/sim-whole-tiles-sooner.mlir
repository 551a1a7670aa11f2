// MobileNetV2 dw_576_14 in i8 on npu1, in core tiles of 2 rows x 4 pixels
// x 48 channels, the 4 cores of a column sharing the input, the columns
// splitting the rows. The last tile of every row keeps 2 of its 4 pixels:
// moving only the data, a memtile pool would need 30 buffer descriptors of
// 24. Either kind alone moving whole tiles fits (input: 22, output: 24);
// the output has less padding (64512 bytes against 87552), but this layer
// is bound by its i32 writes, so whole inputs run sooner (18922 cycles
// against 19010 when written), and the simulator takes them: the writes
// stay clipped to the layer's 14 x 14 x 576 x 4 = 451584 bytes.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=576,kh=3,kw=3,pad=1,type=i8" --strategy im2col-l1 --tile th=2,tw=4,toc=48,icb=48,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s

// CHECK: "cycles":18922,
// CHECK: "l2_l3":451584,
// CHECK: "memtile":22,{{.*}}"over_budget":false,"whole_tiles":"input"

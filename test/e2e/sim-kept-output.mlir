// MobileNetV2 dw_576_s2 in i8 on npu1: a 7 x 7 output in core tiles of
// 4 x 4 pixels, so the layer is rounded up to 8 x 8. The DMA writes to
// DDR only the pixels the layer keeps: every output byte once, the
// compulsory writes, not the 31% more of the padded tiles.
// RUN: aieconv compile --device npu1 --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=576,kh=3,kw=3,stride=2,pad=1,type=i8" --strategy im2col-l1 --tile th=4,tw=4,toc=16,icb=16,acc=1,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s

// CHECK: "compulsory_write_bytes":[[WRITES:112896]]
// CHECK-SAME: "l1_l2":[[WRITES]],"l2_l3":[[WRITES]]

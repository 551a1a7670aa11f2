// MobileNetV2 ex_96_576 in i8 on npu1, in core tiles of 1 row x 8 pixels:
// a 14-wide row takes two, the second keeping 6 of its 8 pixels. Clipping
// the drains to what the layer keeps would give the memtiles more buffer
// descriptors than a pool holds, so the output goes to DDR in whole tiles,
// padding included: 14 rows x 16 pixels x 576 channels x 4 B = 516096
// bytes (the layer keeps 14 x 14 x 576 x 4 = 451584), and the report says
// so.
// RUN: aieconv compile --device npu1 --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=96,oc=576,kh=1,kw=1,type=i8" --strategy im2col-l1 --tile th=1,tw=8,toc=72,icb=32,acc=2,resident=1,l2icb=32,columns=4,rows=4,cores=share-input,split=rows -o %t.mlir
// RUN: aieconv-sim %t.mlir --json | FileCheck %s
// RUN: aieconv run --device npu1 --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=96,oc=576,kh=1,kw=1,type=i8" --strategy im2col-l1 --tile th=1,tw=8,toc=72,icb=32,acc=2,resident=1,l2icb=32,columns=4,rows=4,cores=share-input,split=rows | FileCheck %s --check-prefix=TEXT

// CHECK: "l2_l3":516096,
// CHECK: "over_budget":false,"whole_tiles":"output"

// TEXT: dma       whole tiles, padding included, for the output

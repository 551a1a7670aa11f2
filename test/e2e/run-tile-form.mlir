// A schedule's `tile` entry handed back to --tile gives the same program.
// The search tiles this 1x1 conv over its 196 pixels as one row (PixelFlatten:
// 4-pixel tiles need no padding), and its tile says so (`form=one-row`);
// the same sizes on the 14 x 14 rows would pad every row to 16 pixels.
// A form the conv cannot take is refused with the forms' conditions.
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=256,oc=128,kh=1,kw=1" | FileCheck %s
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=4,toc=32,icb=256,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,last=2,form=one-row --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=256,oc=128,kh=1,kw=1" | FileCheck %s
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=4,toc=32,icb=256,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=256,oc=128,kh=1,kw=1" | FileCheck %s --check-prefix=ROWS
// RUN: not aieconv run --strategy im2col-l1 --tile th=1,tw=4,toc=32,icb=256,form=one-row --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=256,oc=128,kh=3,kw=3,pad=1" 2>&1 | FileCheck %s --check-prefix=REFUSED

// CHECK-DAG: "correct": true
// CHECK-DAG: "cycles": 8048,
// CHECK-DAG: "iw_padded": "196"
// CHECK-DAG: "tile": "th=1,tw=4,toc=32,icb=256,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,last=2,form=one-row"

// ROWS-DAG: "correct": true
// ROWS-DAG: "iw_padded": "16"
// ROWS-DAG: "tile": "th=1,tw=4,toc=32,icb=256,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows"

// REFUSED: this convolution cannot take form one-row (one-row: a 2-D NHWC 1x1 conv at unit stride without padding

// A window with padding folds too, when the tiles pad its rows: Inception-
// v3's 1x7 conv over 17 x 17 pixels pads each row to 20 as given; folded
// whole (7 x 128 = 896 channels, the pad's columns gathered as zeros), its
// 289 pixels go as one row of 4-pixel tiles, padded to 292 (npu1 i8:
// 18198 cycles as given, under its best tiling then).
// PADDED-DAG: "iw_padded": "292"
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,type=i8,n=1,ih=17,iw=17,ic=128,oc=128,kh=1,kw=7,ph=0,pw=3" | FileCheck %s --check-prefix=PADDED
// PADDED-DAG: "correct": true
// PADDED-DAG: "cycles": 16177,
// PADDED-DAG: "ic_padded": "896"
// PADDED-DAG: "tile": "{{.*}},form=folded-window-one-row"

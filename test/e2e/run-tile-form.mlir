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

// A patch embedding (a 4x4 window at stride 4 over 3 channels, ConvNeXt's
// stem on a small image whose last rows and column make no whole patch):
// the search folds the whole window into the channels, 4 x 4 x 3 = 48 of
// them, and tiles the 1x1 conv left (`form=folded-window`), which the host
// runs and checks; the conv as given (stride 4) could only be decomposed
// into one small call per tap. The schedule's tile handed back gives the
// same program; a 1x1 conv has no window to fold.
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,n=1,ih=34,iw=33,ic=3,oc=96,kh=4,kw=4,stride=4" | FileCheck %s
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=4,toc=24,icb=48,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,form=folded-window --conv "op=conv2d_nhwc_hwcf,n=1,ih=34,iw=33,ic=3,oc=96,kh=4,kw=4,stride=4" | FileCheck %s
// RUN: not aieconv run --strategy im2col-l1 --tile th=1,tw=4,toc=32,icb=256,form=folded-window --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=256,oc=128,kh=1,kw=1" 2>&1 | FileCheck %s --check-prefix=REFUSED

// CHECK-DAG: "correct": true
// CHECK-DAG: "cycles": 1720,
// CHECK-DAG: "ic_padded": "48"
// CHECK-DAG: "strategy": "im2col-l1"
// CHECK-DAG: "tile": "th=1,tw=4,toc=24,icb=48,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,form=folded-window"

// REFUSED: this convolution cannot take form folded-window

// On a 40 x 40 image the patches are 10 x 10, a width no multiple of the
// micro-tile's 4 pixels: the search also takes the folded conv's pixels
// as one row (`form=folded-window-one-row`), which pads no row of patches
// and times 1846 cycles (1852 folded only, under the same sizes). One
// output row has no rows to join.
// RUN: aieconv run --json --conv "op=conv2d_nhwc_hwcf,n=1,ih=40,iw=40,ic=3,oc=64,kh=4,kw=4,stride=4" | FileCheck %s --check-prefix=ROW
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=4,toc=16,icb=48,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,form=folded-window-one-row --conv "op=conv2d_nhwc_hwcf,n=1,ih=40,iw=40,ic=3,oc=64,kh=4,kw=4,stride=4" | FileCheck %s --check-prefix=ROW
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=4,toc=16,icb=48,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,form=folded-window --conv "op=conv2d_nhwc_hwcf,n=1,ih=40,iw=40,ic=3,oc=64,kh=4,kw=4,stride=4" | FileCheck %s --check-prefix=FOLDED
// RUN: not aieconv run --strategy im2col-l1 --tile th=1,tw=4,toc=16,icb=48,form=folded-window-one-row --conv "op=conv2d_nhwc_hwcf,n=1,ih=4,iw=40,ic=3,oc=64,kh=4,kw=4,stride=4" 2>&1 | FileCheck %s --check-prefix=ONE-ROW-REFUSED

// ROW-DAG: "correct": true
// ROW-DAG: "cycles": 1846,
// ROW-DAG: "tile": "th=1,tw=4,toc=16,icb=48,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,form=folded-window-one-row"
// FOLDED-DAG: "correct": true
// FOLDED-DAG: "cycles": 1852,
// ONE-ROW-REFUSED: this convolution cannot take form folded-window-one-row

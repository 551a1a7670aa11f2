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

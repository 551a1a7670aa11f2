// A cascade schedule hand-edited so that the chain's last call passes its
// sums on instead of storing them (its route's "left" term counts from 64,
// the loop's end, not 48, the last step): the host run fails, saying how
// many accumulator words were left on the cascade, rather than comparing
// an output that was never written.
// RUN: aieconv compile --strategy im2col-l1 --tile th=1,tw=28,toc=64,icb=128,acc=2,resident=1,cores=cascade --conv "op=conv2d_nhwc_hwcf,n=1,ih=28,iw=28,ic=512,oc=128,kh=1,kw=1" -o %t.mlir
// RUN: sed 's/arith.subi %c48, /arith.subi %c64, /' %t.mlir > %t.bad.mlir
// RUN: not aieconv run %t.bad.mlir --conv "op=conv2d_nhwc_hwcf,n=1,ih=28,iw=28,ic=512,oc=128,kh=1,kw=1" --until none 2>&1 | FileCheck %s

// CHECK: error: the compiled program left 6272 accumulator words on the cascade: a chain of calls ended without a call that stores the sums

// A cascade asked of a depthwise conv, which has no input-channel
// reduction, or of another strategy than im2col-l1: refused with the reason.
// RUN: not aieconv run --strategy im2col-l1 --tile th=2,tw=8,toc=16,icb=16,cores=cascade --conv "op=depthwise_nhwc_hwc,n=1,ih=14,iw=14,ic=64,kh=3,kw=3" 2>&1 | FileCheck %s --check-prefix=DEPTHWISE
// RUN: not aieconv run --strategy decompose --tile th=2,tw=8,toc=16,icb=64,cores=cascade --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=256,oc=64,kh=1,kw=1" 2>&1 | FileCheck %s --check-prefix=DECOMPOSE

// DEPTHWISE: does not fit this convolution: a depthwise conv has no input-channel reduction to chain over a cascade
// DECOMPOSE: does not fit this convolution: a cascade splits the reduction of im2col-l1 conv calls, not decompose

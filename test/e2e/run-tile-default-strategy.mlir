// A --tile without --strategy runs im2col-l1, the strategy whose tiles the
// search records; asking for auto with a fixed tile is refused with the
// reason.

// RUN: aieconv run --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=1,kw=1" --tile "th=1,tw=8,toc=16,icb=16" | FileCheck %s
// RUN: not aieconv run --conv "op=conv2d_nhwc_hwcf,ih=8,iw=8,ic=16,oc=16,kh=1,kw=1" --strategy auto --tile "th=1,tw=8,toc=16,icb=16" 2>&1 | FileCheck %s --check-prefix=AUTO

// CHECK: target    device npu1, strategy im2col-l1, pipeline through
// CHECK: tile      th=1,tw=8,toc=16,icb=16,
// CHECK: result    MATCH

// AUTO: a fixed tile needs strategy decompose or im2col-l1, not 'auto'

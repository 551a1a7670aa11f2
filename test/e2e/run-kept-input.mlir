// ResNet-50 res4a_b2a on npu2 with a column's one input tile in 16 chunks
// and 2 channel blocks: the memtile keeps every chunk for the second block,
// so the first block fetches input and weights and the second only
// weights. The model paces the two blocks apart; priced as one average
// over both it was 12% optimistic here.
// RUN: aieconv run --json --device npu2 --strategy im2col-l1 --tile "th=2,tw=14,toc=32,icb=32,acc=1,resident=0,l2icb=32,columns=8,rows=4,cores=share-input,split=rows" --conv "op=conv2d_nhwc_hwcf,n=1,ih=28,iw=28,ic=512,oc=256,kh=1,kw=1,stride=2" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-2][0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "l2.loop_order": "channels-outer-keep-input"
// CHECK-DAG: "l2.input_buffers": "16"

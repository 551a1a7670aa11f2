// MobileNetV2 ex_64_384 on npu2 in one round: 14x14 x 384 f32 outputs
// (294 KiB) against 24 KiB of input, so the layer is bound by its writes to
// DDR, and no write can start before a core has computed its tile and
// drained the first chunk of it. The cost model counts that: it stays
// within 10% of the simulation (it was 27% optimistic, taking the writes
// as overlapping the whole layer).
// RUN: aieconv run --json --device npu2 --strategy im2col-l1 --tile th=2,tw=14,toc=96,icb=64,acc=1,resident=1,l2icb=0,columns=8,rows=4,cores=share-input,split=rows --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=64,oc=384,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "grid.rounds": "1"

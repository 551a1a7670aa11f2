// MobileNetV2 pw_192_64 on npu1 with each core's whole weight block
// resident (one block per column): the block comes from DDR in the
// pipeline's fill, before the first call, and the shim then carries only
// the input. The cost model counts the block's fetch once: it stays within
// 10% of the simulation (it was 14% pessimistic, counting the fetch in the
// fill and again in the shim's steady state).
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=8,toc=16,icb=192,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=192,oc=64,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "l1.weights_resident": "true"

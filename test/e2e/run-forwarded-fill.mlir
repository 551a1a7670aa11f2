// MobileNetV2 pw_384_64 under a tiling of a few rounds, where the pipeline's
// fill is a good part of the layer: the transfers to the cores forward the
// memtile's first fills piece by piece, and the cost model, which credits
// that overlap, stays within 10% of the simulated cycles (it was 13%
// pessimistic adding the trip to L1 to the fetch).
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=8,toc=16,icb=192,acc=2,resident=1,l2icb=192,columns=4,rows=4,cores=share-input,split=rows --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=384,oc=64,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "l1.steps_per_tile": "2"

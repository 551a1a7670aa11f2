// ResNet-50 res4a_b2c's 196 pixels as one row on npu1, each core's weight
// block resident and coming piece by piece with its first tile's steps.
// The memtile deals its streams to the cores' channels in turn: the two
// input parts and the first weight slice's two parts fill its four
// channels, the next slices queue on them again, so a step of the first
// tiles waits for the busiest channel (input and two weight slices), not
// for the four channels' average. Priced that way, the cost model stays
// within 5% of the simulation (it was 8% optimistic).
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=100,toc=32,icb=32,acc=2,resident=1,l2icb=32,columns=4,rows=4,cores=share-input,split=channels --conv "op=conv2d_nhwc_hwcf,n=1,ih=1,iw=196,ic=256,oc=1024,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-4][0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "l1.weights_resident": "true"
// CHECK-DAG: "l2.chunks": "8"

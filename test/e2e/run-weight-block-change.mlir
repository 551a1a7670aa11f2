// res3a_b1 under a tiling whose cores keep their weights in L1 and change
// blocks three times: the cost model counts what fetching each next block
// from DDR takes beyond a round, and stays within 10% of the simulated
// cycles (it was 20% optimistic without that term).
// RUN: aieconv run --json --strategy im2col-l1 --tile th=2,tw=4,toc=32,icb=256,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows --conv "op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=256,oc=512,kh=1,kw=1,stride=2" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "l1.weight_buffers": "2"

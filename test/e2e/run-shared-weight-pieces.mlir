// MobileNetV2 pw_576_96 under a tiling whose columns split the rows and
// share each core row's weights, which come piece by piece with the first
// tile's steps: every memtile broadcasts one core row's pieces, not the
// pieces of all four, and the cost model stays within 10% of the simulated
// cycles (it was 26% pessimistic counting all four per memtile).
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=8,toc=24,icb=192,acc=2,resident=1,l2icb=192,columns=4,rows=4,cores=share-input,split=rows --conv "op=conv2d_nhwc_hwcf,n=1,ih=14,iw=14,ic=576,oc=96,kh=1,kw=1" | FileCheck %s

// CHECK-DAG: "analytic_error": {{-?0\.0[0-9]*,}}
// CHECK-DAG: "correct": true
// CHECK-DAG: "grid.column_split": "rows"
// CHECK-DAG: "l1.steps_per_tile": "3"

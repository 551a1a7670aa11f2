// ResNet-50 res4b_b2a's 196 pixels as one row on npu1, one round of 16
// steps per core: all output waits for the last step. Split in 4 parts
// (`last=4`), that step calls the 52x16x64 kernel (591 cycles) four times
// instead of the 52x64x64 one (2115) and each 3328-byte part drains right
// after its call (864 cycles at 4 B/cycle), so the first part leaves 1773
// cycles before compute ends and 1683 cycles of drain are left after it.
// The host runs the split program and it matches the reference; the
// simulator times it at 42876 cycles (45168 unsplit: run
// sim-weight-slices-dealt), the model at 42992. A split the output-channel
// micro-tiles do not allow is refused with its reason.
// With several rounds only the tiles of the last one split: a 20 x 20 conv
// in 9 tiles of 7 x 8 pixels, dealt 3, 2, 2 and 2 to the 4 columns, so
// that only column 0 has a third round; its 4 cores make the 8 calls of
// the half-width kernel, the 32 other tiles one whole call each, and the
// earlier rounds drain in 2 chunks the parts' size.
// RUN: aieconv run --json --strategy im2col-l1 --tile th=1,tw=52,toc=64,icb=64,acc=1,resident=0,l2icb=64,columns=4,rows=4,cores=share-input,split=rows,last=4 --conv "op=conv2d_nhwc_hwcf,n=1,ih=1,iw=196,ic=1024,oc=256,kh=1,kw=1" | FileCheck %s
// RUN: not aieconv run --strategy im2col-l1 --tile th=1,tw=52,toc=64,icb=64,acc=1,resident=0,l2icb=64,columns=4,rows=4,cores=share-input,split=rows,last=3 --conv "op=conv2d_nhwc_hwcf,n=1,ih=1,iw=196,ic=1024,oc=256,kh=1,kw=1" 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: aieconv run --json --strategy im2col-l1 --tile th=7,tw=8,toc=16,icb=64,acc=2,resident=1,l2icb=0,columns=4,rows=4,cores=share-input,split=rows,last=2 --conv "op=conv2d_nhwc_hwcf,n=1,ih=20,iw=20,ic=64,oc=64,kh=3,kw=3,pad=1" | FileCheck %s --check-prefix=ROUNDS

// CHECK-DAG: "correct": true
// CHECK-DAG: "cycles": 42876,
// CHECK-DAG: "analytic_cycles": 42992,
// CHECK-DAG: "l1.last_step_parts": "4"
// CHECK-DAG: "l2.output_chunks": "4"
// CHECK:      "ukernel_calls": 304,
// CHECK:      "ukernels": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "call_sites": 4,
// CHECK-NEXT:     "calls": 64,
// CHECK-NEXT:     "symbol": "conv2d_bf16_bf16_f32_1x52x16_1x1x64_s1x1_d1x1_4x8x4"
// CHECK:          "call_sites": 1,
// CHECK-NEXT:     "calls": 240,
// CHECK-NEXT:     "symbol": "conv2d_bf16_bf16_f32_1x52x64_1x1x64_s1x1_d1x1_4x8x4"

// REFUSED: last=3 splits only a conv-patch call on a core of its own whose toc is a multiple of last x t, in one reduction loop

// ROUNDS-DAG: "correct": true
// ROUNDS-DAG: "grid.rounds": "3"
// ROUNDS-DAG: "l2.output_chunks": "2"
// ROUNDS:      "ukernel_calls": 40,
// ROUNDS:          "calls": 8,
// ROUNDS-NEXT:     "symbol": "conv2d_bf16_bf16_f32_7x8x8_3x3x64_s1x1_d1x1_4x8x4_init"
// ROUNDS:          "calls": 32,
// ROUNDS-NEXT:     "symbol": "conv2d_bf16_bf16_f32_7x8x16_3x3x64_s1x1_d1x1_4x8x4_init"

// 1x1 layers on 14-wide images with 2 x 14 core tiles, whose calls take the
// two rows as one row of 28 pixels (a strided layer's gathered input too),
// compiled, run on the host and checked against the reference, both types.
// A mismatch would exit with 1 and fail the RUN line.

// RUN: aieconv run --json --strategy im2col-l1 --tile th=2,tw=14,toc=16,icb=32,acc=2,resident=1 --conv "op=conv2d_nhwc_hwcf,ih=14,iw=14,ic=64,oc=32,kh=1,kw=1" | FileCheck %s --check-prefix=BF16
// RUN: aieconv run --json --strategy im2col-l1 --tile th=2,tw=14,toc=16,icb=64,acc=1,resident=0 --conv "op=conv2d_nhwc_hwcf,type=i8,ih=28,iw=28,ic=64,oc=32,kh=1,kw=1,stride=2" | FileCheck %s --check-prefix=I8

// BF16-DAG: "correct": true
// BF16-DAG: "symbol": "conv2d_bf16_bf16_f32_1x28x16_1x1x32_s1x1_d1x1_4x8x4
// BF16-DAG: "ow_padded": "14"
// I8-DAG: "correct": true
// I8-DAG: "symbol": "conv2d_i8_i8_i32_1x28x16_1x1x64_s1x1_d1x1_4x8x8
// I8-DAG: "ow_padded": "14"

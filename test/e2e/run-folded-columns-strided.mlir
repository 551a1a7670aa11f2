// A 5x5 window at stride 3 over 32 channels (i8, npu1): no channel block
// is padding, yet the search folds the window's columns into the channels,
// 5 x 32 = 160 of them (`form=folded-columns`): the folded conv runs at
// unit stride along its rows, whose pixels the conv ukernel loads as whole
// vectors, not one by one, for 5/3 times the input along them. The host
// runs it and it matches; the simulator times it at 8054 cycles against
// 9565 for the whole window folded (the fastest form before, which reads
// the input 25/9 times over) and 11710 for the conv as given under the
// tiling bf16 takes. (Steps of 80 channels simulate 7800, but the model,
// which counts the pad's zeros in the gathered columns as data to move,
// prices them 8111 against 7999 for steps of 40.)
// RUN: aieconv run --json --device npu1 --conv "op=conv2d_nhwc_hwcf,type=i8,n=1,ih=48,iw=48,ic=32,oc=64,kh=5,kw=5,stride=3,pad=2" | FileCheck %s

// CHECK-DAG: "correct": true
// CHECK-DAG: "cycles": 8054,
// CHECK-DAG: "ic_padded": "160"
// CHECK-DAG: "call.symbol": "conv2d_i8_i8_i32_4x4x16_5x1x40_s3x1_d1x1_4x8x8"
// CHECK-DAG: "tile": "{{.*}},form=folded-columns"

// The gather is one concat of the window's 5 strided column slices, not a
// chain of inserts (whose bufferization analysis grows with the square
// of the taps: 0.85 s for a conv1d of 80).
// RUN: aieconv compile --device npu1 --conv "op=conv2d_nhwc_hwcf,type=i8,n=1,ih=48,iw=48,ic=32,oc=64,kh=5,kw=5,stride=3,pad=2" --until tile -o - | FileCheck %s --check-prefix=GATHER
// GATHER-NOT: tensor.insert_slice
// GATHER: tensor.extract_slice %expanded[0, 0, 4, 0, 0, 0] [1, 52, 16, 1, 1, 32] [1, 1, 3, 1, 1, 1]
// GATHER: tensor.concat dim(4) %extracted_slice, %extracted_slice_0, %extracted_slice_1, %extracted_slice_2, %extracted_slice_3 :
// GATHER-NOT: tensor.insert_slice

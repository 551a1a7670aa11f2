// The simulator refuses a program whose calls' accumulator routes do not
// match the schedule's cascade, naming the step and the route: a chain the
// schedule does not have, and a chain longer than the schedule's.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 tile={th=1,tw=28,toc=64,icb=128,acc=2,resident=1,cores=cascade}" -o %t.mlir
// RUN: sed 's/grid.core_split = "cascade"/grid.core_split = "share-input"/' %t.mlir | not aieconv-sim - 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: sed 's/grid.rows = "4"/grid.rows = "2"/' %t.mlir | not aieconv-sim - 2>&1 | FileCheck %s --check-prefix=SHORT

// NONE: error: @cascade: step 0 of a tile calls 'conv2d_bf16_bf16_f32_1x28x64_1x1x128_s1x1_d1x1_4x8x4' with accumulator route 4, a cascade the schedule does not have
// SHORT: error: @cascade: step 1 of a tile calls 'conv2d_bf16_bf16_f32_1x28x64_1x1x128_s1x1_d1x1_4x8x4' with accumulator route 7, not its place in the schedule's cascade of 2 cores
func.func @cascade(%in: tensor<1x28x28x512xbf16>, %w: tensor<1x1x512x128xbf16>) -> tensor<1x28x28x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x28x28x128xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x28x28x512xbf16>, tensor<1x1x512x128xbf16>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  return %0 : tensor<1x28x28x128xf32>
}

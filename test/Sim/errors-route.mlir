// The simulator refuses a conv call whose accumulator route is a value no
// conv ukernel takes (2: partial sums from the cascade without
// accumulating), naming the call and the value. The pipeline's only route
// here is the constant 0 of the call that starts the reduction.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1" -o %t.mlir
// RUN: aieconv-sim %t.mlir | FileCheck %s --check-prefix=VALID
// RUN: sed 's/%c0_i64 = arith.constant 0 : i64/%c0_i64 = arith.constant 2 : i64/' %t.mlir | not aieconv-sim - 2>&1 | FileCheck %s

// VALID: cycles:
// CHECK: error: @route: the call of 'conv2d_bf16_bf16_f32_{{[0-9x]+}}_1x1x16_s1x1_d1x1_4x8x4_init' has accumulator route 2, which no conv ukernel takes
func.func @route(%in: tensor<1x8x8x16xbf16>, %w: tensor<1x1x16x16xbf16>) -> tensor<1x8x8x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x8x8x16xbf16>, tensor<1x1x16x16xbf16>) outs(%f : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

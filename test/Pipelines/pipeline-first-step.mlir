// A reduction in several steps (4 input-channel blocks of 128): the first
// step's conv call starts the accumulator itself, told by its accumulate
// operand, min(step, 1), which is 0 only then; the zero-fill is gone, and the
// symbol stays the accumulating one the schedule priced.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 tile={th=1,tw=28,toc=32,icb=128,acc=2,resident=1,l2icb=128}" | FileCheck %s

// CHECK-LABEL: func.func @first_step(
//   CHECK-NOT:   call @zero_
//       CHECK:   scf.for %[[K:[a-z0-9_]+]] = %c0 to %c64 step %c16
//       CHECK:     %[[STEP:.+]] = arith.minsi %[[K]], %c1 : index
//       CHECK:     %[[ACCUMULATE:.+]] = arith.index_cast %[[STEP]] : index to i64
//       CHECK:     func.call @[[CALL:conv2d_bf16_bf16_f32_1x28x32_1x1x128_s1x1_d1x1_4x8x4]]({{.+}}, %[[ACCUMULATE]])
//       CHECK:   aieconv.schedule = {{{.*}}call.symbol = "[[CALL]]"
func.func @first_step(%in: tensor<1x28x28x512xbf16>, %w: tensor<1x1x512x128xbf16>) -> tensor<1x28x28x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x28x28x128xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x28x28x512xbf16>, tensor<1x1x512x128xbf16>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  return %0 : tensor<1x28x28x128xf32>
}

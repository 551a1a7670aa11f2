// A conv that adds onto a given output (its init is an argument, not a
// zero fill): even with the whole reduction in one call, the conv ukernel
// must read the accumulator (accumulate = 1, no `_init`), the schedule
// prices that call, and no zero-fill appears.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 tile={th=7,tw=8,toc=16,icb=64,acc=2,resident=1}" | FileCheck %s

// CHECK-LABEL: func.func @accumulate_onto(
//   CHECK-NOT:   call @zero_
//       CHECK:   %[[ONE:.+]] = arith.constant 1 : i64
//       CHECK:   func.call @[[CALL:conv2d_bf16_bf16_f32_7x8x16_3x3x64_s1x1_d1x1_4x8x4]](%{{.+}}, %{{.+}}, %{{.+}}, %[[ONE]], %[[ONE]], %[[ONE]], %[[ONE]], %[[ONE]])
//       CHECK:   aieconv.schedule = {{{.*}}call.symbol = "[[CALL]]"
func.func @accumulate_onto(%in: tensor<1x58x58x64xbf16>, %w: tensor<3x3x64x64xbf16>, %acc: tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x58x58x64xbf16>, tensor<3x3x64x64xbf16>) outs(%acc : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %0 : tensor<1x56x56x64xf32>
}

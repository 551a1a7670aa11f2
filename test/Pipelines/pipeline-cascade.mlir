// A cascade schedule: the column's 4 cores split the reduction over 512
// input channels, one block of 128 each, chained by the cascade stream. The
// reduction loop has one step per core; each step's conv call learns its
// place in the chain from its accumulator route (ConvVariants.h):
// 3 min(k, 1) + 4 min(last - k, 1), i.e. 4 (start, pass on), 7 (add onto
// the cascade, pass on) and 3 (add onto the cascade, store) for the last.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 tile={th=1,tw=28,toc=64,icb=128,acc=2,resident=1,cores=cascade}" | FileCheck %s

// CHECK-LABEL: func.func @cascade(
//   CHECK-NOT:   call @zero_
//       CHECK:   scf.for %[[K:[a-z0-9_]+]] = %c0 to %c64 step %c16
//       CHECK:     %[[LEFT:.+]] = arith.subi %c48, %[[K]] : index
//       CHECK:     %[[NOTLAST:.+]] = arith.minsi %[[LEFT]], %c1 : index
//       CHECK:     %[[OUT:.+]] = arith.muli %[[NOTLAST]], %c4 : index
//       CHECK:     %[[NOTFIRST:.+]] = arith.minsi %[[K]], %c1 : index
//       CHECK:     %[[IN:.+]] = arith.muli %[[NOTFIRST]], %c3 : index
//       CHECK:     %[[SUM:.+]] = arith.addi %[[IN]], %[[OUT]] : index
//       CHECK:     %[[ROUTE:.+]] = arith.index_cast %[[SUM]] : index to i64
//       CHECK:     func.call @conv2d_bf16_bf16_f32_1x28x64_1x1x128_s1x1_d1x1_4x8x4({{.+}}, %[[ROUTE]])
//       CHECK:   grid.core_split = "cascade"
//  CHECK-SAME:   grid.rows = "4"
func.func @cascade(%in: tensor<1x28x28x512xbf16>, %w: tensor<1x1x512x128xbf16>) -> tensor<1x28x28x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x28x28x128xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x28x28x512xbf16>, tensor<1x1x512x128xbf16>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  return %0 : tensor<1x28x28x128xf32>
}

// A 1x1 conv on a 14-wide image: a 2 x 14 core tile has rows that are no
// whole number of 4-pixel micro-tiles, but its 28 pixels are, and a 1x1
// window reads no halo. The call takes the dense input and output tiles as
// one row of 28 pixels (the same bytes, viewed [C/b][1][28][b]), so nothing
// is padded to 16 columns.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 tile={th=2,tw=14,toc=16,icb=64,acc=2,resident=1}" | FileCheck %s

// CHECK-LABEL: func.func @pw(
//       CHECK:   scf.forall {{.+}} step (1, 4, 2, 14)
//       CHECK:     %[[IN:.+]] = memref.alloc() {{.+}} : memref<1x8x2x14x8xbf16, 2>
//       CHECK:     %[[OUT:.+]] = memref.alloc() {{.+}} : memref<1x4x2x14x4xf32, 2>
//       CHECK:     %[[IN_FLAT:.+]] = memref.collapse_shape %[[IN]]
//       CHECK:     %[[IN_ROW:.+]] = memref.expand_shape %[[IN_FLAT]] {{.+}} output_shape [8, 1, 28, 8]
//       CHECK:     %[[OUT_FLAT:.+]] = memref.collapse_shape %[[OUT]]
//       CHECK:     %[[OUT_ROW:.+]] = memref.expand_shape %[[OUT_FLAT]] {{.+}} output_shape [4, 1, 28, 4]
//       CHECK:     func.call @conv2d_bf16_bf16_f32_1x28x16_1x1x64_s1x1_d1x1_4x8x4_init(%[[IN_ROW]], %{{.+}}, %[[OUT_ROW]],
func.func @pw(%in: tensor<1x14x14x64xbf16>, %w: tensor<1x1x64x32xbf16>) -> tensor<1x14x14x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x14x14x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x14x14x32xf32>) -> tensor<1x14x14x32xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%in, %w : tensor<1x14x14x64xbf16>, tensor<1x1x64x32xbf16>) outs(%f : tensor<1x14x14x32xf32>) -> tensor<1x14x14x32xf32>
  return %0 : tensor<1x14x14x32xf32>
}

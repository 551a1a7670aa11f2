// A 1x1 conv whose whole reduction is one step: no reduction loop is left,
// the matmul's accumulator is a reshaped view of the core tile, and it must
// still start in an L1 buffer (memory space 2) and leave it once. The
// resident weight block of that single step comes on both core channels,
// in two slabs.
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose tile={th=1,tw=56,toc=16,icb=64,acc=2,resident=1}" | FileCheck %s

// CHECK-LABEL: func.func @res2a_b2a(
//       CHECK:   scf.forall
//   CHECK-NOT:     scf.for
//       CHECK:     %[[ACC:.+]] = memref.alloc() {{.+}} : memref<1x1x{{[0-9]+}}x{{[0-9]+}}xf32, 2>
//       CHECK:     %[[ACC2D:.+]] = memref.collapse_shape %[[ACC]]
//       CHECK:     %[[ROWS:.+]] = memref.expand_shape
//       CHECK:     func.call @zero_f32_{{[0-9x_]+}}(%[[ROWS]])
//       CHECK:     %[[W:.+]] = memref.alloc() {{.+}} : memref<64x16xbf16, 2>
//       CHECK:     %[[W0:.+]] = memref.subview %[[W]][0, 0] [32, 16]
//       CHECK:     linalg.copy ins({{.+}}) outs(%[[W0]] :
//       CHECK:     %[[W1:.+]] = memref.subview %[[W]][32, 0] [32, 16]
//       CHECK:     linalg.copy ins({{.+}}) outs(%[[W1]] :
//       CHECK:     %[[C:.+]] = memref.cast %[[ACC2D]]
//       CHECK:     func.call @matmul_bf16_bf16_f32_{{[0-9x]+}}x64_4x8x4(%{{.+}}, %{{.+}}, %[[C]]) : ({{.+}}, 2>, {{.+}}, 2>, {{.+}}, 2>) -> ()
//       CHECK:     memref.copy %[[ACC]], %{{.+}} : memref<1x1x{{[0-9x]+}}xf32, 2> to memref<{{.+}}xf32, strided<
func.func @res2a_b2a(%in: tensor<1x56x56x64xbf16>, %w: tensor<1x1x64x64xbf16>) -> tensor<1x56x56x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x56x56x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x56x56x64xbf16>, tensor<1x1x64x64xbf16>) outs(%f : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %0 : tensor<1x56x56x64xf32>
}

// The whole pipeline on ResNet-50 res2a_b2b (3x3, 64 -> 64 channels, input
// already padded): the final IR is bufferized, holds memrefs in memory
// spaces 1 (L2) and 2 (L1), copies between the levels, only registry-checked
// ukernel calls, and no convolution. The call the IR makes is the one the
// tile search priced (`call.symbol` of the schedule).
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=seed" | FileCheck %s --check-prefixes=CHECK,MATMUL,SEED
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose" | FileCheck %s --check-prefixes=CHECK,MATMUL,DECOMPOSE
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose device=npu2" | FileCheck %s --check-prefixes=CHECK,MATMUL,NPU2
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 tile={th=7,tw=8,toc=16,icb=64,acc=2,resident=1}" | FileCheck %s --check-prefixes=CHECK,CONV

// SEED-DAG: func.func private @[[CALL:matmul_bf16_bf16_f32_4x4x8_4x8x4]](memref<4x8xbf16, strided<[?, 1], offset: ?>, 2>, memref<8x4xbf16, strided<[?, 1], offset: ?>, 2>, memref<4x4xf32, strided<[?, 1], offset: ?>, 2>)
// DECOMPOSE-DAG: func.func private @[[CALL:matmul_bf16_bf16_f32_[0-9x]+_4x8x4]](
// NPU2-DAG: func.func private @[[CALL:matmul_bf16_bf16_f32_[0-9x]+_4x8x8]](
// The conv ukernel reduces the whole tile in one call, so that call starts
// the accumulator at zero itself (`_init`, accumulate = 0): no zero-fill.
// CONV-DAG: func.func private @[[CALL:conv2d_bf16_bf16_f32_7x8x16_3x3x64_s1x1_d1x1_4x8x4_init]](memref<{{.+}}, 2>, memref<{{.+}}, 2>, memref<{{.+}}, 2>, i64, i64, i64, i64, i64)
// MATMUL-DAG: func.func private @[[ZERO:zero_f32_[0-9x_]+]](memref<{{[0-9]+}}x{{[0-9]+}}xf32, 2>)
// CONV-NOT: func.func private @zero_

// CHECK-LABEL: func.func @res2a_b2b(
//  CHECK-SAME:   %{{.+}}: memref<1x58x58x64xbf16>, %{{.+}}: memref<3x3x64x64xbf16>) -> memref<1x56x56x64xf32>
// The conv ukernel's channel-blocked operands are made once, at the layer.
//       CONV:   linalg.transpose {{.+}} permutation = [0, 3, 1, 2, 4]
//       CHECK:   scf.forall
//       CHECK:     memref.alloc() {{.+}} : memref<{{.+}}xbf16, 1>
//       CHECK:     linalg.copy ins(%{{.+}} : memref<{{.+}}xbf16, strided<{{.+}}>>) outs(%{{.+}} : memref<{{.+}}xbf16, 1>)
//       CHECK:     %[[ACC:.+]] = memref.alloc() {{.+}} : memref<1x{{[0-9x]+}}xf32, 2>
//      MATMUL:     func.call @[[ZERO]](
//    CONV-NOT:     func.call @zero_
// Decompose and seed step over the taps; the conv ukernel takes them all,
// and with every input channel in one block (icb = 64) there is no loop.
//      MATMUL:     scf.for
//      MATMUL:       scf.for
//   CONV-NOT:     scf.for
//       CHECK:         linalg.copy ins(%{{.+}} : memref<{{.+}}, 1>) outs(%{{.+}} : memref<{{.+}}xbf16{{.*}}, 2>)
//       CHECK:         func.call @[[CALL]](
//       CHECK:     memref.copy %[[ACC]], %{{.+}} : memref<{{.+}}xf32, 2> to memref<{{.+}}xf32, strided<
//       CHECK:   } {aieconv.schedule = {{{.*}}call.symbol = "[[CALL]]"
//   CHECK-NOT:   linalg.conv
//   CHECK-NOT:   linalg.matmul
//   CHECK-NOT:   linalg.generic
//   CHECK-NOT:   linalg.fill
func.func @res2a_b2b(%in: tensor<1x58x58x64xbf16>, %w: tensor<3x3x64x64xbf16>) -> tensor<1x56x56x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x56x56x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x58x58x64xbf16>, tensor<3x3x64x64xbf16>) outs(%f : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %0 : tensor<1x56x56x64xf32>
}

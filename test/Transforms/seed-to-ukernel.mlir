// The seed's whole story: the conv_1d left in the innermost loop becomes a
// matmul, the matmul a checked ukernel call; on tensors the call is named in
// library_call, bufferization keeps the accumulator in place, and a second
// run on buffers emits the call.
// RUN: aieconv-opt %s --aieconv-conv-to-matmul --aieconv-lower-to-ukernels | FileCheck %s --check-prefix=TENSOR
// RUN: aieconv-opt %s --aieconv-conv-to-matmul --aieconv-lower-to-ukernels \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --aieconv-lower-to-ukernels | FileCheck %s --check-prefix=BUFFER

// TENSOR-LABEL: func.func @seed_inner_op(
//       TENSOR:   linalg.generic
//  TENSOR-SAME:     library_call = "matmul_bf16_bf16_f32_4x4x8_4x8x4"
//  TENSOR-SAME:     ins(%{{.+}}, %{{.+}} : tensor<4x8xbf16>, tensor<8x4xbf16>) outs(%{{.+}} : tensor<4x4xf32>)
//   TENSOR-NOT:   linalg.conv

// BUFFER: func.func private @matmul_bf16_bf16_f32_4x4x8_4x8x4(memref<4x8xbf16, strided<[?, 1], offset: ?>>, memref<8x4xbf16, strided<[?, 1], offset: ?>>, memref<4x4xf32, strided<[?, 1], offset: ?>>)
// BUFFER-LABEL: func.func @seed_inner_op(
//   BUFFER-NOT:   memref.alloc
//   BUFFER-NOT:   memref.copy
//       BUFFER:   call @matmul_bf16_bf16_f32_4x4x8_4x8x4(
//   BUFFER-NOT:   linalg.generic
func.func @seed_inner_op(%in: tensor<1x4x8xbf16>, %w: tensor<1x8x4xbf16>, %acc: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<1x4x8xbf16>, tensor<1x8x4xbf16>) outs(%acc : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// RUN: aieconv-opt %s --split-input-file --aieconv-lower-to-ukernels -verify-diagnostics | FileCheck %s

// The seed's operands on buffers: a 4x8x4 call, declared once with a
// layout that accepts any leading dimension.
// CHECK-LABEL: func.func private @matmul_bf16_bf16_f32_4x4x8_4x8x4(
//  CHECK-SAME:   memref<4x8xbf16, strided<[?, 1], offset: ?>>, memref<8x4xbf16, strided<[?, 1], offset: ?>>, memref<4x4xf32, strided<[?, 1], offset: ?>>)
// CHECK-LABEL: func.func @bf16_on_buffers(
//  CHECK-SAME:   %[[A:.+]]: memref<4x8xbf16>, %[[B:.+]]: memref<8x4xbf16>, %[[C:.+]]: memref<4x4xf32>
//       CHECK:   %[[CA:.+]] = memref.cast %[[A]] : memref<4x8xbf16> to memref<4x8xbf16, strided<[?, 1], offset: ?>>
//       CHECK:   %[[CB:.+]] = memref.cast %[[B]]
//       CHECK:   %[[CC:.+]] = memref.cast %[[C]]
//       CHECK:   call @matmul_bf16_bf16_f32_4x4x8_4x8x4(%[[CA]], %[[CB]], %[[CC]])
//   CHECK-NOT:   linalg.matmul
func.func @bf16_on_buffers(%a: memref<4x8xbf16>, %b: memref<8x4xbf16>, %c: memref<4x4xf32>) {
  linalg.matmul ins(%a, %b : memref<4x8xbf16>, memref<8x4xbf16>) outs(%c : memref<4x4xf32>)
  return
}

// -----

// Two calls of one shape share one declaration; a sub-view with a leading
// dimension larger than its rows is a legal operand.
// CHECK-LABEL: func.func private @matmul_bf16_bf16_f32_64x64x64_4x8x4(
//   CHECK-NOT: func.func private
// CHECK-LABEL: func.func @two_calls_with_leading_dimension(
//       CHECK:   %[[SUB:.+]] = memref.subview
//       CHECK:   %[[CA:.+]] = memref.cast %[[SUB]] : memref<64x64xbf16, strided<[128, 1], offset: 64>> to memref<64x64xbf16, strided<[?, 1], offset: ?>>
//       CHECK:   call @matmul_bf16_bf16_f32_64x64x64_4x8x4(%[[CA]],
//       CHECK:   call @matmul_bf16_bf16_f32_64x64x64_4x8x4(
func.func @two_calls_with_leading_dimension(%big: memref<64x128xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  %a = memref.subview %big[0, 64] [64, 64] [1, 1] : memref<64x128xbf16> to memref<64x64xbf16, strided<[128, 1], offset: 64>>
  linalg.matmul ins(%a, %b : memref<64x64xbf16, strided<[128, 1], offset: 64>>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%b, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}

// -----

// i8 x i8 -> i32 on npu1: micro-tile 4x8x8.
// CHECK-LABEL: func.func @i8_on_buffers(
//       CHECK:   call @matmul_i8_i8_i32_8x16x32_4x8x8(
func.func @i8_on_buffers(%a: memref<8x32xi8>, %b: memref<32x16xi8>, %c: memref<8x16xi32>) {
  linalg.matmul ins(%a, %b : memref<8x32xi8>, memref<32x16xi8>) outs(%c : memref<8x16xi32>)
  return
}

// -----

// bf16 output: f32 accumulation inside the ukernel, rounded on store.
// CHECK-LABEL: func.func @bf16_output(
//       CHECK:   call @matmul_bf16_bf16_bf16_16x16x32_4x8x4(
func.func @bf16_output(%a: memref<16x32xbf16, 2>, %b: memref<32x16xbf16, 2>, %c: memref<16x16xbf16, 2>) {
  linalg.matmul ins(%a, %b : memref<16x32xbf16, 2>, memref<32x16xbf16, 2>) outs(%c : memref<16x16xbf16, 2>)
  return
}

// -----

// A canonical matmul generic (what aieconv-conv-to-matmul makes of an
// unsigned body would not qualify; this one is signed).
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @generic_on_buffers(
//       CHECK:   call @matmul_i8_i8_i32_4x8x8_4x8x8(
//   CHECK-NOT:   linalg.generic
func.func @generic_on_buffers(%a: memref<4x8xi8>, %b: memref<8x8xi8>, %c: memref<4x8xi32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<4x8xi8>, memref<8x8xi8>) outs(%c : memref<4x8xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %0 = arith.extsi %x : i8 to i32
    %1 = arith.extsi %y : i8 to i32
    %2 = arith.muli %0, %1 : i32
    %3 = arith.addi %acc, %2 : i32
    linalg.yield %3 : i32
  }
  return
}

// -----

// On tensors the op keeps destination-passing style and names its ukernel.
// CHECK-LABEL: func.func @on_tensors(
//       CHECK:   %[[R:.+]] = linalg.generic
//  CHECK-SAME:     library_call = "matmul_bf16_bf16_f32_8x8x16_4x8x4"
//  CHECK-SAME:     ins(%{{.+}}, %{{.+}} : tensor<8x16xbf16>, tensor<16x8xbf16>) outs(%{{.+}} : tensor<8x8xf32>)
//       CHECK:     arith.extf
//       CHECK:   return %[[R]]
//   CHECK-NOT: func.func private
func.func @on_tensors(%a: tensor<8x16xbf16>, %b: tensor<16x8xbf16>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x16xbf16>, tensor<16x8xbf16>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

// No variant fits: the op stays, with a remark naming the nearest shape.
// CHECK-LABEL: func.func @odd_shape_stays(
//       CHECK:   linalg.matmul
//   CHECK-NOT:   call
func.func @odd_shape_stays(%a: memref<6x8xbf16>, %b: memref<8x4xbf16>, %c: memref<6x4xf32>) {
  // expected-remark @below {{left for the default path: matmul 6x4x8 (bf16 x bf16 -> f32): M=6 is not a multiple of 4; nearest legal shape is 8x4x8 (matmul_bf16_bf16_f32_8x4x8_4x8x4)}}
  linalg.matmul ins(%a, %b : memref<6x8xbf16>, memref<8x4xbf16>) outs(%c : memref<6x4xf32>)
  return
}

// -----

// Zeroing an L1 accumulator is the zero-fill ukernel's job; the dense
// buffer is viewed as r = 4 long rows (one pipelined store loop each).
// Fills elsewhere, or of other values, stay.
// CHECK-LABEL: func.func @zero_fills(
//       CHECK:   %[[FLAT:.+]] = memref.collapse_shape %{{.+}} {{\[}}[0, 1, 2, 3]] : memref<1x4x8x16xf32, 2> into memref<512xf32, 2>
//       CHECK:   %[[ROWS:.+]] = memref.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [4, 128] : memref<512xf32, 2> into memref<4x128xf32, 2>
//       CHECK:   call @zero_f32_4x128_4x4(%[[ROWS]]) : (memref<4x128xf32, 2>) -> ()
//       CHECK:   linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : memref<8x8xf32>)
//       CHECK:   linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : memref<8x8xf32, 2>)
//       CHECK:   call @zero_i32_4x16_4x8(
func.func @zero_fills(%acc: memref<1x4x8x16xf32, 2>, %l3: memref<8x8xf32>, %ones: memref<8x8xf32, 2>, %iacc: memref<8x8xi32, 2>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %izero = arith.constant 0 : i32
  linalg.fill ins(%zero : f32) outs(%acc : memref<1x4x8x16xf32, 2>)
  linalg.fill ins(%zero : f32) outs(%l3 : memref<8x8xf32>)
  linalg.fill ins(%one : f32) outs(%ones : memref<8x8xf32, 2>)
  linalg.fill ins(%izero : i32) outs(%iacc : memref<8x8xi32, 2>)
  return
}

// RUN: aieconv-opt %s --split-input-file --aieconv-lower-to-ukernels="device=npu2" -verify-diagnostics | FileCheck %s

// npu2's bf16 micro-tile is 4x8x8: N must be a multiple of 8, so the
// seed's 4x8x4 shape has no variant there.
// CHECK-LABEL: func.func @seed_shape_on_npu2(
//       CHECK:   linalg.matmul
//   CHECK-NOT:   call
func.func @seed_shape_on_npu2(%a: memref<4x8xbf16>, %b: memref<8x4xbf16>, %c: memref<4x4xf32>) {
  // expected-remark @below {{left for the default path: matmul 4x4x8 (bf16 x bf16 -> f32): N=4 is not a multiple of 8; nearest legal shape is 4x8x8 (matmul_bf16_bf16_f32_4x8x8_4x8x8)}}
  linalg.matmul ins(%a, %b : memref<4x8xbf16>, memref<8x4xbf16>) outs(%c : memref<4x4xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @npu2_variants(
//       CHECK:   call @matmul_bf16_bf16_f32_64x64x64_4x8x8(
//       CHECK:   call @matmul_i8_i8_i32_8x16x32_8x8x8(
func.func @npu2_variants(%a: memref<64x64xbf16>, %c: memref<64x64xf32>,
                         %x: memref<8x32xi8>, %y: memref<32x16xi8>, %z: memref<8x16xi32>) {
  linalg.matmul ins(%a, %a : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%x, %y : memref<8x32xi8>, memref<32x16xi8>) outs(%z : memref<8x16xi32>)
  return
}

// -----

// i8 M must be a multiple of 8 on npu2.
func.func @i8_rows_on_npu2(%x: memref<4x32xi8>, %y: memref<32x16xi8>, %z: memref<4x16xi32>) {
  // expected-remark @below {{M=4 is not a multiple of 8; nearest legal shape is 8x16x32 (matmul_i8_i8_i32_8x16x32_8x8x8)}}
  linalg.matmul ins(%x, %y : memref<4x32xi8>, memref<32x16xi8>) outs(%z : memref<4x16xi32>)
  return
}

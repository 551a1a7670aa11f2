// RUN: aieconv-opt %s --split-input-file --aieconv-lower-to-ukernels="strict=true" -verify-diagnostics

func.func @odd_shape(%a: memref<6x8xbf16>, %b: memref<8x4xbf16>, %c: memref<6x4xf32>) {
  // expected-error @below {{no ukernel fits matmul 6x4x8 (bf16 x bf16 -> f32): M=6 is not a multiple of 4; nearest legal shape is 8x4x8 (matmul_bf16_bf16_f32_8x4x8_4x8x4)}}
  linalg.matmul ins(%a, %b : memref<6x8xbf16>, memref<8x4xbf16>) outs(%c : memref<6x4xf32>)
  return
}

// -----

func.func @every_size_odd(%a: memref<5x9xi8>, %b: memref<9x7xi8>, %c: memref<5x7xi32>) {
  // expected-error @below {{M=5 is not a multiple of 4, N=7 is not a multiple of 8, K=9 is not a multiple of 8; nearest legal shape is 8x8x16 (matmul_i8_i8_i32_8x8x16_4x8x8)}}
  linalg.matmul ins(%a, %b : memref<5x9xi8>, memref<9x7xi8>) outs(%c : memref<5x7xi32>)
  return
}

// -----

func.func @f32_inputs(%a: memref<4x8xf32>, %b: memref<8x4xf32>, %c: memref<4x4xf32>) {
  // expected-error @below {{no ukernel fits matmul 4x4x8 (f32 x f32 -> f32): no ukernel variant for these element types on npu1}}
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @f16_inputs(%a: tensor<4x8xf16>, %b: tensor<8x4xf16>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @below {{matmul 4x4x8 (f16 x f16 -> f32): no ukernel variant for these element types on npu1}}
  %0 = linalg.matmul ins(%a, %b : tensor<4x8xf16>, tensor<8x4xf16>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @dynamic_shape(%a: memref<?x8xbf16>, %b: memref<8x4xbf16>, %c: memref<?x4xf32>) {
  // expected-error @below {{no ukernel fits dynamic shapes: a ukernel is built for one static shape}}
  linalg.matmul ins(%a, %b : memref<?x8xbf16>, memref<8x4xbf16>) outs(%c : memref<?x4xf32>)
  return
}

// -----

func.func @too_big_for_core_memory(%a: memref<128x64xbf16>, %b: memref<64x128xbf16>, %c: memref<128x128xf32>) {
  // expected-error @below {{operands take 98304 bytes, more than the 65536 bytes of a core's data memory; no legal shape near it fits in a core's data memory}}
  linalg.matmul ins(%a, %b : memref<128x64xbf16>, memref<64x128xbf16>) outs(%c : memref<128x128xf32>)
  return
}

// -----

func.func @unsigned_widening(%a: memref<4x8xi8>, %b: memref<8x8xi8>, %c: memref<4x8xi32>) {
  // expected-error @below {{unsigned extension: the integer ukernels multiply signed values}}
  linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %b : memref<4x8xi8>, memref<8x8xi8>) outs(%c : memref<4x8xi32>)
  return
}

// -----

func.func @column_major_operand(%a: memref<4x8xbf16, strided<[1, 4]>>, %b: memref<8x4xbf16>, %c: memref<4x4xf32>) {
  // expected-error @below {{operand layout is not row-major with unit inner stride}}
  linalg.matmul ins(%a, %b : memref<4x8xbf16, strided<[1, 4]>>, memref<8x4xbf16>) outs(%c : memref<4x4xf32>)
  return
}

// -----

// A tag that no longer matches the op's shape never becomes a call.
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @stale_library_call(%a: memref<8x8xbf16>, %b: memref<8x4xbf16>, %c: memref<8x4xf32>) {
  // expected-error @below {{library_call 'matmul_bf16_bf16_f32_4x4x8_4x8x4' does not fit this op: its shape gives 'matmul_bf16_bf16_f32_8x4x8_4x8x4'}}
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"],
                  library_call = "matmul_bf16_bf16_f32_4x4x8_4x8x4"}
      ins(%a, %b : memref<8x8xbf16>, memref<8x4xbf16>) outs(%c : memref<8x4xf32>) {
  ^bb0(%x: bf16, %y: bf16, %acc: f32):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.extf %y : bf16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %acc, %2 : f32
    linalg.yield %3 : f32
  }
  return
}

// -----

// A body that is not a multiply-accumulate is not a matmul for a ukernel.
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @not_multiply_accumulate(%a: memref<4x8xf32>, %b: memref<8x4xf32>, %c: memref<4x4xf32>) {
  // expected-error @below {{no ukernel fits matmul 4x4x8 (f32 x f32 -> f32): body does not add a product to the accumulator}}
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<4x8xf32>, memref<8x4xf32>) outs(%c : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %0 = arith.maximumf %x, %y : f32
    %1 = arith.addf %acc, %0 : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

func.func @zero_fill_odd_columns(%acc: memref<4x6xf32, 2>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{no ukernel fits zero fill 4x6 (f32): N=6 is not a multiple of 4}}
  linalg.fill ins(%zero : f32) outs(%acc : memref<4x6xf32, 2>)
  return
}

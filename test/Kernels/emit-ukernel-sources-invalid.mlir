// RUN: aieconv-opt %s --split-input-file --aieconv-emit-ukernel-sources -verify-diagnostics

// A shape the matmul ukernel refuses (M=6 with a 4-row micro-tile).
// expected-error @below {{'matmul_bf16_bf16_f32_6x4x8_4x8x4' is not defined by the ukernel library}}
func.func private @matmul_bf16_bf16_f32_6x4x8_4x8x4(memref<6x8xbf16>, memref<8x4xbf16>, memref<6x4xf32>)

// -----

// A micro-tile no variant uses.
// expected-error @below {{'matmul_bf16_bf16_f32_8x8x8_8x8x8' is not defined by the ukernel library}}
func.func private @matmul_bf16_bf16_f32_8x8x8_8x8x8(memref<8x8xbf16>, memref<8x8xbf16>, memref<8x8xf32>)

// -----

// expected-error @below {{'printf' is not defined by the ukernel library}}
func.func private @printf(i64)

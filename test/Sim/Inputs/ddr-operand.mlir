// A hand-made scheduled forall whose call writes a DDR accumulator.
func.func private @matmul_bf16_bf16_f32_16x16x32_4x8x4(memref<16x32xbf16, 2>, memref<32x16xbf16, 2>, memref<16x16xf32>)
func.func @ddr(%in: memref<64x32xbf16>, %w: memref<32x16xbf16>) -> memref<64x16xf32> {
  %out = memref.alloc() : memref<64x16xf32>
  scf.forall (%i) = (0) to (64) step (16) {
    %a = memref.alloc() : memref<16x32xbf16, 2>
    %sa = memref.subview %in[%i, 0] [16, 32] [1, 1] : memref<64x32xbf16> to memref<16x32xbf16, strided<[32, 1], offset: ?>>
    memref.copy %sa, %a : memref<16x32xbf16, strided<[32, 1], offset: ?>> to memref<16x32xbf16, 2>
    %b = memref.alloc() : memref<32x16xbf16, 2>
    memref.copy %w, %b : memref<32x16xbf16> to memref<32x16xbf16, 2>
    %c = memref.alloc() : memref<16x16xf32>
    func.call @matmul_bf16_bf16_f32_16x16x32_4x8x4(%a, %b, %c) : (memref<16x32xbf16, 2>, memref<32x16xbf16, 2>, memref<16x16xf32>) -> ()
  } {aieconv.schedule = {device = "npu1", grid.rows = "4", grid.columns_used = "1"}}
  return %out : memref<64x16xf32>
}

// The simulator refuses what it cannot map, with a message, never a hang.
// RUN: not aieconv-sim %s 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: not aieconv-sim %s --device npu9 2>&1 | FileCheck %s --check-prefix=DEVICE

// NONE: error: no function with a scheduled forall
// DEVICE: error: unknown device 'npu9'

func.func @plain(%a: memref<4xf32>) {
  return
}

// A ukernel call whose accumulator is still in DDR cannot run on a core.
// RUN: not aieconv-sim %S/Inputs/ddr-operand.mlir 2>&1 | FileCheck %s --check-prefix=DDR
// DDR: error: @ddr: operand 2 of the call of 'matmul_bf16_bf16_f32_16x16x32_4x8x4' is in memory space 0, not in L1 (space 2)

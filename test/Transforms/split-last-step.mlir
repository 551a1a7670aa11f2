// The last of a core tile's two reduction steps, split in two parts: the
// loop's last iteration branches off to calls of the conv ukernel on each
// half of the output-channel micro-tiles (a dense slab of the weights and
// of the accumulator, under the symbol of 4 channels instead of 8), each
// call followed by the drain of its half, with the loop's buffers; the
// drain's target moves before the loop and the drain after it goes. A
// split the micro-tiles do not allow, or a core loop with no drain, no
// call or a call other than a conv ukernel on its accumulator, is refused
// with its reason, and a core loop whose schedule does not ask for one is
// left alone.
// RUN: aieconv-opt %s --aieconv-split-last-step --split-input-file --verify-diagnostics | FileCheck %s

// CHECK:       func.func private @conv2d_bf16_bf16_f32_1x4x4_1x1x8_s1x1_d1x1_4x8x4(memref<1x1x4x8xbf16, 2>, memref<1x1x1x1x8x4xbf16, strided<[32, 32, 32, 32, 4, 1], offset: ?>, 2>, memref<1x1x4x4xf32, strided<[16, 16, 4, 1], offset: ?>, 2>, i64, i64, i64, i64, i64)
// CHECK-LABEL: func.func @two_steps(
//       CHECK:   scf.forall
//       CHECK:     %[[ACC:.+]] = memref.alloc() : memref<1x2x1x4x4xf32, 2>
//       CHECK:     %[[OUT:.+]] = memref.subview %{{.+}}[0, %{{.+}}, 0, 0, 0] [1, 2, 1, 4, 4]
//       CHECK:     scf.for %[[K:.+]] = %{{.+}} to %{{.+}} step
//       CHECK:       %[[IN:.+]] = memref.alloc() : memref<1x1x4x8xbf16, 2>
//       CHECK:       %[[W:.+]] = memref.alloc() : memref<2x1x1x1x8x4xbf16, 2>
//       CHECK:       %[[A:.+]] = memref.collapse_shape %[[ACC]]
//       CHECK:       %[[ROUTE:.+]] = arith.index_cast
//       CHECK:       %[[LAST:.+]] = arith.constant 8 : index
//       CHECK:       %[[IS_LAST:.+]] = arith.cmpi eq, %[[K]], %[[LAST]]
//       CHECK:       scf.if %[[IS_LAST]] {
//       CHECK:         memref.subview %[[W]][0, 0, 0, 0, 0, 0] [1, 1, 1, 1, 8, 4]
//       CHECK:         memref.subview %[[A]][0, 0, 0, 0] [1, 1, 4, 4]
//       CHECK:         func.call @conv2d_bf16_bf16_f32_1x4x4_1x1x8_s1x1_d1x1_4x8x4(%[[IN]], {{.+}}, %[[ROUTE]])
//       CHECK:         %[[OUT0:.+]] = memref.subview %[[OUT]][0, 0, 0, 0, 0] [1, 1, 1, 4, 4]
//       CHECK:         %[[ACC0:.+]] = memref.subview %[[ACC]][0, 0, 0, 0, 0] [1, 1, 1, 4, 4]
//       CHECK:         memref.copy %[[ACC0]], %[[OUT0]]
//       CHECK:         memref.subview %[[W]][1, 0, 0, 0, 0, 0] [1, 1, 1, 1, 8, 4]
//       CHECK:         memref.subview %[[A]][1, 0, 0, 0] [1, 1, 4, 4]
//       CHECK:         func.call @conv2d_bf16_bf16_f32_1x4x4_1x1x8_s1x1_d1x1_4x8x4(%[[IN]], {{.+}}, %[[ROUTE]])
//       CHECK:         %[[OUT1:.+]] = memref.subview %[[OUT]][0, 1, 0, 0, 0] [1, 1, 1, 4, 4]
//       CHECK:         %[[ACC1:.+]] = memref.subview %[[ACC]][0, 1, 0, 0, 0] [1, 1, 1, 4, 4]
//       CHECK:         memref.copy %[[ACC1]], %[[OUT1]]
//       CHECK:       } else {
//       CHECK:         func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(%[[IN]], %[[W]], %[[A]], {{.+}}, %[[ROUTE]])
//       CHECK:       }
//       CHECK:     }
//   CHECK-NOT:     memref.copy
//       CHECK:     memref.dealloc %[[ACC]]

func.func private @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64)
func.func @two_steps(%in: memref<2x1x4x8xbf16>, %w: memref<2x1x1x2x8x4xbf16>, %out: memref<1x2x1x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c1_i64 = arith.constant 1 : i64
  scf.forall (%i) in (1) {
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    scf.for %k = %c0 to %c16 step %c8 {
      %step = arith.divui %k, %c8 : index
      %in_view = memref.subview %in[%step, 0, 0, 0] [1, 1, 4, 8] [1, 1, 1, 1] : memref<2x1x4x8xbf16> to memref<1x1x4x8xbf16, strided<[32, 32, 8, 1], offset: ?>>
      %in_l1 = memref.alloc() : memref<1x1x4x8xbf16, 2>
      memref.copy %in_view, %in_l1 : memref<1x1x4x8xbf16, strided<[32, 32, 8, 1], offset: ?>> to memref<1x1x4x8xbf16, 2>
      %w_view = memref.subview %w[0, 0, 0, %step, 0, 0] [2, 1, 1, 1, 8, 4] [1, 1, 1, 1, 1, 1] : memref<2x1x1x2x8x4xbf16> to memref<2x1x1x1x8x4xbf16, strided<[64, 64, 64, 32, 4, 1], offset: ?>>
      %w_l1 = memref.alloc() : memref<2x1x1x1x8x4xbf16, 2>
      memref.copy %w_view, %w_l1 : memref<2x1x1x1x8x4xbf16, strided<[64, 64, 64, 32, 4, 1], offset: ?>> to memref<2x1x1x1x8x4xbf16, 2>
      %acc_view = memref.collapse_shape %acc [[0, 1], [2], [3], [4]] : memref<1x2x1x4x4xf32, 2> into memref<2x1x4x4xf32, 2>
      %first = arith.minsi %k, %c1 : index
      %route = arith.index_cast %first : index to i64
      func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(%in_l1, %w_l1, %acc_view, %c1_i64, %c1_i64, %c1_i64, %c1_i64, %route) : (memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64) -> ()
      memref.dealloc %in_l1 : memref<1x1x4x8xbf16, 2>
      memref.dealloc %w_l1 : memref<2x1x1x1x8x4xbf16, 2>
    }
    %out_view = memref.subview %out[0, %i, 0, 0, 0] [1, 2, 1, 4, 4] [1, 1, 1, 1, 1] : memref<1x2x1x4x4xf32> to memref<1x2x1x4x4xf32, strided<[32, 16, 16, 4, 1], offset: ?>>
    memref.copy %acc, %out_view : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32, strided<[32, 16, 16, 4, 1], offset: ?>>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
  } {aieconv.schedule = {l1.last_step_parts = "2"}}
  return
}

// -----

func.func private @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64)
func.func @four_parts_of_two_tiles(%in: memref<1x1x4x8xbf16, 2>, %w: memref<2x1x1x1x8x4xbf16, 2>, %out: memref<1x2x1x4x4xf32>) {
  %c1_i64 = arith.constant 1 : i64
  // expected-error @+1 {{cannot split the last reduction step in 4 parts: the output-channel micro-tiles do not divide in the parts}}
  scf.forall (%i) in (1) {
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    %acc_view = memref.collapse_shape %acc [[0, 1], [2], [3], [4]] : memref<1x2x1x4x4xf32, 2> into memref<2x1x4x4xf32, 2>
    func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(%in, %w, %acc_view, %c1_i64, %c1_i64, %c1_i64, %c1_i64, %c1_i64) : (memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64) -> ()
    memref.copy %acc, %out : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
  } {aieconv.schedule = {l1.last_step_parts = "4"}}
  return
}

// -----

// CHECK-LABEL: func.func @not_asked(
//       CHECK:   func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(
//       CHECK:   memref.copy %{{.+}}, %{{.+}} : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32>
func.func private @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64)
func.func @not_asked(%in: memref<1x1x4x8xbf16, 2>, %w: memref<2x1x1x1x8x4xbf16, 2>, %out: memref<1x2x1x4x4xf32>) {
  %c1_i64 = arith.constant 1 : i64
  scf.forall (%i) in (1) {
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    %acc_view = memref.collapse_shape %acc [[0, 1], [2], [3], [4]] : memref<1x2x1x4x4xf32, 2> into memref<2x1x4x4xf32, 2>
    func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(%in, %w, %acc_view, %c1_i64, %c1_i64, %c1_i64, %c1_i64, %c1_i64) : (memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64) -> ()
    memref.copy %acc, %out : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
  } {aieconv.schedule = {l1.last_step_parts = "1"}}
  return
}

// -----

// No drain of an L1 accumulator to split.
func.func @no_drain(%out: memref<1x2x1x4x4xf32>) {
  // expected-error @+1 {{cannot split the last reduction step in 2 parts: no drain of an L1 allocation}}
  scf.forall (%i) in (1) {
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
  } {aieconv.schedule = {l1.last_step_parts = "2"}}
  return
}

// -----

// A drained accumulator that no call writes.
func.func @no_call(%out: memref<1x2x1x4x4xf32>) {
  // expected-error @+1 {{cannot split the last reduction step in 2 parts: not one call writing the accumulator}}
  scf.forall (%i) in (1) {
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    memref.copy %acc, %out : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
  } {aieconv.schedule = {l1.last_step_parts = "2"}}
  return
}

// -----

// The one call writing the accumulator is not a conv ukernel.
func.func private @matmul_bf16_bf16_f32_4x8x8_4x8x4(memref<4x8xbf16, 2>, memref<8x8xbf16, 2>, memref<2x1x4x4xf32, 2>)
func.func @not_a_conv(%a: memref<4x8xbf16, 2>, %b: memref<8x8xbf16, 2>, %out: memref<1x2x1x4x4xf32>) {
  // expected-error @+1 {{cannot split the last reduction step in 2 parts: the call is not a conv ukernel call on the accumulator}}
  scf.forall (%i) in (1) {
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    %acc_view = memref.collapse_shape %acc [[0, 1], [2], [3], [4]] : memref<1x2x1x4x4xf32, 2> into memref<2x1x4x4xf32, 2>
    func.call @matmul_bf16_bf16_f32_4x8x8_4x8x4(%a, %b, %acc_view) : (memref<4x8xbf16, 2>, memref<8x8xbf16, 2>, memref<2x1x4x4xf32, 2>) -> ()
    memref.copy %acc, %out : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
  } {aieconv.schedule = {l1.last_step_parts = "2"}}
  return
}

// -----

// Several rounds: 8 pixel tiles (%i) over 2 columns, each core of a column
// on one of 2 output-channel tiles (%j, which the weights' copy follows):
// 4 rounds. Only the tiles of the last round, %i = 3 or 7, split their
// step; the others keep their call and their drain.
// CHECK-LABEL: func.func @rounds(
//       CHECK:   scf.forall (%[[I:.+]], %[[J:.+]]) in (8, 2)
//   CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
//   CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
//       CHECK:     %[[SCALED:.+]] = arith.muli %[[I]], %[[C2]]
//       CHECK:     %[[COLUMN:.+]] = arith.divui %[[SCALED]], %[[C8]]
//       CHECK:     arith.andi
//       CHECK:     %[[LAST:.+]] = arith.andi
//       CHECK:     memref.copy
//       CHECK:     scf.if %[[LAST]] {
//       CHECK:       func.call @conv2d_bf16_bf16_f32_1x4x4_1x1x8_s1x1_d1x1_4x8x4(
//       CHECK:       memref.copy
//       CHECK:       func.call @conv2d_bf16_bf16_f32_1x4x4_1x1x8_s1x1_d1x1_4x8x4(
//       CHECK:       memref.copy
//       CHECK:     } else {
//       CHECK:       func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(
//       CHECK:       memref.copy %{{.+}}, %{{.+}} : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32, strided
//       CHECK:     }
func.func private @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64)
func.func @rounds(%in: memref<1x1x4x8xbf16, 2>, %w: memref<4x1x1x1x8x4xbf16>, %out: memref<8x4x1x4x4xf32>) {
  %c1_i64 = arith.constant 1 : i64
  scf.forall (%i, %j) in (8, 2) {
    %w_view = memref.subview %w[%j, 0, 0, 0, 0, 0] [2, 1, 1, 1, 8, 4] [1, 1, 1, 1, 1, 1] : memref<4x1x1x1x8x4xbf16> to memref<2x1x1x1x8x4xbf16, strided<[32, 32, 32, 32, 4, 1], offset: ?>>
    %w_l1 = memref.alloc() : memref<2x1x1x1x8x4xbf16, 2>
    memref.copy %w_view, %w_l1 : memref<2x1x1x1x8x4xbf16, strided<[32, 32, 32, 32, 4, 1], offset: ?>> to memref<2x1x1x1x8x4xbf16, 2>
    %acc = memref.alloc() : memref<1x2x1x4x4xf32, 2>
    %acc_view = memref.collapse_shape %acc [[0, 1], [2], [3], [4]] : memref<1x2x1x4x4xf32, 2> into memref<2x1x4x4xf32, 2>
    func.call @conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x4(%in, %w_l1, %acc_view, %c1_i64, %c1_i64, %c1_i64, %c1_i64, %c1_i64) : (memref<1x1x4x8xbf16, 2>, memref<2x1x1x1x8x4xbf16, 2>, memref<2x1x4x4xf32, 2>, i64, i64, i64, i64, i64) -> ()
    %out_view = memref.subview %out[%i, %j, 0, 0, 0] [1, 2, 1, 4, 4] [1, 1, 1, 1, 1] : memref<8x4x1x4x4xf32> to memref<1x2x1x4x4xf32, strided<[64, 16, 16, 4, 1], offset: ?>>
    memref.copy %acc, %out_view : memref<1x2x1x4x4xf32, 2> to memref<1x2x1x4x4xf32, strided<[64, 16, 16, 4, 1], offset: ?>>
    memref.dealloc %acc : memref<1x2x1x4x4xf32, 2>
    memref.dealloc %w_l1 : memref<2x1x1x1x8x4xbf16, 2>
  } {aieconv.schedule = {device = "npu1", l1.last_step_parts = "2", grid.rows = "2", grid.columns_used = "2", grid.column_split = "rows", grid.core_split = "share-input", l2.loop_order = "channels-outer"}}
  return
}

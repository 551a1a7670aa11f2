// RUN: aieconv-opt %s --aieconv-promote-operands | FileCheck %s

// A core loop as aieconv-tile-convs leaves it (decompose, after
// canonicalization): the layer-level slices are staged in L2 (space 1), the
// matmul's inputs copied into L1 (space 2), and the accumulator's fill
// writes an L1 buffer that the reduction loop carries. A step's input goes
// to L1 as soon as it is staged, before the weights (the order the core's
// channels take them in).

// CHECK-LABEL: func.func @core_loop(
//       CHECK:   scf.forall
//       CHECK:     %[[IN:.+]] = tensor.extract_slice %{{.+}} : tensor<1x10x10x16xbf16> to tensor<1x6x6x16xbf16>
//       CHECK:     %[[IN_L2_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 1 : i64} : tensor<1x6x6x16xbf16>
//       CHECK:     %[[IN_L2:.+]] = linalg.copy ins(%[[IN]] : tensor<1x6x6x16xbf16>) outs(%[[IN_L2_BUF]]
//       CHECK:     %[[W:.+]] = tensor.extract_slice %{{.+}} : tensor<3x3x16x32xbf16> to tensor<3x3x16x8xbf16>
//       CHECK:     %[[W_L2_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 1 : i64} : tensor<3x3x16x8xbf16>
//       CHECK:     %[[W_L2:.+]] = linalg.copy ins(%[[W]] : tensor<3x3x16x8xbf16>) outs(%[[W_L2_BUF]]
//       CHECK:     %[[ACC_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<1x4x4x8xf32>
//       CHECK:     %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[ACC_BUF]] : tensor<1x4x4x8xf32>)
//       CHECK:     scf.for {{.+}} iter_args(%{{.+}} = %[[ACC]])
//       CHECK:       tensor.extract_slice %[[IN_L2]]
//       CHECK:       %[[A_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<16x16xbf16>
//       CHECK:       %[[A:.+]] = linalg.copy ins(%{{.+}} : tensor<16x16xbf16>) outs(%[[A_BUF]]
//       CHECK:       tensor.extract_slice %[[W_L2]]
//       CHECK:       %[[B_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<16x8xbf16>
//       CHECK:       %[[B:.+]] = linalg.copy ins(%{{.+}} : tensor<16x8xbf16>) outs(%[[B_BUF]]
//       CHECK:       linalg.matmul ins(%[[A]], %[[B]] : tensor<16x16xbf16>, tensor<16x8xbf16>)
//   CHECK-NOT:   bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<16x8xf32>
func.func @core_loop(%in: tensor<1x10x10x16xbf16>, %w: tensor<3x3x16x32xbf16>) -> tensor<1x8x8x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %out = tensor.empty() : tensor<1x8x8x32xf32>
  %r = scf.forall (%h, %x, %f) = (0, 0, 0) to (8, 8, 32) step (4, 4, 8) shared_outs(%o = %out) -> (tensor<1x8x8x32xf32>) {
    %in_tile = tensor.extract_slice %in[0, %h, %x, 0] [1, 6, 6, 16] [1, 1, 1, 1] : tensor<1x10x10x16xbf16> to tensor<1x6x6x16xbf16>
    %w_tile = tensor.extract_slice %w[0, 0, 0, %f] [3, 3, 16, 8] [1, 1, 1, 1] : tensor<3x3x16x32xbf16> to tensor<3x3x16x8xbf16>
    %acc_tile = tensor.extract_slice %o[0, %h, %x, %f] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x8x8x32xf32> to tensor<1x4x4x8xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%acc_tile : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
    %sum = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a = %acc) -> (tensor<1x4x4x8xf32>) {
      %window = tensor.extract_slice %in_tile[0, %kh, 0, 0] [1, 4, 4, 16] [1, 1, 1, 1] : tensor<1x6x6x16xbf16> to tensor<1x4x4x16xbf16>
      %lhs = tensor.collapse_shape %window [[0, 1, 2], [3]] : tensor<1x4x4x16xbf16> into tensor<16x16xbf16>
      %rhs = tensor.extract_slice %w_tile[%kh, 0, 0, 0] [1, 1, 16, 8] [1, 1, 1, 1] : tensor<3x3x16x8xbf16> to tensor<16x8xbf16>
      %acc2d = tensor.collapse_shape %a [[0, 1, 2], [3]] : tensor<1x4x4x8xf32> into tensor<16x8xf32>
      %mm = linalg.matmul ins(%lhs, %rhs : tensor<16x16xbf16>, tensor<16x8xbf16>) outs(%acc2d : tensor<16x8xf32>) -> tensor<16x8xf32>
      %back = tensor.expand_shape %mm [[0, 1, 2], [3]] output_shape [1, 4, 4, 8] : tensor<16x8xf32> into tensor<1x4x4x8xf32>
      scf.yield %back : tensor<1x4x4x8xf32>
    }
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %sum into %o[0, %h, %x, %f] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x4x8xf32> into tensor<1x8x8x32xf32>
    }
  } {aieconv.schedule = {strategy = "decompose"}}
  return %r : tensor<1x8x8x32xf32>
}

// A schedule that streams the reduction through the memtile in chunks
// (`l2.chunks`), keeps the weights in L1 (`l1.weights_resident`) and feeds
// the input on both core DMA channels (`l1.input_channels`): the input and
// the weights are staged in L2 step by step inside the loop; the input is
// copied to L1 in two slabs; the weights' L1 block is allocated before the
// loop, which carries it, with one dense slab per step, and each step copies
// its piece into its slab, in two halves (`l1.weight_channels`), just before
// the matmul reads it there; the slab is put back into the carried block
// after the matmul.

// CHECK-LABEL: func.func @streamed_reduction(
//       CHECK:   scf.forall
//   CHECK-NOT:     memory_space = 1 : i64} : tensor<4x32xbf16>
//   CHECK-NOT:     memory_space = 1 : i64} : tensor<32x8xbf16>
//       CHECK:     %[[W_L1_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<2x16x8xbf16>
//       CHECK:     scf.for %[[K:.+]] = {{.+}} iter_args(%{{.+}} = %{{.+}}, %[[W_L1:.+]] = %[[W_L1_BUF]])
//       CHECK:       %[[IN_STEP:.+]] = tensor.extract_slice %{{.+}}[0, %[[K]]] [4, 16] [1, 1] : tensor<4x32xbf16> to tensor<4x16xbf16>
//       CHECK:       %[[IN_L2_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 1 : i64} : tensor<4x16xbf16>
//       CHECK:       %[[IN_L2:.+]] = linalg.copy ins(%[[IN_STEP]] : tensor<4x16xbf16>) outs(%[[IN_L2_BUF]]
//       CHECK:       %[[A_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<4x16xbf16>
//       CHECK:       %[[DST0:.+]] = tensor.extract_slice %[[A_BUF]][0, 0] [2, 16] [1, 1]
//       CHECK:       %[[SLAB0:.+]] = tensor.extract_slice %[[IN_L2]][0, 0] [2, 16] [1, 1]
//       CHECK:       %[[COPY0:.+]] = linalg.copy ins(%[[SLAB0]] : tensor<2x16xbf16>) outs(%[[DST0]] : tensor<2x16xbf16>)
//       CHECK:       %[[A_HALF:.+]] = tensor.insert_slice %[[COPY0]] into %[[A_BUF]][0, 0] [2, 16] [1, 1]
//       CHECK:       %[[DST1:.+]] = tensor.extract_slice %[[A_HALF]][2, 0] [2, 16] [1, 1]
//       CHECK:       %[[SLAB1:.+]] = tensor.extract_slice %[[IN_L2]][2, 0] [2, 16] [1, 1]
//       CHECK:       %[[COPY1:.+]] = linalg.copy ins(%[[SLAB1]] : tensor<2x16xbf16>) outs(%[[DST1]] : tensor<2x16xbf16>)
//       CHECK:       %[[A:.+]] = tensor.insert_slice %[[COPY1]] into %[[A_HALF]][2, 0] [2, 16] [1, 1]
//       CHECK:       %[[W_STEP:.+]] = tensor.extract_slice %{{.+}}[%[[K]], 0] [16, 8] [1, 1] : tensor<32x8xbf16> to tensor<16x8xbf16>
//       CHECK:       %[[W_L2_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 1 : i64} : tensor<16x8xbf16>
//       CHECK:       %[[W_L2:.+]] = linalg.copy ins(%[[W_STEP]] : tensor<16x8xbf16>) outs(%[[W_L2_BUF]]
//       CHECK:       %[[PIECE:.+]] = arith.divui %[[K]], %{{.+}} : index
//       CHECK:       %[[SLAB:.+]] = tensor.extract_slice %[[W_L1]][%[[PIECE]], 0, 0] [1, 16, 8] [1, 1, 1] : tensor<2x16x8xbf16> to tensor<16x8xbf16>
//       CHECK:       %[[W_DST0:.+]] = tensor.extract_slice %[[SLAB]][0, 0] [8, 8] [1, 1]
//       CHECK:       %[[W_SRC0:.+]] = tensor.extract_slice %[[W_L2]][0, 0] [8, 8] [1, 1]
//       CHECK:       %[[W_PART0:.+]] = linalg.copy ins(%[[W_SRC0]] : tensor<8x8xbf16>) outs(%[[W_DST0]] : tensor<8x8xbf16>)
//       CHECK:       %[[W_HALF:.+]] = tensor.insert_slice %[[W_PART0]] into %[[SLAB]][0, 0] [8, 8] [1, 1]
//       CHECK:       %[[W_DST1:.+]] = tensor.extract_slice %[[W_HALF]][8, 0] [8, 8] [1, 1]
//       CHECK:       %[[W_SRC1:.+]] = tensor.extract_slice %[[W_L2]][8, 0] [8, 8] [1, 1]
//       CHECK:       %[[W_PART1:.+]] = linalg.copy ins(%[[W_SRC1]] : tensor<8x8xbf16>) outs(%[[W_DST1]] : tensor<8x8xbf16>)
//       CHECK:       %[[W:.+]] = tensor.insert_slice %[[W_PART1]] into %[[W_HALF]][8, 0] [8, 8] [1, 1]
//       CHECK:       linalg.matmul ins(%[[A]], %[[W]] : tensor<4x16xbf16>, tensor<16x8xbf16>)
//       CHECK:       %[[W_KEPT:.+]] = tensor.insert_slice %[[W]] into %[[W_L1]][%[[PIECE]], 0, 0] [1, 16, 8] [1, 1, 1]
//       CHECK:       scf.yield %{{.+}}, %[[W_KEPT]]
func.func @streamed_reduction(%in: tensor<4x32xbf16>, %w: tensor<32x16xbf16>) -> tensor<4x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %zero = arith.constant 0.0 : f32
  %out = tensor.empty() : tensor<4x16xf32>
  %r = scf.forall (%f) = (0) to (16) step (8) shared_outs(%o = %out) -> (tensor<4x16xf32>) {
    %in_tile = tensor.extract_slice %in[0, 0] [4, 32] [1, 1] : tensor<4x32xbf16> to tensor<4x32xbf16>
    %w_tile = tensor.extract_slice %w[0, %f] [32, 8] [1, 1] : tensor<32x16xbf16> to tensor<32x8xbf16>
    %acc_tile = tensor.extract_slice %o[0, %f] [4, 8] [1, 1] : tensor<4x16xf32> to tensor<4x8xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%acc_tile : tensor<4x8xf32>) -> tensor<4x8xf32>
    %sum = scf.for %k = %c0 to %c32 step %c16 iter_args(%a = %acc) -> (tensor<4x8xf32>) {
      %lhs = tensor.extract_slice %in_tile[0, %k] [4, 16] [1, 1] : tensor<4x32xbf16> to tensor<4x16xbf16>
      %rhs = tensor.extract_slice %w_tile[%k, 0] [16, 8] [1, 1] : tensor<32x8xbf16> to tensor<16x8xbf16>
      %mm = linalg.matmul ins(%lhs, %rhs : tensor<4x16xbf16>, tensor<16x8xbf16>) outs(%a : tensor<4x8xf32>) -> tensor<4x8xf32>
      scf.yield %mm : tensor<4x8xf32>
    }
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %sum into %o[0, %f] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<4x16xf32>
    }
  } {aieconv.schedule = {strategy = "decompose", l2.chunks = "2", l1.weights_resident = "true", l1.input_channels = "2", l1.weight_channels = "2"}}
  return %r : tensor<4x16xf32>
}

// A core tile that covers a whole operand takes no slice of it in the core
// loop body: here every tile needs all of the weights, which the reduction
// loop slices straight from the layer's tensor. The whole tensor becomes the
// tile's block and is staged in L2 like any other, so that the cores do not
// read DDR directly.
// CHECK-LABEL: func.func @whole_weights(
//       CHECK:   scf.forall
//       CHECK:     %[[W_TILE:.+]] = tensor.extract_slice %{{.+}}[0, 0] [32, 16] [1, 1] : tensor<32x16xbf16> to tensor<32x16xbf16>
//       CHECK:     %[[W_L2_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 1 : i64} : tensor<32x16xbf16>
//       CHECK:     %[[W_L2:.+]] = linalg.copy ins(%[[W_TILE]] : tensor<32x16xbf16>) outs(%[[W_L2_BUF]]
//       CHECK:     scf.for %[[K:[a-z0-9_]+]] =
//       CHECK:       tensor.extract_slice %[[W_L2]][%[[K]], 0] [16, 16] [1, 1]
func.func @whole_weights(%in: tensor<8x32xbf16>, %w: tensor<32x16xbf16>) -> tensor<8x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %zero = arith.constant 0.0 : f32
  %out = tensor.empty() : tensor<8x16xf32>
  %r = scf.forall (%m) = (0) to (8) step (4) shared_outs(%o = %out) -> (tensor<8x16xf32>) {
    %in_tile = tensor.extract_slice %in[%m, 0] [4, 32] [1, 1] : tensor<8x32xbf16> to tensor<4x32xbf16>
    %acc_tile = tensor.extract_slice %o[%m, 0] [4, 16] [1, 1] : tensor<8x16xf32> to tensor<4x16xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%acc_tile : tensor<4x16xf32>) -> tensor<4x16xf32>
    %sum = scf.for %k = %c0 to %c32 step %c16 iter_args(%a = %acc) -> (tensor<4x16xf32>) {
      %lhs = tensor.extract_slice %in_tile[0, %k] [4, 16] [1, 1] : tensor<4x32xbf16> to tensor<4x16xbf16>
      %rhs = tensor.extract_slice %w[%k, 0] [16, 16] [1, 1] : tensor<32x16xbf16> to tensor<16x16xbf16>
      %mm = linalg.matmul ins(%lhs, %rhs : tensor<4x16xbf16>, tensor<16x16xbf16>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
      scf.yield %mm : tensor<4x16xf32>
    }
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %sum into %o[%m, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<8x16xf32>
    }
  } {aieconv.schedule = {strategy = "decompose"}}
  return %r : tensor<8x16xf32>
}

// Weights that nested reduction loops walk (taps, then channel chunks) and
// that stay in L1: their pieces are small, so the block is staged in L2
// whole and comes to L1 whole before the loops, relaid out so that each
// step's piece is one dense slab (piece counts first), in two slabs of
// whole taps (`l1.weight_channels`); each step reads its piece in place.
// CHECK-LABEL: func.func @taps_in_nested_loops(
//       CHECK:   scf.forall
//       CHECK:     %[[W_L2:.+]] = linalg.copy ins(%{{.+}} : tensor<2x32x8xbf16>) outs(%{{.+}} : tensor<2x32x8xbf16>)
//       CHECK:     %[[W_SPLIT:.+]] = tensor.expand_shape %[[W_L2]] {{\[\[}}0, 1], [2, 3], [4]] output_shape [2, 1, 2, 16, 8]
//       CHECK:     %[[W_L1_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<2x2x1x16x8xbf16>
//       CHECK:     linalg.transpose ins(%{{.+}} : tensor<1x1x2x16x8xbf16>) outs(%{{.+}} : tensor<1x2x1x16x8xbf16>) permutation = [0, 2, 1, 3, 4]
//       CHECK:     %[[W_L1:.+]] = tensor.insert_slice %{{.+}} into %{{.+}}[1, 0, 0, 0, 0] [1, 2, 1, 16, 8]
//       CHECK:     scf.for %[[T:[a-z0-9_]+]] =
//       CHECK:       scf.for %[[K:[a-z0-9_]+]] =
//   CHECK-NOT:         linalg.copy ins(%{{.+}} : tensor<{{.+}}x8xbf16>)
//       CHECK:         %[[KI:.+]] = arith.divui %[[K]], %{{.+}} : index
//       CHECK:         tensor.extract_slice %[[W_L1]][%{{.+}}, %[[KI]], 0, 0, 0] [1, 1, 1, 16, 8] [1, 1, 1, 1, 1] : tensor<2x2x1x16x8xbf16> to tensor<1x16x8xbf16>
func.func @taps_in_nested_loops(%in: tensor<2x4x32xbf16>, %w: tensor<2x32x16xbf16>) -> tensor<4x16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %zero = arith.constant 0.0 : f32
  %out = tensor.empty() : tensor<4x16xf32>
  %r = scf.forall (%f) = (0) to (16) step (8) shared_outs(%o = %out) -> (tensor<4x16xf32>) {
    %in_tile = tensor.extract_slice %in[0, 0, 0] [2, 4, 32] [1, 1, 1] : tensor<2x4x32xbf16> to tensor<2x4x32xbf16>
    %w_tile = tensor.extract_slice %w[0, 0, %f] [2, 32, 8] [1, 1, 1] : tensor<2x32x16xbf16> to tensor<2x32x8xbf16>
    %acc_tile = tensor.extract_slice %o[0, %f] [4, 8] [1, 1] : tensor<4x16xf32> to tensor<4x8xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%acc_tile : tensor<4x8xf32>) -> tensor<4x8xf32>
    %sum = scf.for %t = %c0 to %c2 step %c1 iter_args(%a = %acc) -> (tensor<4x8xf32>) {
      %inner = scf.for %k = %c0 to %c32 step %c16 iter_args(%b = %a) -> (tensor<4x8xf32>) {
        %lhs = tensor.extract_slice %in_tile[%t, 0, %k] [1, 4, 16] [1, 1, 1] : tensor<2x4x32xbf16> to tensor<4x16xbf16>
        %piece = tensor.extract_slice %w_tile[%t, %k, 0] [1, 16, 8] [1, 1, 1] : tensor<2x32x8xbf16> to tensor<1x16x8xbf16>
        %rhs = tensor.extract_slice %piece[0, 0, 0] [1, 16, 8] [1, 1, 1] : tensor<1x16x8xbf16> to tensor<16x8xbf16>
        %mm = linalg.matmul ins(%lhs, %rhs : tensor<4x16xbf16>, tensor<16x8xbf16>) outs(%b : tensor<4x8xf32>) -> tensor<4x8xf32>
        scf.yield %mm : tensor<4x8xf32>
      }
      scf.yield %inner : tensor<4x8xf32>
    }
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %sum into %o[0, %f] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<4x16xf32>
    }
  } {aieconv.schedule = {strategy = "decompose", l1.weights_resident = "true", l1.weight_channels = "2"}}
  return %r : tensor<4x16xf32>
}

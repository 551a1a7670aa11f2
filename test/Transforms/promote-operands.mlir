// RUN: aieconv-opt %s --aieconv-promote-operands | FileCheck %s

// A core loop as aieconv-tile-convs leaves it (decompose, after
// canonicalization): the layer-level slices are staged in L2 (space 1), the
// matmul's inputs copied into L1 (space 2), and the accumulator's fill
// writes an L1 buffer that the reduction loop carries.

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
//       CHECK:       tensor.extract_slice %[[W_L2]]
//       CHECK:       %[[A_BUF:.+]] = bufferization.alloc_tensor() {memory_space = 2 : i64} : tensor<16x16xbf16>
//       CHECK:       %[[A:.+]] = linalg.copy ins(%{{.+}} : tensor<16x16xbf16>) outs(%[[A_BUF]]
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

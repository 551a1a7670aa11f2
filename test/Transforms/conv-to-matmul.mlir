// RUN: aieconv-opt %s --split-input-file --aieconv-conv-to-matmul | FileCheck %s
// The seed's innermost op: batch 1, 4 output positions, 8 input channels, 4 output channels.
func.func @seed_inner_op(%in: tensor<1x4x8xbf16>, %w: tensor<1x8x4xbf16>, %acc: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<1x4x8xbf16>, tensor<1x8x4xbf16>) outs(%acc : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// CHECK-LABEL: func.func @seed_inner_op(
//  CHECK-SAME:   %[[IN:.+]]: tensor<1x4x8xbf16>, %[[W:.+]]: tensor<1x8x4xbf16>, %[[ACC:.+]]: tensor<1x4x4xf32>
//       CHECK:   %[[A:.+]] = tensor.collapse_shape %[[IN]] {{\[}}[0, 1], [2]] : tensor<1x4x8xbf16> into tensor<4x8xbf16>
//       CHECK:   %[[B:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 8, 4] [1, 1, 1] : tensor<1x8x4xbf16> to tensor<8x4xbf16>
//       CHECK:   %[[C:.+]] = tensor.collapse_shape %[[ACC]] {{\[}}[0, 1], [2]] : tensor<1x4x4xf32> into tensor<4x4xf32>
//       CHECK:   %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xbf16>, tensor<8x4xbf16>) outs(%[[C]] : tensor<4x4xf32>)
//       CHECK:   %[[R:.+]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1], [2]] output_shape [1, 4, 4]
//       CHECK:   return %[[R]]
//   CHECK-NOT:   linalg.conv

// -----


func.func @seed_inner_op_buffers(%in: memref<1x4x8xbf16>, %w: memref<1x8x4xbf16>, %acc: memref<1x4x4xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
    ins(%in, %w : memref<1x4x8xbf16>, memref<1x8x4xbf16>) outs(%acc : memref<1x4x4xf32>)
  return
}

// CHECK-LABEL: func.func @seed_inner_op_buffers(
//       CHECK:   %[[A:.+]] = memref.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : memref<1x4x8xbf16> into memref<4x8xbf16>
//       CHECK:   %[[B:.+]] = memref.subview %{{.+}}[0, 0, 0] [1, 8, 4] [1, 1, 1] : memref<1x8x4xbf16> to memref<8x4xbf16, strided<[4, 1]>>
//       CHECK:   %[[C:.+]] = memref.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : memref<1x4x4xf32> into memref<4x4xf32>
//       CHECK:   linalg.matmul ins(%[[A]], %[[B]] : memref<4x8xbf16>, memref<8x4xbf16, strided<[4, 1]>>) outs(%[[C]] : memref<4x4xf32>)
//   CHECK-NOT:   linalg.conv

// -----


// Batch 3 at stride 1 over the whole width: N x W folds into M = 12.
func.func @batch_folds_into_m(%in: tensor<3x4x16xbf16>, %w: tensor<1x16x8xbf16>, %acc: tensor<3x4x8xf32>) -> tensor<3x4x8xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<3x4x16xbf16>, tensor<1x16x8xbf16>) outs(%acc : tensor<3x4x8xf32>) -> tensor<3x4x8xf32>
  return %0 : tensor<3x4x8xf32>
}

// CHECK-LABEL: func.func @batch_folds_into_m(
//       CHECK:   tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : tensor<3x4x16xbf16> into tensor<12x16xbf16>
//       CHECK:   linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<12x16xbf16>, tensor<16x8xbf16>) outs(%{{.+}} : tensor<12x8xf32>)
//       CHECK:   tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [3, 4, 8]

// -----


// Stride 2, batch 1: the stride becomes the leading dimension of A (2 * C).
func.func @strided_batch_one(%in: memref<1x9x8xbf16>, %w: memref<1x8x4xbf16>, %acc: memref<1x4x4xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<3> : vector<1xi64>, strides = dense<2> : vector<1xi64>}
    ins(%in, %w : memref<1x9x8xbf16>, memref<1x8x4xbf16>) outs(%acc : memref<1x4x4xf32>)
  return
}

// CHECK-LABEL: func.func @strided_batch_one(
//       CHECK:   %[[S:.+]] = memref.subview %{{.+}}[0, 0, 0] [1, 4, 8] [1, 2, 1] : memref<1x9x8xbf16> to memref<1x4x8xbf16, strided<[72, 16, 1]>>
//       CHECK:   %[[A:.+]] = memref.collapse_shape %[[S]] {{\[}}[0, 1], [2]] : {{.+}} into memref<4x8xbf16, strided<[16, 1]>>
//       CHECK:   linalg.matmul ins(%[[A]], %{{.+}} : memref<4x8xbf16, strided<[16, 1]>>, memref<8x4xbf16, strided<[4, 1]>>) outs(%{{.+}} : memref<4x4xf32>)

// -----


// Stride 2 with batch 2: N and W cannot fold without a copy, so the op
// becomes a plain contraction over a strided view (no filter loop left).
func.func @strided_batch_two(%in: memref<2x9x8xi8>, %w: memref<1x8x8xi8>, %acc: memref<2x4x8xi32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<2> : vector<1xi64>}
    ins(%in, %w : memref<2x9x8xi8>, memref<1x8x8xi8>) outs(%acc : memref<2x4x8xi32>)
  return
}

// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @strided_batch_two(
//       CHECK:   %[[S:.+]] = memref.subview %{{.+}}[0, 0, 0] [2, 4, 8] [1, 2, 1] : memref<2x9x8xi8> to memref<2x4x8xi8, strided<[72, 16, 1]>>
//       CHECK:   %[[W:.+]] = memref.subview %{{.+}}[0, 0, 0] [1, 8, 8] [1, 1, 1] : memref<1x8x8xi8> to memref<8x8xi8, strided<[8, 1]>>
//       CHECK:   linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
//  CHECK-SAME:     ins(%[[S]], %[[W]]
//       CHECK:     arith.extsi
//       CHECK:     arith.extsi
//       CHECK:     arith.muli
//       CHECK:     arith.addi
//   CHECK-NOT:   linalg.conv

// -----


// An input wider than the outputs need: the unused tail is sliced off.
func.func @wider_input(%in: tensor<1x6x8xbf16>, %w: tensor<1x8x4xbf16>, %acc: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<1x6x8xbf16>, tensor<1x8x4xbf16>) outs(%acc : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// CHECK-LABEL: func.func @wider_input(
//       CHECK:   %[[S:.+]] = tensor.extract_slice %{{.+}}[0, 0, 0] [1, 4, 8] [1, 1, 1] : tensor<1x6x8xbf16> to tensor<1x4x8xbf16>
//       CHECK:   %[[A:.+]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1], [2]] : tensor<1x4x8xbf16> into tensor<4x8xbf16>
//       CHECK:   linalg.matmul ins(%[[A]],

// -----


func.func @nhwc_1x1(%in: tensor<2x4x4x16xi8>, %w: tensor<1x1x16x32xi8>, %acc: tensor<2x4x4x32xi32>) -> tensor<2x4x4x32xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<2x4x4x16xi8>, tensor<1x1x16x32xi8>) outs(%acc : tensor<2x4x4x32xi32>) -> tensor<2x4x4x32xi32>
  return %0 : tensor<2x4x4x32xi32>
}

// CHECK-LABEL: func.func @nhwc_1x1(
//       CHECK:   tensor.collapse_shape %{{.+}} {{\[}}[0, 1, 2], [3]] : tensor<2x4x4x16xi8> into tensor<32x16xi8>
//       CHECK:   tensor.extract_slice %{{.+}}[0, 0, 0, 0] [1, 1, 16, 32] [1, 1, 1, 1] : tensor<1x1x16x32xi8> to tensor<16x32xi8>
//       CHECK:   linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<32x16xi8>, tensor<16x32xi8>) outs(%{{.+}} : tensor<32x32xi32>)
//       CHECK:   tensor.expand_shape %{{.+}} {{\[}}[0, 1, 2], [3]] output_shape [2, 4, 4, 32]

// -----


// Stride 2 in both axes: rows of the strided view are not contiguous.
func.func @nhwc_1x1_stride2(%in: tensor<1x8x8x16xbf16>, %w: tensor<1x1x16x32xbf16>, %acc: tensor<1x4x4x32xf32>) -> tensor<1x4x4x32xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
         ins(%in, %w : tensor<1x8x8x16xbf16>, tensor<1x1x16x32xbf16>) outs(%acc : tensor<1x4x4x32xf32>) -> tensor<1x4x4x32xf32>
  return %0 : tensor<1x4x4x32xf32>
}

// CHECK-LABEL: func.func @nhwc_1x1_stride2(
//       CHECK:   %[[S:.+]] = tensor.extract_slice %{{.+}}[0, 0, 0, 0] [1, 4, 4, 16] [1, 2, 2, 1]
//       CHECK:   linalg.generic
//  CHECK-SAME:     iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
//  CHECK-SAME:     ins(%[[S]], %{{.+}} : tensor<1x4x4x16xbf16>, tensor<16x32xbf16>)
//   CHECK-NOT:   tensor.collapse_shape
//   CHECK-NOT:   linalg.matmul

// -----


// Channels first, batch 1: the filter is A (F x C), the image is B (C x HW).
func.func @nchw_1x1(%in: tensor<1x16x4x4xbf16>, %w: tensor<8x16x1x1xbf16>, %acc: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x16x4x4xbf16>, tensor<8x16x1x1xbf16>) outs(%acc : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// CHECK-LABEL: func.func @nchw_1x1(
//  CHECK-SAME:   %[[IN:.+]]: tensor<1x16x4x4xbf16>, %[[W:.+]]: tensor<8x16x1x1xbf16>
//       CHECK:   %[[A:.+]] = tensor.extract_slice %[[W]][0, 0, 0, 0] [8, 16, 1, 1] [1, 1, 1, 1] : tensor<8x16x1x1xbf16> to tensor<8x16xbf16>
//       CHECK:   %[[B:.+]] = tensor.collapse_shape %[[IN]] {{\[}}[0, 1], [2, 3]] : tensor<1x16x4x4xbf16> into tensor<16x16xbf16>
//       CHECK:   %[[C:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2, 3]] : tensor<1x8x4x4xf32> into tensor<8x16xf32>
//       CHECK:   linalg.matmul ins(%[[A]], %[[B]] : tensor<8x16xbf16>, tensor<16x16xbf16>) outs(%[[C]] : tensor<8x16xf32>)

// -----


// Channels first with batch 2: no 2-D view of the image exists.
func.func @nchw_1x1_batch2(%in: memref<2x16x4x4xbf16>, %w: memref<8x16x1x1xbf16>, %acc: memref<2x8x4x4xf32>) {
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%in, %w : memref<2x16x4x4xbf16>, memref<8x16x1x1xbf16>) outs(%acc : memref<2x8x4x4xf32>)
  return
}

// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d2, d3)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4)>
// CHECK-LABEL: func.func @nchw_1x1_batch2(
//       CHECK:   linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #{{.+}}]
//   CHECK-NOT:   linalg.matmul

// -----


// What generalizeNamedOp makes of the seed's op, with its singleton
// reduction dimension d3.
#in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d3, d4)>
#w = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4, d2)>
#out = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2)>
func.func @generalized_seed(%arg0: tensor<1x4x8xbf16>, %arg1: tensor<1x8x4xbf16>, %arg2: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %0 = linalg.generic {indexing_maps = [#in, #w, #out], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%arg0, %arg1 : tensor<1x4x8xbf16>, tensor<1x8x4xbf16>) outs(%arg2 : tensor<1x4x4xf32>) {
  ^bb0(%a: bf16, %b: bf16, %c: f32):
    %1 = arith.extf %a : bf16 to f32
    %2 = arith.extf %b : bf16 to f32
    %3 = arith.mulf %1, %2 : f32
    %4 = arith.addf %c, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// CHECK-LABEL: func.func @generalized_seed(
//       CHECK:   linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<4x8xbf16>, tensor<8x4xbf16>) outs(%{{.+}} : tensor<4x4xf32>)
//   CHECK-NOT:   linalg.generic

// -----


// An unsigned body must not become linalg.matmul (which widens signed).
#in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d3, d4)>
#w = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4, d2)>
#out = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2)>
func.func @generalized_unsigned(%arg0: tensor<1x4x8xi8>, %arg1: tensor<1x8x8xi8>, %arg2: tensor<1x4x8xi32>) -> tensor<1x4x8xi32> {
  %0 = linalg.generic {indexing_maps = [#in, #w, #out], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%arg0, %arg1 : tensor<1x4x8xi8>, tensor<1x8x8xi8>) outs(%arg2 : tensor<1x4x8xi32>) {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %1 = arith.extui %a : i8 to i32
    %2 = arith.extui %b : i8 to i32
    %3 = arith.muli %1, %2 : i32
    %4 = arith.addi %c, %3 : i32
    linalg.yield %4 : i32
  } -> tensor<1x4x8xi32>
  return %0 : tensor<1x4x8xi32>
}

// CHECK-DAG: #[[$A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[$C:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @generalized_unsigned(
//       CHECK:   linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], iterator_types = ["parallel", "parallel", "reduction"]}
//  CHECK-SAME:     ins(%{{.+}}, %{{.+}} : tensor<4x8xi8>, tensor<8x8xi8>)
//       CHECK:     arith.extui
//       CHECK:     arith.extui
//   CHECK-NOT:   linalg.matmul

// -----


// Left alone: a 3x3 window, a depthwise conv, dynamic shapes, a matmul.
func.func @left_alone(%in: tensor<1x6x6x8xbf16>, %w: tensor<3x3x8x4xbf16>, %acc: tensor<1x4x4x4xf32>,
                      %dw: tensor<1x1x8xbf16>, %dacc: tensor<1x6x6x8xf32>,
                      %din: tensor<?x4x8xbf16>, %dwf: tensor<1x8x4xbf16>, %dout: tensor<?x4x4xf32>,
                      %a: tensor<4x8xbf16>, %b: tensor<8x4xbf16>, %c: tensor<4x4xf32>)
    -> (tensor<1x4x4x4xf32>, tensor<1x6x6x8xf32>, tensor<?x4x4xf32>, tensor<4x4xf32>) {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x6x6x8xbf16>, tensor<3x3x8x4xbf16>) outs(%acc : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %1 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %dw : tensor<1x6x6x8xbf16>, tensor<1x1x8xbf16>) outs(%dacc : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  %2 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%din, %dwf : tensor<?x4x8xbf16>, tensor<1x8x4xbf16>) outs(%dout : tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
  %3 = linalg.matmul ins(%a, %b : tensor<4x8xbf16>, tensor<8x4xbf16>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0, %1, %2, %3 : tensor<1x4x4x4xf32>, tensor<1x6x6x8xf32>, tensor<?x4x4xf32>, tensor<4x4xf32>
}

// CHECK-LABEL: func.func @left_alone(
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   linalg.depthwise_conv_2d_nhwc_hwc
//       CHECK:   linalg.conv_1d_nwc_wcf
//       CHECK:   linalg.matmul
//   CHECK-NOT:   tensor.collapse_shape

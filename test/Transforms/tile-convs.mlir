// RUN: aieconv-opt %s --split-input-file --aieconv-tile-convs="strategy=seed" --canonicalize | FileCheck %s --check-prefix=SEED
// RUN: aieconv-opt %s --split-input-file --aieconv-tile-convs="strategy=decompose" --canonicalize | FileCheck %s --check-prefix=DECOMPOSE
// RUN: aieconv-opt %s --split-input-file --aieconv-tile-convs="strategy=im2col-l1" --canonicalize | FileCheck %s --check-prefix=IM2COL
// RUN: aieconv-opt %s --split-input-file --aieconv-tile-convs="strategy=auto device=npu2" --canonicalize | FileCheck %s --check-prefix=AUTO

// ResNet-50 conv1 (input already padded by 3): the seed pads its 3 input
// channels to the micro-tile's 8, in the input and in the filter.

// SEED-LABEL: func.func @conv1(
//       SEED:   %[[IN:.+]] = tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 0, 5]
//       SEED:   %[[W:.+]] = tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 5, 0]
//       SEED:   scf.forall (%{{.+}}) = (0, 0, 0, 0) to (1, 112, 112, 64) step (1, 1, 4, 4)
//       SEED:     linalg.fill {{.+}} -> tensor<1x1x4x4xf32>
//       SEED:     scf.for %{{.+}} = %c0 to %c7 step %c1
//       SEED:       scf.for %{{.+}} = %c0 to %c7 step %c1
//       SEED:         linalg.conv_2d_nhwc_hwcf {{.+}} ins(%{{.+}}, %{{.+}} : tensor<1x1x7x8xbf16>, tensor<1x1x8x4xbf16>) outs(%{{.+}} : tensor<1x1x4x4xf32>)
//       SEED:   } {aieconv.schedule = {{{.*}}strategy = "seed"{{.*}}}, mapping = [#gpu.block<linear_dim_0>, #gpu.block<linear_dim_1>, #gpu.block<linear_dim_2>, #gpu.block<linear_dim_3>]}

// Decompose folds the whole 7x7 window into the channels (the cost model
// prices it faster): one copy whose input map reads the window gathers
// in'[.., y, x, ky, kx, c] = in[.., 2y + ky, 2x + kx, c], 7 x 7 x 3 = 147
// channels padded to 152, the weights are the same bytes reshaped to
// 1x1x147, and the conv is 1x1 at unit stride: no tap loops.
// DECOMPOSE-DAG: #[[$WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
// DECOMPOSE-LABEL: func.func @conv1(
//       DECOMPOSE:   %[[GATHERED:.+]] = linalg.generic {indexing_maps = [#[[$WINDOW]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x229x229x3xbf16>) outs(%{{.+}} : tensor<1x112x112x7x7x3xbf16>)
//       DECOMPOSE:     linalg.yield
//       DECOMPOSE:   %[[IN:.+]] = tensor.collapse_shape %[[GATHERED]] {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<1x112x112x7x7x3xbf16> into tensor<1x112x112x147xbf16>
//       DECOMPOSE:   %[[W:.+]] = tensor.collapse_shape %arg1 {{\[}}[0, 1, 2], [3]] : tensor<7x7x3x64xbf16> into tensor<147x64xbf16>
//       DECOMPOSE:   tensor.expand_shape %[[W]] {{\[}}[0, 1, 2], [3]] output_shape [1, 1, 147, 64]
//       DECOMPOSE:   tensor.pad %[[IN]] low[0, 0, 0, 0] high[0, 0, 0, 5]
//       DECOMPOSE:   scf.forall
//   DECOMPOSE-NOT:     scf.for
//       DECOMPOSE:     linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x1x{{[0-9]+}}x152xbf16>, tensor<1x1x152x{{[0-9]+}}xbf16>)
//       DECOMPOSE:   strategy = "decompose"

// im2col-l1: the operands are packed into the conv ukernel's channel-blocked
// layouts (input [N][C/8][H][W][8], weights [F/4][KH][KW][C/8][8][4]) and the
// whole 7x1 window is in each step: its taps are dimensions of the generic,
// not loops (a loop, if any, walks blocks of input channels).
// IM2COL-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8) -> (d0, d7, d2 * 2 + d5, d3 + d6, d8)>
// IM2COL-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8) -> (d1, d5, d6, d7, d8, d4)>
// IM2COL-LABEL: func.func @conv1(
//       IM2COL:   tensor.collapse_shape %{{.+}} {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<1x229x112x1x7x3xbf16> into tensor<1x229x112x21xbf16>
//       IM2COL:   %[[PIN:.+]] = linalg.pack %{{.+}} outer_dims_perm = [0, 3, 1, 2] inner_dims_pos = [3] inner_tiles = [8] into %{{.+}} : tensor<1x229x112x24xbf16> -> tensor<1x3x229x112x8xbf16>
//       IM2COL:   %[[PW:.+]] = linalg.pack %{{.+}} outer_dims_perm = [3, 0, 1, 2] inner_dims_pos = [2, 3] inner_tiles = [8, 4] into %{{.+}} : tensor<7x1x24x64xbf16> -> tensor<16x7x1x3x8x4xbf16>
//       IM2COL:   %[[R:.+]] = scf.forall
//       IM2COL:     linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #{{.+}}]
//  IM2COL-SAME:       ins(%{{.+}}, %{{.+}} : tensor<1x{{[0-9]+}}x{{[0-9]+}}x{{[0-9]+}}x8xbf16>, tensor<{{[0-9]+}}x7x1x{{[0-9]+}}x8x4xbf16>)
//       IM2COL:   strategy = "im2col-l1"
//       IM2COL:   linalg.unpack %[[R]] outer_dims_perm = [0, 3, 1, 2] inner_dims_pos = [3] inner_tiles = [4] into %{{.+}} : tensor<1x16x112x112x4xf32> -> tensor<1x112x112x64xf32>
//   IM2COL-NOT:   linalg.conv

// AUTO-LABEL: func.func @conv1(
//       AUTO:   device = "npu2"
//  AUTO-SAME:   strategy.requested = "auto"
func.func @conv1(%in: tensor<1x229x229x3xbf16>, %w: tensor<7x7x3x64xbf16>) -> tensor<1x112x112x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x112x112x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
         ins(%in, %w : tensor<1x229x229x3xbf16>, tensor<7x7x3x64xbf16>) outs(%f : tensor<1x112x112x64xf32>) -> tensor<1x112x112x64xf32>
  return %0 : tensor<1x112x112x64xf32>
}

// -----

// Output channels that are not a multiple of the micro-tile (5 -> 8 for
// i8's 4x8x8) are padded in the filter and the accumulator, the output width
// to whole 4-wide seed tiles (6 -> 8, so the input grows 8 -> 10), and the
// result is sliced back; a non-fill accumulator is padded too.
// SEED-LABEL: func.func @odd_channels(
//       SEED:   tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 2, 0]
//       SEED:   } : tensor<2x8x8x16xi8> to tensor<2x8x10x16xi8>
//       SEED:   tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 0, 3]
//       SEED:   } : tensor<3x3x16x5xi8> to tensor<3x3x16x8xi8>
//       SEED:   } : tensor<2x6x6x5xi32> to tensor<2x6x8x8xi32>
//       SEED:   %[[R:.+]] = scf.forall
//       SEED:   scf.for %{{.+}} = %c0 to %c16 step %c8
//       SEED:   tensor.extract_slice %[[R]][0, 0, 0, 0] [2, 6, 6, 5] [1, 1, 1, 1]
func.func @odd_channels(%in: tensor<2x8x8x16xi8>, %w: tensor<3x3x16x5xi8>, %acc: tensor<2x6x6x5xi32>) -> tensor<2x6x6x5xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<2x8x8x16xi8>, tensor<3x3x16x5xi8>) outs(%acc : tensor<2x6x6x5xi32>) -> tensor<2x6x6x5xi32>
  return %0 : tensor<2x6x6x5xi32>
}

// -----

// A 1x1 conv at unit stride on a 14 x 14 image (ResNet-50 res4b_b2a): as
// rows, 4-row tiles pad 14 rows to 16; as one row of 196 pixels, tiles of
// 52 pad 196 to 208, which the model prices faster. The input and the
// result are reshaped (the same bytes), the accumulator is filled in the
// new shape. The seed keeps the rows.
// SEED-LABEL: func.func @pixels_as_one_row(
//   SEED-NOT:   tensor.collapse_shape
//       SEED:   strategy = "seed"
// IM2COL-LABEL: func.func @pixels_as_one_row(
//       IM2COL:   %[[ROWS:.+]] = tensor.collapse_shape %arg0 {{\[}}[0], [1, 2], [3]] : tensor<1x14x14x1024xbf16> into tensor<1x196x1024xbf16>
//       IM2COL:   %[[ROW:.+]] = tensor.expand_shape %[[ROWS]] {{\[}}[0], [1, 2], [3]] output_shape [1, 1, 196, 1024]
//       IM2COL:   tensor.pad %[[ROW]] low[0, 0, 0, 0] high[0, 0, 12, 0]
//       IM2COL:   scf.forall ({{.+}}) = (0, 0, 0, 0) to (1, 64, 1, 208) step (1, 16, 1, 52)
//       IM2COL:     linalg.fill {{.+}} -> tensor<1x16x1x52x4xf32>
//       IM2COL:   l1.tile = "1x1x52x64"
//       IM2COL:   %[[OUT:.+]] = linalg.unpack {{.+}} -> tensor<1x1x196x256xf32>
//       IM2COL:   %[[PIXELS:.+]] = tensor.collapse_shape %[[OUT]] {{\[}}[0], [1, 2], [3]] : tensor<1x1x196x256xf32> into tensor<1x196x256xf32>
//       IM2COL:   %[[R:.+]] = tensor.expand_shape %[[PIXELS]] {{\[}}[0], [1, 2], [3]] output_shape [1, 14, 14, 256]
//       IM2COL:   return %[[R]]
func.func @pixels_as_one_row(%in: tensor<1x14x14x1024xbf16>, %w: tensor<1x1x1024x256xbf16>) -> tensor<1x14x14x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x14x14x256xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x14x14x1024xbf16>, tensor<1x1x1024x256xbf16>) outs(%f : tensor<1x14x14x256xf32>) -> tensor<1x14x14x256xf32>
  return %0 : tensor<1x14x14x256xf32>
}

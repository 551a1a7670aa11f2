// RUN: aieconv-opt %s --split-input-file --aieconv-tile-convs="strategy=im2col-l1" -verify-diagnostics | FileCheck %s

// A window whose taps lie 3000 pixels apart: no core holds the patch of
// even the smallest tile (two buffers of 4 + 6000 pixels x 16 channels),
// so im2col-l1 falls back to decompose (a 1x1-window conv per tap and
// step) and says so, when no other form of the conv fits either (its
// window does not fold: 16 input channels fill the ukernel's blocks).
// CHECK-LABEL: func.func @far_taps(
//       CHECK:   scf.forall
//       CHECK:     scf.for
//       CHECK:   strategy = "decompose", strategy.requested = "im2col-l1"
func.func @far_taps(%in: tensor<1x1x6100x16xi8>, %w: tensor<1x3x16x8xi8>, %acc: tensor<1x1x100x8xi32>) -> tensor<1x1x100x8xi32> {
  // expected-warning @below {{im2col-l1 cannot tile this convolution (no tiling fits; the smallest tile fails with: L1 needs 96576 bytes, more than the 64512 usable); using decompose}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 3000]> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x1x6100x16xi8>, tensor<1x3x16x8xi8>) outs(%acc : tensor<1x1x100x8xi32>) -> tensor<1x1x100x8xi32>
  return %0 : tensor<1x1x100x8xi32>
}

// -----

// At stride 3 a 1x1 conv runs under im2col-l1 itself: the conv ukernel
// takes any stride (each pixel its own load above 1).
// CHECK-LABEL: func.func @stride3(
//       CHECK:   scf.forall
//       CHECK:   strategy = "im2col-l1", strategy.requested = "im2col-l1"
func.func @stride3(%in: tensor<1x1x200x16xi8>, %w: tensor<1x1x16x8xi8>, %acc: tensor<1x1x67x8xi32>) -> tensor<1x1x67x8xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 3]> : vector<2xi64>}
         ins(%in, %w : tensor<1x1x200x16xi8>, tensor<1x1x16x8xi8>) outs(%acc : tensor<1x1x67x8xi32>) -> tensor<1x1x67x8xi32>
  return %0 : tensor<1x1x67x8xi32>
}

// -----

// A window of 7 columns at stride 3 folds whole into the channels (one
// copy whose input map reads the window), and the 1x1 conv over 7 x 16
// channels that is left runs under im2col-l1 faster than the conv as given,
// whose strided pixels the ukernel would load element by element (8 i8
// channels, narrower than a vector). (With 8 output channels, cores that
// share the weights along the one row of pixels run it faster as given.)
// CHECK-DAG: #[[$WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d3, d2 * 3 + d4, d5)>
// CHECK-LABEL: func.func @stride3_window(
//       CHECK:   linalg.generic {indexing_maps = [#[[$WINDOW]], #{{.+}}]{{.*}} ins(%arg0 : tensor<1x1x200x16xi8>) outs(%{{.+}} : tensor<1x1x65x1x7x16xi8>)
//       CHECK:   tensor.collapse_shape %{{.+}} {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<1x1x65x1x7x16xi8> into tensor<1x1x65x112xi8>
//       CHECK:   tensor.collapse_shape %arg1 {{\[}}[0, 1, 2], [3]] : tensor<1x7x16x32xi8> into tensor<112x32xi8>
//       CHECK:   scf.forall
//       CHECK:   strategy = "im2col-l1", strategy.requested = "im2col-l1"
//  CHECK-SAME:   form=folded-window
func.func @stride3_window(%in: tensor<1x1x200x16xi8>, %w: tensor<1x7x16x32xi8>, %acc: tensor<1x1x65x32xi32>) -> tensor<1x1x65x32xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 3]> : vector<2xi64>}
         ins(%in, %w : tensor<1x1x200x16xi8>, tensor<1x7x16x32xi8>) outs(%acc : tensor<1x1x65x32xi32>) -> tensor<1x1x65x32xi32>
  return %0 : tensor<1x1x65x32xi32>
}

// -----

// A patch embedding (4x4 window at stride 4, ConvNeXt's stem): the window
// tiles the image, so the gather is a reshape and one transpose (the rows
// and columns past the last whole patch sliced off), and the conv a 1x1
// over 4 x 4 x 3 channels.
// CHECK-LABEL: func.func @patches(
//       CHECK:   tensor.extract_slice %arg0[0, 0, 0, 0] [1, 32, 32, 3] [1, 1, 1, 1] : tensor<1x34x33x3xbf16> to tensor<1x32x32x3xbf16>
//       CHECK:   tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2], [3, 4], [5]] output_shape [1, 8, 4, 8, 4, 3]
//       CHECK:   linalg.transpose ins(%{{.+}} : tensor<1x8x4x8x4x3xbf16>) outs(%{{.+}} : tensor<1x8x8x4x4x3xbf16>) permutation = [0, 1, 3, 2, 4, 5]
//       CHECK:   tensor.collapse_shape %{{.+}} {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<1x8x8x4x4x3xbf16> into tensor<1x8x8x48xbf16>
//       CHECK:   strategy = "im2col-l1"
//  CHECK-SAME:   form=folded-window
func.func @patches(%in: tensor<1x34x33x3xbf16>, %w: tensor<4x4x3x96xbf16>, %acc: tensor<1x8x8x96xf32>) -> tensor<1x8x8x96xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<4> : vector<2xi64>}
         ins(%in, %w : tensor<1x34x33x3xbf16>, tensor<4x4x3x96xbf16>) outs(%acc : tensor<1x8x8x96xf32>) -> tensor<1x8x8x96xf32>
  return %0 : tensor<1x8x8x96xf32>
}

// -----

// The same embedding on a 40 x 40 image: 10 x 10 patches, a width no
// multiple of the micro-tile's 4 pixels. Folded, the 1x1 conv's pixels
// are taken as one row of 100 (`form=folded-window-one-row`): the gather
// as above, then reshapes of the same bytes, and tiles of 4 pixels that
// pad no row of patches.
// CHECK-LABEL: func.func @patch_rows(
//       CHECK:   linalg.transpose ins(%{{.+}} : tensor<1x10x4x10x4x3xbf16>) outs(%{{.+}} : tensor<1x10x10x4x4x3xbf16>) permutation = [0, 1, 3, 2, 4, 5]
//       CHECK:   tensor.collapse_shape %{{.+}} {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<1x10x10x4x4x3xbf16> into tensor<1x10x10x48xbf16>
//       CHECK:   tensor.collapse_shape %{{.+}} {{\[}}[0], [1, 2], [3]] : tensor<1x10x10x48xbf16> into tensor<1x100x48xbf16>
//       CHECK:   scf.forall {{.*}} to (1, 16, 1, 100) step (1, 4, 1, 4)
//       CHECK:   strategy = "im2col-l1"
//  CHECK-SAME:   form=folded-window-one-row
func.func @patch_rows(%in: tensor<1x40x40x3xbf16>, %w: tensor<4x4x3x64xbf16>, %acc: tensor<1x10x10x64xf32>) -> tensor<1x10x10x64xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<4> : vector<2xi64>}
         ins(%in, %w : tensor<1x40x40x3xbf16>, tensor<4x4x3x64xbf16>) outs(%acc : tensor<1x10x10x64xf32>) -> tensor<1x10x10x64xf32>
  return %0 : tensor<1x10x10x64xf32>
}

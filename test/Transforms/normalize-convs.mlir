// RUN: aieconv-opt %s --split-input-file --aieconv-normalize-convs | FileCheck %s

// CHECK-LABEL: func.func @nchw(
//  CHECK-SAME:   %[[IN:.+]]: tensor<2x8x10x21xbf16>, %[[W:.+]]: tensor<16x8x3x3xbf16>
//       CHECK:   %[[NHWC:.+]] = linalg.transpose ins(%[[IN]] : tensor<2x8x10x21xbf16>) outs(%{{.+}} : tensor<2x10x21x8xbf16>) permutation = [0, 2, 3, 1]
//       CHECK:   %[[HWCF:.+]] = linalg.transpose ins(%[[W]] : tensor<16x8x3x3xbf16>) outs(%{{.+}} : tensor<3x3x8x16xbf16>) permutation = [2, 3, 1, 0]
//       CHECK:   %[[FILL:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x8x10x16xf32>)
//       CHECK:   %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>}
//  CHECK-SAME:     ins(%[[NHWC]], %[[HWCF]] : tensor<2x10x21x8xbf16>, tensor<3x3x8x16xbf16>) outs(%[[FILL]] : tensor<2x8x10x16xf32>)
//       CHECK:   %[[BACK:.+]] = linalg.transpose ins(%[[CONV]] : tensor<2x8x10x16xf32>) outs(%{{.+}} : tensor<2x16x8x10xf32>) permutation = [0, 3, 1, 2]
//       CHECK:   return %[[BACK]]
//   CHECK-NOT:   linalg.conv_2d_nchw_fchw
func.func @nchw(%in: tensor<2x8x10x21xbf16>, %w: tensor<16x8x3x3xbf16>) -> tensor<2x16x8x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x8x10xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x8x10xf32>) -> tensor<2x16x8x10xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>}
         ins(%in, %w : tensor<2x8x10x21xbf16>, tensor<16x8x3x3xbf16>) outs(%acc : tensor<2x16x8x10xf32>) -> tensor<2x16x8x10xf32>
  return %0 : tensor<2x16x8x10xf32>
}

// -----

// An accumulator that is not a fill is transposed like the operands.
// CHECK-LABEL: func.func @nchw_with_init(
//  CHECK-SAME:   %[[ACC:[^ :]+]]: tensor<1x4x2x2xi32>
//       CHECK:   linalg.transpose ins(%[[ACC]] : tensor<1x4x2x2xi32>) outs(%{{.+}} : tensor<1x2x2x4xi32>) permutation = [0, 2, 3, 1]
//       CHECK:   linalg.conv_2d_nhwc_hwcf
func.func @nchw_with_init(%in: tensor<1x8x4x4xi8>, %w: tensor<4x8x3x3xi8>, %acc: tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x8x4x4xi8>, tensor<4x8x3x3xi8>) outs(%acc : tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi32>
  return %0 : tensor<1x4x2x2xi32>
}

// -----

// CHECK-LABEL: func.func @conv1d(
//  CHECK-SAME:   %[[IN:.+]]: tensor<3x103x8xi8>, %[[W:.+]]: tensor<5x8x16xi8>
//       CHECK:   %[[IN2:.+]] = tensor.expand_shape %[[IN]] {{\[}}[0], [1, 2], [3]] output_shape [3, 1, 103, 8] : tensor<3x103x8xi8> into tensor<3x1x103x8xi8>
//       CHECK:   %[[W2:.+]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3]] output_shape [1, 5, 8, 16] : tensor<5x8x16xi8> into tensor<1x5x8x16xi8>
//       CHECK:   %[[FILL:.+]] = linalg.fill ins(%{{.+}} : i32) outs(%{{.+}} : tensor<3x1x48x16xi32>)
//       CHECK:   %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 2]> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>}
//  CHECK-SAME:     ins(%[[IN2]], %[[W2]] : tensor<3x1x103x8xi8>, tensor<1x5x8x16xi8>) outs(%[[FILL]] : tensor<3x1x48x16xi32>)
//       CHECK:   %[[OUT:.+]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3]] : tensor<3x1x48x16xi32> into tensor<3x48x16xi32>
//       CHECK:   return %[[OUT]]
func.func @conv1d(%in: tensor<3x103x8xi8>, %w: tensor<5x8x16xi8>) -> tensor<3x48x16xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x48x16xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%e : tensor<3x48x16xi32>) -> tensor<3x48x16xi32>
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<2> : vector<1xi64>, strides = dense<2> : vector<1xi64>}
         ins(%in, %w : tensor<3x103x8xi8>, tensor<5x8x16xi8>) outs(%acc : tensor<3x48x16xi32>) -> tensor<3x48x16xi32>
  return %0 : tensor<3x48x16xi32>
}

// -----

// Already channels-last, depthwise, and buffers: left alone.
// CHECK-LABEL: func.func @left_alone(
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   linalg.depthwise_conv_2d_nhwc_hwc
//       CHECK:   linalg.conv_1d_nwc_wcf
func.func @left_alone(%in: tensor<1x4x4x8xbf16>, %w: tensor<1x1x8x8xbf16>, %acc: tensor<1x4x4x8xf32>,
                      %dw: tensor<1x1x8xbf16>, %min: memref<1x4x8xbf16>, %mw: memref<1x8x4xbf16>, %macc: memref<1x4x4xf32>)
    -> (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x4x4x8xbf16>, tensor<1x1x8x8xbf16>) outs(%acc : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %1 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %dw : tensor<1x4x4x8xbf16>, tensor<1x1x8xbf16>) outs(%acc : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
    ins(%min, %mw : memref<1x4x8xbf16>, memref<1x8x4xbf16>) outs(%macc : memref<1x4x4xf32>)
  return %0, %1 : tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>
}

// -----

// A strided 1x1 conv (ResNet-50 res3a_b1's shape, smaller) reads only every
// second row and column: the input is gathered and the conv runs at stride 1.
// CHECK-LABEL: func.func @strided_1x1(
//  CHECK-SAME:   %[[IN:[^ :]+]]: tensor<1x8x8x16xi8>
//       CHECK:   %[[G:.+]] = tensor.extract_slice %[[IN]][0, 0, 0, 0] [1, 4, 4, 16] [1, 2, 2, 1] : tensor<1x8x8x16xi8> to tensor<1x4x4x16xi8>
//       CHECK:   linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
//  CHECK-SAME:     ins(%[[G]], %{{.+}} : tensor<1x4x4x16xi8>, tensor<1x1x16x32xi8>)
func.func @strided_1x1(%in: tensor<1x8x8x16xi8>, %w: tensor<1x1x16x32xi8>, %acc: tensor<1x4x4x32xi32>) -> tensor<1x4x4x32xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
         ins(%in, %w : tensor<1x8x8x16xi8>, tensor<1x1x16x32xi8>) outs(%acc : tensor<1x4x4x32xi32>) -> tensor<1x4x4x32xi32>
  return %0 : tensor<1x4x4x32xi32>
}

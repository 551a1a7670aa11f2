// RUN: aieconv-opt %s --aieconv-tile-convs="strategy=im2col-l1" -verify-diagnostics | FileCheck %s

// The conv ukernel takes strides 1 and 2; at stride 3 im2col-l1 falls back to
// decompose (tap loops, a 1x1-window conv per step) and says so.
// CHECK-LABEL: func.func @stride3(
//       CHECK:   scf.forall
//       CHECK:     scf.for
//       CHECK:       scf.for
//       CHECK:   strategy = "decompose", strategy.requested = "im2col-l1"
func.func @stride3(%in: tensor<1x1x200x16xi8>, %w: tensor<1x7x16x8xi8>, %acc: tensor<1x1x65x8xi32>) -> tensor<1x1x65x8xi32> {
  // expected-warning @below {{im2col-l1 cannot tile this convolution (no tiling fits; the smallest tile fails with: strideW=3 is not 1 or 2); using decompose}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 3]> : vector<2xi64>}
         ins(%in, %w : tensor<1x1x200x16xi8>, tensor<1x7x16x8xi8>) outs(%acc : tensor<1x1x65x8xi32>) -> tensor<1x1x65x8xi32>
  return %0 : tensor<1x1x65x8xi32>
}

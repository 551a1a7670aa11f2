// RUN: aieconv-opt %s --split-input-file --aieconv-conv-to-matmul="strict=true" -verify-diagnostics

func.func @window_3x3(%in: tensor<1x6x6x8xbf16>, %w: tensor<3x3x8x4xbf16>, %acc: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @below {{convolution cannot become a matmul: filter window is not 1 (a filter loop has 3 taps)}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x6x6x8xbf16>, tensor<3x3x8x4xbf16>) outs(%acc : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @conv1d_width_3(%in: memref<1x6x8xi8>, %w: memref<3x8x8xi8>, %acc: memref<1x4x8xi32>) {
  // expected-error @below {{filter window is not 1 (a filter loop has 3 taps)}}
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
    ins(%in, %w : memref<1x6x8xi8>, memref<3x8x8xi8>) outs(%acc : memref<1x4x8xi32>)
  return
}

// -----

func.func @depthwise(%in: tensor<1x4x4x8xbf16>, %w: tensor<1x1x8xbf16>, %acc: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @below {{depthwise convolution: each channel is its own reduction, not a matmul}}
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x4x4x8xbf16>, tensor<1x1x8xbf16>) outs(%acc : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

func.func @dynamic_batch(%in: tensor<?x4x8xbf16>, %w: tensor<1x8x4xbf16>, %acc: tensor<?x4x4xf32>) -> tensor<?x4x4xf32> {
  // expected-error @below {{convolution cannot become a matmul: dynamic shapes}}
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<?x4x8xbf16>, tensor<1x8x4xbf16>) outs(%acc : tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
  return %0 : tensor<?x4x4xf32>
}

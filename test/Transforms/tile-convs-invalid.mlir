// RUN: aieconv-opt %s --split-input-file --aieconv-tile-convs -verify-diagnostics
// RUN: not aieconv-opt %s --split-input-file --aieconv-tile-convs="device=npu3" 2>&1 | FileCheck %s --check-prefix=DEVICE
// RUN: not aieconv-opt %s --split-input-file --aieconv-tile-convs="strategy=fast" 2>&1 | FileCheck %s --check-prefix=STRATEGY

// DEVICE: unknown device 'npu3' (expected npu1 or npu2)
// STRATEGY: unknown strategy 'fast' (expected auto, seed, decompose or im2col-l1)

func.func @f16_conv(%in: tensor<1x6x6x8xf16>, %w: tensor<3x3x8x8xf16>, %acc: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @below {{cannot tile this convolution: element types must be bf16 x bf16 -> f32 or i8 x i8 -> i32}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x6x6x8xf16>, tensor<3x3x8x8xf16>) outs(%acc : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

func.func @dynamic_conv(%in: tensor<?x6x6x8xbf16>, %w: tensor<3x3x8x8xbf16>, %acc: tensor<?x4x4x8xf32>) -> tensor<?x4x4x8xf32> {
  // expected-error @below {{cannot tile this convolution: only static convolutions on tensors are tiled}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<?x6x6x8xbf16>, tensor<3x3x8x8xbf16>) outs(%acc : tensor<?x4x4x8xf32>) -> tensor<?x4x4x8xf32>
  return %0 : tensor<?x4x4x8xf32>
}

// -----

func.func @conv_on_buffers(%in: memref<1x6x6x8xbf16>, %w: memref<3x3x8x8xbf16>, %acc: memref<1x4x4x8xf32>) {
  // expected-error @below {{cannot tile this convolution: only static convolutions on tensors are tiled}}
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%in, %w : memref<1x6x6x8xbf16>, memref<3x3x8x8xbf16>) outs(%acc : memref<1x4x4x8xf32>)
  return
}

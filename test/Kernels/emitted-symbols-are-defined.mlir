// Every call the ukernel lowering emits names a symbol that the ukernel
// library defines: the pipeline's output for a matmul-based, a conv-ukernel
// and a depthwise layer, bf16 and i8, on both devices, passes the check, and
// each declared ukernel gets its AIE source.
// RUN: rm -rf %t && mkdir -p %t
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=decompose" --aieconv-emit-ukernel-sources="output-dir=%t/decompose" -o /dev/null
// RUN: ls %t/decompose | FileCheck %s --check-prefix=DECOMPOSE
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=im2col-l1 device=npu2" --aieconv-emit-ukernel-sources="output-dir=%t/im2col" -o /dev/null
// RUN: ls %t/im2col | FileCheck %s --check-prefix=IM2COL
// RUN: aieconv-opt %s --aieconv-pipeline="strategy=seed" --aieconv-emit-ukernel-sources -o /dev/null
// RUN: FileCheck %s --input-file=%t/decompose/$(ls %t/decompose | grep '^matmul_bf16' | head -1) --check-prefix=SOURCE

// DECOMPOSE-DAG: dwconv2d_bf16_bf16_f32_{{.+}}_1x1_s1x1_d1x1_16.cc
// DECOMPOSE-DAG: matmul_bf16_bf16_f32_{{[0-9x]+}}_4x8x4.cc
// DECOMPOSE-DAG: matmul_i8_i8_i32_{{[0-9x]+}}_4x8x8.cc
// DECOMPOSE-DAG: zero_f32_{{[0-9x]+}}_4x4.cc
// DECOMPOSE-DAG: zero_i32_{{[0-9x]+}}_4x8.cc

// IM2COL-DAG: conv2d_bf16_bf16_f32_{{[0-9x]+}}_3x3x{{[0-9]+}}_s1x1_d1x1_4x8x8.cc
// IM2COL-DAG: conv2d_i8_i8_i32_{{[0-9x]+}}_3x3x{{[0-9]+}}_s1x1_d1x1_8x8x8{{(_init)?}}.cc
// IM2COL-DAG: dwconv2d_bf16_bf16_f32_{{.+}}_3x3_s1x1_d1x1_16.cc

// The source of one call: the kernel template, instantiated for the shape.
// SOURCE: chess_prepare_for_pipelining
// SOURCE: extern "C"

func.func @bf16_3x3(%in: tensor<1x18x18x32xbf16>, %w: tensor<3x3x32x32xbf16>) -> tensor<1x16x16x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x16x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x18x18x32xbf16>, tensor<3x3x32x32xbf16>) outs(%f : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  return %0 : tensor<1x16x16x32xf32>
}

func.func @i8_3x3(%in: tensor<1x10x10x16xi8>, %w: tensor<3x3x16x64xi8>) -> tensor<1x8x8x64xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x8x8x64xi32>
  %f = linalg.fill ins(%z : i32) outs(%e : tensor<1x8x8x64xi32>) -> tensor<1x8x8x64xi32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x10x10x16xi8>, tensor<3x3x16x64xi8>) outs(%f : tensor<1x8x8x64xi32>) -> tensor<1x8x8x64xi32>
  return %0 : tensor<1x8x8x64xi32>
}

func.func @depthwise(%in: tensor<1x18x18x32xbf16>, %w: tensor<3x3x32xbf16>) -> tensor<1x16x16x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x16x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x18x18x32xbf16>, tensor<3x3x32xbf16>) outs(%f : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  return %0 : tensor<1x16x16x32xf32>
}

// A user's file: the spec is read off the IR (the tensor.pad becomes pad=1),
// the function is compiled, run and checked; the report says so.

// RUN: aieconv run %s --seed 3 | FileCheck %s
// CHECK: layer     op=conv2d_nhwc_hwcf,type=bf16,n=1,ih=6,iw=6,ic=8,oc=8,kh=3,kw=3,stride=1,dilation=1,pad=1
// CHECK: source    {{.*}}run-file.mlir (function @layer)
// CHECK: target    device npu1, strategy auto, pipeline through 'bufferize'
// CHECK: macs      20736
// CHECK: schedule  strategy {{[a-z0-9-]+}}, planned L1
// CHECK-NEXT: tile      th={{[0-9]+}},tw={{[0-9]+}},toc={{[0-9]+}},icb={{[0-9]+}},{{.*}}split={{rows|channels}}
// CHECK: ukernels
// CHECK: memory    L1 {{[0-9]+}} B, L2 {{[0-9]+}} B
// CHECK: result    MATCH (correct: 288 elements;

func.func @layer(%input: tensor<1x6x6x8xbf16>, %filter: tensor<3x3x8x8xbf16>) -> tensor<1x6x6x8xf32> {
  %zero = arith.constant 0.0 : bf16
  %padded = tensor.pad %input low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%n: index, %h: index, %w: index, %c: index):
    tensor.yield %zero : bf16
  } : tensor<1x6x6x8xbf16> to tensor<1x8x8x8xbf16>
  %empty = tensor.empty() : tensor<1x6x6x8xf32>
  %fzero = arith.constant 0.0 : f32
  %acc = linalg.fill ins(%fzero : f32) outs(%empty : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  %conv = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %filter : tensor<1x8x8x8xbf16>, tensor<3x3x8x8xbf16>)
    outs(%acc : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  return %conv : tensor<1x6x6x8xf32>
}

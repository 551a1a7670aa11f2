// --until none runs the conv as given (no pipeline stage): the host lowering
// (bufferization, pad, loops) and the reference are checked on their own.

// RUN: aieconv run %s --until none --json | FileCheck %s
// RUN: aieconv run --until none --json --conv "op=conv2d_nhwc_hwcf,n=2,ih=7,iw=9,ic=8,oc=4,kh=3,kw=2,sh=2,dw=2,ph=1,pw=2" | FileCheck %s
// RUN: aieconv run --until none --json --conv "op=depthwise_nhwc_hwc,type=i8,ih=7,iw=9,ic=8,kh=3,kw=3,dilation=2,pad=1" | FileCheck %s
// RUN: aieconv run --until none --json --conv "op=conv1d_nwc_wcf,n=2,iw=9,ic=8,oc=4,kw=3,stride=2,pad=1" | FileCheck %s
// CHECK-DAG: "correct": true
// CHECK-DAG: "ukernel_calls": 0
// CHECK-DAG: "last_stage": "none"

func.func @nchw(%input: tensor<2x3x5x5xi8>, %filter: tensor<4x3x3x3xi8>) -> tensor<2x4x3x3xi32> {
  %zero = arith.constant 0 : i32
  %empty = tensor.empty() : tensor<2x4x3x3xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%empty : tensor<2x4x3x3xi32>) -> tensor<2x4x3x3xi32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %filter : tensor<2x3x5x5xi8>, tensor<4x3x3x3xi8>)
    outs(%acc : tensor<2x4x3x3xi32>) -> tensor<2x4x3x3xi32>
  return %conv : tensor<2x4x3x3xi32>
}

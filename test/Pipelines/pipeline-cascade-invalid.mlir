// A schedule that claims a cascade of 2 cores over a reduction loop of 4
// steps (the tiling's record edited after the tile stage): the ukernel
// lowering refuses to give the calls chain places that the loop cannot have.
// RUN: aieconv-opt %s --aieconv-stage-tile="strategy=im2col-l1 tile={th=1,tw=28,toc=64,icb=128,acc=2,resident=1,cores=cascade}" \
// RUN:   | sed 's/grid.rows = "4"/grid.rows = "2"/' \
// RUN:   | not aieconv-opt --aieconv-stage-pack --aieconv-stage-ukernel --aieconv-stage-bufferize 2>&1 | FileCheck %s

// CHECK: error: the schedule chains this reduction over a cascade of 2 cores, one step each, but the call is not in a reduction loop of 2 static steps
func.func @cascade(%in: tensor<1x28x28x512xbf16>, %w: tensor<1x1x512x128xbf16>) -> tensor<1x28x28x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x28x28x128xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x28x28x512xbf16>, tensor<1x1x512x128xbf16>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  return %0 : tensor<1x28x28x128xf32>
}

// A tiling given by hand (`tile`) instead of the search: the core loop takes
// its sizes, the schedule records it in the form the option reads, with the
// defaults filled in; a tiling the cost model refuses is refused with its
// reason.
// RUN: aieconv-opt %s --aieconv-tile-convs="strategy=im2col-l1 tile={th=1,tw=28,toc=32,icb=128,acc=2}" | FileCheck %s
// RUN: not aieconv-opt %s --aieconv-tile-convs="tile={th=1,tw=28,toc=32,icb=128}" 2>&1 | FileCheck %s --check-prefix=AUTO
// RUN: not aieconv-opt %s --aieconv-tile-convs="strategy=decompose tile={th=1,tw=28,icb=128}" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not aieconv-opt %s --aieconv-tile-convs="strategy=decompose tile={th=1,tw=28,toc=32,icb=128,cores=all}" 2>&1 | FileCheck %s --check-prefix=CORES
// RUN: not aieconv-opt %s --aieconv-tile-convs="strategy=im2col-l1 tile={th=1,tw=28,toc=32,icb=100}" 2>&1 | FileCheck %s --check-prefix=ILLEGAL

// Output channels in blocks of t = 4: 32 channels are 8 blocks per core.
// CHECK-LABEL: func.func @pointwise(
//       CHECK:   scf.forall ({{.+}}) = (0, 0, 0, 0) to (1, 32, 28, 28) step (1, 8, 1, 28)
//       CHECK:   aieconv.schedule = {{{.*}}l1.ic_block = "128"{{.*}}strategy = "im2col-l1"{{.*}}tile = "th=1,tw=28,toc=32,icb=128,acc=2,resident=0,l2icb=0,columns=4,rows=4,cores=share-input,split=rows"

// AUTO: a fixed tile needs strategy decompose or im2col-l1, not 'auto'
// MISSING: bad tile 'th=1,tw=28,icb=128': 'toc' is required
// CORES: 'cores' is share-input, share-weights or cascade, not 'all'
// ILLEGAL: tile 'th=1,tw=28,toc=32,icb=100' does not fit this convolution: icb=100 must be a multiple of s=8

func.func @pointwise(%in: tensor<1x28x28x512xbf16>, %w: tensor<1x1x512x128xbf16>) -> tensor<1x28x28x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x28x28x128xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
         ins(%in, %w : tensor<1x28x28x512xbf16>, tensor<1x1x512x128xbf16>) outs(%f : tensor<1x28x28x128xf32>) -> tensor<1x28x28x128xf32>
  return %0 : tensor<1x28x28x128xf32>
}

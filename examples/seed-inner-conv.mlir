// The op that conv tiling leaves in the innermost loop (kh, kw and IC steps
// of 8): a 1-wide conv_1d on a 1x4x8 input tile and a 1x8x4 filter tile.
func.func @seed_inner_conv(%in: tensor<1x4x8xbf16>, %w: tensor<1x8x4xbf16>, %acc: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<1x4x8xbf16>, tensor<1x8x4xbf16>) outs(%acc : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// Six output positions: M=6 is not a multiple of the 4-row micro-tile, so no
// variant fits; the op stays for the default path and a remark says why.
func.func @no_variant_fits(%in: tensor<1x6x8xbf16>, %w: tensor<1x8x4xbf16>, %acc: tensor<1x6x4xf32>) -> tensor<1x6x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
         ins(%in, %w : tensor<1x6x8xbf16>, tensor<1x8x4xbf16>) outs(%acc : tensor<1x6x4xf32>) -> tensor<1x6x4xf32>
  return %0 : tensor<1x6x4xf32>
}

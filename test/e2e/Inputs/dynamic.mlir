func.func @conv(%input: tensor<?x6x6x8xbf16>, %filter: tensor<3x3x8x4xbf16>,
                %init: tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf
    ins(%input, %filter : tensor<?x6x6x8xbf16>, tensor<3x3x8x4xbf16>)
    outs(%init : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  return %0 : tensor<?x4x4x4xf32>
}

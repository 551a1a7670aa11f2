func.func @conv(%input: tensor<1x6x6x8xf64>, %filter: tensor<3x3x8x4xf64>) -> tensor<1x4x4x4xf64> {
  %zero = arith.constant 0.0 : f64
  %empty = tensor.empty() : tensor<1x4x4x4xf64>
  %acc = linalg.fill ins(%zero : f64) outs(%empty : tensor<1x4x4x4xf64>) -> tensor<1x4x4x4xf64>
  %0 = linalg.conv_2d_nhwc_hwcf
    ins(%input, %filter : tensor<1x6x6x8xf64>, tensor<3x3x8x4xf64>)
    outs(%acc : tensor<1x4x4x4xf64>) -> tensor<1x4x4x4xf64>
  return %0 : tensor<1x4x4x4xf64>
}

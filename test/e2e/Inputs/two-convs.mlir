func.func @conv(%input: tensor<1x4x4x8xi8>, %filter: tensor<1x1x8x8xi8>) -> tensor<1x4x4x8xi32> {
  %zero = arith.constant 0 : i32
  %empty = tensor.empty() : tensor<1x4x4x8xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%empty : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %0 = linalg.conv_2d_nhwc_hwcf
    ins(%input, %filter : tensor<1x4x4x8xi8>, tensor<1x1x8x8xi8>)
    outs(%acc : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %1 = linalg.conv_2d_nhwc_hwcf
    ins(%input, %filter : tensor<1x4x4x8xi8>, tensor<1x1x8x8xi8>)
    outs(%0 : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  return %1 : tensor<1x4x4x8xi32>
}

// The accumulator starts at 1 instead of 0: every output is off by one.
func.func @conv(%input: tensor<1x4x4x8xi8>, %filter: tensor<1x1x8x8xi8>) -> tensor<1x4x4x8xi32> {
  %one = arith.constant 1 : i32
  %empty = tensor.empty() : tensor<1x4x4x8xi32>
  %acc = linalg.fill ins(%one : i32) outs(%empty : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  %conv = linalg.conv_2d_nhwc_hwcf
    ins(%input, %filter : tensor<1x4x4x8xi8>, tensor<1x1x8x8xi8>)
    outs(%acc : tensor<1x4x4x8xi32>) -> tensor<1x4x4x8xi32>
  return %conv : tensor<1x4x4x8xi32>
}

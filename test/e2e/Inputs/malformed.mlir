func.func @conv(%input: tensor<1x4x4x8xbf16>) -> tensor<1x4x4x8xf32> {
  %0 = tensor.empty() : tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32
}

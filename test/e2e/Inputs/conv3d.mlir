func.func @conv(%input: tensor<1x4x4x4x8xi8>, %filter: tensor<1x1x1x8x8xi8>,
                %init: tensor<1x4x4x4x8xi32>) -> tensor<1x4x4x4x8xi32> {
  %0 = linalg.conv_3d_ndhwc_dhwcf
    ins(%input, %filter : tensor<1x4x4x4x8xi8>, tensor<1x1x1x8x8xi8>)
    outs(%init : tensor<1x4x4x4x8xi32>) -> tensor<1x4x4x4x8xi32>
  return %0 : tensor<1x4x4x4x8xi32>
}

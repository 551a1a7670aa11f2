//===- ReferenceConv.h - Independent reference convolution ------*- C++ -*-===//
//
// The convolution every compiled layer is checked against: plain loops over
// the definition, sharing no code with the compiler or the ukernels. Operand
// layouts are those of the linalg named ops (row-major, innermost last):
//
//   conv2d_nhwc_hwcf    input [N][IH][IW][C]  filter [KH][KW][C][F]
//                       output [N][OH][OW][F]
//   conv2d_nchw_fchw    input [N][C][IH][IW]  filter [F][C][KH][KW]
//                       output [N][F][OH][OW]
//   depthwise_nhwc_hwc  input [N][IH][IW][C]  filter [KH][KW][C]
//                       output [N][OH][OW][C]
//   conv1d_nwc_wcf      input [N][IW][C]      filter [KW][C][F]
//                       output [N][OW][F]
//
// Inputs are passed unpadded: the spec's zero padding is applied implicitly
// by skipping taps outside the input. Output position (oy, ox), tap (ky, kx)
// reads input row oy * sh - ph + ky * dh and column ox * sw - pw + kx * dw.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_RUNTIME_REFERENCECONV_H
#define AIECONV_RUNTIME_REFERENCECONV_H

#include "aieconv/Spec/ConvSpec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aieconv {

/// Reference result of a bf16 layer.
struct BF16Reference {
  /// The outputs, computed in double. Each product of two bf16 values is
  /// exact in double and the double sum is far more accurate than the f32
  /// accumulation being checked; its remaining error is accounted for by the
  /// tolerance (see Compare.h).
  std::vector<double> value;
  /// Per output element, the sum of |product| over its taps: the scale of
  /// the rounding error a floating-point accumulation may commit.
  std::vector<double> absSum;
  /// Empty on success; otherwise why nothing was computed.
  std::string error;
  bool ok() const { return error.empty(); }
};

/// Reference result of an i8 layer: exact i32 outputs.
struct I8Reference {
  std::vector<int32_t> value;
  /// Empty on success; otherwise why nothing was computed (including an
  /// output that does not fit in int32).
  std::string error;
  bool ok() const { return error.empty(); }
};

/// bf16 inputs as bit patterns (see BF16.h). Fails if the spec is not a
/// valid layer or the operand sizes differ from spec.inputElements() and
/// spec.filterElements().
BF16Reference referenceConvBF16(const ConvSpec &spec,
                                const std::vector<uint16_t> &input,
                                const std::vector<uint16_t> &filter);

/// i8 inputs; accumulates exactly in int64_t and fails if an output does not
/// fit in int32_t (instead of wrapping like the hardware would).
I8Reference referenceConvI8(const ConvSpec &spec,
                            const std::vector<int8_t> &input,
                            const std::vector<int8_t> &filter);

} // namespace aieconv

#endif // AIECONV_RUNTIME_REFERENCECONV_H

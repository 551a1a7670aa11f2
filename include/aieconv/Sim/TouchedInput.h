//===- TouchedInput.h - Input elements a convolution reads ------*- C++ -*-===//
//
// The roofline (SimReport.h) counts compulsory DDR traffic: the input
// elements the convolution touches (a strided 1x1 conv skips rows and
// columns; the zero padding is not in DDR), the weights and the outputs,
// once each. The scheduled IR no longer holds the conv, so its geometry is
// recovered from the function's operand shapes: the channel sizes tell the
// layout (NHWC/HWCF, NCHW/FCHW, depthwise NHWC/HWC, NWC/WCF), and per spatial
// dimension the smallest stride s and padding p < k with
// out = (in + 2p - k) / s + 1 (dilation 1) give the rows read.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_TOUCHEDINPUT_H
#define AIECONV_SIM_TOUCHEDINPUT_H

#include <cstdint>
#include <optional>
#include <vector>

namespace aieconv::sim {

/// Input elements read by a conv with these operand shapes, or nothing
/// when the shapes match none of the layouts.
std::optional<int64_t> touchedInputElements(const std::vector<int64_t> &input,
                                            const std::vector<int64_t> &filter,
                                            const std::vector<int64_t> &output);

/// Indices of [0, in) a window of k taps reads for `out` outputs, or
/// nothing when no stride and padding fit.
std::optional<int64_t> touchedExtent(int64_t in, int64_t k, int64_t out);

} // namespace aieconv::sim

#endif // AIECONV_SIM_TOUCHEDINPUT_H

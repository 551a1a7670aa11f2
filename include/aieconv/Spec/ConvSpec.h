//===- ConvSpec.h - One convolution layer, as data --------------*- C++ -*-===//
//
// A convolution described by the SPEC text of the driver and the bench suites
// (`op=conv2d_nhwc_hwcf,n=1,ih=56,iw=56,ic=64,oc=64,kh=3,kw=3,pad=1`). The
// driver builds IR from it, the reference convolution computes it, the tile
// search sizes it. Plain C++17, no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SPEC_CONVSPEC_H
#define AIECONV_SPEC_CONVSPEC_H

#include <cstdint>
#include <string>

namespace aieconv {

enum class ConvOp : uint8_t {
  Conv2dNhwcHwcf,    ///< "conv2d_nhwc_hwcf"
  Conv2dNchwFchw,    ///< "conv2d_nchw_fchw"
  DepthwiseNhwcHwc,  ///< "depthwise_nhwc_hwc" (no oc: one filter per channel)
  Conv1dNwcWcf,      ///< "conv1d_nwc_wcf" (uses iw and kw; ih = kh = 1)
};

/// Element types of a layer: bf16 inputs with f32 accumulation and output, or
/// i8 inputs with i32 output.
enum class ConvType : uint8_t { BF16, I8 };

struct ConvSpec {
  std::string name;   ///< optional, from a suite line "name: ..."
  ConvOp op = ConvOp::Conv2dNhwcHwcf;
  ConvType type = ConvType::BF16;
  int64_t n = 1;
  int64_t ih = 1, iw = 1; ///< input height and width, before padding
  int64_t ic = 1, oc = 1; ///< oc == ic for depthwise
  int64_t kh = 1, kw = 1;
  int64_t sh = 1, sw = 1; ///< strides
  int64_t dh = 1, dw = 1; ///< dilations
  int64_t ph = 0, pw = 0; ///< zero padding on each side
  /// Whether the conv adds onto a given output (its init is not a zero
  /// fill); no SPEC sets it, the compiler reads it off the IR.
  bool accumulates = false;
  /// Rows and columns of zeros around the data that the input already
  /// carries (a pad before the conv; the compiler reads them off the IR,
  /// no SPEC sets them): the DMAs need not move them.
  int64_t zeroRows = 0, zeroCols = 0;

  /// Output height and width: (in + 2 pad - dilation (k - 1) - 1) / stride + 1.
  int64_t oh() const { return (ih + 2 * ph - dh * (kh - 1) - 1) / sh + 1; }
  int64_t ow() const { return (iw + 2 * pw - dw * (kw - 1) - 1) / sw + 1; }
  /// Multiply-accumulates of the layer.
  int64_t macs() const {
    int64_t perOutput = kh * kw * (op == ConvOp::DepthwiseNhwcHwc ? 1 : ic);
    return n * oh() * ow() * oc * perOutput;
  }

  /// Operand sizes in elements, for buffers (layouts in ReferenceConv.h).
  /// parseConvSpec guarantees that these and macs() fit in int64_t.
  int64_t inputElements() const { return n * ih * iw * ic; }
  int64_t filterElements() const {
    return kh * kw * ic * (op == ConvOp::DepthwiseNhwcHwc ? 1 : oc);
  }
  int64_t outputElements() const { return n * oh() * ow() * oc; }
  /// Products summed into one output element (taps in the padding included):
  /// what the accumulation error bound of a layer depends on.
  int64_t reductionSize() const {
    return kh * kw * (op == ConvOp::DepthwiseNhwcHwc ? 1 : ic);
  }

  bool operator==(const ConvSpec &o) const {
    return name == o.name && op == o.op && type == o.type && n == o.n &&
           ih == o.ih && iw == o.iw && ic == o.ic && oc == o.oc &&
           kh == o.kh && kw == o.kw && sh == o.sh && sw == o.sw &&
           dh == o.dh && dw == o.dw && ph == o.ph && pw == o.pw &&
           accumulates == o.accumulates && zeroRows == o.zeroRows &&
           zeroCols == o.zeroCols;
  }
  bool operator!=(const ConvSpec &o) const { return !(*this == o); }
};

} // namespace aieconv

#endif // AIECONV_SPEC_CONVSPEC_H

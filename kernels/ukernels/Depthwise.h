//===- Depthwise.h - Depthwise conv ukernel in AIE API C++ ------*- C++ -*-===//
//
// AIE-side source (see Common.h). Each channel is convolved with its own
// KH x KW filter: there is no reduction over channels, so no mmul; a vector
// of L channels of one pixel is multiplied element-wise by the same channels
// of one tap and accumulated (aie::mac).
//
// Layouts, L = lanes (channels per vector):
//
//   input patch [C/L][IH][IW][L]    in(c, y, x)  = in[((c/L) * IH + y) * IW * L
//   + x * L + c%L] weights     [C/L][KH][KW][L]    w(c, ky, kx) = w[((c/L) * KH
//   + ky) * KW * L + kx * L + c%L] output acc  [C/L][OH][OW][L]    out(c, y, x)
//   = out[((c/L) * OH + y) * OW * L + x * L + c%L]
//
//   one channel block, one row:  x: 0      1      2      3
//                                  [c0..cL-1][c0..cL-1][...]
//   output x reads input x*strideW + kx*dilationW: one load per pixel & tap.
//
// The halo rule is the conv ukernel's (Conv.h). Any OW is legal: pixels go
// in groups of four sharing each loaded tap, the rest one by one.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_KERNELS_UKERNELS_DEPTHWISE_H
#define AIECONV_KERNELS_UKERNELS_DEPTHWISE_H

#include "Conv.h"

namespace aieconv::ukernels {

template <typename TI, typename TW, typename TO, unsigned L>
class DepthwiseLoopNest {
  using Tag = typename AccumFor<TI>::type;
  using Accum = aie::accum<Tag, L>;

public:
  static void run(const TI *in, const TW *w, TO *out, const ConvGeometry &g) {
    for (unsigned cb = 0; cb < g.outChannelBlocks; ++cb)
      for (unsigned oh = 0; oh < g.outHeight; ++oh) {
        unsigned ow = 0;
        for (; ow + 4 <= g.outWidth; ow += 4)
          pixels<4>(in, w, out, g, cb, oh, ow);
        for (; ow < g.outWidth; ++ow)
          pixels<1>(in, w, out, g, cb, oh, ow);
      }
  }

private:
  /// P adjacent output pixels of one row and channel block.
  template <unsigned P>
  static void pixels(const TI *in, const TW *w, TO *out, const ConvGeometry &g,
                     unsigned cb, unsigned oh, unsigned ow) {
    TO *outPixel = out + ((cb * g.outHeight + oh) * g.outWidth + ow) * L;
    Accum acc[P];
    for (unsigned q = 0; q < P; ++q)
      acc[q].from_vector(aie::load_v<L>(outPixel + q * L));

    const TI *window =
        in +
        ((cb * g.inHeight + oh * g.strideH) * g.inWidth + ow * g.strideW) * L;
    const TW *taps = w + cb * g.kernelHeight * g.kernelWidth * L;
    for (unsigned kh = 0; kh < g.kernelHeight; ++kh) {
      const TI *row = window + kh * g.dilationH * g.inWidth * L;
      for (unsigned kw = 0; kw < g.kernelWidth; ++kw)
        chess_prepare_for_pipelining chess_loop_range(1, ) {
          aie::vector<TW, L> tap = aie::load_v<L>(taps);
          taps += L;
          const TI *first = row + kw * g.dilationW * L;
          for (unsigned q = 0; q < P; ++q)
            acc[q] = aie::mac(acc[q], aie::load_v<L>(first + q * g.strideW * L),
                              tap);
        }
    }

    for (unsigned q = 0; q < P; ++q)
      aie::store_v(outPixel + q * L, acc[q].template to_vector<TO>());
  }
};

/// out += depthwise_conv(in, w) over one L1 tile; g.inChannelBlocks and
/// g.outChannelBlocks are both C / L.
template <typename TI, typename TW, typename TO, unsigned L>
void depthwiseConv2d(const TI *in, const TW *w, TO *out,
                     const ConvGeometry &g) {
  useRoundToNearestEven();
  DepthwiseLoopNest<TI, TW, TO, L>::run(in, w, out, g);
}

} // namespace aieconv::ukernels

#endif // AIECONV_KERNELS_UKERNELS_DEPTHWISE_H

//===- ConvKernelTest.cpp - Conv and depthwise ukernels vs direct conv ----===//
//
// Every conv and depthwise variant, called through its C ABI host entry on
// operands packed by the documented index formulas, against referenceConv
// (a naive direct convolution on logical layouts).
//
//===----------------------------------------------------------------------===//

#include "KernelTestSupport.h"

#include "host/HostUKernels.h"

#include <sstream>

using namespace aieconv::kernels;
using namespace aieconv::kernels::testing;

namespace {

/// Strides of a dense row-major buffer with `sizes`.
template <size_t Rank>
std::array<int64_t, Rank> denseStrides(const std::array<int64_t, Rank> &sizes) {
  std::array<int64_t, Rank> strides;
  int64_t stride = 1;
  for (size_t dim = Rank; dim-- > 0;) {
    strides[dim] = stride;
    stride *= sizes[dim];
  }
  return strides;
}

std::string describe(const ConvProblem &p) {
  std::ostringstream text;
  text << "OH=" << p.oh << " OW=" << p.ow << " OC=" << p.oc << " IC=" << p.ic
       << " K=" << p.kh << "x" << p.kw << " stride=" << p.strideH << "x"
       << p.strideW << " dilation=" << p.dilationH << "x" << p.dilationW
       << " patch=" << p.ih << "x" << p.iw;
  return text.str();
}

/// Fills in the patch size the output tile needs, plus `extra` rows/cols.
ConvProblem withPatch(ConvProblem p, int64_t extra = 0) {
  p.ih = (p.oh - 1) * p.strideH + (p.kh - 1) * p.dilationH + 1 + extra;
  p.iw = (p.ow - 1) * p.strideW + (p.kw - 1) * p.dilationW + 1 + extra;
  return p;
}

/// Runs the conv entry on random operands and counts the outputs that
/// differ from the reference: out0 + conv, or conv alone when the call
/// starts the accumulation (`accumulate` false; out0 must then be ignored).
/// With `links` > 1 the reduction over input channels is split into that
/// many calls chained by the cascade: the first starts (or loads out0), the
/// others add onto what the previous one passed on, the last stores.
template <typename TI, typename TW, typename TO>
int64_t checkConv(const ConvVariant &variant, const ConvProblem &p,
                  unsigned seed, bool accumulate = true, int64_t links = 1) {
  const int64_t s = variant.tile.s, t = variant.tile.t;
  Buffer<TI> in = randomData<TI>(p.ih * p.iw * p.ic, seed);
  Buffer<TW> w = randomData<TW>(p.kh * p.kw * p.ic * p.oc, seed + 1);
  Buffer<TO> out0 = randomData<TO>(p.oh * p.ow * p.oc, seed + 2);
  std::vector<ReferenceValue> want = referenceConv(
      p, in, w, accumulate ? out0 : Buffer<TO>(out0.size(), TO(0)));

  auto outIndex = [&](int64_t y, int64_t x, int64_t o) {
    return ((o / t) * p.oh + y) * p.ow * t + x * t + o % t;
  };
  Buffer<TO> outPacked(out0.size());
  for (int64_t y = 0; y < p.oh; ++y)
    for (int64_t x = 0; x < p.ow; ++x)
      for (int64_t o = 0; o < p.oc; ++o)
        outPacked[outIndex(y, x, o)] = out0[(y * p.ow + x) * p.oc + o];

  // Each link reduces over ic input channels from c0 on.
  const int64_t ic = p.ic / links;
  std::array<int64_t, 4> inSizes{ic / s, p.ih, p.iw, s};
  std::array<int64_t, 6> wSizes{p.oc / t, p.kh, p.kw, ic / s, s, t};
  std::array<int64_t, 4> outSizes{p.oc / t, p.oh, p.ow, t};
  auto inStrides = denseStrides(inSizes);
  auto wStrides = denseStrides(wSizes);
  auto outStrides = denseStrides(outSizes);
  auto entry = reinterpret_cast<ConvFn<TI, TW, TO>>(hostEntry(variant));
  for (int64_t link = 0; link < links; ++link) {
    const int64_t c0 = link * ic;
    // Pack by the formulas documented in kernels/ukernels/Conv.h.
    Buffer<TI> inPacked(size_t(p.ih * p.iw * ic));
    for (int64_t y = 0; y < p.ih; ++y)
      for (int64_t x = 0; x < p.iw; ++x)
        for (int64_t c = 0; c < ic; ++c)
          inPacked[((c / s) * p.ih + y) * p.iw * s + x * s + c % s] =
              in[(y * p.iw + x) * p.ic + c0 + c];
    Buffer<TW> wPacked(size_t(p.kh * p.kw * ic * p.oc));
    for (int64_t ky = 0; ky < p.kh; ++ky)
      for (int64_t kx = 0; kx < p.kw; ++kx)
        for (int64_t c = 0; c < ic; ++c)
          for (int64_t o = 0; o < p.oc; ++o)
            wPacked[((((o / t) * p.kh + ky) * p.kw + kx) * (ic / s) + c / s) *
                        s * t +
                    (c % s) * t + o % t] =
                w[((ky * p.kw + kx) * p.ic + c0 + c) * p.oc + o];
    AccumulatorRoute route{link > 0 || accumulate, link > 0,
                           link + 1 < links};
    entry(inPacked.data(), inPacked.data(), 0, inSizes[0], inSizes[1],
          inSizes[2], inSizes[3], inStrides[0], inStrides[1], inStrides[2],
          inStrides[3], //
          wPacked.data(), wPacked.data(), 0, wSizes[0], wSizes[1], wSizes[2],
          wSizes[3], wSizes[4], wSizes[5], wStrides[0], wStrides[1],
          wStrides[2], wStrides[3], wStrides[4], wStrides[5], //
          outPacked.data(), outPacked.data(), 0, outSizes[0], outSizes[1],
          outSizes[2], outSizes[3], outStrides[0], outStrides[1],
          outStrides[2], outStrides[3], //
          p.strideH, p.strideW, p.dilationH, p.dilationW,
          encodeAccumulatorRoute(route));
  }
  EXPECT_EQ(hostCascadeWordsPending(), 0u) << "words left on the cascade";

  Buffer<TO> got(out0.size());
  for (int64_t y = 0; y < p.oh; ++y)
    for (int64_t x = 0; x < p.ow; ++x)
      for (int64_t o = 0; o < p.oc; ++o)
        got[(y * p.ow + x) * p.oc + o] = outPacked[outIndex(y, x, o)];
  return countMismatches(got, want, variant.familyName() + " " + describe(p));
}

/// checkConv on the host types of `variant`'s element types.
int64_t checkConvVariant(const ConvVariant &variant, const ConvProblem &p,
                         unsigned seed, bool accumulate = true,
                         int64_t links = 1) {
  int64_t bad = -1;
  withHostTypes(variant.input, variant.weight, variant.out, [&](auto types) {
    using Types = decltype(types);
    bad = checkConv<typename Types::First, typename Types::Second,
                    typename Types::Out>(variant, p, seed, accumulate, links);
  });
  return bad;
}

template <typename TI, typename TW, typename TO>
int64_t checkDepthwise(const DepthwiseVariant &variant, const ConvProblem &p,
                       unsigned seed) {
  const int64_t lanes = variant.lanes, c = p.oc;
  Buffer<TI> in = randomData<TI>(p.ih * p.iw * c, seed);
  Buffer<TW> w = randomData<TW>(p.kh * p.kw * c, seed + 1);
  Buffer<TO> out0 = randomData<TO>(p.oh * p.ow * c, seed + 2);
  std::vector<ReferenceValue> want = referenceConv(p, in, w, out0);

  // Pack by the formulas documented in kernels/ukernels/Depthwise.h.
  auto blocked = [&](int64_t rows, int64_t cols, int64_t y, int64_t x,
                     int64_t ch) {
    return ((ch / lanes) * rows + y) * cols * lanes + x * lanes + ch % lanes;
  };
  Buffer<TI> inPacked(in.size());
  Buffer<TW> wPacked(w.size());
  Buffer<TO> outPacked(out0.size());
  for (int64_t y = 0; y < p.ih; ++y)
    for (int64_t x = 0; x < p.iw; ++x)
      for (int64_t ch = 0; ch < c; ++ch)
        inPacked[blocked(p.ih, p.iw, y, x, ch)] = in[(y * p.iw + x) * c + ch];
  for (int64_t y = 0; y < p.kh; ++y)
    for (int64_t x = 0; x < p.kw; ++x)
      for (int64_t ch = 0; ch < c; ++ch)
        wPacked[blocked(p.kh, p.kw, y, x, ch)] = w[(y * p.kw + x) * c + ch];
  for (int64_t y = 0; y < p.oh; ++y)
    for (int64_t x = 0; x < p.ow; ++x)
      for (int64_t ch = 0; ch < c; ++ch)
        outPacked[blocked(p.oh, p.ow, y, x, ch)] =
            out0[(y * p.ow + x) * c + ch];

  std::array<int64_t, 4> inSizes{c / lanes, p.ih, p.iw, lanes};
  std::array<int64_t, 4> wSizes{c / lanes, p.kh, p.kw, lanes};
  std::array<int64_t, 4> outSizes{c / lanes, p.oh, p.ow, lanes};
  auto inStrides = denseStrides(inSizes);
  auto wStrides = denseStrides(wSizes);
  auto outStrides = denseStrides(outSizes);
  auto entry = reinterpret_cast<DepthwiseFn<TI, TW, TO>>(hostEntry(variant));
  entry(inPacked.data(), inPacked.data(), 0, inSizes[0], inSizes[1], inSizes[2],
        inSizes[3], inStrides[0], inStrides[1], inStrides[2],
        inStrides[3], //
        wPacked.data(), wPacked.data(), 0, wSizes[0], wSizes[1], wSizes[2],
        wSizes[3], wStrides[0], wStrides[1], wStrides[2], wStrides[3], //
        outPacked.data(), outPacked.data(), 0, outSizes[0], outSizes[1],
        outSizes[2], outSizes[3], outStrides[0], outStrides[1], outStrides[2],
        outStrides[3], //
        p.strideH, p.strideW, p.dilationH, p.dilationW);

  Buffer<TO> got(out0.size());
  for (int64_t y = 0; y < p.oh; ++y)
    for (int64_t x = 0; x < p.ow; ++x)
      for (int64_t ch = 0; ch < c; ++ch)
        got[(y * p.ow + x) * c + ch] = outPacked[blocked(p.oh, p.ow, y, x, ch)];
  return countMismatches(got, want,
                         variant.familyName() + " depthwise " + describe(p));
}

/// Kernel sizes, strides and dilations the conv ukernels must handle.
struct Window {
  int64_t kernel, strideH, strideW, dilationH, dilationW;
};
const Window kConvWindows[] = {
    {1, 1, 1, 1, 1}, {1, 2, 2, 1, 1}, {3, 1, 1, 1, 1}, {3, 2, 2, 1, 1},
    {5, 1, 1, 1, 1}, {5, 2, 2, 1, 1}, {7, 1, 1, 1, 1}, {7, 2, 2, 1, 1},
    {3, 1, 1, 2, 2}, {3, 2, 2, 2, 2}, {3, 1, 2, 2, 1}, {3, 2, 1, 1, 3},
    {5, 3, 3, 1, 1}, {4, 4, 4, 1, 1}, {3, 3, 1, 1, 2},
};

std::string convName(const ::testing::TestParamInfo<ConvVariant> &info) {
  const ConvVariant &v = info.param;
  return std::string(toString(v.device)) + "_" +
         std::string(toString(v.input)) + "_" + std::string(toString(v.out));
}

class ConvVariantTest : public ::testing::TestWithParam<ConvVariant> {};

TEST_P(ConvVariantTest, MatchesDirectConvolution) {
  const ConvVariant &variant = GetParam();
  const MicroTile tile = variant.tile;
  unsigned seed = 100;
  for (const Window &window : kConvWindows) {
    // Pixel tiles go in pairs, output-channel blocks in quads, pairs and
    // singles: 2 x 2 reaches pairs only, 3 x 3 the pixel and channel
    // remainders, 3 x 7 every output-channel group (4 + 2 + 1) at once.
    struct Tiles {
      int64_t pixels, outChannels, inChannels;
    };
    for (Tiles tiles : {Tiles{2, 2, 3}, Tiles{3, 3, 2}, Tiles{3, 7, 1}}) {
      ConvProblem p{};
      p.oh = 3, p.ow = tiles.pixels * tile.r;
      p.oc = tiles.outChannels * tile.t;
      p.ic = tiles.inChannels * tile.s;
      p.kh = p.kw = window.kernel;
      p.strideH = window.strideH, p.strideW = window.strideW;
      p.dilationH = window.dilationH, p.dilationW = window.dilationW;
      // One patch larger than needed: IH/IW only have to cover the field.
      p = withPatch(p, /*extra=*/tiles.pixels == 3 ? 1 : 0);
      // Accumulating onto the output, and starting from zero (the first
      // call of a reduction, which must ignore what the output holds).
      for (bool accumulate : {true, false}) {
        ASSERT_EQ(checkConvVariant(variant, p, seed += 3, accumulate), 0)
            << describe(p) << " accumulate=" << accumulate;
      }
    }
  }
}

TEST_P(ConvVariantTest, LargeTileMatchesDirectConvolution) {
  // A ResNet-like L1 tile: 4 x 16 outputs x 32 channels, 3x3 over 32.
  const ConvVariant &variant = GetParam();
  for (int64_t stride : {1, 2}) {
    ConvProblem p{};
    p.oh = 4, p.ow = 16, p.oc = 32, p.ic = 32, p.kh = p.kw = 3;
    p.strideH = p.strideW = stride;
    p.dilationH = p.dilationW = 1;
    p = withPatch(p);
    ConvShape shape{p.oh, p.ow, p.oc, p.kh, p.kw, p.ic, stride, stride, 1, 1};
    ASSERT_TRUE(variant.isLegal(shape)) << variant.whyIllegal(shape);
    EXPECT_EQ(checkConvVariant(variant, p, 300 + unsigned(stride)), 0)
        << describe(p);
  }
}

TEST_P(ConvVariantTest, OutputChannelPairsMatchDirectConvolution) {
  // A 1x1 call over 8 input-channel blocks on a row of 14 pixel tiles (a
  // chain of 7 blocks) with 7 output-channel blocks: where 2 x 4 blocks
  // cannot overlap their accumulators but 2 x 2 ones can (i8 on npu1, 4x8
  // accumulators on npu2) the registry may have the kernel walk pairs,
  // else quads; either way the result must match, starting and
  // accumulating. (The registry's tests price the choice.)
  const ConvVariant &variant = GetParam();
  const MicroTile tile = variant.tile;
  ConvProblem p{};
  p.oh = 1, p.ow = 14 * tile.r, p.oc = 7 * tile.t, p.ic = 8 * tile.s;
  p.kh = p.kw = 1;
  p.strideH = p.strideW = p.dilationH = p.dilationW = 1;
  p = withPatch(p);
  ConvShape shape{p.oh, p.ow, p.oc, p.kh, p.kw, p.ic, 1, 1, 1, 1};
  ASSERT_TRUE(variant.isLegal(shape)) << variant.whyIllegal(shape);
  bool quadsOverlap = 2 * 2 * 4 * tile.r * tile.t * 32 <= 9 * 1024;
  bool pairsOverlap = 2 * 2 * 2 * tile.r * tile.t * 32 <= 9 * 1024;
  if (quadsOverlap || !pairsOverlap)
    EXPECT_FALSE(pairsOutputChannelBlocks(variant, shape))
        << variant.symbolName(shape);
  // At stride 2 pairs would be bound by their pixel loads: always quads.
  ConvShape strided = shape;
  strided.strideH = strided.strideW = 2;
  EXPECT_FALSE(pairsOutputChannelBlocks(variant, strided));
  for (bool accumulate : {false, true})
    EXPECT_EQ(checkConvVariant(variant, p, 900 + unsigned(accumulate),
                               accumulate),
              0)
        << describe(p) << " accumulate=" << accumulate;
}

TEST_P(ConvVariantTest, FlattenedReductionsMatchDirectConvolution) {
  // Reductions of 4, 8 and 16 steps, which the overlapped chains run
  // flattened where the peeled ends fit (kFlatSteps in ukernels/Conv.h):
  // 1x1 over 4, 8, 16 input-channel blocks and 2x2 over 1, 2, 4 (the taps
  // walked inside the straight-line body), at stride 1 and 2, on chains of
  // 5 blocks for every output-channel group (7 tiles: 4 + 2 + 1).
  const ConvVariant &variant = GetParam();
  const MicroTile tile = variant.tile;
  unsigned seed = 1100;
  for (int64_t steps : {4, 8, 16})
    for (int64_t kernel : {1, 2})
      for (int64_t stride : {1, 2}) {
        ConvProblem p{};
        p.oh = 2, p.ow = 5 * tile.r, p.oc = 7 * tile.t;
        p.ic = steps / (kernel * kernel) * tile.s;
        p.kh = p.kw = kernel;
        p.strideH = p.strideW = stride;
        p.dilationH = p.dilationW = 1;
        p = withPatch(p);
        for (bool accumulate : {false, true})
          EXPECT_EQ(checkConvVariant(variant, p, seed += 3, accumulate), 0)
              << describe(p) << " accumulate=" << accumulate;
      }
}

TEST_P(ConvVariantTest, OddPixelTilesMatchDirectConvolution) {
  // 7 pixel tiles of a 3x3 call over 8 input-channel blocks on every
  // output-channel group (7 blocks: 4 + 2 + 1), where the registry may end
  // the tiles with one 3-row block (bf16 on npu1) instead of a pair and a
  // single; starting, accumulating, and as a chain of 2 cascade links
  // (whose words pair up only if both walk the blocks alike).
  const ConvVariant &variant = GetParam();
  const MicroTile tile = variant.tile;
  unsigned seed = 1300;
  for (int64_t links : {1, 2})
    for (bool accumulate : {false, true}) {
      ConvProblem p{};
      p.oh = 7, p.ow = tile.r, p.oc = 7 * tile.t, p.ic = 8 * tile.s;
      p.kh = p.kw = 3;
      p.strideH = p.strideW = p.dilationH = p.dilationW = 1;
      p = withPatch(p);
      EXPECT_EQ(checkConvVariant(variant, p, seed += 3, accumulate, links), 0)
          << describe(p) << " links=" << links << " accumulate=" << accumulate;
    }
  // The 3-row block is what the bf16 npu1 call runs, with and without links.
  for (int64_t links : {1, 2}) {
    ConvShape shape{7, tile.r, 7 * tile.t, 3, 3, 8 / links * tile.s,
                    1, 1, 1, 1};
    if (variant.device == Device::Npu1 && variant.input == ElemType::BF16)
      EXPECT_TRUE(triplesLastPixelTiles(variant, shape)) << links;
  }
}

TEST_P(ConvVariantTest, CascadeChainMatchesDirectConvolution) {
  // The reduction over input channels split over 2 and 4 calls passing
  // their partial sums on (the cores of one column chained by the cascade),
  // on tiles that reach every register-block shape (3 x 7: pixel pairs and
  // the odd one, output-channel quads, pairs and singles), 1x1 and 3x3.
  const ConvVariant &variant = GetParam();
  const MicroTile tile = variant.tile;
  unsigned seed = 700;
  for (int64_t kernel : {1, 3})
    for (int64_t links : {2, 4})
      for (bool accumulate : {false, true}) {
        ConvProblem p{};
        p.oh = 2, p.ow = 3 * tile.r, p.oc = 7 * tile.t, p.ic = links * tile.s;
        p.kh = p.kw = kernel;
        p.strideH = p.strideW = p.dilationH = p.dilationW = 1;
        p = withPatch(p);
        EXPECT_EQ(checkConvVariant(variant, p, seed += 3, accumulate, links),
                  0)
            << describe(p) << " links=" << links
            << " accumulate=" << accumulate;
      }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, ConvVariantTest,
                         ::testing::ValuesIn(allConvVariants()), convName);

std::string
depthwiseName(const ::testing::TestParamInfo<DepthwiseVariant> &info) {
  const DepthwiseVariant &v = info.param;
  return std::string(toString(v.device)) + "_" +
         std::string(toString(v.input)) + "_" + std::string(toString(v.out));
}

class DepthwiseVariantTest : public ::testing::TestWithParam<DepthwiseVariant> {
};

TEST_P(DepthwiseVariantTest, MatchesDirectConvolution) {
  const DepthwiseVariant &variant = GetParam();
  unsigned seed = 200;
  for (int64_t kernel : {3, 5})
    for (int64_t stride : {1, 2, 3})
      for (int64_t dilation : {1, 2})
        // OW = 6: one group of four pixels and two single ones; 9: two
        // groups and one single.
        for (int64_t ow : {6, 9}) {
          ConvProblem p{};
          p.depthwise = true;
          p.oh = 3, p.ow = ow, p.oc = p.ic = 2 * variant.lanes;
          p.kh = p.kw = kernel;
          p.strideH = p.strideW = stride;
          p.dilationH = p.dilationW = dilation;
          p = withPatch(p, ow == 9 ? 1 : 0);
          int64_t bad = -1;
          withHostTypes(
              variant.input, variant.weight, variant.out, [&](auto types) {
                using Types = decltype(types);
                bad =
                    checkDepthwise<typename Types::First,
                                   typename Types::Second, typename Types::Out>(
                        variant, p, seed += 3);
              });
          ASSERT_EQ(bad, 0) << describe(p);
        }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, DepthwiseVariantTest,
                         ::testing::ValuesIn(allDepthwiseVariants()),
                         depthwiseName);

} // namespace

//===- ReferenceConv.cpp - Independent reference convolution --------------===//
//
// One loop nest serves the four ops: each op only differs in where an element
// (batch, channel, row, column) lives in its operands, which is captured by
// per-dimension strides. Depthwise is the same nest with the channel
// reduction collapsed onto the output channel.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Runtime/ReferenceConv.h"

#include "aieconv/Runtime/BF16.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace aieconv {
namespace {

/// Strides (in elements) of the four logical dimensions of an operand.
/// Filters use `batch` for the output channel F.
struct Strides {
  int64_t batch, channel, row, col;
};

struct Geometry {
  int64_t n, c, f, ih, iw, oh, ow, kh, kw, sh, sw, dh, dw, ph, pw;
  bool depthwise;
  Strides in, filter, out;
};

/// Output size of one axis by the definition, with floor division (the
/// numerator is checked non-negative before).
int64_t outSize(int64_t in, int64_t k, int64_t s, int64_t d, int64_t p) {
  return (in + 2 * p - d * (k - 1) - 1) / s + 1;
}

bool checkedProduct(std::initializer_list<int64_t> factors, int64_t &result) {
  result = 1;
  for (int64_t f : factors)
    if (__builtin_mul_overflow(result, f, &result))
      return false;
  return true;
}

/// Validates the spec on its own terms (the reference does not trust the
/// parser) and derives the loop bounds and operand strides.
std::string makeGeometry(const ConvSpec &s, size_t inputSize, size_t filterSize,
                         Geometry &g) {
  for (int64_t v :
       {s.n, s.ih, s.iw, s.ic, s.oc, s.kh, s.kw, s.sh, s.sw, s.dh, s.dw})
    if (v < 1)
      return "invalid spec: sizes, strides and dilations must be positive";
  if (s.ph < 0 || s.pw < 0)
    return "invalid spec: pads must be non-negative";
  // Bounds every term of the output-size arithmetic far from overflow.
  for (int64_t v : {s.ih, s.iw, s.kh, s.kw, s.sh, s.sw, s.dh, s.dw, s.ph, s.pw})
    if (v > (int64_t{1} << 31))
      return "invalid spec: sizes too large";
  if (s.dh * (s.kh - 1) + 1 > s.ih + 2 * s.ph ||
      s.dw * (s.kw - 1) + 1 > s.iw + 2 * s.pw)
    return "invalid spec: empty output";
  bool is1d = s.op == ConvOp::Conv1dNwcWcf;
  if (is1d && (s.ih != 1 || s.kh != 1 || s.sh != 1 || s.dh != 1 || s.ph != 0))
    return "invalid spec: conv1d_nwc_wcf needs ih = kh = sh = dh = 1, ph = 0";
  g.depthwise = s.op == ConvOp::DepthwiseNhwcHwc;
  if (g.depthwise && s.oc != s.ic)
    return "invalid spec: depthwise needs oc = ic";

  g.n = s.n;
  g.c = s.ic;
  g.f = s.oc;
  g.ih = s.ih;
  g.iw = s.iw;
  g.kh = s.kh;
  g.kw = s.kw;
  g.sh = s.sh;
  g.sw = s.sw;
  g.dh = s.dh;
  g.dw = s.dw;
  g.ph = s.ph;
  g.pw = s.pw;
  g.oh = outSize(s.ih, s.kh, s.sh, s.dh, s.ph);
  g.ow = outSize(s.iw, s.kw, s.sw, s.dw, s.pw);

  int64_t inCount, filterCount, outCount, macs;
  if (!checkedProduct({g.n, g.ih, g.iw, g.c}, inCount) ||
      !checkedProduct({g.kh, g.kw, g.c, g.depthwise ? 1 : g.f}, filterCount) ||
      !checkedProduct({g.n, g.oh, g.ow, g.f}, outCount) ||
      !checkedProduct({outCount, g.kh, g.kw, g.depthwise ? 1 : g.c}, macs))
    return "invalid spec: sizes overflow 64-bit integers";
  if (static_cast<uint64_t>(inCount) != inputSize)
    return "input has " + std::to_string(inputSize) + " elements, the spec " +
           "needs " + std::to_string(inCount);
  if (static_cast<uint64_t>(filterCount) != filterSize)
    return "filter has " + std::to_string(filterSize) + " elements, the " +
           "spec needs " + std::to_string(filterCount);

  int64_t C = g.c, F = g.f, IH = g.ih, IW = g.iw, KH = g.kh, KW = g.kw;
  int64_t OH = g.oh, OW = g.ow;
  switch (s.op) {
  case ConvOp::Conv2dNhwcHwcf:
  case ConvOp::Conv1dNwcWcf: // [N][IW][C] is [N][1][IW][C]
    g.in = {IH * IW * C, 1, IW * C, C};
    g.filter = {1, F, KW * C * F, C * F};
    g.out = {OH * OW * F, 1, OW * F, F};
    break;
  case ConvOp::Conv2dNchwFchw:
    g.in = {C * IH * IW, IH * IW, IW, 1};
    g.filter = {C * KH * KW, KH * KW, KW, 1};
    g.out = {F * OH * OW, OH * OW, OW, 1};
    break;
  case ConvOp::DepthwiseNhwcHwc:
    // The filter has no F dimension: the channel index selects the filter.
    g.in = {IH * IW * C, 1, IW * C, C};
    g.filter = {0, 1, KW * C, C};
    g.out = {OH * OW * C, 1, OW * C, C};
    break;
  }
  return "";
}

/// Visits every output pixel (b, oy, ox), all output channels at once:
/// `pixel.start()`, then `pixel.tap(inputIndex, filterIndex)` for every tap
/// that falls inside the input in the order ky, kx, c (padded taps
/// contribute zero and are skipped), then `pixel.finish(outputIndex)`.
/// The indices are those of output channel 0; output channel f is
/// `f * g.out.channel` further, its filter element `f` further (the filter
/// has the output channels innermost, filterChannelsLast) and, for
/// depthwise, its input element `f * inputStep`. Each output element thus
/// sums its products in the order ky, kx, c, while the innermost loop runs
/// over output channels, along the filter's rows.
template <typename Pixel> void forEachPixel(const Geometry &g, Pixel &pixel) {
  for (int64_t b = 0; b < g.n; ++b)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        pixel.start();
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          int64_t iy = oy * g.sh - g.ph + ky * g.dh;
          if (iy < 0 || iy >= g.ih)
            continue;
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            int64_t ix = ox * g.sw - g.pw + kx * g.dw;
            if (ix < 0 || ix >= g.iw)
              continue;
            int64_t inIdx = b * g.in.batch + iy * g.in.row + ix * g.in.col;
            int64_t fIdx = ky * g.filter.row + kx * g.filter.col;
            if (g.depthwise) {
              pixel.tap(inIdx, fIdx);
              continue;
            }
            for (int64_t c = 0; c < g.c; ++c)
              pixel.tap(inIdx + c * g.in.channel, fIdx + c * g.filter.channel);
          }
        }
        pixel.finish(b * g.out.batch + oy * g.out.row + ox * g.out.col);
      }
}

/// `filter` (of the op `g` describes) with the output channels innermost,
/// [KH][KW][C][F], and `g.filter` set to match: the innermost loop over
/// output channels then reads it contiguously whatever the op's layout.
/// Depthwise filters, [KH][KW][C] with the channel selecting the output,
/// have that already and stay as they are.
template <typename T>
std::vector<T> filterChannelsLast(Geometry &g, std::vector<T> filter) {
  const Strides hwcf = {1, g.f, g.kw * g.c * g.f, g.c * g.f};
  if (g.depthwise || (g.filter.batch == hwcf.batch &&
                      g.filter.channel == hwcf.channel &&
                      g.filter.row == hwcf.row && g.filter.col == hwcf.col))
    return filter;
  std::vector<T> relaid(filter.size());
  for (int64_t f = 0; f < g.f; ++f)
    for (int64_t c = 0; c < g.c; ++c)
      for (int64_t ky = 0; ky < g.kh; ++ky)
        for (int64_t kx = 0; kx < g.kw; ++kx)
          relaid[f * hwcf.batch + c * hwcf.channel + ky * hwcf.row +
                 kx * hwcf.col] =
              filter[f * g.filter.batch + c * g.filter.channel +
                     ky * g.filter.row + kx * g.filter.col];
  g.filter = hwcf;
  return relaid;
}

/// Step from output channel f to f + 1 in the input (depthwise only: the
/// channel selects the input too).
int64_t inputStep(const Geometry &g) { return g.depthwise ? g.in.channel : 0; }

/// Calls `body(f, f * inStep)` for f in [0, channels), with the steps of
/// the common layouts known to the compiler so that it vectorizes the loop.
template <typename Body>
void forEachChannel(int64_t channels, int64_t inStep, Body &&body) {
  if (inStep == 0) {
    for (int64_t f = 0; f < channels; ++f)
      body(f, 0);
  } else if (inStep == 1) {
    for (int64_t f = 0; f < channels; ++f)
      body(f, f);
  } else {
    for (int64_t f = 0; f < channels; ++f)
      body(f, f * inStep);
  }
}

/// The double sums of one output pixel's bf16 products.
struct BF16Pixel {
  const Geometry &g;
  const std::vector<double> &in, &w;
  BF16Reference &result;
  std::vector<double> sum, absSum;
  const int64_t inStep = inputStep(g);

  BF16Pixel(const Geometry &g, const std::vector<double> &in,
            const std::vector<double> &w, BF16Reference &result)
      : g(g), in(in), w(w), result(result), sum(g.f), absSum(g.f) {}
  void start() {
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(absSum.begin(), absSum.end(), 0.0);
  }
  void tap(int64_t inIdx, int64_t fIdx) {
    const double *x = in.data() + inIdx, *y = w.data() + fIdx;
    double *__restrict s = sum.data(), *__restrict a = absSum.data();
    forEachChannel(g.f, inStep, [&](int64_t f, int64_t xf) {
      double product = x[xf] * y[f];
      s[f] += product;
      a[f] += std::fabs(product);
    });
  }
  void finish(int64_t outIdx) {
    for (int64_t f = 0; f < g.f; ++f) {
      result.value[outIdx + f * g.out.channel] = sum[f];
      result.absSum[outIdx + f * g.out.channel] = absSum[f];
    }
  }
};

/// The exact integer sums of one output pixel's i8 products.
struct I8Pixel {
  const Geometry &g;
  const std::vector<int8_t> &in, &w;
  I8Reference &result;
  std::vector<int64_t> sum;
  const int64_t inStep = inputStep(g);

  I8Pixel(const Geometry &g, const std::vector<int8_t> &in,
          const std::vector<int8_t> &w, I8Reference &result)
      : g(g), in(in), w(w), result(result), sum(g.f) {}
  void start() { std::fill(sum.begin(), sum.end(), 0); }
  void tap(int64_t inIdx, int64_t fIdx) {
    // |product| <= 2^14, so int64_t cannot overflow for any K below 2^49.
    const int8_t *x = in.data() + inIdx, *y = w.data() + fIdx;
    int64_t *__restrict s = sum.data();
    forEachChannel(g.f, inStep, [&](int64_t f, int64_t xf) {
      s[f] += int64_t{x[xf]} * int64_t{y[f]};
    });
  }
  void finish(int64_t outIdx) {
    for (int64_t f = 0; f < g.f; ++f) {
      int64_t outF = outIdx + f * g.out.channel;
      if (sum[f] < std::numeric_limits<int32_t>::min() ||
          sum[f] > std::numeric_limits<int32_t>::max()) {
        if (result.error.empty())
          result.error = "output element " + std::to_string(outF) + " = " +
                         std::to_string(sum[f]) + " does not fit in int32";
        continue;
      }
      result.value[outF] = static_cast<int32_t>(sum[f]);
    }
  }
};

} // namespace

BF16Reference referenceConvBF16(const ConvSpec &spec,
                                const std::vector<uint16_t> &input,
                                const std::vector<uint16_t> &filter) {
  BF16Reference result;
  Geometry g;
  result.error = makeGeometry(spec, input.size(), filter.size(), g);
  if (!result.error.empty())
    return result;

  // Widen once; every bf16 value is exact in double.
  std::vector<double> in(input.size()), w(filter.size());
  for (size_t i = 0; i < input.size(); ++i)
    in[i] = bf16ToFloat(input[i]);
  for (size_t i = 0; i < filter.size(); ++i)
    w[i] = bf16ToFloat(filter[i]);

  size_t outCount = static_cast<size_t>(g.n * g.oh * g.ow * g.f);
  result.value.assign(outCount, 0.0);
  result.absSum.assign(outCount, 0.0);
  w = filterChannelsLast(g, std::move(w));
  BF16Pixel pixel(g, in, w, result);
  forEachPixel(g, pixel);
  return result;
}

I8Reference referenceConvI8(const ConvSpec &spec,
                            const std::vector<int8_t> &input,
                            const std::vector<int8_t> &filter) {
  I8Reference result;
  Geometry g;
  result.error = makeGeometry(spec, input.size(), filter.size(), g);
  if (!result.error.empty())
    return result;

  size_t outCount = static_cast<size_t>(g.n * g.oh * g.ow * g.f);
  result.value.assign(outCount, 0);
  const std::vector<int8_t> w = filterChannelsLast(g, filter);
  I8Pixel pixel(g, input, w, result);
  forEachPixel(g, pixel);
  if (!result.error.empty())
    result.value.clear();
  return result;
}

} // namespace aieconv

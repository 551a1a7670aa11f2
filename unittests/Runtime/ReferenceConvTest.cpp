//===- ReferenceConvTest.cpp - Tests of the reference convolution ---------===//

#include "aieconv/Runtime/ReferenceConv.h"

#include "aieconv/Runtime/BF16.h"
#include "aieconv/Runtime/RandomData.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace aieconv;

namespace {

ConvSpec conv2d(int64_t n, int64_t ih, int64_t iw, int64_t ic, int64_t oc,
                int64_t kh, int64_t kw, ConvOp op = ConvOp::Conv2dNhwcHwcf) {
  ConvSpec s;
  s.op = op;
  s.n = n;
  s.ih = ih;
  s.iw = iw;
  s.ic = ic;
  s.oc = oc;
  s.kh = kh;
  s.kw = kw;
  return s;
}

std::vector<uint16_t> toBF16(const std::vector<int> &values) {
  std::vector<uint16_t> out;
  for (int v : values)
    out.push_back(floatToBF16(static_cast<float>(v)));
  return out;
}

std::vector<int8_t> toI8(const std::vector<int> &values) {
  return std::vector<int8_t>(values.begin(), values.end());
}

/// The 4x4 input 1..16 (row-major) and the 3x3 filter 1..9 of the
/// hand-computed cases, one channel.
const std::vector<int> kInput4x4 = {1, 2,  3,  4,  5,  6,  7,  8,
                                    9, 10, 11, 12, 13, 14, 15, 16};
const std::vector<int> kFilter3x3 = {1, 2, 3, 4, 5, 6, 7, 8, 9};

/// Runs both the bf16 and the i8 reference on integer data and checks that
/// they agree with `expected`.
void expectOutputs(const ConvSpec &spec, const std::vector<int> &input,
                   const std::vector<int> &filter,
                   const std::vector<int> &expected) {
  BF16Reference f = referenceConvBF16(spec, toBF16(input), toBF16(filter));
  ASSERT_TRUE(f.ok()) << f.error;
  ASSERT_EQ(f.value.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(f.value[i], expected[i]) << "bf16 element " << i;
  I8Reference q = referenceConvI8(spec, toI8(input), toI8(filter));
  ASSERT_TRUE(q.ok()) << q.error;
  ASSERT_EQ(q.value.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(q.value[i], expected[i]) << "i8 element " << i;
}

} // namespace

TEST(ReferenceConv, Hand3x3On4x4) {
  // out(0,0) = 1*1+2*2+3*3+5*4+6*5+7*6+9*7+10*8+11*9 = 348; moving right adds
  // sum(w) = 45, moving down adds 4 * 45.
  expectOutputs(conv2d(1, 4, 4, 1, 1, 3, 3), kInput4x4, kFilter3x3,
                {348, 393, 528, 573});
  // With one channel the four ops lay their operands out alike.
  expectOutputs(conv2d(1, 4, 4, 1, 1, 3, 3, ConvOp::Conv2dNchwFchw), kInput4x4,
                kFilter3x3, {348, 393, 528, 573});
  expectOutputs(conv2d(1, 4, 4, 1, 1, 3, 3, ConvOp::DepthwiseNhwcHwc),
                kInput4x4, kFilter3x3, {348, 393, 528, 573});
  // conv1d: the first row of the input against the first row of the filter.
  expectOutputs(conv2d(1, 1, 4, 1, 1, 1, 3, ConvOp::Conv1dNwcWcf), {1, 2, 3, 4},
                {1, 2, 3}, {14, 20});
}

TEST(ReferenceConv, HandPadding) {
  ConvSpec s = conv2d(1, 4, 4, 1, 1, 3, 3);
  s.ph = s.pw = 1;
  // Corner: 1*5 + 2*6 + 5*8 + 6*9 = 111; the interior equals the unpadded
  // case.
  expectOutputs(s, kInput4x4, kFilter3x3,
                {111, 178, 217, 145, 231, 348, 393, 252, 363, 528, 573, 360,
                 197, 274, 295, 175});
}

TEST(ReferenceConv, HandStride2) {
  ConvSpec s = conv2d(1, 4, 4, 1, 1, 3, 3);
  s.ph = s.pw = 1;
  s.sh = s.sw = 2;
  // Every other row and column of the padded case.
  expectOutputs(s, kInput4x4, kFilter3x3, {111, 217, 363, 573});
  // Strides per axis: rows 0, 2 and columns 0..3 of the padded case.
  s.sw = 1;
  expectOutputs(s, kInput4x4, kFilter3x3,
                {111, 178, 217, 145, 363, 528, 573, 360});
}

TEST(ReferenceConv, HandDilation2) {
  std::vector<int> input5x5;
  for (int i = 1; i <= 25; ++i)
    input5x5.push_back(i);
  ConvSpec s = conv2d(1, 5, 5, 1, 1, 3, 3);
  s.dh = s.dw = 2;
  // Taps 1,3,5,11,13,15,21,23,25 against 1..9.
  expectOutputs(s, input5x5, kFilter3x3, {777});
  s.ph = s.pw = 1;
  expectOutputs(s, input5x5, kFilter3x3,
                {396, 560, 344, 552, 777, 474, 240, 326, 188});
}

TEST(ReferenceConv, HandChannelsAndFilters) {
  // 1x1 conv, 2 input and 3 output channels on 2 positions: a matmul
  // [2x2] x [2x3]. Input [1][1][2][2], filter [1][1][2][3].
  ConvSpec s = conv2d(1, 1, 2, 2, 3, 1, 1);
  expectOutputs(s, {1, 2, 3, -4}, {1, 2, 3, -1, 0, 5},
                {1 - 2, 2 + 0, 3 + 10, 3 + 4, 6 + 0, 9 - 20});
}

TEST(ReferenceConv, HandDepthwise) {
  // Two channels on a 3x3 input, 2x2 kernels. Channel 0: input 1..9, kernel
  // [[1,0],[0,1]]; channel 1: input 10..90, kernel [[2,0],[0,-1]].
  ConvSpec s = conv2d(1, 3, 3, 2, 2, 2, 2, ConvOp::DepthwiseNhwcHwc);
  std::vector<int> input;
  for (int i = 1; i <= 9; ++i) {
    input.push_back(i);
    input.push_back(10 * i);
  }
  std::vector<int> filter = {1, 2, 0, 0, 0, 0, 1, -1}; // [KH][KW][C]
  expectOutputs(s, input, filter, {6, -30, 8, -20, 12, 0, 14, 10});
}

TEST(ReferenceConv, AbsSumOfProducts) {
  ConvSpec s = conv2d(1, 1, 2, 2, 1, 1, 1);
  BF16Reference r =
      referenceConvBF16(s, toBF16({3, -4, -1, 2}), toBF16({2, 5}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, (std::vector<double>{6 - 20, -2 + 10}));
  EXPECT_EQ(r.absSum, (std::vector<double>{26, 12}));
  // Taps in the padding contribute nothing to either.
  s.pw = 1;
  r = referenceConvBF16(s, toBF16({3, -4, -1, 2}), toBF16({2, 5}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, (std::vector<double>{0, 6 - 20, -2 + 10, 0}));
  EXPECT_EQ(r.absSum, (std::vector<double>{0, 26, 12, 0}));
}

TEST(ReferenceConv, BF16ValuesAreExactProducts) {
  // 1 + 2^-7 squared = 1 + 2^-6 + 2^-14 needs 15 significand bits: exact in
  // double, inexact in bf16.
  ConvSpec s = conv2d(1, 1, 1, 1, 1, 1, 1);
  uint16_t v = floatToBF16(1.0f + 0x1p-7f);
  BF16Reference r = referenceConvBF16(s, {v}, {v});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value[0], 1.0 + 0x1p-6 + 0x1p-14);
}

namespace {

struct Random2d {
  ConvSpec spec;
  std::vector<int8_t> input, filter;
};

/// A random NHWC/HWCF layer with batch, channels, stride, dilation, padding.
Random2d randomNhwc(uint64_t seed) {
  Random2d r;
  r.spec = conv2d(2, 7, 6, 3, 4, 3, 2);
  r.spec.sh = 2;
  r.spec.sw = 1;
  r.spec.dh = 1;
  r.spec.dw = 2;
  r.spec.ph = 1;
  r.spec.pw = 2;
  r.input = randomI8(deriveSeed(seed, kInputStream), r.spec.inputElements());
  r.filter = randomI8(deriveSeed(seed, kFilterStream), r.spec.filterElements());
  return r;
}

} // namespace

TEST(ReferenceConv, NchwEqualsNhwcAfterTransposition) {
  Random2d r = randomNhwc(1);
  const ConvSpec &s = r.spec;
  int64_t N = s.n, H = s.ih, W = s.iw, C = s.ic, F = s.oc, KH = s.kh, KW = s.kw,
          OH = s.oh(), OW = s.ow();
  std::vector<int8_t> inNchw(r.input.size()), fFchw(r.filter.size());
  for (int64_t n = 0; n < N; ++n)
    for (int64_t y = 0; y < H; ++y)
      for (int64_t x = 0; x < W; ++x)
        for (int64_t c = 0; c < C; ++c)
          inNchw[((n * C + c) * H + y) * W + x] =
              r.input[((n * H + y) * W + x) * C + c];
  for (int64_t a = 0; a < KH; ++a)
    for (int64_t b = 0; b < KW; ++b)
      for (int64_t c = 0; c < C; ++c)
        for (int64_t f = 0; f < F; ++f)
          fFchw[((f * C + c) * KH + a) * KW + b] =
              r.filter[((a * KW + b) * C + c) * F + f];
  ConvSpec nchw = s;
  nchw.op = ConvOp::Conv2dNchwFchw;
  I8Reference a = referenceConvI8(s, r.input, r.filter);
  I8Reference b = referenceConvI8(nchw, inNchw, fFchw);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a.value.size(), size_t(N * OH * OW * F));
  int64_t nonZero = 0;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t y = 0; y < OH; ++y)
      for (int64_t x = 0; x < OW; ++x)
        for (int64_t f = 0; f < F; ++f) {
          int32_t nhwc = a.value[((n * OH + y) * OW + x) * F + f];
          nonZero += nhwc != 0;
          ASSERT_EQ(b.value[((n * F + f) * OH + y) * OW + x], nhwc);
        }
  EXPECT_GT(nonZero, N * OH * OW * F / 2);
}

TEST(ReferenceConv, BatchElementsAreIndependent) {
  Random2d r = randomNhwc(2);
  ConvSpec one = r.spec;
  one.n = 1;
  I8Reference both = referenceConvI8(r.spec, r.input, r.filter);
  ASSERT_TRUE(both.ok());
  size_t inHalf = r.input.size() / 2, outHalf = both.value.size() / 2;
  for (int batch = 0; batch < 2; ++batch) {
    std::vector<int8_t> in(r.input.begin() + batch * inHalf,
                           r.input.begin() + (batch + 1) * inHalf);
    I8Reference single = referenceConvI8(one, in, r.filter);
    ASSERT_TRUE(single.ok());
    EXPECT_TRUE(std::equal(single.value.begin(), single.value.end(),
                           both.value.begin() + batch * outHalf));
  }
}

TEST(ReferenceConv, DepthwiseIsOneConvPerChannel) {
  ConvSpec dw = conv2d(1, 6, 5, 3, 3, 3, 3, ConvOp::DepthwiseNhwcHwc);
  dw.sh = 2;
  dw.ph = dw.pw = 1;
  std::vector<int8_t> in = randomI8(11, dw.inputElements());
  std::vector<int8_t> filter = randomI8(12, dw.filterElements());
  I8Reference all = referenceConvI8(dw, in, filter);
  ASSERT_TRUE(all.ok());
  ConvSpec single = dw;
  single.op = ConvOp::Conv2dNhwcHwcf;
  single.ic = single.oc = 1;
  for (int64_t c = 0; c < 3; ++c) {
    std::vector<int8_t> inC, fC;
    for (size_t i = c; i < in.size(); i += 3)
      inC.push_back(in[i]);
    for (size_t i = c; i < filter.size(); i += 3)
      fC.push_back(filter[i]);
    I8Reference one = referenceConvI8(single, inC, fC);
    ASSERT_TRUE(one.ok());
    for (size_t p = 0; p < one.value.size(); ++p)
      ASSERT_EQ(all.value[p * 3 + c], one.value[p]) << c << " " << p;
  }
}

TEST(ReferenceConv, Conv1dEqualsConv2dWithUnitHeight) {
  ConvSpec c1 = conv2d(2, 1, 11, 3, 5, 1, 3, ConvOp::Conv1dNwcWcf);
  c1.sw = 2;
  c1.dw = 2;
  c1.pw = 1;
  ConvSpec c2 = c1;
  c2.op = ConvOp::Conv2dNhwcHwcf;
  std::vector<uint16_t> in = randomBF16(21, c1.inputElements());
  std::vector<uint16_t> filter = randomBF16(22, c1.filterElements());
  BF16Reference a = referenceConvBF16(c1, in, filter);
  BF16Reference b = referenceConvBF16(c2, in, filter);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value.size(), size_t(2 * 5 * 5));
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.absSum, b.absSum);
}

TEST(ReferenceConv, BF16AndI8AgreeOnSmallIntegers) {
  // Integers up to 2^8 are exact in bf16, so both paths compute the same.
  Random2d r = randomNhwc(3);
  std::vector<uint16_t> in, filter;
  for (int8_t v : r.input)
    in.push_back(floatToBF16(v));
  for (int8_t v : r.filter)
    filter.push_back(floatToBF16(v));
  I8Reference q = referenceConvI8(r.spec, r.input, r.filter);
  BF16Reference f = referenceConvBF16(r.spec, in, filter);
  ASSERT_TRUE(q.ok() && f.ok());
  for (size_t i = 0; i < q.value.size(); ++i)
    ASSERT_EQ(f.value[i], q.value[i]) << i;
}

TEST(ReferenceConv, Errors) {
  ConvSpec s = conv2d(1, 4, 4, 1, 1, 3, 3);
  EXPECT_EQ(referenceConvI8(s, std::vector<int8_t>(15), toI8(kFilter3x3)).error,
            "input has 15 elements, the spec needs 16");
  EXPECT_EQ(
      referenceConvBF16(s, toBF16(kInput4x4), std::vector<uint16_t>(8)).error,
      "filter has 8 elements, the spec needs 9");
  ConvSpec bad = s;
  bad.kh = 5;
  EXPECT_EQ(
      referenceConvI8(bad, toI8(kInput4x4), std::vector<int8_t>(15)).error,
      "invalid spec: empty output");
  bad = s;
  bad.sh = 0;
  EXPECT_FALSE(referenceConvI8(bad, toI8(kInput4x4), toI8(kFilter3x3)).ok());
  bad = conv2d(1, 4, 4, 2, 3, 1, 1, ConvOp::DepthwiseNhwcHwc);
  EXPECT_EQ(
      referenceConvI8(bad, std::vector<int8_t>(32), std::vector<int8_t>(2))
          .error,
      "invalid spec: depthwise needs oc = ic");
  bad = conv2d(1, 2, 4, 1, 1, 1, 1, ConvOp::Conv1dNwcWcf);
  EXPECT_FALSE(
      referenceConvI8(bad, std::vector<int8_t>(8), std::vector<int8_t>(1))
          .ok());
}

TEST(ReferenceConv, I8OverflowIsReportedNotWrapped) {
  // 131072 products of (-128) * (-128) = 2^31: one more than INT32_MAX.
  ConvSpec s = conv2d(1, 1, 1, 131072, 1, 1, 1);
  std::vector<int8_t> ones(131072, -128);
  I8Reference r = referenceConvI8(s, ones, ones);
  EXPECT_EQ(r.error, "output element 0 = 2147483648 does not fit in int32");
  EXPECT_TRUE(r.value.empty());
  // One product fewer fits.
  ones[0] = 0;
  r = referenceConvI8(s, ones, ones);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.value[0], 2147483648LL - 16384);
  // The negative extreme: -128 * 127 summed 131072 times = -2^31 + 2^17 fits.
  std::vector<int8_t> pos(131072, 127), neg(131072, -128);
  r = referenceConvI8(s, neg, pos);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.value[0], -128LL * 127 * 131072);
}

//===- CompareTest.cpp - Tests of the numerical contract ------------------===//

#include "aieconv/Runtime/Compare.h"

#include "aieconv/Runtime/BF16.h"
#include "aieconv/Runtime/RandomData.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace aieconv;

namespace {

/// A 1x1 NHWC conv, i.e. a matmul [P x K] x [K x F] with K = ic: the simplest
/// layer with a long reduction.
ConvSpec pointwise(int64_t positions, int64_t k, int64_t f) {
  ConvSpec s;
  s.iw = positions;
  s.ic = k;
  s.oc = f;
  return s;
}

struct Layer {
  ConvSpec spec;
  std::vector<uint16_t> input, filter;
  BF16Reference ref;
};

Layer randomLayer(int64_t positions, int64_t k, int64_t f, uint64_t seed) {
  Layer l;
  l.spec = pointwise(positions, k, f);
  l.input = randomBF16(deriveSeed(seed, kInputStream), l.spec.inputElements());
  l.filter =
      randomBF16(deriveSeed(seed, kFilterStream), l.spec.filterElements());
  l.ref = referenceConvBF16(l.spec, l.input, l.filter);
  return l;
}

enum class Order { Forward, Backward, Blocked8 };

/// The layer computed the way a device would: f32 products (exact) summed in
/// f32 in the given order.
std::vector<float> f32Conv(const Layer &l, Order order) {
  int64_t P = l.spec.iw, K = l.spec.ic, F = l.spec.oc;
  std::vector<float> out(P * F);
  for (int64_t p = 0; p < P; ++p)
    for (int64_t f = 0; f < F; ++f) {
      auto product = [&](int64_t c) {
        return bf16ToFloat(l.input[p * K + c]) *
               bf16ToFloat(l.filter[c * F + f]);
      };
      float acc = 0.0f;
      if (order == Order::Forward) {
        for (int64_t c = 0; c < K; ++c)
          acc += product(c);
      } else if (order == Order::Backward) {
        for (int64_t c = K - 1; c >= 0; --c)
          acc += product(c);
      } else {
        // Partial sums of 8 added to the accumulator, as a blocked K loop.
        for (int64_t c0 = 0; c0 < K; c0 += 8) {
          float partial = 0.0f;
          for (int64_t c = c0; c < std::min(K, c0 + 8); ++c)
            partial += product(c);
          acc += partial;
        }
      }
      out[p * F + f] = acc;
    }
  return out;
}

} // namespace

TEST(Tolerance, GammaOnKnownValues) {
  const double u = 0x1p-24;
  EXPECT_DOUBLE_EQ(gammaBound(1, u), u / (1 - u));
  EXPECT_DOUBLE_EQ(gammaBound(1000, u), 1000 * u / (1 - 1000 * u));
  // 1000 * 2^-24 = 5.9604644775390625e-5.
  EXPECT_NEAR(gammaBound(1000, u), 5.96082e-5, 1e-9);
  EXPECT_TRUE(std::isinf(gammaBound(1 << 24, u)));
  EXPECT_TRUE(std::isinf(gammaBound(int64_t{1} << 30, u)));
  EXPECT_EQ(gammaBound(0, u), 0.0);
}

TEST(Tolerance, PerElementFormula) {
  const double u = 0x1p-24;
  // K = 100, ref = 2, sum |products| = 10, f32 output.
  double e =
      (100 * u / (1 - 100 * u) + 100 * 0x1p-53 / (1 - 100 * 0x1p-53)) * 10 +
      200 * 0x1p-126;
  EXPECT_DOUBLE_EQ(bf16Tolerance(100, 2.0, 10.0), e);
  EXPECT_NEAR(bf16Tolerance(100, 2.0, 10.0), 5.96047e-5, 1e-9);
  // Independent of ref without output rounding; ref matters with it.
  EXPECT_DOUBLE_EQ(bf16Tolerance(100, -7.0, 10.0), e);
  ToleranceParams bf16Out;
  bf16Out.outputRoundoff = 0x1p-8;
  EXPECT_DOUBLE_EQ(bf16Tolerance(100, 2.0, 10.0, bf16Out),
                   e + 0x1p-8 * (2.0 + e));
  EXPECT_DOUBLE_EQ(bf16Tolerance(100, -2.0, 10.0, bf16Out),
                   e + 0x1p-8 * (2.0 + e));
  // A zero sum of zero products allows only the flush-to-zero slack.
  EXPECT_DOUBLE_EQ(bf16Tolerance(9, 0.0, 0.0), 18 * 0x1p-126);
}

TEST(Compare, F32AccumulationInAnyOrderPasses) {
  Layer l = randomLayer(16, 4096, 8, 5);
  ASSERT_TRUE(l.ref.ok());
  for (Order order : {Order::Forward, Order::Backward, Order::Blocked8}) {
    std::vector<float> got = f32Conv(l, order);
    CompareResult r = compareBF16(got.data(), got.size(), l.ref, 4096);
    EXPECT_TRUE(r.correct) << r.summary();
    EXPECT_EQ(r.count, 16 * 8);
    EXPECT_EQ(r.mismatches, 0);
    EXPECT_EQ(r.firstMismatch, -1);
    // The f32 sums are not exact, yet well inside the bound.
    EXPECT_GT(r.maxAbsError, 0.0);
    EXPECT_LT(r.maxAbsError, r.maxTolerance);
  }
}

TEST(Compare, PerturbationJustAboveTheBoundIsCaught) {
  Layer l = randomLayer(4, 512, 4, 6);
  ASSERT_TRUE(l.ref.ok());
  std::vector<float> got(l.ref.value.begin(), l.ref.value.end());
  ASSERT_TRUE(compareBF16(got.data(), got.size(), l.ref, 512).correct);
  const size_t i = 5;
  double ref = l.ref.value[i];
  double tol = bf16Tolerance(512, ref, l.ref.absSum[i]);
  // The smallest float above ref + tol, and the float just below it.
  float above = static_cast<float>(ref + tol);
  while (double(above) - ref <= tol)
    above = std::nextafter(above, std::numeric_limits<float>::infinity());
  float below = std::nextafter(above, -std::numeric_limits<float>::infinity());
  ASSERT_LE(double(below) - ref, tol);
  // Both sit one float spacing apart, a tiny fraction of the bound.
  ASSERT_LT(double(above) - double(below), tol / 8);

  got[i] = below;
  CompareResult ok = compareBF16(got.data(), got.size(), l.ref, 512);
  EXPECT_TRUE(ok.correct) << ok.summary();

  got[i] = above;
  CompareResult bad = compareBF16(got.data(), got.size(), l.ref, 512);
  EXPECT_FALSE(bad.correct);
  EXPECT_EQ(bad.mismatches, 1);
  EXPECT_EQ(bad.firstMismatch, int64_t(i));
  EXPECT_EQ(bad.firstGot, double(above));
  EXPECT_EQ(bad.firstRef, ref);
  EXPECT_EQ(bad.firstTolerance, tol);
  EXPECT_GT(bad.maxAbsError, tol);
  EXPECT_NE(bad.summary().find("INCORRECT: 1 of 16 elements"),
            std::string::npos)
      << bad.summary();

  // The same on the negative side.
  got[i] = static_cast<float>(ref - 2 * tol);
  EXPECT_FALSE(compareBF16(got.data(), got.size(), l.ref, 512).correct);
}

TEST(Compare, OutputRoundedToBF16NeedsTheOutputTerm) {
  Layer l = randomLayer(16, 16, 8, 7);
  ASSERT_TRUE(l.ref.ok());
  std::vector<float> got = f32Conv(l, Order::Forward);
  for (float &v : got)
    v = bf16ToFloat(floatToBF16(v));
  EXPECT_FALSE(compareBF16(got.data(), got.size(), l.ref, 16).correct);
  ToleranceParams bf16Out;
  bf16Out.outputRoundoff = 0x1p-8;
  CompareResult r = compareBF16(got.data(), got.size(), l.ref, 16, bf16Out);
  EXPECT_TRUE(r.correct) << r.summary();
}

TEST(Compare, NonFiniteValues) {
  ConvSpec s = pointwise(1, 1, 3);
  BF16Reference ref;
  ref.value = {1.0, std::numeric_limits<double>::infinity(),
               std::numeric_limits<double>::quiet_NaN()};
  ref.absSum = {1.0, std::numeric_limits<double>::infinity(),
                std::numeric_limits<double>::quiet_NaN()};
  float inf = std::numeric_limits<float>::infinity();
  float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> got = {1.0f, inf, nan};
  EXPECT_TRUE(compareBF16(got.data(), 3, ref, 1).correct);
  got = {nan, inf, nan};
  CompareResult r = compareBF16(got.data(), 3, ref, 1);
  EXPECT_FALSE(r.correct);
  EXPECT_EQ(r.firstMismatch, 0);
  EXPECT_TRUE(std::isinf(r.maxAbsError));
  got = {inf, inf, nan};
  EXPECT_FALSE(compareBF16(got.data(), 3, ref, 1).correct);
  got = {1.0f, -inf, nan};
  EXPECT_FALSE(compareBF16(got.data(), 3, ref, 1).correct);
  got = {1.0f, inf, 0.0f};
  EXPECT_FALSE(compareBF16(got.data(), 3, ref, 1).correct);
}

TEST(Compare, RelativeErrorUsesTheTinyFloor) {
  BF16Reference ref;
  ref.value = {0.0, 4.0};
  ref.absSum = {8.0, 8.0};
  std::vector<float> got = {1e-6f, 4.0f + 1e-6f};
  ToleranceParams p;
  p.tiny = 1e-3;
  CompareResult r = compareBF16(got.data(), 2, ref, 1 << 20, p);
  EXPECT_TRUE(r.correct) << r.summary();
  EXPECT_NEAR(r.maxRelError, 1e-6 / 1e-3, 1e-6);
  EXPECT_NEAR(r.maxAbsError, 1e-6, 1e-7);
}

TEST(Compare, I8IsBitExact) {
  I8Reference ref;
  ref.value = {0, -5, 7, 2147483647};
  std::vector<int32_t> got = ref.value;
  CompareResult r = compareI8(got.data(), got.size(), ref);
  EXPECT_TRUE(r.correct) << r.summary();
  EXPECT_EQ(r.maxAbsError, 0.0);
  EXPECT_EQ(r.maxTolerance, 0.0);
  got[2] = 8;
  got[3] = 2147483646;
  r = compareI8(got.data(), got.size(), ref);
  EXPECT_FALSE(r.correct);
  EXPECT_EQ(r.mismatches, 2);
  EXPECT_EQ(r.firstMismatch, 2);
  EXPECT_EQ(r.firstGot, 8.0);
  EXPECT_EQ(r.firstRef, 7.0);
  EXPECT_EQ(r.maxAbsError, 1.0);
}

TEST(Compare, ErrorsAreReportedNotThrown) {
  I8Reference ref;
  ref.value = {1, 2};
  std::vector<int32_t> got = {1};
  CompareResult r = compareI8(got.data(), got.size(), ref);
  EXPECT_FALSE(r.correct);
  EXPECT_EQ(r.error, "output has 1 elements, the reference 2");
  ref.error = "boom";
  r = compareI8(got.data(), got.size(), ref);
  EXPECT_EQ(r.error, "reference failed: boom");
  EXPECT_EQ(r.summary(), "comparison failed: reference failed: boom");

  BF16Reference fref;
  fref.value = {1.0};
  fref.absSum = {1.0};
  float one = 1.0f;
  EXPECT_FALSE(compareBF16(&one, 1, fref, 0).correct);
  EXPECT_EQ(compareBF16(&one, 1, fref, 0).error,
            "reduction size must be positive");
}

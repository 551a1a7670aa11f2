//===- MatmulKernelTest.cpp - Matmul and zero-fill ukernels vs reference --===//
//
// Every matmul variant of the registry, both layouts, called through its C
// ABI host entry like JIT-compiled code calls it, over every shape up to 4
// micro-tiles per dimension and two large ones, against referenceMatmul.
//
//===----------------------------------------------------------------------===//

#include "KernelTestSupport.h"

#include "host/HostUKernels.h"
#include "ukernels/Matmul.h"

#include <cstring>

using namespace aieconv::kernels;
using namespace aieconv::kernels::testing;

namespace {

/// Runs one matmul call of `variant` on random data and checks it; for
/// row-major operands `pad` extra elements per row and a leading offset
/// exercise the leading dimension, and the padding must stay untouched.
/// Returns the number of wrong elements.
template <typename TA, typename TB, typename TC>
int64_t checkMatmul(const MatmulVariant &variant, const MatmulShape &shape,
                    int64_t pad, unsigned seed) {
  const int64_t m = shape.m, n = shape.n, k = shape.k;
  const MicroTile tile = variant.tile;
  Buffer<TA> a = randomData<TA>(m * k, seed);
  Buffer<TB> b = randomData<TB>(k * n, seed + 1);
  Buffer<TC> c0 = randomData<TC>(m * n, seed + 2);
  std::vector<ReferenceValue> want = referenceMatmul(a, b, c0, m, n, k);
  Buffer<TC> got(m * n);
  std::string what = variant.symbolName(shape);

  if (variant.layout == OperandLayout::RowMajor) {
    const int64_t offset = 3, lda = k + pad, ldb = n + pad, ldc = n + pad;
    Buffer<TA> aBuffer = randomData<TA>(offset + m * lda, seed + 3);
    Buffer<TB> bBuffer = randomData<TB>(offset + k * ldb, seed + 4);
    Buffer<TC> cBuffer = randomData<TC>(offset + m * ldc, seed + 5);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t p = 0; p < k; ++p)
        aBuffer[offset + i * lda + p] = a[i * k + p];
    for (int64_t p = 0; p < k; ++p)
      for (int64_t j = 0; j < n; ++j)
        bBuffer[offset + p * ldb + j] = b[p * n + j];
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        cBuffer[offset + i * ldc + j] = c0[i * n + j];
    Buffer<TC> cBefore = cBuffer;
    auto entry =
        reinterpret_cast<RowMajorMatmulFn<TA, TB, TC>>(hostEntry(variant));
    entry(aBuffer.data(), aBuffer.data(), offset, m, k, lda, 1, //
          bBuffer.data(), bBuffer.data(), offset, k, n, ldb, 1, //
          cBuffer.data(), cBuffer.data(), offset, m, n, ldc, 1);
    int64_t clobbered = 0;
    for (int64_t index = 0; index < int64_t(cBuffer.size()); ++index) {
      int64_t row = (index - offset) / ldc, col = (index - offset) % ldc;
      bool inside = index >= offset && col < n;
      if (inside)
        got[row * n + col] = cBuffer[index];
      else if (std::memcmp(&cBuffer[index], &cBefore[index], sizeof(TC)) != 0)
        ++clobbered;
    }
    EXPECT_EQ(clobbered, 0) << what << " wrote outside C";
  } else {
    Buffer<TA> aPacked(m * k);
    Buffer<TB> bPacked(k * n);
    Buffer<TC> cPacked(m * n);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t p = 0; p < k; ++p)
        aPacked[rowBlockedIndex(i, p, k, tile.r, tile.s)] = a[i * k + p];
    for (int64_t p = 0; p < k; ++p)
      for (int64_t j = 0; j < n; ++j)
        bPacked[columnBlockedIndex(p, j, k, tile.s, tile.t)] = b[p * n + j];
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        cPacked[rowBlockedIndex(i, j, n, tile.r, tile.t)] = c0[i * n + j];
    const int64_t mt = m / tile.r, nt = n / tile.t, kt = k / tile.s;
    const int64_t r = tile.r, s = tile.s, t = tile.t;
    auto entry =
        reinterpret_cast<BlockedMatmulFn<TA, TB, TC>>(hostEntry(variant));
    entry(aPacked.data(), aPacked.data(), 0, mt, kt, r, s, kt * r * s, r * s, s,
          1, //
          bPacked.data(), bPacked.data(), 0, nt, kt, s, t, kt * s * t, s * t, t,
          1, //
          cPacked.data(), cPacked.data(), 0, mt, nt, r, t, nt * r * t, r * t, t,
          1);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        got[i * n + j] = cPacked[rowBlockedIndex(i, j, n, tile.r, tile.t)];
  }
  return countMismatches(got, want, what);
}

int64_t checkMatmulAnyType(const MatmulVariant &variant,
                           const MatmulShape &shape, int64_t pad,
                           unsigned seed) {
  int64_t bad = -1;
  withHostTypes(variant.lhs, variant.rhs, variant.out, [&](auto types) {
    using Types = decltype(types);
    bad = checkMatmul<typename Types::First, typename Types::Second,
                      typename Types::Out>(variant, shape, pad, seed);
  });
  return bad;
}

class MatmulVariantTest : public ::testing::TestWithParam<MatmulVariant> {};

std::string variantName(const ::testing::TestParamInfo<MatmulVariant> &info) {
  const MatmulVariant &v = info.param;
  return std::string(toString(v.device)) + "_" +
         (v.layout == OperandLayout::Blocked ? "blocked_" : "rowmajor_") +
         std::string(toString(v.lhs)) + "_" + std::string(toString(v.out));
}

TEST_P(MatmulVariantTest, EverySmallShapeMatchesTheReference) {
  const MatmulVariant &variant = GetParam();
  unsigned seed = 1;
  for (int64_t mi = 1; mi <= 4; ++mi)
    for (int64_t ni = 1; ni <= 4; ++ni)
      for (int64_t ki = 1; ki <= 4; ++ki) {
        MatmulShape shape{mi * variant.tile.r, ni * variant.tile.t,
                          ki * variant.tile.s};
        int64_t pad = (ki % 2) * variant.tile.s + (ni == 3 ? 1 : 0);
        ASSERT_EQ(checkMatmulAnyType(variant, shape, pad, seed += 7), 0)
            << variant.symbolName(shape);
      }
}

TEST_P(MatmulVariantTest, LargeShapesMatchTheReference) {
  const MatmulVariant &variant = GetParam();
  for (MatmulShape shape :
       {MatmulShape{64, 64, 64}, MatmulShape{32, 128, 64}}) {
    ASSERT_TRUE(variant.isLegal(shape)) << variant.whyIllegal(shape);
    EXPECT_EQ(checkMatmulAnyType(variant, shape, /*pad=*/0, 11), 0);
    if (variant.layout == OperandLayout::RowMajor)
      EXPECT_EQ(checkMatmulAnyType(variant, shape, /*pad=*/16, 12), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, MatmulVariantTest,
                         ::testing::ValuesIn(allMatmulVariants()), variantName);

TEST(MatmulKernel, ToleranceCatchesAMissingTerm) {
  // The checker must fail a result that lacks one product of the
  // reduction: run the kernel on K - s and compare with the K reference.
  const MatmulVariant *variant = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  const int64_t m = 8, n = 8, k = 64, shortK = k - variant->tile.s;
  Buffer<bfloat16> a = randomData<bfloat16>(m * k, 5);
  Buffer<bfloat16> b = randomData<bfloat16>(k * n, 6);
  Buffer<float> c(m * n, 0.0f);
  std::vector<ReferenceValue> want = referenceMatmul(a, b, c, m, n, k);
  // A[:, :shortK] is a with leading dimension k; B's first shortK rows.
  aieconv::ukernels::matmulRowMajor<bfloat16, bfloat16, float, 4, 8, 4>(
      a.data(), b.data(), c.data(), m, n, shortK, k, n, n);
  int64_t bad = 0;
  for (size_t index = 0; index < want.size(); ++index)
    if (std::fabs(double(c[index]) - want[index].exact) >
        tolerance<float>(want[index]))
      ++bad;
  EXPECT_GT(bad, int64_t(want.size()) * 9 / 10);
}

TEST(AieApiEmulation, MmulMultipliesRowMajorTiles) {
  // A 4x8 times B 8x4 with A(i, k) = i + 1 and B(k, j) = k == j: C(i, j) is
  // i + 1 for j < 4 (each column picks one column of A), plus the start.
  aie::vector<bfloat16, 32> a;
  aie::vector<bfloat16, 32> b;
  for (unsigned i = 0; i < 4; ++i)
    for (unsigned k = 0; k < 8; ++k)
      a.set(bfloat16(float(i + 1) * float(k + 1)), i * 8 + k);
  for (unsigned k = 0; k < 8; ++k)
    for (unsigned j = 0; j < 4; ++j)
      b.set(bfloat16(k == 2 * j ? 1.0f : 0.0f), k * 4 + j);
  aie::mmul<4, 8, 4, bfloat16, bfloat16, accfloat> product(
      aie::broadcast<float, 16>(0.5f));
  product.mac(a, b);
  aie::vector<float, 16> c = product.to_vector<float>();
  for (unsigned i = 0; i < 4; ++i)
    for (unsigned j = 0; j < 4; ++j)
      EXPECT_EQ(c.get(i * 4 + j), float(i + 1) * float(2 * j + 1) + 0.5f)
          << i << "," << j;
}

TEST(AieApiEmulation, Bfloat16RoundsToNearestEven) {
  auto bits = [](float value) { return bfloat16(value).bits(); };
  const float one = 1.0f, half = std::ldexp(1.0f, -8);
  EXPECT_EQ(bits(one + half), bfloat16(one).bits());              // tie -> even
  EXPECT_EQ(bits(one + 3 * half), bits(one + 4 * half));          // tie -> even
  EXPECT_EQ(bits(one + half * 1.0078125f), bits(one + 2 * half)); // above tie
  EXPECT_EQ(bits(-(one + 3 * half)), bits(-(one + 4 * half)));
  EXPECT_TRUE(std::isnan(float(bfloat16(std::nanf("")))));
  EXPECT_EQ(float(bfloat16(3.0f)), 3.0f);
}

TEST(AieApiEmulation, IntegerNarrowingShiftsAndSaturates) {
  aie::accum<acc32, 16> acc;
  acc.from_vector(aie::broadcast<int32_t, 16>(300));
  aie::set_saturation(aie::saturation_mode::saturate);
  EXPECT_EQ(acc.to_vector<int8_t>().get(0), 127);
  aie::set_rounding(aie::rounding_mode::floor);
  EXPECT_EQ(acc.to_vector<int8_t>(3).get(0), 37); // 300 / 8 = 37.5 -> 37
  aie::set_rounding(aie::rounding_mode::conv_even);
  EXPECT_EQ(acc.to_vector<int8_t>(3).get(0), 38); // tie -> even 38
  aie::set_saturation(aie::saturation_mode::none);
}

TEST(ZeroFillKernel, ZeroesExactlyTheTile) {
  // Widths of 2, 3 and 5 columns of t reach every store of a row: 256-bit
  // vectors, then max(t, 128-bit) vectors, then single elements.
  for (const ZeroFillVariant &variant : allZeroFillVariants())
    for (int64_t columnTiles : {2, 3, 5}) {
      const int64_t m = 3 * variant.r, n = columnTiles * variant.t, ld = n + 5,
                    offset = 2;
      auto run = [&](auto *buffer, auto entry) {
        entry(buffer, buffer, offset, m, n, ld, 1);
      };
      auto check = [&](auto tag) {
        using T = decltype(tag);
        Buffer<T> buffer = randomData<T>(offset + m * ld + 7, 9);
        for (T &value : buffer)
          if (exact(value) == 0)
            value = T(1);
        run(buffer.data(), reinterpret_cast<ZeroFillFn<T>>(hostEntry(variant)));
        for (int64_t index = 0; index < int64_t(buffer.size()); ++index) {
          int64_t row = (index - offset) / ld, col = (index - offset) % ld;
          bool inside = index >= offset && row < m && col < n;
          EXPECT_EQ(exact(buffer[index]) == 0, inside)
              << variant.symbolName({m, n}) << " at " << index;
        }
      };
      if (variant.type == ElemType::F32)
        check(float());
      else if (variant.type == ElemType::BF16)
        check(bfloat16(0.0f));
      else
        check(int32_t());
    }
}

} // namespace

namespace {

TEST(AieApiEmulation, FiltersAndZipsChunks) {
  // v = 0 1 2 3 4 5 6 7 ... 15; chunks of 2: even chunks are (0 1)(4 5)...
  aie::vector<int32_t, 16> v;
  for (unsigned lane = 0; lane < 16; ++lane)
    v.set(int32_t(lane), lane);
  aie::vector<int32_t, 8> even = aie::filter_even(v, 2);
  aie::vector<int32_t, 8> odd = aie::filter_odd(v, 2);
  const int32_t wantEven[8] = {0, 1, 4, 5, 8, 9, 12, 13};
  const int32_t wantOdd[8] = {2, 3, 6, 7, 10, 11, 14, 15};
  for (unsigned lane = 0; lane < 8; ++lane) {
    EXPECT_EQ(even.get(lane), wantEven[lane]) << lane;
    EXPECT_EQ(odd.get(lane), wantOdd[lane]) << lane;
  }
  // Zipping the halves back in chunks of 2 restores v.
  auto [low, high] = aie::interleave_zip(even, odd, 2);
  for (unsigned lane = 0; lane < 8; ++lane) {
    EXPECT_EQ(low.get(lane), int32_t(lane));
    EXPECT_EQ(high.get(lane), int32_t(lane + 8));
  }
}

} // namespace

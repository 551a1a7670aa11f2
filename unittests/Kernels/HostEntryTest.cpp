//===- HostEntryTest.cpp - Symbol lookup and entry-point checks -----------===//

#include "KernelTestSupport.h"

#include "host/HostUKernels.h"

using namespace aieconv::kernels;
using namespace aieconv::kernels::testing;

namespace {

TEST(LookupHostUKernel, FindsTheEntryOfEveryVariant) {
  for (const MatmulVariant &variant : allMatmulVariants()) {
    MatmulShape shape{2 * variant.tile.r, 3 * variant.tile.t,
                      2 * variant.tile.s};
    const void *entry = lookupHostUKernel(variant.symbolName(shape));
    ASSERT_NE(entry, nullptr) << variant.symbolName(shape);
    EXPECT_EQ(entry, hostEntry(variant));
  }
  std::set<const void *> distinct;
  for (const MatmulVariant &variant : allMatmulVariants())
    distinct.insert(hostEntry(variant));
  EXPECT_EQ(distinct.size(), allMatmulVariants().size());

  for (const ConvVariant &variant : allConvVariants()) {
    ConvShape shape{
        2, variant.tile.r, variant.tile.t, 3, 3, variant.tile.s, 2, 2, 1, 1};
    const void *entry = lookupHostUKernel(variant.symbolName(shape));
    ASSERT_NE(entry, nullptr) << variant.symbolName(shape);
    EXPECT_EQ(entry, hostEntry(variant));
  }
  for (const DepthwiseVariant &variant : allDepthwiseVariants()) {
    DepthwiseShape shape{4, 5, variant.lanes, 3, 3, 1, 1, 2, 2};
    const void *entry = lookupHostUKernel(variant.symbolName(shape));
    ASSERT_NE(entry, nullptr) << variant.symbolName(shape);
    EXPECT_NE(entry, nullptr);
  }
  for (const ZeroFillVariant &variant : allZeroFillVariants()) {
    const void *entry =
        lookupHostUKernel(variant.symbolName({variant.r, variant.t}));
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry, hostEntry(variant));
  }
}

TEST(LookupHostUKernel, SeedNamesResolve) {
  EXPECT_NE(lookupHostUKernel("matmul_bf16_bf16_f32_64x64x64_4x8x4"), nullptr);
  EXPECT_NE(lookupHostUKernel("matmul_i8_i8_i32_32x32x64_4x8x8"), nullptr);
  EXPECT_NE(lookupHostUKernel("matmul_blocked_bf16_bf16_bf16_16x16x32_4x8x4"),
            nullptr);
  EXPECT_NE(
      lookupHostUKernel("conv2d_bf16_bf16_f32_4x8x16_3x3x32_s1x1_d1x1_4x8x4"),
      nullptr);
  EXPECT_NE(lookupHostUKernel("dwconv2d_i8_i8_i32_4x4x32_3x3_s2x2_d1x1_16"),
            nullptr);
  EXPECT_NE(lookupHostUKernel("zero_f32_64x64_4x4"), nullptr);
}

TEST(LookupHostUKernel, RefusesUnknownAndIllegalNames) {
  for (const char *name : {
           "",
           "printf",
           "matmul_bf16_bf16_f32_6x4x8_4x8x4",      // M not a multiple of 4
           "matmul_bf16_bf16_f32_4x4x8_4x4x4",      // no such micro-tile
           "matmul_f32_f32_f32_4x4x8_4x8x4",        // no such types
           "matmul_bf16_bf16_f32_128x128x64_4x8x4", // does not fit in L1
           "matmul_bf16_bf16_f32_4x4x8_4x8x4 ",     // trailing text
           "conv2d_bf16_bf16_f32_4x8x16_3x3x32_s0x1_d1x1_4x8x4", // stride 0
           "conv2d_bf16_bf16_f32_4x6x16_3x3x32_s1x1_d1x1_4x8x4", // OW=6
           "conv2d_bf16_bf16_f32_4x8x16_3x3x32_s1x1_4x8x4",      // no dilation
           "dwconv2d_i8_i8_i32_4x4x24_3x3_s1x1_d1x1_16",         // C=24
           "dwconv2d_i8_i8_i32_4x4x32_3x3_s1x1_d0x1_16",         // dilation 0
           "zero_f32_6x4_4x4",
           "zero_f32_4x4",
       })
    EXPECT_EQ(lookupHostUKernel(name), nullptr) << name;
}

TEST(HostEntry, CallsLikeJitCodeOnASubview) {
  // The lowering passes a 16x16 window of a 16x40 buffer at offset 8: the
  // leading dimension is 40, the element at (i, j) is aligned[8 + 40 i + j].
  using Fn = RowMajorMatmulFn<bfloat16, bfloat16, float>;
  auto entry = reinterpret_cast<Fn>(
      lookupHostUKernel("matmul_bf16_bf16_f32_16x16x32_4x8x4"));
  ASSERT_NE(entry, nullptr);
  const int64_t m = 16, n = 16, k = 32, ld = 40, offset = 8;
  Buffer<bfloat16> a = randomData<bfloat16>(m * k, 1);
  Buffer<bfloat16> b = randomData<bfloat16>(k * n, 2);
  Buffer<float> big = randomData<float>(offset + m * ld, 3);
  Buffer<float> c0(m * n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      c0[i * n + j] = big[offset + i * ld + j];
  entry(a.data(), a.data(), 0, m, k, k, 1, b.data(), b.data(), 0, k, n, n, 1,
        big.data(), big.data(), offset, m, n, ld, 1);
  Buffer<float> got(m * n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      got[i * n + j] = big[offset + i * ld + j];
  EXPECT_EQ(countMismatches(got, referenceMatmul(a, b, c0, m, n, k), "subview"),
            0);
}

using HostEntryDeathTest = ::testing::Test;

TEST_F(HostEntryDeathTest, WrongShapesAbortWithAReason) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  using Fn = RowMajorMatmulFn<bfloat16, bfloat16, float>;
  auto entry = reinterpret_cast<Fn>(
      lookupHostUKernel("matmul_bf16_bf16_f32_16x16x32_4x8x4"));
  ASSERT_NE(entry, nullptr);
  Buffer<bfloat16> a(64 * 64), b(64 * 64);
  Buffer<float> c(64 * 64);
  // M = 6 is no multiple of the micro-tile's 4 rows.
  EXPECT_DEATH(entry(a.data(), a.data(), 0, 6, 32, 32, 1, b.data(), b.data(), 0,
                     32, 16, 16, 1, c.data(), c.data(), 0, 6, 16, 16, 1),
               "M=6, N=16, K=32 are not positive multiples");
  // A's K (32) and B's K (24) disagree.
  EXPECT_DEATH(entry(a.data(), a.data(), 0, 16, 32, 32, 1, b.data(), b.data(),
                     0, 24, 16, 16, 1, c.data(), c.data(), 0, 16, 16, 16, 1),
               "do not form");
  // A column-major view is not what a row-major ukernel reads.
  EXPECT_DEATH(entry(a.data(), a.data(), 0, 16, 32, 1, 16, b.data(), b.data(),
                     0, 32, 16, 16, 1, c.data(), c.data(), 0, 16, 16, 16, 1),
               "innermost strides must be 1");

  using ConvEntry = ConvFn<bfloat16, bfloat16, float>;
  auto conv = reinterpret_cast<ConvEntry>(
      lookupHostUKernel("conv2d_bf16_bf16_f32_2x4x4_3x3x8_s1x1_d1x1_4x8x4"));
  ASSERT_NE(conv, nullptr);
  // A 2x4 output tile of 3x3 over 8 channels, with the patch width, row
  // stride and accumulate flag given.
  auto callConv = [&](int64_t patchWidth, int64_t strideH,
                      int64_t accumulate) {
    conv(a.data(), a.data(), 0, 1, 4, patchWidth, 8, 32 * patchWidth,
         8 * patchWidth, 8, 1, //
         b.data(), b.data(), 0, 1, 3, 3, 1, 8, 4, 288, 96, 32, 32, 4,
         1,                                               //
         c.data(), c.data(), 0, 1, 2, 4, 4, 32, 16, 4, 1, //
         strideH, 1, 1, 1, accumulate);
  };
  // Patch 4x5 is one column short of the 4x6 a 2x4 output of 3x3 reads.
  EXPECT_DEATH(callConv(5, 1, 1), "input patch 4x5 is smaller than the 4x6");
  EXPECT_DEATH(callConv(6, 0, 1), "strides 0x1 must be at least 1");
  EXPECT_DEATH(callConv(6, 1, 2),
               "the accumulator route must be 0, 1, 3, 4, 5 or 7, not 2");
  // Partial sums from the cascade that no earlier call put there: the AIE
  // would stall for ever, the host stops with the reason.
  EXPECT_DEATH(callConv(6, 1, 3), "reads 2 cascade words but the previous "
                                  "call of its chain passed on 0");
}

} // namespace

TEST(HostEmulationDeathTest, StopsAnAlignedAccessOffItsAlignment) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // The AIE leaves an aligned vector access off its alignment undefined
  // (up to 256 bits: 128-bit accesses on 16 bytes, wider ones on 32): the
  // emulation stops there, and an unaligned access must keep its promise.
  Buffer<bfloat16> data(64);
  EXPECT_EQ(float(aie::load_v<16>(data.data() + 16).get(0)), 0.0f);
  EXPECT_DEATH(aie::load_v<16>(data.data() + 8), "not aligned to 32 bytes");
  EXPECT_DEATH(aie::load_v<8>(data.data() + 4), "not aligned to 16 bytes");
  EXPECT_DEATH(aie::store_v(data.data() + 1, aie::zeros<bfloat16, 16>()),
               "not aligned to 32 bytes");
  EXPECT_EQ(float(aie::load_unaligned_v<16>(data.data() + 8, 8).get(0)),
            0.0f);
  EXPECT_DEATH(aie::load_unaligned_v<16>(data.data() + 4, 8),
               "not aligned to 16 bytes");
}

TEST(HostEmulationDeathTest, TakesTheAlignmentRuleOfTheVariantsDevice) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // A 1x1 conv's pixel tile is one aligned load of 4 pixels x 8 bf16
  // channels, 512 bits: npu1 (AIE-ML) needs it on 256 bits, npu2 (XDNA 2)
  // on 512. An input placed 32 bytes into its buffer passes the one rule
  // and not the other.
  Buffer<bfloat16> in(64), w(64);
  Buffer<float> out(32);
  using Entry = ConvFn<bfloat16, bfloat16, float>;
  auto call = [&](const char *symbol, int64_t t) {
    auto conv = reinterpret_cast<Entry>(lookupHostUKernel(symbol));
    ASSERT_NE(conv, nullptr) << symbol;
    conv(in.data(), in.data(), 16, 1, 1, 4, 8, 32, 32, 8, 1, //
         w.data(), w.data(), 0, 1, 1, 1, 1, 8, t, 8 * t, 8 * t, 8 * t,
         8 * t, t, 1,                                          //
         out.data(), out.data(), 0, 1, 1, 4, t, 4 * t, 4 * t, t, 1, //
         1, 1, 1, 1, 1);
  };
  call("conv2d_bf16_bf16_f32_1x4x4_1x1x8_s1x1_d1x1_4x8x4", 4);
  EXPECT_DEATH(call("conv2d_bf16_bf16_f32_1x4x8_1x1x8_s1x1_d1x1_4x8x8", 8),
               "not aligned to 64 bytes");
}

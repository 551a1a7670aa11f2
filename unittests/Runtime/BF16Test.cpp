//===- BF16Test.cpp - Tests of the reference bf16 conversions -------------===//

#include "aieconv/Runtime/BF16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace aieconv;

namespace {
float fromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}
} // namespace

TEST(BF16, ExactValuesAreKept) {
  EXPECT_EQ(floatToBF16(1.0f), 0x3f80);
  EXPECT_EQ(floatToBF16(-2.0f), 0xc000);
  EXPECT_EQ(floatToBF16(0.0f), 0x0000);
  EXPECT_EQ(floatToBF16(-0.0f), 0x8000);
  EXPECT_EQ(floatToBF16(0.5f), 0x3f00);
  EXPECT_EQ(bf16ToFloat(0x3f80), 1.0f);
  EXPECT_EQ(bf16ToFloat(0xbfc0), -1.5f);
}

TEST(BF16, RoundsToNearestTiesToEven) {
  // Between 1.0 (0x3f80) and 1 + 2^-7 (0x3f81) the midpoint is 1 + 2^-8.
  EXPECT_EQ(floatToBF16(1.0f + 0x1p-8f), 0x3f80);            // tie -> even
  EXPECT_EQ(floatToBF16(1.0f + 0x1p-8f + 0x1p-20f), 0x3f81); // above
  EXPECT_EQ(floatToBF16(1.0f + 0x1p-8f - 0x1p-20f), 0x3f80); // below
  // Between 0x3f81 (odd) and 0x3f82 the tie goes up to the even one.
  EXPECT_EQ(floatToBF16(1.0f + 3 * 0x1p-8f), 0x3f82);
  EXPECT_EQ(floatToBF16(-(1.0f + 0x1p-8f)), 0xbf80);
  EXPECT_EQ(floatToBF16(-(1.0f + 3 * 0x1p-8f)), 0xbf82);
  // A carry into the exponent: the largest value below 2 rounds to 2.
  EXPECT_EQ(floatToBF16(fromBits(0x3fffffff)), 0x4000);
  // Subnormals round like normals: 0x00008000 is a tie at an even pattern,
  // 0x00018000 a tie at an odd one.
  EXPECT_EQ(floatToBF16(fromBits(0x00008000)), 0x0000);
  EXPECT_EQ(floatToBF16(fromBits(0x00018000)), 0x0002);
  EXPECT_EQ(floatToBF16(fromBits(0x00008001)), 0x0001);
}

TEST(BF16, InfinityAndOverflow) {
  float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(floatToBF16(inf), 0x7f80);
  EXPECT_EQ(floatToBF16(-inf), 0xff80);
  // The largest finite bf16 stays; FLT_MAX lies above the midpoint to the
  // next (nonexistent) binade and becomes infinity.
  EXPECT_EQ(floatToBF16(fromBits(0x7f7f0000)), 0x7f7f);
  EXPECT_EQ(floatToBF16(std::numeric_limits<float>::max()), 0x7f80);
  EXPECT_EQ(floatToBF16(-std::numeric_limits<float>::max()), 0xff80);
  EXPECT_TRUE(std::isinf(bf16ToFloat(0x7f80)));
}

TEST(BF16, NaNStaysNaN) {
  // Payload only in the discarded half: rounding by integer addition alone
  // would yield 0x7f80 (infinity) or, with a set low half, carry elsewhere.
  for (uint32_t bits :
       {0x7f800001u, 0x7fc00000u, 0xff800001u, 0x7fffffffu, 0x7f80ffffu}) {
    uint16_t b = floatToBF16(fromBits(bits));
    EXPECT_TRUE(std::isnan(bf16ToFloat(b))) << std::hex << bits;
    EXPECT_EQ(b & 0x8000, (bits >> 16) & 0x8000)
        << "sign of " << std::hex << bits;
  }
  EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBF16(std::nanf("")))));
}

TEST(BF16, EveryPatternRoundTrips) {
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    float f = bf16ToFloat(static_cast<uint16_t>(b));
    if (std::isnan(f)) {
      EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBF16(f))));
      continue;
    }
    ASSERT_EQ(floatToBF16(f), b) << std::hex << b;
  }
}

TEST(BF16, RoundingIsNearest) {
  // Against a direct definition: of the two neighbouring bf16 values, the
  // result is the closer one, and on a tie the one with an even pattern.
  for (uint32_t hi = 0x3f00; hi < 0x3f10; ++hi)
    for (uint32_t lo = 0; lo < 0x10000; lo += 0x111) {
      float f = fromBits((hi << 16) | lo);
      double down = bf16ToFloat(static_cast<uint16_t>(hi));
      double up = bf16ToFloat(static_cast<uint16_t>(hi + 1));
      double dDown = f - down, dUp = up - f;
      uint32_t expected = dDown < dUp   ? hi
                          : dUp < dDown ? hi + 1
                                        : (hi % 2 == 0 ? hi : hi + 1);
      ASSERT_EQ(floatToBF16(f), expected) << std::hex << hi << " " << lo;
    }
}

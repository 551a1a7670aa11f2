//===- RegistryTest.cpp - Tests of the ukernel registry -------------------===//

#include "registry/UKernelRegistry.h"

#include <gtest/gtest.h>

#include <set>

using namespace aieconv::kernels;

TEST(Registry, FindsTheSeedVariantOnNpu1) {
  const MatmulVariant *variant =
      findMatmulVariant(Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  EXPECT_EQ(variant->tile.r, 4);
  EXPECT_EQ(variant->tile.s, 8);
  EXPECT_EQ(variant->tile.t, 4);
  EXPECT_EQ(variant->symbolName({4, 4, 8}), "matmul_bf16_bf16_f32_4x4x8_4x8x4");
  EXPECT_EQ(variant->symbolName({64, 64, 64}), "matmul_bf16_bf16_f32_64x64x64_4x8x4");
}

TEST(Registry, UnsupportedTypesHaveNoVariant) {
  EXPECT_EQ(findMatmulVariant(Device::Npu1, ElemType::F32, ElemType::F32, ElemType::F32), nullptr);
  EXPECT_EQ(findMatmulVariant(Device::Npu1, ElemType::I8, ElemType::I8, ElemType::F32), nullptr);
}

TEST(Registry, MicroTileMultiplesAreLegal) {
  const MatmulVariant *variant =
      findMatmulVariant(Device::Npu1, ElemType::I8, ElemType::I8, ElemType::I32);
  ASSERT_NE(variant, nullptr);
  // i8 4x8x8: M by 4, K by 8, N by 8.
  EXPECT_TRUE(variant->isLegal({4, 8, 8}));
  EXPECT_TRUE(variant->isLegal({64, 64, 128}));
  EXPECT_EQ(variant->whyIllegal({6, 8, 8}), "M=6 is not a multiple of 4");
  EXPECT_EQ(variant->whyIllegal({4, 12, 8}), "N=12 is not a multiple of 8");
  EXPECT_EQ(variant->whyIllegal({4, 8, 4}), "K=4 is not a multiple of 8");
  EXPECT_EQ(variant->whyIllegal({0, 8, 8}), "sizes must be positive");
}

TEST(Registry, OperandsMustFitCoreMemory) {
  const MatmulVariant *variant =
      findMatmulVariant(Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  // 64x64x64 bf16->f32: 8 + 8 + 16 KiB.
  EXPECT_EQ(variant->operandBytes({64, 64, 64}), 32 * 1024);
  EXPECT_TRUE(variant->isLegal({64, 64, 64}));
  // 128x128x64: 16 + 16 + 64 KiB does not fit.
  EXPECT_NE(variant->whyIllegal({128, 128, 64}).find("data memory"), std::string::npos);
}

TEST(Registry, NearestLegalRoundsUpOrGivesUp) {
  const MatmulVariant *variant =
      findMatmulVariant(Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  std::optional<MatmulShape> nearest = variant->nearestLegal({6, 5, 3});
  ASSERT_TRUE(nearest.has_value());
  EXPECT_EQ(*nearest, (MatmulShape{8, 8, 8}));
  EXPECT_FALSE(variant->nearestLegal({1000, 1000, 1000}).has_value());
}

TEST(Registry, SymbolNamesRoundTrip) {
  for (const MatmulVariant &variant : allMatmulVariants()) {
    MatmulShape shape{variant.tile.r * 2, variant.tile.t * 3, variant.tile.s * 4};
    std::optional<ParsedSymbol> parsed = parseSymbolName(variant.symbolName(shape));
    ASSERT_TRUE(parsed.has_value()) << variant.symbolName(shape);
    EXPECT_EQ(parsed->shape, shape);
    EXPECT_EQ(parsed->variant->familyName(), variant.familyName());
    EXPECT_EQ(parsed->variant->tile.r, variant.tile.r);
    EXPECT_EQ(parsed->variant->tile.t, variant.tile.t);
  }
}

TEST(Registry, ParseRejectsForeignAndIllegalNames) {
  EXPECT_FALSE(parseSymbolName("matmul_bf16_bf16_f32_6x4x8_4x8x4"));   // M=6 illegal
  EXPECT_FALSE(parseSymbolName("matmul_bf16_bf16_f32_4x4x8_4x4x4"));   // no such tile
  EXPECT_FALSE(parseSymbolName("matmul_f32_f32_f32_4x4x8_4x8x4"));     // no such types
  EXPECT_FALSE(parseSymbolName("matmul_bf16_bf16_f32_4x4x8_4x8x4_"));  // trailing text
  EXPECT_FALSE(parseSymbolName("matmul_bf16_bf16_f32_4x4_4x8x4"));     // short shape
  EXPECT_FALSE(parseSymbolName("printf"));
}

TEST(Registry, VariantNamesAreUnambiguous) {
  // Two variants with one name must be the same kernel (same types and tile).
  std::set<std::string> seen;
  for (const MatmulVariant &variant : allMatmulVariants()) {
    std::string key = variant.symbolName({variant.tile.r, variant.tile.t, variant.tile.s});
    std::optional<ParsedSymbol> parsed = parseSymbolName(key);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->variant->lhs, variant.lhs);
    EXPECT_EQ(parsed->variant->out, variant.out);
    EXPECT_EQ(parsed->variant->tile.s, variant.tile.s);
    seen.insert(key);
  }
  EXPECT_EQ(seen.size(), allMatmulVariants().size());
}

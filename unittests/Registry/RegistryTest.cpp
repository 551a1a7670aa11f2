//===- RegistryTest.cpp - Tests of the ukernel registry -------------------===//

#include "registry/UKernelRegistry.h"

#include <gtest/gtest.h>

#include <set>

using namespace aieconv::kernels;

TEST(Registry, FindsTheSeedVariantOnNpu1) {
  const MatmulVariant *variant = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  EXPECT_EQ(variant->tile.r, 4);
  EXPECT_EQ(variant->tile.s, 8);
  EXPECT_EQ(variant->tile.t, 4);
  EXPECT_EQ(variant->symbolName({4, 4, 8}), "matmul_bf16_bf16_f32_4x4x8_4x8x4");
  EXPECT_EQ(variant->symbolName({64, 64, 64}),
            "matmul_bf16_bf16_f32_64x64x64_4x8x4");
}

TEST(Registry, UnsupportedTypesHaveNoVariant) {
  EXPECT_EQ(findMatmulVariant(Device::Npu1, ElemType::F32, ElemType::F32,
                              ElemType::F32),
            nullptr);
  EXPECT_EQ(findMatmulVariant(Device::Npu1, ElemType::I8, ElemType::I8,
                              ElemType::F32),
            nullptr);
}

TEST(Registry, MicroTileMultiplesAreLegal) {
  const MatmulVariant *variant = findMatmulVariant(Device::Npu1, ElemType::I8,
                                                   ElemType::I8, ElemType::I32);
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
  const MatmulVariant *variant = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  // 64x64x64 bf16->f32: 8 + 8 + 16 KiB.
  EXPECT_EQ(variant->operandBytes({64, 64, 64}), 32 * 1024);
  EXPECT_TRUE(variant->isLegal({64, 64, 64}));
  // 128x128x64: 16 + 16 + 64 KiB does not fit.
  EXPECT_NE(variant->whyIllegal({128, 128, 64}).find("data memory"),
            std::string::npos);
}

TEST(Registry, NearestLegalRoundsUpOrGivesUp) {
  const MatmulVariant *variant = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  std::optional<MatmulShape> nearest = variant->nearestLegal({6, 5, 3});
  ASSERT_TRUE(nearest.has_value());
  EXPECT_EQ(*nearest, (MatmulShape{8, 8, 8}));
  EXPECT_FALSE(variant->nearestLegal({1000, 1000, 1000}).has_value());
}

TEST(Registry, SymbolNamesRoundTrip) {
  for (const MatmulVariant &variant : allMatmulVariants()) {
    MatmulShape shape{variant.tile.r * 2, variant.tile.t * 3,
                      variant.tile.s * 4};
    std::optional<ParsedSymbol> parsed =
        parseSymbolName(variant.symbolName(shape));
    ASSERT_TRUE(parsed.has_value()) << variant.symbolName(shape);
    EXPECT_EQ(parsed->shape, shape);
    EXPECT_EQ(parsed->variant->familyName(), variant.familyName());
    EXPECT_EQ(parsed->variant->tile.r, variant.tile.r);
    EXPECT_EQ(parsed->variant->tile.t, variant.tile.t);
  }
}

TEST(Registry, ParseRejectsForeignAndIllegalNames) {
  EXPECT_FALSE(
      parseSymbolName("matmul_bf16_bf16_f32_6x4x8_4x8x4")); // M=6 illegal
  EXPECT_FALSE(
      parseSymbolName("matmul_bf16_bf16_f32_4x4x8_4x4x4")); // no such tile
  EXPECT_FALSE(
      parseSymbolName("matmul_f32_f32_f32_4x4x8_4x8x4")); // no such types
  EXPECT_FALSE(
      parseSymbolName("matmul_bf16_bf16_f32_4x4x8_4x8x4_")); // trailing text
  EXPECT_FALSE(
      parseSymbolName("matmul_bf16_bf16_f32_4x4_4x8x4")); // short shape
  EXPECT_FALSE(parseSymbolName("printf"));
}

TEST(Registry, VariantNamesAreUnambiguous) {
  // Two variants with one name must be the same kernel (same types and tile).
  std::set<std::string> seen;
  for (const MatmulVariant &variant : allMatmulVariants()) {
    std::string key =
        variant.symbolName({variant.tile.r, variant.tile.t, variant.tile.s});
    std::optional<ParsedSymbol> parsed = parseSymbolName(key);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->variant->lhs, variant.lhs);
    EXPECT_EQ(parsed->variant->out, variant.out);
    EXPECT_EQ(parsed->variant->tile.s, variant.tile.s);
    seen.insert(key);
  }
  EXPECT_EQ(seen.size(), allMatmulVariants().size());
}

TEST(Registry, EveryVariantAlsoComesBlocked) {
  for (const MatmulVariant &variant : allMatmulVariants()) {
    const MatmulVariant *rowMajor = findMatmulVariant(
        variant.device, variant.lhs, variant.rhs, variant.out);
    ASSERT_NE(rowMajor, nullptr);
    EXPECT_EQ(rowMajor->layout, OperandLayout::RowMajor);
    const MatmulVariant *blocked =
        findMatmulVariant(variant.device, variant.lhs, variant.rhs, variant.out,
                          OperandLayout::Blocked);
    ASSERT_NE(blocked, nullptr);
    EXPECT_EQ(blocked->layout, OperandLayout::Blocked);
    EXPECT_EQ(blocked->tile.r, rowMajor->tile.r);
    EXPECT_EQ(blocked->tile.s, rowMajor->tile.s);
    EXPECT_EQ(blocked->tile.t, rowMajor->tile.t);
  }
  const MatmulVariant *blocked =
      findMatmulVariant(Device::Npu1, ElemType::I8, ElemType::I8, ElemType::I32,
                        OperandLayout::Blocked);
  ASSERT_NE(blocked, nullptr);
  EXPECT_EQ(blocked->symbolName({16, 16, 32}),
            "matmul_blocked_i8_i8_i32_16x16x32_4x8x8");
  std::optional<ParsedSymbol> parsed =
      parseSymbolName("matmul_blocked_i8_i8_i32_16x16x32_4x8x8");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->variant, blocked);
}

TEST(Registry, ConvSymbolsCarryTheWholeCall) {
  const ConvVariant *variant = findConvVariant(Device::Npu1, ElemType::BF16,
                                               ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  EXPECT_EQ(variant->tile.r, 4);
  ConvShape shape{4, 8, 16, 3, 3, 32, 2, 2, 1, 1};
  EXPECT_EQ(shape.inputHeight(), 9);
  EXPECT_EQ(shape.inputWidth(), 17);
  std::string name = variant->symbolName(shape);
  EXPECT_EQ(name, "conv2d_bf16_bf16_f32_4x8x16_3x3x32_s2x2_d1x1_4x8x4");
  std::optional<ParsedConvSymbol> parsed = parseConvSymbolName(name);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->variant, variant);
  EXPECT_EQ(parsed->shape, shape);
  // 9x17x32 bf16 input + 3x3x32x16 bf16 weights + 4x8x16 f32 output.
  EXPECT_EQ(variant->operandBytes(shape),
            9 * 17 * 32 * 2 + 9 * 32 * 16 * 2 + 4 * 8 * 16 * 4);
  for (const ConvVariant &each : allConvVariants()) {
    ConvShape legal{
        2, 2 * each.tile.r, 3 * each.tile.t, 5, 5, 2 * each.tile.s, 1, 2, 2, 1};
    std::optional<ParsedConvSymbol> roundTrip =
        parseConvSymbolName(each.symbolName(legal));
    ASSERT_TRUE(roundTrip) << each.symbolName(legal);
    EXPECT_EQ(roundTrip->shape, legal);
    EXPECT_EQ(roundTrip->variant->familyName(), each.familyName());
  }
}

TEST(Registry, OneByOneTilesJoinTheirRowsWhereThePixelsFillMicroTiles) {
  // 2 rows of 14 pixels: 28, a multiple of 4, one row of it.
  ConvShape rows{2, 14, 32, 1, 1, 256};
  ConvShape joined = rows.withPixelRowsJoined(4);
  EXPECT_EQ(joined.oh, 1);
  EXPECT_EQ(joined.ow, 28);
  EXPECT_EQ(joined.oc, 32);
  EXPECT_EQ(joined.ic, 256);
  EXPECT_EQ(joined.inputHeight(), 1);
  EXPECT_EQ(joined.inputWidth(), 28);
  // Rows of whole micro-tiles join too (their tiles pair across rows).
  EXPECT_EQ(ConvShape({2, 16, 32, 1, 1, 256}).withPixelRowsJoined(4),
            ConvShape({1, 32, 32, 1, 1, 256}));
  // Pixels that are no whole number of micro-tiles, a window with a halo,
  // a stride, and a single row stay as they are.
  for (ConvShape kept :
       {ConvShape{7, 14, 32, 1, 1, 256},
        ConvShape{2, 14, 32, 3, 3, 256}, ConvShape{2, 14, 32, 1, 1, 256, 2, 2},
        ConvShape{1, 14, 32, 1, 1, 256}})
    EXPECT_EQ(kept.withPixelRowsJoined(4), kept);
}

TEST(Registry, ConvLegalityExplainsItself) {
  const ConvVariant *variant =
      findConvVariant(Device::Npu1, ElemType::I8, ElemType::I8, ElemType::I32);
  ASSERT_NE(variant, nullptr);
  EXPECT_TRUE(variant->isLegal({4, 8, 16, 3, 3, 32, 1, 1, 2, 2}));
  EXPECT_EQ(variant->whyIllegal({4, 6, 16, 3, 3, 32}),
            "OW=6 is not a multiple of 4");
  EXPECT_EQ(variant->whyIllegal({4, 8, 12, 3, 3, 32}),
            "OC=12 is not a multiple of 8");
  EXPECT_EQ(variant->whyIllegal({4, 8, 16, 3, 3, 20}),
            "IC=20 is not a multiple of 8");
  EXPECT_TRUE(variant->isLegal({4, 8, 16, 3, 3, 32, 3, 1}));
  EXPECT_EQ(variant->whyIllegal({4, 8, 16, 3, 3, 32, 0, 1}),
            "strideH=0 is below 1");
  EXPECT_EQ(variant->whyIllegal({4, 8, 16, 3, 3, 32, 1, 1, 1, 0}),
            "dilationW=0 is below 1");
  EXPECT_EQ(variant->whyIllegal({0, 8, 16, 3, 3, 32}),
            "sizes must be positive");
  EXPECT_NE(variant->whyIllegal({32, 32, 64, 3, 3, 64}).find("data memory"),
            std::string::npos);
  EXPECT_FALSE(
      parseConvSymbolName("conv2d_i8_i8_i32_4x6x16_3x3x32_s1x1_d1x1_4x8x8"));
  EXPECT_FALSE(
      parseConvSymbolName("conv2d_i8_i8_i32_4x8x16_3x3x32_s1x1_d1x1_4x8x4"));
  EXPECT_FALSE(
      parseConvSymbolName("conv2d_i8_i8_i32_4x8x16_3x3x32_s1x1_d1x1_4x8x8x"));
}

TEST(Registry, DepthwiseAndZeroFillSymbolsRoundTrip) {
  for (const DepthwiseVariant &variant : allDepthwiseVariants()) {
    DepthwiseShape shape{3, 5, 2 * variant.lanes, 5, 5, 2, 1, 1, 2};
    std::optional<ParsedDepthwiseSymbol> parsed =
        parseDepthwiseSymbolName(variant.symbolName(shape));
    ASSERT_TRUE(parsed) << variant.symbolName(shape);
    EXPECT_EQ(parsed->shape, shape);
    EXPECT_EQ(parsed->variant->familyName(), variant.familyName());
    EXPECT_EQ(variant.whyIllegal({3, 5, variant.lanes + 8, 3, 3}),
              "C=" + std::to_string(variant.lanes + 8) +
                  " is not a multiple of " + std::to_string(variant.lanes));
  }
  EXPECT_EQ(allDepthwiseVariants().front().symbolName({4, 4, 32, 3, 3}),
            "dwconv2d_bf16_bf16_f32_4x4x32_3x3_s1x1_d1x1_16");
  for (const ZeroFillVariant &variant : allZeroFillVariants()) {
    ZeroFillShape shape{3 * variant.r, 2 * variant.t};
    std::optional<ParsedZeroFillSymbol> parsed =
        parseZeroFillSymbolName(variant.symbolName(shape));
    ASSERT_TRUE(parsed) << variant.symbolName(shape);
    EXPECT_EQ(parsed->variant, &variant);
    EXPECT_EQ(parsed->shape, shape);
  }
  const ZeroFillVariant *zero =
      findZeroFillVariant(Device::Npu1, ElemType::F32);
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->symbolName({64, 64}), "zero_f32_64x64_4x4");
  EXPECT_EQ(zero->whyIllegal({6, 8}), "M=6 is not a multiple of 4");
  EXPECT_FALSE(parseZeroFillSymbolName("zero_f32_64x64_8x8")); // no such tile
  EXPECT_FALSE(parseZeroFillSymbolName("zero_f32_64x64_4x4_"));
}

TEST(Registry, EveryMatmulVariantHasConvAndZeroFillSiblings) {
  // The conv ukernel and the zero-fill are offered wherever a matmul is.
  for (const MatmulVariant &variant : allMatmulVariants()) {
    const ConvVariant *conv =
        findConvVariant(variant.device, variant.lhs, variant.rhs, variant.out);
    ASSERT_NE(conv, nullptr) << variant.familyName();
    EXPECT_EQ(conv->tile.r, variant.tile.r);
    EXPECT_EQ(conv->tile.s, variant.tile.s);
    EXPECT_EQ(conv->tile.t, variant.tile.t);
    EXPECT_NE(findDepthwiseVariant(variant.device, variant.lhs, variant.rhs,
                                   variant.out),
              nullptr);
    const ZeroFillVariant *zero =
        findZeroFillVariant(variant.device, variant.out);
    ASSERT_NE(zero, nullptr);
    EXPECT_EQ(zero->r, variant.tile.r);
    EXPECT_EQ(zero->t, variant.tile.t);
  }
}

TEST(Cost, PeakRatesAreTheFactsFileOnes) {
  EXPECT_EQ(peakMacsPerCycle(Device::Npu1, ElemType::BF16), 128);
  EXPECT_EQ(peakMacsPerCycle(Device::Npu1, ElemType::I8), 256);
  EXPECT_EQ(peakMacsPerCycle(Device::Npu2, ElemType::I8), 512);
  EXPECT_EQ(coreCostParams(Device::Npu1).loadSlots, 2);
  EXPECT_EQ(coreCostParams(Device::Npu1).loadSlotBytes, 32);
  EXPECT_EQ(coreCostParams(Device::Npu2).loadSlotBytes *
                coreCostParams(Device::Npu2).loadSlots,
            128);
}

TEST(Cost, SingleCoreMatmulIsNotFasterThanTheBestPublished) {
  // aie2-facts.md calibration rule: a single-core 64x64x64 bf16 call on npu1
  // must not model faster than ~86% of peak. Nothing else may either.
  for (const MatmulVariant &variant : allMatmulVariants()) {
    for (MatmulShape shape : {MatmulShape{64, 64, 64}, MatmulShape{32, 128, 64},
                              MatmulShape{16, 16, 32}}) {
      UKernelCost cost = estimateCost(variant, shape);
      int64_t peak = peakMacsPerCycle(variant.device, variant.lhs);
      ASSERT_GT(cost.cycles, 0);
      EXPECT_LE(cost.efficiency(peak), 0.86) << variant.symbolName(shape);
      EXPECT_EQ(variant.estimateCycles(shape), cost.cycles);
    }
  }
  // ... but the blocked bf16 kernel is not absurdly pessimistic either:
  // mlir-aie's comparable kernel reaches up to ~80% of ideal.
  const MatmulVariant *blocked =
      findMatmulVariant(Device::Npu1, ElemType::BF16, ElemType::BF16,
                        ElemType::F32, OperandLayout::Blocked);
  ASSERT_NE(blocked, nullptr);
  EXPECT_GE(estimateCost(*blocked, {64, 64, 64}).efficiency(128), 0.45);
}

TEST(Cost, CountsFollowTheKernelLoops) {
  const MatmulVariant *blocked =
      findMatmulVariant(Device::Npu1, ElemType::BF16, ElemType::BF16,
                        ElemType::F32, OperandLayout::Blocked);
  const MatmulVariant *rowMajor = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(blocked, nullptr);
  ASSERT_NE(rowMajor, nullptr);
  UKernelCost cost = estimateCost(*blocked, {64, 64, 64});
  EXPECT_EQ(cost.macs, 64 * 64 * 64);
  EXPECT_EQ(cost.macIssues, 16 * 16 * 8);
  // 2x2 blocks: per K step 2 A and 2 B tiles of 64 bytes = 8 loads of 32 B.
  EXPECT_EQ(cost.blocks, 64);
  EXPECT_EQ(cost.operandLoads, 64 * 8 * 8);
  // C: 256 tiles of 4x4 f32 = 64 bytes, two loads and two stores each.
  EXPECT_EQ(cost.accumLoads, 256 * 2);
  EXPECT_EQ(cost.accumStores, 256 * 2);
  // Odd tile counts take the 2x1 / 1x2 / 1x1 remainders: 3x3 tiles -> 4 blocks.
  EXPECT_EQ(estimateCost(*blocked, {12, 12, 8}).blocks, 4);
  // Row-major tiles need a load per row: the same call costs more.
  EXPECT_GT(estimateCost(*rowMajor, {64, 64, 64}).cycles, cost.cycles);
  EXPECT_GT(estimateCost(*rowMajor, {64, 64, 64}).operandLoads,
            cost.operandLoads);
  // More work, more cycles; an illegal shape has no cost.
  EXPECT_GT(estimateCost(*blocked, {64, 64, 128}).cycles, cost.cycles);
  EXPECT_EQ(estimateCost(*blocked, {6, 64, 64}).cycles, 0);
}

TEST(Cost, MisalignedRowMajorRowsTakeAnAccessMore) {
  // i8 row-major, 16 x 64 x 24: the kernel reads A's rows of 8 int8 two K
  // steps at a time, 16 bytes, which the AIE loads aligned to 16 bytes
  // only; with K = 24 (A's leading dimension) every other row starts 8
  // bytes off, so each such row is an access more. Per 2 x 2 block: the K
  // pair reads 2 row tiles of 4 rows of 16 B (8 + 8 accesses) and B's two
  // column tiles as rows of 16 B for both K steps (2 x 8); the lone K step
  // gathers A's 8-byte rows element by element (2 x 32) and reads B once
  // (8). 8 blocks.
  const MatmulVariant *i8 = findMatmulVariant(Device::Npu1, ElemType::I8,
                                              ElemType::I8, ElemType::I32);
  ASSERT_NE(i8, nullptr);
  EXPECT_EQ(estimateCost(*i8, {16, 64, 24}).operandLoads,
            8 * ((2 * (4 + 4) + 2 * 8) + (2 * 32 + 8)));
  // K = 32 keeps the rows aligned: 4 accesses per row tile and K pair.
  EXPECT_EQ(estimateCost(*i8, {16, 64, 32}).operandLoads,
            8 * 2 * (2 * 4 + 2 * 8));
}

TEST(Cost, ConvAndDepthwiseCostsAreSane) {
  const ConvVariant *conv = findConvVariant(Device::Npu1, ElemType::BF16,
                                            ElemType::BF16, ElemType::F32);
  ASSERT_NE(conv, nullptr);
  ConvShape unit{4, 16, 32, 3, 3, 32, 1, 1, 1, 1};
  ConvShape strided = unit;
  strided.strideH = strided.strideW = 2;
  UKernelCost unitCost = estimateCost(*conv, unit);
  UKernelCost stridedCost = estimateCost(*conv, strided);
  EXPECT_EQ(unitCost.macs, 4 * 16 * 32 * 9 * 32);
  EXPECT_EQ(unitCost.macIssues, unitCost.macs / (4 * 8 * 4));
  // By hand: 4 output rows x 4 pixel tiles in 8 pairs x 2 output-channel
  // quads =
  // 16 register blocks of 2 x 4, each a 36-step reduction (3x3 taps x 4 IC
  // blocks). A step issues 8 mmuls (8 / 0.86 = 9.30 cycles) and 2 x 3
  // unaligned pixel loads + 4 x 2 weight loads (14 loads, 7 cycles). Two
  // blocks' 16 accumulators of 512 bit fit the 9 x 1024 bit, so the two
  // quads' 16 blocks run as one overlapped chain: a 4 x 4 f32 accumulator
  // is 2 stores of 256 bit, so 2 steps are peeled at each end. First 2 steps
  // with the previous block's 16 stores: max(ceil(18.6), 28 / 2, 16) = 19;
  // 32 pipelined steps: ceil(32 x 9.30) + 6 = 304; last 2 steps with the
  // next block's 16 loads: max(19, (28 + 16) / 2) = 22; block overhead 2:
  // 347 a block, but the chain's last block loads no next one (19, not
  // 22). The chain also loads its first block (8) and stores its last
  // (16); 2 per quad, 40 per call.
  EXPECT_EQ(unitCost.cycles, 16 * 347 - 3 + (8 + 16) + 4 + 40);
  // The call that starts the accumulation loads no accumulators: the last
  // steps take max(19, 14) = 19, and the chain loads no first block; its
  // symbol says so.
  ConvShape start = unit;
  start.accumulate = false;
  UKernelCost startCost = estimateCost(*conv, start);
  EXPECT_EQ(startCost.accumLoads, 0);
  EXPECT_EQ(startCost.cycles, 16 * 344 + 16 + 4 + 40);
  std::string startName = conv->symbolName(start);
  EXPECT_EQ(startName, "conv2d_bf16_bf16_f32_4x16x32_3x3x32_s1x1_d1x1_4x8x4_init");
  std::optional<ParsedConvSymbol> startParsed = parseConvSymbolName(startName);
  ASSERT_TRUE(startParsed);
  EXPECT_EQ(startParsed->shape, start);
  EXPECT_FALSE(parseConvSymbolName(startName + "_init"));
  // An i8 2 x 4 block holds 8 accumulators of 4 x 8 x 32 bit = 1024 bit:
  // two blocks' do not fit the 9 x 1024 bit, so a chain of quads (at
  // stride 2 the kernel keeps quads) overlaps nothing and the start call
  // saves exactly the loads: 8 blocks x 8 tiles x 4 loads of 256 bit / 2
  // slots.
  const ConvVariant *i8 = findConvVariant(Device::Npu1, ElemType::I8,
                                          ElemType::I8, ElemType::I32);
  ASSERT_NE(i8, nullptr);
  ConvShape i8Unit{4, 16, 32, 3, 3, 64, 2, 2, 1, 1};
  ConvShape i8Start = i8Unit;
  i8Start.accumulate = false;
  EXPECT_EQ(estimateCost(*i8, i8Unit).cycles -
                estimateCost(*i8, i8Start).cycles,
            8 * (8 * 4) / 2);
  // Where 2 x 4 blocks cannot overlap (i8: 8 x 1024 bit each) the pairs
  // of an i8 1x1 call over 64 channels on 14 pixel tiles and 7
  // output-channel tiles cost, by hand: 8 steps, as many as the 2 x 4
  // stores of an i32 4 x 8 accumulator peel at both ends, so each block's
  // reduction runs flattened and the chain's 7 blocks pipeline. A 1x1
  // window reads each pixel tile with one aligned load (32 B). A pair
  // block's body: 8 steps of 4 mmuls and 6 loads, plus 16 accumulator
  // loads and 16 stores: max(32 / 0.86, (48 + 16) / 2, 16) = 37.21 a
  // block; the 3 pairs' 21 blocks are one chain: ceil(21 x 37.21) = 782,
  // fill 6, overhead 2 a block, the chain's first loads 8 and last stores
  // 16. The single tile's chain (2 mmuls and 4 loads a step, 8
  // accumulator loads and stores): max(16 / 0.86, 40 / 2, 8) = 20 a block:
  // 7 x 20 + 6 + 14 + 12; 2 per group (4), 40. Quads would take 1440:
  // their 2 x 4 blocks store 32 times after every reduction.
  ConvShape i8Pairs{1, 56, 56, 1, 1, 64, 1, 1, 1, 1};
  EXPECT_TRUE(pairsOutputChannelBlocks(*i8, i8Pairs));
  EXPECT_EQ(estimateCost(*i8, i8Pairs).cycles,
            (782 + 6 + 42 + 24) + (7 * 20 + 6 + 14 + 12) + 4 * 2 + 40);
  // A bf16 1x1 call over 64 channels (8 steps, 2 peeled at each end) runs
  // flattened too: a 2 x 4 block's body of 8 steps of 8 mmuls and 12 loads
  // (aligned pixel tiles, 2 loads each) plus 16 accumulator loads and 16
  // stores is MAC-bound, 64 / 0.86 a block; two quads of 56 pixels x 32
  // channels, 7 blocks each, one chain: ceil(14 x 74.42) = 1042, + fill
  // 6, overhead 28, chain ends 8 + 16, 2 per quad, 40. As a pipelined loop
  // over the
  // 4 middle steps each block would pay its fill: 19 + 44 + 20 + 2 = 85
  // instead of 74.42 + 2.
  ConvShape flat{1, 56, 32, 1, 1, 64, 1, 1, 1, 1};
  EXPECT_EQ(estimateCost(*conv, flat).cycles,
            (1042 + 6 + 28 + 8 + 16) + 2 * 2 + 40);
  ConvShape i8Strided = i8Pairs;
  i8Strided.strideH = i8Strided.strideW = 2;
  EXPECT_FALSE(pairsOutputChannelBlocks(*i8, i8Strided));
  // bf16 2 x 4 blocks overlap already: they keep quads.
  EXPECT_FALSE(pairsOutputChannelBlocks(*conv, unit));
  // Stride 2 gathers pixels one load each: more loads (16 a step), yet a
  // 2 x 4 block's loop stays MAC-bound; only the last steps, which also
  // load the next block's accumulators, take (32 + 16) / 2 = 24 instead of
  // 22 (in 15 of the 16 blocks). With one output-channel pair the loads
  // decide.
  EXPECT_GT(stridedCost.operandLoads, unitCost.operandLoads);
  EXPECT_EQ(stridedCost.cycles, unitCost.cycles + 15 * 2);
  // A reduction too short for both peeled ends (a 1x1 over one IC block:
  // 1 step) keeps the plain chain: loop ceil(9.30) + 6 = 16, accumulators
  // 8 + 16, overhead 2, and each of the chain's 15 links (through both
  // quads) saves the 8 loads.
  ConvShape shortUnit{4, 16, 32, 1, 1, 8, 1, 1, 1, 1};
  EXPECT_EQ(estimateCost(*conv, shortUnit).cycles,
            16 * (8 + 16 + 16 + 2) + 4 + 40 - 15 * 8);
  ConvShape pairUnit = unit, pairStrided = strided;
  pairUnit.oc = pairStrided.oc = 8;
  EXPECT_GT(estimateCost(*conv, pairStrided).cycles,
            estimateCost(*conv, pairUnit).cycles);
  for (const ConvVariant &each : allConvVariants()) {
    ConvShape shape{4, 4 * each.tile.r, 4 * each.tile.t, 3, 3, 4 * each.tile.s};
    UKernelCost cost = estimateCost(each, shape);
    ASSERT_GT(cost.cycles, 0)
        << each.symbolName(shape) << each.whyIllegal(shape);
    EXPECT_LE(cost.efficiency(peakMacsPerCycle(each.device, each.input)), 0.86);
  }
  const DepthwiseVariant *depthwise = findDepthwiseVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(depthwise, nullptr);
  UKernelCost dw = estimateCost(*depthwise, {8, 8, 32, 3, 3});
  EXPECT_EQ(dw.macs, 8 * 8 * 32 * 9);
  EXPECT_EQ(dw.macIssues, 8 * 8 * 2 * 9);
  EXPECT_GT(dw.cycles, dw.macIssues);
  const ZeroFillVariant *zero =
      findZeroFillVariant(Device::Npu1, ElemType::F32);
  ASSERT_NE(zero, nullptr);
  // 64 rows x 8 stores of 8 f32 (256 bits): one store slot per cycle.
  UKernelCost fill = estimateCost(*zero, {64, 64});
  EXPECT_EQ(fill.accumStores, 64 * 8);
  EXPECT_GE(fill.cycles, 64 * 8);
  // A row of 12 f32: one 256-bit store, one 128-bit store (t = 4).
  EXPECT_EQ(estimateCost(*zero, {4, 12}).accumStores, 4 * 2);
  // A dense 4 x 7 x 8 x 4 accumulator is zeroed as 4 rows of 224, not 224
  // rows of 4: the same 112 stores, 4 row overheads instead of 224.
  ZeroFillShape dense = zero->denseShape(4 * 7 * 8 * 4);
  EXPECT_EQ(dense, (ZeroFillShape{4, 224}));
  UKernelCost denseFill = estimateCost(*zero, dense);
  EXPECT_EQ(denseFill.accumStores, 112);
  EXPECT_EQ(denseFill.cycles, 112 + 4 * 2 + 40);
  EXPECT_FALSE(zero->isLegal(zero->denseShape(4 * 6)));
  EXPECT_FALSE(zero->isLegal(zero->denseShape(18)));
}

TEST(Cost, OddPixelTilesChainToo) {
  const ConvVariant *conv = findConvVariant(Device::Npu1, ElemType::BF16,
                                            ElemType::BF16, ElemType::F32);
  ASSERT_NE(conv, nullptr);
  // A bf16 1x1 call over 64 channels on 52 pixels (13 pixel tiles: 6
  // pairs and an odd one) x 64 output channels (4 quads), by hand. The
  // quads' 24 pair blocks are one flattened chain, MAC-bound at 64 / 0.86
  // a block: ceil(24 x 74.42) = 1787, fill 6, overhead 48, ends 8 + 16.
  // The 4 odd 1 x 4 blocks are one flattened chain too: 8 steps of 4 mmuls
  // and 2 + 8 loads, plus 8 accumulator loads, 8 stores: max(32 / 0.86,
  // (80 + 8) / 2, 8) = 44 a block (bound by the loads), 176, fill 6,
  // overhead 8, ends 4 + 8. 2 per quad, 40 per call.
  ConvShape odd{1, 52, 64, 1, 1, 64, 1, 1, 1, 1};
  EXPECT_EQ(estimateCost(*conv, odd).cycles,
            (1787 + 6 + 48 + 8 + 16) + (176 + 6 + 8 + 4 + 8) + 4 * 2 + 40);
  // One output-channel quad: its odd tile is a lone block, loaded,
  // reduced (8 steps at max(4.65, 10 / 2) = 5, fill 6) and stored: 4 + 46
  // + 8 + 2; the 6 pair blocks: ceil(6 x 74.42) = 447, fill 6, overhead
  // 12, ends 8 + 16.
  ConvShape oneQuad{1, 52, 16, 1, 1, 64, 1, 1, 1, 1};
  EXPECT_EQ(estimateCost(*conv, oneQuad).cycles,
            (447 + 6 + 12 + 8 + 16) + (4 + 46 + 8 + 2) + 2 + 40);
}

TEST(Cost, ThreeLastPixelTilesGoAsOneBlock) {
  const ConvVariant *conv = findConvVariant(Device::Npu1, ElemType::BF16,
                                            ElemType::BF16, ElemType::F32);
  ASSERT_NE(conv, nullptr);
  // ResNet-50 res3a_b2b's call: 7 x 4 pixels (7 pixel tiles) x 16
  // channels (one quad), 3x3 over 64 (72 steps). A 2 x 4 block's step:
  // 8 mmuls (9.30 cycles), 14 loads; the overlapped chain's sections as in
  // ConvAndDepthwiseCostsAreSane (19 + 22 linked, 19 + 19 not), middle
  // ceil(68 x 9.30) + 6 = 639, 2 a block, ends 8 + 16. Pairs and a single:
  // 3 blocks, 2 x 41 + 38 + 3 x 639 + 6 + 24 = 2067, and the 1 x 4 block,
  // 3 + 8 loads a step for 4 mmuls: 72 x 5.5 + 6, loads 4, stores 8, 2 =
  // 416. Two pairs and a 3 x 4 block: 41 + 38 + 2 x 639 + 4 + 24 = 1385,
  // and 12 mmuls (13.95 cycles) for 17 loads a step: ceil(72 x 13.95) + 6
  // = 1011, loads 12, stores 24, 2 = 1049. 2 per quad, 40 per call.
  ConvShape shape{7, 4, 16, 3, 3, 64, 1, 1, 1, 1};
  EXPECT_TRUE(triplesLastPixelTiles(*conv, shape));
  EXPECT_EQ(estimateCost(*conv, shape).cycles, 1385 + 1049 + 2 + 40);
  EXPECT_LT(1385 + 1049, 2067 + 416);
  // A 1x1 call over 64 channels: the 1 x 4 blocks' chain is cheaper than a
  // 3 x 4 block whose accumulators cannot overlap.
  EXPECT_FALSE(triplesLastPixelTiles(*conv, {1, 52, 64, 1, 1, 64, 1, 1, 1,
                                             1}));
  // An even number of pixel tiles has no last three to take together; i8
  // accumulators (1024 bit each) of 3 x 4 tiles do not fit the registers.
  EXPECT_FALSE(triplesLastPixelTiles(*conv, {8, 4, 16, 3, 3, 64, 1, 1, 1, 1}));
  const ConvVariant *i8 = findConvVariant(Device::Npu1, ElemType::I8,
                                          ElemType::I8, ElemType::I32);
  ASSERT_NE(i8, nullptr);
  EXPECT_FALSE(triplesLastPixelTiles(*i8, {7, 4, 32, 3, 3, 64, 1, 1, 1, 1}));
}

TEST(Registry, AccumulatorRoutesRoundTrip) {
  for (int64_t value = -1; value <= 8; ++value) {
    std::optional<AccumulatorRoute> route = decodeAccumulatorRoute(value);
    bool valid = value >= 0 && value <= 7 && value != 2 && value != 6;
    ASSERT_EQ(route.has_value(), valid) << value;
    if (route)
      EXPECT_EQ(encodeAccumulatorRoute(*route), value);
  }
  // 0 and 1 stay what a plain call's first and later steps pass.
  EXPECT_FALSE(decodeAccumulatorRoute(0)->accumulate);
  EXPECT_TRUE(decodeAccumulatorRoute(1)->accumulate);
  EXPECT_FALSE(decodeAccumulatorRoute(1)->cascadeIn);
  EXPECT_TRUE(decodeAccumulatorRoute(7)->cascadeIn);
  EXPECT_TRUE(decodeAccumulatorRoute(4)->cascadeOut);
}

TEST(Cost, CascadeLinksMoveAccumulatorsAsWords) {
  const ConvVariant *conv = findConvVariant(Device::Npu1, ElemType::BF16,
                                            ElemType::BF16, ElemType::F32);
  ASSERT_NE(conv, nullptr);
  // The hand-counted tile of ConvAndDepthwiseCostsAreSane: 16 blocks of
  // 2 x 4 bf16 micro-tiles, each accumulator 4 x 4 x 32 bit = one word.
  ConvShape memory{4, 16, 32, 3, 3, 32, 1, 1, 1, 1};
  ConvShape middle = memory;
  middle.cascadeIn = middle.cascadeOut = true;
  ASSERT_TRUE(conv->isLegal(middle)) << conv->whyIllegal(middle);
  UKernelCost base = estimateCost(*conv, memory);
  UKernelCost link = estimateCost(*conv, middle);
  EXPECT_EQ(link.accumLoads, 0);
  EXPECT_EQ(link.accumStores, 0);
  EXPECT_EQ(link.cascadeWords, 2 * 16 * 8);
  EXPECT_EQ(link.macs, base.macs);
  // A cascade link keeps the plain chain (its words must pair up in
  // order): per block 8 words in and 8 out at one a cycle around the
  // 36-step loop (341), overhead 2, and each of the chain's 15 links saves
  // the 8 of the words in. The memory call's overlapped chain hides more.
  EXPECT_EQ(link.cycles, 16 * (8 + 341 + 8 + 2) + 4 + 40 - 15 * 8);
  EXPECT_LT(base.cycles, link.cycles);
  // The chain's first call starts at zero and passes its sums on.
  ConvShape first = memory;
  first.accumulate = false;
  first.cascadeOut = true;
  EXPECT_EQ(estimateCost(*conv, first).cascadeWords, 16 * 8);
  ConvShape wrong = memory;
  wrong.accumulate = false;
  wrong.cascadeIn = true;
  EXPECT_NE(conv->whyIllegal(wrong).find("accumulates"), std::string::npos);
}

TEST(Registry, ConvNearestLegalRoundsChannelsAndWidth) {
  const ConvVariant *conv = findConvVariant(Device::Npu1, ElemType::BF16,
                                            ElemType::BF16, ElemType::F32);
  ASSERT_NE(conv, nullptr);
  std::optional<ConvShape> nearest = conv->nearestLegal({4, 6, 3, 3, 3, 3});
  ASSERT_TRUE(nearest);
  EXPECT_EQ(*nearest, (ConvShape{4, 8, 4, 3, 3, 8}));
  // A stride no variant supports is not fixed by rounding.
  EXPECT_FALSE(conv->nearestLegal({4, 8, 4, 3, 3, 8, 0, 1}));
  const DepthwiseVariant *depthwise = findDepthwiseVariant(
      Device::Npu1, ElemType::I8, ElemType::I8, ElemType::I32);
  ASSERT_NE(depthwise, nullptr);
  std::optional<DepthwiseShape> rounded =
      depthwise->nearestLegal({4, 4, 24, 3, 3});
  ASSERT_TRUE(rounded);
  EXPECT_EQ(rounded->c, 32);
}

TEST(Cost, SymbolsArePricedLikeTheirVariants) {
  const MatmulVariant *variant = findMatmulVariant(
      Device::Npu1, ElemType::BF16, ElemType::BF16, ElemType::F32);
  ASSERT_NE(variant, nullptr);
  std::optional<UKernelCost> cost =
      estimateCostOfSymbol("matmul_bf16_bf16_f32_64x64x64_4x8x4");
  ASSERT_TRUE(cost);
  EXPECT_EQ(cost->cycles, variant->estimateCycles({64, 64, 64}));
  EXPECT_EQ(peakMacsPerCycleOfSymbol("matmul_bf16_bf16_f32_64x64x64_4x8x4"),
            128);
  std::optional<UKernelCost> conv =
      estimateCostOfSymbol("conv2d_i8_i8_i32_4x8x16_3x3x32_s1x1_d1x1_8x8x8");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv->macs, 4 * 8 * 16 * 9 * 32);
  EXPECT_EQ(peakMacsPerCycleOfSymbol(
                "conv2d_i8_i8_i32_4x8x16_3x3x32_s1x1_d1x1_8x8x8"),
            512);
  EXPECT_TRUE(
      estimateCostOfSymbol("dwconv2d_bf16_bf16_f32_4x4x32_3x3_s1x1_d1x1_16"));
  EXPECT_TRUE(estimateCostOfSymbol("zero_i32_8x8_8x8"));
  EXPECT_FALSE(estimateCostOfSymbol("matmul_bf16_bf16_f32_6x4x8_4x8x4"));
  EXPECT_EQ(peakMacsPerCycleOfSymbol("printf"), 0);
}

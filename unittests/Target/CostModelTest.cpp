//===- CostModelTest.cpp - Footprints and cycles of hand-sized cases ------===//

#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/TileDealing.h"
#include "aieconv/Target/TileSearch.h"
#include "aieconv/Target/UKernelCalls.h"

#include "CostModelCases.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace aieconv;
using namespace aieconv::target;
using namespace aieconv::target::testcases;
using aieconv::kernels::Device;


/// A 1x1 conv whose Decompose call with th=1, tw=64, toc=64, icb=64 is the
/// 64x64x64 matmul of the calibration rule.
std::optional<ConvSchedule> matmul64(ConvType type, Device device) {
  ConvSpec spec;
  spec.type = type;
  spec.ih = 1;
  spec.iw = 64;
  spec.ic = spec.oc = 64;
  TileChoice c;
  c.tw = 64;
  c.toc = 64;
  c.icb = 64;
  c.rows = 4;
  return evaluateTiling(spec, device, Strategy::Decompose, c);
}

TEST(CostModel, CallCalibrationStaysBelowThePublishedBest) {
  // aie2-facts.md: no single-core 64x64x64 bf16 call above ~86% of peak.
  std::optional<ConvSchedule> s = matmul64(ConvType::BF16, Device::Npu1);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->call.macs(), 64 * 64 * 64);
  double fraction = 64.0 * 64 * 64 / (double(s->call.cycles) * 128);
  EXPECT_LE(fraction, 0.86);
  EXPECT_GE(fraction, 0.30); // not absurdly pessimistic either
  EXPECT_EQ(s->call.symbol, "matmul_bf16_bf16_f32_64x64x64_4x8x4");
  // The cost is the registry's, for the row-major variant the IR calls.
  const kernels::MatmulVariant *v = convVariant(Device::Npu1, ConvType::BF16);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->layout, kernels::OperandLayout::RowMajor);
  EXPECT_EQ(s->call.cycles, kernels::estimateCost(*v, {64, 64, 64}).cycles);
  // Same rule on npu2 against its own peak.
  std::optional<ConvSchedule> s2 = matmul64(ConvType::BF16, Device::Npu2);
  ASSERT_TRUE(s2.has_value());
  EXPECT_LE(64.0 * 64 * 64 / (double(s2->call.cycles) * 256), 0.95);
}

TEST(CostModel, SmallCallsCostMorePerMac) {
  std::optional<ConvSchedule> seed =
      searchSchedule(smallConv(), Device::Npu1, Strategy::Seed);
  std::optional<ConvSchedule> big = matmul64(ConvType::BF16, Device::Npu1);
  ASSERT_TRUE(seed && big);
  double seedPerMac = double(seed->call.cycles) / double(seed->call.macs());
  double bigPerMac = double(big->call.cycles) / double(big->call.macs());
  EXPECT_GT(seedPerMac, 10 * bigPerMac);
}

TEST(CostModel, HandComputedDecomposeFootprint) {
  std::string why;
  std::optional<ConvSchedule> s = evaluateTiling(
      smallConv(), Device::Npu1, Strategy::Decompose, smallChoice(), &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->icPadded, 32);
  EXPECT_EQ(s->ocPadded, 64);
  EXPECT_EQ(s->ohPadded, 14);
  EXPECT_EQ(s->owPadded, 16);
  EXPECT_EQ(s->ihPadded, 16);
  EXPECT_EQ(s->iwPadded, 18); // 16 output columns read 18 input columns
  EXPECT_EQ(s->stepsPerTile, 9 * 2);
  EXPECT_EQ(s->call.kind, CallKind::Matmul);
  EXPECT_EQ(s->call.m, 16);
  EXPECT_EQ(s->call.n, 16);
  EXPECT_EQ(s->call.k, 16);
  // L1: 2 x (16 positions x 16 ch x 2 B) + 2 x (16 x 16 x 2 B) + 16x16 f32.
  EXPECT_EQ(s->l1.inputBytes, 512);
  EXPECT_EQ(s->l1.weightBytes, 512);
  EXPECT_EQ(s->l1.accBytes, 1024);
  EXPECT_EQ(s->l1.total(), 3072);
  // Memtile: input 4 rows x 10 cols x 32 ch, weights 3x3x32x64, output
  // 2x8x64 f32.
  EXPECT_EQ(s->l2OutRows, 2);
  EXPECT_EQ(s->l2OutChannels, 64);
  EXPECT_EQ(s->l2.inputBytes, 2560);
  EXPECT_EQ(s->l2.weightBytes, 36864);
  EXPECT_EQ(s->l2.outputBytes, 4096);
  // 7 x 2 spatial tiles over 4 columns: 4 rounds, 72 calls per core.
  EXPECT_EQ(s->rounds, 4);
  EXPECT_EQ(s->callsPerCore, 72);
  // One channel block: the weights are loaded once and stay (one buffer),
  // input and output change every round (two buffers).
  EXPECT_EQ(s->loopOrder, LoopOrder::ChannelsOuter);
  EXPECT_EQ(s->l2.weightBuffers, 1);
  EXPECT_EQ(s->l2.inputBuffers, 2);
  EXPECT_EQ(s->l2.total(), 2 * 2560 + 36864 + 2 * 4096);
  // DDR: 4 columns x (4 input tiles + 4 output tiles), and the weights
  // once: the columns split the rows, so they all read the same weights,
  // fetched once and broadcast. The DMAs move no padding: of the input
  // windows along a row, 10 columns each, the first is all data and the
  // second 8 of 10 (90%: 2304 bytes a tile); of the output, 14 of 16
  // columns.
  EXPECT_EQ(s->ddrBytes, 4 * (4 * 2304 + 4 * 4096 * 14 / 16) + 36864);
  EXPECT_EQ(s->call.cycles, ukernelCallCost(*s).cycles);
  EXPECT_GT(s->call.cycles, 16 * 16 * 16 / 128);
  // 512 B per channel at 4 B/cycle plus the transfer overhead.
  EXPECT_EQ(s->cycles.dmaStepCycles, 128 + kDmaTransferOverheadCycles);
  EXPECT_EQ(s->cycles.drainCycles, 256 + kDmaTransferOverheadCycles);
  // The zero-fill call that starts each tile (the matmul calls add onto
  // the accumulator): 16 x 16 f32 as 4 rows of 64, 8 stores of 256 bit a
  // row, 2 per row, 40 per call: 80. Then 18 steps of max(call, DMA) and
  // the drain of the single accumulator.
  EXPECT_EQ(tileZeroFillCycles(*s), 32 + 4 * 2 + 40);
  EXPECT_EQ(s->cycles.roundCycles,
            80 + 18 * std::max<int64_t>(s->call.cycles, 160) + 288);
  EXPECT_EQ(s->cycles.computeCycles, 72 * s->call.cycles + 4 * 80);
  EXPECT_EQ(s->cycles.totalCycles, s->cycles.steadyCycles +
                                       s->cycles.fillCycles +
                                       s->cycles.drainEndCycles);
}

TEST(CostModel, HandComputedStreamedReduction) {
  TileChoice c = smallChoice();
  c.l2IcBlock = 16;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Decompose, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->l2Chunks, 2);
  // Memtile chunks: input 4x10x16, weights 3x3x16x64; everything changes
  // more than once per column, so everything has two buffers.
  EXPECT_EQ(s->l2.inputBytes, 1280);
  EXPECT_EQ(s->l2.weightBytes, 18432);
  EXPECT_EQ(s->l2.total(), 2 * (1280 + 18432 + 4096));
  // Nothing stays: 4 rounds x 2 chunks of each, 4 output tiles, 4 columns
  // (without padding, as above: 90% of 1280 input bytes a chunk); the
  // weight chunks are the same in every column, fetched once.
  EXPECT_EQ(s->ddrBytes, 4 * (8 * 1152 + 4 * 4096 * 14 / 16) + 8 * 18432);
  c.l2IcBlock = 24; // not a divisor of 32
  EXPECT_FALSE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Decompose, c, &why));
}

TEST(CostModel, HandComputedResidentWeights) {
  TileChoice c = smallChoice();
  c.weightsResident = true;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Decompose, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  // All 3x3x32 weights of 16 channels in one buffer.
  EXPECT_EQ(s->l1.weightBytes, 9 * 32 * 16 * 2);
  EXPECT_EQ(s->l1.weightBuffers, 1);
  EXPECT_EQ(s->l1.total(), 2 * 512 + 9216 + 1024);
  // The broadcast input uses both core channels: 256 B each per step.
  EXPECT_EQ(s->inputChannels, 2);
  EXPECT_EQ(s->cycles.dmaStepCycles, kDmaTransferOverheadCycles + 64);
  // The block loads in two slabs of whole steps (2 steps per tile), one
  // per core channel: 9216 B / 2 / 4 B per cycle.
  EXPECT_EQ(s->weightChannels, 2);
  EXPECT_EQ(s->cycles.weightLoadCycles, kDmaTransferOverheadCycles + 1152);
  EXPECT_EQ(s->loopOrder, LoopOrder::ChannelsOuter);
  // The seed keeps nothing.
  EXPECT_FALSE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Seed, c, &why));
}

TEST(CostModel, HandComputedIm2colFootprint) {
  std::string why;
  std::optional<ConvSchedule> s = evaluateTiling(
      smallConv(), Device::Npu1, Strategy::Im2colL1, smallChoice(), &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->call.kind, CallKind::ConvPatch);
  EXPECT_EQ(s->call.k, 9 * 16);
  EXPECT_EQ(s->stepsPerTile, 2);
  EXPECT_EQ(s->l1InRows, 4);
  EXPECT_EQ(s->l1InCols, 10);
  // 2 x (4 x 10 x 16 x 2 B) + 2 x (3x3x16x16 x 2 B) + 16x16 f32.
  EXPECT_EQ(s->l1.total(), 2 * 1280 + 2 * 4608 + 1024);
  // The first call of a tile starts from zero itself: no zero-fill call,
  // unless the layer adds onto a given output (then there is nothing to
  // zero either).
  EXPECT_EQ(tileZeroFillCycles(*s), 0);
  ConvSpec adding = smallConv();
  adding.accumulates = true;
  std::optional<ConvSchedule> decompose = evaluateTiling(
      adding, Device::Npu1, Strategy::Decompose, smallChoice(), &why);
  ASSERT_TRUE(decompose.has_value()) << why;
  EXPECT_EQ(tileZeroFillCycles(*decompose), 0);
}

TEST(CostModel, CoresSplittingRowsFetchTheirWindowsAsAHull) {
  // Cores that share the weights split the rows: a column's 4 core tiles
  // of 2 x 8 outputs are 2 x 2 tiles of the 14 x 14 output (padded to
  // 16), whose 4 x 10 windows of a 3x3 conv overlap. The memtile fetches
  // their hull, 6 rows x 18 columns x 32 channels x 2 B, not 4 windows.
  TileChoice c = smallChoice();
  c.coreSplit = CoreSplit::ShareWeights;
  std::string why;
  std::optional<ConvSchedule> s = evaluateTiling(
      smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->l2OutRows, 8);
  EXPECT_TRUE(s->l2InputHull);
  EXPECT_EQ(s->l2InRows, 6);
  EXPECT_EQ(s->l2InCols, 18);
  EXPECT_EQ(s->l2.inputBytes, 6 * 18 * 32 * 2);
  // Where the columns split the channels, they all read the same windows
  // and their shims fetch them one each: each core tile's window is its
  // own copy, with its own halo, 4 input rows a core, 16 for the column.
  c.columnSplit = ColumnSplit::Channels;
  s = evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_FALSE(s->l2InputHull);
  EXPECT_EQ(s->l2InRows, 16);
  EXPECT_EQ(s->l2.inputBytes, 16 * 10 * 32 * 2);
  // Sharing the input, the cores take the same rows: the column's tile.
  std::optional<ConvSchedule> shared = evaluateTiling(
      smallConv(), Device::Npu1, Strategy::Im2colL1, smallChoice(), &why);
  ASSERT_TRUE(shared.has_value()) << why;
  EXPECT_EQ(shared->l2InRows, 4);
}

TEST(CostModel, CascadeCoresEachTakeOneInputChannelBlock) {
  // The small conv's 32 input channels over a cascade of 2 cores: icb 16,
  // one block each; a core holds only its block's weights when they stay.
  TileChoice c = smallChoice();
  c.rows = 2;
  c.coreSplit = CoreSplit::Cascade;
  c.weightsResident = true;
  std::string why;
  std::optional<ConvSchedule> s = evaluateTiling(
      smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->cascadeLinks, 2);
  EXPECT_EQ(s->stepsPerTile, 2);
  // One call per tile on each core, the tile the column's own.
  EXPECT_EQ(s->callsPerCore, s->rounds);
  EXPECT_EQ(s->l2OutRows, 2);
  EXPECT_EQ(s->l2OutChannels, 16);
  // 3x3 taps x 16 channels x 16 outputs of bf16: half the block.
  EXPECT_EQ(s->l1.weightBytes, 9 * 16 * 16 * 2);
  // The slowest link reads its partial sums from the cascade.
  const kernels::ConvVariant *variant = kernels::findConvVariant(
      Device::Npu1, kernels::ElemType::BF16, kernels::ElemType::BF16,
      kernels::ElemType::F32);
  kernels::ConvShape last{2, 8, 16, 3, 3, 16};
  last.cascadeIn = true;
  EXPECT_EQ(s->call.cycles, kernels::estimateCost(*variant, last).cycles);
  EXPECT_EQ(formatTileChoice(s->tile).find("cores=cascade") !=
                std::string::npos,
            true);

  // Not one block per core, not im2col-l1, or a single core: refused.
  c.icb = 8;
  EXPECT_FALSE(evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c,
                              &why));
  EXPECT_NE(why.find("a cascade of 2 cores takes one ic block each: icb=16"),
            std::string::npos)
      << why;
  c.icb = 16;
  EXPECT_FALSE(evaluateTiling(smallConv(), Device::Npu1,
                              Strategy::Decompose, c, &why));
  EXPECT_NE(why.find("im2col-l1"), std::string::npos) << why;
  c.rows = 1;
  c.icb = 32;
  EXPECT_FALSE(evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c,
                              &why));
}

TEST(CostModel, OneByOneTilesMayTakeRowsNarrowerThanAMicroTile) {
  ConvSpec spec;
  spec.ih = spec.iw = 14;
  spec.ic = 64;
  spec.oc = 32;
  TileChoice c = smallChoice();
  c.th = 2;
  c.tw = 14;
  std::string why;
  // 2 x 14 pixels: one call row of 28, nothing padded.
  std::optional<ConvSchedule> joined =
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(joined.has_value()) << why;
  EXPECT_EQ(joined->owPadded, 14);
  EXPECT_EQ(joined->call.symbol,
            "conv2d_bf16_bf16_f32_1x28x16_1x1x16_s1x1_d1x1_4x8x4");
  // 1 x 14 pixels fill no micro-tile row, and a 3x3 window has a halo.
  c.th = 1;
  EXPECT_FALSE(
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why));
  EXPECT_NE(why.find("nor th x tw"), std::string::npos) << why;
  c.th = 2;
  spec.kh = spec.kw = 3;
  EXPECT_FALSE(
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why));
  EXPECT_NE(why.find("multiple of r"), std::string::npos) << why;
}

TEST(CostModel, RefusesWhatBreaksARule) {
  std::string why;
  TileChoice c = smallChoice();
  c.tw = 6;
  EXPECT_FALSE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Decompose, c, &why));
  EXPECT_NE(why.find("multiple of r"), std::string::npos) << why;
  // The registry takes this conv call (42 KiB of operands), but with both
  // inputs double-buffered it does not fit: 2 x 10368 + 2 x 18432 + 14336.
  c = smallChoice();
  c.th = 7;
  c.tw = 16;
  c.toc = 32;
  c.icb = 32;
  EXPECT_FALSE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why));
  EXPECT_NE(why.find("L1 needs"), std::string::npos) << why;
  EXPECT_FALSE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Auto, c, &why));
}

TEST(CostModel, OddChannelCountsArePaddedNotRefused) {
  ConvSpec spec = smallConv();
  spec.ic = 3;
  spec.oc = 10;
  for (Strategy strategy :
       {Strategy::Seed, Strategy::Decompose, Strategy::Im2colL1}) {
    std::optional<ConvSchedule> s =
        searchSchedule(spec, Device::Npu1, strategy);
    ASSERT_TRUE(s.has_value()) << toString(strategy);
    EXPECT_EQ(s->icPadded, 8);
    EXPECT_EQ(s->ocPadded, 12);
  }
}

TEST(CostModel, SaysWhyAStrategyHasNoTiling) {
  // Taps 3000 pixels apart: no core holds the patch of even the smallest
  // im2col-l1 tile; decompose brings one tap at a time, and Auto takes it.
  ConvSpec spec = smallConv();
  spec.ih = 1;
  spec.kh = 1;
  spec.iw = 6100;
  spec.dw = 3000;
  std::string why;
  EXPECT_FALSE(
      searchSchedule(spec, Device::Npu1, Strategy::Im2colL1, nullptr, &why));
  EXPECT_NE(why.find("no tiling fits"), std::string::npos) << why;
  std::optional<ConvSchedule> fallback =
      searchSchedule(spec, Device::Npu1, Strategy::Auto);
  ASSERT_TRUE(fallback.has_value());
  EXPECT_EQ(fallback->strategy, Strategy::Decompose);
}

TEST(CostModel, SeedReproducesTheMicroTileTiling) {
  struct Case {
    Device device;
    ConvType type;
    int64_t m, n, k;
  } cases[] = {{Device::Npu1, ConvType::BF16, 4, 4, 8},
               {Device::Npu1, ConvType::I8, 4, 8, 8},
               {Device::Npu2, ConvType::I8, 8, 8, 8},
               {Device::Npu2, ConvType::BF16, 4, 8, 8}};
  for (const Case &c : cases) {
    std::optional<ConvSchedule> s =
        searchSchedule(smallConv(c.type), c.device, Strategy::Seed);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->strategy, Strategy::Seed);
    EXPECT_EQ(s->call.kind, CallKind::Matmul);
    EXPECT_EQ(s->call.m, c.m);
    EXPECT_EQ(s->call.n, c.n);
    EXPECT_EQ(s->call.k, c.k);
    EXPECT_EQ(s->tile.th, 1);
    EXPECT_EQ(s->tile.columns, 1);
    EXPECT_EQ(s->tile.rows, 4);
    EXPECT_FALSE(s->doubleBuffered);
    EXPECT_EQ(s->l1.inputBuffers, 1);
    // kh x kw x ic/8 steps, one call each.
    EXPECT_EQ(s->stepsPerTile, 9 * 32 / 8);
    EXPECT_EQ(s->call.symbol.rfind("matmul_", 0), 0u) << s->call.symbol;
  }
}

TEST(CostModel, DepthwiseHasNoChannelReduction) {
  ConvSpec spec = smallConv();
  spec.op = ConvOp::DepthwiseNhwcHwc;
  spec.oc = spec.ic;
  spec.ph = spec.pw = 1;
  for (Strategy strategy : {Strategy::Seed, Strategy::Decompose,
                            Strategy::Im2colL1, Strategy::Auto}) {
    std::optional<ConvSchedule> s =
        searchSchedule(spec, Device::Npu1, strategy);
    ASSERT_TRUE(s.has_value()) << toString(strategy);
    EXPECT_EQ(s->call.kind, CallKind::DepthwiseVector);
    // The depthwise ukernel's 16 lanes set the channel padding and tile.
    EXPECT_EQ(s->icPadded, 32);
    EXPECT_EQ(s->tile.toc % 16, 0);
    EXPECT_EQ(s->icBlocks, 1);
    EXPECT_EQ(s->tile.icb, s->tile.toc);
    EXPECT_EQ(s->call.k, s->tapsPerCall);
  }
}

TEST(CostModel, ReportAndKeyValues) {
  std::optional<ConvSchedule> s =
      searchSchedule(smallConv(), Device::Npu2, Strategy::Auto);
  ASSERT_TRUE(s.has_value());
  std::string report = formatScheduleReport(*s);
  EXPECT_NE(report.find("small on npu2"), std::string::npos) << report;
  EXPECT_NE(report.find("(auto)"), std::string::npos) << report;
  EXPECT_NE(report.find("L1 tile"), std::string::npos) << report;
  auto kv = scheduleKeyValues(*s);
  bool found = false;
  for (const auto &[key, value] : kv)
    if (key == "l1.total_bytes") {
      found = true;
      EXPECT_EQ(value, std::to_string(s->l1.total()));
    }
  EXPECT_TRUE(found);
}

TEST(CostModel, StrategyNamesRoundTrip) {
  for (Strategy strategy : {Strategy::Seed, Strategy::Decompose,
                            Strategy::Im2colL1, Strategy::Auto})
    EXPECT_EQ(parseStrategy(toString(strategy)), strategy);
  EXPECT_FALSE(parseStrategy("im2col").has_value());
}

TEST(CostModel, SearchSplitsALongRowEvenly) {
  // ResNet-50 res4b_b2a with its 14 x 14 pixels as one row of 196: four
  // column tiles of 52 pad 12 pixels, which neither the divisors of 196
  // (4, 28, 196) nor powers of two (64: 60 padded) can.
  ConvSpec spec;
  spec.ih = 1;
  spec.iw = 196;
  spec.ic = 1024;
  spec.oc = 256;
  std::optional<ConvSchedule> schedule =
      searchSchedule(spec, Device::Npu1, Strategy::Im2colL1);
  ASSERT_TRUE(schedule.has_value());
  EXPECT_EQ(schedule->tile.tw, 52);
  EXPECT_EQ(schedule->owPadded, 208);
}

TEST(CostModel, CoresSharingWeightsRunAsManyRoundsAsTheDealGives) {
  // Cores that share the weights run consecutive core tiles of the
  // row-major order side by side. On images of fewer tile rows than cores
  // (MobileNetV2 dw_384_14: two rows of 7) they take tiles along the row,
  // not idle rows below the image: the rounds are the deal's.
  struct Case {
    int64_t size, th, tw;
    ColumnSplit split;
  };
  const Case cases[] = {{14, 7, 4, ColumnSplit::Channels},
                        {7, 2, 8, ColumnSplit::Channels},
                        {14, 7, 4, ColumnSplit::Rows},
                        {56, 7, 8, ColumnSplit::Rows}};
  for (const Case &k : cases) {
    ConvSpec spec;
    spec.op = ConvOp::DepthwiseNhwcHwc;
    spec.ih = spec.iw = k.size;
    spec.ic = spec.oc = 384;
    spec.kh = spec.kw = 3;
    spec.ph = spec.pw = 1;
    TileChoice c = smallChoice();
    c.th = k.th;
    c.tw = k.tw;
    c.toc = c.icb = 16;
    c.coreSplit = CoreSplit::ShareWeights;
    c.columnSplit = k.split;
    c.weightsResident = true;
    c.accBuffers = 2;
    std::string why;
    std::optional<ConvSchedule> s =
        evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
    ASSERT_TRUE(s.has_value()) << why;

    DealRule rule;
    rule.trips = {(k.size + k.th - 1) / k.th, (k.size + k.tw - 1) / k.tw,
                  384 / 16};
    rule.kinds = {DimKind::Spatial, DimKind::Spatial, DimKind::Channel};
    rule.rows = c.rows;
    rule.columns = c.columns;
    rule.splitChannels = k.split == ColumnSplit::Channels;
    rule.channelsOuter = true;
    rule.coresShareInput = false;
    size_t dealtRounds = 0;
    for (const auto &column : dealTiles(rule))
      dealtRounds = std::max(dealtRounds, column.size());
    EXPECT_EQ(s->rounds, static_cast<int64_t>(dealtRounds))
        << k.size << "x" << k.size << " in " << k.th << "x" << k.tw;
  }
}

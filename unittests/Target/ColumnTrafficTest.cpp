//===- ColumnTrafficTest.cpp - What each DMA carries, by hand ---------===//
//
// The cost model's account of the transfers: what the memtile keeps, the
// shims and memtile channels each carry, and the bytes DDR moves.
//
//===----------------------------------------------------------------------===//

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

TEST(CostModel, MemtileKeepsTheInputAcrossChannelBlocks) {
  // 1x1, 512 pixels (one row), 64 -> 512 channels: 8 spatial tiles of 64
  // pixels, 2 per column, and 4 channel blocks of 4 x 32 channels, whose
  // weights the cores keep while they walk the block's tiles.
  ConvSpec spec = pixelRowConv(512, 64, 512);
  TileChoice c = pixelRowChoice(64, 32, 64);
  c.weightsResident = true;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(spec, Device::Npu1, Strategy::Decompose, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->spatialTilesPerColumn, 2);
  EXPECT_EQ(s->channelTilesPerColumn, 4);
  // Each of a column's 2 input tiles (64 px x 64 ch bf16) has a buffer and
  // comes once, not once per channel block.
  EXPECT_EQ(s->loopOrder, LoopOrder::ChannelsOuterKeepInput);
  EXPECT_EQ(s->l2.inputBytes, 8192);
  EXPECT_EQ(s->l2.inputBuffers, 2);
  // DDR per column: 2 input tiles, a quarter of the 4 weight blocks (64 x
  // 128 bf16, shared by the columns) and 8 output tiles (64 x 128 f32).
  EXPECT_EQ(s->ddrBytes, 4 * (2 * 8192 + 4 * 16384 / 4 + 8 * 32768));

  // With 7 spatial tiles the columns do not hold as many each, and one
  // that ran ahead would fetch its next weight block alone: the input
  // streams.
  spec.iw = 448;
  s = evaluateTiling(spec, Device::Npu1, Strategy::Decompose, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->loopOrder, LoopOrder::ChannelsOuter);
  EXPECT_EQ(s->l2.inputBuffers, 2);
}

TEST(CostModel, ALastChannelTileThatEndsEarlyMovesOnlyItsChannels) {
  // MobileNetV2's dw_144_56 (bf16, 56x56, 3x3): the 4 cores of a column
  // take 16 channels each, so a memtile tile holds 64 and the last of the
  // 3 tiles only 16 of the layer's 144. Against 192 channels (3 whole
  // tiles) and 128 (2), under the same tiling.
  auto depthwise = [](int64_t channels) {
    ConvSpec spec;
    spec.op = ConvOp::DepthwiseNhwcHwc;
    spec.ih = spec.iw = 56;
    spec.ic = spec.oc = channels;
    spec.kh = spec.kw = 3;
    spec.ph = spec.pw = 1;
    return spec;
  };
  TileChoice c = smallChoice();
  c.th = 7;
  c.tw = 8;
  c.toc = c.icb = 16;
  c.weightsResident = true;
  c.accBuffers = 2;
  auto schedule = [&](int64_t channels) {
    std::string why;
    std::optional<ConvSchedule> s = evaluateTiling(
        depthwise(channels), Device::Npu1, Strategy::Im2colL1, c, &why);
    EXPECT_TRUE(s.has_value()) << why;
    return s.value_or(ConvSchedule{});
  };
  const ConvSchedule ragged = schedule(144), whole = schedule(192),
                     fewer = schedule(128);
  ASSERT_EQ(ragged.channelTilesPerColumn, 3);
  ASSERT_EQ(whole.channelTilesPerColumn, 3);
  ASSERT_EQ(fewer.channelTilesPerColumn, 2);
  // DDR carries the layer's channels only: 144 of 192, to a byte per tile.
  EXPECT_NEAR(static_cast<double>(ragged.ddrBytes),
              static_cast<double>(whole.ddrBytes) * 144 / 192,
              static_cast<double>(ragged.rounds * 4 * 3));
  // The layer is bound by its output writes. The last tile's rounds write
  // a quarter of the others' but still compute a whole tile on the core
  // that has one, so they cost more than a quarter of a whole round: the
  // pace is not the average over the rounds.
  const int64_t lastTileCycles =
      ragged.cycles.totalCycles - fewer.cycles.totalCycles;
  const int64_t wholeTileCycles =
      whole.cycles.totalCycles - fewer.cycles.totalCycles;
  EXPECT_EQ(ragged.cycles.bound, std::string("shim"));
  EXPECT_GT(lastTileCycles, wholeTileCycles / 4 + wholeTileCycles / 8);
  EXPECT_LT(lastTileCycles, wholeTileCycles);
}

TEST(CostModel, KeptInputHoldsEverySlabAndComesOnce) {
  // 1x1, 64 pixels (one row), 128 -> 256 channels: one 16-pixel tile per
  // column, 4 channel blocks of 4 x 16 channels, 2 steps of 64 channels.
  ConvSpec spec = pixelRowConv(64, 128, 256);
  TileChoice c = pixelRowChoice(16, 16, 64);
  c.accBuffers = 2;
  c.inputKept = true;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->loopOrder, LoopOrder::ChannelsOuterKeepInput);
  EXPECT_EQ(s->channelTilesPerColumn, 4);
  // Both steps' slabs (16 px x 64 ch bf16) stay; one buffer each.
  EXPECT_EQ(s->l1.inputBytes, 2048);
  EXPECT_EQ(s->l1.inputBuffers, 2);
  EXPECT_EQ(s->inputChannels, 2);
  EXPECT_EQ(s->weightChannels, 2);
  // The first block's step: half the slab, then half the step's weights
  // (64 x 16 bf16), on each channel at 4 B per cycle.
  EXPECT_EQ(s->cycles.dmaStepCycles,
            2 * kDmaTransferOverheadCycles + 1024 / 4 + 1024 / 4);
  // The 3 later blocks' steps bring only weights; each of the 4 rounds
  // drains its 16 x 16 f32 accumulator on one channel.
  EXPECT_EQ(s->cycles.l1DmaCycles,
            2 * s->cycles.dmaStepCycles +
                3 * 2 * (kDmaTransferOverheadCycles + 1024 / 4) +
                4 * (kDmaTransferOverheadCycles + 1024 / 4));
  // Streamed, every block brings the input again.
  c.inputKept = false;
  std::optional<ConvSchedule> streamed =
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(streamed.has_value()) << why;
  EXPECT_GT(streamed->cycles.l1DmaCycles, s->cycles.l1DmaCycles);

  // What it needs, said.
  c.inputKept = true;
  c.coreSplit = CoreSplit::ShareWeights;
  EXPECT_FALSE(
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why));
  EXPECT_EQ(why.rfind("keepin=1 needs strategy im2col-l1", 0), 0u) << why;
  c.coreSplit = CoreSplit::ShareInput;
  EXPECT_FALSE(
      evaluateTiling(spec, Device::Npu1, Strategy::Decompose, c, &why));
  EXPECT_EQ(why.rfind("keepin=1 needs strategy im2col-l1", 0), 0u) << why;
  c.toc = 64; // one channel block per column: nothing to keep it for
  EXPECT_FALSE(
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why));
  EXPECT_EQ(why.rfind("keepin=1 needs several output-channel blocks", 0), 0u)
      << why;
}

TEST(CostModel, MemtileFillsComeInPiecesOfAtLeast1KiB) {
  EXPECT_EQ(l2FillPieces(512), 1);
  EXPECT_EQ(l2FillPieces(2047), 1);
  EXPECT_EQ(l2FillPieces(2048), 2);
  EXPECT_EQ(l2FillPieces(3 * 1024), 3);
  EXPECT_EQ(l2FillPieces(4 * 1024), 4);
  EXPECT_EQ(l2FillPieces(8 * 1024), kL2FillPieces);
  EXPECT_EQ(l2FillPieces(1 << 20), kL2FillPieces);
}

TEST(CostModel, ResidentPiecesNeedSeveralTilesPerBlock) {
  // Im2colL1 walks the weights in one loop (2 input-channel blocks), so a
  // resident block comes piece by piece. With 2-row tiles each column has
  // 4 spatial tiles to keep it for; with 4 x 16 tiles, 1: nothing to keep.
  TileChoice c = smallChoice();
  c.weightsResident = true;
  std::string why;
  EXPECT_TRUE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why))
      << why;
  c.th = 4;
  c.tw = 16;
  EXPECT_FALSE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why));
  EXPECT_NE(why.find("resident weights would serve a single tile per block"),
            std::string::npos)
      << why;
  c.weightsResident = false;
  EXPECT_TRUE(
      evaluateTiling(smallConv(), Device::Npu1, Strategy::Im2colL1, c, &why))
      << why;
}

/// MobileNetV2 dw_960_7 (7 x 7 x 960, 3x3, pad 1) on npu1 under `choice`.
std::optional<ConvSchedule> depthwise7x7(const TileChoice &choice,
                                         std::string &why) {
  ConvSpec spec;
  spec.type = ConvType::BF16;
  spec.op = ConvOp::DepthwiseNhwcHwc;
  spec.ih = spec.iw = 7;
  spec.ic = spec.oc = 960;
  spec.kh = spec.kw = 3;
  spec.ph = spec.pw = 1;
  return evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, choice, &why);
}

TEST(CostModel, BusiestColumnPacesTheShim) {
  // 4 x 4 tiles of the 7 x 7 output, one per column: the column with the
  // full corner keeps 16 pixels and reads 5 x 5 of its 6 x 6 window, the
  // average column 12.25 and 20.25.
  TileChoice c = smallChoice();
  c.th = c.tw = 4;
  c.accBuffers = 2;
  c.weightsResident = true;
  std::string why;
  std::optional<ConvSchedule> s = depthwise7x7(c, why);
  ASSERT_TRUE(s.has_value()) << why;
  ASSERT_EQ(s->rounds, 15);
  ASSERT_EQ(s->outputChunks, 1);
  // Writes: 16 px x 960 channels x 4 B at 8 B/cycle, and a transfer of 32
  // cycles per round (one buffer descriptor writes the 4 cores' tiles).
  EXPECT_EQ(s->cycles.shimWriteCycles, 16 * 960 * 4 / 8 + 15 * 32);
  // Reads: 15 windows of 5 x 5 px x 64 channels x 2 B and a quarter of the
  // 3x3 x 960 weights the columns share, at 8 B/cycle; a transfer per core
  // (depthwise input follows the channels) and per weight load.
  EXPECT_EQ(s->cycles.shimReadCycles,
            (15 * 25 * 64 * 2 + 9 * 960 * 2 / 4) / 8 + (15 * 4 + 15) * 32);
  // DDR carries every column's bytes, not four of the busiest.
  EXPECT_EQ(s->ddrBytes, 4 * 15 * (4608 * 81 / 144 + 1152 / 4) +
                             7 * 7 * 960 * 4);
}

/// A 16 x 16 x 64 -> 256 1x1 conv.
static ConvSpec pointwise16x16To256() {
  ConvSpec spec;
  spec.ih = spec.iw = 16;
  spec.ic = 64;
  spec.oc = 256;
  spec.kh = spec.kw = 1;
  return spec;
}

TEST(CostModel, ColumnsSharingAnOperandTakeTurnsFetchingIt) {
  // A 16 x 16 x 64 -> 256 1x1 conv in 2 x 8-pixel tiles of 16 output
  // channels, the cores of a column sharing the input, the columns
  // splitting the 4 channel tiles: each column walks the 16 spatial tiles
  // of its own channel tile. The columns share every input tile; the
  // simulator deals the regions of a step one per column, so each column's
  // shim fetches a quarter of the 16 input tiles (a quarter of their
  // bytes, and 4 transfers), and its own channel tile's weights, a slice
  // per core (4 transfers).
  const ConvSpec spec = pointwise16x16To256();
  TileChoice c = smallChoice();
  c.icb = 64;
  c.columnSplit = ColumnSplit::Channels;
  c.accBuffers = 2;
  c.weightsResident = true;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  ASSERT_EQ(s->rounds, 16);
  const int64_t inputBytes = 16 * (2 * 8 * 64 * 2) / 4;
  const int64_t weightBytes = 64 * 64 * 2;
  EXPECT_EQ(s->cycles.shimReadCycles,
            (inputBytes + weightBytes) / 8 + (16 / 4 + 4) * 32);
}

TEST(CostModel, WeightsReachTheCoresAfterTheInput) {
  // The 16 x 16 x 64 -> 256 1x1 conv in 2 x 8-pixel tiles of 16 output
  // channels, the columns splitting the rows and sharing the weights. The
  // first step waits for each column's input tile (2 KiB) and for one
  // core's weight slice (2 KiB): the simulator deals the 4 slices of a
  // step one per column, so a column fetches a whole slice, not a quarter
  // of the 8 KiB. The shim fetches the input, then the weights, each at
  // 8 B/cycle (2 channels; a quarter of DDR's 55 is more) in 2 pieces of
  // 1 KiB; each goes on to the core at 4 B/cycle on a channel of its own
  // once its first piece is in: 288 cycles for the input's fetch, then
  // 288 + 544 - 144 for the weights' fetch and transfer.
  const ConvSpec spec = pointwise16x16To256();
  TileChoice c = smallChoice();
  c.icb = 64;
  c.accBuffers = 2;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  ASSERT_EQ(s->l1.inputBytes, 2048);
  ASSERT_EQ(s->l1.weightBytes, 2048);
  const int64_t fetch = 32 + 2048 / 8, toCore = 32 + 2048 / 4;
  EXPECT_EQ(s->cycles.fillCycles, fetch + fetch + toCore - fetch / 2);
}

TEST(CostModel, CoreWindowsOfManyDataSizesComeWhole) {
  // Cores that split the rows each hold a window of one memtile buffer,
  // which the columns (splitting the channels) share, so it is no hull.
  // In 4 x 4 tiles of a 14 x 14 output (padded by 1) their 6 x 6 windows
  // hold 5, 6 or 3 rows and columns of data, 9 sizes, more than the 4
  // that the simulator's programs always fit the memtile's buffer
  // descriptors with (moving only the data, a size needs descriptors of
  // its own), and the model takes them whole: one column (16 output
  // channels), 4 rounds of 4 windows x 16 channels x 2 B, the 3x3 x 16 x
  // 16 weights once, and the output.
  ConvSpec spec;
  spec.type = ConvType::BF16;
  spec.ih = spec.iw = 14;
  spec.ic = spec.oc = 16;
  spec.kh = spec.kw = 3;
  spec.ph = spec.pw = 1;
  TileChoice c = smallChoice();
  c.th = c.tw = 4;
  c.coreSplit = CoreSplit::ShareWeights;
  c.columnSplit = ColumnSplit::Channels;
  c.accBuffers = 2;
  std::string why;
  std::optional<ConvSchedule> s =
      evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
  ASSERT_TRUE(s.has_value()) << why;
  ASSERT_EQ(s->rounds, 4);
  EXPECT_FALSE(s->l2InputHull);
  EXPECT_EQ(s->ddrBytes, 4 * 4 * 6 * 6 * 16 * 2 + 9 * 16 * 16 * 2 +
                             14 * 14 * 16 * 4);
}

TEST(CostModel, DepthwiseWindowsComeAsTheirHull) {
  // A depthwise conv's columns take channel blocks of their own, so a
  // column's 4 cores, splitting the rows, get their windows as one hull.
  // In 2 x 4 tiles of the 7 x 7 output, a round's 4 tiles are 2 tile rows
  // x 2, whose data hull is 5 x 7 (output rows 0 to 3) or 4 x 7 (rows 4 to
  // 7): per column, 15 channel blocks of those two x 16 channels x 2 B,
  // its own 3x3 x 16 weights, and its share of the output.
  TileChoice c = smallChoice();
  c.tw = 4;
  c.coreSplit = CoreSplit::ShareWeights;
  c.columnSplit = ColumnSplit::Channels;
  c.accBuffers = 2;
  std::string why;
  std::optional<ConvSchedule> s = depthwise7x7(c, why);
  ASSERT_TRUE(s.has_value()) << why;
  ASSERT_EQ(s->rounds, 30);
  EXPECT_TRUE(s->l2InputHull);
  EXPECT_EQ(s->ddrBytes, 4 * (15 * (5 + 4) * 7 * 16 * 2 + 15 * 9 * 16 * 2) +
                             7 * 7 * 960 * 4);

  // In 2 x 8 tiles, a round's 4 tiles are the whole image: its 7 x 7 of
  // data once per channel block.
  c.tw = 8;
  s = depthwise7x7(c, why);
  ASSERT_TRUE(s.has_value()) << why;
  ASSERT_EQ(s->rounds, 15);
  EXPECT_EQ(s->ddrBytes,
            4 * (15 * 7 * 7 * 16 * 2 + 15 * 9 * 16 * 2) + 7 * 7 * 960 * 4);
}

TEST(CostModel, MemtileChannelsCarryTheWindowsThenTheWeights) {
  // A depthwise column's 4 cores each get their own window, and the
  // weights' broadcast comes after them on the memtile's 4 channels to
  // the cores: the first channel carries a window and the weights, one
  // after the other, every step (the simulator deals them so).
  TileChoice c = smallChoice();
  c.tw = 4;
  c.coreSplit = CoreSplit::ShareWeights;
  c.columnSplit = ColumnSplit::Channels;
  std::string why;
  std::optional<ConvSchedule> s = depthwise7x7(c, why);
  ASSERT_TRUE(s.has_value()) << why;
  const int64_t window = dmaTransferCycles(s->l1.inputBytes, 4);
  const int64_t weights = dmaTransferCycles(s->l1.weightBytes, 4);
  EXPECT_EQ(s->cycles.dmaStepCycles, window + weights);

  // Where the cores share the input, the memtile sends one input stream
  // and each core's weights: 5 streams, but the columns share the input
  // and take turns to send it (split=channels), so on average the first
  // channel carries a quarter of it and a core's weights; the core's own
  // channel, the whole input, sets the step.
  TileChoice pixels = pixelRowChoice(52, 32, 128);
  pixels.columnSplit = ColumnSplit::Channels;
  pixels.l2IcBlock = 128;
  s = evaluateTiling(pixelRowConv(52, 2048, 512), Device::Npu1,
                     Strategy::Im2colL1, pixels, &why);
  ASSERT_TRUE(s.has_value()) << why;
  EXPECT_EQ(s->cycles.dmaStepCycles,
            dmaTransferCycles(s->l1.inputBytes, 4));
  EXPECT_GT(s->cycles.dmaStepCycles,
            dmaTransferCycles(s->l1.inputBytes, 4) / 4 +
                dmaTransferCycles(s->l1.weightBytes, 4));
}

TEST(CostModel, ChannelsSpanningBlocksMoveTheLastBlockWhole) {
  // The input is relaid out in blocks of 8 channels (npu1 bf16's s): 13
  // channels span two, which the DMAs move whole, like 16 channels (the
  // simulator's data box, lib/Sim/BufferBoxes.h); 3 channels are part of
  // one block, and only they move.
  auto ddrBytes = [](int64_t ic) {
    ConvSpec spec = smallConv();
    spec.ic = ic;
    TileChoice c = smallChoice();
    c.icb = 8;
    std::string why;
    std::optional<ConvSchedule> s =
        evaluateTiling(spec, Device::Npu1, Strategy::Im2colL1, c, &why);
    EXPECT_TRUE(s.has_value()) << why;
    return s ? s->ddrBytes : 0;
  };
  EXPECT_EQ(ddrBytes(13), ddrBytes(16));
  EXPECT_LT(ddrBytes(3), ddrBytes(8));
}

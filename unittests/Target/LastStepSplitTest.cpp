//===- LastStepSplitTest.cpp - Pricing a last step split in parts ---------===//

#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/TileSearch.h"
#include "aieconv/Target/UKernelCalls.h"

#include <gtest/gtest.h>

using namespace aieconv;
using namespace aieconv::target;
using aieconv::kernels::Device;

namespace {

/// ResNet-50 res4b_b2a with its 14 x 14 pixels as one row: 52 pixels x 64
/// channels per core, 16 steps of 64 input channels, one round on npu1.
ConvSpec oneRoundLayer() {
  ConvSpec spec;
  spec.ih = 1;
  spec.iw = 196;
  spec.ic = 1024;
  spec.oc = 256;
  return spec;
}

TileChoice oneRoundTile(int64_t parts) {
  TileChoice c;
  c.tw = 52;
  c.toc = 64;
  c.icb = 64;
  c.l2IcBlock = 64;
  c.columns = 4;
  c.rows = 4;
  c.lastStepParts = parts;
  return c;
}

TEST(LastStepSplit, PricesThePartsAndTheirDrains) {
  std::optional<ConvSchedule> whole = evaluateTiling(
      oneRoundLayer(), Device::Npu1, Strategy::Im2colL1, oneRoundTile(1));
  std::optional<ConvSchedule> split = evaluateTiling(
      oneRoundLayer(), Device::Npu1, Strategy::Im2colL1, oneRoundTile(4));
  ASSERT_TRUE(whole && split);
  EXPECT_EQ(whole->rounds, 1);
  // One part: the registry's 52x16x64 call.
  EXPECT_EQ(split->partCallCycles,
            kernels::estimateCostOfSymbol(
                "conv2d_bf16_bf16_f32_1x52x16_1x1x64_s1x1_d1x1_4x8x4")
                ->cycles);
  EXPECT_EQ(split->outputChunks, 1);
  // The tile takes the four part calls for the last step's one call, and
  // with one accumulator waits for what is left of the drain after them:
  // 4 x 864 (3328 bytes at 4 B/cycle + 32) less the 3 x 591 of the later
  // parts' calls, instead of the whole 13312-byte drain (3360).
  const int64_t extra = 4 * split->partCallCycles - whole->call.cycles;
  EXPECT_EQ(split->cycles.roundCycles - whole->cycles.roundCycles,
            extra + (4 * 864 - 3 * split->partCallCycles) - 3360);
  // The tail after compute: the writes (53248 bytes at 8 B/cycle) start
  // once the first part has drained, 1773 cycles before the last call
  // ends, plus 4 transfer overheads; the drain left is in the round.
  EXPECT_EQ(split->cycles.drainEndCycles,
            864 - 3 * split->partCallCycles + 53248 / 8 + 4 * 32 -
                (4 * 864 - 3 * split->partCallCycles));
  EXPECT_LT(split->cycles.totalCycles, whole->cycles.totalCycles);
}

TEST(LastStepSplit, TheSearchSplitsOneRoundOnly) {
  std::optional<ConvSchedule> s =
      searchSchedule(oneRoundLayer(), Device::Npu1, Strategy::Im2colL1);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->rounds, 1);
  EXPECT_GT(s->tile.lastStepParts, 1);
  // Four times the pixels: several rounds, which the search leaves whole.
  ConvSpec larger = oneRoundLayer();
  larger.iw = 4 * 196;
  std::optional<ConvSchedule> many =
      searchSchedule(larger, Device::Npu1, Strategy::Im2colL1);
  ASSERT_TRUE(many);
  ASSERT_GT(many->rounds, 1);
  EXPECT_EQ(many->tile.lastStepParts, 1);
}

TEST(LastStepSplit, OnlyConvPatchCallsSplit) {
  std::string why;
  EXPECT_FALSE(evaluateTiling(oneRoundLayer(), Device::Npu1,
                              Strategy::Decompose, oneRoundTile(2), &why));
  EXPECT_NE(why.find("last=2 splits only a conv-patch call"), std::string::npos)
      << why;
  // 64 channels are 16 micro-tiles of 4: not 3 equal parts.
  EXPECT_FALSE(evaluateTiling(oneRoundLayer(), Device::Npu1, Strategy::Im2colL1,
                              oneRoundTile(3), &why));
}

} // namespace

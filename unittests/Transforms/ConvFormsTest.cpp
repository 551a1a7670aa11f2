//===- ConvFormsTest.cpp - The shapes a conv is tiled in ------------------===//

#include "aieconv/Target/CostModel.h"
#include "aieconv/Transforms/PixelFlatten.h"
#include "aieconv/Transforms/WindowFold.h"

#include <gtest/gtest.h>

using namespace aieconv;

namespace {

/// ResNet-50's conv1 as the compiler reads it off the IR: its pad of 3 is
/// a zero-padded input of 230 x 230 whose 6 zero rows and columns the DMAs
/// need not move.
ConvSpec paddedConv1() {
  ConvSpec spec;
  spec.op = ConvOp::Conv2dNhwcHwcf;
  spec.type = ConvType::BF16;
  spec.ih = spec.iw = 230;
  spec.ic = 3;
  spec.oc = 64;
  spec.kh = spec.kw = 7;
  spec.sh = spec.sw = 2;
  spec.zeroRows = spec.zeroCols = 6;
  return spec;
}

/// The same conv as the 1x1 conv over gathered windows it becomes, with
/// no zeros: each window holds its share of the pad as channels.
ConvSpec gatheredConv1() {
  ConvSpec spec = paddedConv1();
  spec.ih = spec.iw = 112;
  spec.ic = 7 * 7 * 3;
  spec.kh = spec.kw = spec.sh = spec.sw = 1;
  spec.zeroRows = spec.zeroCols = 0;
  return spec;
}

TEST(ConvForms, FoldingTheColumnsKeepsOnlyTheZeroRows) {
  ConvSpec folded = foldedWindow(paddedConv1(), /*rows=*/false);
  EXPECT_EQ(folded.iw, 112);
  EXPECT_EQ(folded.ic, 21);
  EXPECT_EQ(folded.kw, 1);
  EXPECT_EQ(folded.zeroRows, 6);
  EXPECT_EQ(folded.zeroCols, 0);
}

TEST(ConvForms, FoldingTheWindowLeavesNoZeros) {
  EXPECT_EQ(foldedWindow(paddedConv1(), /*rows=*/true), gatheredConv1());
}

TEST(ConvForms, OneRowLeavesNoZeros) {
  ConvSpec flat = flattenedPixels(gatheredConv1());
  EXPECT_EQ(flat.ih, 1);
  EXPECT_EQ(flat.iw, 112 * 112);
  ConvSpec padded = gatheredConv1();
  padded.zeroRows = padded.zeroCols = 6;
  EXPECT_EQ(flattenedPixels(padded), flat);
}

/// The cost model prices what the DMAs move: the gathered conv's windows,
/// every one of them data. With the pad's zero rows and columns left on
/// the one row, it took nearly all of it for padding and priced the
/// layer's reads at a ninth of the data (npu2: 30559 -> 3756 cycles).
TEST(ConvForms, TheModelReadsEveryGatheredWindow) {
  std::string why;
  std::optional<target::TileChoice> choice = target::parseTileChoice(
      "th=1,tw=32,toc=16,icb=152,acc=1,resident=1,columns=8,rows=4", why);
  ASSERT_TRUE(choice) << why;
  auto schedule = [&](const ConvSpec &spec) {
    return target::evaluateTiling(spec, kernels::Device::Npu2,
                                  target::Strategy::Im2colL1, *choice, &why);
  };
  std::optional<target::ConvSchedule> folded = schedule(
      flattenedPixels(foldedWindow(paddedConv1(), /*rows=*/true)));
  ASSERT_TRUE(folded) << why;
  // 112 x 112 windows of 147 bf16 read, as many pixels of 64 f32 written.
  const int64_t windows = 112 * 112 * 147 * 2, results = 112 * 112 * 64 * 4;
  EXPECT_GE(folded->ddrBytes, windows + results);
  EXPECT_LT(folded->ddrBytes, (windows + results) * 11 / 10);
}

} // namespace

//===- TouchedInputTest.cpp - Compulsory input of the roofline ------------===//

#include "aieconv/Sim/TouchedInput.h"

#include <gtest/gtest.h>

namespace aieconv::sim {
namespace {

TEST(TouchedInput, ExtentPerDimension) {
  // 3x3, pad 1, stride 1 on 56: every row.
  EXPECT_EQ(touchedExtent(56, 3, 56), 56);
  // 1x1 stride 2 on 56 -> 28: every other row.
  EXPECT_EQ(touchedExtent(56, 1, 28), 28);
  // 7x7 pad 3 stride 2 on 224 -> 112: 2o + t - 3 covers every row.
  EXPECT_EQ(touchedExtent(224, 7, 112), 224);
  // 1x1 stride 2 on 57 -> 29 reads 29 rows, 2x2 stride 3 on 9 -> 3: 6.
  EXPECT_EQ(touchedExtent(57, 1, 29), 29);
  EXPECT_EQ(touchedExtent(9, 2, 3), 6);
  // 3x3 on a pre-padded 58 -> 56: all of it.
  EXPECT_EQ(touchedExtent(58, 3, 56), 58);
  // 1x1 stride 3 on 9 -> 3: rows 0, 3, 6.
  EXPECT_EQ(touchedExtent(9, 1, 3), 3);
  EXPECT_FALSE(touchedExtent(4, 3, 9).has_value());
}

TEST(TouchedInput, LayoutsFromChannelSizes) {
  // NHWC/HWCF, ResNet-50 res3a_b2a: 1x1 stride 2, 256 -> 128 channels.
  EXPECT_EQ(touchedInputElements({1, 56, 56, 256}, {1, 1, 256, 128},
                                 {1, 28, 28, 128}),
            28 * 28 * 256);
  // NCHW/FCHW, the same layer.
  EXPECT_EQ(touchedInputElements({1, 256, 56, 56}, {128, 256, 1, 1},
                                 {1, 128, 28, 28}),
            28 * 28 * 256);
  // Depthwise NHWC/HWC, 3x3 stride 2 pad 1: 112 -> 56 reads every row
  // (2o + t - 1 covers 0..111).
  EXPECT_EQ(
      touchedInputElements({1, 112, 112, 96}, {3, 3, 96}, {1, 56, 56, 96}),
      112 * 112 * 96);
  // conv_1d NWC/WCF, kernel 1 stride 2.
  EXPECT_EQ(touchedInputElements({2, 10, 8}, {1, 8, 4}, {2, 5, 4}), 2 * 5 * 8);
  // Not a conv's shapes.
  EXPECT_FALSE(touchedInputElements({1, 8, 8, 3}, {3, 3, 4, 5}, {1, 6, 6, 5})
                   .has_value());
}

} // namespace
} // namespace aieconv::sim

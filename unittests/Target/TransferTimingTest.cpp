//===- TransferTimingTest.cpp - The DMA overlap rules, by hand ------------===//

#include "aieconv/Target/TransferTiming.h"

#include <gtest/gtest.h>

namespace aieconv::target {
namespace {

TEST(TransferTiming, ColumnsTakeWholeSlices) {
  // 4 slices of 250 B over 3 columns: the busiest takes 2 slices.
  EXPECT_EQ(wholeSlicesShare(1000, 4, 3), 500);
  // As many columns as slices: one each.
  EXPECT_EQ(wholeSlicesShare(1000, 4, 4), 250);
  // A ragged last slice still counts whole.
  EXPECT_EQ(wholeSlicesShare(1001, 4, 4), 251);
}

TEST(TransferTiming, PipelinedStagesOverlapAllButAPiece) {
  // One piece: the second stage waits for all of the first.
  EXPECT_EQ(pipelinedStages(100, 80, 1), 180);
  // Four pieces: the shorter stage hides 3/4 of itself behind the longer.
  EXPECT_EQ(pipelinedStages(100, 80, 4), 120);
  EXPECT_EQ(pipelinedStages(80, 100, 4), 120);
}

TEST(TransferTiming, StreamsAreDealtToChannelsInTurn) {
  // Streams of 10, 10, 10, 4, 4 cycles over 2 channels: channel 0 gets
  // 10 + 10 + 4, channel 1 gets 10 + 4.
  EXPECT_EQ(busiestDealtChannel(3, 10, 2, 4, 2), 24);
  // One channel carries everything.
  EXPECT_EQ(busiestDealtChannel(3, 10, 2, 4, 1), 38);
}

TEST(TransferTiming, DdrSharesItsCapacityFairly) {
  // Below capacity: reads at 8 B/cycle take 100 cycles, writes 50.
  EXPECT_EQ(sharedDdrCycles(800, 400, 8, 8, 16), 100);
  // Capacity 12: 6 each while both run (66.7 cycles, 400 B written and
  // read), then the last 400 B read at 8 B/cycle: 116.7, rounded up.
  EXPECT_EQ(sharedDdrCycles(800, 400, 8, 8, 12), 117);
  // Writes want only 4 of 12: reads get the other 8 and both end at 100.
  EXPECT_EQ(sharedDdrCycles(800, 400, 10, 4, 12), 100);
}

} // namespace
} // namespace aieconv::target

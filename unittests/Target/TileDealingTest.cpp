//===- TileDealingTest.cpp - Which tiles run in the last round ------------===//

#include "aieconv/Target/TileDealing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace aieconv::target;

namespace {

/// The tiles of the array's last round, as the deal has them: the last
/// round of each column of the most rounds.
std::set<size_t> lastRoundOf(const Deal &deal) {
  size_t most = 0;
  for (const auto &rounds : deal)
    most = std::max(most, rounds.size());
  std::set<size_t> tiles;
  for (const auto &rounds : deal)
    if (rounds.size() == most && most > 0)
      tiles.insert(rounds.back().begin(), rounds.back().end());
  return tiles;
}

/// Every tile's iteration numbers, row-major.
std::vector<int64_t> digitsOf(const DealRule &rule, size_t tile) {
  std::vector<int64_t> digits(rule.trips.size());
  for (size_t d = rule.trips.size(); d-- > 0;) {
    digits[d] = static_cast<int64_t>(tile) % rule.trips[d];
    tile /= static_cast<size_t>(rule.trips[d]);
  }
  return digits;
}

TEST(TileDealing, LastRoundMatchesTheDeal) {
  // Two or three dimensions of each kind mix, over every grid shape and
  // order; uneven counts leave columns and lanes short.
  const std::vector<std::vector<int64_t>> tripSets = {
      {7, 3}, {1, 9, 2}, {4, 4}, {2, 5, 3}, {14, 1}, {1, 6}};
  int64_t checked = 0;
  for (const std::vector<int64_t> &trips : tripSets)
    for (int kindMask = 0; kindMask < (1 << trips.size()); ++kindMask)
      for (int64_t rows : {1, 2, 4})
        for (int64_t columns : {1, 3, 4})
          for (int flags = 0; flags < 8; ++flags) {
            DealRule rule;
            rule.trips = trips;
            for (size_t d = 0; d < trips.size(); ++d)
              rule.kinds.push_back(kindMask >> d & 1 ? DimKind::Channel
                                                     : DimKind::Spatial);
            rule.rows = rows;
            rule.columns = columns;
            rule.splitChannels = flags & 1;
            rule.channelsOuter = flags & 2;
            rule.coresShareInput = flags & 4;
            // A column split the tiles cannot fill is not a schedule.
            const RoundIndexing indexing = roundIndexing(rule);
            if (indexing.sizes[indexing.columnKind] < columns)
              continue;
            Deal deal = dealTiles(rule);
            std::set<size_t> expected = lastRoundOf(deal);
            int64_t total = 1;
            for (int64_t trip : trips)
              total *= trip;
            for (size_t tile = 0; tile < static_cast<size_t>(total); ++tile) {
              EXPECT_EQ(inLastRound(rule, digitsOf(rule, tile)),
                        expected.count(tile) == 1)
                  << "tile " << tile << ", rows " << rows << ", columns "
                  << columns << ", kinds " << kindMask << ", flags " << flags;
              ++checked;
            }
          }
  EXPECT_GT(checked, 1000);
}

TEST(TileDealing, UnevenColumnsEndARoundEarly) {
  // 9 pixel tiles over 4 columns: 3, 2, 2 and 2 rounds; only column 0's
  // third round is the array's last.
  DealRule rule;
  rule.trips = {9};
  rule.kinds = {DimKind::Spatial};
  rule.rows = 4;
  rule.columns = 4;
  Deal deal = dealTiles(rule);
  ASSERT_EQ(deal.size(), 4u);
  EXPECT_EQ(deal[0].size(), 3u);
  EXPECT_EQ(deal[1].size(), 2u);
  for (int64_t tile = 0; tile < 9; ++tile)
    EXPECT_EQ(inLastRound(rule, {tile}), tile == 2) << tile;
}

} // namespace

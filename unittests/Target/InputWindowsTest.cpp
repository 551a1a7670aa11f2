//===- InputWindowsTest.cpp - Windows fetched as their hull, by hand ------===//

#include "aieconv/Target/InputWindows.h"

#include <gtest/gtest.h>

namespace aieconv::target {
namespace {

/// A 3x3 window at stride 1, padded by 1, over `size` inputs.
Axis threeByThree(int64_t size) { return {size, 1, 1, 3, size, 1, 0}; }

TEST(InputWindows, HullOfWindowsIndices) {
  Axis axis = threeByThree(16);
  // Tile 0 of 4 outputs reads [-1, 5): 6 indices, 5 of them data.
  EXPECT_EQ(axis.hullIndices(0, 0, 4, /*whole=*/true), 6);
  EXPECT_EQ(axis.windowData(0, 4), 5);
  // Tiles 0 to 3: [-1, 17), of which [0, 16) is data.
  EXPECT_EQ(axis.hullIndices(0, 3, 4, /*whole=*/true), 18);
  EXPECT_EQ(axis.hullIndices(0, 3, 4, /*whole=*/false), 16);
}

TEST(InputWindows, GroupInOneTileRowIsOneHull) {
  // 16 x 16, tiles of 4 x 4, groups of 4: each group is a tile row. Its
  // data: rows 5, 6, 6, 5 by tile row, all 16 columns, one fetch each.
  Axis axis = threeByThree(16);
  GroupFetches data = *groupFetches(axis, axis, 1, 4, 4, 4, 4, 4, false);
  EXPECT_EQ(data.elements, (std::vector<int64_t>{80, 96, 96, 80}));
  EXPECT_EQ(data.fetches, 4);
  GroupFetches whole = *groupFetches(axis, axis, 1, 4, 4, 4, 4, 4, true);
  EXPECT_EQ(whole.elements, (std::vector<int64_t>{108, 108, 108, 108}));
  EXPECT_EQ(whole.hullRows, 6);
  EXPECT_EQ(whole.hullCols, 18);
}

TEST(InputWindows, GroupOfWholeTileRowsIsOneHull) {
  // 8 x 8, tiles of 4 x 4: the group of 4 is the whole image, 8 x 8 of
  // data in a 10 x 10 hull; its four windows apart hold 4 x 25.
  Axis axis = threeByThree(8);
  GroupFetches data = *groupFetches(axis, axis, 1, 2, 2, 4, 4, 4, false);
  EXPECT_EQ(data.elements, std::vector<int64_t>{64});
  EXPECT_EQ(data.fetches, 1);
  GroupFetches whole = *groupFetches(axis, axis, 1, 2, 2, 4, 4, 4, true);
  EXPECT_EQ(whole.hullRows, 10);
  EXPECT_EQ(whole.hullCols, 10);
}

TEST(InputWindows, WindowsThatDoNotOverlapComeApart) {
  // A 1x1 conv: neighbouring windows only touch, so each comes alone.
  Axis axis{8, 1, 1, 1, 8, 0, 0};
  GroupFetches data = *groupFetches(axis, axis, 1, 8, 2, 1, 4, 4, false);
  EXPECT_EQ(data.elements.size(), 4u);
  EXPECT_EQ(data.elements[0], 16);
  EXPECT_EQ(data.fetches, 16);
}

TEST(InputWindows, GroupAcrossTileRowsFetchesEachRowsRun) {
  // 12 x 12, tiles of 4 x 4 (3 x 3 of them), groups of 4: data rows 5, 6,
  // 5 by tile row; columns 5, 6, 5 by tile, 12 for all three, 9 for two.
  // Group 0: row 0 whole (5 x 12) and tile (1, 0) alone (6 x 5); group 1:
  // tiles (1, 1-2) (6 x 9) and (2, 0-1) (5 x 9); group 2: tile (2, 2).
  Axis axis = threeByThree(12);
  GroupFetches data = *groupFetches(axis, axis, 1, 3, 3, 4, 4, 4, false);
  EXPECT_EQ(data.elements, (std::vector<int64_t>{90, 99, 25}));
  EXPECT_EQ(data.fetches, 5);
}

} // namespace
} // namespace aieconv::target

//===- TileDealing.h - Which core runs which tile, in which round ---------===//
//
// Shared by the simulator, which deals the tiles to the cores, and the
// passes that need to know a tile's round. The forall's iterations are core
// tiles; the schedule
// says how the columns and the cores of a column divide them (grid.* and
// l2.loop_order keys). Each forall dimension is "channel" when the weights
// depend on it (output channels; for depthwise, the channels) and "spatial"
// otherwise. Then:
//  * the cores of a column split the channel dims when they share the input
//    (grid.core_split = share-input: same positions, different channels),
//    else the spatial dims: rows consecutive indices of those dims run side
//    by side (lane = index % rows);
//  * the columns take contiguous blocks of channel indices (column split
//    "channels") or of spatial indices (split "rows");
//  * a column walks its tiles channel-major when the loop order is
//    channels-outer or channels-outer-keep-input (the weights stay in the
//    memtile), else spatial-major.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_TILEDEALING_H
#define AIECONV_TARGET_TILEDEALING_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace aieconv::target {

struct DeviceModel;

enum class DimKind { Spatial, Channel };

struct DealRule {
  /// Iterations of every forall dimension, and what each one is.
  std::vector<int64_t> trips;
  std::vector<DimKind> kinds;
  int64_t rows = 1, columns = 1;
  bool splitChannels = false;
  bool channelsOuter = true;
  /// The cores of a column share the input and split the channel dims;
  /// else they share the weights and split the spatial dims.
  bool coresShareInput = true;
};

/// Per column, its rounds in order; each round lists the tiles (indices of
/// the iterations in the forall's row-major order) on its cores.
using Deal = std::vector<std::vector<std::vector<size_t>>>;

Deal dealTiles(const DealRule &rule);

/// The rule for a forall of `trips` iterations along dimensions of `kinds`
/// under a schedule whose text for a key `scheduleText` gives (empty when
/// absent): grid.rows and grid.columns_used (the device's by default),
/// grid.column_split, l2.loop_order and grid.core_split. A cascade's tile
/// is a column's chain, one per column and round: its rule has one row,
/// and `cascadeLinks` gets the chain's length (else 1).
DealRule dealRuleFor(std::vector<int64_t> trips, std::vector<DimKind> kinds,
                     const std::function<std::string(const char *)> &
                         scheduleText,
                     const DeviceModel &device, int64_t &cascadeLinks);

/// How a tile's round follows from its indices. Each kind's index is the
/// mixed-radix number of its dimensions' iteration numbers (the last
/// dimension fastest); the cores' kind counts its rounds in groups of
/// `rows` (the lane is the rest), the other kind by its index. The columns
/// take contiguous blocks of the column kind's round indices.
struct RoundIndexing {
  /// DimKind values: the kind the cores of a column split, and the kind
  /// the columns split.
  int coreKind = 0, columnKind = 0;
  /// Round indices of each kind, and the columns.
  int64_t sizes[2] = {1, 1};
  int64_t columns = 1;
};
RoundIndexing roundIndexing(const DealRule &rule);

/// Whether the tile whose iteration numbers along the forall's dimensions
/// are `digits` runs in the array's last round: both kinds' round indices
/// are the last its column takes, in a column of the most rounds. (Columns
/// of fewer rounds, and cores with no tile in the last round, end a round
/// earlier.)
bool inLastRound(const DealRule &rule, const std::vector<int64_t> &digits);

} // namespace aieconv::target

#endif // AIECONV_TARGET_TILEDEALING_H

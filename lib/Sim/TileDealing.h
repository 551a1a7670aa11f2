//===- TileDealing.h - Which core runs which tile, in which round ---------===//
//
// Private to lib/Sim. The forall's iterations are core tiles; the schedule
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

#ifndef AIECONV_LIB_SIM_TILEDEALING_H
#define AIECONV_LIB_SIM_TILEDEALING_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aieconv::sim::detail {

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

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_TILEDEALING_H

//===- CycleEstimate.h - The cycles half of the cost model ------*- C++ -*-===//
//
// Private to lib/Target: CostModel.cpp checks a tiling and works out its
// footprints, ColumnTraffic.cpp its DDR traffic, then they hand them here
// to be timed. The formulas are listed in aieconv/Target/CostModel.h.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_TARGET_CYCLEESTIMATE_H
#define AIECONV_LIB_TARGET_CYCLEESTIMATE_H

#include "aieconv/Target/ConvSchedule.h"
#include "aieconv/Target/DeviceModel.h"
#include "IntMath.h"

#include <cmath>
#include <cstdint>

namespace aieconv::target {

/// `bytes` times `share`, rounded up.
inline int64_t ceilScaled(int64_t bytes, double share) {
  return static_cast<int64_t>(std::ceil(static_cast<double>(bytes) * share));
}

/// What CostModel.cpp worked out about the grid that the schedule does
/// not record.
struct GridFacts {
  /// Steps one core runs one after another in a tile.
  int64_t coreSteps = 0;
  /// Cycles by which a cascade's last link trails its first.
  int64_t chainLagCycles = 0;
  /// Resident weights come piece by piece with the steps of a block's
  /// first tile, not whole before its loops.
  bool pieceByPiece = false;
  /// Memtile tiles of the whole layer, before the split over columns.
  int64_t spatialTiles = 0;
  /// Memtile tiles along the output channels, and the output channels of
  /// one (at most the padded count).
  int64_t channelTiles = 0, l2Channels = 0;
};

/// The grid's facts and what ColumnTraffic.cpp worked out about a
/// column's DDR traffic, for the timing.
struct ColumnTraffic : GridFacts {
  /// Columns fetching one copy of the input, of the weights, between them.
  int64_t inputSharers = 1;
  int64_t weightSharers = 1;
  /// Bytes one column reads from DDR and writes to it.
  int64_t read = 0;
  /// Bytes of one memtile input tile (chunk) that come from DDR: its data,
  /// not the padding.
  int64_t inputTileRead = 0;
  int64_t write = 0;
  /// The busiest column's input bytes and output bytes against the
  /// average column's (above 1 when the columns' tiles hold different
  /// shares of data).
  double inputSkew = 1.0, outputSkew = 1.0;
  /// Fetches one input load of a column takes where the windows of its
  /// cores come as their hull (0: one per slice of a core).
  int64_t inputFetches = 0;
  /// Memtile input and weight loads of one column in the chosen loop order.
  int64_t inputLoads = 0;
  int64_t weightLoads = 0;
  /// The DDR data in a column's last channel tile and in its average one,
  /// as shares of a whole tile's (below 1 where the layer's channels end
  /// inside the last tile): the items of the last tile move less than the
  /// others, so they do not take the average's pace.
  double lastChannelTileShare = 1.0, meanChannelTileShare = 1.0;
};

/// Fills `schedule.cycles` and `schedule.peakFraction` for a schedule whose
/// footprints, grid and loop order are set.
void estimateCycles(ConvSchedule &schedule, const DeviceModel &dev,
                    const ColumnTraffic &traffic);

} // namespace aieconv::target

#endif // AIECONV_LIB_TARGET_CYCLEESTIMATE_H

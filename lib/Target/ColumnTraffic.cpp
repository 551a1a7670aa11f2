//===- ColumnTraffic.cpp - A column's loop order and DDR traffic ----------===//
//
// The DMAs move the layer's data, not the padding that rounds it up to
// whole tiles (lib/Sim/BufferBoxes.h): the shares below say how much of a
// tile's window, and of its channels, is data.
//
//===----------------------------------------------------------------------===//

#include "ColumnTraffic.h"
#include "CycleEstimate.h"
#include "IntMath.h"
#include "aieconv/Target/InputWindows.h"
#include "aieconv/Target/UKernelCalls.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

namespace aieconv::target {
namespace {

/// The most amounts of data the cores' windows of one memtile buffer may
/// hold for the model to take the data alone: in a sweep of 872
/// share-weights tilings of the MobileNetV2 depthwise and the ResNet-50
/// 3x3 and stride-2 layers (npu1 and npu2, bf16 and i8), all 679 programs
/// with up to 4 sizes fit moving only the data; of the 193 with more (6
/// or 9), 114 moved whole tiles.
constexpr int64_t kWindowSizesThatFit = 4;

/// The share of input data in the windows that `tiles` tiles of
/// `tileSize` outputs each read along `axis` (the rest is padding).
double windowDataShare(const Axis &axis, int64_t tiles, int64_t tileSize) {
  int64_t data = 0;
  for (int64_t t = 0; t < tiles; ++t)
    data += axis.windowData(t, tileSize);
  const int64_t span = axis.windowSpan(tileSize);
  return tiles > 0 && span > 0
             ? static_cast<double>(data) / static_cast<double>(tiles * span)
             : 1.0;
}

/// How many sizes the input windows of the core tiles take, counting
/// only their data.
int64_t distinctWindowData(const ConvSpec &spec, const ConvSchedule &s,
                           const TileChoice &c) {
  const Axis rows = rowAxis(spec), cols = columnAxis(spec);
  std::vector<int64_t> r, w;
  for (int64_t h = 0; h < s.ohPadded / c.th; ++h)
    r.push_back(rows.windowData(h, c.th));
  for (int64_t t = 0; t < s.owPadded / c.tw; ++t)
    w.push_back(cols.windowData(t, c.tw));
  std::sort(r.begin(), r.end());
  std::sort(w.begin(), w.end());
  return (std::unique(r.begin(), r.end()) - r.begin()) *
         (std::unique(w.begin(), w.end()) - w.begin());
}

/// The busiest column's input data and kept outputs against the average
/// column's, for columns that split the rows: edge tiles hold less data,
/// and the busiest column paces the shim. Core tiles are dealt as the
/// simulator deals them (lib/Sim/TileDealing.h): each column takes a
/// contiguous run of the row-major spatial tiles, in groups of `rows`
/// tiles when its cores share the weights; with `fetched`, a group's input
/// is what its fetches move (their hulls), else its windows'.
struct ColumnSkew {
  double input = 1.0, output = 1.0;
};
ColumnSkew columnSkew(const ConvSpec &spec, const ConvSchedule &s,
                      const TileChoice &c, const GroupFetches *fetched) {
  ColumnSkew skew;
  if (c.columnSplit != ColumnSplit::Rows || s.columnsUsed < 2)
    return skew;
  const Axis rows = rowAxis(spec), cols = columnAxis(spec);
  const int64_t tilesH = s.ohPadded / c.th, tilesW = s.owPadded / c.tw;
  // Prefix sums of the data along each axis (a tile's data is its row's
  // times its column's), so that any run of tiles sums in O(1).
  std::vector<int64_t> colIn(tilesW + 1, 0), colOut(tilesW + 1, 0);
  for (int64_t w = 0; w < tilesW; ++w) {
    colIn[w + 1] = colIn[w] + cols.windowData(w, c.tw);
    colOut[w + 1] = colOut[w] + cols.kept(w, c.tw);
  }
  std::vector<int64_t> rowIn(tilesH + 1, 0), rowOut(tilesH + 1, 0);
  for (int64_t h = 0; h < tilesH; ++h) {
    rowIn[h + 1] = rowIn[h] + rows.windowData(h, c.th) * colIn[tilesW];
    rowOut[h + 1] = rowOut[h] + rows.kept(h, c.th) * colOut[tilesW];
  }
  // Data of the first `i` tiles (row-major, image after image).
  const int64_t perImage = tilesH * tilesW;
  const int64_t tiles = spec.n * perImage;
  auto upTo = [&](int64_t i, bool input) {
    const std::vector<int64_t> &byRow = input ? rowIn : rowOut;
    const std::vector<int64_t> &byCol = input ? colIn : colOut;
    const int64_t h = i % perImage / tilesW, w = i % tilesW;
    const int64_t rowData =
        input ? rows.windowData(h, c.th) : rows.kept(h, c.th);
    return i / perImage * byRow[tilesH] + byRow[h] + rowData * byCol[w];
  };
  const int64_t group = c.coreSplit == CoreSplit::ShareWeights ? c.rows : 1;
  // The input of tiles [first, end) (whole groups) where groups of tiles
  // fetch their windows together.
  auto groupsIn = [&](int64_t first, int64_t end) {
    return fetched->elementsOf(first / group, ceilDiv(end, group));
  };
  const int64_t groups = ceilDiv(tiles, group);
  int64_t busiestIn = 0, busiestOut = 0;
  for (int64_t col = 0; col < s.columnsUsed; ++col) {
    // Group g goes to column g * columns / groups.
    const int64_t first = std::min(
        tiles, ceilDiv(col * groups, s.columnsUsed) * group);
    const int64_t end = std::min(
        tiles, ceilDiv((col + 1) * groups, s.columnsUsed) * group);
    busiestIn = std::max(busiestIn, fetched
                                        ? groupsIn(first, end)
                                        : upTo(end, true) - upTo(first, true));
    busiestOut = std::max(busiestOut, upTo(end, false) - upTo(first, false));
  }
  const int64_t allIn = fetched ? groupsIn(0, tiles) : upTo(tiles, true);
  const int64_t allOut = upTo(tiles, false);
  if (allIn > 0)
    skew.input = static_cast<double>(busiestIn * s.columnsUsed) / allIn;
  if (allOut > 0)
    skew.output = static_cast<double>(busiestOut * s.columnsUsed) / allOut;
  return skew;
}

} // namespace

bool priceColumnTraffic(ConvSchedule &s, const TileChoice &c,
                        const DeviceModel &dev, const GridFacts &grid,
                        std::string *whyNot) {
  const ConvSpec &spec = s.spec;
  const bool depthwise = spec.op == ConvOp::DepthwiseNhwcHwc;
  const bool shareWeights = c.coreSplit == CoreSplit::ShareWeights;
  const int64_t icP = s.icPadded, oh = spec.oh(), ow = spec.ow();
  const int64_t channelTiles = grid.channelTiles;
  const int64_t l2Channels = grid.l2Channels;

  // The loop order of a column: the operand of the outer loop is loaded
  // once per outer iteration, the other one every round (depthwise input
  // belongs to one channel block, so it is loaded every round either way).
  // An operand loaded more than once per column is double-buffered so the
  // shim fetches the next one meanwhile; one loaded once needs one buffer.
  // Take the order with less DDR traffic among those that fit.
  // With the reduction in chunks every chunk is loaded once per round and
  // nothing stays across rounds, except weights that stay in L1.
  const int64_t sc = s.spatialTilesPerColumn, oc = s.channelTilesPerColumn;
  const int64_t chunks = s.l2Chunks;
  // The columns walk their tiles in step, so when they split the channels
  // they read the same input tile at the same time (not for depthwise,
  // whose input follows the channels), and when they split the rows the
  // same weights: that operand is fetched once for all columns, each
  // column's shim taking its turn, and broadcast to their cores.
  const int64_t inputSharers =
      c.columnSplit == ColumnSplit::Channels && !depthwise ? s.columnsUsed : 1;
  const int64_t weightSharers =
      c.columnSplit == ColumnSplit::Rows ? s.columnsUsed : 1;
  const bool columnsInStep = c.columnSplit == ColumnSplit::Rows
                                 ? grid.spatialTiles % s.columnsUsed == 0
                                 : channelTiles % s.columnsUsed == 0;
  // Cores that share the weights run consecutive tiles side by side, whose
  // windows overlap by the halo: the memtile fetches them as their hull,
  // unless the windows are shared with other columns (a conv's columns
  // that split the channels), whose shims fetch them one each.
  // (Not the seed's tiling: the design it stands for fetches each core's
  // window.)
  const bool hullFetches = s.strategy != Strategy::Seed && shareWeights &&
                           c.rows > 1 &&
                           (depthwise || c.columnSplit == ColumnSplit::Rows);
  std::shared_ptr<const GroupFetches> fetched, wholeFetched;
  if (hullFetches) {
    auto fetch = [&](bool whole) {
      return groupFetches(rowAxis(spec), columnAxis(spec), spec.n,
                          s.ohPadded / c.th, s.owPadded / c.tw, c.th, c.tw,
                          c.rows, whole);
    };
    fetched = fetch(false);
    wholeFetched = fetch(true);
  }
  // The memtile takes only the input's data from DDR, not the padding
  // around it and up to whole tiles: it pads its transfers to the cores.
  // But where each core's window is a region of one memtile buffer, each
  // amount of data its windows (or their hulls) hold takes buffer
  // descriptors of its own; with too many, the program needs more than a
  // memtile holds and then moves whole input tiles
  // (lib/Sim/BufferDescriptors.h). The model does not count descriptors,
  // so beyond kWindowSizesThatFit sizes it assumes whole tiles.
  const bool assumeWholeInput =
      fetched ? fetched->sizes > kWindowSizesThatFit
              : shareWeights && c.rows > 1 &&
                    distinctWindowData(spec, s, c) > kWindowSizesThatFit;
  const int64_t inputChannelBytes =
      (depthwise ? l2Channels : s.l2IcBlock) *
      kernels::byteWidth(inputElemType(spec.type));
  s.l2InputHull = false;
  if (fetched) {
    if (assumeWholeInput)
      fetched = wholeFetched;
    // The memtile buffer holds the largest group's fetches.
    s.l2.inputBytes = wholeFetched->largest * inputChannelBytes;
    s.l2InputHull = fetched->fetches < spec.n * (s.ohPadded / c.th) *
                                           (s.owPadded / c.tw);
    if (wholeFetched->hullRows > 0) {
      s.l2InRows = wholeFetched->hullRows;
      s.l2InCols = wholeFetched->hullCols;
    }
  }
  // Cores that share the weights each hold their own window (the memtile
  // stages a copy per core tile), so the share is over the core tiles'.
  const int64_t rowTile = shareWeights ? c.th : s.l2OutRows;
  const double dataShare =
      assumeWholeInput
          ? 1.0
          : windowDataShare(rowAxis(spec), s.ohPadded / rowTile, rowTile) *
                windowDataShare(columnAxis(spec), s.owPadded / c.tw, c.tw);
  // Likewise along the channels, where each column walks every channel
  // tile: the channels the last tile has beyond the layer's are not in
  // DDR. (Columns that split the channels are paced by one of whole
  // tiles.) Where the layer's channels span several blocks of their
  // relayout (s input and t output channels, a depthwise ukernel's
  // lanes), the DMAs move the padding of the last block with them
  // (lib/Sim/BufferBoxes.h); the output, only the layer's channels.
  const bool walksAllChannels = c.columnSplit == ColumnSplit::Rows;
  const PaddedChannels padded = paddedChannels(spec, s.device);
  auto moved = [](int64_t channels, int64_t block) {
    return channels <= block ? channels : roundUp(channels, block);
  };
  auto channelTileShare = [&](int64_t channels) {
    return walksAllChannels ? static_cast<double>(channels) /
                                  static_cast<double>(channelTiles * l2Channels)
                            : 1.0;
  };
  const double outChannelShare = channelTileShare(spec.oc);
  const double inChannelShare =
      depthwise ? channelTileShare(moved(spec.ic, padded.icStep))
      : walksAllChannels ? static_cast<double>(moved(spec.ic, padded.icStep)) /
                               static_cast<double>(icP)
                         : 1.0;
  const double weightChannelShare =
      depthwise ? inChannelShare
                : inChannelShare *
                      channelTileShare(moved(spec.oc, padded.ocStep));
  const int64_t inputTileRead =
      fetched ? ceilScaled(inputChannelBytes,
                           inChannelShare *
                               static_cast<double>(fetched->elementsOf(
                                   0, fetched->groups())) /
                               static_cast<double>(fetched->groups()))
              : ceilScaled(s.l2.inputBytes, dataShare * inChannelShare);
  if (c.inputKept && !(columnsInStep && oc > 1))
    return reject(whyNot, [] {
      return "keepin=1 needs several output-channel blocks per column, "
             "and columns holding as many tiles each";
    });
  auto buffersFor = [](int64_t loads) -> int64_t { return loads > 1 ? 2 : 1; };
  bool found = false;
  int64_t columnRead = 0, columnWeightLoads = 0, columnInputLoads = 0;
  int64_t fewestL2Bytes = std::numeric_limits<int64_t>::max();
  for (LoopOrder order : {LoopOrder::ChannelsOuter, LoopOrder::SpatialOuter,
                          LoopOrder::ChannelsOuterKeepInput}) {
    // Resident L1 weights need the channel block fixed across rounds.
    if (c.weightsResident && order == LoopOrder::SpatialOuter)
      continue;
    const bool channelsOuter = order != LoopOrder::SpatialOuter;
    // Kept, every input tile (every chunk of it) has a memtile buffer of
    // its own and comes once (a gain with several channel blocks).
    // Depthwise input follows the channels. Only for columns that hold as
    // many tiles each: the shim's input no longer paces a column, and one
    // that runs ahead would fetch its next channel block while the others
    // still need theirs.
    const bool keepInput = order == LoopOrder::ChannelsOuterKeepInput &&
                           !depthwise && columnsInStep && oc > 1;
    if (!keepInput && order == LoopOrder::ChannelsOuterKeepInput)
      continue;
    // A core keeps its input in L1 across the channel blocks that its
    // column walks one after the other on the same pixels: with one
    // spatial tile per column, in the keep-input order (the memtile keeps
    // the input too); with several, only with spatial tiles outer, where
    // the L1 input of each comes once (in the other orders the column's
    // next round is another spatial tile, whose input replaces it).
    const bool l1KeepsInput =
        c.inputKept &&
        (sc == 1 ? keepInput : order == LoopOrder::SpatialOuter);
    if (c.inputKept && !l1KeepsInput)
      continue;
    int64_t inLoads = channelsOuter || depthwise ? sc * oc : sc;
    int64_t wLoads = channelsOuter ? oc : sc * oc;
    if (chunks > 1) {
      inLoads = sc * oc * chunks;
      wLoads = (c.weightsResident ? oc : sc * oc) * chunks;
    }
    // What L1 keeps, the memtile need not fetch again.
    if (keepInput || l1KeepsInput)
      inLoads = sc * chunks;
    L2Usage usage = s.l2;
    usage.inputBuffers = keepInput ? inLoads : buffersFor(inLoads);
    usage.weightBuffers = buffersFor(wLoads);
    usage.outputBuffers = buffersFor(s.rounds);
    fewestL2Bytes = std::min(fewestL2Bytes, usage.total());
    if (usage.total() > dev.memtileBytes)
      continue;
    const int64_t inputRead =
        ceilDiv(inLoads * inputTileRead, inputSharers);
    int64_t read =
        inputRead +
        ceilDiv(ceilScaled(wLoads * usage.weightBytes, weightChannelShare),
                weightSharers);
    if (found && read >= columnRead)
      continue;
    found = true;
    columnRead = read;
    columnWeightLoads = wLoads;
    columnInputLoads = inLoads;
    s.loopOrder = order;
    s.l2 = usage;
  }
  if (!found)
    return reject(whyNot, [&] {
      return "memtile needs at least " + str(fewestL2Bytes) +
             " bytes (the fewest of the loop orders, what it loads more "
             "than once double-buffered), more than " +
             str(dev.memtileBytes);
    });
  // The DMA writes to DDR only the pixels the layer keeps, not the
  // padding that rounds it up to whole tiles.
  const int64_t columnWrite = ceilScaled(
      ceilDiv(s.rounds * s.l2.outputBytes * oh * ow, s.ohPadded * s.owPadded),
      outChannelShare);
  s.ddrBytes = s.columnsUsed * (columnRead + columnWrite);

  ColumnTraffic traffic;
  static_cast<GridFacts &>(traffic) = grid;
  traffic.inputSharers = inputSharers;
  traffic.weightSharers = weightSharers;
  traffic.read = columnRead;
  traffic.inputTileRead = inputTileRead;
  traffic.write = columnWrite;
  traffic.weightLoads = columnWeightLoads;
  traffic.inputLoads = columnInputLoads;
  if (walksAllChannels) {
    const int64_t lastTileChannels = spec.oc - (channelTiles - 1) * l2Channels;
    traffic.lastChannelTileShare =
        static_cast<double>(lastTileChannels) / static_cast<double>(l2Channels);
    traffic.meanChannelTileShare = outChannelShare;
  }
  const ColumnSkew skew =
      columnSkew(spec, s, c, fetched.get());
  if (fetched)
    traffic.inputFetches =
        ceilDiv(fetched->fetches, fetched->groups());
  traffic.inputSkew = assumeWholeInput ? 1.0 : skew.input;
  traffic.outputSkew = skew.output;
  if (c.lastStepParts > 1 && lastStepPartCycles(s, c.lastStepParts) == 0)
    return reject(whyNot, [&] {
      return "last=" + str(c.lastStepParts) +
             " splits only a conv-patch call on a core of its own whose "
             "toc is a multiple of last x t, in one reduction loop";
    });
  estimateCycles(s, dev, traffic);
  return true;
}

} // namespace aieconv::target

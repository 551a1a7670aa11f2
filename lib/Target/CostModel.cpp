//===- CostModel.cpp - Pricing a tiling of one conv -----------------------===//
//
// The rules and footprints of one strategy + TileChoice, and the DDR
// traffic of its loop order; CycleEstimate.cpp times it. The formulas are
// listed in CostModel.h.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Target/CostModel.h"
#include "CycleEstimate.h"
#include "aieconv/Target/UKernelCalls.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace aieconv::target {

using kernels::MicroTile;

namespace {

int64_t roundUp(int64_t a, int64_t b) { return ceilDiv(a, b) * b; }

/// Distinct input indices that `count` consecutive outputs read along one
/// axis through `taps` taps: {i stride + j dilation}. DMAs skip the rest (a
/// 1x1 stride-2 conv reads every other row), so this is what gets moved.
int64_t indicesTouched(int64_t count, int64_t taps, int64_t stride,
                       int64_t dilation) {
  int64_t span = (count - 1) * stride + (taps - 1) * dilation + 1;
  if (taps == 1)
    return count;
  if (dilation == 1 && stride <= taps)
    return span;
  if (stride == 1 && count >= dilation)
    return span;
  std::vector<bool> used(static_cast<size_t>(span), false);
  for (int64_t i = 0; i < count; ++i)
    for (int64_t j = 0; j < taps; ++j)
      used[static_cast<size_t>(i * stride + j * dilation)] = true;
  return static_cast<int64_t>(std::count(used.begin(), used.end(), true));
}

/// Reports a rule broken by a candidate; builds the message only on demand,
/// because the search asks millions of times and never reads it.
template <typename MakeReason>
bool reject(std::string *whyNot, MakeReason makeReason) {
  if (whyNot)
    *whyNot = makeReason();
  return false;
}

std::string str(int64_t value) { return std::to_string(value); }

/// One axis of a layer for the data its tiles hold: `in` input indices, of
/// which those the input carries as zeros (`zeros`, split between its
/// ends) hold none, padded by `pad` on each side by the conv.
struct Axis {
  int64_t outputs, stride, dilation, taps, in, pad, zeros;

  /// Input indices holding data in the window of tile `t` of `tileSize`
  /// outputs.
  int64_t windowData(int64_t t, int64_t tileSize) const {
    const int64_t first = zeros / 2, last = in - (zeros - zeros / 2);
    const int64_t start = t * tileSize * stride - pad;
    return std::max<int64_t>(
        0, std::min(start + windowSpan(tileSize), last) -
               std::max(start, first));
  }
  int64_t windowSpan(int64_t tileSize) const {
    return (tileSize - 1) * stride + (taps - 1) * dilation + 1;
  }
  /// Outputs the layer keeps of tile `t`.
  int64_t kept(int64_t t, int64_t tileSize) const {
    return std::clamp<int64_t>(outputs - t * tileSize, 0, tileSize);
  }
};

Axis rowAxis(const ConvSpec &spec) {
  return {spec.oh(), spec.sh, spec.dh, spec.kh, spec.ih, spec.ph,
          spec.zeroRows};
}
Axis columnAxis(const ConvSpec &spec) {
  return {spec.ow(), spec.sw, spec.dw, spec.kw, spec.iw, spec.pw,
          spec.zeroCols};
}

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
/// tiles when its cores share the weights.
struct ColumnSkew {
  double input = 1.0, output = 1.0;
};
ColumnSkew columnSkew(const ConvSpec &spec, const ConvSchedule &s,
                      const TileChoice &c) {
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
  const int64_t groups = ceilDiv(tiles, group);
  int64_t busiestIn = 0, busiestOut = 0;
  for (int64_t col = 0; col < s.columnsUsed; ++col) {
    // Group g goes to column g * columns / groups.
    const int64_t first = std::min(
        tiles, ceilDiv(col * groups, s.columnsUsed) * group);
    const int64_t end = std::min(
        tiles, ceilDiv((col + 1) * groups, s.columnsUsed) * group);
    busiestIn = std::max(busiestIn, upTo(end, true) - upTo(first, true));
    busiestOut = std::max(busiestOut, upTo(end, false) - upTo(first, false));
  }
  const int64_t allIn = upTo(tiles, true), allOut = upTo(tiles, false);
  if (allIn > 0)
    skew.input = static_cast<double>(busiestIn * s.columnsUsed) / allIn;
  if (allOut > 0)
    skew.output = static_cast<double>(busiestOut * s.columnsUsed) / allOut;
  return skew;
}

} // namespace

int64_t l2FillPieces(int64_t bytes) {
  return std::clamp<int64_t>(bytes / kL2FillPieceMinBytes, 1, kL2FillPieces);
}

int64_t dmaTransferCycles(int64_t bytes, int64_t bytesPerCycle) {
  return kDmaTransferOverheadCycles + ceilDiv(bytes, bytesPerCycle);
}

bool evaluateTilingInto(ConvSchedule &s, kernels::Device device,
                        Strategy strategy, const TileChoice &c,
                        std::string *whyNot) {
  const ConvSpec &spec = s.spec;
  // Cleared first: an L1 of zero tells the search that the sizes, not the
  // grid, were refused.
  s.l1 = L1Usage{};
  const DeviceModel &dev = getDeviceModel(device);
  const kernels::MatmulVariant *variant = convVariant(device, spec.type);
  if (!variant)
    return reject(whyNot, [] { return "no ukernel variant for this type"; });
  if (strategy == Strategy::Auto)
    return reject(whyNot, [] { return "auto is not a concrete strategy"; });
  const int64_t oh = spec.oh(), ow = spec.ow();
  if (spec.n < 1 || oh < 1 || ow < 1 || spec.ic < 1 || spec.oc < 1 ||
      spec.kh < 1 || spec.kw < 1 || spec.sh < 1 || spec.sw < 1 || spec.dh < 1 ||
      spec.dw < 1)
    return reject(whyNot, [] { return "the conv has an empty dimension"; });

  const MicroTile mt = variant->tile;
  const bool depthwise = spec.op == ConvOp::DepthwiseNhwcHwc;
  const bool seed = strategy == Strategy::Seed;
  const bool patch = strategy == Strategy::Im2colL1;
  const int64_t inBytes = kernels::byteWidth(inputElemType(spec.type));
  const int64_t accBytes = kernels::byteWidth(accElemType(spec.type));
  const int64_t taps = spec.kh * spec.kw;

  const PaddedChannels padded = paddedChannels(spec, device);
  if (padded.ocStep == 0)
    return reject(whyNot, [] { return "no ukernel for this type"; });
  const int64_t channelStep = padded.ocStep;
  const int64_t icP = padded.ic, ocP = padded.oc;
  const int64_t icb = depthwise ? c.toc : c.icb;
  if (c.th < 1 || c.tw < 1 || c.toc < 1 || icb < 1)
    return reject(whyNot, [] { return "tile sizes must be positive"; });
  const bool joinsRows = patch && joinsPixelRows(spec);
  if (c.tw % mt.r != 0 && !(joinsRows && (c.th * c.tw) % mt.r == 0))
    return reject(whyNot, [&] {
      return "tw=" + str(c.tw) + " is not a multiple of r=" + str(mt.r) +
             (joinsRows ? ", nor th x tw" : "");
    });
  if (c.toc % channelStep != 0 || ocP % c.toc != 0)
    return reject(whyNot, [&] {
      return "toc=" + str(c.toc) + " must be a multiple of " +
             str(channelStep) + " dividing the padded oc " + str(ocP);
    });
  if (!depthwise && (icb % mt.s != 0 || icP % icb != 0))
    return reject(whyNot, [&] {
      return "icb=" + str(icb) + " must be a multiple of s=" + str(mt.s) +
             " dividing the padded ic " + str(icP);
    });
  if (c.rows < 1 || c.rows > dev.coreRows || c.columns < 1 ||
      c.columns > dev.columns)
    return reject(whyNot, [&] {
      return "core grid " + str(c.columns) + "x" + str(c.rows) +
             " exceeds the device";
    });
  if (c.accBuffers < 1 || c.accBuffers > 2)
    return reject(whyNot, [] { return "accBuffers must be 1 or 2"; });

  s.device = device;
  s.requested = strategy;
  s.strategy = strategy;
  s.microTile = mt;
  s.tile = c;
  s.tile.icb = icb;
  s.icPadded = icP;
  s.ocPadded = ocP;
  s.ohPadded = roundUp(oh, c.th);
  s.owPadded = roundUp(ow, c.tw);
  s.ihPadded = std::max(spec.ih + 2 * spec.ph, (s.ohPadded - 1) * spec.sh +
                                                   (spec.kh - 1) * spec.dh + 1);
  s.iwPadded = std::max(spec.iw + 2 * spec.pw, (s.owPadded - 1) * spec.sw +
                                                   (spec.kw - 1) * spec.dw + 1);
  s.tapsPerCall = patch ? taps : 1;
  s.icBlocks = depthwise ? 1 : icP / icb;
  s.stepsPerTile = (patch ? 1 : taps) * s.icBlocks;
  s.doubleBuffered = !seed;
  const bool cascade = c.coreSplit == CoreSplit::Cascade;
  if (cascade && (!patch || depthwise))
    return reject(whyNot, [&] {
      return std::string(depthwise ? "a depthwise conv has no input-channel "
                                     "reduction to chain over a cascade"
                                   : "a cascade splits the reduction of "
                                     "im2col-l1 conv calls, not " +
                                         std::string(toString(strategy)));
    });
  if (cascade && (c.rows < 2 || s.icBlocks != c.rows ||
                  (c.l2IcBlock != 0 && c.l2IcBlock != icb)))
    return reject(whyNot, [&] {
      const int64_t block = icP / std::max<int64_t>(c.rows, 1);
      return "a cascade of " + str(c.rows) + " cores takes one ic block " +
             "each: icb=" + str(block) + ", the memtile holding all " +
             str(icP) + " input channels (l2icb=0) or a block per core (" +
             "l2icb=" + str(block) + ")";
    });
  s.cascadeLinks = cascade ? c.rows : 1;
  // Steps one core runs one after another.
  const int64_t coreSteps = s.stepsPerTile / s.cascadeLinks;

  // The call.
  const int64_t m = c.th * c.tw, n = c.toc;
  s.call.kind = depthwise ? CallKind::DepthwiseVector
                : patch   ? CallKind::ConvPatch
                          : CallKind::Matmul;
  s.call.m = m;
  s.call.n = n;
  s.call.k = depthwise ? s.tapsPerCall : s.tapsPerCall * icb;
  const kernels::UKernelCost callCost = ukernelCallCost(s, whyNot);
  s.call.cycles = callCost.cycles;
  if (s.call.cycles == 0)
    return false;
  // A chain runs in step, a register block apart: its last link ends
  // (links - 1) blocks after the first.
  const int64_t chainLagCycles =
      (s.cascadeLinks - 1) * ceilDiv(callCost.cycles,
                                     std::max<int64_t>(callCost.blocks, 1));

  // L1 of one core.
  // The conv and depthwise ukernels read a dense patch with its halo.
  s.l1InRows =
      patch ? (c.th - 1) * spec.sh + (spec.kh - 1) * spec.dh + 1 : c.th;
  s.l1InCols =
      patch ? (c.tw - 1) * spec.sw + (spec.kw - 1) * spec.dw + 1 : c.tw;
  s.l1.inputBytes = s.l1InRows * s.l1InCols * icb * inBytes;
  // Resident: every weight of the channel tile, or in a cascade the core's
  // own ic block of them.
  s.l1.weightBytes =
      c.weightsResident
          ? taps * (depthwise ? 1 : icP / s.cascadeLinks) * n * inBytes
          : s.tapsPerCall * (depthwise ? 1 : icb) * n * inBytes;
  s.l1.accBytes = m * n * accBytes;
  if (seed && c.weightsResident)
    return reject(whyNot, [] { return "the seed tiling keeps no weights"; });
  // A kept input tile holds every step's slab, one buffer each.
  s.l1.inputBuffers = seed ? 1 : c.inputKept ? coreSteps : 2;
  s.l1.weightBuffers = seed || c.weightsResident ? 1 : 2;
  s.l1.accBuffers = c.accBuffers;
  if (s.l1.total() > dev.coreL1UsableBytes())
    return reject(whyNot, [&] {
      return "L1 needs " + str(s.l1.total()) + " bytes, more than the " +
             str(dev.coreL1UsableBytes()) + " usable";
    });

  // The input is kept slab by slab, as the reduction loop walks it. Checked
  // after L1, so that the search tries the other grids of sizes that fit.
  if (c.inputKept && (!patch || c.weightsResident || cascade || depthwise ||
                      coreSteps < 2 || c.coreSplit != CoreSplit::ShareInput ||
                      c.columnSplit != ColumnSplit::Rows))
    return reject(whyNot, [] {
      return "keepin=1 needs strategy im2col-l1, cores=share-input, "
             "split=rows and a reduction loop of several steps, without "
             "resident weights, a cascade or depthwise";
    });

  // The memtile tile of one column and round.
  const bool shareInput = c.coreSplit == CoreSplit::ShareInput;
  const bool shareWeights = c.coreSplit == CoreSplit::ShareWeights;
  s.l2OutRows = shareWeights ? c.rows * c.th : c.th;
  s.l2OutCols = c.tw;
  s.l2OutChannels = shareInput ? c.rows * c.toc : c.toc;
  const int64_t l2Channels = std::min(s.l2OutChannels, ocP);
  // The memtile stages each core tile's input with its own halo (a copy
  // per core tile): cores that split the rows (ShareWeights) each hold the
  // rows their windows touch, the halo between them once per core.
  s.l2InRows =
      shareWeights
          ? c.rows * indicesTouched(c.th, spec.kh, spec.sh, spec.dh)
          : indicesTouched(s.l2OutRows, spec.kh, spec.sh, spec.dh);
  s.l2InCols = indicesTouched(c.tw, spec.kw, spec.sw, spec.dw);
  s.l2IcBlock = depthwise || c.l2IcBlock == 0 ? icP : c.l2IcBlock;
  if (s.l2IcBlock % icb != 0 || icP % s.l2IcBlock != 0)
    return reject(whyNot, [&] {
      return "l2IcBlock=" + str(s.l2IcBlock) + " must be a multiple of icb " +
             "dividing the padded ic " + str(icP);
    });
  s.l2Chunks = icP / s.l2IcBlock;
  s.l2.inputBytes = s.l2InRows * s.l2InCols *
                    (depthwise ? l2Channels : s.l2IcBlock) * inBytes;
  s.l2.weightBytes =
      taps * (depthwise ? 1 : s.l2IcBlock) * l2Channels * inBytes;
  s.l2.outputBytes = s.l2OutRows * c.tw * l2Channels * accBytes;

  // DMA channels: the memtile sends the broadcast operand on one stream (on
  // two when resident weights free the cores' second channel) plus one
  // stream per core for the other, and receives one stream per core plus
  // the shim's inputs.
  // A cascade's cores each get their own input block and weights, one
  // stream each, slab after slab.
  // A kept input frees the cores' channels after the first channel block:
  // input and weights each come on both, every column's memtile sending
  // the weights of its share of the rows (split=rows deals them).
  s.inputChannels = (c.weightsResident || c.inputKept) && shareInput ? 2 : 1;
  s.weightChannels = c.inputKept ? dev.coreDma.s2mm : 1;
  // Each kept slab's parts keep a buffer descriptor of the core's DMA, as
  // do the weights' parts and the drain.
  const int64_t keptDescriptors =
      coreSteps * s.inputChannels + s.weightChannels + 1;
  if (c.inputKept && keptDescriptors > dev.coreBufferDescriptors)
    return reject(whyNot, [&] {
      return "keepin=1 needs " + str(keptDescriptors) +
             " buffer descriptors of the core's DMA, more than its " +
             str(dev.coreBufferDescriptors);
    });
  const int64_t memtileMm2s =
      c.rows == 1    ? 2
      : cascade      ? c.rows
      : c.inputKept  ? s.inputChannels +
                          s.weightChannels * ceilDiv(c.rows, c.columns)
                     : (shareInput ? s.inputChannels : 1) + c.rows;
  int64_t memtileS2mm = c.rows + dev.shimDma.mm2s;
  if (memtileMm2s > dev.memtileDma.mm2s || memtileS2mm > dev.memtileDma.s2mm ||
      dev.coreDma.s2mm < 2 || dev.coreDma.mm2s < 1)
    return reject(whyNot, [] { return "not enough DMA channels"; });

  // The grid: memtile tiles, split over columns.
  const int64_t spatialTiles =
      spec.n * ceilDiv(oh, s.l2OutRows) * ceilDiv(ow, c.tw);
  const int64_t channelTiles = ceilDiv(ocP, s.l2OutChannels);
  if (c.columnSplit == ColumnSplit::Rows) {
    s.spatialTilesPerColumn = ceilDiv(spatialTiles, c.columns);
    s.channelTilesPerColumn = channelTiles;
    s.columnsUsed = std::min(c.columns, spatialTiles);
  } else {
    s.spatialTilesPerColumn = spatialTiles;
    s.channelTilesPerColumn = ceilDiv(channelTiles, c.columns);
    s.columnsUsed = std::min(c.columns, channelTiles);
  }
  s.rounds = s.spatialTilesPerColumn * s.channelTilesPerColumn;
  // Resident weights that one loop walks come piece by piece with the
  // steps of a block's first tile, each piece on both core channels; those
  // nested loops walk (taps) come whole before the loops, in slabs of whole
  // steps, as a block of a single step does (PromoteOperands). Piece by
  // piece, a block that serves a single tile is only streamed weights on
  // more channels.
  const int64_t walkingLoops = (!patch && spec.kh > 1) +
                               (!patch && spec.kw > 1) + (s.icBlocks > 1);
  const bool pieceByPiece = c.weightsResident && walkingLoops == 1;
  if (pieceByPiece && s.spatialTilesPerColumn == 1)
    return reject(whyNot, [] {
      return "resident weights would serve a single tile per block";
    });
  s.callsPerCore = s.rounds * coreSteps;
  // Resident weights change with the channel block; a second buffer, where
  // L1 has room, lets the next block load while this one computes.
  if (c.weightsResident && s.channelTilesPerColumn > 1 &&
      s.l1.total() + s.l1.weightBytes <= dev.coreL1UsableBytes())
    s.l1.weightBuffers = 2;

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
                                 ? spatialTiles % s.columnsUsed == 0
                                 : channelTiles % s.columnsUsed == 0;
  // The memtile takes only the input's data from DDR, not the padding
  // around it and up to whole tiles: it pads its transfers to the cores.
  // But where each core's window is a region of one memtile buffer, one
  // buffer descriptor fills them all only at one size; with windows that
  // hold different amounts of data, the program often needs more than a
  // memtile holds and then moves whole input tiles (lib/Sim/
  // BufferDescriptors.h). The model cannot count descriptors, so it
  // assumes whole tiles there: pessimistic where they fit, but the search
  // no longer picks tilings that the simulator finds 30-40% slower than
  // estimated (lib/Sim/README.md).
  const bool assumeWholeInput = shareWeights && c.rows > 1 &&
                                distinctWindowData(spec, s, c) > 1;
  const double dataShare =
      assumeWholeInput
          ? 1.0
          : windowDataShare(rowAxis(spec), s.ohPadded / s.l2OutRows,
                            s.l2OutRows) *
                windowDataShare(columnAxis(spec), s.owPadded / c.tw, c.tw);
  // Likewise along the channels, where each column walks every channel
  // tile: the padded channels, and those the last tile has beyond the
  // layer's, are not in DDR. (Columns that split the channels are paced by
  // one of whole tiles.)
  const bool walksAllChannels = c.columnSplit == ColumnSplit::Rows;
  const double outChannelShare =
      walksAllChannels ? static_cast<double>(spec.oc) /
                             static_cast<double>(channelTiles * l2Channels)
                       : 1.0;
  const double inChannelShare =
      depthwise ? outChannelShare
      : walksAllChannels
          ? static_cast<double>(spec.ic) / static_cast<double>(icP)
          : 1.0;
  const double weightChannelShare =
      depthwise ? outChannelShare : inChannelShare * outChannelShare;
  const int64_t inputTileRead =
      ceilScaled(s.l2.inputBytes, dataShare * inChannelShare);
  if (c.inputKept && !(columnsInStep && oc > 1))
    return reject(whyNot, [] {
      return "keepin=1 needs the keep-input order: several output-channel "
             "blocks per column, and columns holding as many tiles each";
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
    // A kept L1 input needs the memtile to keep it too.
    if (!keepInput &&
        (order == LoopOrder::ChannelsOuterKeepInput || c.inputKept))
      continue;
    int64_t inLoads = channelsOuter || depthwise ? sc * oc : sc;
    int64_t wLoads = channelsOuter ? oc : sc * oc;
    if (chunks > 1) {
      inLoads = sc * oc * chunks;
      wLoads = (c.weightsResident ? oc : sc * oc) * chunks;
    }
    if (keepInput)
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
  traffic.coreSteps = coreSteps;
  traffic.chainLagCycles = chainLagCycles;
  traffic.pieceByPiece = pieceByPiece;
  traffic.spatialTiles = spatialTiles;
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
    traffic.meanChannelTileShare =
        static_cast<double>(spec.oc) /
        static_cast<double>(channelTiles * l2Channels);
  }
  const ColumnSkew skew = columnSkew(spec, s, c);
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

bool joinsPixelRows(const ConvSpec &spec) {
  return spec.op != ConvOp::DepthwiseNhwcHwc && spec.kh == 1 &&
         spec.kw == 1 && spec.sh == 1 && spec.sw == 1;
}

std::optional<ConvSchedule>
evaluateTiling(const ConvSpec &spec, kernels::Device device, Strategy strategy,
               const TileChoice &choice, std::string *whyNot) {
  ConvSchedule schedule;
  schedule.spec = spec;
  if (!evaluateTilingInto(schedule, device, strategy, choice, whyNot))
    return std::nullopt;
  schedule.call.symbol = ukernelSymbol(schedule);
  return schedule;
}

} // namespace aieconv::target

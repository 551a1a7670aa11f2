//===- CostModel.cpp - Pricing a tiling of one conv -----------------------===//
//
// The rules, footprints and grid of one strategy + TileChoice;
// ColumnTraffic.cpp picks the loop order and prices its DDR traffic, and
// CycleEstimate.cpp times it. The formulas are listed in CostModel.h.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Target/CostModel.h"
#include "ColumnTraffic.h"
#include "CycleEstimate.h"
#include "aieconv/Target/UKernelCalls.h"

#include <algorithm>
#include <vector>

namespace aieconv::target {

using kernels::MicroTile;

namespace {

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

  // The grid: memtile tiles, split over columns. Cores that share the
  // weights run `rows` consecutive core tiles of the row-major order side by
  // side, as the simulator deals them (TileDealing.h): a memtile tile is
  // such a group, whichever rows and columns of tiles it spans, and an
  // image of fewer tile rows than cores does not leave cores idle.
  const int64_t coreSpatialTiles =
      spec.n * ceilDiv(oh, c.th) * ceilDiv(ow, c.tw);
  const int64_t spatialTiles =
      shareWeights ? ceilDiv(coreSpatialTiles, c.rows) : coreSpatialTiles;
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

  // Then a column's loop order and what it moves to and from DDR.
  GridFacts grid;
  grid.spatialTiles = spatialTiles;
  grid.channelTiles = channelTiles;
  grid.l2Channels = l2Channels;
  grid.coreSteps = coreSteps;
  grid.chainLagCycles = chainLagCycles;
  grid.pieceByPiece = pieceByPiece;
  return priceColumnTraffic(s, c, dev, grid, whyNot);
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

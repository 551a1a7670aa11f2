//===- CycleEstimate.cpp - The cycles half of the cost model --------------===//
//
// Times a tiling whose footprints and traffic CostModel.cpp and
// ColumnTraffic.cpp worked out: the cores' tiles, the shim's traffic, the
// waits for resident weights, and the pipeline of memtile chunks through
// them; the formulas are listed in aieconv/Target/CostModel.h.
//
//===----------------------------------------------------------------------===//

#include "CycleEstimate.h"

#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/TransferTiming.h"
#include "aieconv/Target/UKernelCalls.h"

#include <algorithm>
#include <cmath>

namespace aieconv::target {

namespace {

/// Times one schedule stage by stage: each step fills its part of the
/// schedule's CycleEstimate and the members the later steps read.
class CycleEstimator {
public:
  CycleEstimator(ConvSchedule &schedule, const DeviceModel &dev,
                 const ColumnTraffic &traffic)
      : s(schedule), c(schedule.tile), e(schedule.cycles), dev(dev),
        t(traffic), depthwise(s.spec.op == ConvOp::DepthwiseNhwcHwc),
        cascade(c.coreSplit == CoreSplit::Cascade),
        shareInput(c.coreSplit == CoreSplit::ShareInput),
        shareWeights(c.coreSplit == CoreSplit::ShareWeights),
        coreInputs(shareWeights || depthwise ? c.rows : 1),
        inputSlices(t.inputFetches > 0 ? t.inputFetches : coreInputs),
        weightSlices(shareInput ? c.rows : 1),
        stream(dev.streamBytesPerCycle),
        memtileToCores(dev.memtileDma.mm2s - dev.shimDma.s2mm),
        shimIn(dev.shimDma.mm2s * dev.shimBytesPerCycle),
        shimOut(dev.shimDma.s2mm * dev.shimBytesPerCycle),
        items(s.rounds * s.l2Chunks),
        // Every column fills at once, sharing DDR: a column gets its shim's
        // rate or its share of the DDR bandwidth, whichever is less.
        fillRate(std::min(shimIn, dev.ddrBytesPerCycle / s.columnsUsed)),
        blockFetchers(cascade ? 1 : traffic.weightSharers),
        inputRead(ceilDiv(traffic.inputLoads * traffic.inputTileRead,
                          traffic.inputSharers)),
        // The weights the first step waits for: a resident block that comes
        // whole, every chunk of it; else the first chunk. A cascade waits
        // for its whole block, which one memtile holds for every column
        // sharing it (one shim brings it). Where the cores share the input,
        // each core's slice is fetched whole by one column.
        firstWeights(wholeSlicesShare(
            s.l2.weightBytes *
                (c.weightsResident && !traffic.pieceByPiece ? s.l2Chunks : 1),
            weightSlices, blockFetchers)) {}

  void run() {
    priceCoreTiles();
    priceShim();
    steadyShimRead = e.shimReadCycles;
    steadyDdr = e.ddrCycles;
    steadyDdrRead = ddrReadCycles();
    int64_t weightWaits = 0;
    if (c.weightsResident)
      weightWaits =
          t.pieceByPiece ? pieceByPieceBlockWaits() : wholeBlockWaits();
    pricePipeline(weightWaits);
  }

private:
  void priceCoreTiles();
  void priceShim();
  int64_t wholeBlockWaits();
  int64_t pieceByPieceBlockWaits();
  void pricePipeline(int64_t weightWaits);

  ConvSchedule &s;
  const TileChoice &c;
  CycleEstimate &e;
  const DeviceModel &dev;
  const ColumnTraffic &t;
  const bool depthwise, cascade, shareInput, shareWeights;
  /// The input streams a memtile sends its cores each step: a window per
  /// core where the cores take windows of their own (depthwise input
  /// follows the channels, so its cores do even when they share it), else
  /// one broadcast.
  const int64_t coreInputs;
  /// The slices one load of each operand comes in from DDR: the cores'
  /// windows, or their hulls where the memtile fetches those.
  const int64_t inputSlices, weightSlices;
  const int64_t stream;
  /// The memtile's MM2S channels to the cores (the others write to DDR).
  const int64_t memtileToCores;
  const int64_t shimIn, shimOut, items, fillRate, blockFetchers;
  /// Input bytes one column reads from DDR.
  const int64_t inputRead;
  const int64_t firstWeights;
  /// Set by priceCoreTiles.
  int64_t pieceLoadCycles = 0, tileCycles = 0, weightTraffic = 0;
  /// Set by priceCoreTiles: a step's transfers to the core, and a round,
  /// in the later channel blocks (less with a kept input, which only the
  /// first block brings).
  int64_t laterDmaStepCycles = 0, laterRoundCycles = 0;
  /// Set by priceCoreTiles: of a tile's drain, what is left after its last
  /// call (in the last round, whose tiles split their last step in parts,
  /// the earlier parts drain while the later ones compute), one part's
  /// drain, how long before the last call ends the first part is computed,
  /// and the cycles the split adds to a last-round tile (its calls, and
  /// with one accumulator its drain wait).
  int64_t drainAfterCalls = 0, lastDrainAfterCalls = 0, partDrainCycles = 0,
          partsLead = 0, splitCallCycles = 0, lastRoundExtra = 0;
  /// Set by priceShim: the cycles of the shim's input reads.
  int64_t inputReadCycles = 0;
  /// The shim's reads and the DDR traffic the steady state carries: all of
  /// them, less a resident block fetched outside it.
  int64_t steadyShimRead = 0, steadyDdr = 0;
  /// Of the cycles DDR takes to carry the reads alone, what the steady
  /// state carries.
  int64_t steadyDdrRead = 0;
  /// The cycles DDR takes to carry all columns' reads alone.
  int64_t ddrReadCycles() const {
    return ceilDiv(s.columnsUsed * t.read,
                   std::min(s.columnsUsed * shimIn, dev.ddrBytesPerCycle));
  }
  int64_t steadyShimCycles() const {
    return std::max({steadyShimRead, e.shimWriteCycles, steadyDdr});
  }
  /// Leaves a column's `bytes` of resident weights, fetched outside the
  /// steady state, out of its reads.
  void leaveOutOfSteadyState(int64_t bytes) {
    steadyShimRead -= ceilDiv(bytes, shimIn);
    const int64_t ddr = ceilDiv(bytes * s.columnsUsed, dev.ddrBytesPerCycle);
    steadyDdr -= ddr;
    steadyDdrRead -= ddr;
  }
};

/// A core's steps, tiles and rounds, and what its DMA channels carry.
void CycleEstimator::priceCoreTiles() {
  if (c.weightsResident) {
    e.dmaStepCycles =
        dmaTransferCycles(ceilDiv(s.l1.inputBytes, s.inputChannels), stream);
    if (t.pieceByPiece) {
      // A cascade's core gets everything through one memtile channel of
      // its own (the column has as many to its cores as it has cores).
      s.weightChannels = cascade ? 1 : dev.coreDma.s2mm;
      pieceLoadCycles = dmaTransferCycles(
          ceilDiv(s.l1.weightBytes / t.coreSteps, s.weightChannels), stream);
      e.weightLoadCycles = t.coreSteps * pieceLoadCycles;
    } else {
      s.weightChannels =
          t.coreSteps % dev.coreDma.s2mm == 0 || t.coreSteps == 1
              ? dev.coreDma.s2mm
              : 1;
      e.weightLoadCycles = dmaTransferCycles(
          ceilDiv(s.l1.weightBytes, s.weightChannels), stream);
    }
  } else if (c.inputKept) {
    // The first channel block's steps bring input and weights, each on
    // every core channel, one after the other; the later blocks' steps
    // only weights.
    const int64_t weightStep = dmaTransferCycles(
        ceilDiv(s.l1.weightBytes, s.weightChannels), stream);
    e.dmaStepCycles = dmaTransferCycles(ceilDiv(s.l1.inputBytes,
                                                s.inputChannels),
                                        stream) +
                      weightStep;
    laterDmaStepCycles = weightStep;
    e.weightLoadCycles = 0;
  } else {
    const int64_t inputCycles = dmaTransferCycles(s.l1.inputBytes, stream);
    const int64_t weightCycles = dmaTransferCycles(s.l1.weightBytes, stream);
    e.dmaStepCycles = std::max(inputCycles, weightCycles);
    // The memtile's channels to the cores carry a step's input streams
    // (a window per core even where the memtile fetched their hull), then
    // its weight streams, dealt in turn: with more streams than
    // channels, one carries both (a column's four depthwise windows and
    // the weights' broadcast). An operand the columns share comes from
    // one memtile each step, in turn (the weights, where the columns walk
    // their tiles in step or have one channel block): on average, its
    // share of a stream.
    if (s.strategy != Strategy::Seed) {
      const bool weightsInStep = t.spatialTiles % s.columnsUsed == 0 ||
                                 s.channelTilesPerColumn == 1;
      const int64_t weightStreams =
          ceilDiv(weightSlices, weightsInStep ? t.weightSharers : 1);
      e.dmaStepCycles = std::max(
          e.dmaStepCycles,
          busiestDealtChannel(coreInputs,
                              ceilDiv(inputCycles, t.inputSharers),
                              weightStreams, weightCycles, memtileToCores));
    }
    e.weightLoadCycles = 0;
  }
  if (!c.inputKept)
    laterDmaStepCycles = e.dmaStepCycles;
  // A core's output tile leaves in chunks of at least 4 KiB (up to 4), so
  // that the memtile forwards one to DDR while the core drains the next;
  // every chunk is a transfer of its own.
  // Chunks of one size, in whole 32-bit words (what one buffer descriptor
  // repeats; BD lengths count words).
  // A split last step drains its parts as they come, one chunk each; the
  // earlier rounds drain in as many chunks of the parts' size, so that
  // parts and chunks are the same transfers (buffer descriptors).
  s.outputChunks =
      c.lastStepParts > 1
          ? c.lastStepParts
          : std::clamp<int64_t>(s.l1.accBytes / kOutputChunkMinBytes, 1, 4);
  while (s.outputChunks > 1 && s.l1.accBytes % (4 * s.outputChunks) != 0)
    --s.outputChunks;
  e.drainCycles =
      s.outputChunks *
      dmaTransferCycles(ceilDiv(s.l1.accBytes, s.outputChunks), stream);
  const int64_t parts = c.lastStepParts;
  partDrainCycles =
      parts > 1 ? dmaTransferCycles(ceilDiv(s.l1.accBytes, parts), stream)
                : e.drainCycles;
  // The parts drain one after another on the core's channel, each once its
  // call is done. A tile of one step starts its accumulator with each
  // part's call: with one accumulator buffer, that waits for the part
  // before to have drained.
  const bool partsWaitForDrains = c.accBuffers == 1 && t.coreSteps == 1;
  partsLead = parts > 1 && !partsWaitForDrains
                  ? (parts - 1) * s.partCallCycles
                  : 0;
  drainAfterCalls = e.drainCycles;
  lastDrainAfterCalls =
      partsWaitForDrains ? parts * partDrainCycles
                         : std::max(partDrainCycles,
                                    parts * partDrainCycles - partsLead);
  splitCallCycles = parts > 1 ? parts * s.partCallCycles - s.call.cycles : 0;
  auto stepCycles = [&](int64_t dmaStep) {
    return s.doubleBuffered ? std::max(s.call.cycles, dmaStep)
                            : s.call.cycles + dmaStep;
  };
  // A core tile's steps, after the zero fill that starts it, if any.
  const int64_t zeroFillCycles = tileZeroFillCycles(s);
  tileCycles = zeroFillCycles + t.coreSteps * stepCycles(e.dmaStepCycles);
  // With one accumulator the next tile waits for the drain, which waits
  // for the chain's last link.
  const int64_t drainWait =
      c.accBuffers == 1 ? drainAfterCalls + t.chainLagCycles : 0;
  lastRoundExtra =
      splitCallCycles +
      (c.accBuffers == 1 ? lastDrainAfterCalls - drainAfterCalls : 0);
  e.roundCycles = tileCycles + drainWait;
  laterRoundCycles = zeroFillCycles +
                     t.coreSteps * stepCycles(laterDmaStepCycles) + drainWait;
  e.computeCycles = s.callsPerCore * s.call.cycles +
                    s.rounds * zeroFillCycles + splitCallCycles;
  weightTraffic =
      c.weightsResident ? s.channelTilesPerColumn * e.weightLoadCycles : 0;
  // Kept input: the first channel block's rounds bring it, one per
  // spatial tile.
  const int64_t inputRounds =
      c.inputKept ? s.spatialTilesPerColumn : s.rounds;
  e.l1DmaCycles = inputRounds * t.coreSteps * e.dmaStepCycles +
                  (s.rounds - inputRounds) * t.coreSteps * laterDmaStepCycles +
                  (s.rounds - 1) * e.drainCycles + parts * partDrainCycles +
                  weightTraffic;
}

/// What a column's shim reads and writes, and the layer's DDR traffic.
void CycleEstimator::priceShim() {
  // Each input load is one transfer per core tile, each staging its own
  // slice, unless the cores share the input (depthwise input follows the
  // channels, so its cores take slices of their own all the same). The
  // weights come as one transfer per load and distinct slice (chunk by
  // chunk when the reduction streams). Columns that share an operand take
  // turns fetching its slices, as they share its bytes (the simulator
  // deals the regions of a step one per column).
  const int64_t inputTransfers =
      ceilDiv(t.inputLoads * inputSlices, t.inputSharers);
  const int64_t weightFetches =
      s.l2Chunks > 1 ? (c.weightsResident
                            ? s.channelTilesPerColumn * s.l2Chunks
                            : items)
                     : t.weightLoads;
  const int64_t weightTransfers =
      ceilDiv(weightFetches * weightSlices, blockFetchers);
  // The busiest column paces the shims: edge tiles bring and keep less.
  const int64_t busiestInputRead = ceilScaled(inputRead, t.inputSkew);
  e.shimReadCycles = ceilDiv(t.read - inputRead + busiestInputRead, shimIn) +
                     (inputTransfers + weightTransfers) *
                         kDmaTransferOverheadCycles;
  inputReadCycles = ceilDiv(busiestInputRead, shimIn) +
                    inputTransfers * kDmaTransferOverheadCycles;
  // One buffer descriptor writes a column's cores' chunks, iterating over
  // their buffers: one transfer's overhead per chunk and round.
  e.shimWriteCycles = ceilDiv(ceilScaled(t.write, t.outputSkew), shimOut) +
                      s.rounds * s.outputChunks * kDmaTransferOverheadCycles;
  e.ddrCycles = sharedDdrCycles(
      s.columnsUsed * t.read, s.columnsUsed * t.write, s.columnsUsed * shimIn,
      s.columnsUsed * shimOut, dev.ddrBytesPerCycle);
  e.shimCycles = std::max({e.shimReadCycles, e.shimWriteCycles, e.ddrCycles});
}

/// A resident block that comes whole before the loops: with a single buffer
/// the core waits for every load, and then for the next step's input, which
/// queues behind the weights on the same channels. With two, it waits for
/// the first load, and at each block change for what fetching the next
/// block from DDR and into L1 takes beyond a round (the DMA program fetches
/// it one round ahead). Where the memtile keeps the input, the later blocks
/// fetch none, so the shim, no longer held back by the input's buffers,
/// fetches the next block's weights during the block's earlier rounds:
/// only the load into L1 is left, behind a round's input on the same
/// channels (res3a_b2b i8 in blocks of 7 rounds of 2453 cycles: each block
/// change waits 896 + 2336 - 2453 = 779 cycles in the simulator; the fetch
/// counted too, the model priced 2187).
int64_t CycleEstimator::wholeBlockWaits() {
  const int64_t shimFetch =
      ceilDiv(ceilDiv(s.l2.weightBytes, t.weightSharers), shimIn);
  // A block's rounds: one per spatial tile of the column.
  const int64_t fetchAhead =
      s.loopOrder == LoopOrder::ChannelsOuterKeepInput
          ? std::max(e.dmaStepCycles,
                     shimFetch -
                         (s.spatialTilesPerColumn - 1) * e.roundCycles)
          : shimFetch;
  const int64_t blockFetch = fetchAhead + e.weightLoadCycles;
  // The first block's load to L1 forwards its fetch piece by piece.
  const int64_t firstFetch = ceilDiv(firstWeights, fillRate);
  const int64_t firstLoad =
      pipelinedStages(firstFetch, e.weightLoadCycles,
                      l2FillPieces(s.l2.weightBytes)) -
      firstFetch;
  // A column's only block is fetched in the pipeline's fill: the shim's
  // steady state carries the rest. (With several, the next block's fetch
  // bursts between them, which the waits below count.)
  if (s.channelTilesPerColumn == 1)
    leaveOutOfSteadyState(firstWeights);
  return s.l1.weightBuffers == 2
             ? firstLoad + (s.channelTilesPerColumn - 1) *
                               std::max<int64_t>(0, blockFetch - e.roundCycles)
             : weightTraffic - e.weightLoadCycles + firstLoad +
                   (s.channelTilesPerColumn - 1) * e.dmaStepCycles;
}

/// Piece by piece, the block comes with the steps of its first tile (the
/// cores keep it for the block's other tiles): the shim's other work spreads
/// over the items; that tile goes at the pace of the slowest of its compute,
/// its transfers to the core (input and pieces), the memtile's channels to
/// the cores (the input and the pieces of the slices the memtile holds) and
/// the shim bringing the block's weights with its input, and the core waits
/// for what this takes beyond the pace of the tiles after it.
int64_t CycleEstimator::pieceByPieceBlockWaits() {
  const int64_t blockWeights =
      ceilDiv(s.l2.weightBytes * s.l2Chunks, blockFetchers);
  const int64_t weightBytes = s.channelTilesPerColumn * blockWeights;
  leaveOutOfSteadyState(weightBytes);
  const int64_t tileInput =
      ceilDiv(t.inputTileRead * s.l2Chunks, t.inputSharers);
  // A memtile sends the pieces of the weight slices it holds; weights the
  // columns share are spread over their memtiles, each broadcasting its
  // slices to the cores of every column, as long as the columns walk their
  // tiles in step: every block's first tile when they hold as many tiles
  // each, else only the first block's (the first round).
  // A cascade's cores each take their own input and weight slab.
  const int64_t inputStreams = cascade ? c.rows : s.inputChannels;
  const int64_t steadyTileCycles =
      std::max(tileCycles, s.l2Chunks * ceilDiv(steadyShimCycles(), items));
  // A piece's transfer to a core forwards the memtile's fill of its chunk
  // and ends no sooner than that fill; the chunk's later pieces then queue
  // behind their steps' input on the same channels.
  const int64_t chunkPiecesCycles =
      ceilDiv(ceilDiv(s.l2.weightBytes, blockFetchers) +
                  ceilDiv(t.inputTileRead, t.inputSharers),
              fillRate) +
      (std::max<int64_t>(t.coreSteps / s.l2Chunks, 1) - 1) *
          (e.dmaStepCycles + pieceLoadCycles);
  auto blockExtra = [&](bool columnsInStep) {
    const int64_t pieceStreams =
        ceilDiv(shareWeights ? 1 : c.rows,
                columnsInStep ? t.weightSharers : 1) *
        s.weightChannels;
    const int64_t memtileStepCycles = busiestDealtChannel(
        inputStreams, e.dmaStepCycles, pieceStreams,
        e.weightLoadCycles / t.coreSteps, memtileToCores);
    const int64_t firstTileCycles = std::max(
        {tileCycles, t.coreSteps * e.dmaStepCycles + e.weightLoadCycles,
         t.coreSteps * memtileStepCycles,
         ceilDiv(blockWeights + tileInput, fillRate), chunkPiecesCycles});
    return std::max<int64_t>(0, firstTileCycles - steadyTileCycles);
  };
  const int64_t firstBlockExtra = blockExtra(true);
  const int64_t laterBlockExtra =
      blockExtra(t.spatialTiles % s.columnsUsed == 0);
  // The first block's first chunk is already in the pipeline's fill.
  return firstBlockExtra +
         (s.channelTilesPerColumn - 1) * laterBlockExtra -
         std::min(firstBlockExtra, ceilDiv(firstWeights, fillRate));
}

/// Items flow through three pipelined stages (shim in, cores, shim out);
/// each stage takes one item in turn, then the slowest one sets the pace for
/// the remaining items - 1. A double-buffered accumulator drains while the
/// next round's chunks compute.
void CycleEstimator::pricePipeline(int64_t weightWaits) {
  const int64_t coreItem = ceilDiv(e.roundCycles, s.l2Chunks);
  const int64_t laterCoreItem = ceilDiv(laterRoundCycles, s.l2Chunks);
  const int64_t drainStage = c.accBuffers == 2 ? drainAfterCalls : 0;
  const int64_t drainItem = ceilDiv(drainStage, s.l2Chunks);
  // With the input kept, a column's first channel block fetches every input
  // tile and the later blocks none: the shim paces the two apart. (With
  // spatial tiles outer and the input kept in L1, the first block of each
  // spatial tile; the sum over the items is the same.)
  const bool keepsInput = s.loopOrder == LoopOrder::ChannelsOuterKeepInput ||
                          (s.loopOrder == LoopOrder::SpatialOuter &&
                           c.inputKept);
  const int64_t firstBlockItems =
      keepsInput ? items / s.channelTilesPerColumn : items;
  const int64_t inputReadShim = keepsInput ? inputReadCycles : 0;
  const int64_t inputDdr =
      keepsInput
          ? ceilDiv(inputRead * s.columnsUsed, dev.ddrBytesPerCycle)
          : 0;
  // An item of the last channel tile moves `scale` times the average's
  // bytes (a whole tile's item more than the average where the last is
  // ragged). A kept input is priced on the average.
  const bool raggedChannels =
      !keepsInput && s.channelTilesPerColumn > 1 &&
      t.lastChannelTileShare < t.meanChannelTileShare;
  const int64_t raggedItems =
      raggedChannels ? items / s.channelTilesPerColumn : 0;
  const double wholeScale =
      raggedChannels ? 1.0 / t.meanChannelTileShare : 1.0;
  const double raggedScale =
      t.lastChannelTileShare / t.meanChannelTileShare;
  // An item's share of the shim's work; with `readsOnly`, of its reads
  // alone, as before any output is written.
  auto shimItem = [&](bool carriesInput, double scale, bool readsOnly = false) {
    const int64_t readShare =
        carriesInput ? ceilDiv(inputReadShim, firstBlockItems) : 0;
    const int64_t ddrShare =
        carriesInput ? ceilDiv(inputDdr, firstBlockItems) : 0;
    auto perItem = [&](int64_t cycles) {
      return ceilScaled(ceilDiv(cycles, items), scale);
    };
    return std::max(
        {perItem(steadyShimRead - inputReadShim) + readShare,
         readsOnly ? 0 : perItem(e.shimWriteCycles),
         perItem((readsOnly ? steadyDdrRead : steadyDdr) - inputDdr) +
             ddrShare});
  };
  auto stageOf = [&](int64_t core, int64_t shim, const char *&bound) {
    int64_t stage = core;
    bound = s.call.cycles >= e.dmaStepCycles ? "compute" : "l1-dma";
    if (drainItem > stage) {
      stage = drainItem;
      bound = "l1-dma";
    }
    if (!s.doubleBuffered)
      bound = "unoverlapped";
    if (shim > stage) {
      stage = shim;
      bound = "shim";
    }
    return stage;
  };
  const char *firstBound = "", *laterBound = "", *raggedBound = "";
  const int64_t firstStage =
      stageOf(coreItem, shimItem(true, wholeScale), firstBound);
  const int64_t laterStage =
      stageOf(laterCoreItem, shimItem(false, wholeScale), laterBound);
  const int64_t laterItems = items - firstBlockItems;
  e.bound = laterItems * laterStage > (firstBlockItems - 1) * firstStage
                ? laterBound
                : firstBound;
  // The last channel tile's items, at their own pace, instead of as many
  // of the first block's (no kept input: all items are the first block's).
  const int64_t raggedStage =
      stageOf(coreItem, shimItem(true, raggedScale), raggedBound);
  const int64_t raggedSaving = raggedItems * (firstStage - raggedStage);
  // The last item's own core time: a later block's, when there are any.
  // The first block's last item keeps its cores busy for its own (longer,
  // with a kept input) time, less its first step's transfers, which the
  // fill brought, before the later pace takes over.
  const int64_t firstBlockTail =
      std::max<int64_t>(0, coreItem - e.dmaStepCycles - laterStage);
  e.steadyCycles =
      (firstBlockItems - 1) * firstStage + laterItems * laterStage +
      (laterItems > 0 ? laterCoreItem + firstBlockTail : coreItem) +
      lastRoundExtra + weightWaits - raggedSaving;
  // Before the first step: its input chunk and weights through the shim
  // (of an operand the columns share, the slices the busiest column
  // fetches), and its transfers to the core (resident weights: the first
  // piece), which forward the memtile's pieces as they come.
  const int64_t firstInput =
      wholeSlicesShare(t.inputTileRead, inputSlices, t.inputSharers);
  const int64_t fillFetch =
      ceilDiv(firstInput + firstWeights, fillRate) +
      kDmaTransferOverheadCycles;
  if (!s.doubleBuffered) {
    e.fillCycles = fillFetch;
  } else if (c.weightsResident || c.inputKept) {
    e.fillCycles = pipelinedStages(
        fillFetch, e.dmaStepCycles + pieceLoadCycles,
        l2FillPieces(std::max(s.l2.inputBytes, s.l2.weightBytes)));
  } else {
    // The shim fetches the input, then the weights; each goes on to the
    // cores on a channel of its own as its pieces come, so the weights'
    // transfer starts only once their first piece is in.
    // An operand's fetch of `fetched` bytes and its transfer of `l1Bytes`
    // to the core, forwarding the fetch's pieces.
    auto fetchAndForward = [&](int64_t fetched, int64_t l1Bytes) {
      return pipelinedStages(dmaTransferCycles(fetched, fillRate),
                             dmaTransferCycles(l1Bytes, stream),
                             l2FillPieces(fetched));
    };
    e.fillCycles = std::max(
        fetchAndForward(firstInput, s.l1.inputBytes),
        dmaTransferCycles(firstInput, fillRate) +
            fetchAndForward(firstWeights, s.l1.weightBytes));
  }
  // The chain's last link trails the first by its lag, once: the tiles
  // after the first follow in step.
  e.fillCycles += t.chainLagCycles;
  // Of the last round's drain and writes to DDR, only one chunk's drain is
  // not overlapped.
  const int64_t writeEnd = ceilDiv(s.l2.outputBytes, shimOut);
  const int64_t overlapped = std::min(e.drainCycles, writeEnd) *
                             (s.outputChunks - 1) / s.outputChunks;
  e.drainEndCycles = drainStage + writeEnd - overlapped +
                     s.outputChunks * kDmaTransferOverheadCycles;
  if (c.lastStepParts > 1) {
    // The writes start once the first part has drained, before the last
    // call ends, and end no earlier than the last part's own write after
    // its drain. One accumulator: the round already waits for the drain.
    const int64_t parts = c.lastStepParts;
    const int64_t afterCalls =
        std::max(partDrainCycles - partsLead + writeEnd,
                 lastDrainAfterCalls + ceilDiv(writeEnd, parts)) +
        parts * kDmaTransferOverheadCycles;
    e.drainEndCycles = std::max<int64_t>(
        0, afterCalls - (c.accBuffers == 1 ? lastDrainAfterCalls : 0));
  }
  // However the stages overlap, DDR must carry every byte: a layer of few
  // items (one round) would otherwise finish before its writes can. And no
  // write starts before the first output chunk has left a core, so every
  // written byte comes after that.
  // The first tile's later chunks come at the pace of the shim's reads
  // (before any write), when the cores outrun them. (With one round, the
  // first output is a part of the split step.)
  const bool firstRoundSplit = s.rounds == 1 && c.lastStepParts > 1;
  const int64_t firstTileCycles =
      std::max(tileCycles, (s.l2Chunks - 1) * shimItem(true, wholeScale,
                                                       /*readsOnly=*/true) +
                               ceilDiv(tileCycles, s.l2Chunks));
  const int64_t firstOutput =
      e.fillCycles + firstTileCycles + t.chainLagCycles +
      (firstRoundSplit
           ? splitCallCycles - partsLead + partDrainCycles
           : dmaTransferCycles(ceilDiv(s.l1.accBytes, s.outputChunks),
                               stream));
  const int64_t allWrites =
      std::max(e.shimWriteCycles,
               ceilDiv(s.columnsUsed * t.write, dev.ddrBytesPerCycle));
  e.totalCycles = std::max({e.steadyCycles + e.fillCycles + e.drainEndCycles,
                            e.ddrCycles, firstOutput + allWrites});
}

} // namespace

void estimateCycles(ConvSchedule &schedule, const DeviceModel &dev,
                    const ColumnTraffic &traffic) {
  // The search leaves the last step's parts to the model on a layer of one
  // round, where all output waits for the last step: the fastest of 1, 2,
  // 4 and 8 that the call allows. With more rounds it decides on the tiling
  // it picked (TileSearch.cpp, splitLastRound): the gain there is the last
  // round's alone, small next to the model's error between tilings.
  const bool pickParts = schedule.tile.lastStepParts == 0;
  if (pickParts)
    schedule.tile.lastStepParts = 1;
  schedule.partCallCycles =
      lastStepPartCycles(schedule, schedule.tile.lastStepParts);
  CycleEstimator(schedule, dev, traffic).run();
  for (int64_t parts : kLastStepPartCounts) {
    if (!pickParts || schedule.rounds > 1)
      break;
    const int64_t partCycles = lastStepPartCycles(schedule, parts);
    if (partCycles == 0)
      continue;
    ConvSchedule split = schedule;
    split.tile.lastStepParts = parts;
    split.partCallCycles = partCycles;
    CycleEstimator(split, dev, traffic).run();
    if (split.cycles.totalCycles < schedule.cycles.totalCycles)
      schedule = std::move(split);
  }
  const double peak =
      static_cast<double>(dev.cores()) *
      static_cast<double>(dev.macsPerCycle(inputElemType(schedule.spec.type)));
  schedule.peakFraction =
      static_cast<double>(schedule.spec.macs()) /
      (static_cast<double>(schedule.cycles.totalCycles) * peak);
}

} // namespace aieconv::target

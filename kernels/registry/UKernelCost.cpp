//===- UKernelCost.cpp - Cycle model of one ukernel call ------------------===//
//
// Sources of the numbers: shared/design/aie2-facts.md, rows cited inline.
// The model mirrors the loop nests of kernels/ukernels/*.h; when a kernel's
// blocking changes, its cost function here must change with it.
//
//===----------------------------------------------------------------------===//

#include "UKernelRegistry.h"

#include <algorithm>
#include <cmath>

namespace aieconv::kernels {

const CoreCostParams &coreCostParams(Device device) {
  // npu1: "VLIW slots per cycle": 2 vector loads of 256 bit, 1 store of 256
  // bit (UG1603). npu2: loads 128 B/cycle, stores 64 B/cycle (AM027), taken
  // as 2 x 64 B load slots and 1 x 64 B store slot.
  // The overheads are assumptions, not measurements: a pipelined loop loses
  // about one load-to-MAC latency (6 cycles) filling and draining; each
  // register block pays 2 cycles of loop control and pointer setup; a call
  // pays 40 (call, return, callee-saved registers, mode setup, outer loop
  // setup). See kernels/README.md, "Cost model".
  static const CoreCostParams npu1{
      /*loadSlots=*/2,           /*loadSlotBytes=*/32,
      /*storeSlots=*/1,          /*storeSlotBytes=*/32,
      /*pipelineFillCycles=*/6,
      /*blockOverheadCycles=*/2,
      /*callOverheadCycles=*/40};
  static const CoreCostParams npu2{2, 64, 1, 64, 6, 2, 40};
  return device == Device::Npu1 ? npu1 : npu2;
}

int64_t peakMacsPerCycle(Device device, ElemType input) {
  bool isInt8 = input == ElemType::I8;
  // "MACs/cycle int8 x int8": 256 (npu1), 512 (npu2). "MACs/cycle bf16":
  // 128 (npu1); on npu2 only the bfp16 8x8x8 emulation is documented (512),
  // the native bf16 4x8x8 mmul used here is assumed to issue in one cycle,
  // i.e. 256 MACs/cycle (unconfirmed).
  if (device == Device::Npu1)
    return isInt8 ? 256 : 128;
  return isInt8 ? 512 : 256;
}

namespace {
int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The largest fraction of peak MAC issue any loop sustains in the model:
/// the best published single-core figure, hand-written assembly at 86% of
/// the bf16 peak on npu1 ("Achieved results", tnzr.org "Hello XDNA"). A
/// reduction loop bound by the MAC unit therefore runs at an interval of
/// issues / 0.86, so no call can model faster than that figure however
/// well its overheads amortise.
constexpr double kSustainedIssueFraction = 0.86;

/// Cycles of `steps` iterations of a pipelined loop issuing `macIssues`
/// MAC-unit cycles and `loads` vector loads per iteration.
int64_t pipelinedLoopCycles(int64_t steps, int64_t macIssues, int64_t loads,
                            const CoreCostParams &params) {
  double interval = std::max(double(macIssues) / kSustainedIssueFraction,
                             double(loads) / double(params.loadSlots));
  return int64_t(std::ceil(double(steps) * interval)) +
         params.pipelineFillCycles;
}

/// The narrowest AIE-ML vector, 128 bits, and the vector the zero-fill
/// stores, 256 bits (kernels/ukernels/Common.h).
constexpr int64_t kMinVectorBytes = 16;
constexpr int64_t kZeroFillStoreBytes = 32;

/// Memory accesses (loads or stores) for `rows` rows of `cols` elements of
/// `elemBytes` each: one run of slot-sized accesses when the rows are
/// adjacent; else per row, a vector access per slot-sized piece (a narrow
/// one still occupies a whole slot), or one scalar access per element when
/// a row is narrower than any vector (kernels/ukernels/Common.h, loadRows).
int64_t accessesFor(int64_t rows, int64_t cols, int64_t elemBytes,
                    bool adjacent, int64_t slotBytes) {
  int64_t rowBytes = cols * elemBytes;
  if (adjacent)
    return ceilDiv(rows * rowBytes, slotBytes);
  if (rowBytes < kMinVectorBytes)
    return rows * cols;
  return rows * ceilDiv(rowBytes, slotBytes);
}

/// Per micro-tile traffic of a register-blocked reduction loop.
struct TileTraffic {
  int64_t lhsLoads, rhsLoads;  // per reduction step, per lhs/rhs tile
  int64_t accLoads, accStores; // per accumulator tile, once per block
  int64_t issueCycles;         // vector-unit cycles per MAC instruction
  /// Accesses for two horizontally adjacent rhs / accumulator tiles moved
  /// together (row-major pairs, kernels/ukernels/Matmul.h); negative when
  /// pairs cost twice one tile.
  int64_t rhsPairLoads = -1, accPairLoads = -1, accPairStores = -1;
  /// Accesses for one lhs tile's two consecutive K steps read together
  /// (row-major int8 rows); negative when K steps go one by one.
  int64_t lhsPairLoads = -1;
  /// The accumulators come from, or go to, the cascade stream instead of
  /// memory: accLoads / accStores then count 512-bit cascade words, one a
  /// cycle (the stream is one word wide, AM020 "Cascade Stream Interface";
  /// one word a cycle is assumed), not vector slot accesses.
  bool accInFromCascade = false, accOutToCascade = false;

  int64_t accInCycles(int64_t accesses, const CoreCostParams &params) const {
    return accInFromCascade ? accesses : ceilDiv(accesses, params.loadSlots);
  }
  int64_t accOutCycles(int64_t accesses, const CoreCostParams &params) const {
    return accOutToCascade ? accesses : ceilDiv(accesses, params.storeSlots);
  }

  int64_t rhsLoadsFor(int64_t cb) const {
    return cb == 2 && rhsPairLoads >= 0 ? rhsPairLoads : cb * rhsLoads;
  }
  int64_t accLoadsFor(int64_t cb) const {
    return cb == 2 && accPairLoads >= 0 ? accPairLoads : cb * accLoads;
  }
  int64_t accStoresFor(int64_t cb) const {
    return cb == 2 && accPairStores >= 0 ? accPairStores : cb * accStores;
  }
};

/// Charges `count` register blocks of rb x cb accumulator tiles, each
/// running `steps` iterations of a pipelined reduction loop whose interval
/// is set by the MAC unit or by the two load slots, whichever is slower;
/// the accumulators are loaded before and stored after the loop (the model
/// assumes no overlap of that traffic with a neighbouring block's loop).
void addBlocks(UKernelCost &cost, const CoreCostParams &params,
               const TileTraffic &traffic, int64_t rb, int64_t cb,
               int64_t count, int64_t steps) {
  if (count <= 0)
    return;
  int64_t tiles = rb * cb;
  int64_t stepLoads = rb * traffic.lhsLoads + traffic.rhsLoadsFor(cb);
  int64_t accLoads = rb * traffic.accLoadsFor(cb);
  int64_t accStores = rb * traffic.accStoresFor(cb);
  int64_t loopCycles, loads;
  if (traffic.lhsPairLoads >= 0) {
    // K in pairs, then a lone step (charged like a loop of one) if odd.
    int64_t pairLoads = rb * traffic.lhsPairLoads + 2 * traffic.rhsLoadsFor(cb);
    loopCycles = pipelinedLoopCycles(steps / 2, 2 * tiles * traffic.issueCycles,
                                     pairLoads, params);
    loads = steps / 2 * pairLoads;
    if (steps % 2) {
      loopCycles += pipelinedLoopCycles(1, tiles * traffic.issueCycles,
                                        stepLoads, params);
      loads += stepLoads;
    }
  } else {
    loopCycles = pipelinedLoopCycles(steps, tiles * traffic.issueCycles,
                                     stepLoads, params);
    loads = steps * stepLoads;
  }
  int64_t perBlock = traffic.accInCycles(accLoads, params) + loopCycles +
                     traffic.accOutCycles(accStores, params) +
                     params.blockOverheadCycles;
  cost.cycles += count * perBlock;
  cost.macIssues += count * tiles * steps;
  cost.operandLoads += count * loads;
  (traffic.accInFromCascade ? cost.cascadeWords : cost.accumLoads) +=
      count * accLoads;
  (traffic.accOutToCascade ? cost.cascadeWords : cost.accumStores) +=
      count * accStores;
  cost.blocks += count;
  cost.loopIterations += count * steps;
}

/// The bytes one store of the kernel sources moves (kStoreSlotBytes in
/// kernels/ukernels/Common.h), which sets how many reduction steps an
/// overlapped conv chain peels at each end of a block.
constexpr int64_t kKernelStoreBytes = 32;

/// Charges `chains` chains of `blocksPerChain` rb x cb register blocks whose
/// accumulator traffic overlaps the neighbouring blocks' reductions
/// (kernels/ukernels/Conv.h, overlappedChain): each block runs `peel` steps
/// in straight-line code with the previous block's stores, a pipelined loop
/// over the middle steps, and `peel` steps with the next block's loads.
/// A straight-line section takes the longest of its MAC issues (at the
/// sustained fraction), its loads through the load slots and its stores
/// through the store slot. A chain's first block loads its own
/// accumulators before it, its last block stores its own after it.
void addOverlappedChains(UKernelCost &cost, const CoreCostParams &params,
                         const TileTraffic &traffic, int64_t rb, int64_t cb,
                         int64_t chains, int64_t blocksPerChain, int64_t steps,
                         int64_t peel, bool flat) {
  if (chains <= 0 || blocksPerChain <= 0)
    return;
  int64_t tiles = rb * cb;
  int64_t stepLoads = rb * traffic.lhsLoads + traffic.rhsLoadsFor(cb);
  int64_t accLoads = rb * traffic.accLoadsFor(cb);
  int64_t accStores = rb * traffic.accStoresFor(cb);
  int64_t issues = tiles * traffic.issueCycles;
  auto section = [&](int64_t loads, int64_t stores) {
    return std::max(
        {int64_t(std::ceil(double(peel * issues) / kSustainedIssueFraction)),
         ceilDiv(peel * stepLoads + loads, params.loadSlots),
         ceilDiv(stores, params.storeSlots)});
  };
  int64_t middle = steps - 2 * peel;
  int64_t count = chains * blocksPerChain;
  if (flat) {
    // One straight-line body per block, pipelined over the chain's blocks:
    // the interval is the body's busiest slot, one fill per chain.
    double interval = std::max(
        {double(steps * issues) / kSustainedIssueFraction,
         double(steps * stepLoads + accLoads) / double(params.loadSlots),
         double(accStores) / double(params.storeSlots)});
    cost.cycles += chains * (int64_t(std::ceil(blocksPerChain * interval)) +
                             params.pipelineFillCycles);
  } else {
    // Every block runs both sections; all but a chain's first store the
    // previous block's accumulators in the first, all but its last load
    // the next block's in the second.
    int64_t linked = count - chains;
    cost.cycles +=
        linked * (section(0, accStores) + section(accLoads, 0)) +
        chains * (section(0, 0) + section(0, 0)) +
        count * (middle > 0
                     ? pipelinedLoopCycles(middle, issues, stepLoads, params)
                     : params.pipelineFillCycles);
  }
  cost.cycles += count * params.blockOverheadCycles +
                 chains * (ceilDiv(accLoads, params.loadSlots) +
                           ceilDiv(accStores, params.storeSlots));
  cost.macIssues += count * tiles * steps;
  cost.operandLoads += count * steps * stepLoads;
  cost.accumLoads += count * accLoads;
  cost.accumStores += count * accStores;
  cost.blocks += count;
  cost.loopIterations += count * steps;
}

/// Charges an `rows` x `cols` grid of micro-tiles (times `repeat`) walked
/// in 2 x 2 blocks with 2 x 1, 1 x 2, 1 x 1 remainders, as the kernels do.
void addBlockGrid(UKernelCost &cost, const CoreCostParams &params,
                  const TileTraffic &traffic, int64_t rows, int64_t cols,
                  int64_t repeat, int64_t steps) {
  int64_t rowPairs = rows / 2, rowRest = rows % 2;
  int64_t colPairs = cols / 2, colRest = cols % 2;
  addBlocks(cost, params, traffic, 2, 2, repeat * rowPairs * colPairs, steps);
  addBlocks(cost, params, traffic, 2, 1, repeat * rowPairs * colRest, steps);
  addBlocks(cost, params, traffic, 1, 2, repeat * rowRest * colPairs, steps);
  addBlocks(cost, params, traffic, 1, 1, repeat * rowRest * colRest, steps);
  cost.cycles += repeat * (rowPairs + rowRest) * params.blockOverheadCycles;
}
} // namespace

UKernelCost estimateCost(const MatmulVariant &variant,
                         const MatmulShape &shape) {
  UKernelCost cost;
  if (!variant.isLegal(shape))
    return cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  const MicroTile &tile = variant.tile;
  bool blocked = variant.layout == OperandLayout::Blocked;
  // Row-major rows lie `ld` elements apart (the symbol's dense operands:
  // K for A, N for B and C). A vector row that this leaves off its own
  // alignment (widestAlignedAccessBytes at most) is an unaligned access,
  // which the AIE splits: one access more per row (kernels/ukernels/
  // Common.h, loadRows).
  auto accesses = [&](int64_t rows, int64_t cols, ElemType type, int64_t ld,
                      int64_t slotBytes) {
    int64_t n = accessesFor(rows, cols, byteWidth(type), blocked, slotBytes);
    int64_t rowBytes = cols * byteWidth(type);
    bool vectorRow = rowBytes >= kMinVectorBytes;
    if (!blocked && vectorRow &&
        ld * byteWidth(type) %
                std::min(rowBytes, widestAlignedAccessBytes(variant.device)) !=
            0)
      n += rows;
    return n;
  };
  TileTraffic traffic{
      accesses(tile.r, tile.s, variant.lhs, shape.k, params.loadSlotBytes),
      accesses(tile.s, tile.t, variant.rhs, shape.n, params.loadSlotBytes),
      accesses(tile.r, tile.t, variant.out, shape.n, params.loadSlotBytes),
      accesses(tile.r, tile.t, variant.out, shape.n, params.storeSlotBytes),
      ceilDiv(tile.r * tile.s * tile.t,
              peakMacsPerCycle(variant.device, variant.lhs))};
  if (!blocked) {
    // Row-major rows narrower than a vector are read for two column tiles
    // at once when a 2t-wide row is one (kernels/ukernels/Matmul.h).
    auto pairAccesses = [&](int64_t rows, ElemType type, int64_t slotBytes) {
      int64_t rowBytes = tile.t * byteWidth(type);
      if (rowBytes >= kMinVectorBytes || 2 * rowBytes < kMinVectorBytes)
        return int64_t(-1);
      return accesses(rows, 2 * tile.t, type, shape.n, slotBytes);
    };
    traffic.rhsPairLoads =
        pairAccesses(tile.s, variant.rhs, params.loadSlotBytes);
    traffic.accPairLoads =
        pairAccesses(tile.r, variant.out, params.loadSlotBytes);
    traffic.accPairStores =
        pairAccesses(tile.r, variant.out, params.storeSlotBytes);
    int64_t lhsRowBytes = tile.s * byteWidth(variant.lhs);
    if (lhsRowBytes < kMinVectorBytes && 2 * lhsRowBytes >= kMinVectorBytes)
      traffic.lhsPairLoads = accesses(tile.r, 2 * tile.s, variant.lhs, shape.k,
                                      params.loadSlotBytes);
  }
  addBlockGrid(cost, params, traffic, shape.m / tile.r, shape.n / tile.t, 1,
               shape.k / tile.s);
  cost.macs = shape.m * shape.n * shape.k;
  cost.cycles += params.callOverheadCycles;
  return cost;
}

namespace {
/// Whether the accumulators of one `rows` x `width` conv register block
/// fit the register file (9 x 1024 bit on AIE-ML, r * t 32-bit lanes per
/// micro-tile; ConvLoopNest::kFitsRegisters).
bool convBlockFits(const MicroTile &tile, int64_t rows, int64_t width) {
  return rows * width * tile.r * tile.t * 32 <= 9 * 1024;
}

/// Whether the accumulators of two `rows` x `width` conv register blocks
/// fit the register file at once (ConvLoopNest::kOverlapsAccumulators).
bool twoConvBlocksFit(const MicroTile &tile, int64_t rows, int64_t width) {
  return convBlockFits(tile, 2 * rows, width);
}

/// Reduction steps an overlapped conv chain peels at each end of a block:
/// the stores one micro-tile's accumulator takes (ConvLoopNest::
/// kPeeledSteps).
int64_t convPeeledSteps(const ConvVariant &variant) {
  return ceilDiv(variant.tile.r * variant.tile.t * byteWidth(variant.out),
                 kKernelStoreBytes);
}

/// Whether an overlapped chain of `rows` x `width` blocks runs each
/// block's whole reduction as straight-line code and pipelines the loop
/// over blocks instead (ConvLoopNest::kFlatSteps): for the short
/// reductions of 1x1 calls, whose per-block loop fill would otherwise
/// weigh on a few steps.
bool flattensReduction(const ConvVariant &variant, int64_t steps,
                       int64_t rows, int64_t width) {
  return (steps == 4 || steps == 8 || steps == 16) &&
         steps >= 2 * convPeeledSteps(variant) && steps * rows * width <= 64;
}

/// Whether a shape may walk its output-channel blocks in pairs to win the
/// overlapped chain: 2 x 4 blocks cannot overlap, 2 x 2 ones can, and the
/// unit-stride reduction is long enough for both peeled ends. (At stride
/// 2 a 2 x 2 block is bound by its pixel loads.)
bool mayPairOutputChannelBlocks(const ConvVariant &variant,
                                const ConvShape &shape) {
  int64_t steps = shape.kh * shape.kw * (shape.ic / variant.tile.s);
  return !twoConvBlocksFit(variant.tile, 2, 4) &&
         twoConvBlocksFit(variant.tile, 2, 2) && shape.strideW == 1 &&
         steps >= 2 * convPeeledSteps(variant);
}

UKernelCost estimateConvCost(const ConvVariant &variant,
                             const ConvShape &shape, ConvWalk walk);
} // namespace

/// Decided on the symbol's shape alone, as a later step of the reduction
/// would run it: accumulating, through memory (a cascade link keeps quads
/// whatever this says). Output-channel pairs first, then, for that
/// grouping, the 3-row block at the end of an odd number of pixel tiles.
ConvWalk chooseConvWalk(const ConvVariant &variant, const ConvShape &shape) {
  ConvWalk walk;
  if (!variant.isLegal(shape))
    return walk;
  ConvShape step = shape;
  step.accumulate = true;
  step.cascadeIn = step.cascadeOut = false;
  walk.pairGroups =
      mayPairOutputChannelBlocks(variant, shape) &&
      estimateConvCost(variant, step, {/*pairGroups=*/true}).cycles <
          estimateConvCost(variant, step, {/*pairGroups=*/false}).cycles;
  const int64_t pixelTiles = shape.oh * (shape.ow / variant.tile.r);
  if (pixelTiles % 2 == 1 && pixelTiles >= 3 &&
      convBlockFits(variant.tile, 3, 1)) {
    ConvWalk triple = walk;
    triple.tripleTail = true;
    walk.tripleTail = estimateConvCost(variant, step, triple).cycles <
                      estimateConvCost(variant, step, walk).cycles;
  }
  return walk;
}

bool pairsOutputChannelBlocks(const ConvVariant &variant,
                              const ConvShape &shape) {
  return chooseConvWalk(variant, shape).pairGroups;
}

bool triplesLastPixelTiles(const ConvVariant &variant,
                           const ConvShape &shape) {
  return chooseConvWalk(variant, shape).tripleTail;
}

UKernelCost estimateCost(const ConvVariant &variant, const ConvShape &shape) {
  if (!variant.isLegal(shape))
    return UKernelCost();
  ConvWalk walk = chooseConvWalk(variant, shape);
  // A cascade link walks quads (ConvLoopNest::run).
  if (shape.cascadeIn || shape.cascadeOut)
    walk.pairGroups = false;
  return estimateConvCost(variant, shape, walk);
}

namespace {
UKernelCost estimateConvCost(const ConvVariant &variant,
                             const ConvShape &shape, ConvWalk walk) {
  UKernelCost cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  const MicroTile &tile = variant.tile;
  // At unit stride the r pixels of an input micro-tile are adjacent in the
  // patch: one load run, but only pixel-aligned (taps shift by one pixel),
  // so it spans one slot more, unless the window is 1 wide: then every
  // tile starts on a micro-tile boundary of the patch, whose rows hold
  // whole tiles (PixelLoads::Aligned). At other strides each pixel is a
  // separate load. A pixel narrower than any vector is read with the
  // elements after it, aligned only to a pixel: at stride 2 a pair of
  // pixels per load of their span, 4s elements (PixelLoads::EveryOther),
  // above it a load of 2s elements per pixel (PixelLoads::Widened). The
  // filters that drop what lies between the pixels issue in another slot
  // than the loads and MACs, as the matmul kernel's row pairs assume.
  bool unitStride = shape.strideW == 1;
  bool alignedPixels = unitStride && shape.kw == 1;
  const int64_t inputBytes = byteWidth(variant.input);
  const bool narrowPixels = !unitStride &&
                            tile.s * inputBytes < kMinVectorBytes &&
                            tile.r >= 4 && tile.r % 2 == 0;
  auto pixelAlignedLoads = [&](int64_t loads, int64_t elements) {
    return loads * (accessesFor(1, elements, inputBytes, true,
                                params.loadSlotBytes) +
                    1);
  };
  const int64_t pixelLoads =
      !narrowPixels ? accessesFor(tile.r, tile.s, inputBytes, unitStride,
                                  params.loadSlotBytes) +
                          (unitStride && !alignedPixels ? 1 : 0)
      : shape.strideW == 2 ? pixelAlignedLoads(tile.r / 2, 4 * tile.s)
                           : pixelAlignedLoads(tile.r, 2 * tile.s);
  // An accumulator micro-tile is r * t 32-bit lanes, whole cascade words.
  const int64_t cascadeWords = tile.r * tile.t / kCascadeWordLanes;
  TileTraffic traffic{pixelLoads,
                      accessesFor(tile.s, tile.t, byteWidth(variant.weight),
                                  true, params.loadSlotBytes),
                      shape.cascadeIn ? cascadeWords
                      : shape.accumulate
                          ? accessesFor(tile.r, tile.t, byteWidth(variant.out),
                                        true, params.loadSlotBytes)
                          : 0,
                      shape.cascadeOut
                          ? cascadeWords
                          : accessesFor(tile.r, tile.t, byteWidth(variant.out),
                                        true, params.storeSlotBytes),
                      ceilDiv(tile.r * tile.s * tile.t,
                              peakMacsPerCycle(variant.device, variant.input))};
  traffic.accInFromCascade = shape.cascadeIn;
  traffic.accOutToCascade = shape.cascadeOut;
  // Loop order: output-channel block quads (then a pair, then one), then
  // the tile's pixel-tile pairs (then the odd one); one flat pipelined
  // reduction over (kh, kw, ic-block) per register block.
  int64_t steps = shape.kh * shape.kw * (shape.ic / tile.s);
  int64_t ocTiles = shape.oc / tile.t;
  // The tile's pixel tiles, row after row, go in pairs (a pair may span
  // two rows), then the odd one.
  int64_t pixelTiles = shape.oh * (shape.ow / tile.r);
  int64_t pixelPairs = pixelTiles / 2, pixelRest = pixelTiles % 2;
  // The 2 x width blocks of the output-channel groups of one width run as
  // one chain (ConvLoopNest::channelGroups). Where two blocks'
  // accumulators fit the register file (twoConvBlocksFit) and the
  // reduction is long enough for the peeled ends, a block's accumulator
  // traffic overlaps its neighbours' reductions (addOverlappedChains).
  // Otherwise, where two blocks fit, the next block's accumulator loads
  // issue with this block's stores (different slots, or the cascade's two
  // directions), so each link saves the shorter of the two.
  const int64_t peel = convPeeledSteps(variant);
  bool pairGroups = walk.pairGroups;
  int64_t ocGroups = 0;
  for (int64_t width : {4, 2, 1}) {
    int64_t groups = width == 4 ? (pairGroups ? 0 : ocTiles / 4)
                     : width == 2 && pairGroups
                         ? ocTiles / 2
                         : (ocTiles % (2 * width)) / width;
    ocGroups += groups;
    // The groups' pixel pairs, then their odd tiles (ConvLoopNest::chain),
    // the last three of them one block where the walk says so.
    const bool triple = walk.tripleTail && pixelRest == 1 &&
                        pixelTiles >= 3 && convBlockFits(tile, 3, width);
    const int64_t pairBlocks = groups * (triple ? pixelPairs - 1 : pixelPairs);
    for (auto [rows, blocks] :
         {std::pair{int64_t(2), pairBlocks},
          std::pair{int64_t(triple ? 3 : 1), groups * pixelRest}}) {
      if (blocks > 1 && twoConvBlocksFit(tile, rows, width) &&
          !shape.cascadeIn && !shape.cascadeOut && steps >= 2 * peel) {
        addOverlappedChains(cost, params, traffic, rows, width,
                            blocks > 0 ? 1 : 0, blocks, steps, peel,
                            flattensReduction(variant, steps, rows, width));
        continue;
      }
      addBlocks(cost, params, traffic, rows, width, blocks, steps);
      int64_t links = blocks - 1;
      if (links > 0 && twoConvBlocksFit(tile, rows, width))
        cost.cycles -=
            links * std::min(traffic.accInCycles(
                                 rows * traffic.accLoadsFor(width), params),
                             traffic.accOutCycles(
                                 rows * traffic.accStoresFor(width), params));
    }
  }
  cost.cycles += ocGroups * params.blockOverheadCycles;
  cost.macs = shape.oh * shape.ow * shape.oc * shape.kh * shape.kw * shape.ic;
  cost.cycles += params.callOverheadCycles;
  return cost;
}

} // namespace

UKernelCost estimateCost(const DepthwiseVariant &variant,
                         const DepthwiseShape &shape) {
  UKernelCost cost;
  if (!variant.isLegal(shape))
    return cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  int64_t vectorLoads =
      ceilDiv(variant.lanes * byteWidth(variant.input), params.loadSlotBytes);
  int64_t weightLoads =
      ceilDiv(variant.lanes * byteWidth(variant.weight), params.loadSlotBytes);
  int64_t accLoads =
      ceilDiv(variant.lanes * byteWidth(variant.out), params.loadSlotBytes);
  int64_t accStores =
      ceilDiv(variant.lanes * byteWidth(variant.out), params.storeSlotBytes);
  int64_t rowsOfPixels = (shape.c / variant.lanes) * shape.oh;
  // Pixels go in groups of four sharing each tap's weight vector, then one
  // by one; for every kh the kw loop is a pipelined loop of its own. One
  // element-wise vector MAC issues per cycle.
  auto addPixelBlocks = [&](int64_t pixels, int64_t count) {
    if (count <= 0)
      return;
    int64_t stepLoads = weightLoads + pixels * vectorLoads;
    int64_t perBlock =
        ceilDiv(pixels * accLoads, params.loadSlots) +
        shape.kh * pipelinedLoopCycles(shape.kw, pixels, stepLoads, params) +
        ceilDiv(pixels * accStores, params.storeSlots) +
        params.blockOverheadCycles;
    int64_t steps = shape.kh * shape.kw;
    cost.cycles += count * perBlock;
    cost.macIssues += count * pixels * steps;
    cost.operandLoads += count * steps * stepLoads;
    cost.accumLoads += count * pixels * accLoads;
    cost.accumStores += count * pixels * accStores;
    cost.blocks += count;
    cost.loopIterations += count * steps;
  };
  addPixelBlocks(4, rowsOfPixels * (shape.ow / 4));
  addPixelBlocks(1, rowsOfPixels * (shape.ow % 4));
  cost.cycles += rowsOfPixels * params.blockOverheadCycles;
  cost.macs = shape.oh * shape.ow * shape.c * shape.kh * shape.kw;
  cost.cycles += params.callOverheadCycles;
  return cost;
}

UKernelCost estimateCost(const ZeroFillVariant &variant,
                         const ZeroFillShape &shape) {
  UKernelCost cost;
  if (!variant.isLegal(shape))
    return cost;
  const CoreCostParams &params = coreCostParams(variant.device);
  // Per row: 256-bit vectors while they fit, then vectors of max(t, 128
  // bits) elements, then one scalar store per remaining element
  // (kernels/ukernels/Matmul.h).
  int64_t elemBytes = byteWidth(variant.type);
  int64_t wide = std::max(variant.t, kMinVectorBytes / elemBytes);
  int64_t slot = kZeroFillStoreBytes / elemBytes;
  int64_t rest = shape.n % slot;
  int64_t storesPerRow =
      (shape.n / slot) *
          ceilDiv(kZeroFillStoreBytes, params.storeSlotBytes) +
      (rest / wide) * ceilDiv(wide * elemBytes, params.storeSlotBytes) +
      rest % wide;
  cost.accumStores = shape.m * storesPerRow;
  cost.blocks = shape.m;
  cost.loopIterations = shape.m * (shape.n / slot);
  cost.cycles = ceilDiv(cost.accumStores, params.storeSlots) +
                shape.m * params.blockOverheadCycles +
                params.callOverheadCycles;
  return cost;
}

int64_t denseZeroFillCycles(Device device, ElemType type, int64_t elements) {
  const ZeroFillVariant *variant = findZeroFillVariant(device, type);
  return variant ? estimateCost(*variant, variant->denseShape(elements)).cycles
                 : 0;
}

int64_t widestAlignedAccessBytes(Device device) {
  return device == Device::Npu2 ? 64 : 32;
}

std::optional<UKernelCost> estimateCostOfSymbol(std::string_view symbol) {
  if (std::optional<ParsedSymbol> matmul = parseSymbolName(symbol))
    return estimateCost(*matmul->variant, matmul->shape);
  if (std::optional<ParsedConvSymbol> conv = parseConvSymbolName(symbol))
    return estimateCost(*conv->variant, conv->shape);
  if (std::optional<ParsedDepthwiseSymbol> depthwise =
          parseDepthwiseSymbolName(symbol))
    return estimateCost(*depthwise->variant, depthwise->shape);
  if (std::optional<ParsedZeroFillSymbol> zero =
          parseZeroFillSymbolName(symbol))
    return estimateCost(*zero->variant, zero->shape);
  return std::nullopt;
}

int64_t peakMacsPerCycleOfSymbol(std::string_view symbol) {
  if (std::optional<ParsedSymbol> matmul = parseSymbolName(symbol))
    return peakMacsPerCycle(matmul->variant->device, matmul->variant->lhs);
  if (std::optional<ParsedConvSymbol> conv = parseConvSymbolName(symbol))
    return peakMacsPerCycle(conv->variant->device, conv->variant->input);
  if (std::optional<ParsedDepthwiseSymbol> depthwise =
          parseDepthwiseSymbolName(symbol))
    return peakMacsPerCycle(depthwise->variant->device,
                            depthwise->variant->input);
  if (std::optional<ParsedZeroFillSymbol> zero =
          parseZeroFillSymbolName(symbol))
    return peakMacsPerCycle(zero->variant->device, zero->variant->type);
  return 0;
}

} // namespace aieconv::kernels

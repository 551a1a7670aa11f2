//===- ConvCost.cpp - Cycle model of one conv ukernel call ----------------===//
//
// Part of the ukernel cost model (UKernelCost.h). It mirrors the loop nest
// of kernels/ukernels/Conv.h; when the kernel's blocking changes, this must
// change with it.
//
//===----------------------------------------------------------------------===//

#include "LoopCost.h"

#include <algorithm>
#include <cmath>

namespace aieconv::kernels {

using namespace loopcost;

namespace {
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
} // namespace

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

} // namespace aieconv::kernels

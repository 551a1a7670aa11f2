//===- TileSearch.cpp - Choosing tile sizes and strategy ------------------===//

#include "aieconv/Target/TileSearch.h"

#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/DeviceModel.h"
#include "IntMath.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace aieconv::target {

namespace {

/// Sorted, without duplicates.
std::vector<int64_t> unique(std::vector<int64_t> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

/// Multiples of `step` up to `limit` that divide `total` (a multiple of
/// `step`): the tile sizes that cover `total` without a partial tile.
std::vector<int64_t> dividingMultiples(int64_t total, int64_t step,
                                       int64_t limit) {
  std::vector<int64_t> values;
  for (int64_t v = step; v <= std::min(total, limit); v += step)
    if (total % v == 0)
      values.push_back(v);
  return values;
}

/// Output-row tile sizes: divisors of the extent (no wasted rows) and
/// powers of two (good fits when the extent is prime-ish).
std::vector<int64_t> rowTiles(int64_t extent, int64_t limit) {
  std::vector<int64_t> values = dividingMultiples(extent, 1, limit);
  for (int64_t v = 1; v <= std::min(extent, limit); v *= 2)
    values.push_back(v);
  return unique(values);
}

/// Output-column tile sizes: multiples of r that divide the extent rounded
/// up to r, powers-of-two multiples of r, the whole rounded extent, and
/// the even splits of the extent into 2 to 16 tiles rounded up to r (a
/// long row of pixels, 196 say, in 4 tiles of 52 pads 12 columns where
/// tiles of 64 would pad 60); with `rowsJoin` (a 1x1 call may take its
/// rows as one), also the divisors of the extent from r up, which pad
/// nothing (narrower tiles move rows too short for the DMA to stream well).
std::vector<int64_t> columnTiles(int64_t extent, int64_t r, int64_t limit,
                                 bool rowsJoin) {
  int64_t padded = roundUp(extent, r);
  std::vector<int64_t> values = dividingMultiples(padded, r, limit);
  for (int64_t v = r; v <= std::min(padded, limit); v *= 2)
    values.push_back(v);
  constexpr int64_t kMaxEvenSplit = 16;
  for (int64_t tiles = 2; tiles <= kMaxEvenSplit; ++tiles)
    if (int64_t v = roundUp((extent + tiles - 1) / tiles, r); v <= limit)
      values.push_back(v);
  if (rowsJoin)
    for (int64_t v : dividingMultiples(extent, 1, limit))
      if (v >= r)
        values.push_back(v);
  return unique(values);
}

/// Powers of two from 1 to `limit`, and `limit` itself.
std::vector<int64_t> gridSizes(int64_t limit) {
  std::vector<int64_t> values;
  for (int64_t v = 1; v <= limit; v *= 2)
    values.push_back(v);
  values.push_back(limit);
  return unique(values);
}

// Upper bounds on the enumerated sizes. L1 rules out larger tiles long
// before these (a 64 KiB core holds at most 16 Ki f32 accumulators), they
// only keep the enumeration short.
constexpr int64_t kMaxRowTile = 64;
constexpr int64_t kMaxColumnTile = 256;
constexpr int64_t kMaxChannelTile = 512;
constexpr int64_t kMaxIcBlock = 1024;

/// Candidates whose estimate is within this fraction of the fastest count
/// as equally fast. What separates such candidates is mostly fill, drain and
/// per-transfer terms, which rest on assumed overheads (the DMA transfer
/// overhead, the registry's call overheads) and ignore that many small DDR
/// transfers run below the measured copy rate. Among them the search takes
/// the one that keeps the cores least busy (see Scored::better): it stays
/// fast when the shim or DDR does better or worse than modelled. The
/// schedule reports its own estimate, never the fastest one's. The band is
/// narrower than the model's mean error (about 5%): in one run of the four
/// npu1 suite benches, 2% picked tilings that simulate faster than 5%
/// (geomeans +0.8 to +1.2 points) and than no band at all.
constexpr double kNearTieFraction = 0.02;

/// A small call is taken only when it is more than this fraction faster
/// than every large call: per-call overheads are the least certain part of
/// the model, and the pipeline's aim is calls far from the seed's (with the
/// narrow band alone, small npu2 MobileNetV2 calls won by 2-5% and
/// simulated up to 12% slower).
constexpr double kSmallCallMargin = 0.05;

/// A call this many times the seed's r x s x t micro-tile counts as large.
constexpr int64_t kLargeCallFactor = 64;

/// A split of the last round's last step (TileChoice::lastStepParts) is
/// taken on a tiling of several rounds only when the model has it this
/// fraction faster: it gains at most the last round's drain, and the model
/// prices it with less certainty than that.
constexpr double kLastRoundSplitMargin = 0.01;

/// The same with one accumulator buffer, where every round waits for its
/// drain and the split lengthens it in chunks: on npu2 the model saw gains
/// of 1-4% that simulated up to 11% slower, so it must see more than those
/// (ResNet-18 layer2 3x3 s2 bf16 on npu2: priced 5.5% faster, simulated
/// 4.0% faster).
constexpr double kSingleBufferSplitMargin = 0.05;

/// What the search remembers of one feasible candidate.
struct Scored {
  TileChoice choice;
  int64_t total;    ///< estimated cycles
  int64_t coreBusy; ///< max(compute, L2 <-> L1 DMA) of one core
  int64_t callMacs;
  int64_t l1Bytes;
  /// The call does at least kLargeCallFactor times the seed's one micro-tile
  /// (always true for depthwise, which has no channel reduction to grow).
  bool largeCall;

  /// Among near ties: less core time, then larger calls, then fewer
  /// cycles, then less L1.
  bool better(const Scored &o) const {
    if (coreBusy != o.coreBusy)
      return coreBusy < o.coreBusy;
    if (callMacs != o.callMacs)
      return callMacs > o.callMacs;
    if (total != o.total)
      return total < o.total;
    return l1Bytes < o.l1Bytes;
  }
};

/// Every core tile worth pricing under `strategy`: the sizes and L1
/// options, everything L1 depends on. Grid fields are left at their
/// defaults.
std::vector<TileChoice> coreTiles(const ConvSpec &spec,
                                  kernels::Device device, Strategy strategy) {
  const kernels::MicroTile mt = convVariant(device, spec.type)->tile;
  const bool depthwise = spec.op == ConvOp::DepthwiseNhwcHwc;
  const PaddedChannels padded = paddedChannels(spec, device);
  const std::vector<int64_t> icbs =
      depthwise ? std::vector<int64_t>{0}
                : dividingMultiples(padded.ic, padded.icStep, kMaxIcBlock);
  std::vector<TileChoice> tiles;
  TileChoice tile;
  tile.rows = getDeviceModel(device).coreRows;
  // Whether to split the last step is the cost model's to pick.
  tile.lastStepParts = 0;
  for (int64_t th : rowTiles(spec.oh(), kMaxRowTile))
    for (int64_t tw : columnTiles(spec.ow(), mt.r, kMaxColumnTile,
                                  joinsPixelRows(spec)))
      for (int64_t toc :
           dividingMultiples(padded.oc, padded.ocStep, kMaxChannelTile))
        for (int64_t icb : icbs)
          for (int64_t acc : {1, 2})
            // What the core keeps in L1: nothing, its weights, or its
            // input (im2col-l1 only; not depthwise, whose input follows
            // the channels, nor a reduction of one step, which has no
            // slabs to keep).
            for (auto [resident, kept] : {std::pair{false, false},
                                          std::pair{true, false},
                                          std::pair{false, true}})
              for (bool streamReduction : {false, true}) {
                // Depthwise has no reduction to stream; one ic block is
                // the whole reduction already.
                if ((streamReduction && (depthwise || icb == padded.ic)) ||
                    (kept && (depthwise || icb == padded.ic ||
                              strategy != Strategy::Im2colL1)))
                  continue;
                tile.th = th;
                tile.tw = tw;
                tile.toc = toc;
                tile.icb = depthwise ? toc : icb;
                tile.accBuffers = acc;
                tile.weightsResident = resident;
                tile.inputKept = kept;
                tile.l2IcBlock = streamReduction ? icb : 0;
                tiles.push_back(tile);
              }
  return tiles;
}

/// A way to spread core tiles over the array.
struct Grid {
  int64_t columns;
  CoreSplit coreSplit;
  ColumnSplit columnSplit;
};

std::vector<Grid> grids(const DeviceModel &dev) {
  std::vector<Grid> all;
  for (int64_t columns : gridSizes(dev.columns))
    for (CoreSplit core : {CoreSplit::ShareInput, CoreSplit::ShareWeights})
      for (ColumnSplit split : {ColumnSplit::Rows, ColumnSplit::Channels})
        // One column has nothing to split.
        if (columns > 1 || split == ColumnSplit::Rows)
          all.push_back({columns, core, split});
  return all;
}

/// On a schedule of several rounds whose parts the search left to the
/// model, the last round's split into 2, 4 or 8 parts, when the model has it
/// kLastRoundSplitMargin faster, and more parts only when they are that
/// much faster than fewer: every round then drains in more, smaller
/// transfers, each paying its overhead, which near the shim's write rate
/// the model does not see pile up (ResNet-50 i8 res3b_b2a: 4 parts priced
/// 0.1% faster than 2 simulated 4.3% slower). With two accumulator
/// buffers the earlier rounds drain their tiles (in as many chunks as
/// parts) while the next computes; with one, the wider margin above.
void splitLastRound(ConvSchedule &schedule, kernels::Device device,
                    Strategy strategy) {
  if (schedule.rounds <= 1 || schedule.tile.lastStepParts != 1)
    return;
  const double margin = schedule.tile.accBuffers == 2
                            ? kLastRoundSplitMargin
                            : kSingleBufferSplitMargin;
  for (int64_t parts : kLastStepPartCounts) {
    ConvSchedule split = schedule;
    TileChoice choice = schedule.tile;
    choice.lastStepParts = parts;
    if (evaluateTilingInto(split, device, strategy, choice) &&
        static_cast<double>(split.cycles.totalCycles) <
            static_cast<double>(schedule.cycles.totalCycles) *
                (1 - margin))
      schedule = std::move(split);
  }
}

/// Searches one concrete, non-seed strategy; `best` comes with its spec set.
bool searchStrategy(ConvSchedule &best, kernels::Device device,
                    Strategy strategy, SearchStats &stats) {
  const DeviceModel &dev = getDeviceModel(device);
  const std::vector<Grid> allGrids = grids(dev);
  ConvSchedule current = best;
  std::vector<Scored> contenders;
  int64_t fastest = std::numeric_limits<int64_t>::max();
  for (TileChoice choice : coreTiles(best.spec, device, strategy)) {
    for (const Grid &grid : allGrids) {
      choice.columns = grid.columns;
      choice.coreSplit = grid.coreSplit;
      choice.columnSplit = grid.columnSplit;
      ++stats.candidates;
      if (!evaluateTilingInto(current, device, strategy, choice)) {
        // An empty L1 means the sizes themselves were refused; they fail
        // under every grid, as does an L1 overflow.
        int64_t l1 = current.l1.total();
        if (l1 == 0 || l1 > dev.coreL1UsableBytes())
          break;
        continue;
      }
      ++stats.feasible;
      // Only candidates within the small-call margin of the fastest so far
      // can be picked.
      const CycleEstimate &e = current.cycles;
      fastest = std::min(fastest, e.totalCycles);
      if (static_cast<double>(e.totalCycles) >
          static_cast<double>(fastest) * (1 + kSmallCallMargin))
        continue;
      const kernels::MicroTile &mt = current.microTile;
      bool largeCall = current.spec.op == ConvOp::DepthwiseNhwcHwc ||
                       current.call.macs() >=
                           kLargeCallFactor * mt.r * mt.s * mt.t;
      contenders.push_back({choice, e.totalCycles,
                            std::max(e.computeCycles, e.l1DmaCycles),
                            current.call.macs(), current.l1.total(),
                            largeCall});
    }
  }
  if (contenders.empty())
    return false;
  // Large calls only, when one is within the margin of the fastest; then
  // the near ties of the fastest of the kind taken.
  int64_t fastestLarge = std::numeric_limits<int64_t>::max();
  for (const Scored &s : contenders)
    if (s.largeCall)
      fastestLarge = std::min(fastestLarge, s.total);
  const bool largeOnly = static_cast<double>(fastestLarge) <=
                         static_cast<double>(fastest) * (1 + kSmallCallMargin);
  const double limit =
      static_cast<double>(largeOnly ? fastestLarge : fastest) *
      (1 + kNearTieFraction);
  const Scored *pick = nullptr;
  for (const Scored &s : contenders)
    if ((s.largeCall || !largeOnly) && static_cast<double>(s.total) <= limit &&
        (!pick || s.better(*pick)))
      pick = &s;
  if (!evaluateTilingInto(best, device, strategy, pick->choice))
    return false;
  splitLastRound(best, device, strategy);
  best.call.symbol = ukernelSymbol(best);
  return true;
}

} // namespace

TileChoice seedTileChoice(const ConvSpec &spec, kernels::Device device) {
  const kernels::MatmulVariant *variant = convVariant(device, spec.type);
  kernels::MicroTile mt = variant ? variant->tile : kernels::MicroTile{1, 1, 1};
  PaddedChannels padded = paddedChannels(spec, device);
  TileChoice choice;
  choice.th = 1;
  choice.tw = mt.r;
  // Depthwise: the narrowest channel tile the depthwise ukernel takes.
  choice.toc = spec.op == ConvOp::DepthwiseNhwcHwc ? padded.ocStep : mt.t;
  choice.icb = spec.op == ConvOp::DepthwiseNhwcHwc ? choice.toc : mt.s;
  choice.columns = 1;
  choice.rows = getDeviceModel(device).coreRows;
  choice.coreSplit = CoreSplit::ShareWeights;
  choice.columnSplit = ColumnSplit::Rows;
  choice.accBuffers = 1;
  return choice;
}

/// Why no tiling of `strategy` fits: the verdict on its smallest tile.
static std::string explainNoTiling(const ConvSchedule &base,
                                   kernels::Device device, Strategy strategy) {
  ConvSchedule probe = base;
  TileChoice smallest = seedTileChoice(base.spec, device);
  smallest.accBuffers = 1;
  std::string why;
  if (evaluateTilingInto(probe, device, strategy, smallest, &why))
    return "no tiling fits";
  return "no tiling fits; the smallest tile fails with: " + why;
}

std::optional<ConvSchedule>
searchSchedule(const ConvSpec &spec, kernels::Device device, Strategy strategy,
               SearchStats *stats, std::string *whyNot) {
  SearchStats local;
  SearchStats &counts = stats ? *stats : local;
  ConvSchedule schedule;
  schedule.spec = spec;
  if (!convVariant(device, spec.type) ||
      paddedChannels(spec, device).ocStep == 0) {
    if (whyNot)
      *whyNot = "no ukernel variant for this type on this device";
    return std::nullopt;
  }
  if (strategy == Strategy::Seed) {
    ++counts.candidates;
    if (!evaluateTilingInto(schedule, device, strategy,
                            seedTileChoice(spec, device), whyNot))
      return std::nullopt;
    ++counts.feasible;
    schedule.call.symbol = ukernelSymbol(schedule);
    return schedule;
  }
  if (strategy != Strategy::Auto) {
    if (!searchStrategy(schedule, device, strategy, counts)) {
      if (whyNot)
        *whyNot = explainNoTiling(schedule, device, strategy);
      return std::nullopt;
    }
    return schedule;
  }
  ConvSchedule decompose = schedule;
  bool haveDecompose =
      searchStrategy(decompose, device, Strategy::Decompose, counts);
  bool havePatch = searchStrategy(schedule, device, Strategy::Im2colL1, counts);
  if (haveDecompose && (!havePatch || decompose.cycles.totalCycles <
                                          schedule.cycles.totalCycles))
    schedule = decompose;
  if (!haveDecompose && !havePatch) {
    if (whyNot)
      *whyNot = explainNoTiling(schedule, device, Strategy::Decompose);
    return std::nullopt;
  }
  schedule.requested = Strategy::Auto;
  return schedule;
}

} // namespace aieconv::target

//===- ConvSchedule.h - How one conv is spread over the array ---*- C++ -*-===//
//
// The result of tile selection for one convolution on one device: the
// strategy, the padded problem, the tile of every level (per core in L1, per
// column in the memtile), the core grid, the ukernel call every reduction step
// makes, the bytes each level holds, and the estimated cycles. The MLIR tiling
// stage realises it; the report prints it. Plain C++17, no MLIR.
//
// Sizes are in elements unless the name says bytes. Output positions are
// numbered per image; the batch n only multiplies the number of tiles.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_CONVSCHEDULE_H
#define AIECONV_TARGET_CONVSCHEDULE_H

#include "aieconv/Spec/ConvSpec.h"
#include "registry/UKernelRegistry.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aieconv::target {

/// How a convolution becomes ukernel calls (ARCHITECTURE.md, "Convolution
/// strategies").
enum class Strategy : uint8_t {
  /// The iree-amd-aie conv-decompose tiling: one micro-tile per call.
  Seed,
  /// kh, kw tiled to 1: one matmul per (kh, kw, ic block) over a shifted
  /// input window the DMA makes dense.
  Decompose,
  /// The input patch with its halo in L1; one conv call reduces over all
  /// taps of an ic block.
  Im2colL1,
  /// Whichever of Decompose and Im2colL1 the cost model prices lower.
  Auto,
};

/// "seed", "decompose", "im2col-l1", "auto" (the driver's --strategy values).
std::string_view toString(Strategy strategy);
std::optional<Strategy> parseStrategy(std::string_view text);

/// How the cores of one column divide the column's memtile tile.
enum class CoreSplit : uint8_t {
  /// Same output positions, different output channels: the memtile
  /// broadcasts one input stream to all cores, each gets its own weights.
  ShareInput,
  /// Same output channels, different output rows: the memtile broadcasts the
  /// weights, each core gets its own input rows.
  ShareWeights,
  /// Same output tile, different input channels: the cores of a column are
  /// one chain that splits the reduction (im2col-l1, one ic block per
  /// core). Each core reduces over its block and passes its partial sums to
  /// the next over the cascade stream; the last one adds its own and
  /// stores the tile. Each core holds only its block's weights.
  Cascade,
};

/// How the columns divide the layer.
enum class ColumnSplit : uint8_t {
  Rows,     ///< each column takes different output rows (weights fetched
            ///< by every column)
  Channels, ///< each column takes different output channels (input fetched
            ///< by every column)
};

/// The shape in which the layer's conv is tiled: the search may take
/// another shape of the same conv when the model prices it faster
/// (TileConvs), and the tiles are sizes in that shape.
enum class ConvForm : uint8_t {
  AsGiven,
  /// A 1x1 conv at unit stride with its pixels as one row (PixelFlatten.h).
  OneRow,
  /// The window's columns folded into the input channels (WindowFold.h).
  FoldedColumns,
  /// The whole window folded into the input channels: a 1x1 conv.
  FoldedWindow,
  /// The whole window folded, then the 1x1 conv's pixels as one row: a
  /// patch embedding's image of patches split without padding whole rows.
  FoldedWindowOneRow,
};

/// The order in which a column walks its memtile tiles. The operand of the
/// outer loop stays in the memtile across the inner loop; the other one is
/// fetched from DDR again for every tile, unless the memtile keeps every
/// input tile of the column.
enum class LoopOrder : uint8_t {
  ChannelsOuter, ///< weights stay, input streams per tile
  SpatialOuter,  ///< input stays, weights stream per tile
  /// Channels outer, and each input tile stays in the memtile once fetched,
  /// for the column's later channel blocks: both operands come once.
  ChannelsOuterKeepInput,
};

std::string_view toString(CoreSplit split);
std::string_view toString(ColumnSplit split);
std::string_view toString(LoopOrder order);
std::string_view toString(ConvForm form);

/// What a ukernel call computes.
enum class CallKind : uint8_t {
  /// C[M][N] += A[M][K] B[K][N]; a registry matmul variant.
  Matmul,
  /// Batch-reduce over the kh x kw taps of a channel-blocked input patch:
  /// C[M][N] += sum over taps of shifted A[M][icb] times B[tap][icb][N].
  /// K counts MACs per output: kh * kw * icb.
  ConvPatch,
  /// Depthwise: per channel vector MACs, no channel reduction. M output
  /// positions, N channels, K taps per call.
  DepthwiseVector,
};

std::string_view toString(CallKind kind);

/// The tile sizes and splits the search chooses; everything else in a
/// schedule follows from them and the strategy.
struct TileChoice {
  int64_t th = 1;      ///< output rows of one core's tile
  int64_t tw = 1;      ///< output columns of one core's tile (multiple of
                       ///< r, or th x tw is for a 1x1 im2col-l1 call)
  int64_t toc = 1;     ///< output channels of one core's tile (multiple of t;
                       ///< depthwise: of the depthwise ukernel's lanes)
  int64_t icb = 1;     ///< input channels per reduction step (multiple of s);
                       ///< depthwise: equals toc
  int64_t columns = 1; ///< columns used
  int64_t rows = 1;    ///< cores used per column
  CoreSplit coreSplit = CoreSplit::ShareInput;
  ColumnSplit columnSplit = ColumnSplit::Rows;
  /// 1: the accumulator drains to the memtile before the next tile starts;
  /// 2: the next tile accumulates while the previous one drains.
  int64_t accBuffers = 1;
  /// All weights of the core's channel tile (every tap and ic block) stay in
  /// one L1 buffer while the core walks its spatial tiles, loaded once per
  /// channel block; steps then move input only. Needs the channels-outer
  /// loop order, which it forces.
  bool weightsResident = false;
  /// The core keeps its input tile, every reduction step's slab, in L1
  /// while its column walks the output-channel blocks of those pixels (the
  /// keep-input order; spatial tiles outer where a column has several), so
  /// only the first block moves input to the core; input and weights then
  /// each come on both of the core's channels. Not with resident weights.
  bool inputKept = false;
  /// Input channels the memtile holds at a time (a multiple of icb that
  /// divides the padded ic); 0 for all of them. Below all, the memtile
  /// streams the reduction in chunks (the accumulator stays in L1 across
  /// them), which keeps deep layers' tiles small but reloads input and
  /// weights from DDR for every tile.
  int64_t l2IcBlock = 0;
  /// The calls the last reduction step of a core tile of the last round is
  /// split into, over groups of output-channel micro-tiles, each part
  /// drained right after its call so that the output starts leaving before
  /// compute ends (aieconv-split-last-step); 1: one call and one drain. 0:
  /// the cost model picks (the search's choice), from 1, 2, 4 and 8.
  int64_t lastStepParts = 1;
  /// The conv's shape that the sizes above are for.
  ConvForm form = ConvForm::AsGiven;
};

/// A TileChoice as text, "th=2,tw=8,toc=16,icb=32,acc=1,resident=0,l2icb=0,
/// columns=4,rows=4,cores=share-weights,split=rows" (and ",keepin=1" when
/// the core keeps its input, ",last=P" when the last step is split,
/// ",form=F" when the conv is tiled in another shape):
/// the schedule records it (`tile`) and a user can hand it back to fix the
/// tiling.
std::string formatTileChoice(const TileChoice &choice);
/// Parses formatTileChoice's text. th, tw, toc and icb are required; acc
/// and last default to 1, resident, keepin and l2icb to 0, cores to
/// share-input, split to rows, form to as-given, and columns and rows to 0
/// (the caller puts the device's in).
/// Nothing on unknown keys, repeated keys or bad values; `why` says which.
std::optional<TileChoice> parseTileChoice(std::string_view text,
                                          std::string &why);

/// The one ukernel call shape a schedule uses, and its modelled cost.
struct UKernelCall {
  CallKind kind = CallKind::Matmul;
  int64_t m = 0, n = 0, k = 0;
  int64_t cycles = 0; ///< one call, the registry's estimate
  /// The registry symbol the call links against.
  std::string symbol;
  int64_t macs() const { return m * n * k; }
};

/// Bytes one core holds in L1. Each buffer counted once per copy.
struct L1Usage {
  int64_t inputBytes = 0;  ///< one input buffer
  int64_t weightBytes = 0; ///< one weight buffer
  int64_t accBytes = 0;    ///< one accumulator buffer
  int64_t inputBuffers = 0, weightBuffers = 0, accBuffers = 0;
  int64_t total() const {
    return inputBytes * inputBuffers + weightBytes * weightBuffers +
           accBytes * accBuffers;
  }
};

/// Bytes one memtile holds: one tile of input, weights and output. An
/// operand the column loads more than once is double-buffered, so DDR
/// traffic overlaps the cores; one loaded once has one buffer.
struct L2Usage {
  int64_t inputBytes = 0, weightBytes = 0, outputBytes = 0;
  int64_t inputBuffers = 2, weightBuffers = 2, outputBuffers = 2;
  int64_t total() const {
    return inputBytes * inputBuffers + weightBytes * weightBuffers +
           outputBytes * outputBuffers;
  }
};

/// Estimated cycles at the device model's clock. See CostModel.h for the
/// formulas.
struct CycleEstimate {
  int64_t dmaStepCycles = 0;    ///< L2 -> L1 operands of one reduction step
  int64_t weightLoadCycles = 0; ///< resident weights, once per channel block
  int64_t drainCycles = 0;      ///< accumulator L1 -> L2 of one tile
  int64_t roundCycles = 0;      ///< one core tile, L1 pipeline included
  int64_t computeCycles = 0;    ///< per core: all ukernel calls
  int64_t l1DmaCycles = 0;      ///< per core: all L2 <-> L1 transfers
  int64_t shimReadCycles = 0;   ///< per column: DDR -> memtile
  int64_t shimWriteCycles = 0;  ///< per column: memtile -> DDR
  int64_t ddrCycles = 0;        ///< whole array: DDR bytes / DDR rate
  int64_t shimCycles = 0;       ///< max of the three above
  int64_t steadyCycles = 0;     ///< rounds x slowest overlapped stage
  int64_t fillCycles = 0;       ///< first tile in before any compute
  int64_t drainEndCycles = 0;   ///< last tile out after the last compute
  int64_t totalCycles = 0;
  /// "compute", "l1-dma" or "shim": the stage that sets steadyCycles;
  /// "unoverlapped" when each step's DMA and call run one after the other
  /// (Seed) and set it together.
  const char *bound = "";
};

struct ConvSchedule {
  ConvSpec spec;
  kernels::Device device = kernels::Device::Npu1;
  Strategy requested = Strategy::Auto;
  Strategy strategy = Strategy::Decompose; ///< never Auto
  /// r x s x t of the matmul variant (the conv variant shares it; for
  /// depthwise only r matters, tw is a multiple of it).
  kernels::MicroTile microTile;
  TileChoice tile;

  /// Channels rounded up to micro-tile multiples (ic to s, oc to t;
  /// depthwise channels to the depthwise ukernel's lanes). Tensors are
  /// zero-padded to these.
  int64_t icPadded = 0, ocPadded = 0;
  /// Output rows and columns covered by whole core tiles (>= oh, ow); the
  /// extra positions are computed on zero input and sliced away.
  int64_t ohPadded = 0, owPadded = 0;
  /// Input rows and columns the padded output reads, after the conv padding
  /// (>= ih + 2 ph, iw + 2 pw): the input is zero-padded to these.
  int64_t ihPadded = 0, iwPadded = 0;

  /// Filter taps one call covers: 1 (Seed, Decompose) or kh * kw.
  int64_t tapsPerCall = 1;
  int64_t icBlocks = 0;     ///< icPadded / icb (1 for depthwise)
  int64_t stepsPerTile = 0; ///< reduction steps = calls per core tile
  /// Cores a tile's reduction is chained over (CoreSplit::Cascade: the
  /// column's rows, each taking one of the steps), else 1. Steps one core
  /// runs one after another: stepsPerTile / cascadeLinks.
  int64_t cascadeLinks = 1;
  /// Inputs of step i + 1 arrive while step i computes (all but Seed).
  bool doubleBuffered = true;
  /// Core S2MM channels that carry the input of a step: 2 when the weights
  /// are resident and the input is broadcast (each channel brings half the
  /// rows), else 1 (the other one carries the weights).
  int64_t inputChannels = 1;
  /// Core S2MM channels that bring a resident weight block: each step's
  /// piece on both when one loop walks the block (it comes piece by
  /// piece); in slabs of whole steps when nested loops do (it comes whole
  /// before them), 2 when the steps split evenly, else 1.
  int64_t weightChannels = 1;
  /// Transfers a core's output tile leaves in, through the memtile to DDR:
  /// the memtile forwards each chunk while the core drains the next.
  int64_t outputChunks = 1;
  /// Cycles of one call of the last step split in `tile.lastStepParts`
  /// parts (0 when it is not split).
  int64_t partCallCycles = 0;

  /// Input rows and columns one core holds per step (Im2colL1: the patch
  /// with halo; Decompose, Seed: th and tw, the window the DMA gathers).
  int64_t l1InRows = 0, l1InCols = 0;

  /// One memtile tile: the output block of one column in one round.
  int64_t l2OutRows = 0, l2OutCols = 0, l2OutChannels = 0;
  /// Input rows and columns that block reads (halo included, strides
  /// skipped).
  int64_t l2InRows = 0, l2InCols = 0;
  /// The cores of a column share the weights and the memtile fetches
  /// their overlapping input windows as one region, their hull (the halo
  /// between them once): l2InRows x l2InCols is then the first group's.
  bool l2InputHull = false;
  /// Input channels per memtile chunk and chunks per tile (icPadded /
  /// l2IcBlock); the reduction runs ic block outer, taps inner, so each
  /// chunk is consumed before the next arrives.
  int64_t l2IcBlock = 0, l2Chunks = 1;
  LoopOrder loopOrder = LoopOrder::ChannelsOuter;
  /// Memtile tiles one column walks: spatial blocks x channel blocks.
  int64_t spatialTilesPerColumn = 0, channelTilesPerColumn = 0;
  int64_t columnsUsed = 0;
  /// Output tiles per core (= memtile tiles per column).
  int64_t rounds = 0;

  UKernelCall call;
  int64_t callsPerCore = 0; ///< rounds x stepsPerTile

  L1Usage l1;
  L2Usage l2;
  int64_t ddrBytes = 0; ///< whole layer, reads and writes

  CycleEstimate cycles;
  /// Layer MACs / (totalCycles x cores of the device x MACs per cycle).
  double peakFraction = 0;
};

/// A few human-readable lines: strategy, tiles per level, bytes per level,
/// calls, cycles and what bounds them.
std::string formatScheduleReport(const ConvSchedule &schedule);

/// The schedule as flat key/value pairs (keys like "l1.total_bytes"), for
/// JSON or CSV writers and for tests.
std::vector<std::pair<std::string, std::string>>
scheduleKeyValues(const ConvSchedule &schedule);

} // namespace aieconv::target

#endif // AIECONV_TARGET_CONVSCHEDULE_H

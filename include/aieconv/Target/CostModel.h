//===- CostModel.h - Pricing a tiling of one conv ---------------*- C++ -*-===//
//
// The analytic model that turns a strategy and a TileChoice into a complete
// ConvSchedule: footprints per level and estimated cycles. The tile search
// (TileSearch.h) enumerates choices and keeps the cheapest.
//
// Formulas (all integer cycles, ceil division):
//
//  ukernel call: the registry's cost description (registry/UKernelCost.h)
//    for the variant and shape the call uses: matmul in the row-major
//    layout the pipeline emits today (the blocked layout, whose micro-tiles
//    the DMA would write contiguously, is cheaper and not yet used), the conv
//    ukernel for Im2colL1, the depthwise ukernel. A shape the registry
//    refuses is not a candidate.
//  DMA transfer of b bytes on one channel: dmaOverhead + b / bytesPerCycle.
//  L2 -> L1 step: input and weights on the core's two S2MM channels:
//    dmaStep = max(xfer(input step bytes), xfer(weight step bytes)); with
//    resident weights the input alone, split over both channels when it is
//    broadcast (ShareInput), and xfer(all weights of the channel tile) once
//    per channel block, not overlapped.
//  drain: xfer(accumulator bytes) on a core MM2S channel, in up to 4
//    chunks of at least 4 KiB and of one size in whole words.
//  round (one core tile): double-buffered: steps max(call, dmaStep);
//    Seed (no double buffering): steps (call + dmaStep); a single
//    accumulator adds the drain; matmul and depthwise calls add the
//    zero-fill call that starts the tile (conv-patch calls start it
//    themselves).
//  DDR bytes, per column (input tiles include their halo; cores that split
//    the rows each stage their own, halo included, unless no other column
//    reads their windows: then a round's overlapping windows come as their
//    hull, per run of tiles in one tile row or per block of whole tile
//    rows, InputWindows.h; not under the seed tiling): channels-outer
//    loads the input every round and the weights once per channel block;
//    spatial-outer the input once per spatial block and the weights every
//    round; a streamed reduction (memtile chunks) loads both every round,
//    the weights once per channel block when they stay in L1;
//    channels-outer-keep-input (not depthwise, columns holding as many
//    tiles each) loads the weights like channels-outer and every input
//    tile (every chunk) once, into a memtile buffer of its own. The order
//    with fewer bytes that fits the memtile wins. An operand loaded more
//    than once per column has two memtile buffers, else one. Tiles move
//    between DDR and the memtile without the padding around the layer and
//    up to whole tiles: of an input tile, the share of its windows (per
//    axis, averaged over the tiles) that holds data (not the conv's
//    padding, nor the zeros a pad before it put around the input:
//    ConvSpec::zeroRows/zeroCols); of an output tile, oh ow / padded oh ow.
//    Along the channels, where each column walks every channel tile
//    (split=rows), input, weights and output count the layer's channels
//    only, not the padding nor what a last channel tile has beyond them.
//    Except where the cores split the rows and their windows (regions of
//    one memtile buffer) hold more than 4 amounts of data: those are taken
//    whole, as the program mostly moves them when their buffer
//    descriptors do not fit (an assumption; the model does not count
//    descriptors).
//  shim, per column: read = the busiest column's DDR input + weight bytes
//    over both shim MM2S channels (columns that split the rows take tiles
//    with different shares of data, dealt as the simulator deals them:
//    contiguous runs of the row-major tiles; the busiest paces its shim),
//    plus one transfer overhead per input transfer (one per core when
//    their slices differ: cores splitting the rows, and depthwise, whose
//    input follows the channels) and per weight transfer (one per core
//    when the cores share the input), of which columns that share an
//    operand each make their share (the simulator deals the regions of a
//    step one per column); write likewise
//    for the busiest column's outputs (one transfer per output chunk and
//    round: one buffer descriptor writes its cores' chunks); ddr = the
//    time DDR takes for all columns' reads and writes when, while both
//    run, each gets its max-min fair share of ddrBytesPerCycle (as the
//    simulator shares it), and the one left its shims' rate; shim =
//    max(read, write, ddr).
//  The pipeline's items are memtile chunks (rounds x chunks per round; one
//  chunk per round unless the memtile streams the reduction). They flow
//  through three stages (shim in, cores, shim out); each stage takes one
//  item in turn, then the slowest paces the remaining items - 1:
//    stage    = max(round / chunks, shim / items, drain / chunks if two
//               accumulators)
//    steady   = (items - 1) stage + round / chunks + resident weight loads
//    (with the input kept, the first channel block's items carry all input
//    reads and the later ones none: each block has its own stage; else
//    the items of a last channel tile that ends early, moving less, have
//    theirs)
//    fill     = first chunk from DDR (+ first dmaStep if double-buffered,
//               which forwards the memtile's pieces as they come: the
//               input's fetch and transfer, then the weights'; Seed's
//               rounds include their DMA)
//    drainEnd = last drain if two accumulators + last tile out to DDR
//    total    = max(steady + fill + drainEnd, ddr,
//                   first output + all writes), the first output being the
//                   fill, the first tile's steps (no sooner than its later
//                   chunks at the pace of the shim's reads alone, then the
//                   last chunk's steps) and one chunk's drain, and all
//                   writes max(shim write, written bytes / DDR rate)
//  Last step in P parts (TileChoice::lastStepParts; the search tries 2, 4
//    and 8): in the last round only (the earlier rounds' drains overlap the
//    next round already), the step takes P calls of toc / P channels
//    (part: the registry's cost) instead of one, and the drain comes part
//    by part, each after its call: lead = (P - 1) part, drain left after
//    the calls = max(xfer(acc / P), P xfer(acc / P) - lead), which a
//    single accumulator's round waits for in place of the drain; the steady
//    state's last item takes the extra calls (and that wait's change); one
//    chunk per part, and P chunks of a tile in the earlier rounds (the
//    same transfers); the tile out to DDR ends at max(xfer(acc / P) - lead
//    + write, drain left + write / P) + P overheads after the last call,
//    and with one round the first output leaves `lead` before it.
//  Cascade (CoreSplit::Cascade): a tile is a column's chain, one step per
//    core side by side, so round, compute and DMA count one step per core
//    (stepsPerTile / cascadeLinks); the call is the chain's slowest link
//    (partial sums in from the cascade); a resident block is one core's
//    ic block, fetched whole through one shim; the last link trails the
//    first by (links - 1) register blocks, once in the fill, and in every
//    round with one accumulator (the next tile waits for its drain).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_COSTMODEL_H
#define AIECONV_TARGET_COSTMODEL_H

#include "aieconv/Target/ConvSchedule.h"
#include "aieconv/Target/DeviceModel.h"
#include "aieconv/Target/UKernelCalls.h"

#include <optional>
#include <string>

namespace aieconv::target {

/// Cycles per DMA transfer beyond its bytes: buffer-descriptor start and the
/// lock acquire/release handshake with the consumer. Assumed, not measured;
/// the simulator is the place to calibrate it.
constexpr int64_t kDmaTransferOverheadCycles = 32;
/// The smallest chunk an output tile leaves the core in (4 KiB: 1024
/// cycles of a 4 B/cycle stream, against which a transfer's overhead is 3%).
constexpr int64_t kOutputChunkMinBytes = 4096;
/// A memtile buffer filled from DDR comes in up to 8 pieces of at least
/// 1 KiB (one buffer descriptor's iterations), each releasing its share of
/// the buffer's counting lock, so that the transfers on to the cores start
/// once the first one is in. (8 rather than 4: a resident weight block's
/// first piece is in sooner, MobileNetV2 i8 pw_576_96 on npu1 7576 -> 7360
/// cycles; 16 gained less than 0.3% more on npu1 and lost on npu2.)
constexpr int64_t kL2FillPieces = 8;
constexpr int64_t kL2FillPieceMinBytes = 1024;
/// The parts a last step may split into (TileChoice::lastStepParts) that
/// the model and the search try, beside 1.
constexpr int64_t kLastStepPartCounts[] = {2, 4, 8};

/// The pieces a memtile fill of `bytes` from DDR comes in.
int64_t l2FillPieces(int64_t bytes);

/// Cycles of one DMA transfer of `bytes` on one channel.
int64_t dmaTransferCycles(int64_t bytes, int64_t bytesPerCycle);

/// Whether a 1x1 unit-stride conv's patch calls may take a core tile's
/// pixel rows as one (kernels::ConvShape::withPixelRowsJoined), so that its
/// tiles need only th x tw, not tw, to be a multiple of the micro-tile's r.
bool joinsPixelRows(const ConvSpec &spec);

/// Builds the schedule that `choice` gives under `strategy` (not Auto), or
/// nothing when it breaks a rule (sizes not multiples of the micro-tile, a
/// call the registry refuses, L1 or memtile overflow, too many DMA
/// channels); `whyNot` then says which. The schedule's requested strategy
/// is `strategy`.
std::optional<ConvSchedule>
evaluateTiling(const ConvSpec &spec, kernels::Device device, Strategy strategy,
               const TileChoice &choice, std::string *whyNot = nullptr);

/// The same, writing into `schedule`, whose `spec` must already be set;
/// leaves `call.symbol` alone (building it costs more than the rest). This
/// is the search's inner loop.
bool evaluateTilingInto(ConvSchedule &schedule, kernels::Device device,
                        Strategy strategy, const TileChoice &choice,
                        std::string *whyNot = nullptr);

} // namespace aieconv::target

#endif // AIECONV_TARGET_COSTMODEL_H

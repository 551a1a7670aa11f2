//===- TransferTiming.h - How DMA transfers overlap, in cycles --*- C++ -*-===//
//
// The arithmetic lib/Target/CycleEstimate.cpp times the DMAs with, apart
// so that each rule is checked on its own (TransferTimingTest.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TARGET_TRANSFERTIMING_H
#define AIECONV_TARGET_TRANSFERTIMING_H

#include <cstdint>

namespace aieconv::target {

/// What the busiest of `sharers` columns fetches of `bytes` that come as
/// `slices` equal slices: the simulator deals a step's slices one per
/// column, so a column takes whole slices, not an even share of the bytes.
int64_t wholeSlicesShare(int64_t bytes, int64_t slices, int64_t sharers);

/// Two pipelined stages of `first` and `second` cycles, the second
/// forwarding the first's bytes in `pieces`: it starts a piece after the
/// first and ends a piece after it.
int64_t pipelinedStages(int64_t first, int64_t second, int64_t pieces);

/// The busiest of `channels` DMA channels, in cycles per step, when
/// `inputStreams` streams of `inputCycles` each and then `pieceStreams`
/// of `pieceCycles` are dealt to them in turn, as the DMA program deals a
/// memtile's streams to the cores (lib/Sim/RoundBuilder.cpp, channelFor).
int64_t busiestDealtChannel(int64_t inputStreams, int64_t inputCycles,
                            int64_t pieceStreams, int64_t pieceCycles,
                            int64_t channels);

/// Cycles for DDR to carry `reads` and `writes` bytes whose shims can move
/// them at `readRate` and `writeRate` (all columns), `capacity` bytes a
/// cycle in all: while both run, each gets its max-min fair share of the
/// capacity (as the simulator shares it), then the one left its own rate.
int64_t sharedDdrCycles(int64_t reads, int64_t writes, int64_t readRate,
                        int64_t writeRate, int64_t capacity);

} // namespace aieconv::target

#endif // AIECONV_TARGET_TRANSFERTIMING_H

//===- RoundBuilder.h - A round of core tiles as tasks ----------*- C++ -*-===//
//
// Private to lib/Sim. Turns the actions of the core tiles of one round
// (every column at once, TileActions.h) into transfers and computations on
// the device's channels and cores: memtile fills shared by the columns
// that read the same bytes, broadcasts to the cores, calls, drains. The
// rules and what they approximate are in lib/Sim/README.md.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_SIM_ROUNDBUILDER_H
#define AIECONV_LIB_SIM_ROUNDBUILDER_H

#include "IREval.h"
#include "TileActions.h"

#include "aieconv/Sim/SimProgram.h"
#include "aieconv/Target/ConvSchedule.h"
#include "aieconv/Target/DeviceModel.h"
#include "aieconv/Transforms/ScheduleEntries.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace aieconv::sim::detail {

/// Channels and cores of one column.
struct Column {
  std::vector<int> shimMm2s, shimS2mm, memMm2s, memS2mm;
  /// Memtile channels by use, so that no stream waits behind another kind
  /// in a channel's in-order queue: S2MM from the shim (one per shim MM2S
  /// channel) and from the cores; MM2S to the cores and to the shim.
  std::vector<int> memFromShim, memFromCores, memToCores, memToShim;
  std::vector<int> cores, coreMm2s;
  std::vector<std::vector<int>> coreS2mm; ///< [row][channel]
  /// Channel index of each stream, dealt out round-robin on first use.
  std::map<std::string, int> fillOf, toCoresOf;
  /// Per row, the memtile buffer of each chunk (or part) its output tile
  /// leaves in.
  std::vector<std::vector<int>> outBuffers;
  /// Bytes this column's shim has been given to fetch so far.
  int64_t shimBytes = 0;
};

/// One core's tile in a round: where it runs and what it does. A cascade
/// chain's tile is one slot for the column's cores: reduction step i runs
/// on row i, and the last row holds the accumulator.
struct Slot {
  int64_t column = 0, row = 0;
  std::vector<Action> actions;
  /// Cores the tile's reduction is chained over (1: the slot's row alone).
  int64_t links = 1;

  /// The core row that does `action`.
  int64_t rowOf(const Action &action) const {
    if (links == 1)
      return row;
    return action.step >= 0 ? action.step : links - 1;
  }
};

/// The simulator buffers of one core tile's allocations, each with the
/// elements of the allocation it holds: an L1 allocation filled slab by
/// slab is one buffer per slab, so that a step waits for its slab only.
class TileBuffers {
public:
  void set(mlir::Value root, ElementRange range, int buffer) {
    std::vector<std::pair<ElementRange, int>> &held = of[root];
    for (auto &[r, b] : held)
      if (r == range) {
        b = buffer;
        return;
      }
    held.emplace_back(range, buffer);
  }
  /// The buffers holding elements of `range` of `root`.
  std::vector<int> overlapping(mlir::Value root, ElementRange range) const {
    std::vector<int> result;
    auto it = of.find(root);
    if (it != of.end())
      for (const auto &[r, b] : it->second)
        if (detail::overlaps(r, range))
          result.push_back(b);
    return result;
  }
  /// A buffer of `root` (memtile buffers are whole), or -1.
  int any(mlir::Value root) const {
    auto it = of.find(root);
    return it == of.end() || it->second.empty() ? -1
                                                : it->second.front().second;
  }

private:
  llvm::DenseMap<mlir::Value, std::vector<std::pair<ElementRange, int>>> of;
};

/// A memtile buffer of a DDR copy and the regions it holds (several when
/// one fetch brought their hull).
struct L2Buffer {
  int id = -1;
  std::vector<RegionKey> held;
};

class RoundBuilder {
public:
  RoundBuilder(const target::DeviceModel &device, mlir::DictionaryAttr schedule,
               SimProgram &program)
      : device(device), schedule(schedule), program(program),
        outputChunks(std::clamp<int64_t>(
            scheduleInt(schedule, "l2.output_chunks", 1), 1, 64)),
        outputParts(std::clamp<int64_t>(
            scheduleInt(schedule, "l1.last_step_parts", 1), 1, 64)),
        inputHull(scheduleText(schedule, "l2.input_hull") == "true"),
        keepInput(scheduleText(schedule, "l2.loop_order") ==
                  llvm::StringRef(target::toString(
                      target::LoopOrder::ChannelsOuterKeepInput))) {}

  void addColumns(int64_t columns, int64_t rows);
  /// Adds the tasks of one round: the tiles every core runs in it, across
  /// all columns, so that cores of different columns reading the same bytes
  /// share one fetch and one broadcast.
  void addRound(const std::vector<Slot> &slots);

private:
  static int channelFor(std::map<std::string, int> &of, size_t channels,
                        const std::string &stream);
  int l1Buffer(int64_t column, int64_t row, const Action &action);
  bool feedsAnEmptyL1Buffer(const Slot &slot, size_t index);
  void addL2Fills(const std::vector<Slot> &slots, size_t index,
                  std::vector<TileBuffers> &bufferOf);
  void addL1Fills(const std::vector<Slot> &slots, size_t index,
                  std::vector<TileBuffers> &bufferOf);
  /// Where a slot's calls stand within a round.
  struct SlotCalls {
    /// The task of the last call whose result the drain waits for (-1:
    /// none yet), and how long after its end that result is ready.
    int lastCall = -1;
    int64_t resultDelay = 0;
    /// The links met so far of a cascade chain still open.
    std::vector<int> chainReads;
    int64_t chainCycles = 0, chainMacs = 0, chainBlockCycles = 0,
            chainLinks = 0;
  };
  /// The calls of action `index` of every slot: a task each, or, on a
  /// cascade, one task per chain once its last link is met.
  void addCalls(const std::vector<Slot> &slots, size_t index,
                const std::vector<TileBuffers> &bufferOf,
                std::vector<SlotCalls> &calls);
  /// A core's output chunk in its memtile buffer.
  struct OutputChunk {
    int64_t row = 0;
    int buffer = -1;
    int64_t bytes = 0;
  };
  /// Chunk `chunk` of `chunks` of what `action` drains of the output tile
  /// of core `r` of column `c`, drained to the core's memtile buffer
  /// `buffer`.
  OutputChunk addDrain(int64_t c, int64_t r, const Action &action, int acc,
                       int lastCall, int64_t lastCallDelay, int64_t chunk,
                       int64_t chunks, int64_t buffer);
  /// The writes to DDR of column `c`'s cores' output chunks, in the cores'
  /// order: one buffer descriptor iterated over adjacent buffers (as an
  /// object FIFO joins its producers'), each iteration taking its
  /// buffer's lock and following the one before, split over the shim's
  /// S2MM channels; like the pieces of a fill, only the first pays the
  /// transfer overhead.
  void addWrites(int64_t c, const std::vector<OutputChunk> &chunks);

  const target::DeviceModel &device;
  mlir::DictionaryAttr schedule;
  SimProgram &program;
  /// Chunks a core's output tile leaves in (`l2.output_chunks`).
  const int64_t outputChunks;
  /// Parts of a tile's last step, each drained on its own
  /// (`l1.last_step_parts`).
  const int64_t outputParts;
  /// The memtile fetches a column's overlapping input windows as their
  /// hull (`l2.input_hull`).
  const bool inputHull;
  /// Every input tile the memtile fetches stays there, in a buffer of its
  /// own, for the column's later channel blocks.
  const bool keepInput;
  std::vector<Column> columns;
  /// Per core, L1 allocation and range of it: the sim buffer, and what it
  /// holds.
  std::map<std::tuple<int64_t, int64_t, mlir::Operation *, int64_t, int64_t>,
           int>
      l1Buffers;
  std::map<int, uint64_t> l1Held;
  /// Memtile buffers of each DDR copy op, over all columns.
  std::map<mlir::Operation *, std::vector<L2Buffer>> l2Buffers;
  /// The column whose memtile holds each memtile buffer.
  std::map<int, int64_t> columnOfL2;
  /// A number per allocation or memtile copy: its buffers' family.
  std::map<mlir::Operation *, size_t> families;
};

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_ROUNDBUILDER_H

//===- SimProgram.h - What the array simulator runs -------------*- C++ -*-===//
//
// A program for the discrete-event simulator (Simulator.h), described as
// data: resources (cores and DMA channels), buffers with N slots guarded by
// locks, and tasks (transfers and computations) that each hold one or more
// resources for their whole duration. Built by hand in tests or from the
// scheduled IR (ProgramFromIR.h). Plain C++17, no MLIR.
//
// Ordering rules, the ones the hardware enforces:
//  * every resource runs its tasks in the order they were added (a core runs
//    its program in order, a DMA channel walks its buffer-descriptor chain in
//    order); a task needing several resources (a transfer holds the sending
//    and every receiving channel) starts when it is next on all of them;
//  * a task that fills a buffer writes the buffer's next version into slot
//    version % slots, and waits until every reader of the version that last
//    used that slot has finished (the consumer released the lock);
//  * a task that reads a buffer reads the version last filled before the
//    task was added, and waits until that fill has finished; a transfer
//    that forwards a buffer filled in pieces waits for the first piece only,
//    and ends a piece after the fill;
//  * `after` lists any other task that must finish first (and `afterDelay`
//    cycles more);
//  * transfers to or from L3 share ddrBytesPerCycle while they stream.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_SIM_SIMPROGRAM_H
#define AIECONV_SIM_SIMPROGRAM_H

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace aieconv::sim {

/// What kind of hardware a resource is; the report groups busy fractions by
/// it.
enum class ResourceKind : uint8_t { Core, CoreDma, MemtileDma, ShimDma };

/// The memory levels: L3 = DDR, L2 = memtile, L1 = core data memory.
enum class Level : uint8_t { L3, L2, L1 };

const char *toString(ResourceKind kind);
const char *toString(Level level);

/// A core or one DMA channel; executes one task at a time.
struct Resource {
  /// Unique; names the trace track ("core(0,2)", "shim0.mm2s.1").
  std::string name;
  /// The trace process the track belongs to ("column 0 shim").
  std::string group;
  ResourceKind kind = ResourceKind::Core;
  /// Stream rate of a DMA channel; 0 for cores.
  int64_t bytesPerCycle = 0;
  /// Which of its tile's buffer-descriptor pools a DMA channel draws from
  /// (a memtile's even and odd channels have 24 each; BufferDescriptors.h).
  int64_t descriptorPool = 0;
};

/// A buffer of `slots` equal slots (double buffering: 2) with one lock pair
/// per slot.
struct Buffer {
  std::string name;
  std::string group;
  Level level = Level::L1;
  int64_t slots = 1;
  /// Bytes of one slot (informative: the report sums them per level).
  int64_t bytes = 0;
  /// Buffers of one family are regions of one allocation (the slabs of an
  /// L1 buffer, the regions one memtile copy holds): a DMA reaches them
  /// all with one buffer descriptor stepping its address, so they count
  /// once (BufferDescriptors.h). Empty: a family of its own.
  std::string family;
  /// The family the transfers reading the buffer count it under, where
  /// that is wider: a column's output chunks, each core's drained by a
  /// BD of its own, go to DDR by one BD stepping over all the cores'
  /// buffers (lib/Sim/README.md, "Output writes"). Empty: `family`.
  std::string readFamily;
};

enum class TaskKind : uint8_t { Transfer, Compute };

/// One version of one buffer, as a task reads it.
struct BufferVersion {
  int buffer = -1;
  int64_t version = -1;
};

struct Task {
  std::string name;
  TaskKind kind = TaskKind::Compute;
  /// Resources held from start to end; never empty.
  std::vector<int> resources;

  /// Transfer: bytes moved, as `transfers` DMA transfers (an aggregate of
  /// several identical transfers pays the per-transfer overhead each time,
  /// the lanes side by side),
  /// and the levels it moves between. A broadcast moves its bytes once.
  int64_t bytes = 0;
  int64_t transfers = 1;
  /// Channel pairs the bytes are split over, each moving its share in
  /// parallel (a transfer holding two shim channels and two memtile
  /// channels with 2 lanes moves at twice a channel's rate).
  int64_t lanes = 1;
  Level from = Level::L3, to = Level::L2;
  /// Transfer into a buffer: the DMA program moves it in `pieces` equal
  /// runs of one buffer descriptor stepping its address, back to back (one
  /// transfer's overhead), each releasing its share of the buffer's counting
  /// lock, so a transfer that forwards the buffer can follow a piece behind.
  int64_t pieces = 1;
  /// Transfer out of buffers: where the version it reads comes in pieces,
  /// it starts once the first piece is in, and it ends no earlier than it
  /// takes to send a piece of the fill (or all it sends, if less) after the
  /// last one is in.
  bool forwardsPieces = false;

  /// Compute: cycles of the core and the MACs performed.
  int64_t cycles = 0;
  int64_t macs = 0;

  /// Buffers this task fills (one new version each; a broadcast fills one
  /// buffer per destination).
  std::vector<int> fills;
  /// Versions this task reads; filled in by SimProgram::addTask.
  std::vector<BufferVersion> reads;
  /// Tasks that must have finished before this one starts, and how many
  /// cycles after their end it starts at the earliest (what a chain of
  /// cores running in step still has to do after the first one is done).
  std::vector<int> after;
  int64_t afterDelay = 0;
};

class SimProgram {
public:
  /// Cycles a DMA transfer costs beyond its bytes (descriptor start and lock
  /// handshake); the cost model's kDmaTransferOverheadCycles by default.
  int64_t dmaOverheadCycles;
  /// Bytes per cycle DDR serves to all shim channels together; transfers
  /// to or from L3 share it while they stream. 0: no cap.
  int64_t ddrBytesPerCycle = 0;

  SimProgram();

  int addResource(Resource resource);
  int addBuffer(Buffer buffer);
  /// Adds `task`, reading the latest version added so far of each buffer in
  /// `readBuffers` (a buffer never filled is read without waiting, as the
  /// bytes were already there). Returns the task's id.
  int addTask(Task task, const std::vector<int> &readBuffers = {});

  /// A transfer of `bytes` from `from` to `to` holding `channels` (senders
  /// and receivers), as `transfers` transfers split over `lanes`.
  int addTransfer(std::string name, std::vector<int> channels, int64_t bytes,
                  Level from, Level to, std::vector<int> readBuffers,
                  std::vector<int> fillBuffers, int64_t transfers = 1,
                  int64_t lanes = 1);
  /// A computation of `cycles` on `core`.
  int addCompute(std::string name, int core, int64_t cycles, int64_t macs,
                 std::vector<int> readBuffers, std::vector<int> fillBuffers);

  /// Has `task` fill its buffers in `pieces` (Task::pieces).
  void fillInPieces(int task, int64_t pieces);
  /// Has `task` forward what it reads piece by piece (Task::forwardsPieces).
  void forwardPieces(int task) { tasks_[task].forwardsPieces = true; }

  /// Makes `task` wait for `before` to finish, and `delay` cycles more.
  void addDependency(int task, int before, int64_t delay = 0) {
    tasks_[task].after.push_back(before);
    tasks_[task].afterDelay = std::max(tasks_[task].afterDelay, delay);
  }

  const std::vector<Resource> &resources() const { return resources_; }
  const std::vector<Buffer> &buffers() const { return buffers_; }
  const std::vector<Task> &tasks() const { return tasks_; }
  /// Versions filled so far of `buffer`.
  int64_t versions(int buffer) const { return versions_[buffer]; }

  /// A transfer's overhead: its transfers spread over its lanes, each lane
  /// paying kDmaTransferOverheadCycles per transfer it starts.
  int64_t overheadCycles(const Task &task) const;
  /// Cycles `task` runs once started, alone: compute cycles, or a
  /// transfer's overhead plus its bytes over its stream rate.
  int64_t duration(const Task &task) const;
  /// Bytes per cycle a transfer streams at on its own: lanes x the slowest
  /// channel it holds.
  int64_t streamRate(const Task &task) const;
  /// Whether `task` streams to or from DDR under the ddrBytesPerCycle cap.
  bool sharesDdr(const Task &task) const;

private:
  std::vector<Resource> resources_;
  std::vector<Buffer> buffers_;
  std::vector<Task> tasks_;
  std::vector<int64_t> versions_;
};

} // namespace aieconv::sim

#endif // AIECONV_SIM_SIMPROGRAM_H

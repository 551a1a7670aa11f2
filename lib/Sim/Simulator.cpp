//===- Simulator.cpp - Discrete-event engine ------------------------------===//
//
// State per buffer version: whether its fill has finished and how many
// readers are still to finish; a version is released when both are true.
// Time only advances to the next event, so the run costs O(tasks x
// resources) regardless of the cycle counts. Events are task ends, and for
// transfers to or from DDR under a bandwidth cap the end of their fixed
// overhead, when they join the streams sharing DDR (SharedBandwidth.h);
// every join or end reschedules the ends of the other streams. A transfer
// filled in pieces also has an event when its first piece is in, which
// lets the transfers forwarding it start.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Sim/Simulator.h"

#include "SharedBandwidth.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <sstream>
#include <utility>

namespace aieconv::sim {
namespace {

/// Bookkeeping of one buffer version.
struct VersionState {
  int fillTask = -1;
  int64_t readersLeft = 0;
  bool filled = false;
  /// The fill moves in pieces and the first one is in.
  bool firstPieceIn = false;
  int64_t fillStart = -1;
  int64_t released = -1; ///< release time, -1 while held
};

class Engine {
public:
  explicit Engine(const SimProgram &program)
      : program(program), ddr(static_cast<double>(program.ddrBytesPerCycle)) {}
  SimResult run();

private:
  /// Whether `task` can start now; if not and `why` is given, says why.
  bool ready(int task, std::string *why = nullptr) const;
  void start(int task);
  void finish(int task);
  void release(int buffer, int64_t version);
  /// The first piece of `task`'s fill is in: forwarders may start.
  void firstPieceArrived(int task);
  /// Bytes of one of `task`'s pieces.
  static int64_t pieceBytes(const Task &task) {
    return (task.bytes + task.pieces - 1) / task.pieces;
  }
  /// Cycles the channels of `task` take to send `bytes` as one transfer.
  int64_t sendCycles(const Task &task, int64_t bytes) const {
    int64_t rate = std::max<int64_t>(program.streamRate(task), 1);
    return program.dmaOverheadCycles + (bytes + rate - 1) / rate;
  }
  /// Whether the forwarder `task` must wait for a fill still running before
  /// it can end; if so, it is queued behind that fill.
  bool waitsForFillToEnd(int task);
  std::string describeDeadlock() const;

  const SimProgram &program;
  SimResult result;
  int64_t now = 0;
  std::vector<std::vector<int>> queues; ///< per resource, its tasks in order
  std::vector<size_t> head;             ///< next task of each queue
  std::vector<int> running;             ///< task on each resource, or -1
  std::vector<std::vector<VersionState>> versions;
  /// Per task, the version of each buffer it fills.
  std::vector<std::vector<int64_t>> taskFillVersions;
  /// Per fill task, the forwarders whose end waits for it to finish.
  std::vector<std::vector<int>> forwardersWaiting;
  /// Per task filled in pieces, whether its first piece is in.
  std::vector<bool> firstPieceIn;
  /// Per task, the tasks that start a delay after it ends.
  std::vector<std::vector<int>> delayedDependents;

  /// A task's end, a DDR transfer's join of the shared streams, or the
  /// arrival of a transfer's first piece; an end or arrival whose stamp is
  /// older than the task's latest is stale.
  /// A Wake has no effect of its own: it brings time to the moment a
  /// delayed dependency (Task::afterDelay) is met.
  enum class EventKind : uint8_t { End, Join, FirstPiece, Wake };
  struct Event {
    int64_t time;
    uint64_t order;
    int task;
    EventKind kind;
    uint64_t stamp;
  };
  struct Later {
    bool operator()(const Event &a, const Event &b) const {
      return a.time != b.time ? a.time > b.time : a.order > b.order;
    }
  };
  void push(int64_t time, int task, EventKind kind) {
    events.push({time, nextOrder++, task, kind, stamps[task]});
  }
  /// New ends for every stream sharing DDR.
  void rescheduleStreams();

  std::priority_queue<Event, std::vector<Event>, Later> events;
  uint64_t nextOrder = 0;
  std::vector<uint64_t> stamps;
  detail::SharedBandwidth ddr;
};

void Engine::rescheduleStreams() {
  for (auto [task, end] : ddr.endTimes()) {
    ++stamps[task];
    push(end, task, EventKind::End);
    const Task &t = program.tasks()[task];
    if (t.pieces > 1 && !firstPieceIn[task])
      push(ddr.timeWhenLeft(task, double(t.bytes - pieceBytes(t))), task,
           EventKind::FirstPiece);
  }
}

void Engine::firstPieceArrived(int task) {
  firstPieceIn[task] = true;
  const Task &t = program.tasks()[task];
  for (size_t i = 0; i < t.fills.size(); ++i)
    versions[t.fills[i]][taskFillVersions[task][i]].firstPieceIn = true;
}

bool Engine::waitsForFillToEnd(int task) {
  const Task &t = program.tasks()[task];
  if (!t.forwardsPieces)
    return false;
  for (const BufferVersion &read : t.reads) {
    if (read.version < 0)
      continue;
    const VersionState &v = versions[read.buffer][read.version];
    if (!v.filled) {
      forwardersWaiting[v.fillTask].push_back(task);
      return true;
    }
  }
  return false;
}

bool Engine::ready(int task, std::string *why) const {
  auto no = [&](auto &&explain) {
    if (why)
      *why = explain();
    return false;
  };
  const Task &t = program.tasks()[task];
  if (result.tasks[task].start >= 0)
    return no([] { return std::string("already started"); });
  for (int r : t.resources) {
    const std::vector<int> &queue = queues[r];
    if (head[r] >= queue.size() || queue[head[r]] != task)
      return no(
          [&] { return "waits its turn on " + program.resources()[r].name; });
    if (running[r] >= 0)
      return no([&] {
        return program.resources()[r].name + " busy with '" +
               program.tasks()[running[r]].name + "'";
      });
  }
  for (int dep : t.after)
    if (result.tasks[dep].end < 0 ||
        result.tasks[dep].end + t.afterDelay > now)
      return no(
          [&] { return "waits for task '" + program.tasks()[dep].name + "'"; });
  for (const BufferVersion &read : t.reads) {
    if (read.version < 0)
      continue;
    const VersionState &v = versions[read.buffer][read.version];
    if (!v.filled && !(t.forwardsPieces && v.firstPieceIn))
      return no([&] {
        return "waits for fill " + std::to_string(read.version) + " of " +
               program.buffers()[read.buffer].name;
      });
  }
  for (size_t i = 0; i < t.fills.size(); ++i) {
    int buffer = t.fills[i];
    int64_t previous =
        taskFillVersions[task][i] - program.buffers()[buffer].slots;
    if (previous >= 0 && versions[buffer][previous].released < 0)
      return no([&] {
        return "waits for release of version " + std::to_string(previous) +
               " of " + program.buffers()[buffer].name + " (" +
               std::to_string(versions[buffer][previous].readersLeft) +
               " readers left)";
      });
  }
  return true;
}

void Engine::start(int task) {
  const Task &t = program.tasks()[task];
  result.tasks[task].start = now;
  for (int r : t.resources) {
    running[r] = task;
    ++head[r];
  }
  for (size_t i = 0; i < t.fills.size(); ++i)
    versions[t.fills[i]][taskFillVersions[task][i]].fillStart = now;
  if (program.sharesDdr(t)) {
    push(now + program.overheadCycles(t), task, EventKind::Join);
    return;
  }
  push(now + program.duration(t), task, EventKind::End);
  if (t.pieces > 1)
    push(now + sendCycles(t, pieceBytes(t)), task, EventKind::FirstPiece);
}

void Engine::release(int buffer, int64_t version) {
  VersionState &v = versions[buffer][version];
  v.released = now;
  result.occupancy[buffer].push_back(
      {version, v.fillStart < 0 ? 0 : v.fillStart, now});
}

void Engine::finish(int task) {
  const Task &t = program.tasks()[task];
  int64_t duration = now - result.tasks[task].start;
  result.tasks[task].end = now;
  for (int r : t.resources) {
    running[r] = -1;
    result.busyCycles[r] += duration;
  }
  if (t.kind == TaskKind::Transfer)
    result.bytes[static_cast<int>(t.from)][static_cast<int>(t.to)] += t.bytes;
  result.macs += t.macs;
  for (size_t i = 0; i < t.fills.size(); ++i) {
    VersionState &v = versions[t.fills[i]][taskFillVersions[task][i]];
    v.filled = true;
    if (v.readersLeft == 0)
      release(t.fills[i], taskFillVersions[task][i]);
  }
  // Forwarders that caught up with this fill send its last piece now: up
  // to a piece of the fill (all of a forwarder that reads no more).
  for (int forwarder : forwardersWaiting[task]) {
    const Task &f = program.tasks()[forwarder];
    ++stamps[forwarder];
    push(now + sendCycles(f, std::min(f.bytes, pieceBytes(t))), forwarder,
         EventKind::End);
  }
  forwardersWaiting[task].clear();
  for (int dependent : delayedDependents[task])
    push(now + program.tasks()[dependent].afterDelay, dependent,
         EventKind::Wake);
  for (const BufferVersion &read : t.reads) {
    if (read.version < 0)
      continue;
    VersionState &v = versions[read.buffer][read.version];
    if (--v.readersLeft == 0 && v.filled)
      release(read.buffer, read.version);
  }
}

std::string Engine::describeDeadlock() const {
  auto why = [&](int task) {
    std::string reason;
    ready(task, &reason);
    return reason;
  };
  std::ostringstream os;
  os << "deadlock at cycle " << now << ": no task can start; stuck:";
  int shown = 0, stuck = 0;
  std::vector<bool> seen(program.tasks().size(), false);
  for (size_t r = 0; r < queues.size(); ++r) {
    if (head[r] >= queues[r].size())
      continue;
    int task = queues[r][head[r]];
    if (seen[task])
      continue;
    seen[task] = true;
    ++stuck;
    if (shown++ < 12)
      os << "\n  '" << program.tasks()[task].name << "' on "
         << program.resources()[r].name << ": " << why(task);
  }
  if (shown > 12)
    os << "\n  ... and " << (stuck - 12) << " more";
  return os.str();
}

SimResult Engine::run() {
  const std::vector<Task> &tasks = program.tasks();
  size_t numResources = program.resources().size();
  result.tasks.assign(tasks.size(), {});
  result.busyCycles.assign(numResources, 0);
  result.occupancy.assign(program.buffers().size(), {});
  queues.assign(numResources, {});
  head.assign(numResources, 0);
  running.assign(numResources, -1);
  versions.assign(program.buffers().size(), {});
  for (size_t b = 0; b < program.buffers().size(); ++b)
    versions[b].resize(program.versions(static_cast<int>(b)));

  taskFillVersions.assign(tasks.size(), {});
  forwardersWaiting.assign(tasks.size(), {});
  firstPieceIn.assign(tasks.size(), false);
  delayedDependents.assign(tasks.size(), {});
  stamps.assign(tasks.size(), 0);
  std::vector<int64_t> nextVersion(program.buffers().size(), 0);
  for (size_t i = 0; i < tasks.size(); ++i) {
    const Task &t = tasks[i];
    if (t.resources.empty()) {
      result.ok = false;
      result.error = "task '" + t.name + "' holds no resource";
      return result;
    }
    for (int r : t.resources)
      queues[r].push_back(static_cast<int>(i));
    if (t.afterDelay > 0)
      for (int dep : t.after)
        delayedDependents[dep].push_back(static_cast<int>(i));
    for (int buffer : t.fills) {
      int64_t version = nextVersion[buffer]++;
      taskFillVersions[i].push_back(version);
      versions[buffer][version].fillTask = static_cast<int>(i);
    }
    for (const BufferVersion &read : t.reads)
      if (read.version >= 0)
        ++versions[read.buffer][read.version].readersLeft;
  }

  size_t finished = 0;
  while (finished < tasks.size()) {
    // Start everything that can start now; a start never enables another
    // start at the same instant except through the queue heads, so repeat
    // until nothing changes.
    bool progress = true;
    while (progress) {
      progress = false;
      for (size_t r = 0; r < numResources; ++r) {
        if (running[r] >= 0 || head[r] >= queues[r].size())
          continue;
        int task = queues[r][head[r]];
        if (ready(task)) {
          start(task);
          progress = true;
        }
      }
    }
    if (events.empty()) {
      result.ok = false;
      result.error = describeDeadlock();
      return result;
    }
    now = events.top().time;
    ddr.advance(now);
    bool streamsChanged = false;
    while (!events.empty() && events.top().time == now) {
      Event event = events.top();
      events.pop();
      const Task &t = tasks[event.task];
      if (event.kind == EventKind::Wake)
        continue;
      if (event.kind == EventKind::Join) {
        ddr.add(event.task, t.bytes, program.streamRate(t));
        streamsChanged = true;
        continue;
      }
      if (event.stamp != stamps[event.task])
        continue;
      if (event.kind == EventKind::FirstPiece) {
        if (!firstPieceIn[event.task] && result.tasks[event.task].end < 0)
          firstPieceArrived(event.task);
        continue;
      }
      if (waitsForFillToEnd(event.task))
        continue;
      if (program.sharesDdr(t)) {
        ddr.remove(event.task);
        streamsChanged = true;
      }
      finish(event.task);
      ++finished;
    }
    if (streamsChanged)
      rescheduleStreams();
  }
  result.totalCycles = now;
  return result;
}

} // namespace

SimResult simulate(const SimProgram &program) { return Engine(program).run(); }

} // namespace aieconv::sim

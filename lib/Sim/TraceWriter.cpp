//===- TraceWriter.cpp - Chrome trace-event JSON --------------------------===//

#include "aieconv/Sim/TraceWriter.h"

#include "aieconv/Sim/Json.h"

#include <map>
#include <string>
#include <vector>

namespace aieconv::sim {
namespace {

/// Numbers processes by group name and threads within each process, in the
/// order they are first met, and writes the metadata naming them.
class Tracks {
public:
  explicit Tracks(std::ostream &os) : os(os) {}

  /// Returns {pid, tid} of a new track `name` in process `group`.
  std::pair<int, int> add(const std::string &group, const std::string &name) {
    auto [it, inserted] =
        pids.try_emplace(group, static_cast<int>(pids.size()) + 1);
    int pid = it->second;
    if (inserted)
      meta(pid, 0, "process_name", group);
    int tid = ++threads[pid];
    meta(pid, tid, "thread_name", name);
    os << ",\n{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":" << pid
       << ",\"tid\":" << tid << ",\"args\":{\"sort_index\":" << tid << "}}";
    return {pid, tid};
  }

  /// Separator before the next event.
  void next() {
    if (!first)
      os << ",\n";
    first = false;
  }

private:
  void meta(int pid, int tid, const char *what, const std::string &name) {
    next();
    os << "{\"ph\":\"M\",\"name\":\"" << what << "\",\"pid\":" << pid
       << ",\"tid\":" << tid << ",\"args\":{\"name\":" << jsonQuote(name)
       << "}}";
  }

  std::ostream &os;
  std::map<std::string, int> pids;
  std::map<int, int> threads;
  bool first = true;
};

} // namespace

void writeChromeTrace(const SimProgram &program, const SimResult &result,
                      int64_t clockMHz, std::ostream &os) {
  double usPerCycle = 1.0 / static_cast<double>(clockMHz > 0 ? clockMHz : 1);
  auto event = [&](Tracks &tracks, std::pair<int, int> track,
                   const std::string &name, const char *category, int64_t start,
                   int64_t end, const std::string &args) {
    tracks.next();
    os << "{\"ph\":\"X\",\"name\":" << jsonQuote(name) << ",\"cat\":\""
       << category << "\",\"pid\":" << track.first
       << ",\"tid\":" << track.second
       << ",\"ts\":" << jsonNumber(start * usPerCycle)
       << ",\"dur\":" << jsonNumber((end - start) * usPerCycle) << ",\"args\":{"
       << args << "}}";
  };

  os << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
  Tracks tracks(os);
  std::vector<std::pair<int, int>> resourceTrack;
  for (const Resource &resource : program.resources())
    resourceTrack.push_back(tracks.add(resource.group, resource.name));
  std::vector<std::vector<std::pair<int, int>>> slotTrack;
  for (const Buffer &buffer : program.buffers()) {
    slotTrack.emplace_back();
    for (int64_t slot = 0; slot < buffer.slots; ++slot)
      slotTrack.back().push_back(
          tracks.add(buffer.group,
                     "lock " + buffer.name + "[" + std::to_string(slot) + "]"));
  }

  const std::vector<Task> &tasks = program.tasks();
  for (size_t i = 0; i < tasks.size(); ++i) {
    const TaskTiming &timing = result.tasks[i];
    if (timing.start < 0 || timing.end < 0)
      continue;
    const Task &task = tasks[i];
    bool transfer = task.kind == TaskKind::Transfer;
    std::string args = transfer ? "\"bytes\":" + std::to_string(task.bytes) +
                                      ",\"from\":\"" + toString(task.from) +
                                      "\",\"to\":\"" + toString(task.to) + "\""
                                : "\"cycles\":" + std::to_string(task.cycles) +
                                      ",\"macs\":" + std::to_string(task.macs);
    for (int resource : task.resources)
      event(tracks, resourceTrack[resource], task.name,
            transfer ? "dma" : "compute", timing.start, timing.end, args);
  }
  for (size_t b = 0; b < program.buffers().size(); ++b) {
    const Buffer &buffer = program.buffers()[b];
    for (const SlotInterval &held : result.occupancy[b])
      event(tracks, slotTrack[b][held.version % buffer.slots],
            buffer.name + " v" + std::to_string(held.version), "lock",
            held.start, held.end,
            "\"version\":" + std::to_string(held.version));
  }
  os << "\n]}\n";
}

} // namespace aieconv::sim

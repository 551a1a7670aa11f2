//===- SimProgram.cpp - Building a simulator program ----------------------===//

#include "aieconv/Sim/SimProgram.h"

#include "aieconv/Target/CostModel.h"

#include <algorithm>
#include <utility>

namespace aieconv::sim {

const char *toString(ResourceKind kind) {
  switch (kind) {
  case ResourceKind::Core:
    return "core";
  case ResourceKind::CoreDma:
    return "core-dma";
  case ResourceKind::MemtileDma:
    return "memtile-dma";
  case ResourceKind::ShimDma:
    return "shim-dma";
  }
  return "?";
}

const char *toString(Level level) {
  switch (level) {
  case Level::L3:
    return "L3";
  case Level::L2:
    return "L2";
  case Level::L1:
    return "L1";
  }
  return "?";
}

SimProgram::SimProgram()
    : dmaOverheadCycles(target::kDmaTransferOverheadCycles) {}

int SimProgram::addResource(Resource resource) {
  resources_.push_back(std::move(resource));
  return static_cast<int>(resources_.size()) - 1;
}

int SimProgram::addBuffer(Buffer buffer) {
  buffer.slots = std::max<int64_t>(buffer.slots, 1);
  buffers_.push_back(std::move(buffer));
  versions_.push_back(0);
  return static_cast<int>(buffers_.size()) - 1;
}

int SimProgram::addTask(Task task, const std::vector<int> &readBuffers) {
  for (int buffer : readBuffers)
    task.reads.push_back({buffer, versions_[buffer] - 1});
  for (int buffer : task.fills)
    ++versions_[buffer];
  tasks_.push_back(std::move(task));
  return static_cast<int>(tasks_.size()) - 1;
}

int SimProgram::addTransfer(std::string name, std::vector<int> channels,
                            int64_t bytes, Level from, Level to,
                            std::vector<int> readBuffers,
                            std::vector<int> fillBuffers, int64_t transfers,
                            int64_t lanes) {
  Task task;
  task.name = std::move(name);
  task.kind = TaskKind::Transfer;
  task.resources = std::move(channels);
  task.bytes = bytes;
  task.transfers = transfers;
  task.lanes = lanes;
  task.from = from;
  task.to = to;
  task.fills = std::move(fillBuffers);
  return addTask(std::move(task), readBuffers);
}

int SimProgram::addCompute(std::string name, int core, int64_t cycles,
                           int64_t macs, std::vector<int> readBuffers,
                           std::vector<int> fillBuffers) {
  Task task;
  task.name = std::move(name);
  task.kind = TaskKind::Compute;
  task.resources = {core};
  task.cycles = cycles;
  task.macs = macs;
  task.fills = std::move(fillBuffers);
  return addTask(std::move(task), readBuffers);
}

void SimProgram::fillInPieces(int task, int64_t pieces) {
  Task &t = tasks_[task];
  t.pieces = std::max<int64_t>(pieces, 1);
}

int64_t SimProgram::streamRate(const Task &task) const {
  // The slowest channel on the path sets the rate (a stream moves at the
  // rate of its narrowest hop), times the lanes it is split over.
  int64_t rate = 0;
  for (int resource : task.resources) {
    int64_t r = resources_[resource].bytesPerCycle;
    if (r > 0)
      rate = rate == 0 ? r : std::min(rate, r);
  }
  return rate * std::max<int64_t>(task.lanes, 1);
}

bool SimProgram::sharesDdr(const Task &task) const {
  return ddrBytesPerCycle > 0 && task.kind == TaskKind::Transfer &&
         task.bytes > 0 && (task.from == Level::L3 || task.to == Level::L3);
}

int64_t SimProgram::overheadCycles(const Task &task) const {
  // The lanes start their transfers side by side: each pays the overhead
  // of its own share of them.
  int64_t lanes = std::max<int64_t>(task.lanes, 1);
  return (task.transfers + lanes - 1) / lanes * dmaOverheadCycles;
}

int64_t SimProgram::duration(const Task &task) const {
  if (task.kind == TaskKind::Compute)
    return task.cycles;
  int64_t rate = streamRate(task);
  int64_t streamCycles = rate > 0 ? (task.bytes + rate - 1) / rate : 0;
  return overheadCycles(task) + streamCycles;
}

} // namespace aieconv::sim

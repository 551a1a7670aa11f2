//===- BufferDescriptors.cpp - BDs per tile -------------------------------===//

#include "aieconv/Sim/BufferDescriptors.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace aieconv::sim {

std::vector<TileDescriptors> countBufferDescriptors(const SimProgram &program) {
  const std::vector<Resource> &resources = program.resources();
  const std::vector<Buffer> &buffers = program.buffers();
  // A buffer's fills take its slots in turn, as the engine deals them.
  std::vector<int64_t> fillsSoFar(buffers.size(), 0);
  // A buffer's family (or its own name): one BD steps through them all.
  // Transfers that read it may count it under a wider one.
  std::vector<int> familyOf(buffers.size()), readFamilyOf(buffers.size());
  std::map<std::string, int> families;
  auto familyId = [&](const std::string &name) {
    return families.try_emplace(name, int(families.size())).first->second;
  };
  for (size_t b = 0; b < buffers.size(); ++b) {
    const Buffer &buffer = buffers[b];
    familyOf[b] = familyId(buffer.family.empty() ? buffer.name : buffer.family);
    readFamilyOf[b] =
        buffer.readFamily.empty() ? familyOf[b] : familyId(buffer.readFamily);
  }
  using Key = std::tuple<int, int, int64_t, int64_t>;
  using Pool = std::pair<std::string, int64_t>;
  std::map<Pool, std::set<Key>> keysOf;
  std::vector<Pool> order;
  for (const Resource &resource : resources) {
    Pool pool{resource.group, resource.descriptorPool};
    if ((resource.kind == ResourceKind::MemtileDma ||
         resource.kind == ResourceKind::CoreDma) &&
        !keysOf.count(pool)) {
      keysOf[pool];
      order.push_back(pool);
    }
  }
  for (const Task &task : program.tasks()) {
    if (task.kind != TaskKind::Transfer) {
      for (int buffer : task.fills)
        ++fillsSoFar[buffer];
      continue;
    }
    // Each lane's channel moves its share, transfer by transfer. A task of
    // no transfers of its own (a further iteration of the BD before it,
    // RoundBuilder::addWrites) still moves its share on every lane.
    const int64_t lanes = std::max<int64_t>(task.lanes, 1);
    const int64_t perLane =
        std::max<int64_t>((task.transfers + lanes - 1) / lanes, 1);
    const int64_t perTransfer = task.bytes / (lanes * perLane);
    // (buffer, family, slot) of the slots this transfer fills and reads;
    // its pieces are one BD's iterations.
    std::vector<std::tuple<int, int, int64_t>> touched;
    for (int buffer : task.fills)
      touched.emplace_back(buffer, familyOf[buffer],
                           fillsSoFar[buffer]++ % buffers[buffer].slots);
    // A buffer read before any fill holds its bytes from the start: slot 0.
    for (const BufferVersion &read : task.reads)
      touched.emplace_back(read.buffer, readFamilyOf[read.buffer],
                           std::max<int64_t>(read.version, 0) %
                               buffers[read.buffer].slots);
    for (int r : task.resources) {
      const Resource &channel = resources[r];
      auto keys = keysOf.find({channel.group, channel.descriptorPool});
      if (keys == keysOf.end())
        continue;
      // The channel moves the slots of its own tile's buffers.
      for (auto [buffer, family, slot] : touched)
        if (buffers[buffer].group == channel.group)
          keys->second.insert({r, family, slot, perTransfer});
    }
  }
  std::vector<TileDescriptors> result;
  for (const Pool &pool : order) {
    const std::set<Key> &keys = keysOf[pool];
    if (keys.empty())
      continue;
    int channel = std::get<0>(*keys.begin());
    result.push_back({pool.first, pool.second, resources[channel].kind,
                      static_cast<int64_t>(keys.size())});
  }
  return result;
}

} // namespace aieconv::sim

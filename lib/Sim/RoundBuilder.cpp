//===- RoundBuilder.cpp - A round of core tiles as simulator tasks --------===//

#include "RoundBuilder.h"

#include "aieconv/Target/CostModel.h"

using namespace mlir;

namespace aieconv::sim::detail {

namespace {
std::vector<int> concat(const std::vector<int> &a, const std::vector<int> &b) {
  std::vector<int> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}
} // namespace

void RoundBuilder::addColumns(int64_t numColumns, int64_t rows) {
  auto channels = [&](const std::string &group, const std::string &prefix,
                      ResourceKind kind, int64_t count, int64_t rate) {
    std::vector<int> ids;
    // A memtile's channels 0, 2, 4 and 1, 3, 5 draw from two pools of
    // buffer descriptors (DeviceModel::memtileDescriptorPools).
    int64_t pools =
        kind == ResourceKind::MemtileDma ? device.memtileDescriptorPools : 1;
    for (int64_t i = 0; i < count; ++i)
      ids.push_back(program.addResource(
          {prefix + "." + std::to_string(i), group, kind, rate, i % pools}));
    return ids;
  };
  for (int64_t c = 0; c < numColumns; ++c) {
    Column col;
    std::string cs = std::to_string(c);
    std::string shim = "column " + cs + " shim",
                mem = "column " + cs + " memtile";
    col.shimMm2s = channels(shim, "shim" + cs + ".mm2s", ResourceKind::ShimDma,
                            device.shimDma.mm2s, device.shimBytesPerCycle);
    col.shimS2mm = channels(shim, "shim" + cs + ".s2mm", ResourceKind::ShimDma,
                            device.shimDma.s2mm, device.shimBytesPerCycle);
    col.memMm2s = channels(mem, "mem" + cs + ".mm2s", ResourceKind::MemtileDma,
                           device.memtileDma.mm2s, device.streamBytesPerCycle);
    col.memS2mm = channels(mem, "mem" + cs + ".s2mm", ResourceKind::MemtileDma,
                           device.memtileDma.s2mm, device.streamBytesPerCycle);
    auto split = [](const std::vector<int> &all, size_t first,
                    std::vector<int> &head, std::vector<int> &tail) {
      first = std::min(std::max<size_t>(first, 1), all.size() - 1);
      head.assign(all.begin(), all.begin() + first);
      tail.assign(all.begin() + first, all.end());
    };
    split(col.memS2mm, col.shimMm2s.size(), col.memFromShim, col.memFromCores);
    // The output to the shim (one stream per shim S2MM channel) has the
    // last MM2S channels to itself, so that no operand stream queues
    // behind a result waiting for its round's compute; the streams to the
    // cores are dealt over the others.
    for (size_t i = 0; i < col.shimS2mm.size() && i + 1 < col.memMm2s.size();
         ++i)
      col.memToShim.push_back(col.memMm2s[col.memMm2s.size() - 1 - i]);
    col.memToCores.assign(col.memMm2s.begin(),
                          col.memMm2s.end() - col.memToShim.size());
    for (int64_t r = 0; r < rows; ++r) {
      std::string name = "core(" + cs + "," + std::to_string(r) + ")";
      col.cores.push_back(
          program.addResource({name, name, ResourceKind::Core, 0}));
      col.coreS2mm.push_back(
          channels(name, name + ".s2mm", ResourceKind::CoreDma,
                   device.coreDma.s2mm, device.streamBytesPerCycle));
      col.coreMm2s.push_back(channels(name, name + ".mm2s",
                                      ResourceKind::CoreDma, 1,
                                      device.streamBytesPerCycle)[0]);
      // A core's output chunks, or the parts its last step drains, are
      // regions of one memtile allocation, each a buffer of its own.
      col.outBuffers.emplace_back();
      std::string out = "out" + cs + "." + std::to_string(r);
      for (int64_t k = 0; k < std::max(outputChunks, outputParts); ++k)
        col.outBuffers.back().push_back(
            program.addBuffer({out + "." + std::to_string(k), mem, Level::L2,
                               scheduleInt(schedule, "l2.output_buffers", 2), 0,
                               out, "out" + cs}));
    }
    columns.push_back(std::move(col));
  }
}

int RoundBuilder::channelFor(std::map<std::string, int> &of, size_t channels,
                        const std::string &stream) {
  auto it = of.find(stream);
  if (it != of.end())
    return it->second;
  int channel = static_cast<int>(of.size() % std::max<size_t>(channels, 1));
  of.emplace(stream, channel);
  return channel;
}

int RoundBuilder::l1Buffer(int64_t column, int64_t row, const Action &action) {
  Operation *alloc = action.target.getDefiningOp();
  auto [it, inserted] = l1Buffers.try_emplace(
      {column, row, alloc, action.range.first, action.range.second}, -1);
  if (inserted) {
    bool weightsOnce = action.role == Role::Weights &&
                       (!action.inLoop || action.keptAcrossSteps);
    // A kept input's slabs are each a buffer of one slot (the schedule's
    // input buffers count the slabs).
    bool keptInput = action.role == Role::Input && action.keptAcrossSteps;
    int64_t slots = action.kind == Action::Zero
                        ? scheduleInt(schedule, "l1.acc_buffers", 1)
                    : keptInput ? 1
                                : scheduleInt(schedule,
                                              weightsOnce ? "l1.weight_buffers"
                                                          : "l1.input_buffers",
                                              1);
    std::string core = program.resources()[columns[column].cores[row]].name;
    auto family = families.try_emplace(alloc, families.size()).first;
    it->second = program.addBuffer(
        {core + "." + (action.kind == Action::Zero ? "acc" : "in") +
             std::to_string(l1Buffers.size() - 1),
         core, Level::L1, slots,
         staticBytes(action.target.getType()).value_or(0),
         core + ".alloc" + std::to_string(family->second)});
  }
  return it->second;
}

/// Whether the L2 fill at `index` of `slot` brings bytes that some L1 fill
/// reading it still needs (before the L2 buffer is filled again): a core
/// that keeps a slab needs no second fetch of it from DDR.
bool RoundBuilder::feedsAnEmptyL1Buffer(const Slot &slot, size_t index) {
  const Action &fill = slot.actions[index];
  bool read = false;
  for (size_t j = index + 1; j < slot.actions.size(); ++j) {
    const Action &a = slot.actions[j];
    if (a.kind == Action::L2Fill && a.target == fill.target)
      break;
    if (a.kind != Action::L1Fill || a.source != fill.target)
      continue;
    read = true;
    if (l1Held[l1Buffer(slot.column, slot.rowOf(a), a)] != a.content)
      return true;
  }
  return !read;
}

namespace {
/// One fetch from DDR of the input regions of some slots: their hull.
struct HullFetch {
  Box box;
  std::vector<size_t> members;
};
} // namespace

/// The fetch that brings slot `s`'s input region at `index`, by column
/// `owner`, with the regions that come with it as one hull: of the owner's
/// regions that no other column reads and no fetch brings yet, the
/// fetches are merged two at a time while the hull of two holds fewer
/// elements than they do apart (the halo that neighbouring windows share),
/// the pair that saves the most first; `s`'s fetch and what merged into
/// it.
static HullFetch hullGroup(const std::vector<Slot> &slots, size_t index,
                           size_t s, int64_t owner,
                           const std::vector<bool> &needed,
                           const std::vector<int> &bufferOfSlot) {
  const Action &a = slots[s].actions[index];
  HullFetch alone{a.ddrBox, {s}};
  if (a.role != Role::Input || volume(a.ddrBox) == 0 ||
      slots[s].column != owner)
    return alone;
  // Only regions no other column reads: those the columns share are dealt
  // to their shims one each, which fetch them side by side.
  auto ownersOnly = [&](size_t s2) {
    for (size_t o = 0; o < slots.size(); ++o)
      if (slots[o].column != owner &&
          slots[o].actions[index].key == slots[s2].actions[index].key)
        return false;
    return true;
  };
  if (!ownersOnly(s))
    return alone;
  std::vector<size_t> candidates;
  for (size_t s2 = s + 1; s2 < slots.size(); ++s2) {
    const Action &b = slots[s2].actions[index];
    bool known = b.key == a.key || llvm::any_of(candidates, [&](size_t c) {
                   return slots[c].actions[index].key == b.key;
                 });
    if (needed[s2] && bufferOfSlot[s2] < 0 && !known &&
        slots[s2].column == owner && b.ddrBox.size() == a.ddrBox.size() &&
        volume(b.ddrBox) > 0 && ownersOnly(s2))
      candidates.push_back(s2);
  }
  // Fetches of their own, then merged two at a time, the pair whose hull
  // saves the most first, while one saves any.
  std::vector<HullFetch> fetches{alone};
  for (size_t c : candidates)
    fetches.push_back({slots[c].actions[index].ddrBox, {c}});
  while (true) {
    int64_t bestSaving = 0;
    size_t bestI = 0, bestJ = 0;
    for (size_t i = 0; i < fetches.size(); ++i)
      for (size_t j = i + 1; j < fetches.size(); ++j) {
        int64_t saving = volume(fetches[i].box) + volume(fetches[j].box) -
                         volume(hull(fetches[i].box, fetches[j].box));
        if (saving > bestSaving) {
          bestSaving = saving;
          bestI = i;
          bestJ = j;
        }
      }
    if (bestSaving == 0)
      break;
    HullFetch &into = fetches[bestI];
    into.box = hull(into.box, fetches[bestJ].box);
    into.members.insert(into.members.end(), fetches[bestJ].members.begin(),
                        fetches[bestJ].members.end());
    fetches.erase(fetches.begin() + static_cast<std::ptrdiff_t>(bestJ));
  }
  return fetches.front();
}

void RoundBuilder::addL2Fills(const std::vector<Slot> &slots, size_t index,
                         std::vector<TileBuffers> &bufferOf) {
  Operation *op = slots.front().actions[index].op;
  std::vector<L2Buffer> &buffers = l2Buffers[op];
  std::vector<bool> needed(slots.size());
  for (size_t s = 0; s < slots.size(); ++s)
    needed[s] = feedsAnEmptyL1Buffer(slots[s], index);
  // The regions this round needs, each fetched once for all columns; a
  // region some memtile already holds stays where it is.
  std::vector<int> bufferOfSlot(slots.size(), -1);
  std::vector<bool> keep(buffers.size(), false);
  std::vector<int64_t> regionsOfStep(columns.size(), 0);
  for (size_t s = 0; s < slots.size(); ++s)
    for (size_t j = 0; j < buffers.size() && needed[s]; ++j)
      if (llvm::is_contained(buffers[j].held, slots[s].actions[index].key)) {
        bufferOfSlot[s] = static_cast<int>(j);
        keep[j] = true;
      }
  for (size_t s = 0; s < slots.size(); ++s) {
    if (bufferOfSlot[s] >= 0 || !needed[s])
      continue;
    const Action &a = slots[s].actions[index];
    // The fetch goes to the memtile, among the columns that need the
    // region, that has taken the fewest of this copy's regions in this
    // step, then whose shim has had the fewest bytes so far: the regions
    // of one step are dealt one per column (as whole-array designs bring
    // each row's operand through a shim of its own), so that no memtile
    // sends two of them on to the cores while another sends none.
    auto load = [&](int64_t c) {
      return std::make_pair(regionsOfStep[c], columns[c].shimBytes);
    };
    int64_t owner = slots[s].column;
    for (size_t s2 = s; s2 < slots.size(); ++s2)
      if (needed[s2] && slots[s2].actions[index].key == a.key &&
          load(slots[s2].column) < load(owner))
        owner = slots[s2].column;
    ++regionsOfStep[owner];
    // The overlapping regions of the owner's other cores come with this
    // one, as one fetch of their hull, where the hull holds fewer elements
    // than they do apart: the halo rows or columns that neighbouring windows
    // share are fetched once, and the cores' windows are regions of one
    // memtile buffer.
    const HullFetch fetch =
        inputHull ? hullGroup(slots, index, s, owner, needed, bufferOfSlot)
                  : HullFetch{a.ddrBox, {s}};
    const std::vector<size_t> &group = fetch.members;
    const int64_t bytes =
        group.size() > 1 ? volume(fetch.box) * a.elementBytes : a.bytes;
    // A kept input tile takes a fresh buffer of one slot: no tile the
    // column fetched is overwritten.
    const bool kept = keepInput && a.role == Role::Input;
    size_t j = kept ? buffers.size() : 0;
    while (j < buffers.size() &&
           (keep[j] || columnOfL2.at(buffers[j].id) != owner))
      ++j;
    if (j == buffers.size()) {
      int64_t bufferSlots =
          kept ? 1
               : scheduleInt(schedule,
                             a.role == Role::Weights ? "l2.weight_buffers"
                                                     : "l2.input_buffers",
                             2);
      L2Buffer buffer;
      auto family = families.try_emplace(op, families.size()).first;
      buffer.id = program.addBuffer(
          {"l2." + std::to_string(owner) + "." + a.name.str() + "." +
               std::to_string(j),
           "column " + std::to_string(owner) + " memtile", Level::L2,
           bufferSlots, bytes,
           "l2." + std::to_string(owner) + ".copy" +
               std::to_string(family->second)});
      columnOfL2[buffer.id] = owner;
      buffers.push_back(buffer);
      keep.push_back(false);
    }
    keep[j] = true;
    buffers[j].held.clear();
    for (size_t g : group)
      buffers[j].held.push_back(slots[g].actions[index].key);
    Column &col = columns[owner];
    col.shimBytes += bytes;
    // Split over every shim MM2S channel (each feeding one memtile S2MM
    // channel), as a DMA program splits a large transfer into BDs.
    // In pieces, which the transfers to the cores forward as they come.
    int fill = program.addTransfer(
        a.name.str() + " c" + std::to_string(owner),
        concat(col.shimMm2s, col.memFromShim), bytes, Level::L3, Level::L2,
        {}, {buffers[j].id}, 1,
        std::min(col.shimMm2s.size(), col.memFromShim.size()));
    program.fillInPieces(fill, target::l2FillPieces(bytes));
    for (size_t s2 = s; s2 < slots.size(); ++s2)
      if (needed[s2] && bufferOfSlot[s2] < 0 &&
          llvm::is_contained(buffers[j].held, slots[s2].actions[index].key))
        bufferOfSlot[s2] = static_cast<int>(j);
  }
  for (size_t s = 0; s < slots.size(); ++s)
    if (bufferOfSlot[s] >= 0)
      bufferOf[s].set(slots[s].actions[index].target, kWholeBuffer,
                      buffers[bufferOfSlot[s]].id);
}

void RoundBuilder::addL1Fills(const std::vector<Slot> &slots, size_t index,
                         std::vector<TileBuffers> &bufferOf) {
  std::vector<bool> done(slots.size(), false);
  // The memtile buffer the bytes come from; none when they stream from
  // DDR through the memtile's switch without being stored there.
  auto sourceOf = [&](size_t s) {
    return bufferOf[s].any(slots[s].actions[index].source);
  };
  for (size_t s = 0; s < slots.size(); ++s) {
    if (done[s])
      continue;
    const Action &a = slots[s].actions[index];
    int l2 = sourceOf(s);
    // Every core reading the same bytes at this point, in any column, gets
    // them from one broadcast transfer (the stream switches route it
    // across columns); a core whose buffer still holds them gets nothing.
    // From DDR, only the cores of one column share a stream.
    std::vector<int> channels, fills;
    for (size_t s2 = s; s2 < slots.size(); ++s2) {
      const Action &b = slots[s2].actions[index];
      if (sourceOf(s2) != l2 || b.source != a.source || b.key != a.key ||
          b.content != a.content ||
          (l2 < 0 && slots[s2].column != slots[s].column))
        continue;
      done[s2] = true;
      int buffer = l1Buffer(slots[s2].column, slots[s2].rowOf(b), b);
      bufferOf[s2].set(b.target, b.range, buffer);
      uint64_t &held = l1Held[buffer];
      if (held == b.content)
        continue;
      held = b.content;
      const std::vector<int> &coreChannels =
          columns[slots[s2].column].coreS2mm[slots[s2].rowOf(b)];
      for (int64_t part = 0; part < a.parts; ++part)
        channels.push_back(
            coreChannels[(a.copyIndex + part) % coreChannels.size()]);
      fills.push_back(buffer);
    }
    if (fills.empty())
      continue;
    int64_t source = l2 < 0 ? slots[s].column : columnOfL2.at(l2);
    Column &col = columns[source];
    // One stream per part, each from its own sending channel.
    for (int64_t part = a.parts - 1; part >= 0; --part) {
      std::string stream = "l1:" + std::to_string(a.copyIndex) + ":" +
                           (fills.size() > 1
                                ? "bcast"
                                : std::to_string(slots[s].column) + "." +
                                      std::to_string(slots[s].rowOf(a))) +
                           ":" + std::to_string(part);
      // A cascade's cores each have a memtile channel of their own (the
      // chain's links take their blocks side by side); a second part goes
      // on the next core's.
      int toCores =
          slots[s].links > 1
              ? static_cast<int>((slots[s].rowOf(a) + part) %
                                 int64_t(col.memToCores.size()))
              : channelFor(col.toCoresOf, col.memToCores.size(), stream);
      channels.insert(
          channels.begin(),
          a.fromDdr
              ? col.shimMm2s[channelFor(col.fillOf, col.memFromShim.size(),
                                        stream)]
              : col.memToCores[toCores]);
    }
    int fill = program.addTransfer(
        a.name.str() + " c" + std::to_string(slots[s].column) + " r" +
            std::to_string(slots[s].rowOf(a)) +
            (fills.size() > 1 ? " bcast" : ""),
        channels, a.bytes, a.fromDdr ? Level::L3 : Level::L2, Level::L1,
        l2 < 0 ? std::vector<int>{} : std::vector<int>{l2}, fills,
        a.count * a.parts, a.parts);
    program.forwardPieces(fill);
  }
}

RoundBuilder::OutputChunk
RoundBuilder::addDrain(int64_t c, int64_t r, const Action &a, int acc,
                       int lastCall, int64_t lastCallDelay, int64_t chunk,
                       int64_t chunks, int64_t buffer) {
  Column &col = columns[c];
  std::string where = " c" + std::to_string(c) + " r" + std::to_string(r);
  const int out = col.outBuffers[r][buffer];
  const int64_t bytes =
      a.bytes * (chunk + 1) / chunks - a.bytes * chunk / chunks;
  int drain = program.addTransfer(
      "drain" + where,
      {col.coreMm2s[r], col.memFromCores[r % col.memFromCores.size()]}, bytes,
      Level::L1, Level::L2,
      acc < 0 ? std::vector<int>{} : std::vector<int>{acc}, {out});
  // The calls update the accumulator in place: the drain follows the last.
  if (lastCall >= 0)
    program.addDependency(drain, lastCall, lastCallDelay);
  return {r, out, bytes};
}

void RoundBuilder::addWrites(int64_t c,
                             const std::vector<OutputChunk> &chunks) {
  Column &col = columns[c];
  int previous = -1;
  for (const OutputChunk &chunk : chunks) {
    int write = program.addTransfer(
        "out c" + std::to_string(c) + " r" + std::to_string(chunk.row),
        concat(col.memToShim, col.shimS2mm), chunk.bytes, Level::L2,
        Level::L3, {chunk.buffer}, {}, previous < 0 ? 1 : 0,
        std::min(col.memToShim.size(), col.shimS2mm.size()));
    if (previous >= 0)
      program.addDependency(write, previous);
    previous = write;
  }
}

void RoundBuilder::addCalls(const std::vector<Slot> &slots, size_t index,
                            const std::vector<TileBuffers> &bufferOf,
                            std::vector<SlotCalls> &calls) {
  for (size_t s = 0; s < slots.size(); ++s) {
    const Action &a = slots[s].actions[index];
    std::vector<int> reads;
    for (auto [operand, range] : llvm::zip(a.operands, a.operandRanges))
      for (int buffer : bufferOf[s].overlapping(operand, range))
        reads.push_back(buffer);
    SlotCalls &slot = calls[s];
    const std::vector<int> &cores = columns[slots[s].column].cores;
    if (slots[s].links == 1) {
      slot.lastCall = program.addCompute(a.name.str(), cores[slots[s].row],
                                         a.cycles, a.macs, reads, {});
      continue;
    }
    // The links of a cascade chain run in step, each a register block
    // behind the one before (the stream holds a few words): one task
    // holding every core of the chain for its slowest link, whose result
    // is ready (links - 1) blocks after it ends.
    slot.chainReads.insert(slot.chainReads.end(), reads.begin(), reads.end());
    slot.chainCycles = std::max(slot.chainCycles, a.cycles);
    slot.chainMacs += a.macs;
    slot.chainBlockCycles = std::max(slot.chainBlockCycles, a.blockCycles);
    ++slot.chainLinks;
    if (a.cascadeOut)
      continue;
    Task task;
    task.name = a.name.str() + " cascade";
    task.kind = TaskKind::Compute;
    task.resources.assign(cores.begin(), cores.begin() + slot.chainLinks);
    task.cycles = slot.chainCycles;
    task.macs = slot.chainMacs;
    slot.lastCall = program.addTask(std::move(task), slot.chainReads);
    slot.resultDelay = (slot.chainLinks - 1) * slot.chainBlockCycles;
    slot.chainReads.clear();
    slot.chainCycles = slot.chainMacs = slot.chainBlockCycles =
        slot.chainLinks = 0;
  }
}

void RoundBuilder::addRound(const std::vector<Slot> &slots) {
  std::vector<TileBuffers> bufferOf(slots.size());
  std::vector<SlotCalls> calls(slots.size());
  // The parts of a split last step (a tile that drains more than once)
  // drain whole to buffers of their own in turn, as the chunks of one
  // drain do: each buffer takes one drain a tile.
  const int64_t drains = llvm::count_if(
      slots.front().actions,
      [](const Action &a) { return a.kind == Action::Drain; });
  int64_t partsDrained = 0;
  for (size_t i = 0; i < slots.front().actions.size(); ++i) {
    switch (slots.front().actions[i].kind) {
    case Action::L2Fill:
      addL2Fills(slots, i, bufferOf);
      break;
    case Action::L1Fill:
      addL1Fills(slots, i, bufferOf);
      break;
    case Action::Zero:
      for (size_t s = 0; s < slots.size(); ++s) {
        const Action &a = slots[s].actions[i];
        int acc = l1Buffer(slots[s].column, slots[s].rowOf(a), a);
        bufferOf[s].set(a.target, a.range, acc);
        program.addCompute(a.name.str(),
                           columns[slots[s].column].cores[slots[s].rowOf(a)],
                           a.cycles, 0, {}, {acc});
      }
      break;
    case Action::Call:
      addCalls(slots, i, bufferOf, calls);
      break;
    case Action::Drain:
      // In `l2.output_chunks` chunks, each through a memtile buffer of its
      // own, so the memtile forwards one to DDR while the core drains the
      // next; the shim writes the cores' first chunks first.
      {
        std::vector<int> accOf(slots.size(), -1);
        for (size_t s = 0; s < slots.size(); ++s) {
          const Action &a = slots[s].actions[i];
          std::vector<int> acc = bufferOf[s].overlapping(a.source, a.range);
          if (!acc.empty())
            accOf[s] = acc.front();
        }
        const int64_t part = partsDrained++ % outputParts;
        const int64_t chunks = drains > 1 ? 1 : outputChunks;
        for (int64_t k = 0; k < chunks; ++k) {
          // A column's cores' chunks go to DDR by one buffer descriptor.
          std::map<int64_t, std::vector<OutputChunk>> written;
          for (size_t s = 0; s < slots.size(); ++s)
            written[slots[s].column].push_back(addDrain(
                slots[s].column, slots[s].rowOf(slots[s].actions[i]),
                slots[s].actions[i], accOf[s], calls[s].lastCall,
                calls[s].resultDelay, k, chunks, drains > 1 ? part : k));
          for (auto &[column, chunksOfCores] : written)
            addWrites(column, chunksOfCores);
        }
      }
      break;
    }
  }
}

} // namespace aieconv::sim::detail

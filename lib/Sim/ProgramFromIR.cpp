//===- ProgramFromIR.cpp - Scheduled IR to simulator program --------------===//
//
// Reads every core tile (forall iteration) of the scheduled IR with its
// indices bound, as a list of actions (fill L2, fill L1, zero, call, drain),
// deals the tiles out to columns, rows and rounds, and turns the actions
// into tasks on the device's channels and cores. lib/Sim/README.md gives the
// rules and what they approximate.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Sim/ProgramFromIR.h"

#include "IREval.h"
#include "TileActions.h"

#include "aieconv/Target/DeviceModel.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

#include <algorithm>
#include <map>

using namespace mlir;

namespace aieconv::sim {
namespace {

using detail::Action;

/// The schedule dictionary's integer entries (stored as strings).
int64_t scheduleInt(DictionaryAttr schedule, StringRef key, int64_t fallback) {
  auto text =
      schedule ? dyn_cast_or_null<StringAttr>(schedule.get(key)) : StringAttr();
  int64_t value;
  if (!text || text.getValue().getAsInteger(10, value))
    return fallback;
  return value;
}

std::vector<int> concat(const std::vector<int> &a, const std::vector<int> &b) {
  std::vector<int> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}

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
  /// L2 buffers of each DDR copy op, and the region each holds.
  std::map<Operation *, std::vector<int>> l2Buffers;
  std::map<Operation *, std::vector<std::string>> l2Held;
  std::vector<int> outBuffers;
};

class Builder {
public:
  Builder(const target::DeviceModel &device, DictionaryAttr schedule,
          SimProgram &program)
      : device(device), schedule(schedule), program(program) {}

  void addColumns(int64_t columns, int64_t rows);
  /// Adds the tasks of one round of one column: `tiles[r]` are the actions
  /// of the tile on row r.
  void addRound(int64_t column, const std::vector<std::vector<Action>> &tiles);

private:
  static int channelFor(std::map<std::string, int> &of, size_t channels,
                        const std::string &stream);
  int l1Buffer(int64_t column, int64_t row, const Action &action);
  void addL2Fills(int64_t c, const std::vector<const Action *> &actions,
                  std::vector<DenseMap<Value, int>> &bufferOf);
  void addL1Fills(int64_t c, const std::vector<const Action *> &actions,
                  std::vector<DenseMap<Value, int>> &bufferOf);
  void addDrain(int64_t c, int64_t r, const Action &action, int acc,
                int lastCall);

  const target::DeviceModel &device;
  DictionaryAttr schedule;
  SimProgram &program;
  std::vector<Column> columns;
  /// Per core and L1 allocation: the sim buffer and the region it holds.
  std::map<std::tuple<int64_t, int64_t, Operation *>, int> l1Buffers;
  std::map<int, std::string> l1Held;
};

void Builder::addColumns(int64_t numColumns, int64_t rows) {
  auto channels = [&](const std::string &group, const std::string &prefix,
                      ResourceKind kind, int64_t count, int64_t rate) {
    std::vector<int> ids;
    for (int64_t i = 0; i < count; ++i)
      ids.push_back(program.addResource(
          {prefix + "." + std::to_string(i), group, kind, rate}));
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
    // Streams to the cores are dealt from the first MM2S channel up, the
    // output to the shim (one stream per shim S2MM channel) from the last
    // down; they share a channel only when the column needs more streams
    // than the memtile has channels.
    col.memToCores = col.memMm2s;
    for (size_t i = 0; i < col.shimS2mm.size() && i < col.memMm2s.size(); ++i)
      col.memToShim.push_back(col.memMm2s[col.memMm2s.size() - 1 - i]);
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
      col.outBuffers.push_back(program.addBuffer(
          {"out" + cs + "." + std::to_string(r), mem, Level::L2,
           scheduleInt(schedule, "l2.output_buffers", 2), 0}));
    }
    columns.push_back(std::move(col));
  }
}

int Builder::channelFor(std::map<std::string, int> &of, size_t channels,
                        const std::string &stream) {
  auto it = of.find(stream);
  if (it != of.end())
    return it->second;
  int channel = static_cast<int>(of.size() % std::max<size_t>(channels, 1));
  of.emplace(stream, channel);
  return channel;
}

int Builder::l1Buffer(int64_t column, int64_t row, const Action &action) {
  Operation *alloc = action.target.getDefiningOp();
  auto [it, inserted] = l1Buffers.try_emplace({column, row, alloc}, -1);
  if (inserted) {
    bool weightsOnce = action.role == detail::Role::Weights && !action.inLoop;
    int64_t slots = action.kind == Action::Zero
                        ? scheduleInt(schedule, "l1.acc_buffers", 1)
                        : scheduleInt(schedule,
                                      weightsOnce ? "l1.weight_buffers"
                                                  : "l1.input_buffers",
                                      1);
    std::string core = program.resources()[columns[column].cores[row]].name;
    it->second = program.addBuffer(
        {core + "." + (action.kind == Action::Zero ? "acc" : "in") +
             std::to_string(l1Buffers.size() - 1),
         core, Level::L1, slots,
         detail::staticBytes(action.target.getType()).value_or(0)});
  }
  return it->second;
}

void Builder::addL2Fills(int64_t c, const std::vector<const Action *> &actions,
                         std::vector<DenseMap<Value, int>> &bufferOf) {
  Column &col = columns[c];
  Operation *op = actions.front()->op;
  std::vector<int> &buffers = col.l2Buffers[op];
  std::vector<std::string> &held = col.l2Held[op];
  // The regions this round needs, each once; a region the memtile already
  // holds stays where it is.
  std::vector<int> slotOfRow(actions.size(), -1);
  std::vector<bool> keep(held.size(), false);
  for (size_t r = 0; r < actions.size(); ++r)
    for (size_t j = 0; j < held.size(); ++j)
      if (held[j] == actions[r]->key) {
        slotOfRow[r] = static_cast<int>(j);
        keep[j] = true;
      }
  for (size_t r = 0; r < actions.size(); ++r) {
    if (slotOfRow[r] >= 0)
      continue;
    size_t j = 0;
    while (j < keep.size() && keep[j])
      ++j;
    if (j == buffers.size()) {
      const Action &a = *actions[r];
      int64_t slots =
          scheduleInt(schedule,
                      a.role == detail::Role::Weights ? "l2.weight_buffers"
                                                      : "l2.input_buffers",
                      2);
      buffers.push_back(program.addBuffer(
          {"l2." + std::to_string(c) + "." + a.name + "." + std::to_string(j),
           "column " + std::to_string(c) + " memtile", Level::L2, slots,
           a.bytes}));
      held.emplace_back();
      keep.push_back(false);
    }
    keep[j] = true;
    held[j] = actions[r]->key;
    const Action &a = *actions[r];
    // Split over every shim MM2S channel (each feeding one memtile S2MM
    // channel), as a DMA program splits a large transfer into BDs.
    program.addTransfer(a.name + " c" + std::to_string(c),
                        concat(col.shimMm2s, col.memFromShim), a.bytes,
                        Level::L3, Level::L2, {}, {buffers[j]}, 1,
                        std::min(col.shimMm2s.size(), col.memFromShim.size()));
    for (size_t r2 = r; r2 < actions.size(); ++r2)
      if (slotOfRow[r2] < 0 && actions[r2]->key == a.key)
        slotOfRow[r2] = static_cast<int>(j);
  }
  for (size_t r = 0; r < actions.size(); ++r)
    bufferOf[r][actions[r]->target] = buffers[slotOfRow[r]];
}

void Builder::addL1Fills(int64_t c, const std::vector<const Action *> &actions,
                         std::vector<DenseMap<Value, int>> &bufferOf) {
  Column &col = columns[c];
  std::vector<bool> done(actions.size(), false);
  for (size_t r = 0; r < actions.size(); ++r) {
    if (done[r])
      continue;
    const Action &a = *actions[r];
    // The memtile buffer the bytes come from; none when they stream from
    // DDR through the memtile's switch without being stored there.
    auto sourceOf = [&](size_t row) {
      auto it = bufferOf[row].find(actions[row]->source);
      return it == bufferOf[row].end() ? -1 : it->second;
    };
    int l2 = sourceOf(r);
    std::string key = std::to_string(l2) + "@" +
                      (l2 < 0 ? "" : std::to_string(program.versions(l2))) +
                      a.key;
    // Every row reading the same bytes at this point gets them from one
    // broadcast transfer; a row whose buffer still holds them gets nothing.
    std::vector<int> channels, fills;
    for (size_t r2 = r; r2 < actions.size(); ++r2) {
      const Action &b = *actions[r2];
      if (sourceOf(r2) != l2 || b.source != a.source || b.key != a.key)
        continue;
      done[r2] = true;
      int buffer = l1Buffer(c, r2, b);
      bufferOf[r2][b.target] = buffer;
      std::string &held = l1Held[buffer];
      if (held == key)
        continue;
      held = key;
      const std::vector<int> &coreChannels = col.coreS2mm[r2];
      for (int64_t part = 0; part < a.parts; ++part)
        channels.push_back(
            coreChannels[(a.copyIndex + part) % coreChannels.size()]);
      fills.push_back(buffer);
    }
    if (fills.empty())
      continue;
    // One stream per part, each from its own sending channel.
    for (int64_t part = a.parts - 1; part >= 0; --part) {
      std::string stream = "l1:" + std::to_string(a.copyIndex) + ":" +
                           (fills.size() > 1 ? "bcast" : std::to_string(r)) +
                           ":" + std::to_string(part);
      channels.insert(
          channels.begin(),
          a.fromDdr
              ? col.shimMm2s[channelFor(col.fillOf, col.memFromShim.size(),
                                        stream)]
              : col.memToCores[channelFor(col.toCoresOf,
                                          col.memToCores.size(), stream)]);
    }
    program.addTransfer(
        a.name + " c" + std::to_string(c) + " r" + std::to_string(r) +
            (fills.size() > 1 ? " bcast" : ""),
        channels, a.bytes, a.fromDdr ? Level::L3 : Level::L2, Level::L1,
        l2 < 0 ? std::vector<int>{} : std::vector<int>{l2}, fills,
        a.count * a.parts, a.parts);
  }
}

void Builder::addDrain(int64_t c, int64_t r, const Action &a, int acc,
                       int lastCall) {
  Column &col = columns[c];
  std::string where = " c" + std::to_string(c) + " r" + std::to_string(r);
  int drain = program.addTransfer(
      "drain" + where,
      {col.coreMm2s[r], col.memFromCores[r % col.memFromCores.size()]}, a.bytes,
      Level::L1, Level::L2,
      acc < 0 ? std::vector<int>{} : std::vector<int>{acc},
      {col.outBuffers[r]});
  // The calls update the accumulator in place: the drain follows the last.
  if (lastCall >= 0)
    program.addDependency(drain, lastCall);
  program.addTransfer("out" + where, concat(col.memToShim, col.shimS2mm),
                      a.bytes, Level::L2, Level::L3, {col.outBuffers[r]}, {}, 1,
                      std::min(col.memToShim.size(), col.shimS2mm.size()));
}

void Builder::addRound(int64_t c,
                       const std::vector<std::vector<Action>> &tiles) {
  Column &col = columns[c];
  std::vector<DenseMap<Value, int>> bufferOf(tiles.size());
  std::vector<int> lastCall(tiles.size(), -1);
  for (size_t i = 0; i < tiles.front().size(); ++i) {
    std::vector<const Action *> at;
    for (const std::vector<Action> &tile : tiles)
      at.push_back(&tile[i]);
    const Action &a = *at.front();
    switch (a.kind) {
    case Action::L2Fill:
      addL2Fills(c, at, bufferOf);
      break;
    case Action::L1Fill:
      addL1Fills(c, at, bufferOf);
      break;
    case Action::Zero:
      for (size_t r = 0; r < at.size(); ++r) {
        int acc = l1Buffer(c, r, *at[r]);
        bufferOf[r][at[r]->target] = acc;
        program.addCompute(a.name, col.cores[r], a.cycles, 0, {}, {acc});
      }
      break;
    case Action::Call:
      for (size_t r = 0; r < at.size(); ++r) {
        std::vector<int> reads;
        for (Value operand : at[r]->operands) {
          auto it = bufferOf[r].find(operand);
          if (it != bufferOf[r].end())
            reads.push_back(it->second);
        }
        lastCall[r] = program.addCompute(a.name, col.cores[r], a.cycles, a.macs,
                                         reads, {});
      }
      break;
    case Action::Drain:
      for (size_t r = 0; r < at.size(); ++r) {
        auto it = bufferOf[r].find(at[r]->source);
        addDrain(c, r, *at[r], it == bufferOf[r].end() ? -1 : it->second,
                 lastCall[r]);
      }
      break;
    }
  }
}

} // namespace

std::vector<func::FuncOp> scheduledFunctions(ModuleOp module) {
  std::vector<func::FuncOp> result;
  module.walk([&](func::FuncOp func) {
    bool found = false;
    func.walk([&](scf::ForallOp forall) {
      found |= forall->hasAttr("aieconv.schedule");
    });
    if (found)
      result.push_back(func);
  });
  return result;
}

std::optional<LayerProgram> buildProgram(func::FuncOp func,
                                         const ProgramOptions &options,
                                         std::string &error) {
  scf::ForallOp forall;
  func.walk([&](scf::ForallOp op) {
    if (!forall && op->hasAttr("aieconv.schedule"))
      forall = op;
  });
  if (!forall) {
    error =
        "no scf.forall with aieconv.schedule in @" + func.getSymName().str();
    return std::nullopt;
  }
  auto schedule = forall->getAttrOfType<DictionaryAttr>("aieconv.schedule");
  kernels::Device deviceId = kernels::Device::Npu1;
  if (options.device)
    deviceId = *options.device;
  else if (auto name = dyn_cast_or_null<StringAttr>(schedule.get("device")))
    deviceId = kernels::parseDevice(name.getValue().str()).value_or(deviceId);
  const target::DeviceModel &device = target::getDeviceModel(deviceId);

  std::optional<detail::ForallTiles> tiles =
      detail::readForall(forall, func, device, error);
  if (!tiles)
    return std::nullopt;

  LayerProgram layer;
  layer.facts.function = func.getSymName().str();
  layer.facts.device = deviceId;
  layer.facts.input = tiles->inputType;
  layer.facts.compulsoryReadBytes = tiles->compulsoryReadBytes;
  layer.facts.compulsoryWriteBytes = tiles->compulsoryWriteBytes;
  layer.facts.analyticCycles = scheduleInt(schedule, "cycles.total", 0);
  layer.layerOps = tiles->layerOps;
  layer.layerOpBytes = tiles->layerOpBytes;
  layer.coreTiles = static_cast<int64_t>(tiles->points.size());
  layer.columns = static_cast<int64_t>(tiles->deal.size());
  for (const std::vector<std::vector<size_t>> &rounds : tiles->deal) {
    layer.rounds = std::max<int64_t>(layer.rounds, rounds.size());
    for (const std::vector<size_t> &round : rounds)
      layer.rows = std::max<int64_t>(layer.rows, round.size());
  }

  // Steps of one tile decide how many are merged into one task.
  std::vector<Action> first;
  if (!detail::tileActions(*tiles, 0, device, first, error))
    return std::nullopt;
  layer.stepsPerTile = detail::countSteps(first);
  int64_t totalSteps = layer.stepsPerTile * layer.coreTiles;
  layer.stepsPerTask =
      std::clamp<int64_t>((totalSteps + options.maxSteps - 1) /
                              std::max<int64_t>(options.maxSteps, 1),
                          1, std::max<int64_t>(layer.stepsPerTile, 1));

  // aie2-facts.md, "measured DDR copy bandwidth", via the device model.
  layer.program.ddrBytesPerCycle = device.ddrBytesPerCycle;
  Builder builder(device, schedule, layer.program);
  builder.addColumns(layer.columns, layer.rows);
  // Rounds in time order across columns, so that a round of every column
  // is added before the next round of any (channels are per column, so
  // this only keeps the program readable).
  for (int64_t q = 0; q < layer.rounds; ++q) {
    for (int64_t c = 0; c < layer.columns; ++c) {
      if (q >= static_cast<int64_t>(tiles->deal[c].size()))
        continue;
      std::vector<std::vector<Action>> round;
      for (size_t tile : tiles->deal[c][q]) {
        round.emplace_back();
        if (!detail::tileActions(*tiles, tile, device, round.back(), error))
          return std::nullopt;
        detail::mergeSteps(round.back(), layer.stepsPerTask);
        if (round.back().size() != round.front().size()) {
          error = "core tiles of @" + layer.facts.function +
                  " differ in structure; the simulator needs uniform tiles";
          return std::nullopt;
        }
      }
      builder.addRound(c, round);
    }
  }
  return layer;
}

} // namespace aieconv::sim

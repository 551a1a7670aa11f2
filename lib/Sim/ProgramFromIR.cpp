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

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>
#include <numeric>

using namespace mlir;

namespace aieconv::sim {
namespace {

using detail::Action;
using detail::Env;

/// The schedule dictionary's integer entries (stored as strings).
int64_t scheduleInt(DictionaryAttr schedule, StringRef key, int64_t fallback) {
  auto text = schedule ? dyn_cast_or_null<StringAttr>(schedule.get(key))
                       : StringAttr();
  int64_t value;
  if (!text || text.getValue().getAsInteger(10, value))
    return fallback;
  return value;
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
          LayerProgram &layer)
      : device(device), schedule(schedule), layer(layer),
        program(layer.program) {}

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
  LayerProgram &layer;
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
    std::string shim = "column " + cs + " shim", mem = "column " + cs +
                                                      " memtile";
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
    split(col.memS2mm, col.shimMm2s.size(), col.memFromShim,
          col.memFromCores);
    // One MM2S channel carries the column's output to the shim (a round's
    // output is a fraction of what its cores read), the rest feed cores.
    split(col.memMm2s, col.memMm2s.size() - 1, col.memToCores,
          col.memToShim);
    for (int64_t r = 0; r < rows; ++r) {
      std::string name = "core(" + cs + "," + std::to_string(r) + ")";
      col.cores.push_back(
          program.addResource({name, name, ResourceKind::Core, 0}));
      col.coreS2mm.push_back(channels(name, name + ".s2mm",
                                      ResourceKind::CoreDma,
                                      device.coreDma.s2mm,
                                      device.streamBytesPerCycle));
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
    int64_t slots =
        action.kind == Action::Zero
            ? scheduleInt(schedule, "l1.acc_buffers", 1)
            : scheduleInt(schedule,
                          weightsOnce ? "l1.weight_buffers" : "l1.input_buffers",
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
      int64_t slots = scheduleInt(
          schedule,
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
    // One stream per memtile buffer, spread over the shim's channels.
    std::string stream =
        "l3:" + std::to_string(a.copyIndex) + ":" + std::to_string(j);
    program.addTransfer(
        a.name + " c" + std::to_string(c),
        {col.shimMm2s[channelFor(col.fillOf, col.memFromShim.size(), stream)],
         col.memFromShim[channelFor(col.fillOf, col.memFromShim.size(),
                                    stream)]},
        a.bytes, Level::L3, Level::L2, {}, {buffers[j]});
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
    auto source = bufferOf[r].find(a.source);
    int l2 = source == bufferOf[r].end() ? -1 : source->second;
    std::string key = std::to_string(l2) + "@" +
                      (l2 < 0 ? "" : std::to_string(program.versions(l2))) +
                      a.key;
    // Every row reading the same bytes at this point gets them from one
    // broadcast transfer; a row whose buffer still holds them gets nothing.
    std::vector<int> channels, fills;
    for (size_t r2 = r; r2 < actions.size(); ++r2) {
      const Action &b = *actions[r2];
      auto s2 = bufferOf[r2].find(b.source);
      if (s2 == bufferOf[r2].end() || s2->second != l2 || b.key != a.key)
        continue;
      done[r2] = true;
      int buffer = l1Buffer(c, r2, b);
      bufferOf[r2][b.target] = buffer;
      std::string &held = l1Held[buffer];
      if (held == key)
        continue;
      held = key;
      channels.push_back(col.coreS2mm[r2][a.copyIndex % col.coreS2mm[r2].size()]);
      fills.push_back(buffer);
    }
    if (fills.empty())
      continue;
    std::string stream = "l1:" + std::to_string(a.copyIndex) + ":" +
                         (fills.size() > 1 ? "bcast" : std::to_string(r));
    channels.insert(channels.begin(),
                    col.memToCores[channelFor(col.toCoresOf,
                                              col.memToCores.size(), stream)]);
    program.addTransfer(a.name + " c" + std::to_string(c) + " r" +
                            std::to_string(r) +
                            (fills.size() > 1 ? " bcast" : ""),
                        channels, a.bytes, Level::L2, Level::L1,
                        l2 < 0 ? std::vector<int>{} : std::vector<int>{l2},
                        fills, a.count);
  }
}

void Builder::addDrain(int64_t c, int64_t r, const Action &a, int acc,
                       int lastCall) {
  Column &col = columns[c];
  std::string where = " c" + std::to_string(c) + " r" + std::to_string(r);
  int drain = program.addTransfer(
      "drain" + where,
      {col.coreMm2s[r],
       col.memFromCores[r % col.memFromCores.size()]},
      a.bytes, Level::L1, Level::L2, acc < 0 ? std::vector<int>{}
                                            : std::vector<int>{acc},
      {col.outBuffers[r]});
  // The calls update the accumulator in place: the drain follows the last.
  if (lastCall >= 0)
    program.addDependency(drain, lastCall);
  program.addTransfer("out" + where,
                      {col.memToShim[r % col.memToShim.size()],
                       col.shimS2mm[r % col.shimS2mm.size()]},
                      a.bytes, Level::L2, Level::L3, {col.outBuffers[r]}, {});
}

void Builder::addRound(int64_t c, const std::vector<std::vector<Action>> &tiles) {
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
        lastCall[r] =
            program.addCompute(a.name, col.cores[r], a.cycles, a.macs, reads,
                               {});
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
    error = "no scf.forall with aieconv.schedule in @" + func.getSymName().str();
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
  layer.rows = std::clamp<int64_t>(scheduleInt(schedule, "grid.rows",
                                               device.coreRows),
                                   1, device.coreRows);
  layer.columns = std::clamp<int64_t>(
      scheduleInt(schedule, "grid.columns_used", device.columns), 1,
      device.columns);
  int64_t groups = (layer.coreTiles + layer.rows - 1) / layer.rows;
  layer.rounds = (groups + layer.columns - 1) / layer.columns;

  // Steps of one tile decide how many are merged into one task.
  std::vector<Action> first;
  if (!detail::tileActions(*tiles, 0, device, first, error))
    return std::nullopt;
  layer.stepsPerTile = detail::countSteps(first);
  int64_t totalSteps = layer.stepsPerTile * layer.coreTiles;
  layer.stepsPerTask = std::clamp<int64_t>(
      (totalSteps + options.maxSteps - 1) / std::max<int64_t>(options.maxSteps, 1),
      1, std::max<int64_t>(layer.stepsPerTile, 1));

  Builder builder(device, schedule, layer);
  builder.addColumns(layer.columns, layer.rows);
  // Group g (rows consecutive tiles in the sharing order) is round
  // g % rounds of column g / rounds: each column takes a contiguous block.
  for (int64_t g = 0; g < groups; ++g) {
    std::vector<std::vector<Action>> round;
    for (int64_t r = 0; r < layer.rows; ++r) {
      int64_t tile = g * layer.rows + r;
      if (tile >= layer.coreTiles)
        break;
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
    builder.addRound(g / layer.rounds, round);
  }
  return layer;
}

} // namespace aieconv::sim

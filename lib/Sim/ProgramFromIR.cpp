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

#include "RoundBuilder.h"

#include "aieconv/Sim/BufferDescriptors.h"
#include "aieconv/Sim/Simulator.h"

#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/DeviceModel.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

#include <algorithm>
#include <map>

using namespace mlir;

namespace aieconv::sim {

using detail::Action;
using detail::RoundBuilder;
using detail::Slot;

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

/// The actions of every core tile, round by round, each round the slots of
/// every column.
/// `actionsPerTile` (those of the first tile, before merging) sizes each
/// tile's list once.
static bool readRounds(const LayerProgram &layer, detail::ForallTiles &tiles,
                       const target::DeviceModel &device,
                       size_t actionsPerTile,
                       std::vector<std::vector<Slot>> &rounds,
                       std::string &error) {
  for (int64_t q = 0; q < layer.rounds; ++q) {
    std::vector<Slot> &round = rounds.emplace_back();
    for (int64_t c = 0; c < layer.columns; ++c) {
      if (q >= static_cast<int64_t>(tiles.deal[c].size()))
        continue;
      for (auto [row, tile] : llvm::enumerate(tiles.deal[c][q])) {
        Slot slot;
        slot.column = c;
        slot.row = static_cast<int64_t>(row);
        slot.links = tiles.cascadeLinks;
        slot.actions.reserve(actionsPerTile);
        if (!detail::tileActions(tiles, tile, device, slot.actions, error))
          return false;
        detail::mergeSteps(slot.actions, layer.stepsPerTask);
        if (!round.empty() &&
            slot.actions.size() != round.front().actions.size()) {
          error = "core tiles of @" + layer.facts.function +
                  " differ in structure; the simulator needs uniform tiles";
          return false;
        }
        round.push_back(std::move(slot));
      }
    }
  }
  return true;
}

/// `layer.program` built anew from `rounds`.
static void buildRounds(LayerProgram &layer,
                        const std::vector<std::vector<Slot>> &rounds,
                        const target::DeviceModel &device,
                        DictionaryAttr schedule) {
  layer.program = SimProgram();
  // aie2-facts.md, "measured DDR copy bandwidth", via the device model.
  layer.program.ddrBytesPerCycle = device.ddrBytesPerCycle;
  RoundBuilder builder(device, schedule, layer.program);
  builder.addColumns(layer.columns, layer.rows);
  // A round of every column at once: the cores of all columns that read
  // the same bytes in a round share the fetch and the broadcast.
  for (const std::vector<Slot> &round : rounds)
    builder.addRound(round);
}

/// Whether some tile's DMA program needs more buffer descriptors than the
/// tile holds.
static bool overDescriptorBudget(const SimProgram &program,
                                 const target::DeviceModel &device) {
  for (const TileDescriptors &tile : countBufferDescriptors(program))
    if (tile.count > (tile.kind == ResourceKind::MemtileDma
                          ? device.memtilePoolDescriptors()
                          : device.coreBufferDescriptors))
      return true;
  return false;
}

/// Swaps the data bytes and the whole bytes of the copies of `kind`
/// (L2 fills or drains): twice restores them.
static void swapWholeBytes(std::vector<std::vector<Slot>> &rounds,
                           Action::Kind kind) {
  for (std::vector<Slot> &round : rounds)
    for (Slot &slot : round)
      for (Action &action : slot.actions)
        if (action.kind == kind) {
          std::swap(action.bytes, action.wholeBytes);
          std::swap(action.ddrBox, action.wholeDdrBox);
        }
}

/// Padding bytes the copies of `kind` leave out.
static int64_t paddingBytes(const std::vector<std::vector<Slot>> &rounds,
                            Action::Kind kind) {
  int64_t bytes = 0;
  for (const std::vector<Slot> &round : rounds)
    for (const Slot &slot : round)
      for (const Action &action : slot.actions)
        if (action.kind == kind)
          bytes += action.wholeBytes - action.bytes;
  return bytes;
}

/// Moving only the layer's data gives the edge tiles transfers of their
/// own sizes, each a buffer descriptor more. Where that is more than a tile
/// holds, the input fills or the drains move whole tiles, padding
/// included: of the two kinds that have padding to leave out, each alone
/// where the program then fits, the one the simulation runs sooner (the
/// padding costs the most on the direction that bounds the layer); both
/// when neither alone fits.
static void fitDescriptorBudget(LayerProgram &layer,
                                std::vector<std::vector<Slot>> &rounds,
                                const target::DeviceModel &device,
                                DictionaryAttr schedule) {
  struct Kind {
    Action::Kind kind;
    int64_t padding;
    bool whole = false;
  };
  Kind kinds[2] = {{Action::L2Fill, paddingBytes(rounds, Action::L2Fill)},
                   {Action::Drain, paddingBytes(rounds, Action::Drain)}};
  if (kinds[0].padding == 0 && kinds[1].padding == 0)
    return;
  auto setWhole = [&](Kind &kind, bool whole) {
    if (kind.whole != whole)
      swapWholeBytes(rounds, kind.kind);
    kind.whole = whole;
  };
  auto fits = [&](bool input, bool output) {
    setWhole(kinds[0], input);
    setWhole(kinds[1], output);
    layer.facts.wholeTileInputs = input && kinds[0].padding > 0;
    layer.facts.wholeTileOutputs = output && kinds[1].padding > 0;
    buildRounds(layer, rounds, device, schedule);
    return !overDescriptorBudget(layer.program, device);
  };
  // The programs that fit with one kind whole, by that kind; where both
  // do, the one the simulation runs sooner.
  std::optional<SimProgram> programs[2];
  for (int whole = 0; whole < 2; ++whole)
    if (kinds[whole].padding > 0 && fits(whole == 0, whole == 1))
      programs[whole] = std::move(layer.program);
  if (!programs[0] && !programs[1]) {
    fits(true, true);
    return;
  }
  int whole = programs[0] ? 0 : 1;
  if (programs[0] && programs[1]) {
    SimResult input = simulate(*programs[0]), output = simulate(*programs[1]);
    if (!input.ok || (output.ok && output.totalCycles < input.totalCycles))
      whole = 1;
  }
  layer.program = std::move(*programs[whole]);
  layer.facts.wholeTileInputs = whole == 0;
  layer.facts.wholeTileOutputs = whole == 1;
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
  const int64_t links = tiles->cascadeLinks;
  if (links > 1)
    layer.rows = links;

  // Steps of one tile decide how many are merged into one task.
  std::vector<Action> first;
  if (!detail::tileActions(*tiles, 0, device, first, error))
    return std::nullopt;
  layer.stepsPerTile = detail::countSteps(first);
  if (links > 1 && layer.stepsPerTile != links) {
    error = "the schedule of @" + layer.facts.function +
            " chains each tile over a cascade of " + std::to_string(links) +
            " cores, one reduction step each, but a tile has " +
            std::to_string(layer.stepsPerTile) + " steps";
    return std::nullopt;
  }
  int64_t totalSteps = layer.stepsPerTile * layer.coreTiles;
  // A chain's steps run on different cores: never merged.
  layer.stepsPerTask =
      links > 1 ? 1
                : std::clamp<int64_t>((totalSteps + options.maxSteps - 1) /
                                          std::max<int64_t>(options.maxSteps,
                                                            1),
                                      1,
                                      std::max<int64_t>(layer.stepsPerTile, 1));

  std::vector<std::vector<Slot>> rounds;
  if (!readRounds(layer, *tiles, device, first.size(), rounds, error))
    return std::nullopt;
  buildRounds(layer, rounds, device, schedule);
  if (overDescriptorBudget(layer.program, device))
    fitDescriptorBudget(layer, rounds, device, schedule);
  return layer;
}

} // namespace aieconv::sim

//===- TileActions.cpp - Reading core tiles of the scheduled IR -----------===//

#include "TileActions.h"

#include "IREval.h"

#include "aieconv/Sim/TouchedInput.h"
#include "aieconv/Target/TileDealing.h"
#include "aieconv/Transforms/CopyOps.h"
#include "aieconv/Transforms/CoreLoopDims.h"
#include "aieconv/Transforms/ScheduleEntries.h"
#include "registry/UKernelRegistry.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include "llvm/ADT/Hashing.h"

#include <functional>

using namespace mlir;

namespace aieconv::sim::detail {
namespace {

/// The function argument a DDR buffer holds (through relayouts, pads and
/// copies made outside the forall), as a role.
Role roleOf(Value value, func::FuncOp func, Operation *forall) {
  std::optional<unsigned> argument = ddrArgumentOf(value, func, forall);
  return argument == 0u   ? Role::Input
         : argument == 1u ? Role::Weights
                          : Role::Other;
}

const char *roleName(Role role) {
  return role == Role::Input ? "in" : role == Role::Weights ? "w" : "x";
}

kernels::ElemType elemTypeOf(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  if (memref && memref.getElementType().isInteger(8))
    return kernels::ElemType::I8;
  return kernels::ElemType::BF16;
}

/// Cycles of zeroing an accumulator: the registry's zero-fill ukernel for
/// the view the lowering would give it, else one vector store per
/// store-slot width.
int64_t zeroCycles(MemRefType type, const target::DeviceModel &device) {
  int64_t bytes = staticBytes(type).value_or(0);
  if (type.getRank() >= 1 && type.hasStaticShape()) {
    kernels::ElemType elem = type.getElementType().isInteger(32)
                                 ? kernels::ElemType::I32
                                 : kernels::ElemType::F32;
    if (int64_t cycles = kernels::denseZeroFillCycles(device.device, elem,
                                                      type.getNumElements()))
      return cycles;
  }
  return (bytes + device.vectorStoreBytesPerCycle - 1) /
         device.vectorStoreBytesPerCycle;
}

/// Walks one block of a tile in program order, appending actions.
class TileReader {
public:
  TileReader(ForallTiles &tiles, const target::DeviceModel &device,
             std::vector<Action> &actions, std::string &error)
      : tiles(tiles), device(device), actions(actions), error(error) {}

  bool read(Block &block, Env &env, bool inLoop);

private:
  bool readCopy(Operation *op, Value src, Value dst, Env &env, bool inLoop);

  ForallTiles &tiles;
  const target::DeviceModel &device;
  std::vector<Action> &actions;
  std::string &error;
  int64_t steps = 0;
  /// Per L2 allocation, what its last fill brought (the DDR region).
  DenseMap<Value, uint64_t> l2Content;
  /// L1 allocations the tile keeps across its steps, filled slab by slab:
  /// only their fills and reads need the elements they touch.
  DenseSet<Value> slabbed;
};

/// The elements of its root `view` spans, or the whole root when unknown.
ElementRange rangeOf(Value view, const Env &env) {
  return elementRange(view, env).value_or(kWholeBuffer);
}

/// What the region `key` of `root` holds, as a content key.
uint64_t contentOf(Value root, RegionKey key) {
  return combine(root.getAsOpaquePointer(), key);
}

bool TileReader::readCopy(Operation *op, Value src, Value dst, Env &env,
                          bool inLoop) {
  int64_t from = memorySpace(src), to = memorySpace(dst);
  Action a;
  a.op = op;
  a.source = viewRoot(src);
  a.target = viewRoot(dst);
  a.inLoop = inLoop;
  a.role = tiles.roles.lookup(op);
  a.name = roleName(a.role);
  a.copyIndex = tiles.copyIndex.lookup(op);
  std::optional<int64_t> bytes = staticBytes(dst.getType());
  std::optional<RegionKey> key = regionKey(src, env);
  if (!bytes || !key) {
    error = "a copy with dynamic sizes or offsets";
    return false;
  }
  a.bytes = a.wholeBytes = *bytes;
  a.key = *key;
  // The DMAs move the layer's data, not the padding that rounds it up to
  // whole tiles: a core tile's output goes to DDR clipped to what the layer
  // keeps, and the memtile takes from DDR only the input's data (it pads
  // its transfers to the cores with zeros itself).
  if ((from == 2 && to == 0) || (from == 0 && to == 1)) {
    Value root = from == 2 ? a.target : a.source;
    auto box = tiles.dataBoxes.try_emplace(root);
    if (box.second)
      box.first->second = from == 2
                              ? std::optional<Box>(keptBox(root, tiles.forall))
                              : dataBox(root, tiles.forall);
    const std::optional<Box> &data = box.first->second;
    // The box of the DDR buffer the copy moves, and its part holding data.
    std::optional<Box> view = viewBox(from == 2 ? dst : src, env);
    auto type = cast<MemRefType>(dst.getType());
    const int64_t elementBytes = (type.getElementTypeBitWidth() + 7) / 8;
    if (view) {
      const Box clipped = data ? intersection(*view, *data) : *view;
      const int64_t elements = volume(clipped);
      if (data && view->size() == data->size() && elements > 0)
        a.bytes = elements * elementBytes;
      if (from == 0) {
        a.wholeDdrBox = *view;
        a.ddrBox = clipped;
        a.elementBytes = elementBytes;
      }
    }
  }
  if (to == 2) {
    auto brought = l2Content.find(a.source);
    a.content = brought != l2Content.end()
                    ? combine(brought->second, a.key)
                    : contentOf(a.source, a.key);
    Operation *alloc = a.target.getDefiningOp();
    a.keptAcrossSteps =
        inLoop && alloc && !isa<scf::ForOp>(alloc->getParentOp());
    if (a.keptAcrossSteps) {
      a.range = rangeOf(dst, env);
      slabbed.insert(a.target);
    }
  }
  // Slabs of one L1 buffer copied one after the other from one source are
  // one fill, split over the core's DMA channels.
  if (to == 2 && !actions.empty()) {
    Action &last = actions.back();
    if (last.kind == Action::L1Fill && last.target == a.target &&
        last.source == a.source && last.step == steps &&
        last.parts < static_cast<int64_t>(device.coreDma.s2mm)) {
      last.bytes += a.bytes;
      last.wholeBytes += a.wholeBytes;
      last.key = combine(last.key, a.key);
      last.content = combine(last.content, a.content);
      last.range = hull(last.range, a.range);
      ++last.parts;
      return true;
    }
  }
  if (from == 0 && to == 1) {
    a.kind = Action::L2Fill;
    l2Content[a.target] = contentOf(a.source, a.key);
  } else if ((from == 1 || from == 0) && to == 2) {
    a.kind = Action::L1Fill;
    a.fromDdr = from == 0;
    a.step = steps;
  } else if (from == 2 && (to == 0 || to == 1)) {
    a.kind = Action::Drain;
    a.name = "drain";
  } else {
    error = "a copy from memory space " + std::to_string(from) + " to " +
            std::to_string(to) + ", which the array has no DMA path for";
    return false;
  }
  actions.push_back(std::move(a));
  return true;
}

bool TileReader::read(Block &block, Env &env, bool inLoop) {
  for (Operation &op : block.without_terminator()) {
    if (auto loop = dyn_cast<scf::ForOp>(op)) {
      std::optional<int64_t> lb = evalIndex(loop.getLowerBound(), env);
      std::optional<int64_t> ub = evalIndex(loop.getUpperBound(), env);
      std::optional<int64_t> step = evalIndex(loop.getStep(), env);
      if (!lb || !ub || !step || *step <= 0) {
        error = "an scf.for with bounds not known per tile";
        return false;
      }
      for (int64_t i = *lb; i < *ub; i += *step) {
        env[loop.getInductionVar()] = i;
        if (!read(*loop.getBody(), env, true))
          return false;
      }
      continue;
    }
    // A branch on the indices (the last step of a loop split in parts):
    // the one it takes for this tile.
    if (auto branch = dyn_cast<scf::IfOp>(op)) {
      std::optional<int64_t> taken = evalIndex(branch.getCondition(), env);
      if (!taken) {
        error = "an scf.if whose condition is not known per tile";
        return false;
      }
      Region &region =
          *taken ? branch.getThenRegion() : branch.getElseRegion();
      if (!region.empty() && !read(region.front(), env, inLoop))
        return false;
      continue;
    }
    if (std::optional<std::pair<Value, Value>> copy = copyOperands(&op)) {
      if (!readCopy(&op, copy->first, copy->second, env, inLoop))
        return false;
      continue;
    }
    if (auto fill = dyn_cast<linalg::FillOp>(op)) {
      Value out = fill.getOutputs().front();
      auto type = dyn_cast<MemRefType>(out.getType());
      if (!type || memorySpace(out) != 2)
        continue;
      Action a;
      a.kind = Action::Zero;
      a.name = "zero";
      a.op = &op;
      a.target = viewRoot(out);
      a.cycles = zeroCycles(type, device);
      actions.push_back(std::move(a));
      continue;
    }
    if (auto call = dyn_cast<func::CallOp>(op)) {
      StringRef symbol = call.getCallee();
      auto [site, added] = tiles.callSites.try_emplace(&op);
      if (added) {
        site->second.conv = kernels::parseConvSymbolName(symbol);
        site->second.zeroFill =
            kernels::parseZeroFillSymbolName(symbol).has_value();
      }
      // A conv call's last operand is its accumulator route: whether it
      // starts the accumulation, and its place in a cascade chain.
      std::optional<kernels::ParsedConvSymbol> conv = site->second.conv;
      kernels::AccumulatorRoute route;
      if (conv && call.getNumOperands() > 3) {
        std::optional<int64_t> value =
            evalIndex(call.getOperands().back(), env);
        std::optional<kernels::AccumulatorRoute> decoded =
            value ? kernels::decodeAccumulatorRoute(*value) : std::nullopt;
        if (!decoded) {
          error = "the call of '" + symbol.str() + "' has accumulator route " +
                  (value ? std::to_string(*value)
                         : std::string("not computable from the indices")) +
                  ", which no conv ukernel takes";
          return false;
        }
        route = *decoded;
      }
      auto key = std::make_tuple(&op, route.cascadeIn, route.cascadeOut);
      auto it = tiles.callCost.find(key);
      if (it == tiles.callCost.end()) {
        std::optional<kernels::UKernelCost> cost;
        if (conv) {
          // Priced as the symbol says (accumulating unless "_init"), in
          // its place in the chain.
          conv->shape.cascadeIn = route.cascadeIn;
          conv->shape.cascadeOut = route.cascadeOut;
          cost = kernels::estimateCost(*conv->variant, conv->shape);
        } else {
          cost = kernels::estimateCostOfSymbol(symbol);
        }
        if (!cost || cost->cycles <= 0) {
          error = "call of '" + symbol.str() +
                  "', which the registry cannot price";
          return false;
        }
        it = tiles.callCost
                 .emplace(key, ForallTiles::CallCost{cost->cycles, cost->macs,
                                                     cost->blocks})
                 .first;
      }
      Action a;
      // A zero-fill ukernel starts the accumulator like linalg.fill does;
      // it is not a reduction step.
      if (site->second.zeroFill && call.getNumOperands() == 1) {
        a.kind = Action::Zero;
        a.name = "zero";
        a.op = &op;
        a.target = viewRoot(call.getOperand(0));
        a.cycles = it->second.cycles;
        actions.push_back(std::move(a));
        continue;
      }
      // A conv call that starts the accumulation (its route says so in
      // this step) takes the zero-fill's place as the accumulator's first
      // writer: a start of no cycles keeps the accumulator a buffer whose
      // slots the drains release.
      if (conv && call.getNumOperands() > 3 && !route.accumulate) {
        Action start;
        start.kind = Action::Zero;
        start.name = "start";
        start.op = &op;
        start.target = viewRoot(call.getOperand(2));
        start.cycles = 0;
        actions.push_back(std::move(start));
      }
      a.kind = Action::Call;
      a.name = symbol;
      a.op = &op;
      a.cycles = it->second.cycles;
      a.macs = it->second.macs;
      a.cascadeIn = route.cascadeIn;
      a.cascadeOut = route.cascadeOut;
      a.blockCycles =
          it->second.cycles / std::max<int64_t>(it->second.blocks, 1);
      a.inLoop = inLoop;
      a.step = steps++;
      // A chain's step i runs on core i: it passes its sums on unless it
      // is the last, and takes them from the previous one unless first.
      int64_t links = tiles.cascadeLinks;
      if (conv && (route.cascadeIn != (links > 1 && a.step > 0) ||
                   route.cascadeOut != (links > 1 && a.step + 1 < links))) {
        error = "step " + std::to_string(a.step) + " of a tile calls '" +
                symbol.str() + "' with accumulator route " +
                std::to_string(kernels::encodeAccumulatorRoute(route)) +
                (links > 1 ? ", not its place in the schedule's cascade of " +
                                 std::to_string(links) + " cores"
                           : ", a cascade the schedule does not have");
        return false;
      }
      for (auto [i, operand] : llvm::enumerate(call.getOperands())) {
        if (!isa<BaseMemRefType>(operand.getType()))
          continue;
        // A core reaches only its own (and its neighbours') data memory.
        if (memorySpace(operand) != 2) {
          error = "operand " + std::to_string(i) + " of the call of '" +
                  symbol.str() + "' is in memory space " +
                  std::to_string(memorySpace(operand)) +
                  ", not in L1 (space 2): no core can run this call";
          return false;
        }
        a.operands.push_back(viewRoot(operand));
        a.operandRanges.push_back(slabbed.contains(a.operands.back())
                                      ? rangeOf(operand, env)
                                      : kWholeBuffer);
      }
      actions.push_back(std::move(a));
      continue;
    }
    if (op.getNumRegions() > 0) {
      error = "an '" + op.getName().getStringRef().str() +
              "' inside a core tile, which the simulator does not read";
      return false;
    }
  }
  return true;
}

/// Bytes of the input elements the conv of `func` reads, from the shapes of
/// its (input, filter) -> output signature; 0 when they are not a conv's.
int64_t convInputBytes(func::FuncOp func) {
  FunctionType type = func.getFunctionType();
  if (type.getNumInputs() < 2 || type.getNumResults() != 1)
    return 0;
  auto in = dyn_cast<MemRefType>(type.getInput(0));
  auto filter = dyn_cast<MemRefType>(type.getInput(1));
  auto out = dyn_cast<MemRefType>(type.getResult(0));
  if (!in || !filter || !out || !in.hasStaticShape() ||
      !filter.hasStaticShape() || !out.hasStaticShape())
    return 0;
  auto shape = [](MemRefType t) {
    return std::vector<int64_t>(t.getShape().begin(), t.getShape().end());
  };
  std::optional<int64_t> elements =
      sim::touchedInputElements(shape(in), shape(filter), shape(out));
  return elements ? *elements * ((in.getElementTypeBitWidth() + 7) / 8) : 0;
}

/// Binds the forall's indices to point `point`.
Env bindPoint(ForallTiles &tiles, const std::vector<int64_t> &point) {
  Env env;
  auto ivs = tiles.forall.getInductionVars();
  for (size_t d = 0; d < point.size(); ++d)
    env[ivs[d]] = point[d];
  return env;
}

} // namespace

std::optional<ForallTiles> readForall(scf::ForallOp forall, func::FuncOp func,
                                      const target::DeviceModel &device,
                                      std::string &error) {
  ForallTiles tiles;
  tiles.forall = forall;
  SmallVector<int64_t> lbs(forall.getStaticLowerBound());
  SmallVector<int64_t> ubs(forall.getStaticUpperBound());
  SmallVector<int64_t> steps(forall.getStaticStep());
  for (size_t d = 0; d < lbs.size(); ++d)
    if (ShapedType::isDynamic(lbs[d]) || ShapedType::isDynamic(ubs[d]) ||
        ShapedType::isDynamic(steps[d]) || steps[d] <= 0) {
      error = "the forall over core tiles has dynamic bounds";
      return std::nullopt;
    }
  size_t rank = lbs.size();

  // Copies, their order and the operand each brings.
  DenseMap<Value, Role> l2Role;
  int l3Copies = 0, l1Copies = 0;
  std::vector<Operation *> inputCopies;
  auto schedule = forall->getAttrOfType<DictionaryAttr>("aieconv.schedule");
  auto text = [&](StringRef key) {
    return scheduleText(schedule, key);
  };
  forall.getBody()->walk([&](Operation *op) {
    std::optional<std::pair<Value, Value>> copy = copyOperands(op);
    if (!copy)
      return;
    int64_t from = memorySpace(copy->first), to = memorySpace(copy->second);
    if (from == 0 && to == 1) {
      Role role = roleOf(copy->first, func, forall);
      tiles.roles[op] = role;
      tiles.copyIndex[op] = l3Copies++;
      l2Role[viewRoot(copy->second)] = role;
      if (role == Role::Input)
        inputCopies.push_back(op);
    } else if (from == 1 && to == 2) {
      tiles.roles[op] = l2Role.lookup(viewRoot(copy->first));
      tiles.copyIndex[op] = l1Copies++;
    } else if (from == 0 && to == 2) {
      Role role = roleOf(copy->first, func, forall);
      tiles.roles[op] = role;
      tiles.copyIndex[op] = l1Copies++;
      if (role == Role::Input)
        inputCopies.push_back(op);
    }
  });

  // Iterations in row-major order; which dims the weights depend on
  // decides who runs what (TileDealing.h).
  std::vector<int64_t> trips;
  for (size_t d = 0; d < rank; ++d)
    trips.push_back((ubs[d] - lbs[d] + steps[d] - 1) / steps[d]);
  target::DealRule rule = target::dealRuleFor(
      std::move(trips), coreLoopDimKinds(forall),
      [&](const char *key) { return text(key).str(); }, device,
      tiles.cascadeLinks);
  tiles.deal = target::dealTiles(rule);

  std::vector<int64_t> point(rank);
  std::function<void(size_t)> enumerate = [&](size_t d) {
    if (d == rank) {
      tiles.points.push_back(point);
      return;
    }
    for (int64_t i = lbs[d]; i < ubs[d]; i += steps[d]) {
      point[d] = i;
      enumerate(d + 1);
    }
  };
  enumerate(0);

  // Compulsory traffic: the input elements the conv reads (from the
  // operand shapes, else what the tiles' DDR copies read), capped at the
  // input argument, the weights and the results, once each.
  auto args = func.getArguments();
  int64_t inputArgBytes =
      args.size() > 0 ? staticBytes(args[0].getType()).value_or(0) : 0;
  if (args.size() > 0)
    tiles.inputType = elemTypeOf(args[0].getType());
  int64_t touchedBytes = convInputBytes(func);
  if (touchedBytes == 0 && !inputCopies.empty()) {
    Value src = copyOperands(inputCopies.front())->first;
    auto rootType = dyn_cast<MemRefType>(viewRoot(src).getType());
    if (rootType && rootType.hasStaticShape()) {
      TouchedElements touched(rootType);
      for (const std::vector<int64_t> &p : tiles.points) {
        Env env = bindPoint(tiles, p);
        for (Operation *copy : inputCopies)
          touched.mark(copyOperands(copy)->first, env);
      }
      touchedBytes =
          touched.count() * ((rootType.getElementTypeBitWidth() + 7) / 8);
    }
  }
  tiles.compulsoryReadBytes =
      (touchedBytes > 0 ? std::min(touchedBytes, inputArgBytes)
                        : inputArgBytes) +
      (args.size() > 1 ? staticBytes(args[1].getType()).value_or(0) : 0);
  for (Type result : func.getFunctionType().getResults())
    tiles.compulsoryWriteBytes += staticBytes(result).value_or(0);

  // Layer-level ops: relayouts and pads the shim DMAs do on the way.
  for (Operation &op : func.getBody().front()) {
    if (&op == forall.getOperation() || !isa<linalg::LinalgOp>(op))
      continue;
    ++tiles.layerOps;
    for (Value init : cast<linalg::LinalgOp>(op).getDpsInits())
      tiles.layerOpBytes += staticBytes(init.getType()).value_or(0);
  }
  return tiles;
}

bool tileActions(ForallTiles &tiles, size_t index,
                 const target::DeviceModel &device,
                 std::vector<Action> &actions, std::string &error) {
  Env env = bindPoint(tiles, tiles.points[index]);
  TileReader reader(tiles, device, actions, error);
  return reader.read(*tiles.forall.getBody(), env, false);
}

} // namespace aieconv::sim::detail

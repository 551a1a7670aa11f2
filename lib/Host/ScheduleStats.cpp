//===- ScheduleStats.cpp - What a scheduled conv does ---------------------===//

#include "aieconv/Host/ScheduleStats.h"

#include "aieconv/Transforms/IndexEval.h"

#include "host/HostUKernels.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

using namespace mlir;

namespace aieconv::host {
namespace {

/// Iterations of `loop` when all its bounds and steps are constants.
std::optional<int64_t> tripCount(LoopLikeOpInterface loop) {
  std::optional<SmallVector<OpFoldResult>> lbs = loop.getLoopLowerBounds();
  std::optional<SmallVector<OpFoldResult>> ubs = loop.getLoopUpperBounds();
  std::optional<SmallVector<OpFoldResult>> steps = loop.getLoopSteps();
  if (!lbs || !ubs || !steps)
    return std::nullopt;
  int64_t count = 1;
  for (auto [lb, ub, step] : llvm::zip(*lbs, *ubs, *steps)) {
    std::optional<int64_t> l = getConstantIntValue(lb);
    std::optional<int64_t> u = getConstantIntValue(ub);
    std::optional<int64_t> s = getConstantIntValue(step);
    if (!l || !u || !s || *s <= 0)
      return std::nullopt;
    count *= *u > *l ? (*u - *l + *s - 1) / *s : 0;
  }
  return count;
}

/// Most loop iterations `executions` walks to count a branch's runs.
constexpr int64_t kMaxWalkedIterations = int64_t(1) << 20;

/// How often `op` runs per call of its function: the product of the trip
/// counts of the loops around it, except that under branches on their
/// indices (`scf.if`: a last step split in parts, on a loop's last
/// iteration and the core tile's round) the loops the conditions read are
/// walked, counting the iterations that take the branches to `op`. Nothing
/// when a bound is not a constant or a condition does not fold.
std::optional<int64_t> executions(Operation *op) {
  SmallVector<LoopLikeOpInterface> loops;
  SmallVector<std::pair<Value, bool>> conditions;
  for (Operation *child = op, *parent = op->getParentOp(); parent;
       child = parent, parent = parent->getParentOp()) {
    if (auto branch = dyn_cast<scf::IfOp>(parent))
      conditions.emplace_back(branch.getCondition(),
                              child->getParentRegion() ==
                                  &branch.getThenRegion());
    else if (auto loop = dyn_cast<LoopLikeOpInterface>(parent))
      loops.push_back(loop);
  }
  // The induction variables the conditions read.
  llvm::DenseSet<Value> read;
  std::function<void(Value)> collect = [&](Value value) {
    if (!read.insert(value).second)
      return;
    if (Operation *def = value.getDefiningOp())
      for (Value operand : def->getOperands())
        collect(operand);
  };
  for (auto [condition, taken] : conditions)
    collect(condition);
  int64_t count = 1, walkedIterations = 1;
  SmallVector<LoopLikeOpInterface> walked;
  for (LoopLikeOpInterface loop : loops) {
    std::optional<int64_t> trips = tripCount(loop);
    std::optional<SmallVector<Value>> ivs = loop.getLoopInductionVars();
    if (!trips || !ivs)
      return std::nullopt;
    if (llvm::none_of(*ivs, [&](Value iv) { return read.contains(iv); })) {
      count *= *trips;
      continue;
    }
    walked.push_back(loop);
    walkedIterations *= std::max<int64_t>(*trips, 1);
    if (walkedIterations > kMaxWalkedIterations)
      return std::nullopt;
  }
  if (conditions.empty())
    return count;
  // Every induction variable of the walked loops, with its range.
  struct Axis {
    Value iv;
    int64_t lb, ub, step;
  };
  SmallVector<Axis> axes;
  for (LoopLikeOpInterface loop : walked) {
    auto ivs = *loop.getLoopInductionVars();
    auto lbs = *loop.getLoopLowerBounds();
    auto ubs = *loop.getLoopUpperBounds();
    auto steps = *loop.getLoopSteps();
    for (size_t d = 0; d < ivs.size(); ++d)
      axes.push_back({ivs[d], *getConstantIntValue(lbs[d]),
                      *getConstantIntValue(ubs[d]),
                      *getConstantIntValue(steps[d])});
  }
  int64_t taken = 0;
  bool known = true;
  IndexEnv point;
  std::function<void(size_t)> walk = [&](size_t a) {
    if (!known)
      return;
    if (a == axes.size()) {
      for (auto [condition, then] : conditions) {
        std::optional<int64_t> value = evalIndex(condition, point);
        if (!value) {
          known = false;
          return;
        }
        if ((*value != 0) != then)
          return;
      }
      ++taken;
      return;
    }
    for (int64_t i = axes[a].lb; i < axes[a].ub; i += axes[a].step) {
      point[axes[a].iv] = i;
      walk(a + 1);
    }
  };
  walk(0);
  if (!known)
    return std::nullopt;
  return count * taken;
}

/// Static size in bytes of an allocation in memory space `space`.
int64_t allocBytes(MemRefType type, unsigned space) {
  auto attr = dyn_cast_or_null<IntegerAttr>(type.getMemorySpace());
  if (!attr || attr.getInt() != space || !type.hasStaticShape() ||
      !type.getElementType().isIntOrFloat())
    return 0;
  return type.getNumElements() *
         ((type.getElementType().getIntOrFloatBitWidth() + 7) / 8);
}

/// The entries of a recorded schedule; values that are not strings are
/// printed as attributes.
std::vector<std::pair<std::string, std::string>>
scheduleEntries(DictionaryAttr dict) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (NamedAttribute entry : dict) {
    std::string value;
    if (auto text = dyn_cast<StringAttr>(entry.getValue())) {
      value = text.getValue().str();
    } else {
      llvm::raw_string_ostream os(value);
      entry.getValue().print(os);
    }
    entries.emplace_back(entry.getName().str(), std::move(value));
  }
  return entries;
}

} // namespace

std::optional<std::string>
ScheduleStats::scheduleValue(const std::string &key) const {
  for (const auto &[name, value] : schedule)
    if (name == key)
      return value;
  return std::nullopt;
}

ScheduleStats collectScheduleStats(ModuleOp module) {
  ScheduleStats stats;
  stats.calls = 0;
  llvm::StringMap<size_t> index;
  module.walk([&](Operation *op) {
    if (stats.schedule.empty())
      if (auto dict = op->getAttrOfType<DictionaryAttr>(kScheduleAttrName))
        stats.schedule = scheduleEntries(dict);
    if (auto call = dyn_cast<func::CallOp>(op)) {
      StringRef callee = call.getCallee();
      if (!kernels::lookupHostUKernel(callee.str()))
        return;
      auto [it, inserted] = index.try_emplace(callee, stats.ukernels.size());
      if (inserted)
        stats.ukernels.push_back({callee.str(), 0, 0});
      UKernelUse &use = stats.ukernels[it->second];
      ++use.callSites;
      ++stats.callSites;
      std::optional<int64_t> runs = executions(op);
      if (use.calls && runs)
        *use.calls += *runs;
      else
        use.calls.reset();
      return;
    }
    MemRefType allocated;
    if (auto alloc = dyn_cast<memref::AllocOp>(op))
      allocated = alloc.getType();
    else if (auto alloca = dyn_cast<memref::AllocaOp>(op))
      allocated = alloca.getType();
    if (allocated) {
      stats.l1Bytes += allocBytes(allocated, 2);
      stats.l2Bytes += allocBytes(allocated, 1);
    }
  });
  for (const UKernelUse &use : stats.ukernels)
    if (stats.calls && use.calls)
      *stats.calls += *use.calls;
    else
      stats.calls.reset();
  return stats;
}

} // namespace aieconv::host

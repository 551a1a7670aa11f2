//===- ScheduleStats.cpp - What a scheduled conv does ---------------------===//

#include "aieconv/Host/ScheduleStats.h"

#include "host/HostUKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

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

/// Whether `c` is one of the iterations of `loop`.
bool isIteration(scf::ForOp loop, int64_t c) {
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  return lb && ub && step && *step > 0 && c >= *lb && c < *ub &&
         (c - *lb) % *step == 0;
}

/// How often `op` runs per call of its function. A branch on one iteration
/// of the loop around it (`scf.if` on `iv == c`, a last step split in
/// parts) runs its then branch once per pass of that loop, its else branch
/// on the other iterations; any other branch makes the count unknown.
std::optional<int64_t> executions(Operation *op) {
  int64_t count = 1;
  std::optional<bool> thenOfIteration;
  Value iterationOf;
  int64_t iteration = 0;
  for (Operation *child = op, *parent = op->getParentOp(); parent;
       child = parent, parent = parent->getParentOp()) {
    if (auto branch = dyn_cast<scf::IfOp>(parent)) {
      auto cmp = branch.getCondition().getDefiningOp<arith::CmpIOp>();
      std::optional<int64_t> c =
          cmp ? getConstantIntValue(cmp.getRhs()) : std::nullopt;
      if (!c || cmp.getPredicate() != arith::CmpIPredicate::eq ||
          thenOfIteration)
        return std::nullopt;
      iterationOf = cmp.getLhs();
      iteration = *c;
      thenOfIteration = child->getParentRegion() == &branch.getThenRegion();
      continue;
    }
    auto loop = dyn_cast<LoopLikeOpInterface>(parent);
    if (!loop)
      continue;
    std::optional<int64_t> trips = tripCount(loop);
    if (!trips)
      return std::nullopt;
    if (thenOfIteration) {
      auto forOp = dyn_cast<scf::ForOp>(parent);
      if (!forOp || forOp.getInductionVar() != iterationOf ||
          !isIteration(forOp, iteration))
        return std::nullopt;
      count *= *thenOfIteration ? 1 : *trips - 1;
      thenOfIteration.reset();
      continue;
    }
    count *= *trips;
  }
  if (thenOfIteration)
    return std::nullopt;
  return count;
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

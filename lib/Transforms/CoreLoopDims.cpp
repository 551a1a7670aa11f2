//===- CoreLoopDims.cpp - What each core-loop dimension walks -------------===//

#include "aieconv/Transforms/CoreLoopDims.h"

#include "Promotion.h"

#include "aieconv/Transforms/CopyOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <functional>

using namespace mlir;

namespace aieconv {

Value writerSource(Value root, Operation *forall) {
  SmallVector<Value> views = {root};
  while (!views.empty()) {
    Value view = views.pop_back_val();
    for (Operation *user : view.getUsers()) {
      if (forall->isAncestor(user))
        continue;
      if (isa<memref::SubViewOp, memref::CollapseShapeOp, memref::ExpandShapeOp,
              memref::CastOp>(user)) {
        views.push_back(user->getResult(0));
        continue;
      }
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(user))
        if (linalgOp.getNumDpsInputs() >= 1 &&
            llvm::is_contained(linalgOp.getDpsInits(), view))
          return linalgOp.getDpsInputs().front();
      if (auto copy = dyn_cast<memref::CopyOp>(user))
        if (copy.getTarget() == view)
          return copy.getSource();
    }
  }
  return Value();
}

std::optional<unsigned> ddrArgumentOf(Value value, func::FuncOp func,
                                      Operation *forall) {
  for (int depth = 0; depth < 8 && value; ++depth) {
    value = promotion::viewRoot(value);
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner() != &func.getBody().front())
        return std::nullopt;
      return arg.getArgNumber();
    }
    value = writerSource(value, forall);
  }
  return std::nullopt;
}

std::vector<target::DimKind> coreLoopDimKinds(scf::ForallOp forall) {
  DenseMap<Value, size_t> dimOf;
  for (auto [d, iv] : llvm::enumerate(forall.getInductionVars()))
    dimOf[iv] = d;
  std::vector<target::DimKind> kinds(dimOf.size(), target::DimKind::Spatial);
  std::function<void(Value)> markDims = [&](Value value) {
    auto it = dimOf.find(value);
    if (it != dimOf.end())
      kinds[it->second] = target::DimKind::Channel;
    else if (Operation *def = value.getDefiningOp())
      for (Value operand : def->getOperands())
        markDims(operand);
  };
  auto func = forall->getParentOfType<func::FuncOp>();
  forall.getBody()->walk([&](Operation *op) {
    std::optional<std::pair<Value, Value>> copy = copyOperands(op);
    if (!copy || promotion::memorySpaceOf(copy->first) != 0)
      return;
    int64_t to = promotion::memorySpaceOf(copy->second);
    if ((to == promotion::kL2MemorySpace || to == promotion::kL1MemorySpace) &&
        func && ddrArgumentOf(copy->first, func, forall) == 1u)
      for (Value operand : op->getOperands())
        markDims(operand);
  });
  return kinds;
}

} // namespace aieconv

//===- SplitLastStep.cpp - The last reduction step in drained parts -------===//
//
// A core tile's output can leave only after its last reduction step, and
// on a layer of few rounds the writes of the last round then follow all
// compute. With `l1.last_step_parts` = P > 1 in its schedule, the last
// iteration of a core loop's reduction loop branches off to P calls over
// consecutive groups of output-channel micro-tiles (the weights' and the
// accumulator's outer dimension, so each part is a dense slab of both)
// instead of its one conv call, each followed by the copy that drains its
// part: the first part leaves while the core computes the next. The step
// stays in the loop, with the loop's buffers.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"

#include "Promotion.h"

#include "registry/UKernelRegistry.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"

#define DEBUG_TYPE "aieconv-split-last-step"

namespace aieconv {
#define GEN_PASS_DEF_SPLITLASTSTEPPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

using promotion::kL1MemorySpace;
using promotion::memorySpaceOf;
using promotion::viewRoot;

/// What the rewrite of one core loop needs: the copy that drains the
/// accumulator and the conv call of the last step that writes it, inside
/// the reduction loop (null when the tile has one step and no loop).
struct LastStep {
  memref::CopyOp drain;
  func::CallOp call;
  scf::ForOp loop;
  kernels::ParsedConvSymbol symbol;
};

/// The core loop's drain of an L1 accumulator and the one conv call that
/// writes it, or a reason why the loop has none to split.
FailureOr<LastStep> findLastStep(scf::ForallOp forall, std::string &why) {
  LastStep step;
  for (Operation &op : *forall.getBody()) {
    auto copy = dyn_cast<memref::CopyOp>(op);
    if (copy && memorySpaceOf(copy.getSource()) == kL1MemorySpace &&
        memorySpaceOf(copy.getTarget()) == 0) {
      if (step.drain) {
        why = "the core tile drains more than one accumulator";
        return failure();
      }
      step.drain = copy;
    }
  }
  if (!step.drain || !step.drain.getSource().getDefiningOp<memref::AllocOp>()) {
    why = "no drain of an L1 allocation";
    return failure();
  }
  Value acc = step.drain.getSource();
  SmallVector<func::CallOp> calls;
  forall.getBody()->walk([&](func::CallOp call) {
    if (llvm::any_of(call.getOperands(),
                     [&](Value operand) { return viewRoot(operand) == acc; }))
      calls.push_back(call);
  });
  if (calls.size() != 1) {
    why = "not one call writing the accumulator";
    return failure();
  }
  step.call = calls.front();
  std::optional<kernels::ParsedConvSymbol> parsed =
      kernels::parseConvSymbolName(step.call.getCallee());
  if (!parsed || step.call.getNumOperands() != 8 ||
      viewRoot(step.call.getOperand(2)) != acc) {
    why = "the call is not a conv ukernel call on the accumulator";
    return failure();
  }
  step.symbol = *parsed;
  Operation *parent = step.call->getParentOp();
  if (parent != forall) {
    step.loop = dyn_cast<scf::ForOp>(parent);
    if (!step.loop || step.loop->getParentOp() != forall ||
        step.loop.getNumResults() != 0 ||
        !step.loop->isBeforeInBlock(step.drain) ||
        !getConstantIntValue(step.loop.getLowerBound()) ||
        !getConstantIntValue(step.loop.getUpperBound()) ||
        !getConstantIntValue(step.loop.getStep())) {
      why = "the call is not in one constant reduction loop of the core loop";
      return failure();
    }
  }
  return step;
}

/// Moves the ops that make `value` (views of what the core loop already
/// has) before `loop`; false when one of them needs something made after
/// it.
bool hoistViewBefore(RewriterBase &rewriter, Value value, scf::ForOp loop) {
  Operation *def = value.getDefiningOp();
  if (!def || def->getBlock() != loop->getBlock() || def->isBeforeInBlock(loop))
    return true;
  if (!isa<memref::SubViewOp, memref::CollapseShapeOp, memref::ExpandShapeOp,
           memref::CastOp, arith::ConstantOp>(def))
    return false;
  for (Value operand : def->getOperands())
    if (!hoistViewBefore(rewriter, operand, loop))
      return false;
  rewriter.moveOpBefore(def, loop);
  return true;
}

/// Puts `call` in the else branch of an `scf.if` on `loop`'s last
/// iteration and returns the builder's place in the then branch, where the
/// split step goes: the step keeps the loop's buffers.
Operation *branchOnLastIteration(RewriterBase &rewriter, scf::ForOp loop,
                                 func::CallOp call) {
  int64_t lb = *getConstantIntValue(loop.getLowerBound());
  int64_t ub = *getConstantIntValue(loop.getUpperBound());
  int64_t stride = *getConstantIntValue(loop.getStep());
  int64_t last = lb + (ub - lb - 1) / stride * stride;
  Location loc = call.getLoc();
  rewriter.setInsertionPoint(call);
  Value isLast = arith::CmpIOp::create(
      rewriter, loc, arith::CmpIPredicate::eq, loop.getInductionVar(),
      arith::ConstantIndexOp::create(rewriter, loc, last));
  auto branch = scf::IfOp::create(rewriter, loc, isLast,
                                  /*withElseRegion=*/true);
  rewriter.moveOpBefore(call, branch.elseBlock()->getTerminator());
  return branch.thenBlock()->getTerminator();
}

/// `value`'s slab `part` of `parts` along dimension `dim`.
Value slabOf(RewriterBase &rewriter, Location loc, Value value, int64_t dim,
             int64_t part, int64_t parts) {
  auto type = cast<MemRefType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
  for (int64_t d = 0; d < rank; ++d)
    sizes.push_back(rewriter.getIndexAttr(type.getDimSize(d)));
  int64_t slab = type.getDimSize(dim) / parts;
  offsets[dim] = rewriter.getIndexAttr(part * slab);
  sizes[dim] = rewriter.getIndexAttr(slab);
  return memref::SubViewOp::create(rewriter, loc, value, offsets, sizes,
                                   strides);
}

/// `value`'s slab `part` of `parts` along its outer dimension, as the
/// type with a dynamic offset that the part's call declares (one type for
/// all parts).
Value outerSlab(RewriterBase &rewriter, Location loc, Value value, int64_t part,
                int64_t parts) {
  Value view = slabOf(rewriter, loc, value, 0, part, parts);
  auto viewType = cast<MemRefType>(view.getType());
  SmallVector<int64_t> layoutStrides;
  int64_t offset = 0;
  if (failed(viewType.getStridesAndOffset(layoutStrides, offset)))
    return view;
  auto dynamic = MemRefType::get(viewType.getShape(), viewType.getElementType(),
                                 StridedLayoutAttr::get(rewriter.getContext(),
                                                        ShapedType::kDynamic,
                                                        layoutStrides),
                                 viewType.getMemorySpace());
  return memref::CastOp::create(rewriter, loc, dynamic, view);
}

/// The declaration of `symbol` taking `operands`, added to `module` when
/// missing; null when a declaration of another type has the name.
func::FuncOp declare(RewriterBase &rewriter, ModuleOp module, StringRef symbol,
                     ValueRange operands) {
  auto type = FunctionType::get(module.getContext(),
                                TypeRange(operands.getTypes()), {});
  if (auto existing = module.lookupSymbol<func::FuncOp>(symbol))
    return existing.getFunctionType() == type ? existing : nullptr;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(module.getBody());
  auto decl = func::FuncOp::create(rewriter, module.getLoc(), symbol, type);
  decl.setPrivate();
  return decl;
}

/// Splits the last step of `forall` in `parts`; a reason when it cannot.
LogicalResult splitLastStep(RewriterBase &rewriter, ModuleOp module,
                            scf::ForallOp forall, int64_t parts,
                            std::string &why) {
  FailureOr<LastStep> found = findLastStep(forall, why);
  if (failed(found))
    return failure();
  LastStep step = *found;
  kernels::ConvShape shape = step.symbol.shape;
  const int64_t t = step.symbol.variant->tile.t;
  auto accType = cast<MemRefType>(step.drain.getSource().getType());
  if (shape.oc % (parts * t) != 0 || accType.getRank() < 2 ||
      accType.getDimSize(1) * t != shape.oc) {
    why = "the output-channel micro-tiles do not divide in the parts";
    return failure();
  }
  shape.oc /= parts;
  std::string symbol = step.symbol.variant->symbolName(shape);

  // The drained tile and its target, both with the output-channel tiles on
  // dimension 1 (the accumulator allocation's own layout), and the call's
  // weights and accumulator with them on dimension 0 (the ukernel ABI).
  Value acc = step.drain.getSource(), target = step.drain.getTarget();
  func::CallOp call = step.call;
  Location loc = call.getLoc();
  // In a loop, the last iteration branches off to the split step; the
  // drain's target, a view made after the loop, moves before it. A tile of
  // one step splits its call where the drain is.
  if (step.loop) {
    if (!hoistViewBefore(rewriter, target, step.loop)) {
      why = "the drain's target is made from values after the loop";
      return failure();
    }
    rewriter.setInsertionPoint(
        branchOnLastIteration(rewriter, step.loop, call));
  } else {
    rewriter.moveOpBefore(call, step.drain);
    rewriter.setInsertionPoint(call);
  }
  for (int64_t part = 0; part < parts; ++part) {
    SmallVector<Value> operands(call.getOperands());
    operands[1] = outerSlab(rewriter, loc, call.getOperand(1), part, parts);
    operands[2] = outerSlab(rewriter, loc, call.getOperand(2), part, parts);
    func::FuncOp decl = declare(rewriter, module, symbol, operands);
    if (!decl) {
      why = "'" + symbol + "' is declared with other operand types";
      return failure();
    }
    func::CallOp::create(rewriter, loc, decl, operands);
    memref::CopyOp::create(rewriter, loc,
                           slabOf(rewriter, loc, acc, 1, part, parts),
                           slabOf(rewriter, loc, target, 1, part, parts));
  }
  if (!step.loop)
    rewriter.eraseOp(call);
  rewriter.eraseOp(step.drain);
  return success();
}

struct SplitLastStepPass
    : public impl::SplitLastStepPassBase<SplitLastStepPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<scf::ForallOp, int64_t>> work;
    module.walk([&](scf::ForallOp forall) {
      int64_t parts = promotion::scheduleInt(forall, "l1.last_step_parts", 1);
      if (parts > 1)
        work.emplace_back(forall, parts);
    });
    IRRewriter rewriter(&getContext());
    for (auto [forall, parts] : work) {
      std::string why;
      if (failed(splitLastStep(rewriter, module, forall, parts, why))) {
        forall.emitError("cannot split the last reduction step in ")
            << parts << " parts: " << why;
        return signalPassFailure();
      }
    }
  }
};

} // namespace
} // namespace aieconv

//===- SplitLastStep.cpp - The last reduction step in drained parts -------===//
//
// A core tile's output can leave only after its last reduction step, so
// the writes of the last round follow all compute (earlier rounds drain
// while the next computes). With `l1.last_step_parts` = P > 1 in its
// schedule, the tiles of the array's last round (target::inLastRound,
// the simulator's deal of the tiles) branch off at their last reduction
// step to P calls over consecutive groups of output-channel micro-tiles
// (the weights' and the accumulator's outer dimension, so each part is a
// dense slab of both) instead of the one conv call, each followed by the
// copy that drains its part: the first part leaves while the core computes
// the next. The step stays in the loop, with the loop's buffers; the other
// tiles keep their one call and drain.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"

#include "Promotion.h"

#include "aieconv/Target/DeviceModel.h"
#include "aieconv/Target/TileDealing.h"
#include "aieconv/Transforms/CoreLoopDims.h"
#include "registry/UKernelRegistry.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

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
/// iteration (and `inLastRound`, when not null) and returns the builder's
/// place in the then branch, where the split step goes: the step keeps the
/// loop's buffers.
Operation *branchOnLastIteration(RewriterBase &rewriter, scf::ForOp loop,
                                 func::CallOp call, Value inLastRound) {
  int64_t lb = *getConstantIntValue(loop.getLowerBound());
  int64_t ub = *getConstantIntValue(loop.getUpperBound());
  int64_t stride = *getConstantIntValue(loop.getStep());
  int64_t last = lb + (ub - lb - 1) / stride * stride;
  Location loc = call.getLoc();
  rewriter.setInsertionPoint(call);
  Value isLast = arith::CmpIOp::create(
      rewriter, loc, arith::CmpIPredicate::eq, loop.getInductionVar(),
      arith::ConstantIndexOp::create(rewriter, loc, last));
  if (inLastRound)
    isLast = arith::AndIOp::create(rewriter, loc, isLast, inLastRound);
  auto branch = scf::IfOp::create(rewriter, loc, isLast,
                                  /*withElseRegion=*/true);
  rewriter.moveOpBefore(call, branch.elseBlock()->getTerminator());
  return branch.thenBlock()->getTerminator();
}

/// Moves `ops` into the else branch of a new `scf.if` on `condition` where
/// the first of them was, and returns the builder's place in the then
/// branch.
Operation *branchOff(RewriterBase &rewriter, Value condition,
                     ArrayRef<Operation *> ops) {
  rewriter.setInsertionPoint(ops.front());
  auto branch = scf::IfOp::create(rewriter, ops.front()->getLoc(), condition,
                                  /*withElseRegion=*/true);
  for (Operation *op : ops)
    rewriter.moveOpBefore(op, branch.elseBlock()->getTerminator());
  return branch.thenBlock()->getTerminator();
}

/// An i1 that holds in the tiles of the array's last round: the IR of
/// target::inLastRound over `forall`'s indices, built at the start of its
/// body; null when there is one round (every tile is in it).
Value buildInLastRound(RewriterBase &rewriter, scf::ForallOp forall) {
  ArrayRef<int64_t> lbs = forall.getStaticLowerBound();
  ArrayRef<int64_t> ubs = forall.getStaticUpperBound();
  ArrayRef<int64_t> steps = forall.getStaticStep();
  std::optional<kernels::Device> device =
      kernels::parseDevice(promotion::scheduleEntry(forall, "device").str());
  auto dynamic = [](ArrayRef<int64_t> values) {
    return llvm::any_of(values, ShapedType::isDynamic);
  };
  if (dynamic(lbs) || dynamic(ubs) || dynamic(steps) || !device)
    return Value();
  std::vector<int64_t> trips;
  for (auto [lb, ub, step] : llvm::zip_equal(lbs, ubs, steps))
    trips.push_back(step > 0 ? (ub - lb + step - 1) / step : 1);
  int64_t cascadeLinks = 1;
  target::DealRule rule = target::dealRuleFor(
      trips, coreLoopDimKinds(forall),
      [&](const char *key) {
        return promotion::scheduleEntry(forall, key).str();
      },
      target::getDeviceModel(*device), cascadeLinks);
  target::Deal deal = target::dealTiles(rule);
  if (llvm::all_of(deal, [](const auto &rounds) { return rounds.size() <= 1; }))
    return Value();

  Location loc = forall.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(forall.getBody());
  // One constant per value; the folds below leave some unused, erased at
  // the end.
  DenseMap<int64_t, Value> constants;
  auto constant = [&](int64_t value) -> Value {
    Value &c = constants[value];
    if (!c)
      c = arith::ConstantIndexOp::create(rewriter, loc, value);
    return c;
  };
  const target::RoundIndexing indexing = target::roundIndexing(rule);
  Value index[2] = {constant(0), constant(0)};
  int64_t weight[2] = {1, 1};
  for (size_t d = trips.size(); d-- > 0;) {
    Value digit = forall.getInductionVars()[d];
    digit = rewriter.createOrFold<arith::SubIOp>(loc, digit, constant(lbs[d]));
    digit =
        rewriter.createOrFold<arith::DivUIOp>(loc, digit, constant(steps[d]));
    int k = static_cast<int>(rule.kinds[d]);
    Value term =
        rewriter.createOrFold<arith::MulIOp>(loc, digit, constant(weight[k]));
    index[k] = rewriter.createOrFold<arith::AddIOp>(loc, index[k], term);
    weight[k] *= trips[d];
  }
  index[indexing.coreKind] = rewriter.createOrFold<arith::DivUIOp>(
      loc, index[indexing.coreKind], constant(rule.rows));
  auto equals = [&](Value a, Value b) {
    return rewriter.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                                a, b);
  };
  // Column c takes the round indices i with i * columns / size == c, from
  // firstOf(c) = ceil(c * size / columns) on (target::inLastRound).
  const int other = 1 - indexing.columnKind;
  const int64_t size = indexing.sizes[indexing.columnKind];
  const int64_t columns = indexing.columns;
  auto mulAdd = [&](Value x, int64_t scale, int64_t offset) {
    return rewriter.createOrFold<arith::AddIOp>(
        loc, rewriter.createOrFold<arith::MulIOp>(loc, x, constant(scale)),
        constant(offset));
  };
  auto firstOf = [&](Value c) {
    return rewriter.createOrFold<arith::DivUIOp>(
        loc, mulAdd(c, size, columns - 1), constant(columns));
  };
  Value split = index[indexing.columnKind];
  Value column = rewriter.createOrFold<arith::DivUIOp>(
      loc, mulAdd(split, columns, 0), constant(size));
  Value next = firstOf(mulAdd(column, 1, 1));
  Value lastOfColumn = equals(mulAdd(split, 1, 1), next);
  Value longestColumn =
      equals(rewriter.createOrFold<arith::SubIOp>(loc, next, firstOf(column)),
             constant((size + columns - 1) / columns));
  Value lastOfOther = equals(index[other], constant(indexing.sizes[other] - 1));
  Value inLastRound = rewriter.createOrFold<arith::AndIOp>(
      loc, lastOfOther,
      rewriter.createOrFold<arith::AndIOp>(loc, lastOfColumn, longestColumn));
  // Keep inLastRound alive while the dead ones before it go.
  SmallVector<Operation *> built;
  Operation *def = inLastRound.getDefiningOp();
  if (def && def->getBlock() == forall.getBody())
    for (Operation &op :
         llvm::make_range(forall.getBody()->begin(), def->getIterator()))
      built.push_back(&op);
  for (Operation *op : llvm::reverse(built))
    if (isOpTriviallyDead(op))
      rewriter.eraseOp(op);
  return inLastRound;
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
  // one step splits its call where the drain is. Tiles of earlier rounds
  // keep their one call and drain.
  Value inLastRound = buildInLastRound(rewriter, forall);
  if (step.loop) {
    if (!hoistViewBefore(rewriter, target, step.loop)) {
      why = "the drain's target is made from values after the loop";
      return failure();
    }
    rewriter.setInsertionPoint(
        branchOnLastIteration(rewriter, step.loop, call, inLastRound));
  } else {
    rewriter.moveOpBefore(call, step.drain);
    if (inLastRound)
      rewriter.setInsertionPoint(
          branchOff(rewriter, inLastRound, {call, step.drain}));
    else
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
  if (inLastRound) {
    if (step.loop)
      branchOff(rewriter, inLastRound, {step.drain.getOperation()});
    return success();
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

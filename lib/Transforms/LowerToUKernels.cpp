//===- LowerToUKernels.cpp - Matmuls become registry-checked calls --------===//
//
// A matmul becomes a ukernel call only after the ukernel registry has agreed
// that one of its variants was built for exactly this shape, these element
// types and these operand layouts. Everything else stays for the default
// path, with a remark that says why and what the nearest legal shape is.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"
#include "aieconv/Transforms/UKernelSelection.h"

#include "Promotion.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"

#define DEBUG_TYPE "aieconv-lower-to-ukernels"

namespace aieconv {
#define GEN_PASS_DEF_LOWERTOUKERNELSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;
namespace kernels = aieconv::kernels;

namespace aieconv {
namespace {

//===----------------------------------------------------------------------===//
// Rewriting
//===----------------------------------------------------------------------===//

/// The type a call passes a buffer as. Row-major matmul operands become
/// `memref<RxC, strided<[?, 1], offset: ?>, space>`, so calls on views with
/// different leading dimensions share a declaration; dense operands keep
/// their (identity) type.
static MemRefType callOperandType(MemRefType type,
                                  const UKernelSelection &selection) {
  if (!selection.acceptsLeadingDimension)
    return type;
  MLIRContext *context = type.getContext();
  auto layout = StridedLayoutAttr::get(context, ShapedType::kDynamic,
                                       {ShapedType::kDynamic, 1});
  return MemRefType::get(type.getShape(), type.getElementType(), layout,
                         type.getMemorySpace());
}

/// `value` with its leading dimensions `[0, through]` folded into one.
static Value foldLeadingDims(OpBuilder &builder, Location loc, Value value,
                             int64_t through) {
  auto type = cast<MemRefType>(value.getType());
  ReassociationIndices leading;
  for (int64_t dim = 0; dim <= through; ++dim)
    leading.push_back(dim);
  SmallVector<ReassociationIndices> reassociation = {leading};
  for (int64_t dim = through + 1; dim < type.getRank(); ++dim)
    reassociation.push_back({dim});
  return memref::CollapseShapeOp::create(builder, loc, value, reassociation);
}

/// Dense `value` seen with `shape` (same elements, in order): all
/// dimensions folded into one, then split as `shape`.
static Value viewDenseAs(OpBuilder &builder, Location loc, Value value,
                         ArrayRef<int64_t> shape) {
  auto type = cast<MemRefType>(value.getType());
  if (type.getShape() == shape)
    return value;
  if (type.getRank() > 1)
    value = foldLeadingDims(builder, loc, value, type.getRank() - 1);
  ReassociationIndices all;
  for (int64_t dim = 0; dim < int64_t(shape.size()); ++dim)
    all.push_back(dim);
  // A dense slab of a larger buffer (a kept input's step) keeps its
  // offset in the view's layout.
  auto flat = cast<MemRefType>(value.getType());
  FailureOr<MemRefType> viewType =
      memref::ExpandShapeOp::computeExpandedType(flat, shape, {all});
  assert(succeeded(viewType) && "a dense buffer splits into any shape");
  return memref::ExpandShapeOp::create(builder, loc, *viewType, value,
                                       ArrayRef<ReassociationIndices>{all});
}

/// Returns the private declaration of `symbol` with `type`, creating it.
static FailureOr<func::FuncOp> getOrCreateDeclaration(ModuleOp module,
                                                      StringRef symbol,
                                                      FunctionType type,
                                                      Operation *user) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(symbol)) {
    if (existing.getFunctionType() == type)
      return existing;
    return user->emitError() << "ukernel '" << symbol
                             << "' is already declared with type "
                             << existing.getFunctionType() << ", not " << type;
  }
  OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
  auto declaration =
      func::FuncOp::create(builder, module.getLoc(), symbol, type);
  declaration.setPrivate();
  return declaration;
}

/// Cores the schedule of the core tile around `op` chains its reduction
/// over (`grid.core_split = cascade`: `grid.rows`), else 1.
static int64_t cascadeLinksAround(Operation *op) {
  auto forall = op->getParentOfType<scf::ForallOp>();
  if (!forall ||
      promotion::scheduleEntry(forall, "grid.core_split") != "cascade")
    return 1;
  return promotion::scheduleInt(forall, "grid.rows", 1);
}

/// The accumulator route (kernels/registry/ConvVariants.h) of the step at
/// `loop`'s induction variable in a chain of cascade links, one step per
/// link: the first link starts (or, when `startsAccumulated`, loads the
/// tile), the others add onto the cascade, all but the last pass on:
///   route = a0 + (3 - a0) min(iv - lb, 1) + 4 min(ub - step - iv, 1).
static Value cascadeRoute(OpBuilder &builder, Location loc, scf::ForOp loop,
                          bool startsAccumulated) {
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(builder, loc, value);
  };
  Value iv = loop.getInductionVar();
  Value one = constant(1);
  Value done = arith::SubIOp::create(builder, loc, iv, loop.getLowerBound());
  Value last =
      arith::SubIOp::create(builder, loc, loop.getUpperBound(), loop.getStep());
  Value left = arith::SubIOp::create(builder, loc, last, iv);
  int64_t first = startsAccumulated ? 1 : 0;
  Value route = arith::AddIOp::create(
      builder, loc,
      arith::MulIOp::create(builder, loc, constant(3 - first),
                            arith::MinSIOp::create(builder, loc, done, one)),
      arith::MulIOp::create(builder, loc, constant(4),
                            arith::MinSIOp::create(builder, loc, left, one)));
  if (first)
    route = arith::AddIOp::create(builder, loc, route, one);
  return arith::IndexCastOp::create(builder, loc, builder.getI64Type(), route);
}

/// On buffers: the op becomes `func.call @symbol(%A, %B, %C, scalars...)`.
static LogicalResult replaceByCall(linalg::LinalgOp op,
                                   const UKernelSelection &selection,
                                   ModuleOp module) {
  OpBuilder builder(op);
  Location loc = op.getLoc();
  SmallVector<Value> operands;
  SmallVector<Type> operandTypes;
  for (auto [position, index] : llvm::enumerate(selection.buffers)) {
    Value buffer = op->getOperand(index);
    if (selection.dropsBatch[position])
      buffer = foldLeadingDims(builder, loc, buffer, 1);
    if (position < selection.denseViews.size() &&
        !selection.denseViews[position].empty())
      buffer =
          viewDenseAs(builder, loc, buffer, selection.denseViews[position]);
    MemRefType type =
        callOperandType(cast<MemRefType>(buffer.getType()), selection);
    if (buffer.getType() != type)
      buffer = memref::CastOp::create(builder, loc, type, buffer);
    operands.push_back(buffer);
    operandTypes.push_back(type);
  }
  for (int64_t scalar : selection.scalars) {
    operands.push_back(arith::ConstantOp::create(
        builder, loc, builder.getI64IntegerAttr(scalar)));
    operandTypes.push_back(builder.getI64Type());
  }
  int64_t links = selection.routesAccumulator ? cascadeLinksAround(op) : 1;
  if (links > 1) {
    scf::ForOp loop = selection.firstStepOf
                          ? selection.firstStepOf
                          : dyn_cast<scf::ForOp>(op->getParentOp());
    std::optional<APInt> trips =
        loop ? loop.getStaticTripCount() : std::nullopt;
    if (!trips || trips->getSExtValue() != links)
      return op->emitError()
             << "the schedule chains this reduction over a cascade of "
             << links << " cores, one step each, but the call is not in a "
             << "reduction loop of " << links << " static steps";
    operands.back() = cascadeRoute(builder, loc, loop, !selection.firstStepOf);
  } else if (scf::ForOp loop = selection.firstStepOf) {
    // accumulate = min(iv - lower bound, 1): 0 in the first step only.
    Value step = arith::SubIOp::create(builder, loc, loop.getInductionVar(),
                                       loop.getLowerBound());
    Value one = arith::ConstantIndexOp::create(builder, loc, 1);
    Value flag = arith::MinSIOp::create(builder, loc, step, one);
    operands.back() = arith::IndexCastOp::create(
        builder, loc, builder.getI64Type(), flag);
  }
  FunctionType type = builder.getFunctionType(operandTypes, {});
  if (failed(getOrCreateDeclaration(module, selection.symbol, type, op)))
    return failure();
  func::CallOp::create(builder, loc, selection.symbol, TypeRange{}, operands);
  if (selection.replacesZeroing)
    selection.replacesZeroing->erase();
  op->erase();
  return success();
}

/// On tensors: the op becomes a generic naming the ukernel in
/// `library_call`; it keeps destination-passing style for bufferization.
static void tagWithLibraryCall(linalg::LinalgOp op,
                               const UKernelSelection &selection) {
  IRRewriter rewriter(op);
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic)
    generic = *linalg::generalizeNamedOp(rewriter, op);
  generic.setLibraryCallAttr(rewriter.getStringAttr(selection.symbol));
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct LowerToUKernelsPass
    : public impl::LowerToUKernelsPassBase<LowerToUKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<kernels::Device> target = kernels::parseDevice(device);
    if (!target) {
      module.emitError() << "unknown device '" << device
                         << "' (expected npu1 or npu2)";
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> candidates;
    module.walk([&](linalg::LinalgOp op) {
      if (isUKernelCandidate(op))
        candidates.push_back(op);
    });
    bool failedAny = false;
    for (linalg::LinalgOp op : candidates)
      failedAny |= failed(lower(op, *target, module));
    // A zero-fill whose accumulator a conv call now starts itself leaves
    // its declaration behind.
    for (auto declaration :
         llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
      if (declaration.isDeclaration() &&
          kernels::parseZeroFillSymbolName(declaration.getSymName().str()) &&
          SymbolTable::symbolKnownUseEmpty(declaration, module))
        declaration.erase();
    if (failedAny)
      signalPassFailure();
  }

private:
  LogicalResult lower(linalg::LinalgOp op, kernels::Device target,
                      ModuleOp module) {
    bool onTensors = op.hasPureTensorSemantics();
    if (!onTensors && !op.hasPureBufferSemantics())
      return success(); // Mixed semantics: not ours to touch.
    std::string why;
    std::optional<UKernelSelection> selection =
        selectUKernel(op, target, why);
    auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
    std::optional<StringRef> chosen =
        generic ? generic.getLibraryCall() : std::nullopt;
    if (chosen && (!selection || selection->symbol != *chosen)) {
      // A tagged op whose shape no longer matches its tag must not become a
      // call of the tagged symbol.
      return op->emitError() << "library_call '" << *chosen
                             << "' does not fit this op: "
                             << (selection ? "its shape gives '" +
                                                 selection->symbol + "'"
                                           : why);
    }
    if (!selection) {
      ++numUnmatched;
      if (strict)
        return op->emitError() << "no ukernel fits " << why;
      op->emitRemark() << "left for the default path: " << why;
      return success();
    }
    ++numCalls;
    if (onTensors) {
      tagWithLibraryCall(op, *selection);
      return success();
    }
    return replaceByCall(op, *selection, module);
  }
};

} // namespace
} // namespace aieconv

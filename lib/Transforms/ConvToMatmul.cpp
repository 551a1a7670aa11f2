//===- ConvToMatmul.cpp - Unit-window convolutions become matmuls ---------===//
//
// A convolution whose filter window is one tap reads exactly one input
// position per output position, so it is a contraction: once the filter loops
// are gone and the stride is moved into a strided slice of the input, the op
// is out[I..., F] += in[I..., C] * filter[C, F] (channels-last) or
// out[F, I...] += filter[F, C] * in[C, I...] (channels-first, batch 1). When
// every operand can be viewed as a 2-D matrix without a copy, the op becomes a
// canonical matmul; otherwise it becomes a plain contraction generic, which
// later tiling turns into a matmul once its outer dimensions are unit.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/MatmulForm.h"
#include "aieconv/Transforms/PackedConvForm.h"
#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "aieconv-conv-to-matmul"

namespace aieconv {
#define GEN_PASS_DEF_CONVTOMATMULPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

//===----------------------------------------------------------------------===//
// Analysis: the op as a contraction over sliced operands
//===----------------------------------------------------------------------===//

/// One dimension of an operand after the filter loops are removed: the loop
/// that indexes it and the stride of that access, or no loop when the
/// dimension is pinned to index 0 (a filter-window dimension).
struct OperandDim {
  std::optional<unsigned> loop;
  int64_t stride = 1;
};

/// An operand as the contraction will read it.
struct OperandView {
  SmallVector<OperandDim> dims;
  /// Loops of the view, in operand order (pinned dimensions dropped).
  SmallVector<unsigned> loops() const {
    SmallVector<unsigned> result;
    for (const OperandDim &dim : dims)
      if (dim.loop)
        result.push_back(*dim.loop);
    return result;
  }
};

/// Splits `expr` (with filter loops already replaced by 0) into loop and
/// stride; fails on anything but `d`, `d * c` and the constant 0.
static std::optional<OperandDim> decomposeAccess(AffineExpr expr) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return OperandDim{dim.getPosition(), 1};
  if (auto constant = dyn_cast<AffineConstantExpr>(expr))
    return constant.getValue() == 0 ? std::optional(OperandDim{}) : std::nullopt;
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary || binary.getKind() != AffineExprKind::Mul)
    return std::nullopt;
  auto dim = dyn_cast<AffineDimExpr>(binary.getLHS());
  auto factor = dyn_cast<AffineConstantExpr>(binary.getRHS());
  if (!dim || !factor || factor.getValue() <= 0)
    return std::nullopt;
  return OperandDim{dim.getPosition(), factor.getValue()};
}

/// The op's three operands as views with the unit filter loops removed, or
/// a reason why the op is not a unit-window convolution or contraction.
static FailureOr<SmallVector<OperandView, 3>>
analyzeOperands(linalg::LinalgOp op, std::string &why) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  llvm::SmallBitVector filterLoops(op.getNumLoops());
  if (linalg::isaConvolutionOpInterface(op)) {
    FailureOr<linalg::ConvolutionDimensions> dims =
        linalg::inferConvolutionDims(op);
    if (failed(dims)) {
      why = "convolution dimensions cannot be inferred";
      return failure();
    }
    if (!dims->depth.empty()) {
      why = "depthwise convolution: each channel is its own reduction, not a "
            "matmul";
      return failure();
    }
    for (unsigned loop : dims->filterLoop) {
      if (ranges[loop] != 1) {
        why = "filter window is not 1 (a filter loop has " +
              std::to_string(ranges[loop]) + " taps)";
        return failure();
      }
      filterLoops.set(loop);
    }
  }
  MLIRContext *context = op->getContext();
  SmallVector<AffineExpr> pinned;
  for (unsigned loop = 0; loop < op.getNumLoops(); ++loop)
    pinned.push_back(filterLoops.test(loop)
                         ? getAffineConstantExpr(0, context)
                         : getAffineDimExpr(loop, context));
  SmallVector<OperandView, 3> views;
  for (AffineMap map : maps) {
    OperandView view;
    for (AffineExpr result : map.getResults()) {
      std::optional<OperandDim> dim =
          decomposeAccess(simplifyAffineExpr(result.replaceDims(pinned),
                                             map.getNumDims(), 0));
      if (!dim) {
        why = "operand indexed by an expression other than loop * stride";
        return failure();
      }
      view.dims.push_back(*dim);
    }
    views.push_back(std::move(view));
  }
  return views;
}

//===----------------------------------------------------------------------===//
// Matmul roles
//===----------------------------------------------------------------------===//

/// A choice of which input is the matmul's A and how each operand's
/// dimensions split into the row group and the column group.
struct MatmulRoles {
  unsigned lhsInput = 0; ///< 0 or 1: which op input becomes A.
  /// Per operand (A, B, C): the reassociation into [rows, columns].
  SmallVector<ReassociationIndices, 2> reassociation[3];
};

/// Loops of `view` whose range is not 1, in operand order.
static SmallVector<unsigned> nonUnitLoops(const OperandView &view,
                                          ArrayRef<int64_t> ranges) {
  SmallVector<unsigned> result;
  for (unsigned loop : view.loops())
    if (ranges[loop] != 1)
      result.push_back(loop);
  return result;
}

/// Reassociation of a view (pinned dimensions dropped) into two groups: the
/// dimensions before the first non-unit loop of `second`, and the rest.
/// Unit dimensions may go to either group since they add no elements.
static std::optional<SmallVector<ReassociationIndices, 2>>
splitInTwo(const OperandView &view, ArrayRef<int64_t> ranges,
           ArrayRef<unsigned> first, ArrayRef<unsigned> second) {
  SmallVector<unsigned> loops = view.loops();
  // The non-unit loops must read `first` then `second`, in that order.
  SmallVector<unsigned> expected(first);
  expected.append(second.begin(), second.end());
  if (nonUnitLoops(view, ranges) != expected)
    return std::nullopt;
  int64_t splitAt;
  if (!second.empty())
    splitAt = llvm::find(loops, second.front()) - loops.begin();
  else if (!first.empty())
    splitAt = llvm::find(loops, first.back()) - loops.begin() + 1;
  else
    splitAt = 1; // Only unit dimensions: any split will do.
  if (splitAt == 0 || splitAt >= static_cast<int64_t>(loops.size()))
    return std::nullopt;
  ReassociationIndices rows, columns;
  for (int64_t i = 0; i < static_cast<int64_t>(loops.size()); ++i)
    (i < splitAt ? rows : columns).push_back(i);
  return SmallVector<ReassociationIndices, 2>{rows, columns};
}

/// Assigns matmul roles with input `lhsInput` as A, or fails when the
/// dimension orders do not allow 2-D views (e.g. NCHW with batch > 1).
static std::optional<MatmulRoles>
assignRoles(ArrayRef<OperandView> views, ArrayRef<int64_t> ranges,
            unsigned lhsInput) {
  const OperandView &lhs = views[lhsInput], &rhs = views[1 - lhsInput],
                    &out = views[2];
  auto contains = [&](const OperandView &view, unsigned loop) {
    return llvm::is_contained(view.loops(), loop);
  };
  SmallVector<unsigned> m, n, k;
  for (unsigned loop : nonUnitLoops(lhs, ranges))
    (contains(out, loop) ? m : k).push_back(loop);
  for (unsigned loop : nonUnitLoops(rhs, ranges))
    if (contains(out, loop))
      n.push_back(loop);
  MatmulRoles roles;
  roles.lhsInput = lhsInput;
  auto a = splitInTwo(lhs, ranges, m, k);
  auto b = splitInTwo(rhs, ranges, k, n);
  auto c = splitInTwo(out, ranges, m, n);
  if (!a || !b || !c)
    return std::nullopt;
  roles.reassociation[0] = *a;
  roles.reassociation[1] = *b;
  roles.reassociation[2] = *c;
  return roles;
}

//===----------------------------------------------------------------------===//
// IR building helpers
//===----------------------------------------------------------------------===//

/// Static offsets, sizes and strides of the slice that `view` reads of an
/// operand, and the shape of the slice once pinned dimensions are dropped.
struct SliceParams {
  SmallVector<int64_t> offsets, sizes, strides, shape;
  bool isIdentity = true;
};

static SliceParams sliceParamsFor(const OperandView &view,
                                  ArrayRef<int64_t> operandShape,
                                  ArrayRef<int64_t> ranges) {
  SliceParams params;
  for (auto [dim, extent] : llvm::zip(view.dims, operandShape)) {
    int64_t size = dim.loop ? ranges[*dim.loop] : 1;
    params.offsets.push_back(0);
    params.sizes.push_back(size);
    params.strides.push_back(dim.stride);
    if (dim.loop)
      params.shape.push_back(size);
    if (size != extent || dim.stride != 1 || !dim.loop)
      params.isIdentity = false;
  }
  return params;
}

/// The buffer `value` will be once bufferized, or nothing when that cannot
/// be known here. A memref is itself; function arguments, fresh tensors and
/// L1/L2 copies are identity-layout buffers (the pipeline bufferizes function
/// boundaries with identity layouts); slices are views of their source's
/// buffer; destination-passing results and loop-carried values are their
/// destination's buffer. This tells whether a 2-D view of a tensor will need
/// a copy after bufferization; when unknown, the answer is "yes".
static std::optional<MemRefType> bufferTypeOf(Value value) {
  if (auto memref = dyn_cast<MemRefType>(value.getType()))
    return memref;
  auto tensor = dyn_cast<RankedTensorType>(value.getType());
  if (!tensor || !tensor.hasStaticShape())
    return std::nullopt;
  auto identity = MemRefType::get(tensor.getShape(), tensor.getElementType());
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    Operation *owner = arg.getOwner()->getParentOp();
    if (isa<func::FuncOp>(owner))
      return identity;
    if (auto loop = dyn_cast<scf::ForOp>(owner))
      if (OpOperand *init = loop.getTiedLoopInit(arg))
        return bufferTypeOf(init->get());
    if (auto forall = dyn_cast<scf::ForallOp>(owner))
      if (OpOperand *init = forall.getTiedLoopInit(arg))
        return bufferTypeOf(init->get());
    return std::nullopt;
  }
  Operation *def = value.getDefiningOp();
  if (isa<tensor::EmptyOp, bufferization::AllocTensorOp>(def))
    return identity;
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def)) {
    if (ShapedType::isDynamicShape(slice.getStaticSizes()) ||
        ShapedType::isDynamicShape(slice.getStaticStrides()))
      return std::nullopt;
    std::optional<MemRefType> source = bufferTypeOf(slice.getSource());
    if (!source)
      return std::nullopt;
    return memref::SubViewOp::inferRankReducedResultType(
        tensor.getShape(), *source, slice.getMixedOffsets(),
        slice.getMixedSizes(), slice.getMixedStrides());
  }
  if (auto dps = dyn_cast<DestinationStyleOpInterface>(def))
    if (OpOperand *init = dps.getTiedOpOperand(cast<OpResult>(value)))
      return bufferTypeOf(init->get());
  if (auto loop = dyn_cast<scf::ForOp>(def))
    return bufferTypeOf(
        loop.getInitArgs()[cast<OpResult>(value).getResultNumber()]);
  return std::nullopt;
}

/// The buffer type of the slice that `params` takes of `operand`.
static std::optional<MemRefType> slicedBufferType(Value operand,
                                                  const SliceParams &params) {
  std::optional<MemRefType> buffer = bufferTypeOf(operand);
  if (!buffer)
    return std::nullopt;
  return memref::SubViewOp::inferRankReducedResultType(
      params.shape, *buffer, params.offsets, params.sizes, params.strides);
}

static Value materializeSlice(OpBuilder &builder, Location loc, Value source,
                              const SliceParams &params) {
  if (params.isIdentity)
    return source;
  SmallVector<OpFoldResult> offsets = getAsIndexOpFoldResult(
      builder.getContext(), params.offsets);
  SmallVector<OpFoldResult> sizes =
      getAsIndexOpFoldResult(builder.getContext(), params.sizes);
  SmallVector<OpFoldResult> strides =
      getAsIndexOpFoldResult(builder.getContext(), params.strides);
  if (auto tensorType = dyn_cast<RankedTensorType>(source.getType())) {
    auto resultType =
        RankedTensorType::get(params.shape, tensorType.getElementType());
    return tensor::ExtractSliceOp::create(builder, loc, resultType, source,
                                          offsets, sizes, strides);
  }
  MemRefType resultType = *slicedBufferType(source, params);
  return memref::SubViewOp::create(builder, loc, resultType, source, offsets,
                                   sizes, strides);
}

static Value collapse(OpBuilder &builder, Location loc, Value source,
                      ArrayRef<ReassociationIndices> reassociation) {
  if (isa<RankedTensorType>(source.getType()))
    return tensor::CollapseShapeOp::create(builder, loc, source, reassociation);
  return memref::CollapseShapeOp::create(builder, loc, source, reassociation);
}

//===----------------------------------------------------------------------===//
// Planning
//===----------------------------------------------------------------------===//

/// Every non-unit loop must index exactly two of the three operands.
static bool isaContractionShape(linalg::LinalgOp op,
                                ArrayRef<OperandView> views,
                                ArrayRef<int64_t> ranges) {
  for (unsigned loop = 0; loop < op.getNumLoops(); ++loop) {
    if (ranges[loop] == 1)
      continue;
    int users = llvm::count_if(views, [&](const OperandView &view) {
      return llvm::is_contained(view.loops(), loop);
    });
    if (users != 2)
      return false;
  }
  return true;
}

/// Whether every operand's 2-D view is a reshape of its buffer (or of the
/// identity-layout buffer a tensor becomes), so no copy is needed.
static bool isCopyFree(linalg::LinalgOp op, const MatmulRoles &roles,
                       ArrayRef<SliceParams> slices) {
  unsigned order[3] = {roles.lhsInput, 1 - roles.lhsInput, 2};
  for (unsigned role = 0; role < 3; ++role) {
    Value operand = op->getOperand(order[role]);
    std::optional<MemRefType> sliced =
        slicedBufferType(operand, slices[order[role]]);
    if (!sliced || !memref::CollapseShapeOp::isGuaranteedCollapsible(
                       *sliced, roles.reassociation[role]))
      return false;
  }
  return true;
}

/// What the rewrite of one op will do: slice each operand, then either
/// collapse to a matmul (roles set) or emit a plain contraction.
struct RewritePlan {
  SmallVector<OperandView, 3> views;
  SmallVector<SliceParams, 3> slices;
  std::optional<MatmulRoles> roles;
};

/// Plans the rewrite of `op`, or says in `why` why it cannot be rewritten.
static FailureOr<RewritePlan> planRewrite(linalg::LinalgOp op,
                                          std::string &why) {
  if (hasCanonicalMatmulStructure(op)) {
    why = "already a canonical matmul";
    return failure();
  }
  if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      generic && matchPackedConv(generic)) {
    why = "a packed conv is computed by the conv ukernel";
    return failure();
  }
  if (!op.hasPureTensorSemantics() && !op.hasPureBufferSemantics()) {
    why = "mixes tensors and buffers";
    return failure();
  }
  if (op.hasDynamicShape()) {
    why = "dynamic shapes";
    return failure();
  }
  if (!matchMultiplyAccumulateBody(op, why))
    return failure();
  FailureOr<SmallVector<OperandView, 3>> views = analyzeOperands(op, why);
  if (failed(views))
    return failure();
  // Checked after the analysis, which names the reason for depthwise ops.
  if (!isa<linalg::Conv1DNwcWcfOp, linalg::Conv2DNhwcHwcfOp,
           linalg::Conv2DNchwFchwOp, linalg::GenericOp>(op)) {
    why = "only conv_1d_nwc_wcf, conv_2d_nhwc_hwcf, conv_2d_nchw_fchw and "
          "generics are rewritten";
    return failure();
  }
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (!isaContractionShape(op, *views, ranges)) {
    why = "not a contraction: a non-unit loop indexes all three operands or "
          "only one";
    return failure();
  }
  RewritePlan plan;
  plan.views = std::move(*views);
  for (auto [view, operand] : llvm::zip(plan.views, op->getOperands()))
    plan.slices.push_back(sliceParamsFor(
        view, cast<ShapedType>(operand.getType()).getShape(), ranges));
  plan.roles = assignRoles(plan.views, ranges, 0);
  if (!plan.roles)
    plan.roles = assignRoles(plan.views, ranges, 1);
  if (plan.roles && !isCopyFree(op, *plan.roles, plan.slices))
    plan.roles.reset();
  bool hasFilterLoops = llvm::any_of(plan.views, [](const OperandView &view) {
    return llvm::any_of(view.dims,
                        [](const OperandDim &dim) { return !dim.loop; });
  });
  if (!plan.roles && !hasFilterLoops) {
    why = "operands cannot be viewed as 2-D matrices without a copy";
    return failure();
  }
  return plan;
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// Rewrites a unit-window convolution, or a contraction that is a matmul up to
/// unit dimensions, into a canonical matmul (or, when no copy-free 2-D view
/// exists, into a plain contraction generic).
struct UnitWindowConvToMatmul
    : public OpInterfaceRewritePattern<linalg::LinalgOp> {
  UnitWindowConvToMatmul(MLIRContext *context, llvm::Statistic &numRewritten)
      : OpInterfaceRewritePattern(context), numRewritten(numRewritten) {}

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    std::string why;
    FailureOr<RewritePlan> plan = planRewrite(op, why);
    if (failed(plan))
      return rewriter.notifyMatchFailure(op, why);
    if (plan->roles)
      rewriteToMatmul(op, *plan->roles, plan->slices, rewriter);
    else
      rewriteToContraction(op, plan->views, plan->slices, rewriter);
    ++numRewritten;
    return success();
  }

private:
  static void rewriteToMatmul(linalg::LinalgOp op, const MatmulRoles &roles,
                              ArrayRef<SliceParams> slices,
                              PatternRewriter &rewriter) {
    Location loc = op.getLoc();
    unsigned order[3] = {roles.lhsInput, 1 - roles.lhsInput, 2};
    Value matrices[3];
    for (unsigned role = 0; role < 3; ++role) {
      Value sliced = materializeSlice(rewriter, loc,
                                      op->getOperand(order[role]),
                                      slices[order[role]]);
      matrices[role] =
          collapse(rewriter, loc, sliced, roles.reassociation[role]);
    }
    linalg::GenericOp matmul = buildCanonicalMatmulGeneric(
        rewriter, loc, matrices[0], matrices[1], matrices[2], op,
        {order[0], order[1], 2});
    Operation *result = matmul;
    std::string unused;
    std::optional<MultiplyAccumulateBody> body =
        matchMultiplyAccumulateBody(matmul, unused);
    // linalg.matmul widens integers signed: keep unsigned bodies generic.
    if (body && body->lhs != OperandExtension::Unsigned &&
        body->rhs != OperandExtension::Unsigned) {
      FailureOr<linalg::LinalgOp> named =
          linalg::specializeGenericOp(rewriter, matmul);
      if (succeeded(named))
        result = *named;
    }
    if (!op.hasPureTensorSemantics()) {
      rewriter.eraseOp(op);
      return;
    }
    Value expanded = tensor::ExpandShapeOp::create(
        rewriter, loc, op->getResult(0).getType(), result->getResult(0),
        roles.reassociation[2]);
    rewriter.replaceOp(op, expanded);
  }

  /// Fallback: the same computation over the sliced operands, as a generic
  /// whose maps are projected permutations (no filter loops, no strides).
  static void rewriteToContraction(linalg::LinalgOp op,
                                   ArrayRef<OperandView> views,
                                   ArrayRef<SliceParams> slices,
                                   PatternRewriter &rewriter) {
    Location loc = op.getLoc();
    // Renumber the surviving loops densely, keeping their order.
    SmallVector<unsigned> survivors;
    for (unsigned loop = 0; loop < op.getNumLoops(); ++loop)
      if (llvm::any_of(views, [&](const OperandView &view) {
            return llvm::is_contained(view.loops(), loop);
          }))
        survivors.push_back(loop);
    SmallVector<AffineMap> maps;
    SmallVector<Value> operands;
    for (auto [view, slice, operand] :
         llvm::zip(views, slices, op->getOperands())) {
      SmallVector<AffineExpr> results;
      for (unsigned loop : view.loops())
        results.push_back(rewriter.getAffineDimExpr(
            llvm::find(survivors, loop) - survivors.begin()));
      maps.push_back(AffineMap::get(survivors.size(), 0, results,
                                    rewriter.getContext()));
      operands.push_back(materializeSlice(rewriter, loc, operand, slice));
    }
    SmallVector<utils::IteratorType> allIterators =
        op.getIteratorTypesArray();
    SmallVector<utils::IteratorType> iterators;
    for (unsigned loop : survivors)
      iterators.push_back(allIterators[loop]);
    auto contraction = linalg::GenericOp::create(
        rewriter, loc, op->getResultTypes(), ValueRange{operands[0], operands[1]},
        ValueRange{operands[2]}, maps, iterators, copyBodyOf(op));
    rewriter.replaceOp(op, contraction);
  }

  llvm::Statistic &numRewritten;
};

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct ConvToMatmulPass
    : public impl::ConvToMatmulPassBase<ConvToMatmulPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<UnitWindowConvToMatmul>(&getContext(), numRewritten);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    if (strict && failed(reportRemainingConvolutions()))
      signalPassFailure();
  }

private:
  /// In strict mode every convolution must have become a matmul; each one
  /// left is an error that says why it could not.
  LogicalResult reportRemainingConvolutions() {
    bool any = false;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!linalg::isaConvolutionOpInterface(op))
        return;
      std::string why;
      (void)planRewrite(op, why);
      op->emitError() << "convolution cannot become a matmul: " << why;
      any = true;
    });
    return failure(any);
  }
};

} // namespace
} // namespace aieconv

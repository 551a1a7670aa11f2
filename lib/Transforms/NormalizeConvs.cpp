//===- NormalizeConvs.cpp - Every conv becomes a channels-last conv_2d ----===//
//
// The tiling stage handles one layout: conv_2d_nhwc_hwcf (and the
// depthwise_conv_2d_nhwc_hwc that has no channel reduction). Channels-first
// convs are relaid to channels-last with linalg.transpose (on the AIE the
// memtile DMA performs such a relayout while moving data), and conv_1d
// becomes a conv_2d of height 1 through expand_shape, which costs nothing.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "aieconv-normalize-convs"

namespace aieconv {
#define GEN_PASS_DEF_NORMALIZECONVSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;

namespace aieconv {
namespace {

/// A new init of `type` for an op whose init was `init`: a fill producer is
/// re-created at the new type (so later tiling can still fuse it), anything
/// else is carried over by `reshape`.
static Value rebuildInit(PatternRewriter &rewriter, Location loc, Value init,
                         RankedTensorType type,
                         function_ref<Value(Value)> reshape) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType());
    return linalg::FillOp::create(rewriter, loc, fill.getInputs()[0], empty)
        .getResult(0);
  }
  return reshape(init);
}

static Value transposeTo(PatternRewriter &rewriter, Location loc, Value source,
                         ArrayRef<int64_t> permutation) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(type.getDimSize(dim));
  Value empty =
      tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, source, empty, permutation)
      .getResult()[0];
}

static LogicalResult requireStaticTensors(linalg::LinalgOp op,
                                          PatternRewriter &rewriter) {
  if (!op.hasPureTensorSemantics())
    return rewriter.notifyMatchFailure(op, "runs on tensors only");
  if (op.hasDynamicShape())
    return rewriter.notifyMatchFailure(op, "dynamic shapes");
  return success();
}

/// NCHW x FCHW -> NCHW becomes transposes around NHWC x HWCF -> NHWC.
struct ChannelsFirstToChannelsLast
    : public OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticTensors(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    Value input = transposeTo(rewriter, loc, op.getInputs()[0], {0, 2, 3, 1});
    Value filter = transposeTo(rewriter, loc, op.getInputs()[1], {2, 3, 1, 0});
    Value oldInit = op.getOutputs()[0];
    auto initType = cast<RankedTensorType>(oldInit.getType());
    auto nhwcType = RankedTensorType::get(
        {initType.getDimSize(0), initType.getDimSize(2),
         initType.getDimSize(3), initType.getDimSize(1)},
        initType.getElementType());
    Value init = rebuildInit(rewriter, loc, oldInit, nhwcType, [&](Value v) {
      return transposeTo(rewriter, loc, v, {0, 2, 3, 1});
    });
    auto conv = linalg::Conv2DNhwcHwcfOp::create(
        rewriter, loc, nhwcType, ValueRange{input, filter}, ValueRange{init},
        op.getStrides(), op.getDilations());
    rewriter.replaceOp(
        op, transposeTo(rewriter, loc, conv.getResult(0), {0, 3, 1, 2}));
    return success();
  }
};

/// NWC x WCF -> NWC becomes NHWC x HWCF -> NHWC with H = 1.
struct Conv1DToConv2D : public OpRewritePattern<linalg::Conv1DNwcWcfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv1DNwcWcfOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticTensors(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    SmallVector<ReassociationIndices> unitFirst = {{0, 1}, {2}, {3}};
    SmallVector<ReassociationIndices> unitSecond = {{0}, {1, 2}, {3}};
    auto withUnitDim = [](Value value, unsigned position) {
      auto type = cast<RankedTensorType>(value.getType());
      SmallVector<int64_t> shape(type.getShape());
      shape.insert(shape.begin() + position, 1);
      return RankedTensorType::get(shape, type.getElementType());
    };
    auto expand = [&](Value value, unsigned position,
                      ArrayRef<ReassociationIndices> reassociation) -> Value {
      return tensor::ExpandShapeOp::create(
          rewriter, loc, withUnitDim(value, position), value, reassociation);
    };
    // NWC -> N1WC (unit dim after N), WCF -> 1WCF (unit dim first).
    Value input = expand(op.getInputs()[0], 1, unitSecond);
    Value filter = expand(op.getInputs()[1], 0, unitFirst);
    Value oldInit = op.getOutputs()[0];
    RankedTensorType initType = withUnitDim(oldInit, 1);
    Value init = rebuildInit(rewriter, loc, oldInit, initType, [&](Value v) {
      return expand(v, 1, unitSecond);
    });
    int64_t stride = op.getStrides().getValues<int64_t>()[0];
    int64_t dilation = op.getDilations().getValues<int64_t>()[0];
    auto conv = linalg::Conv2DNhwcHwcfOp::create(
        rewriter, loc, initType, ValueRange{input, filter}, ValueRange{init},
        rewriter.getI64VectorAttr({1, stride}),
        rewriter.getI64VectorAttr({1, dilation}));
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, op.getResult(0).getType(), conv.getResult(0), unitSecond);
    return success();
  }
};

/// A 1x1 conv with a stride reads every stride-th input row and column: the
/// input is sliced to exactly those (a strided gather the shim DMA makes
/// while moving data) and the conv runs at stride 1, so no transfer carries
/// the skipped rows and columns, and the ukernel runs its stride-1 path.
struct GatherStridedUnitWindow
    : public OpRewritePattern<linalg::Conv2DNhwcHwcfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNhwcHwcfOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticTensors(op, rewriter)))
      return failure();
    auto filter = cast<RankedTensorType>(op.getInputs()[1].getType());
    if (filter.getDimSize(0) != 1 || filter.getDimSize(1) != 1)
      return rewriter.notifyMatchFailure(op, "window larger than 1x1");
    SmallVector<int64_t> strides(op.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(op.getDilations().getValues<int64_t>());
    if (strides == SmallVector<int64_t>{1, 1} &&
        dilations == SmallVector<int64_t>{1, 1})
      return rewriter.notifyMatchFailure(op, "already stride 1");
    auto input = cast<RankedTensorType>(op.getInputs()[0].getType());
    auto output = cast<RankedTensorType>(op.getOutputs()[0].getType());
    SmallVector<int64_t> sizes = {input.getDimSize(0), output.getDimSize(1),
                                  output.getDimSize(2), input.getDimSize(3)};
    Value gathered = tensor::ExtractSliceOp::create(
        rewriter, op.getLoc(),
        RankedTensorType::get(sizes, input.getElementType()),
        op.getInputs()[0], ValueRange{}, ValueRange{}, ValueRange{},
        SmallVector<int64_t>{0, 0, 0, 0}, sizes,
        SmallVector<int64_t>{1, strides[0], strides[1], 1});
    rewriter.replaceOpWithNewOp<linalg::Conv2DNhwcHwcfOp>(
        op, output, ValueRange{gathered, op.getInputs()[1]}, op.getOutputs(),
        rewriter.getI64VectorAttr({1, 1}), rewriter.getI64VectorAttr({1, 1}));
    return success();
  }
};

struct NormalizeConvsPass
    : public impl::NormalizeConvsPassBase<NormalizeConvsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ChannelsFirstToChannelsLast, Conv1DToConv2D,
                 GatherStridedUnitWindow>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace aieconv

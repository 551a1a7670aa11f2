//===- TileConvs.cpp - Tile convolutions over the AIE array ---------------===//
//
// The tile sizes come from the tile search (lib/Target), which scores
// candidates with the device model and the ukernels' cost; this pass only
// realises its schedule: pad to whole tiles, an scf.forall over core tiles
// with the accumulator's fill fused in, an scf.for nest over the reduction.
//
//===----------------------------------------------------------------------===//

#include "aieconv/Transforms/PackedConvForm.h"
#include "aieconv/Transforms/Passes.h"
#include "aieconv/Transforms/PixelFlatten.h"
#include "aieconv/Transforms/UKernelSelection.h"
#include "aieconv/Transforms/WindowFold.h"

#include "aieconv/Target/CostModel.h"
#include "aieconv/Target/DeviceModel.h"
#include "aieconv/Target/TileSearch.h"
#include "aieconv/Target/UKernelCalls.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

#define DEBUG_TYPE "aieconv-tile-convs"

namespace aieconv {
#define GEN_PASS_DEF_TILECONVSPASS
#include "aieconv/Transforms/Passes.h.inc"
} // namespace aieconv

using namespace mlir;
namespace kernels = aieconv::kernels;
namespace target = aieconv::target;

namespace aieconv {
namespace {

//===----------------------------------------------------------------------===//
// The conv as a ConvSpec
//===----------------------------------------------------------------------===//

/// Describes a static channels-last conv or depthwise conv for the tile
/// search, or says why it cannot be scheduled.
static FailureOr<ConvSpec> specOf(linalg::LinalgOp op, std::string &why) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape()) {
    why = "only static convolutions on tensors are tiled";
    return failure();
  }
  bool depthwise = isa<linalg::DepthwiseConv2DNhwcHwcOp>(op);
  auto input = cast<RankedTensorType>(op.getDpsInputs()[0].getType());
  auto filter = cast<RankedTensorType>(op.getDpsInputs()[1].getType());
  auto output = cast<RankedTensorType>(op.getDpsInits()[0].getType());
  Type in = input.getElementType(), out = output.getElementType();
  ConvSpec spec;
  if (in.isBF16() && filter.getElementType().isBF16() && out.isF32()) {
    spec.type = ConvType::BF16;
  } else if (in.isSignlessInteger(8) &&
             filter.getElementType().isSignlessInteger(8) &&
             out.isSignlessInteger(32)) {
    spec.type = ConvType::I8;
  } else {
    why = "element types must be bf16 x bf16 -> f32 or i8 x i8 -> i32";
    return failure();
  }
  DenseIntElementsAttr strides, dilations;
  if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(op.getOperation())) {
    strides = conv.getStrides();
    dilations = conv.getDilations();
  } else {
    auto dw = cast<linalg::DepthwiseConv2DNhwcHwcOp>(op.getOperation());
    strides = dw.getStrides();
    dilations = dw.getDilations();
  }
  spec.op = depthwise ? ConvOp::DepthwiseNhwcHwc : ConvOp::Conv2dNhwcHwcf;
  spec.n = input.getDimSize(0);
  spec.ih = input.getDimSize(1);
  spec.iw = input.getDimSize(2);
  spec.ic = input.getDimSize(3);
  spec.kh = filter.getDimSize(0);
  spec.kw = filter.getDimSize(1);
  spec.oc = depthwise ? spec.ic : filter.getDimSize(3);
  spec.sh = strides.getValues<int64_t>()[0];
  spec.sw = strides.getValues<int64_t>()[1];
  spec.dh = dilations.getValues<int64_t>()[0];
  spec.dw = dilations.getValues<int64_t>()[1];
  if (spec.oh() != output.getDimSize(1) || spec.ow() != output.getDimSize(2)) {
    why = "output size does not match input, filter, strides and dilations";
    return failure();
  }
  auto fill = op.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
  spec.accumulates = !fill || !isZeroFill(fill);
  if (auto pad = op.getDpsInputs()[0].getDefiningOp<tensor::PadOp>()) {
    Value value = pad.getConstantPaddingValue();
    ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
    if (value && isZeroConstant(value) && low.size() == 4 &&
        !ShapedType::isDynamicShape(low) &&
        !ShapedType::isDynamicShape(high)) {
      spec.zeroRows = low[1] + high[1];
      spec.zeroCols = low[2] + high[2];
    }
  }
  return spec;
}

/// The registry's name for the element type of operand `index` of `op`
/// (specOf has checked that it has one).
static kernels::ElemType elemTypeOf(linalg::LinalgOp op, unsigned index) {
  return *toRegistryElemType(
      getElementTypeOrSelf(op->getOperand(index).getType()));
}

//===----------------------------------------------------------------------===//
// Padding to whole tiles
//===----------------------------------------------------------------------===//

static SmallVector<OpFoldResult> asIndexSizes(OpBuilder &builder,
                                              ArrayRef<int64_t> sizes) {
  return getAsIndexOpFoldResult(builder.getContext(), sizes);
}

/// `value` cut or zero-padded at the high end of each dimension to `shape`.
static Value resizeTo(OpBuilder &builder, Location loc, Value value,
                      ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> kept;
  for (auto [size, wanted] : llvm::zip(type.getShape(), shape))
    kept.push_back(std::min(size, wanted));
  if (kept != type.getShape()) {
    SmallVector<int64_t> zeros(shape.size(), 0), ones(shape.size(), 1);
    value = tensor::ExtractSliceOp::create(
        builder, loc, RankedTensorType::get(kept, type.getElementType()),
        value, ValueRange{}, ValueRange{}, ValueRange{}, zeros, kept, ones);
  }
  if (kept == shape)
    return value;
  SmallVector<int64_t> low(shape.size(), 0), high;
  for (auto [size, wanted] : llvm::zip(kept, shape))
    high.push_back(wanted - size);
  Value zero = arith::ConstantOp::create(
      builder, loc, builder.getZeroAttr(type.getElementType()));
  return tensor::PadOp::create(
      builder, loc, RankedTensorType::get(shape, type.getElementType()), value,
      asIndexSizes(builder, low), asIndexSizes(builder, high), zero);
}

/// The accumulator at the padded shape: a fill is re-created there (so it
/// can be fused), anything else is padded.
static Value resizeInit(OpBuilder &builder, Location loc, Value init,
                        ArrayRef<int64_t> shape) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  if (!fill)
    return resizeTo(builder, loc, init, shape);
  auto type = cast<RankedTensorType>(init.getType());
  Value empty =
      tensor::EmptyOp::create(builder, loc, shape, type.getElementType());
  return linalg::FillOp::create(builder, loc, fill.getInputs()[0], empty)
      .getResult(0);
}

/// Builds, in front of `op`, the same conv on operands padded to the
/// schedule; `op` stays for the caller to replace.
static linalg::LinalgOp padToSchedule(RewriterBase &rewriter,
                                      linalg::LinalgOp op,
                                      const target::ConvSchedule &schedule) {
  const ConvSpec &spec = schedule.spec;
  bool depthwise = spec.op == ConvOp::DepthwiseNhwcHwc;
  int64_t channels = depthwise ? schedule.icPadded : schedule.ocPadded;
  SmallVector<int64_t> inputShape = {spec.n, schedule.ihPadded,
                                     schedule.iwPadded, schedule.icPadded};
  SmallVector<int64_t> filterShape = {spec.kh, spec.kw, schedule.icPadded};
  if (!depthwise)
    filterShape.push_back(schedule.ocPadded);
  SmallVector<int64_t> outputShape = {spec.n, schedule.ohPadded,
                                      schedule.owPadded, channels};
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value input = resizeTo(rewriter, loc, op.getDpsInputs()[0], inputShape);
  Value filter = resizeTo(rewriter, loc, op.getDpsInputs()[1], filterShape);
  Value init = resizeInit(rewriter, loc, op.getDpsInits()[0], outputShape);
  Operation *padded = clone(rewriter, op, {init.getType()},
                            ValueRange{input, filter, init});
  return cast<linalg::LinalgOp>(padded);
}

//===----------------------------------------------------------------------===//
// Tiling
//===----------------------------------------------------------------------===//

/// Whether the schedule's ukernel reads channel-blocked operands (the conv
/// ukernel of im2col-l1, and the depthwise ukernel).
static bool usesPackedConv(const target::ConvSchedule &schedule) {
  return schedule.spec.op == ConvOp::DepthwiseNhwcHwc ||
         schedule.strategy == target::Strategy::Im2colL1;
}

/// Tile sizes per loop of the op to tile: the core tile, and the reduction
/// step. Loops are (n, oh, ow, oc, kh, kw, ic) for a channels-last conv and
/// (n, oc/t, oh, ow, t, kh, kw[, ic/s, s]) for a packed one.
static std::pair<SmallVector<int64_t>, SmallVector<int64_t>>
tileSizesFor(const target::ConvSchedule &schedule, int64_t depthwiseLanes) {
  const target::TileChoice &tile = schedule.tile;
  // Taps are tiled one at a time unless one call covers the whole window.
  int64_t tap = schedule.tapsPerCall > 1 ? 0 : 1;
  if (!usesPackedConv(schedule))
    return {{1, tile.th, tile.tw, tile.toc, 0, 0, 0},
            {0, 0, 0, 0, tap, tap, tile.icb}};
  if (schedule.spec.op == ConvOp::DepthwiseNhwcHwc)
    return {{1, tile.toc / depthwiseLanes, tile.th, tile.tw, 0, 0, 0},
            {0, 0, 0, 0, 0, tap, tap}};
  const kernels::MicroTile &micro = schedule.microTile;
  return {{1, tile.toc / micro.t, tile.th, tile.tw, 0, 0, 0, 0, 0},
          {0, 0, 0, 0, 0, tap, tap, tile.icb / micro.s, 0}};
}

/// Tiles `op` over core tiles (scf.forall, fill fused) and its reduction
/// (scf.for) with the given sizes; returns the forall.
static FailureOr<scf::ForallOp> tileOp(RewriterBase &rewriter,
                                       TilingInterface op,
                                       ArrayRef<int64_t> coreTile,
                                       ArrayRef<int64_t> reductionTile) {
  MLIRContext *context = rewriter.getContext();
  SmallVector<Attribute> mapping;
  for (int64_t size : coreTile)
    if (size != 0)
      mapping.push_back(gpu::GPUBlockMappingAttr::get(
          context, static_cast<gpu::MappingId>(
                       static_cast<int64_t>(gpu::MappingId::LinearDim0) +
                       mapping.size())));

  scf::SCFTilingOptions coreOptions;
  coreOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp)
      .setTileSizes(asIndexSizes(rewriter, coreTile))
      .setMapping(mapping);
  scf::SCFTileAndFuseOptions fuseOptions;
  fuseOptions.setTilingOptions(coreOptions);
  fuseOptions.setFusionControlFn(
      [](tensor::ExtractSliceOp, OpResult producer,
         bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (isa<linalg::FillOp>(producer.getOwner()))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTileAndFuseResult> cores =
      scf::tileConsumerAndFuseProducersUsingSCF(rewriter, op, fuseOptions);
  if (failed(cores))
    return failure();
  for (OpResult result : op->getResults())
    rewriter.replaceAllUsesWith(result, cores->replacements.lookup(result));
  auto forall = cast<scf::ForallOp>(cores->loops.front().getOperation());

  auto tiled = cast<TilingInterface>(cores->tiledAndFusedOps.front());
  if (llvm::all_of(reductionTile, [](int64_t size) { return size == 0; }))
    return forall;
  scf::SCFTilingOptions reductionOptions;
  reductionOptions.setTileSizes(asIndexSizes(rewriter, reductionTile));
  rewriter.setInsertionPoint(tiled);
  FailureOr<scf::SCFTilingResult> reduction =
      scf::tileUsingSCF(rewriter, tiled, reductionOptions);
  if (failed(reduction))
    return failure();
  rewriter.replaceOp(tiled, reduction->replacements);
  return forall;
}

/// The schedule as a dictionary of strings, kept on the core loop so later
/// stages and the driver can report it.
static DictionaryAttr scheduleAttr(MLIRContext *context,
                                   const target::ConvSchedule &schedule) {
  SmallVector<NamedAttribute> entries;
  for (auto &[key, value] : target::scheduleKeyValues(schedule))
    entries.emplace_back(StringAttr::get(context, key),
                         StringAttr::get(context, value));
  return DictionaryAttr::get(context, entries);
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct TileConvsPass : public impl::TileConvsPassBase<TileConvsPass> {
  using Base::Base;

  void runOnOperation() override {
    std::optional<kernels::Device> targetDevice = kernels::parseDevice(device);
    if (!targetDevice) {
      getOperation()->emitError()
          << "unknown device '" << device << "' (expected npu1 or npu2)";
      return signalPassFailure();
    }
    std::optional<target::Strategy> targetStrategy =
        target::parseStrategy(strategy);
    if (!targetStrategy) {
      getOperation()->emitError()
          << "unknown strategy '" << strategy
          << "' (expected auto, seed, decompose or im2col-l1)";
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> convs;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isa<linalg::Conv2DNhwcHwcfOp, linalg::DepthwiseConv2DNhwcHwcOp>(op) &&
          !op->getParentOfType<scf::ForallOp>())
        convs.push_back(op);
    });
    for (linalg::LinalgOp conv : convs)
      if (failed(tile(conv, *targetDevice, *targetStrategy)))
        return signalPassFailure();
  }

private:
  LogicalResult tile(linalg::LinalgOp conv, kernels::Device targetDevice,
                     target::Strategy targetStrategy) {
    std::string why;
    FailureOr<ConvSpec> spec = specOf(conv, why);
    if (failed(spec))
      return conv->emitError() << "cannot tile this convolution: " << why;
    if (!fixedTile.empty())
      return tileAsGiven(conv, *spec, targetDevice, targetStrategy);
    std::optional<target::ConvSchedule> schedule = target::searchSchedule(
        *spec, targetDevice, targetStrategy, nullptr, &why);
    // Where no tiling fits a core (a patch too wide), decompose, which
    // brings one tap at a time, may.
    const std::string im2colWhy = why;
    if (!schedule && targetStrategy == target::Strategy::Im2colL1) {
      schedule = target::searchSchedule(
          *spec, targetDevice, target::Strategy::Decompose, nullptr, &why);
      if (schedule)
        schedule->requested = target::Strategy::Im2colL1;
    }
    if (!schedule)
      return conv->emitError() << "no schedule for this convolution: " << why;
    auto plain = dyn_cast<linalg::Conv2DNhwcHwcfOp>(conv.getOperation());
    target::ConvForm form = target::ConvForm::AsGiven;
    if (plain && targetStrategy != target::Strategy::Seed)
      form = fastestForm(*spec, targetDevice, targetStrategy, *schedule);
    if (schedule->strategy != schedule->requested &&
        schedule->requested == target::Strategy::Im2colL1)
      conv->emitWarning() << "im2col-l1 cannot tile this convolution ("
                          << im2colWhy << "); using decompose";
    if (form == target::ConvForm::AsGiven)
      return applySchedule(conv, *spec, targetDevice, *schedule);
    return applySchedule(rewriteIntoForm(plain, form), specInForm(*spec, form),
                         targetDevice, *schedule);
  }

  /// The fastest shape of `spec` under `targetStrategy`, if the model
  /// prices one faster than `schedule`, which then becomes its schedule.
  /// Few input channels leave most of the channel block padding: the
  /// window's columns, or the whole window, folded into the channels may
  /// fill it (but multiply the input the shim reads). A window no larger
  /// than its strides folds whole into a 1x1 conv, and so may any strided
  /// one: the conv ukernel loads a strided conv's pixels one by one (i8
  /// ones, narrower than a vector, with the elements after them, filtered
  /// out), a 1x1 conv's in whole vectors. A conv strided along its rows may
  /// fold only its columns, which leaves the rows at unit stride for less
  /// extra input (kw / sw times, not kh x kw / (sh x sw); npu1 i8 5x5 at
  /// stride 3: 9565 -> 8054 cycles). A 1x1 conv's pixels as
  /// one row split over the array without padding whole rows, and so do
  /// those of a whole window folded (ViT's 14 x 14 patches).
  static target::ConvForm fastestForm(const ConvSpec &spec,
                                      kernels::Device targetDevice,
                                      target::Strategy targetStrategy,
                                      target::ConvSchedule &schedule) {
    const bool fewChannels =
        target::paddedChannels(spec, targetDevice).ic > spec.ic;
    const bool readsEachInputOnce = (spec.kh - 1) * spec.dh < spec.sh &&
                                    (spec.kw - 1) * spec.dw < spec.sw;
    SmallVector<target::ConvForm> forms;
    const bool strided = spec.sh > 1 || spec.sw > 1;
    // (With one row the window is its columns: the whole fold below.)
    if (canFoldWindowColumns(spec) &&
        (fewChannels || (spec.sw > 1 && spec.kh > 1)))
      forms.push_back(target::ConvForm::FoldedColumns);
    // Tiles that pad the rows (14 pixels in tiles of 8) leave cores idle;
    // folded whole, the pixels go as one row, in tiles that pad less.
    const bool padsRows =
        schedule.ohPadded * schedule.owPadded > spec.oh() * spec.ow();
    const bool foldWhole =
        canFoldWindow(spec) && (fewChannels || readsEachInputOnce || strided);
    if (foldWhole)
      forms.push_back(target::ConvForm::FoldedWindow);
    if ((foldWhole || padsRows) &&
        canTakeForm(spec, target::ConvForm::FoldedWindowOneRow))
      forms.push_back(target::ConvForm::FoldedWindowOneRow);
    if (canFlattenPixels(spec))
      forms.push_back(target::ConvForm::OneRow);
    target::ConvForm best = target::ConvForm::AsGiven;
    for (target::ConvForm form : forms) {
      std::optional<target::ConvSchedule> formSchedule = target::searchSchedule(
          specInForm(spec, form), targetDevice, targetStrategy);
      if (!formSchedule ||
          formSchedule->cycles.totalCycles >= schedule.cycles.totalCycles)
        continue;
      formSchedule->requested = schedule.requested;
      formSchedule->tile.form = form;
      schedule = std::move(*formSchedule);
      best = form;
    }
    return best;
  }

  /// Whether `conv` can take `form`, its spec in that form, and the
  /// rewrite into it.
  static bool canTakeForm(const ConvSpec &spec, target::ConvForm form) {
    switch (form) {
    case target::ConvForm::AsGiven:
      return true;
    case target::ConvForm::OneRow:
      return canFlattenPixels(spec);
    case target::ConvForm::FoldedColumns:
      return canFoldWindowColumns(spec);
    case target::ConvForm::FoldedWindow:
      return canFoldWindow(spec);
    case target::ConvForm::FoldedWindowOneRow:
      return canFoldWindow(spec) &&
             canFlattenPixels(foldedWindow(spec, /*rows=*/true));
    }
    return false;
  }
  static ConvSpec specInForm(const ConvSpec &spec, target::ConvForm form) {
    switch (form) {
    case target::ConvForm::AsGiven:
      return spec;
    case target::ConvForm::OneRow:
      return flattenedPixels(spec);
    case target::ConvForm::FoldedColumns:
      return foldedWindow(spec, /*rows=*/false);
    case target::ConvForm::FoldedWindow:
      return foldedWindow(spec, /*rows=*/true);
    case target::ConvForm::FoldedWindowOneRow:
      return flattenedPixels(foldedWindow(spec, /*rows=*/true));
    }
    return spec;
  }
  static linalg::Conv2DNhwcHwcfOp rewriteIntoForm(linalg::Conv2DNhwcHwcfOp conv,
                                                  target::ConvForm form) {
    IRRewriter rewriter(conv);
    switch (form) {
    case target::ConvForm::AsGiven:
      return conv;
    case target::ConvForm::OneRow:
      return flattenPixels(rewriter, conv);
    case target::ConvForm::FoldedColumns:
      return foldWindow(rewriter, conv, /*rows=*/false);
    case target::ConvForm::FoldedWindow:
      return foldWindow(rewriter, conv, /*rows=*/true);
    case target::ConvForm::FoldedWindowOneRow:
      return flattenPixels(rewriter, foldWindow(rewriter, conv, /*rows=*/true));
    }
    return conv;
  }

  /// The user's `tile` instead of the search: checked by the same cost
  /// model, so an illegal tiling is refused with the model's reason.
  LogicalResult tileAsGiven(linalg::LinalgOp conv, const ConvSpec &spec,
                            kernels::Device targetDevice,
                            target::Strategy targetStrategy) {
    if (targetStrategy != target::Strategy::Decompose &&
        targetStrategy != target::Strategy::Im2colL1)
      return conv->emitError() << "a fixed tile needs strategy decompose or "
                                  "im2col-l1, not '"
                               << strategy << "'";
    std::string why;
    std::optional<target::TileChoice> choice =
        target::parseTileChoice(fixedTile, why);
    if (!choice)
      return conv->emitError() << "bad tile '" << fixedTile << "': " << why;
    const target::DeviceModel &dev = target::getDeviceModel(targetDevice);
    if (choice->columns == 0)
      choice->columns = dev.columns;
    if (choice->rows == 0)
      choice->rows = dev.coreRows;
    // The sizes are for the conv in the tile's form (the schedule of a
    // rewritten conv records it).
    auto plain = dyn_cast<linalg::Conv2DNhwcHwcfOp>(conv.getOperation());
    if (choice->form != target::ConvForm::AsGiven &&
        (!plain || !canTakeForm(spec, choice->form)))
      return conv->emitError()
             << "tile '" << fixedTile << "': this convolution cannot take form "
             << target::toString(choice->form)
             << " (one-row: a 2-D NHWC 1x1 conv at unit stride without "
                "padding, over more than one row; folded-columns: a 2-D NHWC "
                "conv whose window is wider than 1, without column padding; "
                "folded-window: a 2-D NHWC conv whose window has several "
                "taps, without padding; folded-window-one-row: the same, "
                "with more than one output row)";
    const ConvSpec formSpec = specInForm(spec, choice->form);
    std::optional<target::ConvSchedule> schedule = target::evaluateTiling(
        formSpec, targetDevice, targetStrategy, *choice, &why);
    if (!schedule)
      return conv->emitError() << "tile '" << fixedTile
                               << "' does not fit this convolution: " << why;
    if (choice->form == target::ConvForm::AsGiven)
      return applySchedule(conv, spec, targetDevice, *schedule);
    return applySchedule(rewriteIntoForm(plain, choice->form), formSpec,
                         targetDevice, *schedule);
  }

  /// Pads, packs and tiles `conv` as `schedule` says, and records the
  /// schedule on the core loop.
  LogicalResult applySchedule(linalg::LinalgOp conv, const ConvSpec &spec,
                              kernels::Device targetDevice,
                              const target::ConvSchedule &schedule) {
    if (report)
      conv->emitRemark() << target::formatScheduleReport(schedule);
    IRRewriter rewriter(conv);
    linalg::LinalgOp padded = padToSchedule(rewriter, conv, schedule);
    int64_t lanes = 0;
    if (spec.op == ConvOp::DepthwiseNhwcHwc) {
      const kernels::DepthwiseVariant *variant = kernels::findDepthwiseVariant(
          targetDevice, elemTypeOf(padded, 0), elemTypeOf(padded, 1),
          elemTypeOf(padded, 2));
      if (!variant)
        return conv->emitError() << "no depthwise ukernel for these types";
      lanes = variant->lanes;
      if (schedule.tile.toc % lanes || schedule.icPadded % lanes)
        return conv->emitError()
               << "depthwise schedule channels (" << schedule.tile.toc
               << " per core, " << schedule.icPadded
               << " in all) are not multiples of the ukernel's " << lanes
               << " lanes";
    }
    linalg::LinalgOp toTile = padded;
    ArrayRef<int64_t> resultShape =
        cast<RankedTensorType>(conv->getResult(0).getType()).getShape();
    if (usesPackedConv(schedule)) {
      FailureOr<PackedConv> packed =
          packConv(rewriter, padded, schedule.microTile.s,
                   lanes ? lanes : schedule.microTile.t, resultShape);
      if (failed(packed))
        return padded->emitError() << "cannot pack this convolution";
      rewriter.replaceOp(conv, packed->result);
      rewriter.eraseOp(padded);
      toTile = packed->op;
    } else {
      rewriter.setInsertionPointAfter(padded);
      rewriter.replaceOp(conv, resizeTo(rewriter, conv.getLoc(),
                                        padded->getResult(0), resultShape));
    }
    auto [coreTile, reductionTile] = tileSizesFor(schedule, lanes);
    FailureOr<scf::ForallOp> forall =
        tileOp(rewriter, cast<TilingInterface>(toTile.getOperation()),
               coreTile, reductionTile);
    if (failed(forall))
      return toTile->emitError() << "tiling to the schedule failed";
    SmallVector<linalg::GenericOp> oneTapCalls;
    forall->walk([&](linalg::GenericOp op) { oneTapCalls.push_back(op); });
    for (linalg::GenericOp op : oneTapCalls)
      (void)gatherUnitWindowInput(rewriter, op);
    (*forall)->setAttr("aieconv.schedule",
                       scheduleAttr(&getContext(), schedule));
    rewriter.eraseOp(toTile);
    return success();
  }
};

} // namespace
} // namespace aieconv

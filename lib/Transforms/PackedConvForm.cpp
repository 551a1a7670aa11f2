//===- PackedConvForm.cpp - Convs on channel-blocked operands -------------===//

#include "aieconv/Transforms/PackedConvForm.h"

#include "aieconv/Transforms/MatmulForm.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace aieconv {

unsigned packedConvLoopCount(bool depthwise) { return depthwise ? 7 : 9; }

/// Maps of the packed conv over its loops, see packedConvLoopCount.
static SmallVector<AffineMap, 3> packedConvMaps(MLIRContext *context,
                                                const PackedConvGeometry &g) {
  unsigned count = packedConvLoopCount(g.depthwise);
  SmallVector<AffineExpr> d;
  for (unsigned i = 0; i < count; ++i)
    d.push_back(getAffineDimExpr(i, context));
  AffineExpr n = d[0], blocks = d[1], oh = d[2], ow = d[3], lane = d[4],
             kh = d[5], kw = d[6];
  AffineExpr ih = oh * g.strideH + kh * g.dilationH;
  AffineExpr iw = ow * g.strideW + kw * g.dilationW;
  auto map = [&](ArrayRef<AffineExpr> results) {
    return AffineMap::get(count, 0, results, context);
  };
  if (g.depthwise)
    return {map({n, blocks, ih, iw, lane}), map({blocks, kh, kw, lane}),
            map({n, blocks, oh, ow, lane})};
  AffineExpr icBlock = d[7], icLane = d[8];
  return {map({n, icBlock, ih, iw, icLane}),
          map({blocks, kh, kw, icBlock, icLane, lane}),
          map({n, blocks, oh, ow, lane})};
}

static SmallVector<utils::IteratorType>
packedConvIterators(bool depthwise) {
  SmallVector<utils::IteratorType> iterators(5, utils::IteratorType::parallel);
  iterators.append(packedConvLoopCount(depthwise) - 5,
                   utils::IteratorType::reduction);
  return iterators;
}

/// Reads `d * stride + k * dilation` (either order of the sum).
static bool readStrideAndDilation(AffineExpr expr, unsigned spatialLoop,
                                  unsigned tapLoop, int64_t &stride,
                                  int64_t &dilation) {
  auto sum = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!sum || sum.getKind() != AffineExprKind::Add)
    return false;
  auto factorOf = [](AffineExpr term, unsigned loop) -> int64_t {
    if (auto dim = dyn_cast<AffineDimExpr>(term))
      return dim.getPosition() == loop ? 1 : 0;
    auto mul = dyn_cast<AffineBinaryOpExpr>(term);
    if (!mul || mul.getKind() != AffineExprKind::Mul)
      return 0;
    auto dim = dyn_cast<AffineDimExpr>(mul.getLHS());
    auto factor = dyn_cast<AffineConstantExpr>(mul.getRHS());
    return dim && factor && dim.getPosition() == loop ? factor.getValue() : 0;
  };
  for (auto [first, second] : {std::pair(sum.getLHS(), sum.getRHS()),
                               std::pair(sum.getRHS(), sum.getLHS())}) {
    stride = factorOf(first, spatialLoop);
    dilation = factorOf(second, tapLoop);
    if (stride > 0 && dilation > 0)
      return true;
  }
  return false;
}

std::optional<PackedConvGeometry> matchPackedConv(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return std::nullopt;
  PackedConvGeometry geometry;
  geometry.depthwise = op.getNumLoops() == packedConvLoopCount(true);
  if (op.getNumLoops() != packedConvLoopCount(geometry.depthwise))
    return std::nullopt;
  AffineMap inputMap = op.getIndexingMapsArray()[0];
  if (inputMap.getNumResults() != 5 ||
      !readStrideAndDilation(inputMap.getResult(2), 2, 5, geometry.strideH,
                             geometry.dilationH) ||
      !readStrideAndDilation(inputMap.getResult(3), 3, 6, geometry.strideW,
                             geometry.dilationW))
    return std::nullopt;
  if (op.getIndexingMapsArray() !=
          ArrayRef<AffineMap>(packedConvMaps(op->getContext(), geometry)) ||
      op.getIteratorTypesArray() != packedConvIterators(geometry.depthwise))
    return std::nullopt;
  return geometry;
}

/// `value` ([..][C] channels last) packed into blocks of `block` channels
/// moved in front of the spatial dimensions, as `innerDims` and
/// `outerPermutation` say.
static Value packInto(OpBuilder &builder, Location loc, Value value,
                      ArrayRef<int64_t> innerDims, ArrayRef<int64_t> tiles,
                      ArrayRef<int64_t> outerPermutation) {
  SmallVector<OpFoldResult> tileSizes =
      getAsIndexOpFoldResult(builder.getContext(), tiles);
  Value dest = linalg::PackOp::createDestinationTensor(
      builder, loc, value, tileSizes, innerDims, outerPermutation);
  return linalg::PackOp::create(builder, loc, value, dest, innerDims,
                                tileSizes, std::nullopt, outerPermutation);
}

FailureOr<PackedConv> packConv(RewriterBase &rewriter, linalg::LinalgOp conv,
                               int64_t s, int64_t t,
                               ArrayRef<int64_t> resultShape) {
  PackedConvGeometry geometry;
  DenseIntElementsAttr strides, dilations;
  if (auto op = dyn_cast<linalg::Conv2DNhwcHwcfOp>(conv.getOperation())) {
    strides = op.getStrides();
    dilations = op.getDilations();
  } else if (auto op = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(
                 conv.getOperation())) {
    geometry.depthwise = true;
    strides = op.getStrides();
    dilations = op.getDilations();
  } else {
    return failure();
  }
  geometry.strideH = strides.getValues<int64_t>()[0];
  geometry.strideW = strides.getValues<int64_t>()[1];
  geometry.dilationH = dilations.getValues<int64_t>()[0];
  geometry.dilationW = dilations.getValues<int64_t>()[1];

  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  // Channels: [N][H][W][C] -> [N][C/b][H][W][b].
  SmallVector<int64_t> channelsFront = {0, 3, 1, 2};
  int64_t inputBlock = geometry.depthwise ? t : s;
  Value input = packInto(rewriter, loc, conv.getDpsInputs()[0], {3},
                         {inputBlock}, channelsFront);
  // Weights: HWCF -> [F/t][H][W][C/s][s][t]; depthwise HWC -> [C/t][H][W][t].
  Value weights =
      geometry.depthwise
          ? packInto(rewriter, loc, conv.getDpsInputs()[1], {2}, {t},
                     {2, 0, 1})
          : packInto(rewriter, loc, conv.getDpsInputs()[1], {2, 3}, {s, t},
                     {3, 0, 1, 2});
  Value init = conv.getDpsInits()[0];
  Value packedInit;
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    auto packedType = linalg::PackOp::inferPackedType(
        cast<RankedTensorType>(init.getType()), {t}, {3}, channelsFront);
    Value empty = tensor::EmptyOp::create(rewriter, loc, packedType.getShape(),
                                          packedType.getElementType());
    packedInit =
        linalg::FillOp::create(rewriter, loc, fill.getInputs()[0], empty)
            .getResult(0);
  } else {
    packedInit = packInto(rewriter, loc, init, {3}, {t}, channelsFront);
  }

  auto packed = linalg::GenericOp::create(
      rewriter, loc, packedInit.getType(), ValueRange{input, weights},
      ValueRange{packedInit}, packedConvMaps(rewriter.getContext(), geometry),
      packedConvIterators(geometry.depthwise), copyBodyOf(conv));
  // Crop the spatial padding on the packed result: the unpack crops only
  // within channel blocks.
  Value packedResult = packed.getResult(0);
  auto packedType = cast<RankedTensorType>(packedResult.getType());
  SmallVector<int64_t> cropped(packedType.getShape());
  cropped[2] = resultShape[1];
  cropped[3] = resultShape[2];
  if (cropped != packedType.getShape()) {
    SmallVector<int64_t> zeros(cropped.size(), 0), ones(cropped.size(), 1);
    packedResult = tensor::ExtractSliceOp::create(
        rewriter, loc,
        RankedTensorType::get(cropped, packedType.getElementType()),
        packedResult, ValueRange{}, ValueRange{}, ValueRange{}, zeros,
        cropped, ones);
  }
  auto initType = cast<RankedTensorType>(init.getType());
  Value unpacked = tensor::EmptyOp::create(rewriter, loc, resultShape,
                                           initType.getElementType());
  SmallVector<OpFoldResult> outTile =
      getAsIndexOpFoldResult(rewriter.getContext(), ArrayRef<int64_t>{t});
  auto unpack = linalg::UnPackOp::create(rewriter, loc, packedResult, unpacked,
                                         {3}, outTile, channelsFront);
  return PackedConv{packed, unpack.getResult()};
}

FailureOr<linalg::GenericOp> gatherUnitWindowInput(RewriterBase &rewriter,
                                                   linalg::GenericOp op) {
  std::optional<PackedConvGeometry> geometry = matchPackedConv(op);
  if (!geometry || !geometry->depthwise || op.hasDynamicShape() ||
      !op.hasPureTensorSemantics())
    return failure();
  ArrayRef<int64_t> weights =
      cast<RankedTensorType>(op.getDpsInputs()[1].getType()).getShape();
  bool unitWindow = weights[1] == 1 && weights[2] == 1;
  bool strided = geometry->strideH > 1 || geometry->strideW > 1 ||
                 geometry->dilationH > 1 || geometry->dilationW > 1;
  if (!unitWindow || !strided)
    return failure();

  auto outType = cast<RankedTensorType>(op.getDpsInits()[0].getType());
  auto inType = cast<RankedTensorType>(op.getDpsInputs()[0].getType());
  // [N][C/L][OH][OW][L]: every stride-th row and column of the input.
  SmallVector<int64_t> sizes(outType.getShape());
  SmallVector<int64_t> offsets(sizes.size(), 0);
  SmallVector<int64_t> strides = {1, 1, geometry->strideH, geometry->strideW,
                                  1};
  rewriter.setInsertionPoint(op);
  Value window = tensor::ExtractSliceOp::create(
      rewriter, op.getLoc(),
      RankedTensorType::get(sizes, inType.getElementType()),
      op.getDpsInputs()[0], ValueRange{}, ValueRange{}, ValueRange{}, offsets,
      sizes, strides);
  PackedConvGeometry dense;
  dense.depthwise = true;
  auto gathered = linalg::GenericOp::create(
      rewriter, op.getLoc(), op->getResultTypes(),
      ValueRange{window, op.getDpsInputs()[1]}, op.getDpsInits(),
      packedConvMaps(rewriter.getContext(), dense),
      packedConvIterators(/*depthwise=*/true), copyBodyOf(op));
  rewriter.replaceOp(op, gathered);
  return gathered;
}

} // namespace aieconv

//===- PixelFlatten.cpp - A 1x1 conv's pixels as one row ------------------===//

#include "aieconv/Transforms/PixelFlatten.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace aieconv {

bool canFlattenPixels(const ConvSpec &spec) {
  return spec.op == ConvOp::Conv2dNhwcHwcf && spec.kh == 1 && spec.kw == 1 &&
         spec.sh == 1 && spec.sw == 1 && spec.ph == 0 && spec.pw == 0 &&
         spec.ih > 1;
}

ConvSpec flattenedPixels(const ConvSpec &spec) {
  ConvSpec flat = spec;
  flat.iw = spec.ih * spec.iw;
  flat.ih = 1;
  // A pad's zero rows and columns are no longer rows and columns of the
  // one row.
  flat.zeroRows = flat.zeroCols = 0;
  return flat;
}

namespace {
/// [N][H][W][C] as [N][1][H*W][C].
RankedTensorType oneRowType(RankedTensorType image) {
  return RankedTensorType::get({image.getDimSize(0), 1,
                                image.getDimSize(1) * image.getDimSize(2),
                                image.getDimSize(3)},
                               image.getElementType());
}

/// `value` reshaped to `type`, both [N][A][B][C] with A x B alike: a
/// collapse of the middle dimensions, then their split. The same bytes.
Value reshapeRows(RewriterBase &rewriter, Location loc, Value value,
                  RankedTensorType type) {
  SmallVector<ReassociationIndices> middle{{0}, {1, 2}, {3}};
  Value pixels = tensor::CollapseShapeOp::create(rewriter, loc, value, middle);
  return tensor::ExpandShapeOp::create(rewriter, loc, type, pixels, middle);
}
} // namespace

linalg::Conv2DNhwcHwcfOp flattenPixels(RewriterBase &rewriter,
                                       linalg::Conv2DNhwcHwcfOp conv) {
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  Value image = conv.getInputs()[0], acc = conv.getOutputs()[0];
  auto outType = cast<RankedTensorType>(acc.getType());
  Value input =
      reshapeRows(rewriter, loc, image,
                  oneRowType(cast<RankedTensorType>(image.getType())));
  // A filled accumulator is filled in the new shape instead: the pipeline
  // then sees the fill it folds into the reduction's first step, not a
  // reshape of a buffer to read.
  RankedTensorType accRow = oneRowType(outType);
  Value init;
  if (auto fill = acc.getDefiningOp<linalg::FillOp>())
    init = linalg::FillOp::create(
               rewriter, loc, fill.getInputs(),
               ValueRange{tensor::EmptyOp::create(
                   rewriter, loc, accRow.getShape(), accRow.getElementType())})
               .getResult(0);
  else
    init = reshapeRows(rewriter, loc, acc, accRow);
  auto flat = linalg::Conv2DNhwcHwcfOp::create(
      rewriter, loc, accRow, ValueRange{input, conv.getInputs()[1]},
      ValueRange{init}, conv.getStrides(), conv.getDilations());
  // Back to [N][H][W][F].
  rewriter.replaceOp(conv,
                     reshapeRows(rewriter, loc, flat.getResult(0), outType));
  return flat;
}

} // namespace aieconv

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
  return flat;
}

namespace {
/// [N][H][W][C] as [N][1][H*W][C]: a collapse of the rows, then a unit row.
Value asOneRow(RewriterBase &rewriter, Location loc, Value image) {
  auto type = cast<RankedTensorType>(image.getType());
  int64_t n = type.getDimSize(0),
          pixels = type.getDimSize(1) * type.getDimSize(2),
          c = type.getDimSize(3);
  Value rows = tensor::CollapseShapeOp::create(
      rewriter, loc, image, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}});
  return tensor::ExpandShapeOp::create(
      rewriter, loc,
      RankedTensorType::get({n, 1, pixels, c}, type.getElementType()), rows,
      ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}});
}
} // namespace

linalg::Conv2DNhwcHwcfOp flattenPixels(RewriterBase &rewriter,
                                       linalg::Conv2DNhwcHwcfOp conv) {
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  auto outType = cast<RankedTensorType>(conv.getOutputs()[0].getType());
  Value input = asOneRow(rewriter, loc, conv.getInputs()[0]);
  // A filled accumulator is filled in the new shape instead: the pipeline
  // then sees the fill it folds into the reduction's first step, not a
  // reshape of a buffer to read.
  Value init;
  if (auto fill = conv.getOutputs()[0].getDefiningOp<linalg::FillOp>()) {
    Value empty = tensor::EmptyOp::create(
        rewriter, loc,
        {outType.getDimSize(0), 1,
         outType.getDimSize(1) * outType.getDimSize(2), outType.getDimSize(3)},
        outType.getElementType());
    init = linalg::FillOp::create(rewriter, loc, fill.getInputs(),
                                  ValueRange{empty})
               .getResult(0);
  } else {
    init = asOneRow(rewriter, loc, conv.getOutputs()[0]);
  }
  auto flat = linalg::Conv2DNhwcHwcfOp::create(
      rewriter, loc, init.getType(), ValueRange{input, conv.getInputs()[1]},
      ValueRange{init}, conv.getStrides(), conv.getDilations());
  // Back to [N][H][W][F]: drop the unit row, split the pixels.
  Value pixels = tensor::CollapseShapeOp::create(
      rewriter, loc, flat.getResult(0),
      ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}});
  Value result = tensor::ExpandShapeOp::create(
      rewriter, loc, outType, pixels,
      ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}});
  rewriter.replaceOp(conv, result);
  return flat;
}

} // namespace aieconv

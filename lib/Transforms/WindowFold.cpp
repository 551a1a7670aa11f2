//===- WindowFold.cpp - Window columns folded into input channels ---------===//

#include "aieconv/Transforms/WindowFold.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace aieconv {

bool canFoldWindowColumns(const ConvSpec &spec) {
  return spec.op == ConvOp::Conv2dNhwcHwcf && spec.kw > 1 && spec.pw == 0;
}

ConvSpec foldedWindowColumns(const ConvSpec &spec) {
  ConvSpec folded = spec;
  folded.iw = spec.ow();
  folded.ic = spec.kw * spec.ic;
  folded.kw = 1;
  folded.sw = 1;
  folded.dw = 1;
  return folded;
}

linalg::Conv2DNhwcHwcfOp foldWindowColumns(RewriterBase &rewriter,
                                           linalg::Conv2DNhwcHwcfOp conv) {
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  auto inType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(conv.getOutputs()[0].getType());
  int64_t n = inType.getDimSize(0), ih = inType.getDimSize(1),
          c = inType.getDimSize(3);
  int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1),
          f = filterType.getDimSize(3);
  int64_t ow = outType.getDimSize(2);
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());

  // The gather, one strided slice per window column: in'[.., x, kx, ..] =
  // in[.., x * SW + kx * DW, ..]. Plain data movement (no compute op), KW
  // copies however large the image.
  Value gathered = tensor::EmptyOp::create(
      rewriter, loc, ArrayRef<int64_t>{n, ih, ow, kw, c},
      inType.getElementType());
  auto columnType =
      RankedTensorType::get({n, ih, ow, c}, inType.getElementType());
  for (int64_t kx = 0; kx < kw; ++kx) {
    Value column = tensor::ExtractSliceOp::create(
        rewriter, loc, columnType, input, ValueRange{}, ValueRange{},
        ValueRange{}, ArrayRef<int64_t>{0, 0, kx * dilations[1], 0},
        ArrayRef<int64_t>{n, ih, ow, c},
        ArrayRef<int64_t>{1, 1, strides[1], 1});
    gathered = tensor::InsertSliceOp::create(
        rewriter, loc, column, gathered, ValueRange{}, ValueRange{},
        ValueRange{}, ArrayRef<int64_t>{0, 0, 0, kx, 0},
        ArrayRef<int64_t>{n, ih, ow, 1, c}, ArrayRef<int64_t>{1, 1, 1, 1, 1});
  }
  Value foldedInput = tensor::CollapseShapeOp::create(
      rewriter, loc, gathered,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});

  // HWCF keeps (kx, c) adjacent: the folded weights are a reshape.
  Value merged = tensor::CollapseShapeOp::create(
      rewriter, loc, filter, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}});
  auto foldedFilterType = RankedTensorType::get({kh, 1, kw * c, f},
                                                filterType.getElementType());
  Value foldedFilter = tensor::ExpandShapeOp::create(
      rewriter, loc, foldedFilterType, merged,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});

  auto folded = linalg::Conv2DNhwcHwcfOp::create(
      rewriter, loc, outType, ValueRange{foldedInput, foldedFilter},
      conv.getOutputs(), rewriter.getI64VectorAttr({strides[0], 1}),
      rewriter.getI64VectorAttr({dilations[0], 1}));
  rewriter.replaceOp(conv, folded.getResults());
  return folded;
}

} // namespace aieconv

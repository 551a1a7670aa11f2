//===- WindowFold.cpp - Window taps folded into input channels ------------===//

#include "aieconv/Transforms/WindowFold.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace aieconv {

bool canFoldWindowColumns(const ConvSpec &spec) {
  return spec.op == ConvOp::Conv2dNhwcHwcf && spec.kw > 1 && spec.pw == 0;
}

bool canFoldWindow(const ConvSpec &spec) {
  return spec.op == ConvOp::Conv2dNhwcHwcf && spec.kh * spec.kw > 1 &&
         spec.ph == 0 && spec.pw == 0;
}

ConvSpec foldedWindow(const ConvSpec &spec, bool rows) {
  ConvSpec folded = spec;
  folded.iw = spec.ow();
  folded.ic = spec.kw * spec.ic;
  folded.kw = 1;
  folded.sw = 1;
  folded.dw = 1;
  // A pad's zero columns become zero channels of the gathered columns, not
  // columns of zeros the DMAs could skip (its zero rows stay rows).
  folded.zeroCols = 0;
  if (rows) {
    folded.zeroRows = 0;
    folded.ih = spec.oh();
    folded.ic *= spec.kh;
    folded.kh = 1;
    folded.sh = 1;
    folded.dh = 1;
  }
  return folded;
}

/// The gather of the window's columns, one strided slice per column:
/// in'[.., h, x, 0, kx, ..] = in[.., h, x * SW + kx * DW, ..]. Plain data
/// movement (no compute op), KW copies however large the image, joined by
/// one concat (a chain of KW inserts costs the bufferization's analysis
/// time quadratic in KW: 0.85 s for 80 taps).
static Value gatherColumns(RewriterBase &rewriter, Location loc, Value input,
                           int64_t ow, int64_t kw, int64_t strideW,
                           int64_t dilationW) {
  auto inType = cast<RankedTensorType>(input.getType());
  int64_t n = inType.getDimSize(0), ih = inType.getDimSize(1),
          iw = inType.getDimSize(2), c = inType.getDimSize(3);
  Type element = inType.getElementType();
  // The gathered shape's unit dimensions, so that every column is a slice
  // of the result's rank.
  Value expanded = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get({n, ih, iw, 1, 1, c}, element),
      input, ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4, 5}});
  auto columnType = RankedTensorType::get({n, ih, ow, 1, 1, c}, element);
  SmallVector<Value> columns;
  for (int64_t kx = 0; kx < kw; ++kx)
    columns.push_back(tensor::ExtractSliceOp::create(
        rewriter, loc, columnType, expanded, ValueRange{}, ValueRange{},
        ValueRange{}, ArrayRef<int64_t>{0, 0, kx * dilationW, 0, 0, 0},
        ArrayRef<int64_t>{n, ih, ow, 1, 1, c},
        ArrayRef<int64_t>{1, 1, strideW, 1, 1, 1}));
  return tensor::ConcatOp::create(rewriter, loc, /*dim=*/4, columns);
}

/// The gather of a window that tiles the image (KH = SH, KW = SW, no
/// dilation): in'[.., y, x, ky, kx, ..] = in[.., y * KH + ky, x * KW + kx,
/// ..] is a reshape and one transpose, however many taps the window has.
static Value gatherPatches(RewriterBase &rewriter, Location loc, Value input,
                           int64_t oh, int64_t ow, int64_t kh, int64_t kw) {
  auto inType = cast<RankedTensorType>(input.getType());
  int64_t n = inType.getDimSize(0), c = inType.getDimSize(3);
  Type element = inType.getElementType();
  Value covered = input;
  if (inType.getDimSize(1) != oh * kh || inType.getDimSize(2) != ow * kw)
    covered = tensor::ExtractSliceOp::create(
        rewriter, loc, RankedTensorType::get({n, oh * kh, ow * kw, c}, element),
        input, ValueRange{}, ValueRange{}, ValueRange{},
        ArrayRef<int64_t>{0, 0, 0, 0},
        ArrayRef<int64_t>{n, oh * kh, ow * kw, c},
        ArrayRef<int64_t>{1, 1, 1, 1});
  Value patches = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get({n, oh, kh, ow, kw, c}, element),
      covered, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3, 4}, {5}});
  Value init = tensor::EmptyOp::create(
      rewriter, loc, ArrayRef<int64_t>{n, oh, ow, kh, kw, c}, element);
  return linalg::TransposeOp::create(rewriter, loc, patches, init,
                                     ArrayRef<int64_t>{0, 1, 3, 2, 4, 5})
      .getResult()
      .front();
}

/// The gather of the whole window as one copy whose input map reads the
/// window: in'[n, y, x, ky, kx, c] = in[n, y * SH + ky * DH,
/// x * SW + kx * DW, c]. One op however many taps (a slice per tap would
/// grow the IR with the window's area).
static Value gatherWindow(RewriterBase &rewriter, Location loc, Value input,
                          int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                          ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> dilations) {
  auto inType = cast<RankedTensorType>(input.getType());
  int64_t n = inType.getDimSize(0), c = inType.getDimSize(3);
  MLIRContext *context = rewriter.getContext();
  AffineExpr b, y, x, ky, kx, ch;
  bindDims(context, b, y, x, ky, kx, ch);
  auto read = AffineMap::get(6, 0,
                             {b, y * strides[0] + ky * dilations[0],
                              x * strides[1] + kx * dilations[1], ch},
                             context);
  Value init = tensor::EmptyOp::create(rewriter, loc,
                                       ArrayRef<int64_t>{n, oh, ow, kh, kw, c},
                                       inType.getElementType());
  SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
  auto copy = linalg::GenericOp::create(
      rewriter, loc, init.getType(), ValueRange{input}, ValueRange{init},
      ArrayRef<AffineMap>{read, rewriter.getMultiDimIdentityMap(6)}, iterators,
      [](OpBuilder &builder, Location bodyLoc, ValueRange args) {
        linalg::YieldOp::create(builder, bodyLoc, args.front());
      });
  return copy.getResult(0);
}

linalg::Conv2DNhwcHwcfOp foldWindow(RewriterBase &rewriter,
                                    linalg::Conv2DNhwcHwcfOp conv, bool rows) {
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  auto inType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(conv.getOutputs()[0].getType());
  int64_t c = inType.getDimSize(3);
  int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1),
          f = filterType.getDimSize(3);
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
  // Folded rows: the window's rows go into the channels too; else they
  // stay in the conv.
  int64_t oh = outType.getDimSize(1), ow = outType.getDimSize(2);
  int64_t taps = rows ? kh : 1;
  const bool patches = kh == strides[0] && kw == strides[1] &&
                       dilations[0] == 1 && dilations[1] == 1;
  Value gathered = !rows ? gatherColumns(rewriter, loc, input, ow, kw,
                                         strides[1], dilations[1])
                   : patches
                       ? gatherPatches(rewriter, loc, input, oh, ow, kh, kw)
                       : gatherWindow(rewriter, loc, input, oh, ow, kh, kw,
                                      strides, dilations);
  Value foldedInput = tensor::CollapseShapeOp::create(
      rewriter, loc, gathered,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4, 5}});

  // HWCF keeps (ky, kx, c) adjacent: the folded weights are a reshape.
  SmallVector<ReassociationIndices> merge =
      rows ? SmallVector<ReassociationIndices>{{0, 1, 2}, {3}}
           : SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}};
  Value merged = tensor::CollapseShapeOp::create(rewriter, loc, filter, merge);
  auto foldedFilterType = RankedTensorType::get(
      {kh / taps, 1, taps * kw * c, f}, filterType.getElementType());
  SmallVector<ReassociationIndices> split =
      rows ? SmallVector<ReassociationIndices>{{0, 1, 2}, {3}}
           : SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}};
  Value foldedFilter = tensor::ExpandShapeOp::create(
      rewriter, loc, foldedFilterType, merged, split);

  auto folded = linalg::Conv2DNhwcHwcfOp::create(
      rewriter, loc, outType, ValueRange{foldedInput, foldedFilter},
      conv.getOutputs(), rewriter.getI64VectorAttr({rows ? 1 : strides[0], 1}),
      rewriter.getI64VectorAttr({rows ? 1 : dilations[0], 1}));
  rewriter.replaceOp(conv, folded.getResults());
  return folded;
}

} // namespace aieconv

//===- WindowFold.h - Window columns folded into input channels -*- C++ -*-===//
//
// A conv with few input channels wastes most of a micro-tile's channel
// block (conv1 of ResNet-50: 3 channels padded to 8). Folding the window's
// columns into the channels, KW x C of them, fills the block: the input is
// gathered as in'[n, h, x, kx * C + c] = in[n, h, x * SW + kx * DW, c] (one
// overlapping-window read, which a shim DMA's address generation makes
// while moving the input) and the conv becomes a KH x 1 conv at column
// stride 1 over KW * C channels, whose weights are the same bytes.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_WINDOWFOLD_H
#define AIECONV_TRANSFORMS_WINDOWFOLD_H

#include "aieconv/Spec/ConvSpec.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace aieconv {

/// Whether folding applies: a 2-D conv whose window has several columns.
bool canFoldWindowColumns(const ConvSpec &spec);

/// The conv after folding (input already padded: `spec` has no padding).
ConvSpec foldedWindowColumns(const ConvSpec &spec);

/// Rewrites `conv` (static, on tensors, NHWC x HWCF, no padding left) into
/// the gather and the folded conv, which it returns.
mlir::linalg::Conv2DNhwcHwcfOp
foldWindowColumns(mlir::RewriterBase &rewriter,
                  mlir::linalg::Conv2DNhwcHwcfOp conv);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_WINDOWFOLD_H

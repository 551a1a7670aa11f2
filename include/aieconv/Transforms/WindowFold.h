//===- WindowFold.h - Window taps folded into input channels ----*- C++ -*-===//
//
// A conv with few input channels wastes most of a micro-tile's channel
// block (conv1 of ResNet-50: 3 channels padded to 8). Folding the window's
// columns into the channels, KW x C of them, fills the block: the input is
// gathered as in'[n, h, x, kx * C + c] = in[n, h, x * SW + kx * DW, c] (one
// overlapping-window read, which a shim DMA's address generation makes
// while moving the input) and the conv becomes a KH x 1 conv at column
// stride 1 over KW * C channels, whose weights are the same bytes.
//
// Folding the rows as well leaves a 1x1 conv at unit stride over
// KH x KW x C channels, gathered by one copy whose input map reads the
// window (a reshape and a transpose where the window tiles the image).
// Where the window is no larger than its stride (a patch embedding: ViT's
// 16x16 at stride 16, ConvNeXt's 4x4 at stride 4), the gather reads every
// input element at most once, and the conv becomes one whose channels fill
// the ukernel's blocks.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_WINDOWFOLD_H
#define AIECONV_TRANSFORMS_WINDOWFOLD_H

#include "aieconv/Spec/ConvSpec.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace aieconv {

/// Whether folding the columns applies: a 2-D conv whose window has
/// several columns and no column padding.
bool canFoldWindowColumns(const ConvSpec &spec);

/// Whether folding the whole window applies: a 2-D conv whose window has
/// several taps, without padding.
bool canFoldWindow(const ConvSpec &spec);

/// The conv after folding the columns, or the whole window (`rows`).
ConvSpec foldedWindow(const ConvSpec &spec, bool rows);

/// Rewrites `conv` (static, on tensors, NHWC x HWCF, no padding on the
/// folded axes) into the gather and the folded conv, which it returns:
/// its columns folded, or its whole window (`rows`).
mlir::linalg::Conv2DNhwcHwcfOp foldWindow(mlir::RewriterBase &rewriter,
                                          mlir::linalg::Conv2DNhwcHwcfOp conv,
                                          bool rows);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_WINDOWFOLD_H

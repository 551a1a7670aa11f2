//===- PixelFlatten.h - A 1x1 conv's pixels as one row ----------*- C++ -*-===//
//
// A 1x1 conv at unit stride is a matmul over pixels: where a pixel's row
// ends does not matter to it. Its cores' tiles still follow the rows, so
// an image whose width is no multiple of the micro-tile's 4 pixels, or
// whose rows do not split evenly over the array (ResNet-50's 14 x 14,
// 7 x 7), pads whole rows or columns. Taken as one row of H x W pixels the
// same conv splits into tiles of any multiple of 4 pixels (196 = 4 x 52 -
// 12). Flattening is a reshape of the input, the accumulator and the
// result: the same bytes, no copy.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_PIXELFLATTEN_H
#define AIECONV_TRANSFORMS_PIXELFLATTEN_H

#include "aieconv/Spec/ConvSpec.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace aieconv {

/// Whether flattening applies: a 2-D NHWC conv with a 1x1 window at unit
/// stride, no padding, over more than one row.
bool canFlattenPixels(const ConvSpec &spec);

/// The conv after flattening: one row of ih x iw pixels.
ConvSpec flattenedPixels(const ConvSpec &spec);

/// Rewrites `conv` (static, on tensors, as canFlattenPixels says) into the
/// conv over one row of pixels between reshapes, and returns the new conv.
mlir::linalg::Conv2DNhwcHwcfOp
flattenPixels(mlir::RewriterBase &rewriter,
              mlir::linalg::Conv2DNhwcHwcfOp conv);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_PIXELFLATTEN_H

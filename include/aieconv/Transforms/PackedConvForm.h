//===- PackedConvForm.h - Convs on channel-blocked operands -----*- C++ -*-===//
//
// The conv and depthwise ukernels read channel-blocked operands (layouts in
// kernels/registry/ConvVariants.h):
//
//   conv       input [N][IC/s][IH][IW][s]   weights [OC/t][KH][KW][IC/s][s][t]
//              output [N][OC/t][OH][OW][t]
//   depthwise  input [N][C/L][IH][IW][L]    weights [C/L][KH][KW][L]
//              output [N][C/L][OH][OW][L]
//
// A channels-last conv is brought to that form by linalg.pack of its
// operands (which a DMA performs while moving data) and becomes a
// linalg.generic over the packed operands: the "packed conv". Tiling it
// keeps the blocks whole, so every core tile's operands are already in the
// layout its ukernel reads. Shared by the tiling pass (which builds the form)
// and the ukernel lowering (which recognises it).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_PACKEDCONVFORM_H
#define AIECONV_TRANSFORMS_PACKEDCONVFORM_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace aieconv {

/// What distinguishes one packed conv from another besides shapes.
struct PackedConvGeometry {
  bool depthwise = false;
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
};

/// Loops of the packed conv: (n, oc/t, oh, ow, t | kh, kw, ic/s, s);
/// depthwise: (n, c/L, oh, ow, L | kh, kw).
unsigned packedConvLoopCount(bool depthwise);

/// The geometry of `op` if it is a packed conv (maps and iterators exactly
/// as built by packConv; the body is not checked).
std::optional<PackedConvGeometry> matchPackedConv(mlir::linalg::GenericOp op);

/// A packed conv and the value that replaces the conv it came from.
struct PackedConv {
  mlir::linalg::GenericOp op;
  mlir::Value result;
};

/// Builds, in front of a static channels-last `linalg.conv_2d_nhwc_hwcf`
/// (blocks of s input and t output channels) or
/// `linalg.depthwise_conv_2d_nhwc_hwc` (blocks of t channels; s unused),
/// linalg.pack of its operands, a packed conv generic and the unpacking of
/// its result to `resultShape` (NHWC, at most the conv's output shape: the
/// spatial crop happens on the packed result, the channel crop in the
/// unpack). A fill init becomes a fill of the packed accumulator. Channel
/// counts must be multiples of their blocks. The conv is left in place for
/// the caller to replace.
mlir::FailureOr<PackedConv> packConv(mlir::RewriterBase &rewriter,
                                     mlir::linalg::LinalgOp conv, int64_t s,
                                     int64_t t,
                                     llvm::ArrayRef<int64_t> resultShape);

/// A packed depthwise conv with a 1x1 window (one tap per call, as the seed
/// and decompose strategies tile it) and a stride or dilation above 1 reads
/// its input through a strided slice instead, becoming a stride-1 packed
/// conv: the transfer that fills L1 gathers the window densely, as the cost
/// model assumes, and the depthwise ukernel runs at unit stride. Fails, changing nothing, for any other op.
mlir::FailureOr<mlir::linalg::GenericOp>
gatherUnitWindowInput(mlir::RewriterBase &rewriter, mlir::linalg::GenericOp op);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_PACKEDCONVFORM_H

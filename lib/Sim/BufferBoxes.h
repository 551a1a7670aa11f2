//===- BufferBoxes.h - The part of a layer buffer that holds data ---------===//
//
// Private to lib/Sim. The pipeline pads a layer to whole tiles in DDR: the
// input is copied into a zero-filled buffer (and relaid out), the output
// is written whole tiles at a time into a buffer that the ops after the
// core tiles read the unpadded part of. The DMA programs move only that
// part: the memtile pads its transfers to the cores with zeros, and the
// core tiles' output goes to DDR clipped to it. These helpers find that
// part as a box of index ranges.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_SIM_BUFFERBOXES_H
#define AIECONV_LIB_SIM_BUFFERBOXES_H

#include "IREval.h"

#include <optional>
#include <utility>
#include <vector>

namespace aieconv::sim::detail {

/// Per dimension, the index range [first, second).
using Box = std::vector<std::pair<int64_t, int64_t>>;

/// The part of the output allocation `root` that the layer keeps: the core
/// tiles write whole tiles, and the ops after `forall` read the rest
/// through views at zero offsets and unit strides (their hull). The whole
/// shape when they read it in any other way.
Box keptBox(mlir::Value root, mlir::Operation *forall);

/// The part of the input buffer `root` (a layer-level allocation the core
/// tiles copy from) that holds the layer's data, when the rest is a
/// constant that the ops before `forall` filled it with: the region a copy
/// wrote, carried through the relayouts (reshapes and transposes) between
/// it and `root`. Where a relayout splits a dimension into blocks and the
/// data ends inside one (72 channels in blocks of 16), the box holds that
/// block whole. Nothing when the buffer is written in another way.
std::optional<Box> dataBox(mlir::Value root, mlir::Operation *forall);

/// The box of its root that `view` spans: a subview of the root (or a
/// subview of subviews of it, each at unit strides and of the root's
/// rank) with offsets known under `env`; nothing for any other view.
std::optional<Box> viewBox(mlir::Value view, const Env &env);

/// The boxes' common part (empty ranges where they do not meet), the
/// smallest box holding both, and the elements of one.
Box intersection(const Box &a, const Box &b);
Box hull(const Box &a, const Box &b);
int64_t volume(const Box &box);

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_BUFFERBOXES_H

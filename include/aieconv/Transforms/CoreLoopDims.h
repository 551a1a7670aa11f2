//===- CoreLoopDims.h - What each core-loop dimension walks -----*- C++ -*-===//
//
// The scheduled IR's core loop (an scf.forall over core tiles) walks output
// channels and pixels; how the tiles are dealt to the cores
// (aieconv/Target/TileDealing.h) depends on which dimensions the weights
// follow. The simulator, which deals the tiles, and the passes that need a
// tile's round read that off the IR with these, so they agree.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_CORELOOPDIMS_H
#define AIECONV_TRANSFORMS_CORELOOPDIMS_H

#include "aieconv/Target/TileDealing.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <optional>
#include <vector>

namespace aieconv {

/// The op outside `forall` that writes the buffer `root` (directly or
/// through views of it), and the value it reads from; null when none.
mlir::Value writerSource(mlir::Value root, mlir::Operation *forall);

/// The argument of `func` a DDR buffer holds (through relayouts, pads and
/// copies made outside `forall`), or nothing.
std::optional<unsigned> ddrArgumentOf(mlir::Value value,
                                      mlir::func::FuncOp func,
                                      mlir::Operation *forall);

/// Per dimension of the core loop `forall`: Channel when a copy from DDR
/// (into the memtile or a core) of the weights, argument 1 of the function
/// around it, depends on its index (output channels; for depthwise, the
/// channels), else Spatial.
std::vector<target::DimKind> coreLoopDimKinds(mlir::scf::ForallOp forall);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_CORELOOPDIMS_H

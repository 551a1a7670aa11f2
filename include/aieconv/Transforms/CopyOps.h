//===- CopyOps.h - The ops that move data between buffers -------*- C++ -*-===//
//
// The scheduled IR moves data with copies, and with transposes that are
// copies too: a DMA's address generation does the relayout on the way. The
// passes and the simulator recognise them with this.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_COPYOPS_H
#define AIECONV_TRANSFORMS_COPYOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <optional>
#include <utility>

namespace aieconv {

/// Source and target of a copy op, or nothing for other ops.
inline std::optional<std::pair<mlir::Value, mlir::Value>>
copyOperands(mlir::Operation *op) {
  if (auto copy = llvm::dyn_cast<mlir::linalg::CopyOp>(op))
    return std::make_pair(copy.getInputs().front(), copy.getOutputs().front());
  if (auto transpose = llvm::dyn_cast<mlir::linalg::TransposeOp>(op))
    return std::make_pair(transpose.getInput(), transpose.getInit());
  if (auto copy = llvm::dyn_cast<mlir::memref::CopyOp>(op))
    return std::make_pair(copy.getSource(), copy.getTarget());
  return std::nullopt;
}

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_COPYOPS_H

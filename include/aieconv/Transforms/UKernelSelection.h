//===- UKernelSelection.h - Which ukernel computes an op --------*- C++ -*-===//
//
// The question the ukernel lowering asks the registry for every candidate op:
// is there a variant built for exactly this shape, these element types and
// these operand layouts? The answer is a call description or the reason
// there is none (with the nearest legal shape where that helps).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_UKERNELSELECTION_H
#define AIECONV_TRANSFORMS_UKERNELSELECTION_H

#include "registry/UKernelRegistry.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <string>

namespace aieconv {

/// A ukernel call the registry agreed to.
struct UKernelSelection {
  std::string symbol;
  /// Scalar operands after the buffers (conv strides and dilations).
  llvm::SmallVector<int64_t, 4> scalars;
  /// Operands whose leading unit batch dimension the call drops.
  llvm::SmallVector<bool, 3> dropsBatch;
  /// Whether buffers may have any leading dimension (row-major matmuls);
  /// otherwise they must be dense.
  bool acceptsLeadingDimension = false;
};

/// Whether `op` is a kind of op the lowering considers: a matmul, a
/// canonical matmul generic, or a packed conv / depthwise generic.
bool isUKernelCandidate(mlir::linalg::LinalgOp op);

/// Asks the registry for a ukernel that computes candidate `op` on `device`.
/// On failure `why` explains, starting with a description of the op.
std::optional<UKernelSelection> selectUKernel(mlir::linalg::LinalgOp op,
                                              kernels::Device device,
                                              std::string &why);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_UKERNELSELECTION_H

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
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <string>

namespace aieconv {

/// A ukernel call the registry agreed to.
struct UKernelSelection {
  std::string symbol;
  /// The op operands the call passes, in order.
  llvm::SmallVector<unsigned, 3> buffers = {0, 1, 2};
  /// Scalar operands after the buffers (conv strides and dilations).
  llvm::SmallVector<int64_t, 4> scalars;
  /// Per passed buffer: whether the call drops its leading unit batch
  /// dimension.
  llvm::SmallVector<bool, 3> dropsBatch = {false, false, false};
  /// Per passed buffer, empty or the shape the call views that (dense)
  /// buffer with, its elements in order, after any batch drop: the
  /// zero-fill of a dense accumulator as a few long rows, a 1x1 conv
  /// tile's pixel rows as one (ConvShape::withPixelRowsJoined).
  llvm::SmallVector<llvm::SmallVector<int64_t, 4>, 3> denseViews;
  /// Whether buffers may have any leading dimension (row-major matmuls);
  /// otherwise they must be dense.
  bool acceptsLeadingDimension = false;
  /// On buffers, the op zeroing the accumulator that the call makes
  /// redundant by starting from zero itself (a conv "_init" call); the
  /// lowering erases it. Null otherwise.
  mlir::Operation *replacesZeroing = nullptr;
  /// With replacesZeroing: the reduction loop whose first step starts the
  /// accumulation; the call's last scalar (accumulate) becomes
  /// min(iv - lower bound, 1) instead of a constant.
  mlir::scf::ForOp firstStepOf;
  /// The last scalar is the conv ukernel's accumulator route, which a
  /// cascade schedule turns into each step's place in the chain.
  bool routesAccumulator = false;
};

/// The registry's name for an MLIR element type (bf16, f32, i8, i32), or
/// nothing for types no ukernel takes.
std::optional<kernels::ElemType> toRegistryElemType(mlir::Type type);

/// Whether `value` is a constant zero (float or integer).
bool isZeroConstant(mlir::Value value);

/// Whether `fill` writes zero (float or integer): the start of an
/// accumulation.
bool isZeroFill(mlir::linalg::FillOp fill);

/// Whether `op` is a kind of op the lowering considers: a matmul, a
/// canonical matmul generic, a packed conv / depthwise generic, or a zero
/// fill of an L1 buffer (memory space 2).
bool isUKernelCandidate(mlir::linalg::LinalgOp op);

/// Asks the registry for a ukernel that computes candidate `op` on `device`.
/// On failure `why` explains, starting with a description of the op.
std::optional<UKernelSelection> selectUKernel(mlir::linalg::LinalgOp op,
                                              kernels::Device device,
                                              std::string &why);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_UKERNELSELECTION_H

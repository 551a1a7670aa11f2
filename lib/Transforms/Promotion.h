//===- Promotion.h - Helpers of the operand promotion -----------*- C++ -*-===//
//
// Private to lib/Transforms: what PromoteOperands.cpp and
// ResidentWeights.cpp share to stage core-tile operands in L2 and L1, on
// tensors, and the memory spaces and views the passes on the staged
// buffers read. Memory space 0 is DDR (L3), 1 the memtile (L2), 2 a core's
// data memory (L1).
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_TRANSFORMS_PROMOTION_H
#define AIECONV_LIB_TRANSFORMS_PROMOTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "llvm/ADT/DenseSet.h"

#include <optional>

namespace aieconv::promotion {

using mlir::Location;
using mlir::OpBuilder;
using mlir::OpFoldResult;
using mlir::Operation;
using mlir::RankedTensorType;
using mlir::Value;

constexpr int64_t kL2MemorySpace = 1;
constexpr int64_t kL1MemorySpace = 2;

/// The memory space of a memref value (0 when it has none), or -1 when
/// `value` is not a memref.
inline int64_t memorySpaceOf(Value value) {
  auto type = mlir::dyn_cast<mlir::MemRefType>(value.getType());
  if (!type)
    return -1;
  auto space = mlir::dyn_cast_or_null<mlir::IntegerAttr>(type.getMemorySpace());
  return space ? space.getInt() : 0;
}

/// The buffer `value` is a view of.
inline Value viewRoot(Value value) {
  while (auto view = value.getDefiningOp<mlir::ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// An empty tensor that bufferizes to a buffer in `memorySpace`.
Value allocIn(OpBuilder &builder, Location loc, RankedTensorType type,
              int64_t memorySpace);

/// The memory space `value` was copied (or relaid out) into, if it is such
/// a copy, looking through slices of it, the slab-by-slab fills of one
/// buffer (fillInSlabs) and the buffers reduction loops carry.
std::optional<int64_t> promotedSpace(Value value);

/// Offsets, sizes and strides of a slice.
struct SlabBounds {
  llvm::SmallVector<OpFoldResult> offsets, sizes, strides;
};

/// `source` with dimension `dim` cut to [offset, offset + size).
Value sliceAlong(OpBuilder &builder, Location loc, Value source, int64_t dim,
                 int64_t offset, int64_t size);

/// Fills `buffer` in `parts` slabs along dimension `dim`, one op per slab
/// (`fillSlab` writes the slab at `offset` of `size` into `into` and
/// returns the result), so that each slab can come on its own DMA channel
/// of the core. Returns the filled buffer.
Value fillInSlabs(
    OpBuilder &builder, Location loc, Value buffer, int64_t dim, int64_t parts,
    llvm::function_ref<Value(int64_t offset, int64_t size, Value into)>
        fillSlab);

/// `source` copied into `into` (of the same shape) in `parts` transfers,
/// each filling one slab along the outermost dimension that `parts`
/// divides, so that each can come on its own DMA channel of the core; one
/// copy when no dimension divides.
Value copyInParts(OpBuilder &builder, Location loc, Value source, Value into,
                  int64_t parts);

/// The schedule's entry `key`, or "" when absent.
llvm::StringRef scheduleEntry(mlir::scf::ForallOp forall, llvm::StringRef key);

/// The schedule's integer entry `key`, or `fallback` when absent.
int64_t scheduleInt(mlir::scf::ForallOp forall, llvm::StringRef key,
                    int64_t fallback);

/// The ops computing on the core tile (not fills or copies).
llvm::SmallVector<mlir::linalg::LinalgOp>
computeOpsOf(mlir::scf::ForallOp forall);

/// Keeps a core tile's whole weight block in L1 when the schedule says the
/// weights stay resident (`l1.weights_resident`): piece by piece when one
/// loop walks it, else whole before the loops (ResidentWeights.cpp).
void keepResidentWeightsInL1(mlir::scf::ForallOp forall);

/// Keeps a core tile's input, every reduction step's slab, in one L1
/// buffer when the schedule says so (`l1.input_kept`), each step filling
/// its slab: a core that computes the next channel block on the same
/// pixels finds the input there (ResidentWeights.cpp).
void keepInputInL1(mlir::scf::ForallOp forall);

/// The slices of the core loop body that the compute ops' weights are
/// taken from, where nested reduction loops walk them (taps): a resident
/// block of those is staged in L2 whole (ResidentWeights.cpp).
llvm::DenseSet<Operation *>
weightsWalkedInNestedLoops(mlir::scf::ForallOp forall);

} // namespace aieconv::promotion

#endif // AIECONV_LIB_TRANSFORMS_PROMOTION_H

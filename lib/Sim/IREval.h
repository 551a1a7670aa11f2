//===- IREval.h - Memref views of the scheduled IR --------------*- C++ -*-===//
//
// Private to lib/Sim: what ProgramFromIR needs to read one core tile of the
// scheduled IR with its loop indices bound to numbers.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_LIB_SIM_IREVAL_H
#define AIECONV_LIB_SIM_IREVAL_H

#include "aieconv/Transforms/IndexEval.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/Value.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aieconv::sim::detail {

/// Loop indices bound to numbers (evalIndex gives the values computed
/// from them).
using Env = IndexEnv;

/// The offsets of `subview` under `env`, or nothing when one is not known.
std::optional<llvm::SmallVector<int64_t, 4>>
evalOffsets(mlir::memref::SubViewOp subview, const Env &env);

/// The memref `value` is a view of: follows subview, reshapes and casts
/// back to an allocation or a block argument.
mlir::Value viewRoot(mlir::Value value);

/// A 64-bit hash naming the region `value` views of its root (offsets,
/// sizes and strides of every subview on the way), or nothing when an
/// offset is not known under `env`. Equal keys of the same root mean the
/// same bytes (a collision is not a practical concern).
using RegionKey = uint64_t;
std::optional<RegionKey> regionKey(mlir::Value value, const Env &env);

/// Elements [first, last + 1) of its root that the view `value` spans (in
/// the root's linear order; a bound, exact for a slab), or nothing when an
/// offset is not known under `env` or a layout is not strided and static.
using ElementRange = std::pair<int64_t, int64_t>;
std::optional<ElementRange> elementRange(mlir::Value value, const Env &env);

/// Whether two element ranges share an element.
inline bool overlaps(const ElementRange &a, const ElementRange &b) {
  return a.first < b.second && b.first < a.second;
}

/// The smallest range holding both.
inline ElementRange hull(const ElementRange &a, const ElementRange &b) {
  return {std::min(a.first, b.first), std::max(a.second, b.second)};
}

/// Memory space of a memref value (0 when it has none).
int64_t memorySpace(mlir::Value value);
/// Bytes of a statically shaped memref type, or nothing.
std::optional<int64_t> staticBytes(mlir::Type type);

/// Per dimension of a memref, the indices some subview touched; their
/// product counts the elements of the union when the views form a grid.
class TouchedElements {
public:
  explicit TouchedElements(mlir::MemRefType type);
  /// Marks what `view` reads of the root, if it is a subview of it with
  /// offsets known under `env` (else marks everything).
  void mark(mlir::Value view, const Env &env);
  int64_t count() const;

private:
  std::vector<std::vector<bool>> touched;
};

} // namespace aieconv::sim::detail

#endif // AIECONV_LIB_SIM_IREVAL_H

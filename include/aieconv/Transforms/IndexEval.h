//===- IndexEval.h - Index values at bound loop indices ---------*- C++ -*-===//
//
// The scheduled IR computes tile offsets, loop bounds and branch conditions
// from loop indices (arith and affine ops). The host's call counts and the
// simulator both evaluate them with the loop indices bound to numbers; this
// is the one evaluator they share.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_INDEXEVAL_H
#define AIECONV_TRANSFORMS_INDEXEVAL_H

#include "mlir/IR/Value.h"

#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <optional>

namespace aieconv {

/// Loop indices (or any index values) bound to numbers.
using IndexEnv = llvm::DenseMap<mlir::Value, int64_t>;

/// The value of the index or integer `value` computed from constants and
/// the values bound in `env` (arith integer ops and comparisons, index
/// casts, affine.apply / min / max), or nothing when an operand is unknown,
/// an op is not one of those, or a division is by zero. An i1 is 0 or 1.
/// Computed on integers, without attributes: the simulator evaluates every
/// tile's indices.
std::optional<int64_t> evalIndex(mlir::Value value, const IndexEnv &env);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_INDEXEVAL_H

//===- MatmulForm.h - Recognising and building matmul forms -----*- C++ -*-===//
//
// The shapes of IR that aieconv treats as "a matmul": a linalg op whose
// iteration space is (m, n, k) with maps A(m, k), B(k, n), C(m, n) and whose
// body is out + ext(a) * ext(b). Shared by the conv-to-matmul rewrite, which
// produces this form, and the ukernel lowering, which consumes it.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_TRANSFORMS_MATMULFORM_H
#define AIECONV_TRANSFORMS_MATMULFORM_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <functional>
#include <string>

namespace aieconv {

/// How a multiply operand is widened to the accumulator type in the body.
enum class OperandExtension { None, Float, Signed, Unsigned };

/// What a multiply-accumulate body does with its two input operands.
struct MultiplyAccumulateBody {
  OperandExtension lhs = OperandExtension::None;
  OperandExtension rhs = OperandExtension::None;
};

/// Recognises a body that yields `out + ext(in0) * ext(in1)` (either operand
/// order of the add and of the multiply), the body of every matmul and conv
/// named op. On failure, `why` says what was found instead.
std::optional<MultiplyAccumulateBody>
matchMultiplyAccumulateBody(mlir::linalg::LinalgOp op, std::string &why);

/// The indexing maps (m, n, k) -> (m, k), (k, n), (m, n).
llvm::SmallVector<mlir::AffineMap, 3>
canonicalMatmulMaps(mlir::MLIRContext *context);

/// Whether `op` has two inputs, one init, three loops (parallel, parallel,
/// reduction) and exactly the canonical matmul maps. The body is not checked.
bool hasCanonicalMatmulStructure(mlir::linalg::LinalgOp op);

/// A linalg.generic body builder that copies the body of `source`: the new
/// block's argument i stands for `source`'s argument argOrder[i] (in order
/// when `argOrder` is empty). The ops this pipeline rebuilds keep their
/// scalar computation exactly; only maps and operands change.
std::function<void(mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>
copyBodyOf(mlir::linalg::LinalgOp source,
           llvm::ArrayRef<unsigned> argOrder = {});

/// Builds a linalg.generic with canonical matmul maps over `lhs`, `rhs` and
/// `init` whose body is a copy of `bodySource`'s body, its block arguments
/// taken in the order given by `bodyArgOrder` (the new op's argument i is the
/// source's argument bodyArgOrder[i]). Returns the new op.
mlir::linalg::GenericOp
buildCanonicalMatmulGeneric(mlir::OpBuilder &builder, mlir::Location loc,
                            mlir::Value lhs, mlir::Value rhs, mlir::Value init,
                            mlir::linalg::LinalgOp bodySource,
                            llvm::ArrayRef<unsigned> bodyArgOrder);

} // namespace aieconv

#endif // AIECONV_TRANSFORMS_MATMULFORM_H

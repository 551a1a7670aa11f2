//===- MatmulForm.cpp - Recognising and building matmul forms -------------===//

#include "aieconv/Transforms/MatmulForm.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace aieconv {

/// If `value` is block argument `arg`, possibly behind one extension op,
/// returns how it is extended.
static std::optional<OperandExtension> extensionOf(Value value,
                                                   BlockArgument arg) {
  if (value == arg)
    return OperandExtension::None;
  Operation *def = value.getDefiningOp();
  if (!def || def->getNumOperands() != 1 || def->getOperand(0) != arg)
    return std::nullopt;
  if (isa<arith::ExtFOp>(def))
    return OperandExtension::Float;
  if (isa<arith::ExtSIOp>(def))
    return OperandExtension::Signed;
  if (isa<arith::ExtUIOp>(def))
    return OperandExtension::Unsigned;
  return std::nullopt;
}

std::optional<MultiplyAccumulateBody>
matchMultiplyAccumulateBody(linalg::LinalgOp op, std::string &why) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1) {
    why = "expected two inputs and one init";
    return std::nullopt;
  }
  Block *body = op.getBlock();
  auto yield = dyn_cast<linalg::YieldOp>(body->getTerminator());
  // The add, the multiply, the yield and at most two extensions.
  if (!yield || yield.getNumOperands() != 1 || body->getOperations().size() > 5) {
    why = "body is not a single multiply-accumulate";
    return std::nullopt;
  }
  BlockArgument in0 = body->getArgument(0), in1 = body->getArgument(1),
                out = body->getArgument(2);
  Operation *add = yield.getOperand(0).getDefiningOp();
  if (!add || !isa<arith::AddFOp, arith::AddIOp>(add)) {
    why = "body does not end in an addition";
    return std::nullopt;
  }
  Value product = add->getOperand(0) == out ? add->getOperand(1)
                  : add->getOperand(1) == out ? add->getOperand(0)
                                              : Value();
  Operation *mul = product ? product.getDefiningOp() : nullptr;
  if (!mul || !isa<arith::MulFOp, arith::MulIOp>(mul) ||
      isa<arith::AddFOp>(add) != isa<arith::MulFOp>(mul)) {
    why = "body does not add a product to the accumulator";
    return std::nullopt;
  }
  for (auto [first, second] : {std::pair(0, 1), std::pair(1, 0)}) {
    std::optional<OperandExtension> lhs =
        extensionOf(mul->getOperand(first), in0);
    std::optional<OperandExtension> rhs =
        extensionOf(mul->getOperand(second), in1);
    if (lhs && rhs)
      return MultiplyAccumulateBody{*lhs, *rhs};
  }
  why = "product does not multiply the two inputs";
  return std::nullopt;
}

SmallVector<AffineMap, 3> canonicalMatmulMaps(MLIRContext *context) {
  AffineExpr m, n, k;
  bindDims(context, m, n, k);
  return {AffineMap::get(3, 0, {m, k}, context),
          AffineMap::get(3, 0, {k, n}, context),
          AffineMap::get(3, 0, {m, n}, context)};
}

bool hasCanonicalMatmulStructure(linalg::LinalgOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != 3)
    return false;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (iterators[0] != utils::IteratorType::parallel ||
      iterators[1] != utils::IteratorType::parallel ||
      iterators[2] != utils::IteratorType::reduction)
    return false;
  return op.getIndexingMapsArray() ==
         ArrayRef<AffineMap>(canonicalMatmulMaps(op->getContext()));
}

linalg::GenericOp buildCanonicalMatmulGeneric(OpBuilder &builder, Location loc,
                                              Value lhs, Value rhs, Value init,
                                              linalg::LinalgOp bodySource,
                                              ArrayRef<unsigned> bodyArgOrder) {
  SmallVector<Type> resultTypes;
  if (isa<RankedTensorType>(init.getType()))
    resultTypes.push_back(init.getType());
  SmallVector<utils::IteratorType> iterators = {
      utils::IteratorType::parallel, utils::IteratorType::parallel,
      utils::IteratorType::reduction};
  return linalg::GenericOp::create(
      builder, loc, resultTypes, ValueRange{lhs, rhs}, ValueRange{init},
      canonicalMatmulMaps(builder.getContext()), iterators,
      copyBodyOf(bodySource, bodyArgOrder));
}

std::function<void(OpBuilder &, Location, ValueRange)>
copyBodyOf(linalg::LinalgOp source, ArrayRef<unsigned> argOrder) {
  Block *body = source.getBlock();
  SmallVector<unsigned> order(argOrder);
  return [body, order](OpBuilder &nested, Location, ValueRange args) {
    IRMapping mapping;
    for (auto [index, arg] : llvm::enumerate(args))
      mapping.map(body->getArgument(order.empty() ? index : order[index]),
                  arg);
    for (Operation &op : body->getOperations())
      nested.clone(op, mapping);
  };
}

} // namespace aieconv
